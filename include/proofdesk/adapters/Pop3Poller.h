#pragma once

#include "proofdesk/ports/MessageSink.h"

#include <Poco/Net/Context.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace proofdesk
{

/// How the POP3 connection is protected.
enum class Pop3Tls
{
    None,     // plain text (tests, or a mailbox on the same host)
    Stls,     // RFC 2595 STLS after the greeting, required
    Implicit  // TLS from the first byte (pop3s, port 995)
};

/// Parses "none", "stls", "implicit". Throws Error(Configuration) naming the value.
Pop3Tls parsePop3Tls(const std::string& text);

/// Settings of the help desk's mailbox, read by the composition root from proofdesk.pop3.*.
struct Pop3Settings
{
    std::string host;
    std::uint16_t port = 995;
    Pop3Tls tls = Pop3Tls::Implicit;
    std::string user;
    std::string password;
    std::chrono::seconds timeout{60};       // connect, and each read and write
    int maxMessagesPerPoll = 100;           // messages retrieved in one poll; the rest wait for the next
    std::size_t maxMessageBytes = 50u * 1024u * 1024u;  // larger messages stay in the mailbox, reported
    std::string caFile;                     // extra trusted certificate(s) in PEM, besides the system's
    bool verifyCertificate = true;
};

/// What one poll did. Counts are of messages; `error` says why the poll ended early (empty when it ran
/// to the end), without any message content or address.
struct PollResult
{
    int listed = 0;        // messages in the mailbox when the poll began
    int taken = 0;         // stored by the sink and deleted
    int alreadyTaken = 0;  // the sink had them already (an earlier poll died before QUIT); deleted
    int notAMessage = 0;   // the sink refused them as not RFC 5322; deleted (the sink decides, not the poller)
    int tooLarge = 0;      // over maxMessageBytes (by LIST size): left in the mailbox, never dropped
    int failed = 0;        // the sink threw: left in the mailbox for the next poll
    bool deletionsApplied = false;  // QUIT succeeded, so the deletions took effect on the server
    std::string error;

    bool ok() const { return error.empty(); }
};

/// Polls a POP3 mailbox (RFC 1939 with RFC 2595 STLS, on Poco's DialogSocket and SecureStreamSocket) and
/// hands each message to a MessageSink. Per message: LIST size check, RETR read byte for byte up to its
/// terminating line (a reply cut short is an error, never a message), sink.take() (durably committed),
/// DELE; QUIT at the end applies the deletions. Poco's POP3ClientSession is not used: its reader ends a
/// message silently at a 0xFF byte or a dropped connection, and it has no STLS.
/// A message is deleted only after take() returned, so a crash or a dropped connection anywhere loses
/// nothing: the next poll fetches it again and the sink recognises it (AlreadyTaken), and then it goes.
class Pop3Poller
{
public:
    /// Throws Error(Configuration) for settings that cannot work (no host or user, port 0, a missing CA file).
    explicit Pop3Poller(const Pop3Settings& settings);

    /// One poll: connect, log in, take up to maxMessagesPerPoll messages, QUIT. Never throws for network,
    /// server or sink failures: they end the poll with `error` set. When the sink throws Error(Unavailable)
    /// the poll stops there (that message and the rest stay); any other exception from take() leaves that
    /// message in the mailbox and goes on with the next. Exceptions that are not std::exception (a
    /// simulated kill in tests) propagate, and the connection is then dropped without QUIT.
    PollResult pollOnce(MessageSink& sink);

    /// "pop3 HOST:PORT (TLS)" for logs and health; no user name.
    std::string describe() const;

private:
    Pop3Settings _settings;
    Poco::Net::Context::Ptr _context;  // null when TLS is off
};

} // namespace proofdesk
