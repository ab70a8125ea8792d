#include "proofdesk/adapters/SqliteMailStore.h"

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

SqlValue at(Instant x)
{
    return SqlValue::of(secs(x));
}

const char* const columns =
    "m.id, m.received_at, m.channel, m.message_id, m.content_hash, m.state, m.case_id, m.wrapped_key, m.sealed_raw, "
    "m.sealed_summary, m.sealed_body, m.auth_summary, m.attachment_count, m.note, m.attempts, m.last_error, "
    "m.processed_at, c.wrapped_key AS case_key, c.reference AS case_reference";

InboundRecord readInbound(const SqlRow& row)
{
    InboundRecord r;
    r.id = row.integer("id");
    r.receivedAt = Instant(std::chrono::seconds(row.integer("received_at")));
    r.channel = row.text("channel");
    r.messageId = row.text("message_id");
    r.contentHash = row.text("content_hash");
    r.state = row.text("state");
    if (!row.isNull("case_id"))
        r.caseId = row.integer("case_id");
    r.caseReference = row.text("case_reference");
    r.wrappedKey = row.blob("wrapped_key");
    r.caseKey = row.blob("case_key");
    r.sealedRaw = row.blob("sealed_raw");
    r.sealedSummary = row.blob("sealed_summary");
    r.sealedBody = row.blob("sealed_body");
    r.authSummary = row.text("auth_summary");
    r.attachmentCount = static_cast<int>(row.integer("attachment_count"));
    r.note = row.text("note");
    r.attempts = static_cast<int>(row.integer("attempts"));
    r.lastError = row.text("last_error");
    r.processedAt = Instant(std::chrono::seconds(row.integer("processed_at")));
    return r;
}

std::string inList(std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += i == 0 ? "?" : ", ?";
    return out;
}

} // namespace

SqliteMailStore::SqliteMailStore(SqliteDatabase& db) : _db(db)
{
}

std::vector<InboundRecord> SqliteMailStore::select(const std::string& where, const std::vector<SqlValue>& values)
{
    std::vector<InboundRecord> out;
    _db.connect()->query(std::string("SELECT ") + columns +
                             " FROM inbound_mail m LEFT JOIN cases c ON c.id = m.case_id WHERE " + where,
                         values, [&](const SqlRow& row) { out.push_back(readInbound(row)); });
    return out;
}

std::optional<std::int64_t> SqliteMailStore::insert(const NewInbound& m)
{
    return _db.transaction([&](C& c) -> std::optional<std::int64_t> {
        if (c.scalar("SELECT COUNT(*) FROM inbound_mail WHERE content_hash = ?", {SqlValue::text(m.contentHash)}) != 0)
            return std::nullopt;
        std::string note;
        if (!m.messageId.empty())
        {
            // The same Message-ID with other bytes: a resend or another copy (other Received lines); kept, noted.
            std::int64_t earlier = c.scalar("SELECT MIN(id) FROM inbound_mail WHERE message_id = ?",
                                            {SqlValue::text(m.messageId)}, 0);
            if (earlier != 0)
                note = "same Message-ID as message " + std::to_string(earlier) + ", other content";
        }
        std::int64_t id = c.scalar(
            "INSERT INTO inbound_mail (received_at, channel, message_id, content_hash, state, wrapped_key, sealed_raw, "
            "note) VALUES (?, ?, ?, ?, 'stored', ?, ?, ?) RETURNING id",
            {at(m.receivedAt), SqlValue::text(m.channel), SqlValue::text(m.messageId), SqlValue::text(m.contentHash),
             SqlValue::blob(m.wrappedKey), SqlValue::blob(m.sealedRaw), SqlValue::text(note)});
        if (id == 0)
            throw Error(ErrorCode::Unavailable, "database: the incoming message got no id");
        return id;
    });
}

