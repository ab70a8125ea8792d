// `proofdesk mailgate` as an MTA runs it: the real binary, one message on stdin, the exit code read as
// sysexits (0 taken, 65 not a message, 75 try again later), the store checked afterwards.
#include "proofdesk/adapters/SqliteDatabase.h"

#include <catch2/catch.hpp>

#include "support/MailBuilder.h"
#include "support/ServerProcess.h"
#include "support/SyntheticFiles.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

CommandResult mailgate(const std::string& input, std::vector<std::string> args)
{
    args.insert(args.begin(), "mailgate");
    Poco::Pipe inPipe, outPipe;
    Poco::ProcessHandle handle =
        Poco::Process::launch(PROOFDESK_BINARY, args, "", &inPipe, &outPipe, &outPipe, Poco::Process::Env{});
    {
        Poco::PipeOutputStream in(inPipe);
        in.write(input.data(), static_cast<std::streamsize>(input.size()));
        in.close();
    }
    Poco::PipeInputStream out(outPipe);
    CommandResult result;
    Poco::StreamCopier::copyToString(out, result.out);
    result.exitCode = handle.wait();
    return result;
}

std::int64_t scalar(const std::string& databasePath, const std::string& sql)
{
    SqliteDatabase db(databasePath, 1);
    return db.connect()->scalar(sql, {});
}

std::string message(const std::string& id, const std::vector<MailFile>& files = {})
{
    MailBuilder mail;
    mail.messageId = id;
    mail.subject = "my documents";
    mail.files = files;
    return mail.build();
}

} // namespace

TEST_CASE("mailgate: a message is taken (exit 0) into the store, once, and processed", "[mail][e2e]")
{
    TempDir dir;
    std::string data = dir / "data";
    std::string raw = "From sender@example.net Tue Jan 14 10:00:00 2026\n" +
                      message("gate1@example.net", {MailFile{"a.pdf", "application/pdf", smallPdf("gate")}});
    CommandResult first = mailgate(raw, {"--data-dir", data});
    INFO(first.out);
    CHECK(first.exitCode == 0);
    std::string db = data + "/proofdesk.db";
    CHECK(scalar(db, "SELECT COUNT(*) FROM inbound_mail") == 1);
    // No case quotes it and the sender registered nothing: processed right away, into triage.
    CHECK(scalar(db, "SELECT COUNT(*) FROM inbound_mail WHERE state = 'triage' AND attachment_count = 1") == 1);
    // The envelope line was not part of the message: its hash is the message's own.
    CHECK(scalar(db, "SELECT COUNT(*) FROM inbound_mail WHERE message_id = 'gate1@example.net'") == 1);

    CommandResult again = mailgate(raw, {"--data-dir", data});
    CHECK(again.exitCode == 0);
    CHECK(scalar(db, "SELECT COUNT(*) FROM inbound_mail") == 1);
    // Nothing personal on stderr.
    CHECK(first.out.find("sender@example.net") == std::string::npos);
}

TEST_CASE("mailgate: input that is not a message exits 65 and touches nothing", "[mail][e2e]")
{
    TempDir dir;
    std::string data = dir / "data";
    std::mt19937 random(20260114);
    std::string noise(4096, '\0');
    for (char& c : noise)
        c = static_cast<char>(random() & 0xFF);
    noise[0] = '\x01';  // whatever the seed, not a header name
    for (const std::string& input : {std::string(), noise, std::string("\r\n\r\nbody only"),
                                     std::string("From someone@example.net Tue Jan 14 10:00:00 2026\n"),
                                     std::string(": value\r\n\r\n"), std::string(300, 'A')})
    {
        CommandResult result = mailgate(input, {"--data-dir", data});
        INFO(result.out);
        CHECK(result.exitCode == 65);
        CHECK(result.out.find("not an RFC 5322 message") != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(data + "/proofdesk.db"));

    // Over the size limit: refused (the MTA bounces it), nothing stored.
    std::string big = "Subject: big\r\n\r\n" + std::string(1024 * 1024 + 10, 'x');
    CommandResult large = mailgate(big, {"--data-dir", data, "-D", "proofdesk.mail.max_message_mb=1"});
    CHECK(large.exitCode == 65);
    CHECK(large.out.find("larger than 1 MB") != std::string::npos);
}

TEST_CASE("mailgate: exits 75 when the store cannot take the message, so the MTA retries", "[mail][e2e]")
{
    TempDir dir;
    SECTION("the data folder cannot be created")
    {
        std::ofstream(dir / "plain-file") << "not a folder";
        CommandResult result = mailgate(message("gate2@example.net"), {"--data-dir", dir / "plain-file/data"});
        INFO(result.out);
        CHECK(result.exitCode == 75);
        CHECK(result.out.find("try again later") != std::string::npos);
    }
    SECTION("the database file is not a database")
    {
        std::filesystem::create_directories(dir / "data");
        std::ofstream(dir / "data/proofdesk.db") << std::string(8192, 'z');
        CommandResult result = mailgate(message("gate3@example.net"), {"--data-dir", dir / "data"});
        INFO(result.out);
        CHECK(result.exitCode == 75);
    }
    SECTION("another writer holds the database longer than the busy timeout")
    {
        std::string data = dir / "data";
        REQUIRE(mailgate(message("gate4@example.net"), {"--data-dir", data}).exitCode == 0);
        {
            SqliteDatabase db(data + "/proofdesk.db", 1);
            auto holder = db.connect();
            holder->execute("BEGIN EXCLUSIVE");
            holder->execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'lock', 'now')");
            auto started = std::chrono::steady_clock::now();
            CommandResult result = mailgate(message("gate5@example.net"), {"--data-dir", data});
            INFO(result.out);
            CHECK(result.exitCode == 75);
            CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(60));
            holder->execute("ROLLBACK");
        }
        CHECK(scalar(data + "/proofdesk.db", "SELECT COUNT(*) FROM inbound_mail WHERE message_id = 'gate5@example.net'") == 0);
        // Retried once the lock is gone: taken.
        CHECK(mailgate(message("gate5@example.net"), {"--data-dir", data}).exitCode == 0);
        CHECK(scalar(data + "/proofdesk.db", "SELECT COUNT(*) FROM inbound_mail WHERE message_id = 'gate5@example.net'") == 1);
    }
}

TEST_CASE("mailgate: works while the server runs on the same store, which processes what it takes", "[mail][e2e]")
{
    TempDir dir;
    std::string data = dir / "data";
    ServerProcess server(data, {"-D", "proofdesk.mail.process_interval_seconds=1", "-D", "proofdesk.extraction.workers=1"});
    CommandResult result = mailgate(message("gate6@example.net"), {"--data-dir", data});
    INFO(result.out);
    CHECK(result.exitCode == 0);
    std::string db = data + "/proofdesk.db";
    CHECK(scalar(db, "SELECT COUNT(*) FROM inbound_mail WHERE message_id = 'gate6@example.net' AND state != 'stored'") == 1);
    HttpClient client(server.port());
    HttpResult health = client.get("/healthz");
    CHECK(health.body.find("mail_intake") != std::string::npos);
    CHECK(server.stop() == 0);
}
