#pragma once

#include "proofdesk/app/AppSettings.h"
#include "proofdesk/app/CaseService.h"
#include "proofdesk/app/IntakeService.h"
#include "proofdesk/app/Notifier.h"
#include "proofdesk/domain/AuthenticationResults.h"
#include "proofdesk/domain/InboundMail.h"
#include "proofdesk/ports/DocumentReader.h"
#include "proofdesk/ports/MailParser.h"
#include "proofdesk/ports/MailStore.h"
#include "proofdesk/ports/MessageSink.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

/// Settings of incoming mail, read by the composition root (proofdesk.mail.*).
struct MailIntakeSettings
{
    std::vector<std::string> faxGateways;         // sender addresses of fax-to-email gateways, lower case
    std::vector<std::string> ownAddresses;        // our own addresses: mail from them is never answered
    std::vector<std::string> trustedAuthservIds;  // Authentication-Results headers we believe; empty: the topmost
    std::size_t maxMessageBytes = 50 * 1024 * 1024;
    std::size_t maxBodyBytes = 200 * 1024;        // body text kept for the reviewer
    std::size_t minInlineImageBytes = 20 * 1024;  // smaller inline images are logos and signatures, not scans
    int repliesPerSenderPerDay = 3;               // last guards against loops, whatever else failed
    int repliesPerCasePerDay = 3;
    std::chrono::seconds noAttachmentReplyEvery{24 * 3600};  // the polite reply: at most once per case per this
    std::chrono::seconds processingTimeout{5 * 60};  // a claim older than this belongs to a processor that died
    int maxAttempts = 3;                          // failed processing attempts before a message goes to triage
};

/// One attachment as the reviewer sees it listed.
struct InboundAttachmentInfo
{
    std::string filename;
    std::string contentType;
    std::size_t size = 0;
    std::string origin;
};

/// An incoming message as the reviewer sees it (opened with its key). Every string is untrusted and must be
/// escaped where it is shown.
struct InboundView
{
    std::int64_t id = 0;
    Instant receivedAt{};
    std::string channel;
    std::string state;
    std::string caseReference;
    std::string fromAddress;
    std::string fromName;
    std::string subject;
    std::string date;
    std::vector<InboundAttachmentInfo> attachments;
    AuthenticationVerdicts verdicts;
    std::string bodyText;
    std::string note;        // why it is in its state
    std::vector<std::string> parserNotes;
};

/// Incoming mail: takes raw messages durably and fast (MessageSink), then processes them in a separate
/// step: recognises automatic mail, matches each message to its case (reference in the subject or body, then
/// the registration email, then a fax cover page), takes its attachments in as documents, keeps the body for
/// the reviewer, answers politely when nothing usable was attached, and sends what cannot be matched to
/// triage, where a reviewer attaches it to a case or discards it.
///
/// States of a message: stored -> processed | triage | automatic; triage or automatic -> processed (attached
/// by a reviewer) | discarded. Processing is idempotent: a message whose processing died half-way is
/// processed again, and documents already on the case are recognised by their bytes and not added twice.
class MailIntakeService : public MessageSink
{
public:
    MailIntakeService(MailStore& mail, CaseStore& store, CaseService& cases, IntakeService& intake,
                      Notifier& notifier, MailParser& parser, DocumentReader& reader, Vault& vault, Clock& clock,
                      const AppSettings& app, const MailIntakeSettings& settings);

    /// Stores the raw message sealed with a key of its own and commits; nothing else (it runs before the
    /// source forgets the message). NotAMessage for bytes without a header section. Throws Error(TooLarge)
    /// over maxMessageBytes and Error(Unavailable) when it could not be stored.
    TakeOutcome take(const std::string& raw, const std::string& channel) override;

    /// Processes up to `limit` stored messages, oldest first. Returns how many reached a new state. A message
    /// that fails is tried again later, and goes to triage after maxAttempts. Throws Error(Unavailable) when
    /// the database fails.
    int processPending(int limit = 20);

    /// Messages waiting in triage, newest first, opened for display.
    std::vector<InboundView> triage(int limit, int offset);
    int triageCount();
    /// Counts per state (health, metrics): stored, triage...
    int countInState(const std::string& state);

    /// One message, opened, for a reviewer; audited as a view. Throws Error(NotFound).
    InboundView message(const Actor& who, std::int64_t id);

    /// Attaches a message waiting in triage (or kept as automatic) to the case with this reference: its
    /// attachments become the case's documents, its body and raw bytes are sealed with the case key; audited.
    /// Throws Error(NotFound) for an unknown message or reference, Error(Conflict) when the message is no
    /// longer in triage or the case is closed.
    IntakeOutcome attachToCase(const Actor& who, std::int64_t id, const std::string& reference);

    /// Discards a message waiting in triage with a reason (one of discardReasons(); "other" needs a note);
    /// audited. Throws Error(InvalidInput) without a valid reason, Error(NotFound), Error(Conflict).
    void discard(const Actor& who, std::int64_t id, const std::string& reasonCode, const std::string& note);

    /// The messages received for a case, oldest first, opened with the case key.
    std::vector<InboundView> messagesForCase(const CaseRecord& record);

private:
    struct Match
    {
        CaseRecord record;
        std::string how;  // reference, sender, fax cover page
    };
    struct Delivery
    {
        IntakeOutcome intake;
        std::vector<std::string> problems;  // no PII: counts and refusals
        int usable = 0;
    };

    bool processOne(const InboundRecord& record);
    std::optional<Match> findCase(const InboundMail& mail, bool faxGateway, std::string& note);
    Delivery deliver(const CaseRecord& record, const InboundMail& mail, const std::string& channel,
                     const Actor& actor);
    std::optional<PlannedReply> plannedReply(const CaseRecord& record, const InboundMail& mail, Instant now);
    std::string summaryOf(const InboundMail& mail, const AuthenticationVerdicts& verdicts) const;
    InboundView open(const InboundRecord& record);
    bool isFaxGateway(const std::string& address) const;
    bool isClosed(const CaseRecord& record) const;
    std::string body(const InboundMail& mail) const;

    MailStore& _mail;
    CaseStore& _store;
    CaseService& _cases;
    IntakeService& _intake;
    Notifier& _notifier;
    MailParser& _parser;
    DocumentReader& _reader;
    Vault& _vault;
    Clock& _clock;
    const AppSettings& _app;
    const MailIntakeSettings& _settings;
};

/// True when `raw` starts like an RFC 5322 message: a header field ("Name: value") on its first line.
bool looksLikeMessage(const std::string& raw);

/// The reasons a reviewer may give for discarding a message, as (code, label), in display order.
const std::vector<std::pair<std::string, std::string>>& discardReasons();

/// "spf=pass dkim=fail dmarc=none": the verdicts in one line, methods without a result left out.
std::string authenticationSummary(const AuthenticationVerdicts& verdicts);

} // namespace proofdesk
