#pragma once

#include "proofdesk/ports/Clock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

/// A case as stored: identity, workflow state and the opaque encrypted parts. The profile itself is
/// sealed with the case's own key (see Vault) and opened only when a page needs it.
struct CaseRecord
{
    std::int64_t id = 0;
    std::string reference;       // PD-XXXX-XXXX
    std::string state;           // a state of the workflow definition
    std::string userId;          // the user ID reserved at registration
    std::string channel;         // how the case was opened: "web", "demo", ...
    Instant createdAt{};
    Instant stateEnteredAt{};    // when the case entered its current state (timers count from here)
    Instant updatedAt{};
    int version = 0;             // optimistic concurrency: bumped on every state change
    bool ssnGiven = false;       // the full SSN was given at registration
    bool ssnLast4Provided = false;
    /// When the applicant sent last four digits and a registered SSN exists: whether their keyed hashes are
    /// equal (the digits are never stored). nullopt when there is nothing to compare.
    std::optional<bool> ssnLast4Matches;
    /// How many checks failed when they were last computed (queue column and filter; see CheckService).
    int failingChecks = 0;
    std::optional<std::string> claimedBy;  // reviewer user ID holding the lease
    Instant claimExpiresAt{};
    bool needsSecondApproval = false;
    std::string wrappedKey;      // the case's data key, wrapped by the master key (opaque bytes)
    std::string sealedProfile;   // the profile, sealed with the case key (opaque bytes)
    std::string sealedUploadToken;  // the upload link's token, sealed (only its keyed hash is searchable)
};

/// A document of a case. The bytes live encrypted in the DocumentStore under storageKey.
struct DocumentRecord
{
    std::int64_t id = 0;
    std::int64_t caseId = 0;
    std::string kind;            // declared or read kind: drivers_license, passport, bank_statement, ..., unknown
    std::string mediaType;       // decided by content
    std::string displayName;     // the sender's file name, for display only (escaped when shown; never a path)
    std::string storageKey;      // where the DocumentStore keeps the encrypted bytes
    std::string sha256;          // hex digest of the plaintext
    std::int64_t size = 0;
    int pages = 0;
    std::string channel;         // upload, email, fax, post, demo
    Instant receivedAt{};
    std::string readState = "queued";  // extraction: queued, reading, read, failed
    std::string readType;        // the type reading found ("" until read)
    std::string readError;       // why reading failed
    int readAttempts = 0;
    std::string sealedExtraction;  // the extraction as JSON, sealed with the case key ("" until read)
    std::string perceptualHash;  // 16 hex digits of the first page's difference hash ("" until computed)
    std::string numberHash;      // keyed hash of the document number read from it ("" when none)
    std::string fieldsHash;      // keyed hash of what reading found on it ("" when nothing)
};

/// One line of the audit trail: who did what, when. Never holds PII (references and ids only).
struct AuditEntry
{
    Instant at{};
    std::string actor;           // "applicant", "system", or a reviewer's user ID
    std::string action;          // "case.created", "case.approve", "document.viewed", ...
    std::optional<std::int64_t> caseId;
    std::optional<std::int64_t> documentId;
    std::string detail;          // free text without PII (states, counts)
};

/// One notification waiting in (or gone from) the durable outbox. Its content is sealed with the case key.
struct OutboxRecord
{
    std::int64_t id = 0;
    std::int64_t caseId = 0;
    std::string messageId;       // stable RFC 5322 Message-ID, chosen when the row is written
    std::string kind;            // template name
    std::string sealedMessage;   // EmailMessage encoded and sealed with the case key
    std::string status = "pending";  // pending, sent, failed
    int attempts = 0;
    Instant createdAt{};
    Instant nextAttemptAt{};
    std::string lastError;
    std::string wrappedKey;      // filled by reads: the case key needed to open sealedMessage
};

/// A case event recorded beside the state change (the reason of a rejection, the message of a request).
struct CaseEvent
{
    Instant at{};
    std::string actor;
    std::string event;
    std::string fromState;
    std::string toState;
    std::string sealedNote;      // reason or message, sealed with the case key (may be empty)
};

/// The account created on approval, in the local account store.
struct AccountRecord
{
    std::string userId;
    std::int64_t caseId = 0;
    std::string status;          // active, disabled
    Instant createdAt{};
};

/// A row of the review queue.
struct QueueRow
{
    std::int64_t caseId = 0;
    std::string reference;
    std::string state;
    std::string channel;
    Instant stateEnteredAt{};
    Instant createdAt{};
    std::optional<std::string> claimedBy;
    Instant claimExpiresAt{};
    int documentCount = 0;
    int failingChecks = 0;       // when the case's checks were last computed
};

} // namespace proofdesk
