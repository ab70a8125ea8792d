// Pop3Poller against a real Dovecot started by the test (plain, STLS, implicit TLS), a recording sink that
// can fail or "die", and a proxy that cuts the connection mid-reply: nothing lost, nothing doubled.
#include "proofdesk/adapters/Pop3Poller.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "fakes/RecordingMessageSink.h"
#include "support/CuttingProxy.h"
#include "support/DovecotServer.h"

#include <algorithm>
#include <map>
#include <random>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

// A synthetic message of about `bodyBytes`, CRLF throughout, with a line that POP3 must dot-stuff, a
// line of just a dot inside the body, and 8-bit bytes.
std::string syntheticMessage(int n, std::size_t bodyBytes = 200)
{
    std::string m = "From: Sender " + std::to_string(n) + " <sender" + std::to_string(n) + "@example.org>\r\n"
                    "To: helpdesk@proofdesk.example\r\n"
                    "Subject: Documents for PD-TEST-" + std::to_string(1000 + n) + "\r\n"
                    "Message-ID: <msg" + std::to_string(n) + "@example.org>\r\n"
                    "MIME-Version: 1.0\r\n"
                    "Content-Type: text/plain; charset=UTF-8\r\n"
                    "Content-Transfer-Encoding: 8bit\r\n"
                    "\r\n"
                    ".a line starting with a dot\r\n"
                    ".\r\n"
                    "caf\xc3\xa9 \xff\r\n";
    std::string line = "filler " + std::to_string(n) + " ";
    while (m.size() < bodyBytes)
        m += line + std::string(60, static_cast<char>('a' + n % 26)) + "\r\n";
    return m + "end\r\n";
}

Pop3Settings plainSettings(const DovecotServer& server)
{
    Pop3Settings settings;
    settings.host = "127.0.0.1";
    settings.port = server.pop3Port();
    settings.tls = Pop3Tls::None;
    settings.user = DovecotServer::user;
    settings.password = DovecotServer::password;
    settings.timeout = std::chrono::seconds(10);
    return settings;
}

std::vector<std::string> sorted(std::vector<std::string> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

} // namespace

TEST_CASE("pop3: three messages are taken byte for byte, then deleted (mailbox empty)", "[mail]")
{
    DovecotServer server;
    std::vector<std::string> sent = {syntheticMessage(1), syntheticMessage(2), syntheticMessage(3, 5000)};
    for (const std::string& m : sent)
        server.addMessage(m);
    RecordingMessageSink sink;
    Pop3Poller poller(plainSettings(server));
    PollResult result = poller.pollOnce(sink);
    INFO(result.error);
    CHECK(result.ok());
    CHECK(result.listed == 3);
    CHECK(result.taken == 3);
    CHECK(result.deletionsApplied);
    CHECK(sorted(sink.taken) == sorted(sent));
    CHECK(sink.channels == std::set<std::string>{"pop3"});
    CHECK(server.messages().empty());

    PollResult again = poller.pollOnce(sink);
    CHECK(again.ok());
    CHECK(again.listed == 0);
    CHECK(sink.calls == 3);
}

TEST_CASE("pop3: STLS and implicit TLS, the server's certificate checked", "[mail]")
{
    DovecotServer server;
    server.addMessage(syntheticMessage(1));
    server.addMessage(syntheticMessage(2));
    RecordingMessageSink sink;

    Pop3Settings stls = plainSettings(server);
    stls.tls = Pop3Tls::Stls;
    stls.caFile = server.certFile();
    stls.maxMessagesPerPoll = 1;
    PollResult first = Pop3Poller(stls).pollOnce(sink);
    INFO(first.error);
    CHECK(first.ok());
    CHECK(first.taken == 1);

    Pop3Settings implicit = plainSettings(server);
    implicit.tls = Pop3Tls::Implicit;
    implicit.port = server.pop3sPort();
    implicit.host = "localhost";
    implicit.caFile = server.certFile();
    PollResult second = Pop3Poller(implicit).pollOnce(sink);
    INFO(second.error);
    CHECK(second.ok());
    CHECK(second.taken == 1);
    CHECK(sorted(sink.taken) == sorted({syntheticMessage(1), syntheticMessage(2)}));
    CHECK(server.messages().empty());
    CHECK(server.log().find("TLS") != std::string::npos);

    // Without the test certificate among the trusted ones, the handshake fails and nothing is touched.
    server.addMessage(syntheticMessage(3));
    Pop3Settings untrusted = implicit;
    untrusted.caFile.clear();
    PollResult refused = Pop3Poller(untrusted).pollOnce(sink);
    CHECK_FALSE(refused.ok());
    CHECK(refused.taken == 0);
    CHECK(server.messages().size() == 1);
    Pop3Settings stlsUntrusted = stls;
    stlsUntrusted.caFile.clear();
    CHECK_FALSE(Pop3Poller(stlsUntrusted).pollOnce(sink).ok());
    CHECK(server.messages().size() == 1);
}

