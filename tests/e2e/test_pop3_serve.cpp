// `proofdesk serve` with a POP3 mailbox configured: the real binary polls a real Dovecot, takes each message
// into its store (committed before DELE) and processes it; a mailbox it cannot read shows on /healthz.
#include "proofdesk/adapters/SqliteDatabase.h"

#include <catch2/catch.hpp>

#include "support/DovecotServer.h"
#include "support/MailBuilder.h"
#include "support/ServerProcess.h"
#include "support/SyntheticFiles.h"

#include <chrono>
#include <thread>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

std::int64_t scalar(const std::string& databasePath, const std::string& sql)
{
    SqliteDatabase db(databasePath, 1);
    return db.connect()->scalar(sql, {});
}

std::vector<std::string> mailboxOptions(const DovecotServer& dovecot, const std::string& password)
{
    return {"-D", "proofdesk.pop3.host=127.0.0.1",
            "-D", "proofdesk.pop3.port=" + std::to_string(dovecot.pop3Port()),
            "-D", "proofdesk.pop3.tls=none",
            "-D", std::string("proofdesk.pop3.user=") + DovecotServer::user,
            "-D", "proofdesk.pop3.password=" + password,
            "-D", "proofdesk.pop3.interval_seconds=1",
            "-D", "proofdesk.mail.process_interval_seconds=1",
            "-D", "proofdesk.extraction.workers=1"};
}

// Waits up to `seconds` for `done`.
template <typename Condition>
bool eventually(Condition done, int seconds = 30)
{
    for (int i = 0; i < seconds * 10; ++i)
    {
        if (done())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return done();
}

} // namespace

TEST_CASE("serve polls the POP3 mailbox: messages taken, processed, then deleted from the mailbox", "[mail][e2e]")
{
    DovecotServer dovecot;
    for (int i = 1; i <= 3; ++i)
    {
        MailBuilder mail;
        mail.messageId = "pop-serve-" + std::to_string(i) + "@example.net";
        mail.subject = "documents " + std::to_string(i);
        mail.files = {MailFile{"statement.pdf", "application/pdf", smallPdf("pop3 serve " + std::to_string(i)), false}};
        dovecot.addMessage(mail.build());
    }
    REQUIRE(dovecot.messages().size() == 3);

    TempDir dir;
    std::string data = dir / "data";
    ServerProcess server(data, mailboxOptions(dovecot, DovecotServer::password));
    const std::string db = data + "/proofdesk.db";
    // No case quotes a reference: each message is taken, then processed into triage.
    CHECK(eventually([&] { return dovecot.messages().empty(); }));
    CHECK(eventually([&] {
        return scalar(db, "SELECT COUNT(*) FROM inbound_mail WHERE channel = 'pop3' AND state = 'triage'") == 3;
    }));
    CHECK(scalar(db, "SELECT COUNT(*) FROM inbound_mail") == 3);

    HttpClient client(server.port());
    HttpResult health = client.get("/healthz");
    INFO(health.body);
    CHECK(health.body.find("3 in triage") != std::string::npos);
    CHECK(health.body.find("mailbox could not be read") == std::string::npos);
    CHECK(server.stop() == 0);
    // The log names no subject or sender.
    CHECK(server.log().find("documents 1") == std::string::npos);
    CHECK(server.log().find("sender@example.net") == std::string::npos);
}

TEST_CASE("serve with a mailbox it cannot log in to: nothing deleted, the status says so", "[mail][e2e]")
{
    DovecotServer dovecot;
    MailBuilder mail;
    mail.messageId = "pop-serve-kept@example.net";
    dovecot.addMessage(mail.build());

    TempDir dir;
    ServerProcess server(dir / "data", mailboxOptions(dovecot, "wrong-password"));
    HttpClient client(server.port());
    CHECK(eventually([&] { return client.get("/healthz").body.find("mailbox could not be read") != std::string::npos; }));
    CHECK(dovecot.messages().size() == 1);
    CHECK(server.stop() == 0);
    CHECK(server.log().find("wrong-password") == std::string::npos);
}
