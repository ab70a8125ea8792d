#pragma once

#include "proofdesk/app/AppSettings.h"
#include "proofdesk/ports/CaseStore.h"
#include "proofdesk/ports/Clock.h"
#include "proofdesk/ports/MailTransport.h"
#include "proofdesk/ports/Vault.h"

namespace proofdesk
{

/// Drains the durable outbox: hands each due message to the transport and marks it sent only after the
/// transport accepted it. A crash between the two can resend at most that message, with the same
/// Message-ID (and the folder transport then rewrites the same file).
class OutboxWorker
{
public:
    /// `cases`, when given, gets an audit entry on the message's case each time a message is given up
    /// (permanent failure, or temporary failures past AppSettings::outboxGiveUpAfter).
    OutboxWorker(OutboxStore& outbox, MailTransport& transport, Vault& vault, Clock& clock,
                 const AppSettings& settings, CaseStore* cases = nullptr);

    /// Sends what is due. Returns the number of messages accepted by the transport.
    int drainOnce(int limit = 50);

    /// True when the last attempt to send reached the transport without a temporary failure.
    bool healthy() const { return _healthy; }

private:
    void noteUndelivered(const OutboxRecord& row, const std::string& reason, Instant now);

    OutboxStore& _outbox;
    MailTransport& _transport;
    Vault& _vault;
    Clock& _clock;
    const AppSettings& _settings;
    CaseStore* _cases;
    bool _healthy = true;
};

} // namespace proofdesk
