#include "proofdesk/adapters/SqliteCaseStore.h"

#include "proofdesk/domain/Error.h"

namespace proofdesk
{

namespace
{

using C = SqliteDatabase::Connection;

std::int64_t secs(Instant t)
{
    return t.time_since_epoch().count();
}

Instant instant(std::int64_t s)
{
    return Instant(std::chrono::seconds(s));
}

SqlValue v(std::int64_t x)
{
    return SqlValue::of(x);
}

SqlValue t(const std::string& x)
{
    return SqlValue::text(x);
}

SqlValue b(const std::string& x)
{
    return SqlValue::blob(x);
}

SqlValue at(Instant x)
{
    return SqlValue::of(secs(x));
}

std::string placeholders(std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += i == 0 ? "?" : ", ?";
    return out.empty() ? "NULL" : out;
}

const char* const caseColumns =
    "id, reference, state, user_id, channel, created_at, state_entered_at, updated_at, version, ssn_given, "
    "ssn_last4_hash, ssn_last4_sent_hash, failing_checks, claimed_by, claim_expires_at, needs_second_approval, "
    "wrapped_key, sealed_profile, sealed_upload_token";

CaseRecord readCase(const SqlRow& row)
{
    CaseRecord r;
    r.id = row.integer("id");
    r.reference = row.text("reference");
    r.state = row.text("state");
    r.userId = row.text("user_id");
    r.channel = row.text("channel");
    r.createdAt = instant(row.integer("created_at"));
    r.stateEnteredAt = instant(row.integer("state_entered_at"));
    r.updatedAt = instant(row.integer("updated_at"));
    r.version = static_cast<int>(row.integer("version"));
    r.ssnGiven = row.integer("ssn_given") != 0;
    // Two keyed hashes compared: the digits themselves are stored nowhere.
    const std::string registered = row.text("ssn_last4_hash");
    const std::string sent = row.text("ssn_last4_sent_hash");
    r.ssnLast4Provided = !sent.empty();
    if (!sent.empty() && !registered.empty())
        r.ssnLast4Matches = sent == registered;
    r.failingChecks = static_cast<int>(row.integer("failing_checks"));
    if (!row.isNull("claimed_by"))
        r.claimedBy = row.text("claimed_by");
    r.claimExpiresAt = instant(row.integer("claim_expires_at"));
    r.needsSecondApproval = row.integer("needs_second_approval") != 0;
    r.wrappedKey = row.blob("wrapped_key");
    r.sealedProfile = row.blob("sealed_profile");
    r.sealedUploadToken = row.blob("sealed_upload_token");
    return r;
}

const char* const documentColumns = "id, case_id, kind, media_type, display_name, storage_key, sha256, size, pages, "
                                    "channel, received_at, read_state, read_type, read_error, read_attempts, "
                                    "sealed_extraction, perceptual_hash, number_hash, fields_hash";

DocumentRecord readDocument(const SqlRow& row)
{
    DocumentRecord d;
    d.id = row.integer("id");
    d.caseId = row.integer("case_id");
    d.kind = row.text("kind");
    d.mediaType = row.text("media_type");
    d.displayName = row.text("display_name");
    d.storageKey = row.text("storage_key");
    d.sha256 = row.text("sha256");
    d.size = row.integer("size");
    d.pages = static_cast<int>(row.integer("pages"));
    d.channel = row.text("channel");
    d.receivedAt = instant(row.integer("received_at"));
    d.readState = row.text("read_state");
    d.readType = row.text("read_type");
    d.readError = row.text("read_error");
    d.readAttempts = static_cast<int>(row.integer("read_attempts"));
    d.sealedExtraction = row.blob("sealed_extraction");
    d.perceptualHash = row.text("perceptual_hash");
    d.numberHash = row.text("number_hash");
    d.fieldsHash = row.text("fields_hash");
    return d;
}

void insertAudit(C& c, const AuditEntry& e)
{
    c.execute("INSERT INTO audit (at, actor, action, case_id, document_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
              {at(e.at), t(e.actor), t(e.action), e.caseId ? v(*e.caseId) : SqlValue::null(),
               e.documentId ? v(*e.documentId) : SqlValue::null(), t(e.detail)});
}

void insertOutbox(C& c, std::int64_t caseId, const OutboxRecord& o)
{
    c.execute("INSERT INTO outbox (case_id, message_id, kind, sealed_message, status, attempts, created_at, "
              "next_attempt_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
              {v(caseId), t(o.messageId), t(o.kind), b(o.sealedMessage), at(o.createdAt), at(o.nextAttemptAt)});
}

} // namespace

SqliteCaseStore::SqliteCaseStore(SqliteDatabase& db) : _db(db)
{
}

CreateCaseResult SqliteCaseStore::createCase(const NewCase& n, std::int64_t& caseId)
{
    return _db.transaction([&](C& c) {
        if (c.scalar("SELECT COUNT(*) FROM user_ids WHERE user_id_key = ?", {t(n.userIdKey)}) != 0)
            return CreateCaseResult::UserIdTaken;
        if (c.scalar("SELECT COUNT(*) FROM cases WHERE reference = ?", {t(n.record.reference)}) != 0)
            return CreateCaseResult::ReferenceTaken;
        const CaseRecord& r = n.record;
        caseId = c.scalar(
            "INSERT INTO cases (reference, state, user_id, channel, created_at, state_entered_at, updated_at, "
            "version, ssn_given, ssn_hash, ssn_last4_hash, email_hash, upload_token_hash, password_hash, "
            "challenge_question, challenge_answer_hash, wrapped_key, sealed_profile, sealed_upload_token) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {t(r.reference), t(r.state), t(r.userId), t(r.channel), at(r.createdAt), at(r.stateEnteredAt),
             at(r.updatedAt), v(r.ssnGiven ? 1 : 0), t(n.ssnHash), t(n.ssnLast4Hash), t(n.emailHash),
             t(n.uploadTokenHash), t(n.passwordHash), t(n.challengeQuestion), t(n.challengeAnswerHash),
             b(r.wrappedKey), b(r.sealedProfile), b(r.sealedUploadToken)});
        if (caseId == 0)
            throw Error(ErrorCode::Unavailable, "database: the new case got no id");
        c.execute("INSERT INTO user_ids (user_id_key, user_id, case_id, reserved_at) VALUES (?, ?, ?, ?)",
                  {t(n.userIdKey), t(r.userId), v(caseId), at(r.createdAt)});
        for (const OutboxRecord& o : n.outbox)
            insertOutbox(c, caseId, o);
        AuditEntry audit = n.audit;
        audit.caseId = caseId;
        insertAudit(c, audit);
        return CreateCaseResult::Created;
    });
}