TEST_CASE("pop3: a wrong password is a clear error and touches nothing", "[mail]")
{
    DovecotServer server;
    server.addMessage(syntheticMessage(1));
    RecordingMessageSink sink;
    Pop3Settings settings = plainSettings(server);
    settings.password = "not-the-password";
    PollResult result = Pop3Poller(settings).pollOnce(sink);
    CHECK_FALSE(result.ok());
    CHECK_THAT(result.error, Catch::Contains("login rejected") && Catch::Contains("PROOFDESK_POP3_PASSWORD"));
    CHECK(result.error.find("not-the-password") == std::string::npos);
    CHECK(sink.calls == 0);
    CHECK(server.messages().size() == 1);

    settings.tls = Pop3Tls::Stls;
    settings.caFile = server.certFile();
    PollResult overTls = Pop3Poller(settings).pollOnce(sink);
    CHECK_THAT(overTls.error, Catch::Contains("login rejected"));
}

TEST_CASE("pop3: nothing listening is an error, not an exception", "[mail]")
{
    Pop3Settings settings;
    settings.host = "127.0.0.1";
    settings.port = freeLoopbackPort();
    settings.tls = Pop3Tls::None;
    settings.user = "helpdesk";
    RecordingMessageSink sink;
    PollResult result = Pop3Poller(settings).pollOnce(sink);
    CHECK_FALSE(result.ok());
    CHECK_THAT(result.error, Catch::Contains("connecting"));
}

TEST_CASE("pop3: a store that is unavailable leaves the message on the server for the next poll", "[mail]")
{
    DovecotServer server;
    std::vector<std::string> sent = {syntheticMessage(1), syntheticMessage(2), syntheticMessage(3)};
    for (const std::string& m : sent)
        server.addMessage(m);
    RecordingMessageSink sink;
    sink.unavailableOnCall = 2;
    Pop3Poller poller(plainSettings(server));
    PollResult first = poller.pollOnce(sink);
    CHECK_FALSE(first.ok());
    CHECK_THAT(first.error, Catch::Contains("left in the mailbox"));
    CHECK(first.taken == 1);
    CHECK(first.failed == 1);
    CHECK(first.deletionsApplied);  // the one taken before is gone
    CHECK(server.messages().size() == 2);

    PollResult second = poller.pollOnce(sink);
    CHECK(second.ok());
    CHECK(second.taken == 2);
    CHECK(sorted(sink.taken) == sorted(sent));
    CHECK(server.messages().empty());
}

TEST_CASE("pop3: killed between commit and delete, the next poll finds it taken and deletes it", "[mail]")
{
    DovecotServer server;
    std::vector<std::string> sent = {syntheticMessage(1), syntheticMessage(2), syntheticMessage(3)};
    for (const std::string& m : sent)
        server.addMessage(m);
    RecordingMessageSink sink;
    sink.killAfterCommitOnCall = 2;
    Pop3Poller poller(plainSettings(server));
    CHECK_THROWS_AS(poller.pollOnce(sink), SimulatedKill);
    // No QUIT reached the server, so not even the first message's DELE took effect.
    CHECK(server.messages().size() == 3);
    CHECK(sink.taken.size() == 2);

    PollResult after = poller.pollOnce(sink);
    INFO(after.error);
    CHECK(after.ok());
    CHECK(after.alreadyTaken == 2);
    CHECK(after.taken == 1);
    CHECK(server.messages().empty());
    CHECK(sorted(sink.taken) == sorted(sent));  // each exactly once
}