std::optional<InboundRecord> SqliteMailStore::claimNext(Instant now, Instant staleBefore, int maxAttempts)
{
    std::optional<std::int64_t> claimed = _db.transaction([&](C& c) -> std::optional<std::int64_t> {
        std::int64_t id = c.scalar("SELECT id FROM inbound_mail WHERE state = 'stored' AND attempts < ? AND "
                                   "(processing_started_at = 0 OR processing_started_at < ?) ORDER BY id LIMIT 1",
                                   {SqlValue::of(maxAttempts), at(staleBefore)}, 0);
        if (id == 0)
            return std::nullopt;
        c.execute("UPDATE inbound_mail SET processing_started_at = ?, attempts = attempts + 1 WHERE id = ?",
                  {at(now), SqlValue::of(id)});
        return id;
    });
    if (!claimed)
        return std::nullopt;
    return find(*claimed);
}

int SqliteMailStore::triageAbandoned(Instant staleBefore, int maxAttempts, Instant now)
{
    return _db.transaction([&](C& c) {
        return static_cast<int>(c.execute(
            "UPDATE inbound_mail SET state = 'triage', processing_started_at = 0, processed_at = ?, "
            "note = 'processing was abandoned ' || attempts || ' times' WHERE state = 'stored' AND attempts >= ? AND "
            "processing_started_at != 0 AND processing_started_at < ?",
            {at(now), SqlValue::of(maxAttempts), at(staleBefore)}));
    });
}

void SqliteMailStore::releaseAfterFailure(std::int64_t id, const std::string& error, bool giveUp, Instant now)
{
    _db.transaction([&](C& c) {
        if (giveUp)
            c.execute("UPDATE inbound_mail SET state = 'triage', processing_started_at = 0, last_error = ?, "
                      "processed_at = ?, note = 'could not be processed' WHERE id = ? AND state = 'stored'",
                      {SqlValue::text(error), at(now), SqlValue::of(id)});
        else
            c.execute("UPDATE inbound_mail SET processing_started_at = 0, last_error = ? WHERE id = ? AND "
                      "state = 'stored'",
                      {SqlValue::text(error), SqlValue::of(id)});
    });
}

bool SqliteMailStore::update(const InboundUpdate& u, bool& replied)
{
    replied = false;
    return _db.transaction([&](C& c) {
        std::vector<SqlValue> values;
        std::string sql = "UPDATE inbound_mail SET state = ?, case_id = ?, sealed_summary = ?, sealed_body = ?, "
                          "auth_summary = ?, attachment_count = ?, note = ?, processing_started_at = 0, "
                          "processed_at = ?, last_error = ''";
        values = {SqlValue::text(u.state), u.caseId ? SqlValue::of(*u.caseId) : SqlValue::null(),
                  SqlValue::blob(u.sealedSummary), SqlValue::blob(u.sealedBody), SqlValue::text(u.authSummary),
                  SqlValue::of(u.attachmentCount), SqlValue::text(u.note), at(u.at)};
        if (u.keyToCase)
        {
            if (!u.sealedRaw || !u.caseId)
                throw Error(ErrorCode::Internal, "a message moved to its case key needs the case and the re-sealed raw");
            sql += ", wrapped_key = NULL, sealed_raw = ?";
            values.push_back(SqlValue::blob(*u.sealedRaw));
        }
        if (!u.sealedDiscardNote.empty())
        {
            sql += ", sealed_discard_note = ?";
            values.push_back(SqlValue::blob(u.sealedDiscardNote));
        }
        sql += " WHERE id = ? AND state IN (" + inList(u.fromStates.size()) + ")";
        values.push_back(SqlValue::of(u.id));
        for (const std::string& state : u.fromStates)
            values.push_back(SqlValue::text(state));
        if (u.fromStates.empty() || c.execute(sql, values) != 1)
            return false;
        if (u.reply && u.caseId)
        {
            const PlannedReply& r = *u.reply;
            // Checked inside the transaction, so two processors cannot both answer the same case today.
            bool already = c.scalar("SELECT COUNT(*) FROM mail_replies WHERE case_id = ? AND kind = ? AND at >= ?",
                                    {SqlValue::of(*u.caseId), SqlValue::text(r.kind), at(r.notSince)}) != 0;
            if (!already)
            {
                const OutboxRecord& o = r.outbox;
                c.execute("INSERT INTO outbox (case_id, message_id, kind, sealed_message, status, attempts, "
                          "created_at, next_attempt_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
                          {SqlValue::of(*u.caseId), SqlValue::text(o.messageId), SqlValue::text(o.kind),
                           SqlValue::blob(o.sealedMessage), at(o.createdAt), at(o.nextAttemptAt)});
                c.execute("INSERT INTO mail_replies (at, case_id, sender_hash, kind, inbound_id) VALUES (?, ?, ?, ?, ?)",
                          {at(u.at), SqlValue::of(*u.caseId), SqlValue::text(r.senderHash), SqlValue::text(r.kind),
                           SqlValue::of(u.id)});
                replied = true;
            }
        }
        for (const AuditEntry& e : u.audit)
            c.execute("INSERT INTO audit (at, actor, action, case_id, document_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
                      {at(e.at), SqlValue::text(e.actor), SqlValue::text(e.action),
                       e.caseId ? SqlValue::of(*e.caseId) : SqlValue::null(),
                       e.documentId ? SqlValue::of(*e.documentId) : SqlValue::null(), SqlValue::text(e.detail)});
        return true;
    });
}