bool SqliteCaseStore::userIdTaken(const std::string& userIdKey)
{
    return _db.connect()->scalar("SELECT COUNT(*) FROM user_ids WHERE user_id_key = ?", {t(userIdKey)}) != 0;
}

std::optional<CaseRecord> SqliteCaseStore::findOne(const std::string& where, const SqlValue& value)
{
    std::optional<CaseRecord> found;
    _db.connect()->query(std::string("SELECT ") + caseColumns + " FROM cases WHERE " + where, {value},
                         [&](const SqlRow& row) { found = readCase(row); });
    return found;
}

std::optional<CaseRecord> SqliteCaseStore::findById(std::int64_t caseId)
{
    return findOne("id = ?", v(caseId));
}

std::optional<CaseRecord> SqliteCaseStore::findByReference(const std::string& reference)
{
    return findOne("reference = ?", t(reference));
}

std::optional<CaseRecord> SqliteCaseStore::findByUploadToken(const std::string& uploadTokenHash)
{
    return findOne("upload_token_hash = ?", t(uploadTokenHash));
}

void SqliteCaseStore::setSsnLast4Hash(std::int64_t caseId, const std::string& ssnLast4Hash, const AuditEntry& audit)
{
    _db.transaction([&](C& c) {
        c.execute("UPDATE cases SET ssn_last4_sent_hash = ?, updated_at = ? WHERE id = ?",
                  {t(ssnLast4Hash), at(audit.at), v(caseId)});
        insertAudit(c, audit);
    });
}

