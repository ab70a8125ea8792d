// SmtpMailTransport against a real aiosmtpd started by the test (plain, STARTTLS, implicit TLS, AUTH PLAIN
// and LOGIN, 451, 550, a connection cut before the reply), and the outbox worker driving it over a real
// SQLite outbox on a manual clock: each message delivered exactly once.
#include "proofdesk/adapters/MimeComposer.h"
#include "proofdesk/adapters/SmtpMailTransport.h"
#include "proofdesk/adapters/SqliteCaseStore.h"
#include "proofdesk/adapters/SqliteDatabase.h"
#include "proofdesk/app/OutboxWorker.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "fakes/FakeVault.h"
#include "fakes/ManualClock.h"
#include "support/SmtpServer.h"
#include "support/TempDir.h"

#include <Poco/Net/MessageHeader.h>

#include <sstream>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

EmailMessage sampleMessage(const std::string& id = "m1.abc@proofdesk.example")
{
    EmailMessage m;
    m.messageId = id;
    m.from = "helpdesk@proofdesk.example";
    m.fromName = "Identity Proofing Help Desk";
    m.to = "applicant@example.org";
    m.toName = "Zo\xc3\xab Test-Applicant";
    m.subject = "Re: Your documents \xe2\x80\x94 PD-TEST-0001";
    m.text = "Hello,\n.\nWe received your documents.\n";
    m.html = "<p>Hello,</p>\n<p>We received your documents.</p>\n";
    m.inReplyTo = "original.1@example.org";
    m.autoReply = true;
    return m;
}

SmtpSettings settingsFor(const SmtpServer& server, SmtpTls tls = SmtpTls::None)
{
    SmtpSettings s;
    s.host = "127.0.0.1";
    s.port = server.port();
    s.tls = tls;
    s.caFile = server.certFile();
    s.timeout = std::chrono::seconds(10);
    s.heloName = "proofdesk.test";
    return s;
}

Poco::Net::MessageHeader headersOf(const std::string& raw)
{
    std::istringstream in(raw);
    Poco::Net::MessageHeader header;
    header.read(in);
    return header;
}

// composeMime picks a fresh MIME boundary each time; everything else must be identical.
std::string withoutBoundary(std::string raw)
{
    std::size_t at = raw.find("boundary=");
    if (at == std::string::npos)
        return raw;
    at += 9;
    std::size_t end = raw.find_first_of("\r\n;", at);
    std::string boundary = raw.substr(at, end - at);
    for (std::size_t i = raw.find(boundary); i != std::string::npos; i = raw.find(boundary, i))
        raw.replace(i, boundary.size(), "BOUNDARY");
    return raw;
}

std::string envelopeUser(const std::string& line)
{
    return line.substr(line.rfind(' ') + 1);
}

// The outbox as the server has it: real SQLite, one case, rows sealed with the case key.
struct Outbox
{
    TempDir dir;
    SqliteDatabase db{dir / "pd.db"};
    SqliteCaseStore store{db};
    FakeVault vault;
    ManualClock clock;
    AppSettings settings;
    std::int64_t caseId = 0;
    std::string wrappedKey = "case-key";

    Outbox()
    {
        db.migrate(std::string(PROOFDESK_SOURCE_DIR) + "/migrations/sqlite");
        NewCase n;
        n.record.reference = "PD-TEST-SMTP";
        n.record.state = "awaiting_documents";
        n.record.userId = "smtptest01";
        n.record.channel = "web";
        n.record.createdAt = n.record.stateEnteredAt = n.record.updatedAt = clock.now();
        n.record.wrappedKey = wrappedKey;
        n.record.sealedProfile = "p";
        n.record.sealedUploadToken = "t";
        n.userIdKey = n.record.userId;
        n.emailHash = "e";
        n.uploadTokenHash = "u";
        n.passwordHash = "pw";
        n.challengeQuestion = "q";
        n.challengeAnswerHash = "a";
        n.audit = AuditEntry{clock.now(), "applicant", "case.created", std::nullopt, std::nullopt, ""};
        REQUIRE(store.createCase(n, caseId) == CreateCaseResult::Created);
    }

