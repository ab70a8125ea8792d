#pragma once

#include "proofdesk/adapters/SqliteDatabase.h"
#include "proofdesk/ports/CaseStore.h"
#include "proofdesk/ports/ReviewerStore.h"

namespace proofdesk
{

/// CaseStore and OutboxStore on the SQLite database.
class SqliteCaseStore : public CaseStore, public OutboxStore
{
public:
    explicit SqliteCaseStore(SqliteDatabase& db);

    CreateCaseResult createCase(const NewCase& newCase, std::int64_t& caseId) override;
    bool userIdTaken(const std::string& userIdKey) override;
    std::optional<CaseRecord> findById(std::int64_t caseId) override;
    std::optional<CaseRecord> findByReference(const std::string& reference) override;
    std::optional<CaseRecord> findByUploadToken(const std::string& uploadTokenHash) override;
    void setSsnLast4Hash(std::int64_t caseId, const std::string& ssnLast4Hash, const AuditEntry& audit) override;
    std::vector<std::int64_t> addDocuments(std::int64_t caseId, const std::vector<DocumentRecord>& documents,
                                           const std::vector<AuditEntry>& audit) override;
    std::vector<DocumentRecord> documents(std::int64_t caseId) override;
    std::optional<DocumentRecord> findDocument(std::int64_t caseId, std::int64_t documentId) override;
    std::optional<std::pair<DocumentRecord, std::string>> claimDocumentToRead(Instant now, Instant staleBefore,
                                                                               int maxAttempts) override;
    int failAbandonedReads(Instant staleBefore, int maxAttempts) override;
    void finishReading(std::int64_t documentId, const std::string& state, const std::string& documentType,
                       const std::string& sealedExtraction, const std::string& error) override;
    void setDocumentFingerprints(std::int64_t documentId, const DocumentFingerprints& fingerprints) override;
    std::vector<ReuseCandidate> reuseCandidates(std::int64_t caseId, const std::vector<std::string>& sha256s,
                                                const std::vector<std::string>& numberHashes,
                                                const std::vector<std::string>& fieldsHashes, int limit) override;
    void setFailingChecks(std::int64_t caseId, int failing) override;
    std::vector<std::int64_t> casesWithUndeclaredReadDocuments(const std::vector<std::string>& states,
                                                                int limit) override;
    int countReadState(const std::string& state) override;
    bool commitTransition(const TransitionCommit& commit) override;
    std::vector<CaseEvent> events(std::int64_t caseId) override;
    std::vector<std::string> firedTimers(std::int64_t caseId, Instant stateEnteredAt) override;
    std::vector<QueueRow> queue(const std::vector<std::string>& states, int limit, int offset) override;
    int countInStates(const std::vector<std::string>& states) override;
    std::vector<QueueRow> queue(const QueueFilter& filter, int limit, int offset) override;
    int countQueue(const QueueFilter& filter) override;
    std::vector<CaseRecord> casesInStatesSince(const std::vector<std::string>& states, Instant enteredBefore,
                                               int limit) override;
    bool claim(std::int64_t caseId, const std::string& reviewer, Instant now, Instant until) override;
    bool release(std::int64_t caseId, const std::string& reviewer) override;
    void audit(const AuditEntry& entry) override;
    std::vector<AuditEntry> auditTrail(std::int64_t caseId) override;
    std::optional<AccountRecord> findAccount(const std::string& userId) override;
    bool purgeCase(std::int64_t caseId, const AuditEntry& audit) override;

    std::vector<OutboxRecord> due(Instant now, int limit) override;
    void markSent(std::int64_t id, Instant at) override;
    void markAttemptFailed(std::int64_t id, const std::string& error, Instant nextAttempt, bool giveUp) override;
    int countByStatus(const std::string& status) override;

private:
    std::optional<CaseRecord> findOne(const std::string& where, const SqlValue& value);

    SqliteDatabase& _db;
};

/// ReviewerStore on the SQLite database.
class SqliteReviewerStore : public ReviewerStore
{
public:
    explicit SqliteReviewerStore(SqliteDatabase& db);

    std::int64_t addReviewer(const ReviewerRecord& reviewer) override;
    std::optional<ReviewerRecord> findReviewer(const std::string& userId) override;
    std::optional<ReviewerRecord> findReviewerById(std::int64_t id) override;
    std::vector<ReviewerRecord> reviewers() override;
    void setDisabled(const std::string& userId, bool disabled) override;
    void recordSignIn(std::int64_t reviewerId, bool success) override;
    void createSession(const SessionRecord& session) override;
    std::optional<SessionRecord> findSession(const std::string& tokenHash) override;
    void touchSession(const std::string& tokenHash, Instant at) override;
    void deleteSession(const std::string& tokenHash) override;

private:
    std::vector<ReviewerRecord> select(const std::string& where, const std::vector<SqlValue>& values);

    SqliteDatabase& _db;
};

} // namespace proofdesk