std::vector<std::int64_t> SqliteCaseStore::addDocuments(std::int64_t caseId, const std::vector<DocumentRecord>& documents,
                                                        const std::vector<AuditEntry>& audit)
{
    return _db.transaction([&](C& c) {
        std::vector<std::int64_t> ids;
        for (std::size_t i = 0; i < documents.size(); ++i)
        {
            const DocumentRecord& d = documents[i];
            std::int64_t id = c.scalar(
                "INSERT INTO documents (case_id, kind, media_type, display_name, storage_key, sha256, size, pages, "
                "channel, received_at, read_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                {v(caseId), t(d.kind), t(d.mediaType), t(d.displayName), t(d.storageKey), t(d.sha256), v(d.size),
                 v(d.pages), t(d.channel), at(d.receivedAt), t(d.readState)});
            ids.push_back(id);
            if (i < audit.size())
            {
                AuditEntry entry = audit[i];
                entry.caseId = caseId;
                entry.documentId = id;
                insertAudit(c, entry);
            }
        }
        c.execute("UPDATE cases SET updated_at = MAX(updated_at, ?) WHERE id = ?",
                  {at(documents.empty() ? Instant{} : documents.front().receivedAt), v(caseId)});
        return ids;
    });
}

std::vector<DocumentRecord> SqliteCaseStore::documents(std::int64_t caseId)
{
    std::vector<DocumentRecord> out;
    _db.connect()->query(std::string("SELECT ") + documentColumns + " FROM documents WHERE case_id = ? ORDER BY id",
                         {v(caseId)}, [&](const SqlRow& row) { out.push_back(readDocument(row)); });
    return out;
}

std::optional<DocumentRecord> SqliteCaseStore::findDocument(std::int64_t caseId, std::int64_t documentId)
{
    std::optional<DocumentRecord> out;
    _db.connect()->query(std::string("SELECT ") + documentColumns + " FROM documents WHERE case_id = ? AND id = ?",
                         {v(caseId), v(documentId)}, [&](const SqlRow& row) { out = readDocument(row); });
    return out;
}

std::optional<std::pair<DocumentRecord, std::string>> SqliteCaseStore::claimDocumentToRead(Instant now,
                                                                                            Instant staleBefore,
                                                                                            int maxAttempts)
{
    return _db.transaction([&](C& c) -> std::optional<std::pair<DocumentRecord, std::string>> {
        std::int64_t id = c.scalar("SELECT d.id FROM documents d JOIN cases c ON c.id = d.case_id "
                                   "WHERE c.wrapped_key IS NOT NULL AND (d.read_state = 'queued' OR "
                                   "(d.read_state = 'reading' AND d.read_started_at < ? AND d.read_attempts < ?)) "
                                   "ORDER BY d.id LIMIT 1",
                                   {at(staleBefore), v(maxAttempts)}, 0);
        if (id == 0)
            return std::nullopt;
        c.execute("UPDATE documents SET read_state = 'reading', read_started_at = ?, read_attempts = read_attempts + 1 "
                  "WHERE id = ?",
                  {at(now), v(id)});
        std::optional<std::pair<DocumentRecord, std::string>> out;
        c.query(std::string("SELECT ") + documentColumns + " FROM documents WHERE id = ?", {v(id)},
                [&](const SqlRow& row) { out = std::make_pair(readDocument(row), std::string()); });
        c.query("SELECT c.wrapped_key FROM cases c JOIN documents d ON d.case_id = c.id WHERE d.id = ?", {v(id)},
                [&](const SqlRow& row) { out->second = row.blob("wrapped_key"); });
        return out;
    });
}

int SqliteCaseStore::failAbandonedReads(Instant staleBefore, int maxAttempts)
{
    return static_cast<int>(_db.connect()->execute(
        "UPDATE documents SET read_state = 'failed', read_error = 'reading this file stopped the reader ' || "
        "read_attempts || ' times; it was not tried again' WHERE read_state = 'reading' AND read_started_at < ? "
        "AND read_attempts >= ?",
        {at(staleBefore), v(maxAttempts)}));
}