    /// Adds a pending row, as a committed transition would.
    void add(const EmailMessage& message, const std::string& kind)
    {
        OutboxRecord row;
        row.messageId = message.messageId;
        row.kind = kind;
        row.sealedMessage = vault.seal(wrappedKey, encodeEmail(message));
        row.createdAt = row.nextAttemptAt = clock.now();
        TransitionCommit commit;
        commit.caseId = caseId;
        commit.expectedVersion = store.findById(caseId)->version;
        commit.toState = "awaiting_documents";
        commit.reentersState = false;
        commit.at = clock.now();
        commit.event = CaseEvent{clock.now(), "system", "test", "awaiting_documents", "awaiting_documents", ""};
        commit.outbox.push_back(row);
        REQUIRE(store.commitTransition(commit));
    }

    std::int64_t count(const std::string& where)
    {
        return db.connect()->scalar("SELECT COUNT(*) FROM outbox WHERE " + where, {});
    }

    std::vector<std::string> undeliveredNotes()
    {
        std::vector<std::string> notes;
        for (const AuditEntry& entry : store.auditTrail(caseId))
        {
            if (entry.action == "email.undelivered")
                notes.push_back(entry.detail);
        }
        return notes;
    }
};

} // namespace

TEST_CASE("smtp: a plain send arrives byte for byte as MimeComposer wrote it, with the right headers", "[mail]")
{
    SmtpServer server;
    ManualClock clock;
    SmtpMailTransport transport(settingsFor(server), clock);
    CHECK(transport.describe() == "smtp 127.0.0.1:" + std::to_string(server.port()) + " (plain)");
    EmailMessage message = sampleMessage();
    std::string error;
    REQUIRE(transport.send(message, error) == SendOutcome::Accepted);
    CHECK(error == "");

    auto captured = server.messages();
    REQUIRE(captured.size() == 1);
    CHECK(withoutBoundary(captured[0]) == withoutBoundary(composeMime(message, clock.now())));
    CHECK(captured[0].find("\r\n.\r\n") != std::string::npos);  // the "." line survived dot-stuffing
    auto envelopes = server.envelopes();
    REQUIRE(envelopes.size() == 1);
    CHECK_THAT(envelopes[0], Catch::Contains(" helpdesk@proofdesk.example applicant@example.org -"));

    Poco::Net::MessageHeader h = headersOf(captured[0]);
    CHECK(h.get("Message-ID") == "<m1.abc@proofdesk.example>");
    CHECK(h.get("In-Reply-To") == "<original.1@example.org>");
    CHECK(h.get("References") == "<original.1@example.org>");
    CHECK(h.get("Auto-Submitted") == "auto-replied");
    CHECK(h.get("Date") == "Fri, 15 Jan 2027 08:00:00 GMT");
    // RFC 2047 words (Poco's header reader decodes them); the name is a bare encoded word, not in quotes.
    CHECK_THAT(captured[0], Catch::Contains("\r\nSubject: =?UTF-8?q?Re=3A_Your_documents_=E2=80=94_PD-TEST-0001?=\r\n"));
    CHECK_THAT(captured[0], Catch::Contains("\r\nTo: =?UTF-8?q?Zo=C3=AB_Test-Applicant?= <applicant@example.org>\r\n"));
    CHECK(h.get("Subject") == message.subject);
    for (std::size_t i = captured[0].find('\n'); i != std::string::npos; i = captured[0].find('\n', i + 1))
        REQUIRE(captured[0][i - 1] == '\r');  // no bare LF anywhere
}

TEST_CASE("smtp: STARTTLS with AUTH PLAIN and with AUTH LOGIN; implicit TLS", "[mail]")
{
    SmtpServerOptions options;
    options.starttls = true;
    options.user = "relayuser";
    options.password = "relay-secret";
    SmtpServer server(options);
    ManualClock clock;
    SmtpSettings settings = settingsFor(server, SmtpTls::StartTls);
    settings.user = "relayuser";
    settings.password = "relay-secret";
    std::string error;
    SECTION("PLAIN")
    {
        SmtpMailTransport transport(settings, clock);
        CHECK(transport.send(sampleMessage(), error) == SendOutcome::Accepted);
        CHECK(error == "");
    }
    SECTION("LOGIN")
    {
        settings.authMethod = "login";
        SmtpMailTransport transport(settings, clock);
        CHECK(transport.send(sampleMessage(), error) == SendOutcome::Accepted);
        CHECK(error == "");
    }
    SECTION("opportunistic STARTTLS takes the offer")
    {
        settings.tls = SmtpTls::Opportunistic;
        SmtpMailTransport transport(settings, clock);
        CHECK(transport.send(sampleMessage(), error) == SendOutcome::Accepted);
        CHECK(error == "");
    }
    REQUIRE(server.messages().size() == 1);
    CHECK(withoutBoundary(server.messages()[0]) == withoutBoundary(composeMime(sampleMessage(), clock.now())));
    CHECK(envelopeUser(server.envelopes().at(0)) == "relayuser");
}

