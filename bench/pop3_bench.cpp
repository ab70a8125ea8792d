// POP3 ingest benchmark: a real Dovecot (started here, as in the [mail] tests) holding N synthetic messages
// of about 20 KB with a small attachment. Measured in the same run, on a freshly filled mailbox each time:
//   1. baseline: Poco POP3ClientSession RETR + DELE of every message, nothing stored;
//   2. Pop3Poller into a sink that stores nothing (the poller's own cost);
//   3. Pop3Poller into a sink that writes each message durably to its own file (write, fsync, rename).
// Prints messages per second and the ratios to the baseline. Skips (exit 0) when dovecot is not installed.
// Usage: bench_pop3 [MESSAGES]   (default 1000)
#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/adapters/Pop3Poller.h"

#include "support/DovecotServer.h"
#include "support/TempDir.h"

#include <Poco/Net/POP3ClientSession.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>

using namespace proofdesk;
using namespace proofdesk::test;
using Stopwatch = std::chrono::steady_clock;

namespace
{

std::string base64Lines(const std::string& bytes)
{
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t column = 0;
    for (std::size_t i = 0; i < bytes.size(); i += 3)
    {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size())
            v |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        if (i + 2 < bytes.size())
            v |= static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? alphabet[v & 63] : '=';
        column += 4;
        if (column == 76)
        {
            out += "\r\n";
            column = 0;
        }
    }
    return out + "\r\n";
}

// About 20 KB: headers, a text part of ~6 KB and a 10 KB attachment (base64, ~13.5 KB).
std::string syntheticMessage(int n, std::mt19937& random)
{
    std::string attachment(10 * 1024, '\0');
    for (char& c : attachment)
        c = static_cast<char>(random() & 0xff);
    std::string text;
    while (text.size() < 6000)
        text += "Please find my documents for case PD-BNCH-" + std::to_string(1000 + n % 9000) + " attached.\r\n";
    return "From: Applicant " + std::to_string(n) + " <applicant" + std::to_string(n) + "@example.org>\r\n"
           "To: helpdesk@proofdesk.example\r\n"
           "Subject: Documents " + std::to_string(n) + "\r\n"
           "Message-ID: <bench" + std::to_string(n) + "@example.org>\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\"b-" + std::to_string(n) + "\"\r\n"
           "\r\n"
           "--b-" + std::to_string(n) + "\r\n"
           "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text +
           "--b-" + std::to_string(n) + "\r\n"
           "Content-Type: application/pdf; name=\"statement.pdf\"\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "Content-Disposition: attachment; filename=\"statement.pdf\"\r\n\r\n" + base64Lines(attachment) +
           "--b-" + std::to_string(n) + "--\r\n";
}

class NullSink : public MessageSink
{
public:
    TakeOutcome take(const std::string&, const std::string&) override { return TakeOutcome::Taken; }
};

// Each message to its own file, durably, before take() returns (what the real store must at least do).
class FileSink : public MessageSink
{
public:
    explicit FileSink(std::string folder) : _folder(std::move(folder)) { std::filesystem::create_directories(_folder); }
    TakeOutcome take(const std::string& raw, const std::string&) override
    {
        writeFileDurably(_folder + "/" + std::to_string(++_count) + ".eml", raw, 0600);
        return TakeOutcome::Taken;
    }

private:
    std::string _folder;
    int _count = 0;
};

void fill(DovecotServer& server, int count)
{
    std::mt19937 random(42);
    for (int i = 0; i < count; ++i)
        server.addMessage(syntheticMessage(i, random));
}

double seconds(Stopwatch::time_point start)
{
    return std::chrono::duration<double>(Stopwatch::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    int count = argc > 1 ? std::atoi(argv[1]) : 1000;
    if (count <= 0)
    {
        std::fprintf(stderr, "usage: bench_pop3 [MESSAGES]\n");
        return 2;
    }
    if (!std::filesystem::exists("/usr/sbin/dovecot"))
    {
        std::printf("bench_pop3: skipped, dovecot is not installed (scripts/install-deps.sh installs it)\n");
        return 0;
    }
    try
    {
        DovecotServer server;
        std::mt19937 sizing(42);
        std::printf("bench_pop3: %d messages of %zu bytes each (text + 10 KB attachment), Dovecot on loopback\n",
                    count, syntheticMessage(0, sizing).size());

        fill(server, count);
        auto start = Stopwatch::now();
        {
            Poco::Net::POP3ClientSession session("127.0.0.1", server.pop3Port());
            session.login(DovecotServer::user, DovecotServer::password);
            Poco::Net::POP3ClientSession::MessageInfoVec messages;
            session.listMessages(messages);
            for (const auto& info : messages)
            {
                std::ostringstream raw;
                session.retrieveMessage(info.id, raw);
                session.deleteMessage(info.id);
            }
            session.close();
        }
        double baseline = seconds(start);
        if (!server.messages().empty())
            throw std::runtime_error("the baseline left messages behind");

        Pop3Settings settings;
        settings.host = "127.0.0.1";
        settings.port = server.pop3Port();
        settings.tls = Pop3Tls::None;
        settings.user = DovecotServer::user;
        settings.password = DovecotServer::password;
        settings.maxMessagesPerPoll = count;
        Pop3Poller poller(settings);

        fill(server, count);
        NullSink nullSink;
        start = Stopwatch::now();
        PollResult nullRun = poller.pollOnce(nullSink);
        double pollerOnly = seconds(start);
        if (!nullRun.ok() || nullRun.taken != count)
            throw std::runtime_error("poller run failed: " + nullRun.error);

        fill(server, count);
        TempDir store;
        FileSink fileSink(store / "messages");
        start = Stopwatch::now();
        PollResult durableRun = poller.pollOnce(fileSink);
        double durable = seconds(start);
        if (!durableRun.ok() || durableRun.taken != count)
            throw std::runtime_error("durable run failed: " + durableRun.error);

        std::printf("  baseline  Poco RETR+DELE, nothing stored : %8.1f msg/s  (%.2f s)\n", count / baseline, baseline);
        std::printf("  Pop3Poller, null sink                    : %8.1f msg/s  (%.2f s)  %.2fx baseline time\n",
                    count / pollerOnly, pollerOnly, pollerOnly / baseline);
        std::printf("  Pop3Poller, durable file sink (fsync)    : %8.1f msg/s  (%.2f s)  %.2fx baseline time\n",
                    count / durable, durable, durable / baseline);
        return 0;
    }
    catch (const Poco::Exception& e)
    {
        std::fprintf(stderr, "bench_pop3: %s\n", e.displayText().c_str());
        return 1;
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "bench_pop3: %s\n", e.what());
        return 1;
    }
}