void SqliteCaseStore::finishReading(std::int64_t documentId, const std::string& state, const std::string& documentType,
                                    const std::string& sealedExtraction, const std::string& error)
{
    _db.connect()->execute("UPDATE documents SET read_state = ?, read_type = ?, sealed_extraction = ?, read_error = ? "
                           "WHERE id = ?",
                           {t(state), t(documentType),
                            sealedExtraction.empty() ? SqlValue::null() : b(sealedExtraction), t(error.substr(0, 500)),
                            v(documentId)});
}

void SqliteCaseStore::setDocumentFingerprints(std::int64_t documentId, const DocumentFingerprints& f)
{
    _db.connect()->execute("UPDATE documents SET perceptual_hash = ?, number_hash = ?, fields_hash = ? WHERE id = ?",
                           {t(f.perceptualHash), t(f.numberHash), t(f.fieldsHash), v(documentId)});
}

std::vector<ReuseCandidate> SqliteCaseStore::reuseCandidates(std::int64_t caseId, const std::vector<std::string>& sha256s,
                                                             const std::vector<std::string>& numberHashes,
                                                             const std::vector<std::string>& fieldsHashes, int limit)
{
    std::vector<SqlValue> values{v(caseId)};
    std::string where;
    const auto anyOf = [&](const char* column, const std::vector<std::string>& hashes) {
        std::size_t n = 0;
        for (const std::string& hash : hashes)
            if (!hash.empty())
            {
                values.push_back(t(hash));
                ++n;
            }
        if (n != 0)
            where += std::string(where.empty() ? "" : " OR ") + "d." + column + " IN (" + placeholders(n) + ")";
    };
    anyOf("sha256", sha256s);
    anyOf("number_hash", numberHashes);
    anyOf("fields_hash", fieldsHashes);
    std::vector<ReuseCandidate> out;
    if (where.empty())
        return out;
    values.push_back(v(limit));
    // A purged case has no key (and no fingerprints): it can no longer match.
    _db.connect()->query("SELECT d.case_id, c.reference, d.sha256, d.perceptual_hash, d.number_hash, d.fields_hash "
                         "FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.case_id <> ? AND "
                         "c.wrapped_key IS NOT NULL AND d.read_state <> 'purged' AND (" +
                             where + ") ORDER BY d.id LIMIT ?",
                         values, [&](const SqlRow& row) {
                             ReuseCandidate candidate;
                             candidate.caseId = row.integer("case_id");
                             candidate.reference = row.text("reference");
                             candidate.sha256 = row.text("sha256");
                             candidate.fingerprints = {row.text("perceptual_hash"), row.text("number_hash"),
                                                       row.text("fields_hash")};
                             out.push_back(candidate);
                         });
    return out;
}

void SqliteCaseStore::setFailingChecks(std::int64_t caseId, int failing)
{
    _db.connect()->execute("UPDATE cases SET failing_checks = ? WHERE id = ? AND failing_checks <> ?",
                           {v(failing), v(caseId), v(failing)});
}

std::vector<std::int64_t> SqliteCaseStore::casesWithUndeclaredReadDocuments(const std::vector<std::string>& states,
                                                                             int limit)
{
    std::vector<SqlValue> values;
    for (const std::string& s : states)
        values.push_back(t(s));
    values.push_back(v(limit));
    std::vector<std::int64_t> out;
    _db.connect()->query("SELECT DISTINCT c.id FROM cases c JOIN documents d ON d.case_id = c.id WHERE c.state IN (" +
                             placeholders(states.size()) +
                             ") AND c.wrapped_key IS NOT NULL AND d.kind = 'unknown' AND d.read_state = 'read' "
                             "AND d.read_type NOT IN ('', 'unknown') ORDER BY c.id LIMIT ?",
                         values, [&](const SqlRow& row) { out.push_back(row.integer("id")); });
    return out;
}

int SqliteCaseStore::countReadState(const std::string& state)
{
    return static_cast<int>(_db.connect()->scalar("SELECT COUNT(*) FROM documents WHERE read_state = ?", {t(state)}));
}