TEST_CASE("pop3: the connection cut anywhere, even mid-RETR, loses and doubles nothing", "[mail]")
{
    DovecotServer server;
    std::vector<std::string> sent;
    for (int i = 1; i <= 4; ++i)
    {
        sent.push_back(syntheticMessage(i, 20000));
        server.addMessage(sent.back());
    }
    CuttingProxy proxy(server.pop3Port());
    Pop3Settings settings = plainSettings(server);
    settings.port = proxy.port();
    Pop3Poller poller(settings);
    RecordingMessageSink sink;

    // One whole session is about 80 kB from the server; cut it at points in the greeting, the login, the
    // listing, the middle of each message and right around their ends.
    int cutPolls = 0;
    for (std::size_t cut : {10u, 60u, 120u, 200u, 5000u, 20100u, 20300u, 33333u, 40600u, 61000u, 79000u})
    {
        if (server.messages().empty())
            break;
        proxy.cutAfter(cut);
        PollResult result = poller.pollOnce(sink);
        ++cutPolls;
        CHECK_FALSE(result.ok());
        CHECK_FALSE(result.deletionsApplied);
        INFO("cut after " << cut << ": " << result.error);
        CHECK(result.error.find("filler") == std::string::npos);  // no message content in the error
    }
    CHECK(cutPolls >= 5);
    // Every message the sink took is whole: a cut reply was never taken for a message.
    for (const std::string& m : sink.taken)
        CHECK(std::find(sent.begin(), sent.end(), m) != sent.end());

    proxy.cutAfter(0);
    PollResult clean = poller.pollOnce(sink);
    INFO(clean.error);
    CHECK(clean.ok());
    CHECK(server.messages().empty());
    CHECK(sorted(sink.taken) == sorted(sent));
}

TEST_CASE("pop3: bytes that are not a message are the sink's call, and then deleted", "[mail]")
{
    DovecotServer server;
    std::mt19937 random(7);
    std::string noise;
    for (int i = 0; i < 3000; ++i)
        noise += static_cast<char>(random() % 256);
    noise[0] = '\x01';
    server.addMessage(noise);
    server.addMessage(syntheticMessage(1));
    RecordingMessageSink sink;
    PollResult result = Pop3Poller(plainSettings(server)).pollOnce(sink);
    INFO(result.error);
    CHECK(result.ok());
    CHECK(result.notAMessage == 1);
    CHECK(result.taken == 1);
    CHECK(server.messages().empty());
}

TEST_CASE("pop3: a message over the size limit stays on the server and is reported; a poll has a quota", "[mail]")
{
    DovecotServer server;
    server.addMessage(syntheticMessage(1, 300));
    server.addMessage(syntheticMessage(2, 60000));
    server.addMessage(syntheticMessage(3, 300));
    server.addMessage(syntheticMessage(4, 300));
    RecordingMessageSink sink;
    Pop3Settings settings = plainSettings(server);
    settings.maxMessageBytes = 10000;
    settings.maxMessagesPerPoll = 2;
    Pop3Poller poller(settings);
    PollResult first = poller.pollOnce(sink);
    CHECK(first.ok());
    CHECK(first.taken == 2);
    CHECK(first.tooLarge == 1);
    PollResult second = poller.pollOnce(sink);
    CHECK(second.taken == 1);
    CHECK(second.tooLarge == 1);
    REQUIRE(server.messages().size() == 1);
    CHECK(server.messages()[0] == syntheticMessage(2, 60000));
    CHECK(sink.taken.size() == 3);
}

TEST_CASE("pop3: settings that cannot work are refused at start", "[mail]")
{
    Pop3Settings settings;
    CHECK_THROWS_AS(Pop3Poller(settings), Error);
    settings.host = "127.0.0.1";
    settings.user = "helpdesk";
    settings.port = 0;
    CHECK_THROWS_WITH(Pop3Poller(settings), Catch::Contains("port"));
    settings.port = 995;
    settings.caFile = "/nonexistent/ca.pem";
    CHECK_THROWS_WITH(Pop3Poller(settings), Catch::Contains("/nonexistent/ca.pem"));
    CHECK(parsePop3Tls("stls") == Pop3Tls::Stls);
    CHECK_THROWS_WITH(parsePop3Tls("ssl"), Catch::Contains("'ssl'"));
}
