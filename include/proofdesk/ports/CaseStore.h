#pragma once

#include "proofdesk/domain/Case.h"

#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

/// Everything written when a case is opened, committed in one transaction.
struct NewCase
{
    CaseRecord record;              // id, version ignored
    std::string userIdKey;          // canonical user ID, reserved for ever
    std::string emailHash;          // keyed hash of the normalised email, to match senders later
    std::string uploadTokenHash;    // keyed hash of the upload token (the token itself is never stored)
    std::string passwordHash;       // Argon2id
    std::string challengeQuestion;
    std::string challengeAnswerHash;  // Argon2id
    std::string ssnHash;            // keyed hash of the full SSN digits, or empty
    std::string ssnLast4Hash;       // keyed hash of the last four, or empty
    std::vector<OutboxRecord> outbox;
    AuditEntry audit;
};

enum class CreateCaseResult
{
    Created,
    UserIdTaken,
    ReferenceTaken
};

/// A state change and everything that goes with it, committed in one transaction or not at all.
struct TransitionCommit
{
    std::int64_t caseId = 0;
    int expectedVersion = 0;        // the commit fails (returns false) if the case changed meanwhile
    std::string toState;
    bool reentersState = true;      // false: keep stateEnteredAt (a reminder's self-transition)
    Instant at{};
    CaseEvent event;
    std::vector<OutboxRecord> outbox;
    std::optional<AuditEntry> audit;
    std::optional<AccountRecord> createAccount;  // the create_account action
    bool releaseClaim = false;
    std::optional<std::string> firedTimerId;     // recorded so the timer fires once per stay in the state
    std::optional<bool> needsSecondApproval;
    std::optional<std::string> requireClaimBy;   // the commit fails unless this reviewer holds a live lease
};

/// The searchable fingerprints of a document (no PII in clear): see DocumentRecord.
struct DocumentFingerprints
{
    std::string perceptualHash;
    std::string numberHash;
    std::string fieldsHash;
};

/// A document of another case that shares a fingerprint with one of ours (the check reuse).
struct ReuseCandidate
{
    std::int64_t caseId = 0;
    std::string reference;
    std::string sha256;
    DocumentFingerprints fingerprints;
};

/// Which cases the queue lists.
struct QueueFilter
{
    std::vector<std::string> states;
    bool failingChecksOnly = false;  // only cases whose stored failing count is above 0
};

/// Storage of cases, their documents, events, outbox and audit trail.
/// Every method is atomic; implementations throw Error(Unavailable) when storage fails.
class CaseStore
{
public:
    virtual ~CaseStore() = default;

    /// Reserves the user ID and inserts the case, its outbox rows and audit row, atomically.
    virtual CreateCaseResult createCase(const NewCase& newCase, std::int64_t& caseId) = 0;

    /// True when the canonical user ID was ever reserved (user IDs never become free again).
    virtual bool userIdTaken(const std::string& userIdKey) = 0;

    virtual std::optional<CaseRecord> findById(std::int64_t caseId) = 0;
    virtual std::optional<CaseRecord> findByReference(const std::string& reference) = 0;
    virtual std::optional<CaseRecord> findByUploadToken(const std::string& uploadTokenHash) = 0;

    /// Stores the keyed hash of the last four SSN digits the applicant sent (beside the registered one's, which
    /// it never replaces), for comparing later (CaseRecord::ssnLast4Matches).
    virtual void setSsnLast4Hash(std::int64_t caseId, const std::string& ssnLast4Hash, const AuditEntry& audit) = 0;

    /// Adds documents (their bytes already durable in the DocumentStore) and their audit rows atomically.
    /// Returns the ids in order.
    virtual std::vector<std::int64_t> addDocuments(std::int64_t caseId, const std::vector<DocumentRecord>& documents,
                                                   const std::vector<AuditEntry>& audit) = 0;
    virtual std::vector<DocumentRecord> documents(std::int64_t caseId) = 0;
    virtual std::optional<DocumentRecord> findDocument(std::int64_t caseId, std::int64_t documentId) = 0;