bool SqliteCaseStore::commitTransition(const TransitionCommit& m)
{
    return _db.transaction([&](C& c) {
        std::string sql = "UPDATE cases SET state = ?, version = version + 1, updated_at = ?";
        std::vector<SqlValue> values = {t(m.toState), at(m.at)};
        if (m.reentersState)
        {
            sql += ", state_entered_at = ?";
            values.push_back(at(m.at));
        }
        if (m.releaseClaim)
            sql += ", claimed_by = NULL, claim_expires_at = 0";
        if (m.needsSecondApproval)
        {
            sql += ", needs_second_approval = ?";
            values.push_back(v(*m.needsSecondApproval ? 1 : 0));
        }
        sql += " WHERE id = ? AND version = ?";
        values.push_back(v(m.caseId));
        values.push_back(v(m.expectedVersion));
        if (m.requireClaimBy)
        {
            sql += " AND claimed_by = ? AND claim_expires_at > ?";
            values.push_back(t(*m.requireClaimBy));
            values.push_back(at(m.at));
        }
        // The version check makes the whole commit conditional: if the case moved on, nothing is written.
        if (c.execute(sql, values) != 1)
            return false;
        c.execute("INSERT INTO case_events (case_id, at, actor, event, from_state, to_state, sealed_note) VALUES "
                  "(?, ?, ?, ?, ?, ?, ?)",
                  {v(m.caseId), at(m.event.at), t(m.event.actor), t(m.event.event), t(m.event.fromState),
                   t(m.event.toState), m.event.sealedNote.empty() ? SqlValue::null() : b(m.event.sealedNote)});
        for (const OutboxRecord& o : m.outbox)
            insertOutbox(c, m.caseId, o);
        if (m.audit)
            insertAudit(c, *m.audit);
        if (m.firedTimerId)
        {
            // Keyed by the time the case entered its state, which a self-transition keeps.
            c.execute("INSERT OR IGNORE INTO fired_timers (case_id, state_entered_at, timer_id, fired_at) "
                      "SELECT id, state_entered_at, ?, ? FROM cases WHERE id = ?",
                      {t(*m.firedTimerId), at(m.at), v(m.caseId)});
        }
        if (m.createAccount)
        {
            const AccountRecord& a = *m.createAccount;
            c.execute("INSERT INTO accounts (user_id, case_id, status, password_hash, challenge_question, "
                      "challenge_answer_hash, created_at) SELECT ?, id, ?, password_hash, challenge_question, "
                      "challenge_answer_hash, ? FROM cases WHERE id = ?",
                      {t(a.userId), t(a.status), at(a.createdAt), v(a.caseId)});
        }
        return true;
    });
}

std::vector<CaseEvent> SqliteCaseStore::events(std::int64_t caseId)
{
    std::vector<CaseEvent> out;
    _db.connect()->query(
        "SELECT at, actor, event, from_state, to_state, sealed_note FROM case_events WHERE case_id = ? ORDER BY id",
        {v(caseId)}, [&](const SqlRow& row) {
            out.push_back(CaseEvent{instant(row.integer("at")), row.text("actor"), row.text("event"),
                                    row.text("from_state"), row.text("to_state"), row.blob("sealed_note")});
        });
    return out;
}

std::vector<std::string> SqliteCaseStore::firedTimers(std::int64_t caseId, Instant stateEnteredAt)
{
    std::vector<std::string> out;
    _db.connect()->query("SELECT timer_id FROM fired_timers WHERE case_id = ? AND state_entered_at = ?",
                         {v(caseId), at(stateEnteredAt)},
                         [&](const SqlRow& row) { out.push_back(row.text("timer_id")); });
    return out;
}

std::vector<QueueRow> SqliteCaseStore::queue(const std::vector<std::string>& states, int limit, int offset)
{
    return queue(QueueFilter{states, false}, limit, offset);
}

int SqliteCaseStore::countQueue(const QueueFilter& filter)
{
    std::vector<SqlValue> values;
    for (const std::string& s : filter.states)
        values.push_back(t(s));
    return static_cast<int>(_db.connect()->scalar("SELECT COUNT(*) FROM cases WHERE state IN (" +
                                                      placeholders(filter.states.size()) + ")" +
                                                      (filter.failingChecksOnly ? " AND failing_checks > 0" : ""),
                                                  values));
}

