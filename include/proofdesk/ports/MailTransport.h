#pragma once

#include "proofdesk/domain/EmailMessage.h"

#include <string>

namespace proofdesk
{

/// Result of handing one message to the mail system.
enum class SendOutcome
{
    Accepted,        // the server (or the outbox folder) has it; mark it sent
    TemporaryFailure,  // retry later
    PermanentFailure   // give up and record it
};

/// Delivers outgoing mail: an SMTP relay, or the outbox folder of the embedded default.
class MailTransport
{
public:
    virtual ~MailTransport() = default;

    /// Delivers one message. Sending the same Message-ID twice must be harmless where the transport can
    /// make it so (the folder transport writes one file per Message-ID). `error` gets a reason on failure.
    virtual SendOutcome send(const EmailMessage& message, std::string& error) = 0;

    /// A short description for health and status ("folder var/outbox", "smtp relay:587").
    virtual std::string describe() const = 0;
};

} // namespace proofdesk