TEST_CASE("smtp: implicit TLS (port 465 style) with AUTH", "[mail]")
{
    SmtpServerOptions options;
    options.implicitTls = true;
    options.user = "relayuser";
    options.password = "relay-secret";
    SmtpServer server(options);
    ManualClock clock;
    SmtpSettings settings = settingsFor(server, SmtpTls::Implicit);
    settings.host = "localhost";
    settings.user = "relayuser";
    settings.password = "relay-secret";
    std::string error;
    SmtpMailTransport transport(settings, clock);
    CHECK(transport.send(sampleMessage(), error) == SendOutcome::Accepted);
    CHECK(error == "");
    CHECK(server.messages().size() == 1);
    CHECK(envelopeUser(server.envelopes().at(0)) == "relayuser");
}

TEST_CASE("smtp: failures of the relay or our configuration are temporary, and nothing is sent", "[mail]")
{
    SmtpServerOptions options;
    options.starttls = true;
    options.user = "relayuser";
    options.password = "relay-secret";
    SmtpServer server(options);
    ManualClock clock;
    SmtpSettings settings = settingsFor(server, SmtpTls::StartTls);
    settings.user = "relayuser";
    std::string error;

    SECTION("wrong password: 535, temporary (RFC 4954 says the credentials, not the message, are wrong)")
    {
        settings.password = "wrong";
        CHECK(SmtpMailTransport(settings, clock).send(sampleMessage(), error) == SendOutcome::TemporaryFailure);
        CHECK_THAT(error, Catch::Contains("535") && Catch::Contains("PROOFDESK_SMTP_PASSWORD"));
        CHECK(error.find("wrong") == std::string::npos);
    }
    SECTION("an untrusted certificate fails the handshake")
    {
        settings.password = "relay-secret";
        settings.caFile.clear();
        CHECK(SmtpMailTransport(settings, clock).send(sampleMessage(), error) == SendOutcome::TemporaryFailure);
        CHECK_THAT(error, Catch::Contains("TLS"));
    }
    SECTION("no credentials configured: the relay answers 530 authentication required, temporary")
    {
        settings.user.clear();
        CHECK(SmtpMailTransport(settings, clock).send(sampleMessage(), error) == SendOutcome::TemporaryFailure);
        CHECK_THAT(error, Catch::Contains("530"));
    }
    CHECK(server.messages().empty());
}

TEST_CASE("smtp: STARTTLS required but not offered; opportunistic keeps credentials out of clear text", "[mail]")
{
    SmtpServer server;  // plain, no STARTTLS
    ManualClock clock;
    std::string error;
    SmtpSettings settings = settingsFor(server, SmtpTls::StartTls);
    CHECK(SmtpMailTransport(settings, clock).send(sampleMessage(), error) == SendOutcome::TemporaryFailure);
    CHECK_THAT(error, Catch::Contains("STARTTLS"));

    settings.tls = SmtpTls::Opportunistic;
    settings.user = "relayuser";
    settings.password = "relay-secret";
    CHECK(SmtpMailTransport(settings, clock).send(sampleMessage(), error) == SendOutcome::TemporaryFailure);
    CHECK_THAT(error, Catch::Contains("clear text"));
    CHECK(server.messages().empty());

    settings.user.clear();
    CHECK(SmtpMailTransport(settings, clock).send(sampleMessage(), error) == SendOutcome::Accepted);
    CHECK(server.messages().size() == 1);
}

