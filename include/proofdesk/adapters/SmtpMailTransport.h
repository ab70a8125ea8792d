#pragma once

#include "proofdesk/ports/Clock.h"
#include "proofdesk/ports/MailTransport.h"

#include <Poco/Net/Context.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace proofdesk
{

/// How the SMTP connection is protected.
enum class SmtpTls
{
    None,           // plain text all the way (a relay on the same host or a trusted network)
    Opportunistic,  // STARTTLS when the server offers it, plain otherwise (credentials are then not sent)
    StartTls,       // STARTTLS required: a server without it is a temporary failure
    Implicit        // TLS from the first byte (port 465)
};

/// Parses "none", "opportunistic", "starttls", "implicit". Throws Error(Configuration) naming the value.
SmtpTls parseSmtpTls(const std::string& text);

/// Settings of the SMTP relay, read by the composition root from proofdesk.smtp.*.
struct SmtpSettings
{
    std::string host;
    std::uint16_t port = 587;
    SmtpTls tls = SmtpTls::StartTls;
    std::string user;           // empty: no AUTH
    std::string password;
    std::string authMethod = "plain";  // "plain" or "login"
    std::chrono::seconds timeout{30};  // connect, and each read and write
    std::string heloName = "localhost";
    std::string caFile;         // extra trusted certificate(s) in PEM; the system's CAs are always trusted
    bool verifyCertificate = true;
};

/// Sends each message through an SMTP relay on its own connection (Poco SMTPClientSession, or
/// SecureSMTPClientSession for STARTTLS and implicit TLS), with AUTH PLAIN or LOGIN when a user is set.
/// The bytes are MimeComposer's, exactly as the folder transport writes them.
///
/// Outcomes: 2xx after the data → Accepted. 4xx, a refused, reset or timed-out connection, a failed TLS
/// handshake, and a connection lost after the data but before the reply → TemporaryFailure (the outbox
/// resends the same Message-ID, so a duplicate is recognisable). 5xx to MAIL, RCPT or DATA →
/// PermanentFailure. A rejected AUTH (RFC 4954 535, or 454) and 530/538 (authentication or encryption
/// required) are TemporaryFailure: it is our configuration that is wrong, not the message, and the outbox's
/// give-up time still bounds the retries while the operator fixes it.
class SmtpMailTransport : public MailTransport
{
public:
    /// Throws Error(Configuration) when the settings cannot work (no host, port 0, an unknown AUTH method, a
    /// missing CA file).
    SmtpMailTransport(const SmtpSettings& settings, Clock& clock);
    ~SmtpMailTransport() override;

    SmtpMailTransport(const SmtpMailTransport&) = delete;
    SmtpMailTransport& operator=(const SmtpMailTransport&) = delete;

    SendOutcome send(const EmailMessage& message, std::string& error) override;
    std::string describe() const override;

private:
    SendOutcome deliver(const EmailMessage& message, const std::string& bytes, std::string& error);

    SmtpSettings _settings;
    Clock& _clock;
    Poco::Net::Context::Ptr _context;  // null when TLS is off
};

} // namespace proofdesk