std::vector<QueueRow> SqliteCaseStore::queue(const QueueFilter& filter, int limit, int offset)
{
    std::vector<SqlValue> values;
    for (const std::string& s : filter.states)
        values.push_back(t(s));
    values.push_back(v(limit));
    values.push_back(v(offset));
    std::vector<QueueRow> out;
    _db.connect()->query(
        "SELECT c.id, c.reference, c.state, c.channel, c.state_entered_at, c.created_at, c.claimed_by, "
        "c.claim_expires_at, c.failing_checks, (SELECT COUNT(*) FROM documents d WHERE d.case_id = c.id) AS "
        "document_count FROM cases c WHERE c.state IN (" +
            placeholders(filter.states.size()) + ")" + (filter.failingChecksOnly ? " AND c.failing_checks > 0" : "") +
            " ORDER BY c.state_entered_at, c.id LIMIT ? OFFSET ?",
        values, [&](const SqlRow& row) {
            QueueRow q;
            q.caseId = row.integer("id");
            q.reference = row.text("reference");
            q.state = row.text("state");
            q.channel = row.text("channel");
            q.stateEnteredAt = instant(row.integer("state_entered_at"));
            q.createdAt = instant(row.integer("created_at"));
            if (!row.isNull("claimed_by"))
                q.claimedBy = row.text("claimed_by");
            q.claimExpiresAt = instant(row.integer("claim_expires_at"));
            q.documentCount = static_cast<int>(row.integer("document_count"));
            q.failingChecks = static_cast<int>(row.integer("failing_checks"));
            out.push_back(q);
        });
    return out;
}

int SqliteCaseStore::countInStates(const std::vector<std::string>& states)
{
    std::vector<SqlValue> values;
    for (const std::string& s : states)
        values.push_back(t(s));
    return static_cast<int>(
        _db.connect()->scalar("SELECT COUNT(*) FROM cases WHERE state IN (" + placeholders(states.size()) + ")", values));
}

std::vector<CaseRecord> SqliteCaseStore::casesInStatesSince(const std::vector<std::string>& states,
                                                            Instant enteredBefore, int limit)
{
    std::vector<SqlValue> values;
    for (const std::string& s : states)
        values.push_back(t(s));
    values.push_back(at(enteredBefore));
    values.push_back(v(limit));
    std::vector<CaseRecord> out;
    _db.connect()->query(std::string("SELECT ") + caseColumns + " FROM cases WHERE state IN (" +
                             placeholders(states.size()) +
                             // A purged case has no key left to write its mail with: its timers stop.
                             ") AND state_entered_at <= ? AND wrapped_key IS NOT NULL ORDER BY state_entered_at, id "
                             "LIMIT ?",
                         values, [&](const SqlRow& row) { out.push_back(readCase(row)); });
    return out;
}

bool SqliteCaseStore::claim(std::int64_t caseId, const std::string& reviewer, Instant now, Instant until)
{
    // One conditional UPDATE: SQLite serialises writers, so two claims can never both succeed.
    return _db.connect()->execute("UPDATE cases SET claimed_by = ?, claim_expires_at = ? WHERE id = ? AND "
                                  "(claimed_by IS NULL OR claimed_by = ? OR claim_expires_at <= ?)",
                                  {t(reviewer), at(until), v(caseId), t(reviewer), at(now)}) == 1;
}

bool SqliteCaseStore::release(std::int64_t caseId, const std::string& reviewer)
{
    return _db.connect()->execute(
               "UPDATE cases SET claimed_by = NULL, claim_expires_at = 0 WHERE id = ? AND claimed_by = ?",
               {v(caseId), t(reviewer)}) == 1;
}

void SqliteCaseStore::audit(const AuditEntry& entry)
{
    auto c = _db.connect();
    insertAudit(*c, entry);
}

std::vector<AuditEntry> SqliteCaseStore::auditTrail(std::int64_t caseId)
{
    std::vector<AuditEntry> out;
    _db.connect()->query(
        "SELECT at, actor, action, case_id, document_id, detail FROM audit WHERE case_id = ? ORDER BY id", {v(caseId)},
        [&](const SqlRow& row) {
            AuditEntry e;
            e.at = instant(row.integer("at"));
            e.actor = row.text("actor");
            e.action = row.text("action");
            e.caseId = row.integer("case_id");
            if (!row.isNull("document_id"))
                e.documentId = row.integer("document_id");
            e.detail = row.text("detail");
            out.push_back(e);
        });
    return out;
}