TEST_CASE("smtp: nothing listening is temporary; 550 is permanent with the server's text", "[mail]")
{
    ManualClock clock;
    std::string error;
    SmtpSettings down;
    down.host = "127.0.0.1";
    down.port = freeLoopbackPort();
    down.tls = SmtpTls::None;
    down.timeout = std::chrono::seconds(5);
    CHECK(SmtpMailTransport(down, clock).send(sampleMessage(), error) == SendOutcome::TemporaryFailure);
    CHECK_THAT(error, Catch::Contains("connecting"));

    SmtpServerOptions options;
    options.reject = true;
    SmtpServer server(options);
    CHECK(SmtpMailTransport(settingsFor(server), clock).send(sampleMessage(), error) == SendOutcome::PermanentFailure);
    CHECK_THAT(error, Catch::Contains("550") && Catch::Contains("Mailbox unavailable"));

    EmailMessage bad = sampleMessage();
    bad.to = "applicant@example.org>\r\nRCPT TO:<other@example.org";
    CHECK(SmtpMailTransport(settingsFor(server), clock).send(bad, error) == SendOutcome::PermanentFailure);
}

TEST_CASE("smtp: accepted but the connection died before the 250: temporary, resent with the same Message-ID",
          "[mail]")
{
    SmtpServerOptions options;
    options.dropAfterData = 1;
    SmtpServer server(options);
    ManualClock clock;
    SmtpMailTransport transport(settingsFor(server), clock);
    std::string error;
    CHECK(transport.send(sampleMessage(), error) == SendOutcome::TemporaryFailure);
    CHECK_THAT(error, Catch::Contains("without a reply"));
    CHECK(transport.send(sampleMessage(), error) == SendOutcome::Accepted);
    auto captured = server.messages();
    REQUIRE(captured.size() == 2);  // the contract: at most this one duplicate, recognisable by its Message-ID
    CHECK(headersOf(captured[0]).get("Message-ID") == headersOf(captured[1]).get("Message-ID"));
}

TEST_CASE("smtp outbox: 451 then success sends exactly once", "[mail]")
{
    SmtpServerOptions options;
    options.tempfailFirst = 2;
    SmtpServer server(options);
    Outbox outbox;
    SmtpMailTransport transport(settingsFor(server), outbox.clock);
    OutboxWorker worker(outbox.store, transport, outbox.vault, outbox.clock, outbox.settings, &outbox.store);
    outbox.add(sampleMessage("retry.1@proofdesk.example"), "receipt");

    CHECK(worker.drainOnce() == 0);
    CHECK_FALSE(worker.healthy());
    CHECK(worker.drainOnce() == 0);  // backing off: not due, not tried
    outbox.clock.advance(std::chrono::seconds(30));
    CHECK(worker.drainOnce() == 0);  // second 451
    outbox.clock.advance(std::chrono::seconds(59));
    CHECK(worker.drainOnce() == 0);  // 60 s backoff not over yet
    outbox.clock.advance(std::chrono::seconds(1));
    CHECK(worker.drainOnce() == 1);
    CHECK(worker.healthy());
    outbox.clock.advance(std::chrono::hours(2));
    CHECK(worker.drainOnce() == 0);
    CHECK(server.messages().size() == 1);
    CHECK(outbox.count("status = 'sent' AND attempts = 3") == 1);
    CHECK(outbox.undeliveredNotes().empty());
}

TEST_CASE("smtp outbox: 550 is recorded as failed, never retried, and noted on the case", "[mail]")
{
    SmtpServerOptions options;
    options.reject = true;
    SmtpServer server(options);
    Outbox outbox;
    SmtpMailTransport transport(settingsFor(server), outbox.clock);
    OutboxWorker worker(outbox.store, transport, outbox.vault, outbox.clock, outbox.settings, &outbox.store);
    outbox.add(sampleMessage("bounce.1@proofdesk.example"), "rejection");
    CHECK(worker.drainOnce() == 0);
    for (int i = 0; i < 5; ++i)
    {
        outbox.clock.advance(std::chrono::hours(1));
        worker.drainOnce();
    }
    CHECK(outbox.count("status = 'failed' AND attempts = 1 AND last_error LIKE '%550%'") == 1);
    auto notes = outbox.undeliveredNotes();
    REQUIRE(notes.size() == 1);
    CHECK_THAT(notes[0], Catch::StartsWith("email rejection could not be delivered: ") && Catch::Contains("550"));
    CHECK(server.messages().empty());
}

