#include "proofdesk/app/ReviewService.h"

#include "proofdesk/app/ExtractionJson.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Registration.h"

#include <algorithm>

namespace proofdesk
{

namespace
{

std::vector<std::string> queueStates(const WorkflowDefinition& definition)
{
    return definition.queueStates();
}

// A hash that takes as long to verify as a real one, so unknown user IDs answer as slowly as known ones.
const std::string& decoyHash(SecretHasher& hasher)
{
    static const std::string hash = hasher.hash("decoy password that nobody has 1!A");
    return hash;
}

} // namespace

ReviewService::ReviewService(ReviewerStore& reviewers, CaseStore& store, CaseService& cases, DocumentStore& documents,
                             DocumentInspector& inspector, SecretHasher& hasher, Vault& vault, RandomSource& random,
                             Clock& clock, const AppSettings& settings)
    : _reviewers(reviewers), _store(store), _cases(cases), _documents(documents), _inspector(inspector),
      _hasher(hasher), _vault(vault), _random(random), _clock(clock), _settings(settings)
{
}

void ReviewService::addReviewer(const std::string& userId, const std::string& displayName, const std::string& role,
                                const std::string& password)
{
    if (role != "reviewer" && role != "supervisor")
        throw Error(ErrorCode::InvalidInput, "role must be reviewer or supervisor");
    if (userId.size() < 3 || userId.size() > 100)
        throw Error(ErrorCode::InvalidInput, "a reviewer's user ID must be 3 to 100 characters");
    std::vector<std::string> problems = passwordProblems(password, "", "", userId);
    if (!problems.empty())
        throw Error(ErrorCode::InvalidInput, "password refused: " + problems.front());
    ReviewerRecord record;
    record.userId = userId;
    record.displayName = displayName.empty() ? userId : displayName;
    record.role = role;
    record.passwordHash = _hasher.hash(password);
    record.createdAt = _clock.now();
    _reviewers.addReviewer(record);
}

std::optional<std::string> ReviewService::signIn(const std::string& userId, const std::string& password)
{
    std::optional<ReviewerRecord> reviewer = _reviewers.findReviewer(userId);
    if (!reviewer)
    {
        _hasher.verify(decoyHash(_hasher), password);
        return std::nullopt;
    }
    bool ok = _hasher.verify(reviewer->passwordHash, password);
    if (reviewer->disabled || reviewer->failedSignIns >= _settings.maxFailedSignIns)
        return std::nullopt;
    _reviewers.recordSignIn(reviewer->id, ok);
    if (!ok)
        return std::nullopt;
    std::string token = _random.token(32);
    SessionRecord session;
    session.tokenHash = _vault.keyedHash("session", token);
    session.reviewerId = reviewer->id;
    session.csrfToken = _random.token(24);
    session.createdAt = _clock.now();
    session.lastSeenAt = session.createdAt;
    _reviewers.createSession(session);
    return token;
}

std::optional<ReviewerSession> ReviewService::session(const std::string& cookieValue)
{
    if (cookieValue.empty() || cookieValue.size() > 128)
        return std::nullopt;
    std::string tokenHash = _vault.keyedHash("session", cookieValue);
    std::optional<SessionRecord> session = _reviewers.findSession(tokenHash);
    if (!session)
        return std::nullopt;
    Instant now = _clock.now();
    if (now - session->lastSeenAt > _settings.sessionIdle)
    {
        _reviewers.deleteSession(tokenHash);
        return std::nullopt;
    }
    std::optional<ReviewerRecord> reviewer = _reviewers.findReviewerById(session->reviewerId);
    if (!reviewer || reviewer->disabled)
        return std::nullopt;
    // Refresh at most once a minute: every request would otherwise be a database write.
    if (now - session->lastSeenAt >= std::chrono::minutes(1))
        _reviewers.touchSession(tokenHash, now);
    return ReviewerSession{*reviewer, session->csrfToken, tokenHash};
}

void ReviewService::signOut(const std::string& cookieValue)
{
    if (!cookieValue.empty())
        _reviewers.deleteSession(_vault.keyedHash("session", cookieValue));
}

std::vector<QueueRow> ReviewService::queue(int limit, int offset, bool failingOnly)
{
    return _store.queue(QueueFilter{queueStates(_cases.engine().definition()), failingOnly}, limit, offset);
}

int ReviewService::queueSize(bool failingOnly)
{
    return _store.countQueue(QueueFilter{queueStates(_cases.engine().definition()), failingOnly});
}

CaseRecord ReviewService::mustFind(const std::string& reference)
{
    std::optional<CaseRecord> record = _store.findByReference(reference);
    if (!record)
        throw Error(ErrorCode::NotFound, "no case with this reference");
    return *record;
}

CaseView ReviewService::view(const ReviewerSession& who, const std::string& reference)
{
    CaseView view;
    view.record = mustFind(reference);
    view.profile = _cases.profile(view.record);
    view.documents = _store.documents(view.record.id);
    for (const DocumentRecord& document : view.documents)
    {
        std::optional<Extraction> extraction;
        if (!document.sealedExtraction.empty())
        {
            try
            {
                extraction = extractionFromJson(_vault.open(view.record.wrappedKey, document.sealedExtraction));
            }
            catch (const Error&)
            {
                // A damaged result is shown as not read rather than breaking the whole case page.
            }
        }
        view.extractions.push_back(std::move(extraction));
    }
    view.events = _store.events(view.record.id);
    for (const CaseEvent& event : view.events)
        view.eventNotes.push_back(event.sealedNote.empty() ? std::string()
                                                           : _vault.open(view.record.wrappedKey, event.sealedNote));
    view.audit = _store.auditTrail(view.record.id);
    view.evidence = _cases.evidenceStatus(view.record);
    if (!view.record.wrappedKey.empty())
    {
        CheckService& checks = _cases.checks();
        view.checks = checks.report(view.record);
        // The stored count follows what the reviewer sees (a day passing can expire an ID).
        if (view.checks.failed() != view.record.failingChecks)
            _store.setFailingChecks(view.record.id, view.checks.failed());
        view.requestItems = checks.requestItems(view.record, view.checks);
    }
    Instant now = _clock.now();
    bool live = view.record.claimedBy && view.record.claimExpiresAt > now;
    view.claimedByMe = live && *view.record.claimedBy == who.reviewer.userId;
    view.claimedByOther = live && !view.claimedByMe;
    view.actions = _cases.engine().eventsFor(view.record.state, who.reviewer.role);
    _store.audit(AuditEntry{now, who.reviewer.userId, "case.viewed", view.record.id, std::nullopt, ""});
    return view;
}

void ReviewService::claim(const ReviewerSession& who, const std::string& reference)
{
    CaseRecord record = mustFind(reference);
    Instant now = _clock.now();
    if (!_store.claim(record.id, who.reviewer.userId, now, now + _settings.claimLease))
        throw Error(ErrorCode::Conflict, "another reviewer is working on this case");
    _store.audit(AuditEntry{now, who.reviewer.userId, "case.claimed", record.id, std::nullopt, ""});
}

void ReviewService::release(const ReviewerSession& who, const std::string& reference)
{
    CaseRecord record = mustFind(reference);
    if (_store.release(record.id, who.reviewer.userId))
        _store.audit(AuditEntry{_clock.now(), who.reviewer.userId, "case.released", record.id, std::nullopt, ""});
}

EventOutcome ReviewService::decide(const ReviewerSession& who, const std::string& reference, const std::string& event,
                                   const std::map<std::string, std::string>& inputs)
{
    static const std::vector<std::string> decisions = {"approve", "reject", "request_info"};
    if (std::find(decisions.begin(), decisions.end(), event) == decisions.end())
        throw Error(ErrorCode::InvalidInput, "unknown decision");
    CaseRecord record = mustFind(reference);
    Instant now = _clock.now();
    if (!record.claimedBy || *record.claimedBy != who.reviewer.userId || record.claimExpiresAt <= now)
        throw Error(ErrorCode::Conflict, "claim the case before deciding it");
    return _cases.fire(record.id, event, actorOf(who), inputs, true);
}

std::string ReviewService::documentPage(const ReviewerSession& who, const std::string& reference,
                                        std::int64_t documentId, int page)
{
    CaseRecord record = mustFind(reference);
    std::optional<DocumentRecord> document = _store.findDocument(record.id, documentId);
    if (!document)
        throw Error(ErrorCode::NotFound, "no such document on this case");
    if (page < 0 || page >= std::max(1, document->pages))
        throw Error(ErrorCode::NotFound, "no such page");
    std::string bytes = _documents.get(document->storageKey, record.wrappedKey);
    std::string png = _inspector.renderPng(bytes, page);
    _store.audit(AuditEntry{_clock.now(), who.reviewer.userId, "document.viewed", record.id, document->id,
                            "page " + std::to_string(page + 1)});
    return png;
}

} // namespace proofdesk