std::optional<AccountRecord> SqliteCaseStore::findAccount(const std::string& userId)
{
    std::optional<AccountRecord> out;
    _db.connect()->query("SELECT user_id, case_id, status, created_at FROM accounts WHERE user_id = ?", {t(userId)},
                         [&](const SqlRow& row) {
                             out = AccountRecord{row.text("user_id"), row.integer("case_id"), row.text("status"),
                                                 instant(row.integer("created_at"))};
                         });
    return out;
}

bool SqliteCaseStore::purgeCase(std::int64_t caseId, const AuditEntry& audit)
{
    return _db.transaction([&](C& c) {
        // secure_delete is on, so SQLite overwrites the freed bytes rather than leaving them in the file.
        if (c.execute("UPDATE cases SET wrapped_key = NULL, sealed_profile = NULL, sealed_upload_token = NULL, "
                      "upload_token_hash = 'purged:' || id, email_hash = '', ssn_hash = '', ssn_last4_hash = '', "
                      "ssn_last4_sent_hash = '', "
                      "claimed_by = NULL, claim_expires_at = 0 WHERE id = ?",
                      {v(caseId)}) != 1)
            return false;
        c.execute("UPDATE case_events SET sealed_note = NULL WHERE case_id = ?", {v(caseId)});
        c.execute("UPDATE outbox SET sealed_message = x'', status = CASE status WHEN 'sent' THEN 'sent' ELSE "
                  "'failed' END, last_error = CASE status WHEN 'sent' THEN last_error ELSE 'case purged' END "
                  "WHERE case_id = ?",
                  {v(caseId)});
        c.execute("UPDATE documents SET display_name = 'purged', read_state = 'purged', sealed_extraction = NULL, "
                  "perceptual_hash = '', number_hash = '', fields_hash = '' WHERE case_id = ?",
                  {v(caseId)});
        insertAudit(c, audit);
        return true;
    });
}

std::vector<OutboxRecord> SqliteCaseStore::due(Instant now, int limit)
{
    std::vector<OutboxRecord> out;
    _db.connect()->query(
        "SELECT o.id, o.case_id, o.message_id, o.kind, o.sealed_message, o.status, o.attempts, o.created_at, "
        "o.next_attempt_at, o.last_error, c.wrapped_key FROM outbox o JOIN cases c ON c.id = o.case_id "
        "WHERE o.status = 'pending' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?",
        {at(now), v(limit)}, [&](const SqlRow& row) {
            OutboxRecord o;
            o.id = row.integer("id");
            o.caseId = row.integer("case_id");
            o.messageId = row.text("message_id");
            o.kind = row.text("kind");
            o.sealedMessage = row.blob("sealed_message");
            o.status = row.text("status");
            o.attempts = static_cast<int>(row.integer("attempts"));
            o.createdAt = instant(row.integer("created_at"));
            o.nextAttemptAt = instant(row.integer("next_attempt_at"));
            o.lastError = row.text("last_error");
            o.wrappedKey = row.blob("wrapped_key");
            out.push_back(o);
        });
    return out;
}

void SqliteCaseStore::markSent(std::int64_t id, Instant when)
{
    _db.connect()->execute("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?",
                           {at(when), v(id)});
}

void SqliteCaseStore::markAttemptFailed(std::int64_t id, const std::string& error, Instant nextAttempt, bool giveUp)
{
    _db.connect()->execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, "
                           "status = ? WHERE id = ?",
                           {t(error.substr(0, 500)), at(nextAttempt), t(giveUp ? "failed" : "pending"), v(id)});
}

int SqliteCaseStore::countByStatus(const std::string& status)
{
    return static_cast<int>(_db.connect()->scalar("SELECT COUNT(*) FROM outbox WHERE status = ?", {t(status)}));
}

SqliteReviewerStore::SqliteReviewerStore(SqliteDatabase& db) : _db(db)
{
}

