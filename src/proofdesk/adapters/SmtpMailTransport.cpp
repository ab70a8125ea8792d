#include "proofdesk/adapters/SmtpMailTransport.h"

#include "proofdesk/adapters/MimeComposer.h"
#include "proofdesk/adapters/TlsClientContext.h"
#include "proofdesk/domain/Error.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <sstream>

namespace proofdesk
{

namespace
{

// SMTPClientSession keeps its socket protected; STARTTLS must upgrade it with the relay's host name so the
// certificate is checked against the name the operator configured (SecureSMTPClientSession built on an
// already connected socket has no host name to check).
class RelaySession : public Poco::Net::SMTPClientSession
{
public:
    explicit RelaySession(const Poco::Net::StreamSocket& socket) : Poco::Net::SMTPClientSession(socket) {}

    /// Sends STARTTLS; on a 2xx reply the connection continues over TLS. Returns the server's status.
    int startTls(Poco::Net::Context::Ptr context, const std::string& host, std::string& response)
    {
        int status = sendCommand("STARTTLS", response);
        if (status / 100 == 2)
            socket() = Poco::Net::SecureStreamSocket::attach(socket(), host, context);
        return status;
    }

    /// AUTH LOGIN (draft-murchison-sasl-login): user name and password, base64, one per 334 prompt. The
    /// prompts' wording is not standard, so they are not read; Poco's own LOGIN needs "Username:" and goes
    /// on silently without authenticating when a server words it differently (aiosmtpd: "User Name").
    void authLogin(const std::string& user, const std::string& password)
    {
        std::string response;
        int status = sendCommand("AUTH LOGIN", response);
        if (status == 334)
            status = sendCommand(base64(user), response);
        if (status == 334)
            status = sendCommand(base64(password), response);
        if (status / 100 != 2)
            throw Poco::Net::SMTPException("Login using LOGIN failed", response, status);
    }

private:
    static std::string base64(const std::string& text)
    {
        std::ostringstream out;
        Poco::Base64Encoder encoder(out);
        encoder.rdbuf()->setLineLength(0);
        encoder << text;
        encoder.close();
        return out.str();
    }
};

// Where in the dialogue a failure happened decides what it means: a 5xx to the envelope or the data is
// about this message; anything before (greeting, TLS, AUTH) is about the relay or our configuration.
enum class Stage
{
    Connect,
    Greeting,
    Tls,
    Auth,
    Envelope,
    Data
};

struct Failure
{
    SendOutcome outcome;
    std::string text;
};

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

std::string withStatus(int status, const std::string& response)
{
    std::string text = trimmed(response);
    std::string code = std::to_string(status);
    if (text.rfind(code, 0) == 0)
        return text;
    return code + " " + text;
}

SendOutcome outcomeOf(Stage stage, int status)
{
    // RFC 4954: 530 "authentication required" and 538 "encryption required" are about our configuration.
    if (status == 530 || status == 538)
        return SendOutcome::TemporaryFailure;
    if ((stage == Stage::Envelope || stage == Stage::Data) && status >= 500 && status < 600)
        return SendOutcome::PermanentFailure;
    return SendOutcome::TemporaryFailure;
}

const char* stageName(Stage stage)
{
    switch (stage)
    {
    case Stage::Connect: return "connecting";
    case Stage::Greeting: return "greeting";
    case Stage::Tls: return "TLS";
    case Stage::Auth: return "authentication";
    case Stage::Envelope: return "envelope";
    case Stage::Data: return "data";
    }
    return "?";
}

bool usableAddress(const std::string& address)
{
    if (address.empty() || address.size() > 254)
        return false;
    for (char c : address)
    {
        if (c == '\r' || c == '\n' || c == '<' || c == '>' || c == ' ' || c == '\0')
            return false;
    }
    return address.find('@') != std::string::npos;
}

} // namespace

SmtpTls parseSmtpTls(const std::string& text)
{
    if (text == "none")
        return SmtpTls::None;
    if (text == "opportunistic")
        return SmtpTls::Opportunistic;
    if (text == "starttls")
        return SmtpTls::StartTls;
    if (text == "implicit")
        return SmtpTls::Implicit;
    throw Error(ErrorCode::Configuration,
                "proofdesk.smtp.tls must be none, opportunistic, starttls or implicit, not '" + text + "'");
}

SmtpMailTransport::SmtpMailTransport(const SmtpSettings& settings, Clock& clock) : _settings(settings), _clock(clock)
{
    if (_settings.host.empty())
        throw Error(ErrorCode::Configuration, "proofdesk.smtp.host is empty");
    if (_settings.port == 0)
        throw Error(ErrorCode::Configuration, "proofdesk.smtp.port must be 1-65535");
    if (_settings.authMethod != "plain" && _settings.authMethod != "login")
        throw Error(ErrorCode::Configuration,
                    "proofdesk.smtp.auth must be plain or login, not '" + _settings.authMethod + "'");
    if (_settings.timeout.count() <= 0)
        throw Error(ErrorCode::Configuration, "proofdesk.smtp.timeout_seconds must be greater than 0");
    if (_settings.tls != SmtpTls::None)
        _context = makeTlsClientContext(_settings.caFile, _settings.verifyCertificate);
}

SmtpMailTransport::~SmtpMailTransport() = default;

std::string SmtpMailTransport::describe() const
{
    const char* tls = _settings.tls == SmtpTls::None            ? "plain"
                      : _settings.tls == SmtpTls::Opportunistic ? "opportunistic STARTTLS"
                      : _settings.tls == SmtpTls::StartTls      ? "STARTTLS"
                                                                : "implicit TLS";
    return "smtp " + _settings.host + ":" + std::to_string(_settings.port) + " (" + tls + ")";
}

SendOutcome SmtpMailTransport::send(const EmailMessage& message, std::string& error)
{
    if (!usableAddress(message.to) || !usableAddress(message.from))
    {
        error = "the message has no usable sender or recipient address";
        return SendOutcome::PermanentFailure;
    }
    return deliver(message, composeMime(message, _clock.now()), error);
}

SendOutcome SmtpMailTransport::deliver(const EmailMessage& message, const std::string& bytes, std::string& error)
{
    Stage stage = Stage::Connect;
    Poco::Timespan timeout(static_cast<long>(_settings.timeout.count()), 0);
    try
    {
        Poco::Net::StreamSocket socket = connectClientSocket(_settings.host, _settings.port,
                                                             _settings.tls == SmtpTls::Implicit, _context, timeout);
        RelaySession session(socket);
        session.setTimeout(timeout);

        stage = Stage::Greeting;
        bool secure = _settings.tls == SmtpTls::Implicit;
        std::string response;
        if (_settings.tls == SmtpTls::StartTls || _settings.tls == SmtpTls::Opportunistic)
        {
            session.login(_settings.heloName);
            stage = Stage::Tls;
            int status = session.startTls(_context, _settings.host, response);
            if (status / 100 == 2)
                secure = true;
            else if (_settings.tls == SmtpTls::StartTls)
                throw Failure{SendOutcome::TemporaryFailure,
                              "the relay refused STARTTLS, which proofdesk.smtp.tls requires: " +
                                  withStatus(status, response)};
            stage = Stage::Greeting;
        }
        if (!_settings.user.empty())
        {
            if (!secure && _settings.tls != SmtpTls::None)
                throw Failure{SendOutcome::TemporaryFailure,
                              "the relay offers no STARTTLS; the credentials are not sent in clear text"};
            stage = Stage::Auth;
            if (_settings.authMethod == "login")
            {
                session.login(_settings.heloName);
                session.authLogin(_settings.user, _settings.password);
            }
            else
            {
                session.login(_settings.heloName, Poco::Net::SMTPClientSession::AUTH_PLAIN, _settings.user,
                              _settings.password);
            }
        }
        else
        {
            // After STARTTLS this is the second EHLO RFC 3207 asks for (the session state was reset).
            session.login(_settings.heloName);
        }

        stage = Stage::Envelope;
        int status = session.sendCommand("MAIL FROM:<" + message.from + ">", response);
        if (status / 100 != 2)
            throw Failure{outcomeOf(stage, status), "MAIL FROM refused: " + withStatus(status, response)};
        status = session.sendCommand("RCPT TO:<" + message.to + ">", response);
        if (status / 100 != 2)
            throw Failure{outcomeOf(stage, status), "RCPT TO refused: " + withStatus(status, response)};
        stage = Stage::Data;
        status = session.sendCommand("DATA", response);
        if (status != 354)
            throw Failure{outcomeOf(stage, status), "DATA refused: " + withStatus(status, response)};
        std::istringstream in(bytes);
        // Dot-stuffs and terminates the data; throws SMTPException with the reply's status (0 when the
        // connection ended before a reply: the relay may have the message, so it is resent as the same
        // Message-ID).
        session.sendMessage(in);
        try
        {
            session.close();
        }
        catch (const Poco::Exception&)
        {
            // The relay has accepted the message; a failed QUIT changes nothing.
        }
        return SendOutcome::Accepted;
    }
    catch (const Failure& failure)
    {
        error = failure.text;
        return failure.outcome;
    }
    catch (const Poco::Net::SMTPException& e)
    {
        int status = e.code();
        if (status == 0 && stage == Stage::Data)
        {
            error = "the connection ended after the data without a reply (the relay may have the message; it "
                    "is sent again with the same Message-ID): " + trimmed(e.displayText());
            return SendOutcome::TemporaryFailure;
        }
        error = std::string(stageName(stage)) + " failed: " + trimmed(e.displayText());
        if (stage == Stage::Auth)
            error += " (check proofdesk.smtp.user and PROOFDESK_SMTP_PASSWORD)";
        return outcomeOf(stage, status);
    }
    catch (const Poco::Exception& e)
    {
        // Refused, reset, timed out, name not found, TLS handshake or certificate failures.
        error = std::string(stageName(stage)) + " failed: " + e.displayText();
        return SendOutcome::TemporaryFailure;
    }
    catch (const std::exception& e)
    {
        error = std::string(stageName(stage)) + " failed: " + e.what();
        return SendOutcome::TemporaryFailure;
    }
}

} // namespace proofdesk
