#pragma once

#include "proofdesk/domain/Case.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

/// One incoming message as stored. The raw bytes and what was read from them are sealed: with the message's
/// own key (`wrappedKey`) while it belongs to no case, with the case key once it does.
struct InboundRecord
{
    std::int64_t id = 0;
    Instant receivedAt{};
    std::string channel;          // pop3, mailgate
    std::string messageId;        // without angle brackets; empty when the message had none
    std::string contentHash;      // SHA-256 (hex) of the raw bytes
    std::string state = "stored"; // stored, processed, triage, automatic, discarded
    std::optional<std::int64_t> caseId;
    std::string caseReference;    // filled by reads when caseId is set
    std::string wrappedKey;       // the message's own key; empty once sealed with the case key
    std::string caseKey;          // filled by reads: the case's wrapped key when caseId is set
    std::string sealedRaw;
    std::string sealedSummary;    // encoded fields (sender, subject, attachments...), "" until processed
    std::string sealedBody;       // the body text, "" until processed
    std::string authSummary;      // "spf=pass dkim=pass dmarc=none" (no PII)
    int attachmentCount = 0;
    std::string note;             // why it is in its state (no PII)
    int attempts = 0;
    std::string lastError;
    Instant processedAt{};

    /// The key its sealed values are sealed with.
    const std::string& key() const { return wrappedKey.empty() ? caseKey : wrappedKey; }
};

/// A message to insert when it is taken.
struct NewInbound
{
    Instant receivedAt{};
    std::string channel;
    std::string messageId;
    std::string contentHash;
    std::string wrappedKey;
    std::string sealedRaw;
};

/// An automatic reply decided while processing, written with the message's new state or not at all.
struct PlannedReply
{
    OutboxRecord outbox;
    std::string senderHash;       // keyed hash of the address it answers (rate limits)
    std::string kind;             // no_attachment
    Instant notSince{};           // skip it when the case already got a reply of this kind at or after this
};

/// Everything one processing step (or a reviewer's triage action) decided about a message, committed at once.
struct InboundUpdate
{
    std::int64_t id = 0;
    std::vector<std::string> fromStates;  // applied only while the message is still in one of these
    std::string state;
    Instant at{};
    std::optional<std::int64_t> caseId;
    bool keyToCase = false;               // the values below are now sealed with the case key: drop the own key
    std::optional<std::string> sealedRaw; // re-sealed raw bytes, when keyToCase
    std::string sealedSummary;
    std::string sealedBody;
    std::string authSummary;
    int attachmentCount = 0;
    std::string note;
    std::string sealedDiscardNote;
    std::optional<PlannedReply> reply;
    std::vector<AuditEntry> audit;
};

/// Storage of incoming mail and of the automatic replies sent to it. Every method is atomic; implementations
/// throw Error(Unavailable) when storage fails.
class MailStore
{
public:
    virtual ~MailStore() = default;

    /// Inserts a taken message and commits. Returns its id, or nullopt (nothing written) when a message with
    /// the same content hash is stored already. The same Message-ID with other bytes is a new arrival; its
    /// note says which message it repeats.
    virtual std::optional<std::int64_t> insert(const NewInbound& message) = 0;

    /// Claims the oldest stored message that nobody is processing (or whose processing started before
    /// `staleBefore`: its processor died) and that was tried fewer than `maxAttempts` times; counts the
    /// attempt. Returns it with its keys; nullopt when there is nothing to do.
    virtual std::optional<InboundRecord> claimNext(Instant now, Instant staleBefore, int maxAttempts) = 0;

    /// Moves stored messages whose processing was abandoned `maxAttempts` times (a message that kills its
    /// processor) to triage with a note. Returns how many.
    virtual int triageAbandoned(Instant staleBefore, int maxAttempts, Instant now) = 0;

    /// Ends a failed processing attempt: the message stays stored (tried again) or, with `giveUp`, goes to
    /// triage with the error as its note.
    virtual void releaseAfterFailure(std::int64_t id, const std::string& error, bool giveUp, Instant now) = 0;

    /// Applies an update with its reply (unless the case got one of that kind since `notSince`), the reply
    /// log row and the audit rows. Returns false (nothing written) when the message is no longer in one of
    /// `fromStates`. Returns through `replied` whether the reply was written.
    virtual bool update(const InboundUpdate& update, bool& replied) = 0;

    virtual std::optional<InboundRecord> find(std::int64_t id) = 0;
    /// Messages in a state, newest first.
    virtual std::vector<InboundRecord> inState(const std::string& state, int limit, int offset) = 0;
    virtual int countInState(const std::string& state) = 0;
    /// The messages of a case, oldest first.
    virtual std::vector<InboundRecord> forCase(std::int64_t caseId) = 0;

    /// The cases registered with this email hash, as (id, state).
    virtual std::vector<std::pair<std::int64_t, std::string>> casesWithEmailHash(const std::string& emailHash) = 0;

    /// Replies written at or after `since`: to the case (when given), to the sender hash (when not empty),
    /// of the kind (when not empty).
    virtual int repliesSince(std::optional<std::int64_t> caseId, const std::string& senderHash,
                             const std::string& kind, Instant since) = 0;
};

} // namespace proofdesk