std::int64_t SqliteReviewerStore::addReviewer(const ReviewerRecord& r)
{
    return _db.transaction([&](C& c) {
        if (c.scalar("SELECT COUNT(*) FROM reviewers WHERE user_id = ?", {t(r.userId)}) != 0)
            throw Error(ErrorCode::Conflict, "a reviewer with this user ID exists");
        return c.scalar("INSERT INTO reviewers (user_id, display_name, role, password_hash, disabled, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                        {t(r.userId), t(r.displayName), t(r.role), t(r.passwordHash), v(r.disabled ? 1 : 0),
                         at(r.createdAt)});
    });
}

std::vector<ReviewerRecord> SqliteReviewerStore::select(const std::string& where, const std::vector<SqlValue>& values)
{
    std::vector<ReviewerRecord> out;
    _db.connect()->query("SELECT id, user_id, display_name, role, password_hash, disabled, failed_sign_ins, "
                         "created_at FROM reviewers " +
                             where,
                         values, [&](const SqlRow& row) {
                             ReviewerRecord r;
                             r.id = row.integer("id");
                             r.userId = row.text("user_id");
                             r.displayName = row.text("display_name");
                             r.role = row.text("role");
                             r.passwordHash = row.text("password_hash");
                             r.disabled = row.integer("disabled") != 0;
                             r.failedSignIns = static_cast<int>(row.integer("failed_sign_ins"));
                             r.createdAt = instant(row.integer("created_at"));
                             out.push_back(r);
                         });
    return out;
}

std::optional<ReviewerRecord> SqliteReviewerStore::findReviewer(const std::string& userId)
{
    auto found = select("WHERE user_id = ?", {t(userId)});
    return found.empty() ? std::nullopt : std::optional<ReviewerRecord>(found.front());
}

std::optional<ReviewerRecord> SqliteReviewerStore::findReviewerById(std::int64_t id)
{
    auto found = select("WHERE id = ?", {v(id)});
    return found.empty() ? std::nullopt : std::optional<ReviewerRecord>(found.front());
}

std::vector<ReviewerRecord> SqliteReviewerStore::reviewers()
{
    return select("ORDER BY user_id", {});
}

void SqliteReviewerStore::setDisabled(const std::string& userId, bool disabled)
{
    if (_db.connect()->execute("UPDATE reviewers SET disabled = ?, failed_sign_ins = 0 WHERE user_id = ?",
                               {v(disabled ? 1 : 0), t(userId)}) != 1)
        throw Error(ErrorCode::NotFound, "no reviewer with this user ID");
    if (disabled)
        _db.connect()->execute("DELETE FROM sessions WHERE reviewer_id = (SELECT id FROM reviewers WHERE user_id = ?)",
                               {t(userId)});
}

void SqliteReviewerStore::recordSignIn(std::int64_t reviewerId, bool success)
{
    _db.connect()->execute(success ? "UPDATE reviewers SET failed_sign_ins = 0 WHERE id = ?"
                                   : "UPDATE reviewers SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ?",
                           {v(reviewerId)});
}

void SqliteReviewerStore::createSession(const SessionRecord& s)
{
    _db.connect()->execute("INSERT INTO sessions (token_hash, reviewer_id, csrf_token, created_at, last_seen_at) "
                           "VALUES (?, ?, ?, ?, ?)",
                           {t(s.tokenHash), v(s.reviewerId), t(s.csrfToken), at(s.createdAt), at(s.lastSeenAt)});
}

std::optional<SessionRecord> SqliteReviewerStore::findSession(const std::string& tokenHash)
{
    std::optional<SessionRecord> out;
    _db.connect()->query(
        "SELECT token_hash, reviewer_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = ?",
        {t(tokenHash)}, [&](const SqlRow& row) {
            out = SessionRecord{row.text("token_hash"), row.integer("reviewer_id"), row.text("csrf_token"),
                                instant(row.integer("created_at")), instant(row.integer("last_seen_at"))};
        });
    return out;
}

void SqliteReviewerStore::touchSession(const std::string& tokenHash, Instant when)
{
    _db.connect()->execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {at(when), t(tokenHash)});
}

void SqliteReviewerStore::deleteSession(const std::string& tokenHash)
{
    _db.connect()->execute("DELETE FROM sessions WHERE token_hash = ?", {t(tokenHash)});
}

} // namespace proofdesk
