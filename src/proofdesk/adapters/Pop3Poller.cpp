#include "proofdesk/adapters/Pop3Poller.h"

#include "proofdesk/adapters/TlsClientContext.h"
#include "proofdesk/domain/Error.h"

#include <Poco/Exception.h>
#include <Poco/Net/DialogSocket.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <memory>
#include <sstream>
#include <vector>

namespace proofdesk
{

namespace
{

// Raised inside a poll to end it with a message; never leaves pollOnce.
struct PollEnded
{
    std::string reason;
};

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

// Closes the connection without QUIT when a poll is abandoned by an exception we do not handle, as a killed
// process would: the server then applies none of this session's deletions (RFC 1939, UPDATE state).
class DropUnlessFinished
{
public:
    explicit DropUnlessFinished(Poco::Net::StreamSocket& socket) : _socket(socket) {}
    ~DropUnlessFinished()
    {
        if (_finished)
            return;
        try
        {
            _socket.shutdown();
            _socket.close();
        }
        catch (...)
        {
            // Already gone.
        }
    }
    DropUnlessFinished(const DropUnlessFinished&) = delete;
    DropUnlessFinished& operator=(const DropUnlessFinished&) = delete;

    void finished() { _finished = true; }

private:
    Poco::Net::StreamSocket& _socket;
    bool _finished = false;
};


// The POP3 dialogue (RFC 1939) on Poco's DialogSocket. Poco's POP3ClientSession cannot be used for it: its
// reader takes the byte 0xFF for end of stream and ends a message there without an error (8-bit mail would
// arrive cut short, or block the mailbox), it cannot STLS, and it hides its socket.
class Pop3Dialogue
{
public:
    explicit Pop3Dialogue(const Poco::Net::StreamSocket& socket) : _socket(std::make_unique<Poco::Net::DialogSocket>(socket)) {}

    /// Continues on another socket (the same connection after STLS).
    void switchTo(const Poco::Net::StreamSocket& socket) { _socket = std::make_unique<Poco::Net::DialogSocket>(socket); }

    Poco::Net::StreamSocket& socket() { return *_socket; }

    /// One response line; PollEnded when the connection ended instead.
    std::string line(const std::string& what)
    {
        std::string response;
        if (!_socket->receiveMessage(response))
            throw PollEnded{"the connection ended while waiting for the reply to " + what};
        return response;
    }

    std::string command(const std::string& command, const std::string& what)
    {
        _socket->sendMessage(command);
        return line(what);
    }