TEST_CASE("smtp outbox: the relay down for a while, then up: each message delivered exactly once", "[mail]")
{
    Outbox outbox;
    std::uint16_t port = freeLoopbackPort();
    SmtpSettings settings;
    settings.host = "127.0.0.1";
    settings.port = port;
    settings.tls = SmtpTls::None;
    settings.timeout = std::chrono::seconds(5);
    SmtpMailTransport transport(settings, outbox.clock);
    OutboxWorker worker(outbox.store, transport, outbox.vault, outbox.clock, outbox.settings, &outbox.store);
    for (int i = 1; i <= 4; ++i)
        outbox.add(sampleMessage("outage." + std::to_string(i) + "@proofdesk.example"), "receipt");

    for (int round = 0; round < 6; ++round)  // 30 s, 1, 2, 4, 8, 16 min of backoff: about half an hour down
    {
        CHECK(worker.drainOnce() == 0);
        outbox.clock.advance(std::chrono::minutes(20));
    }
    CHECK_FALSE(worker.healthy());
    CHECK(outbox.count("status = 'pending'") == 4);

    SmtpServerOptions options;
    options.port = port;
    SmtpServer server(options);
    outbox.clock.advance(std::chrono::hours(1));
    CHECK(worker.drainOnce() == 4);
    CHECK(worker.healthy());
    for (int round = 0; round < 3; ++round)
    {
        outbox.clock.advance(std::chrono::hours(1));
        CHECK(worker.drainOnce() == 0);
    }
    auto captured = server.messages();
    REQUIRE(captured.size() == 4);
    std::set<std::string> ids;
    for (const std::string& m : captured)
        ids.insert(headersOf(m).get("Message-ID"));
    CHECK(ids == std::set<std::string>{"<outage.1@proofdesk.example>", "<outage.2@proofdesk.example>",
                                       "<outage.3@proofdesk.example>", "<outage.4@proofdesk.example>"});
    CHECK(outbox.count("status = 'sent'") == 4);
}

TEST_CASE("smtp outbox: down past the give-up time: failed, and the case says so", "[mail]")
{
    Outbox outbox;
    outbox.settings.outboxGiveUpAfter = std::chrono::hours(6);
    SmtpSettings settings;
    settings.host = "127.0.0.1";
    settings.port = freeLoopbackPort();
    settings.tls = SmtpTls::None;
    settings.timeout = std::chrono::seconds(5);
    SmtpMailTransport transport(settings, outbox.clock);
    OutboxWorker worker(outbox.store, transport, outbox.vault, outbox.clock, outbox.settings, &outbox.store);
    outbox.add(sampleMessage("late.1@proofdesk.example"), "instructions");
    for (int i = 0; i < 20 && outbox.count("status = 'pending'") == 1; ++i)
    {
        worker.drainOnce();
        outbox.clock.advance(std::chrono::hours(1));
    }
    CHECK(outbox.count("status = 'failed'") == 1);
    auto notes = outbox.undeliveredNotes();
    REQUIRE(notes.size() == 1);
    CHECK_THAT(notes[0], Catch::StartsWith("email instructions could not be delivered: gave up"));
    CHECK(notes[0].find("@") == std::string::npos);
}

TEST_CASE("smtp: settings that cannot work are refused at start", "[mail]")
{
    ManualClock clock;
    SmtpSettings settings;
    CHECK_THROWS_WITH(SmtpMailTransport(settings, clock), Catch::Contains("proofdesk.smtp.host"));
    settings.host = "relay.example";
    settings.authMethod = "cram-md5";
    CHECK_THROWS_WITH(SmtpMailTransport(settings, clock), Catch::Contains("cram-md5"));
    settings.authMethod = "plain";
    settings.caFile = "/nonexistent/ca.pem";
    CHECK_THROWS_WITH(SmtpMailTransport(settings, clock), Catch::Contains("/nonexistent/ca.pem"));
    CHECK(parseSmtpTls("implicit") == SmtpTls::Implicit);
    CHECK_THROWS_WITH(parseSmtpTls("ssl"), Catch::Contains("'ssl'"));
}