    /// Claims the next document to read: the oldest queued one, or one whose reading started before
    /// `staleBefore` (its reader died) and has been tried fewer than `maxAttempts` times. Marks it
    /// reading at `now`. Returns it with its case's wrapped key; nullopt when there is nothing to read.
    virtual std::optional<std::pair<DocumentRecord, std::string>> claimDocumentToRead(Instant now, Instant staleBefore,
                                                                                       int maxAttempts) = 0;
    /// Fails, with a reason, the documents whose reading started before `staleBefore` `maxAttempts` times
    /// (a file that kills its reader must not be retried for ever). Returns how many.
    virtual int failAbandonedReads(Instant staleBefore, int maxAttempts) = 0;
    /// Records the outcome of reading one document: state "read" or "failed".
    virtual void finishReading(std::int64_t documentId, const std::string& state, const std::string& documentType,
                               const std::string& sealedExtraction, const std::string& error) = 0;
    /// Records a document's fingerprints (after reading it).
    virtual void setDocumentFingerprints(std::int64_t documentId, const DocumentFingerprints& fingerprints) = 0;
    /// Documents of cases other than `caseId`, not purged, with one of these SHA-256 digests, number hashes or
    /// fields hashes (empty strings never match). At most `limit` rows.
    virtual std::vector<ReuseCandidate> reuseCandidates(std::int64_t caseId, const std::vector<std::string>& sha256s,
                                                        const std::vector<std::string>& numberHashes,
                                                        const std::vector<std::string>& fieldsHashes,
                                                        int limit) = 0;
    /// Stores how many checks of the case fail now (for the queue).
    virtual void setFailingChecks(std::int64_t caseId, int failing) = 0;
    /// Cases in the given states (not purged) holding a document read as a known type whose kind nobody
    /// declared: those whose documents_read event may have been lost to a crash right after the reading.
    virtual std::vector<std::int64_t> casesWithUndeclaredReadDocuments(const std::vector<std::string>& states,
                                                                        int limit) = 0;
    /// Documents per reading state (for health and metrics).
    virtual int countReadState(const std::string& state) = 0;

    /// Applies a workflow transition; false (nothing written) when the case version moved on.
    virtual bool commitTransition(const TransitionCommit& commit) = 0;

    virtual std::vector<CaseEvent> events(std::int64_t caseId) = 0;
    virtual std::vector<std::string> firedTimers(std::int64_t caseId, Instant stateEnteredAt) = 0;

    /// Cases in the given states, oldest in their state first.
    virtual std::vector<QueueRow> queue(const std::vector<std::string>& states, int limit, int offset) = 0;
    virtual int countInStates(const std::vector<std::string>& states) = 0;
    /// The same, filtered (QueueFilter).
    virtual std::vector<QueueRow> queue(const QueueFilter& filter, int limit, int offset) = 0;
    virtual int countQueue(const QueueFilter& filter) = 0;

    /// Cases in the given states that entered them at or before `enteredBefore` (timer candidates).
    virtual std::vector<CaseRecord> casesInStatesSince(const std::vector<std::string>& states, Instant enteredBefore,
                                                       int limit) = 0;

    /// Atomically gives the lease to `reviewer` until `until` if the case is unclaimed, its lease expired,
    /// or the reviewer already holds it. Returns false when someone else holds a live lease.
    virtual bool claim(std::int64_t caseId, const std::string& reviewer, Instant now, Instant until) = 0;

    /// Releases the lease if `reviewer` holds it. Returns false otherwise.
    virtual bool release(std::int64_t caseId, const std::string& reviewer) = 0;

    virtual void audit(const AuditEntry& entry) = 0;
    virtual std::vector<AuditEntry> auditTrail(std::int64_t caseId) = 0;

    virtual std::optional<AccountRecord> findAccount(const std::string& userId) = 0;

    /// Destroys a case's key and every sealed value (profile, upload token, notes, unsent mail) and its
    /// searchable hashes (also its documents' fingerprints), atomically, keeping the audit trail and the
    /// state. Afterwards nothing the case held can be decrypted or found. Returns false when there is no such case.
    virtual bool purgeCase(std::int64_t caseId, const AuditEntry& audit) = 0;
};

/// The durable outbox, drained by the outbox worker.
class OutboxStore
{
public:
    virtual ~OutboxStore() = default;

    /// Pending messages due at `now`, oldest first, with their case keys.
    virtual std::vector<OutboxRecord> due(Instant now, int limit) = 0;
    /// Marks a message sent; only after the transport accepted it.
    virtual void markSent(std::int64_t id, Instant at) = 0;
    /// Records a failed attempt; `giveUp` marks it failed for good.
    virtual void markAttemptFailed(std::int64_t id, const std::string& error, Instant nextAttempt, bool giveUp) = 0;
    virtual int countByStatus(const std::string& status) = 0;
};

} // namespace proofdesk