std::optional<InboundRecord> SqliteMailStore::find(std::int64_t id)
{
    std::vector<InboundRecord> found = select("m.id = ?", {SqlValue::of(id)});
    if (found.empty())
        return std::nullopt;
    return found.front();
}

std::vector<InboundRecord> SqliteMailStore::inState(const std::string& state, int limit, int offset)
{
    return select("m.state = ? ORDER BY m.id DESC LIMIT ? OFFSET ?",
                  {SqlValue::text(state), SqlValue::of(limit), SqlValue::of(offset)});
}

int SqliteMailStore::countInState(const std::string& state)
{
    return static_cast<int>(
        _db.connect()->scalar("SELECT COUNT(*) FROM inbound_mail WHERE state = ?", {SqlValue::text(state)}));
}

std::vector<InboundRecord> SqliteMailStore::forCase(std::int64_t caseId)
{
    return select("m.case_id = ? ORDER BY m.id", {SqlValue::of(caseId)});
}

std::vector<std::pair<std::int64_t, std::string>> SqliteMailStore::casesWithEmailHash(const std::string& emailHash)
{
    std::vector<std::pair<std::int64_t, std::string>> out;
    if (emailHash.empty())
        return out;  // purged cases have an empty hash
    _db.connect()->query("SELECT id, state FROM cases WHERE email_hash = ? ORDER BY id", {SqlValue::text(emailHash)},
                         [&](const SqlRow& row) { out.emplace_back(row.integer("id"), row.text("state")); });
    return out;
}

int SqliteMailStore::repliesSince(std::optional<std::int64_t> caseId, const std::string& senderHash,
                                  const std::string& kind, Instant since)
{
    std::string sql = "SELECT COUNT(*) FROM mail_replies WHERE at >= ?";
    std::vector<SqlValue> values = {at(since)};
    if (caseId)
    {
        sql += " AND case_id = ?";
        values.push_back(SqlValue::of(*caseId));
    }
    if (!senderHash.empty())
    {
        sql += " AND sender_hash = ?";
        values.push_back(SqlValue::text(senderHash));
    }
    if (!kind.empty())
    {
        sql += " AND kind = ?";
        values.push_back(SqlValue::text(kind));
    }
    return static_cast<int>(_db.connect()->scalar(sql, values));
}

} // namespace proofdesk