    /// The lines of a multi-line reply after its +OK line, byte for byte with dot-stuffing undone, up to the
    /// terminating "." line. PollEnded when the connection ends first or the reply exceeds `limit` bytes.
    std::string multiline(const std::string& what, std::size_t limit)
    {
        std::string out;
        std::string pending;
        std::size_t scanned = 0;
        std::vector<char> buffer(65536);
        for (;;)
        {
            std::size_t eol = pending.find('\n', scanned);
            if (eol == std::string::npos)
            {
                pending.erase(0, scanned);
                scanned = 0;
                int n = _socket->receiveRawBytes(buffer.data(), static_cast<int>(buffer.size()));
                if (n <= 0)
                    throw PollEnded{"the connection ended in the middle of " + what};
                pending.append(buffer.data(), static_cast<std::size_t>(n));
                continue;
            }
            std::size_t length = eol - scanned;
            bool dotted = length > 0 && pending[scanned] == '.';
            if (dotted && (length == 1 || (length == 2 && pending[scanned + 1] == '\r')))
            {
                if (eol + 1 != pending.size())
                    throw PollEnded{"the server sent more than the reply to " + what};
                return out;
            }
            std::size_t from = dotted ? scanned + 1 : scanned;
            out.append(pending, from, eol + 1 - from);
            scanned = eol + 1;
            if (out.size() > limit)
                throw PollEnded{"the reply to " + what + " is larger than announced"};
        }
    }

private:
    std::unique_ptr<Poco::Net::DialogSocket> _socket;
};

bool positive(const std::string& response)
{
    return !response.empty() && response[0] == '+';
}

struct Listed
{
    int number = 0;
    std::size_t size = 0;
};

std::vector<Listed> parseListing(const std::string& lines)
{
    std::vector<Listed> out;
    std::size_t pos = 0;
    while (pos < lines.size())
    {
        std::size_t eol = lines.find('\n', pos);
        std::string line = lines.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
        pos = eol == std::string::npos ? lines.size() : eol + 1;
        std::istringstream in(line);
        Listed entry;
        if (in >> entry.number >> entry.size && entry.number > 0)
            out.push_back(entry);
    }
    return out;
}

} // namespace

Pop3Tls parsePop3Tls(const std::string& text)
{
    if (text == "none")
        return Pop3Tls::None;
    if (text == "stls")
        return Pop3Tls::Stls;
    if (text == "implicit")
        return Pop3Tls::Implicit;
    throw Error(ErrorCode::Configuration, "proofdesk.pop3.tls must be none, stls or implicit, not '" + text + "'");
}

Pop3Poller::Pop3Poller(const Pop3Settings& settings) : _settings(settings)
{
    if (_settings.host.empty())
        throw Error(ErrorCode::Configuration, "proofdesk.pop3.host is empty");
    if (_settings.port == 0)
        throw Error(ErrorCode::Configuration, "proofdesk.pop3.port must be 1-65535");
    if (_settings.user.empty())
        throw Error(ErrorCode::Configuration, "proofdesk.pop3.user is empty");
    if (_settings.timeout.count() <= 0)
        throw Error(ErrorCode::Configuration, "proofdesk.pop3.timeout_seconds must be greater than 0");
    if (_settings.maxMessagesPerPoll <= 0)
        throw Error(ErrorCode::Configuration, "proofdesk.pop3.max_messages_per_poll must be greater than 0");
    if (_settings.maxMessageBytes == 0)
        throw Error(ErrorCode::Configuration, "proofdesk.pop3.max_message_bytes must be greater than 0");
    if (_settings.tls != Pop3Tls::None)
        _context = makeTlsClientContext(_settings.caFile, _settings.verifyCertificate);
}

std::string Pop3Poller::describe() const
{
    const char* tls = _settings.tls == Pop3Tls::None ? "plain" : _settings.tls == Pop3Tls::Stls ? "STLS" : "implicit TLS";
    return "pop3 " + _settings.host + ":" + std::to_string(_settings.port) + " (" + tls + ")";
}

PollResult Pop3Poller::pollOnce(MessageSink& sink)
{
    PollResult result;
    std::string step = "connecting";
    Poco::Timespan timeout(static_cast<long>(_settings.timeout.count()), 0);
    try
    {
        if (_settings.tls == Pop3Tls::Implicit)
            step = "TLS handshake";
        Poco::Net::StreamSocket socket = connectClientSocket(_settings.host, _settings.port,
                                                             _settings.tls == Pop3Tls::Implicit, _context, timeout);
        Pop3Dialogue pop(socket);
        // Dropped without QUIT unless the poll reaches its end: see DropUnlessFinished.
        DropUnlessFinished guard(socket);

        step = "greeting";
        std::string response = pop.line("the greeting");
        if (!positive(response))
            throw PollEnded{"the server is not ready: " + trimmed(response)};
        if (_settings.tls == Pop3Tls::Stls)
        {
            step = "STLS";
            response = pop.command("STLS", "STLS");
            if (!positive(response))
                throw PollEnded{"the server refused STLS, which proofdesk.pop3.tls requires: " + trimmed(response)};
            socket = Poco::Net::SecureStreamSocket::attach(socket, _settings.host, _context);
            socket.setReceiveTimeout(timeout);
            socket.setSendTimeout(timeout);
            pop.switchTo(socket);
        }

        step = "login";
        response = pop.command("USER " + _settings.user, "USER");
        if (positive(response))
            response = pop.command("PASS " + _settings.password, "PASS");
        if (!positive(response))
            throw PollEnded{"login rejected: " + trimmed(response) +
                            " (check proofdesk.pop3.user and PROOFDESK_POP3_PASSWORD)"};

        step = "LIST";
        response = pop.command("LIST", "LIST");
        if (!positive(response))
            throw PollEnded{"LIST refused: " + trimmed(response)};
        std::vector<Listed> messages = parseListing(pop.multiline("LIST", 64u * 1024u * 1024u));
        result.listed = static_cast<int>(messages.size());

        int retrieved = 0;
        for (const Listed& info : messages)
        {
            if (info.size > _settings.maxMessageBytes)
            {
                ++result.tooLarge;
                continue;
            }
            if (retrieved >= _settings.maxMessagesPerPoll)
                break;
            ++retrieved;
            std::string number = std::to_string(info.number);
            step = "RETR " + number;
            response = pop.command("RETR " + number, step);
            if (!positive(response))
            {
                // Gone meanwhile (another client) or unreadable on the server: it stays, and we go on.
                ++result.failed;
                continue;
            }
            // LIST sizes may be approximate (RFC 1939 allows it); the limit only guards against a runaway reply.
            std::string raw = pop.multiline("message " + number, _settings.maxMessageBytes + info.size + 65536);

            step = "storing message " + number;
            TakeOutcome outcome = TakeOutcome::Taken;
            try
            {
                outcome = sink.take(raw, "pop3");
            }
            catch (const Error& e)
            {
                ++result.failed;
                if (e.code() == ErrorCode::Unavailable)
                {
                    result.error = "message " + number + " could not be stored, left in the mailbox: " + e.what();
                    break;
                }
                continue;
            }
            catch (const std::exception&)
            {
                ++result.failed;
                continue;
            }
            switch (outcome)
            {
            case TakeOutcome::Taken: ++result.taken; break;
            case TakeOutcome::AlreadyTaken: ++result.alreadyTaken; break;
            case TakeOutcome::NotAMessage: ++result.notAMessage; break;
            }
            step = "DELE " + number;
            response = pop.command("DELE " + number, step);
            if (!positive(response))
                throw PollEnded{"DELE " + number + " refused: " + trimmed(response)};
        }

        step = "QUIT";
        response = pop.command("QUIT", "QUIT");
        guard.finished();
        if (!positive(response))
            throw PollEnded{"QUIT refused, deletions not applied: " + trimmed(response)};
        result.deletionsApplied = true;
        try
        {
            socket.close();
        }
        catch (const Poco::Exception&)
        {
            // The server has applied the deletions; how the socket ends does not matter.
        }
        return result;
    }
    catch (const PollEnded& ended)
    {
        if (result.error.empty())
            result.error = ended.reason;
    }
    catch (const Poco::Exception& e)
    {
        result.error = step + " failed: " + e.displayText();
    }
    catch (const std::exception& e)
    {
        result.error = step + " failed: " + e.what();
    }
    return result;
}

} // namespace proofdesk
