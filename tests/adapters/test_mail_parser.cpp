#include "proofdesk/adapters/PocoMailParser.h"

#include "proofdesk/domain/AuthenticationResults.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/MailClassifier.h"

#include <catch2/catch.hpp>

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SHA2Engine.h>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace proofdesk;
namespace fs = std::filesystem;

namespace
{

const std::vector<std::string> ownAddresses = {"helpdesk@proofdesk.example"};

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string sha256(const std::string& bytes)
{
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

bool hasNote(const InboundMail& mail, const std::string& part)
{
    return std::any_of(mail.notes.begin(), mail.notes.end(),
                       [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

std::string notesOf(const InboundMail& mail)
{
    std::string all;
    for (const auto& n : mail.notes)
        all += "[" + n + "] ";
    return all;
}

std::vector<std::string> stringArray(const Poco::JSON::Object::Ptr& object, const std::string& key)
{
    std::vector<std::string> out;
    auto array = object->getArray(key);
    for (std::size_t i = 0; array && i < array->size(); ++i)
        out.push_back(array->getElement<std::string>(static_cast<unsigned>(i)));
    return out;
}

std::vector<fs::path> samplePaths()
{
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(fs::path(PROOFDESK_SOURCE_DIR) / "samples" / "emails"))
        if (entry.path().extension() == ".eml")
            paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    return paths;
}

// Runs `parse` and says how long it took; hostile inputs must be handled in bounded time.
template <class F> double seconds(F&& f)
{
    auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string simpleHeader(const std::string& contentType)
{
    return "From: sender@example.org\r\nTo: helpdesk@proofdesk.example\r\nSubject: hostile\r\n"
           "Message-ID: <hostile@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: " +
           contentType + "\r\n\r\n";
}

void requireInvalid(const PocoMailParser& parser, const std::string& raw, const std::string& reasonPart)
{
    try
    {
        parser.parse(raw);
        FAIL("parse accepted input that is not a message");
    }
    catch (const Error& e)
    {
        CHECK(e.code() == ErrorCode::InvalidInput);
        CHECK_THAT(e.what(), Catch::Contains(reasonPart));
    }
}

} // namespace

TEST_CASE("every message of samples/emails parses to its ground truth", "[adapters][mail][parser]")
{
    PocoMailParser parser;
    auto paths = samplePaths();
    REQUIRE(paths.size() >= 30);
    for (const auto& path : paths)
    {
        std::string name = path.stem().string();
        INFO("sample " << name);
        fs::path truthPath = path;
        truthPath.replace_extension(".json");
        REQUIRE(fs::exists(truthPath));
        Poco::JSON::Parser jsonParser;
        auto truth = jsonParser.parse(readFile(truthPath)).extract<Poco::JSON::Object::Ptr>();
        std::string raw = readFile(path);

        if (truth->getValue<bool>("invalid"))
        {
            CHECK_THROWS_AS(parser.parse(raw), Error);
            continue;
        }
        InboundMail mail = parser.parse(raw);
        CHECK(mail.subject == truth->getValue<std::string>("subject"));
        CHECK(mail.fromAddress == truth->getValue<std::string>("from"));
        CHECK(mail.fromName == truth->getValue<std::string>("fromName"));
        CHECK(mail.messageId == truth->getValue<std::string>("messageId"));
        if (truth->has("inReplyTo"))
            CHECK(mail.inReplyTo == truth->getValue<std::string>("inReplyTo"));
        CHECK(mail.topContentType == truth->getValue<std::string>("topContentType"));
        CHECK(mail.reportType == truth->getValue<std::string>("reportType"));
        for (const auto& snippet : stringArray(truth, "bodyContains"))
        {
            INFO("body: " << mail.bodyText);
            CHECK_THAT(mail.bodyText, Catch::Contains(snippet));
        }
        for (const auto& snippet : stringArray(truth, "bodyNotContains"))
            CHECK_THAT(mail.bodyText, !Catch::Contains(snippet));

        auto attachments = truth->getArray("attachments");
        REQUIRE(mail.attachments.size() == attachments->size());
        for (std::size_t i = 0; i < mail.attachments.size(); ++i)
        {
            auto expected = attachments->getObject(static_cast<unsigned>(i));
            const MailAttachment& a = mail.attachments[i];
            INFO("attachment " << i);
            CHECK(a.filename == expected->getValue<std::string>("filename"));
            CHECK(a.contentType == expected->getValue<std::string>("contentType"));
            CHECK(a.bytes.size() == expected->getValue<std::size_t>("size"));
            CHECK(sha256(a.bytes) == expected->getValue<std::string>("sha256"));
            CHECK(a.inlinePart == expected->getValue<bool>("inline"));
            CHECK(a.origin == expected->getValue<std::string>("origin"));
        }

        auto notes = stringArray(truth, "notes");
        INFO("notes: " << notesOf(mail));
        CHECK(mail.notes.size() == notes.size());
        for (const auto& note : notes)
            CHECK(hasNote(mail, note));

        auto reason = automaticMailReason(mail, ownAddresses);
        if (truth->isNull("automaticReason"))
            CHECK_FALSE(reason.has_value());
        else
        {
            REQUIRE(reason.has_value());
            CHECK_THAT(*reason, Catch::Contains(truth->getValue<std::string>("automaticReason")));
        }

        if (!truth->isNull("auth"))
        {
            auto auth = truth->getObject("auth");
            AuthenticationVerdicts v =
                parseAuthenticationResults(mail.authenticationResults, stringArray(auth, "trusted"));
            CHECK(v.authservId == auth->getValue<std::string>("authservId"));
            CHECK(v.spf == auth->getValue<std::string>("spf"));
            CHECK(v.dkim == auth->getValue<std::string>("dkim"));
            CHECK(v.dmarc == auth->getValue<std::string>("dmarc"));
        }
    }
}

TEST_CASE("the sample images are real images", "[adapters][mail][parser]")
{
    PocoMailParser parser;
    InboundMail mail =
        parser.parse(readFile(fs::path(PROOFDESK_SOURCE_DIR) / "samples/emails/02-three-attachments.eml"));
    REQUIRE(mail.attachments.size() == 3);
    for (std::size_t i : {std::size_t(0), std::size_t(2)})
    {
        const std::string& bytes = mail.attachments[i].bytes;
        std::vector<unsigned char> buffer(bytes.begin(), bytes.end());
        cv::Mat image = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
        CHECK_FALSE(image.empty());
    }
    CHECK(mail.attachments[1].bytes.rfind("%PDF-1.4", 0) == 0);
}

TEST_CASE("input that is not a message is refused with a reason", "[adapters][mail][parser]")
{
    PocoMailParser parser;
    requireInvalid(parser, "", "empty");
    requireInvalid(parser, " \r\n\r\n\t", "empty");
    requireInvalid(parser, "just some words\r\n\r\nand more", "does not start with header fields");
    requireInvalid(parser, std::string("\0\0\0\0From: a@example.org\r\n", 24), "does not start with header fields");
    requireInvalid(parser, "X-Custom: 1\r\nX-Other: 2\r\n\r\nbody", "none of From");
    requireInvalid(parser, ":no name\r\n\r\n", "does not start with header fields");

    std::mt19937 random(2026);
    for (int round = 0; round < 20; ++round)
    {
        std::string bytes(static_cast<std::size_t>(1000 + round * 5000), '\0');
        for (auto& b : bytes)
            b = static_cast<char>(random() & 0xFF);
        INFO("random round " << round);
        CHECK_THROWS_AS(parser.parse(bytes), Error);
    }
}

TEST_CASE("hostile messages are walked in bounded time and never crash", "[adapters][mail][parser]")
{
    PocoMailParser parser;

    SECTION("10,000 nested multiparts stop at the depth limit")
    {
        // Boundaries of one width, so that none is a prefix of another.
        auto boundary = [](int i) { return "n" + std::to_string(100000 + i); };
        std::string raw = simpleHeader("multipart/mixed; boundary=\"" + boundary(0) + "\"");
        for (int i = 0; i < 10000; ++i)
            raw += "--" + boundary(i) + "\r\nContent-Type: multipart/mixed; boundary=\"" + boundary(i + 1) +
                   "\"\r\n\r\n";
        raw += "--" + boundary(10000) + "\r\nContent-Type: text/plain\r\n\r\ndeepest\r\n";
        InboundMail mail;
        double took = seconds([&] { mail = parser.parse(raw); });
        INFO("notes: " << notesOf(mail));
        CHECK(took < 10.0);
        CHECK(hasNote(mail, "nested deeper than 8 levels"));
        CHECK(mail.bodyText.empty());
    }

    SECTION("a 10 MB header line is refused")
    {
        std::string raw = "From: a@example.org\r\nSubject: " + std::string(10 * 1024 * 1024, 'x') + "\r\n\r\nbody";
        double took = seconds([&] { requireInvalid(parser, raw, "header section is larger than"); });
        CHECK(took < 10.0);
    }

    SECTION("a 10 MB header line inside a part is a note")
    {
        std::string raw = simpleHeader("multipart/mixed; boundary=\"b\"") + "--b\r\nContent-Type: text/plain\r\n"
                          "X-Long: " + std::string(10 * 1024 * 1024, 'y') + "\r\n\r\nafter\r\n--b\r\n"
                          "Content-Type: text/plain\r\n\r\nsecond\r\n--b--\r\n";
        InboundMail mail;
        double took = seconds([&] { mail = parser.parse(raw); });
        CHECK(took < 10.0);
        CHECK(hasNote(mail, "could not be read completely"));
    }

    SECTION("100,000 parts stop at the part limit")
    {
        std::string raw = simpleHeader("multipart/mixed; boundary=\"p\"");
        raw.reserve(raw.size() + 100000 * 40);
        for (int i = 0; i < 100000; ++i)
            raw += "--p\r\nContent-Type: text/plain\r\n\r\npart\r\n";
        raw += "--p--\r\n";
        InboundMail mail;
        double took = seconds([&] { mail = parser.parse(raw); });
        CHECK(took < 10.0);
        CHECK(hasNote(mail, "more than 100 parts"));
    }

    SECTION("boundaries that never close, at every level")
    {
        std::string raw = simpleHeader("multipart/mixed; boundary=\"a\"") +
                          "--a\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
                          "--b\r\nContent-Type: text/plain\r\n\r\nstill open\r\n--b-- not quite\r\n--a-\r\n";
        InboundMail mail = parser.parse(raw);
        CHECK_THAT(mail.bodyText, Catch::Contains("still open"));
        CHECK(hasNote(mail, "ends without its closing boundary"));
    }

    SECTION("a multipart whose boundary never appears")
    {
        InboundMail mail = parser.parse(simpleHeader("multipart/mixed; boundary=\"zz\"") + "no boundary here\r\n");
        CHECK(mail.attachments.empty());
        CHECK(hasNote(mail, "could not be read completely"));
    }

    SECTION("boundaries missing or absurdly long")
    {
        InboundMail mail = parser.parse(simpleHeader("multipart/mixed") + "--x\r\n\r\nbody\r\n--x--\r\n");
        CHECK(hasNote(mail, "no usable boundary"));
        std::string longBoundary(5000, 'q');
        mail = parser.parse(simpleHeader("multipart/mixed; boundary=\"" + longBoundary + "\"") + "--" +
                            longBoundary + "\r\n\r\nbody\r\n");
        CHECK(hasNote(mail, "no usable boundary"));
    }

    SECTION("decoded size above the limit stops the walk")
    {
        MailParserLimits limits;
        limits.maxDecodedBytes = 1000;
        PocoMailParser small(limits);
        std::string raw = simpleHeader("multipart/mixed; boundary=\"d\"");
        for (int i = 0; i < 5; ++i)
            raw += "--d\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"f" +
                   std::to_string(i) + ".pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                   std::string(400, 'A') + "\r\n";
        raw += "--d--\r\n";
        InboundMail mail = small.parse(raw);
        CHECK(mail.attachments.size() == 3);
        CHECK(hasNote(mail, "stopped after 1000 bytes"));
    }

    SECTION("garbage base64 and quoted-printable keep what decoded")
    {
        std::string raw = simpleHeader("multipart/mixed; boundary=\"g\"") +
                          "--g\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n"
                          "Content-Transfer-Encoding: base64\r\n\r\nQUJD!!!!$$$$\r\n"
                          "--g\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                          "ok =ZZ bad =\r\n--g--\r\n";
        InboundMail mail = parser.parse(raw);
        INFO("notes: " << notesOf(mail));
        REQUIRE(mail.attachments.size() == 1);
        CHECK(mail.attachments[0].bytes.rfind("ABC", 0) == 0);
        CHECK(hasNote(mail, "damaged"));
    }

    SECTION("a 10 MB body line and binary zeros in the body")
    {
        std::string raw = simpleHeader("text/plain") + std::string(10 * 1024 * 1024, 'z') + std::string(100, '\0');
        InboundMail mail;
        double took = seconds([&] { mail = parser.parse(raw); });
        CHECK(took < 10.0);
        CHECK(mail.bodyText.size() >= 10 * 1024 * 1024);
    }

    SECTION("pathological encoded words and HTML stay linear")
    {
        std::string words;
        for (int i = 0; i < 150000; ++i)
            words += "=?a?b?";
        std::string html;
        for (int i = 0; i < 200000; ++i)
            html += "&&<script>";
        std::string raw = "From: a@example.org\r\nSubject: " + words + "\r\nContent-Type: text/html\r\n\r\n" + html;
        InboundMail mail;
        double took = seconds([&] { mail = parser.parse(raw); });
        CHECK(took < 10.0);
        CHECK(mail.subject.size() == words.size());
    }

    SECTION("random bytes after a valid header")
    {
        std::mt19937 random(7);
        for (int round = 0; round < 50; ++round)
        {
            std::string body(20000, '\0');
            for (auto& b : body)
                b = static_cast<char>(random() % 4 == 0 ? '-' : static_cast<char>(random() & 0xFF));
            CHECK_NOTHROW(parser.parse(simpleHeader("multipart/mixed; boundary=\"-\"") + "---\r\n" + body));
            CHECK_NOTHROW(parser.parse(simpleHeader("message/rfc822") + body));
        }
    }
}

TEST_CASE("header details: ids, addresses, unfolding, lists", "[adapters][mail][parser]")
{
    PocoMailParser parser;
    InboundMail mail = parser.parse("From: \"Last, First\" <Some.One@Example.NET>, other@example.org\r\n"
                                    "To: undisclosed-recipients:;\r\n"
                                    "Subject: =?utf-8?b?w6k=?=\r\n"
                                    "Message-ID:\r\n <folded.id@example.net>\r\n"
                                    "References: <a@example.net>\r\n <b@example.net>\r\n"
                                    "List-Id: <l.example.net>\r\nLIST-Unsubscribe: <mailto:x@example.net>\r\n"
                                    "X-Loop: Helpdesk@proofdesk.example\r\n"
                                    "Authentication-Results: a.example; spf=pass\r\n"
                                    "Authentication-Results: b.example; spf=fail\r\n"
                                    "\r\nbody\r\n");
    CHECK(mail.fromAddress == "Some.One@example.net");
    CHECK(mail.fromName == "Last, First");
    CHECK(mail.toAddress.empty());
    CHECK(mail.subject == "\xC3\xA9");
    CHECK(mail.messageId == "folded.id@example.net");
    CHECK(mail.references == "<a@example.net> <b@example.net>");
    CHECK(mail.listHeaders == std::vector<std::string>{"List-Id", "LIST-Unsubscribe"});
    CHECK(mail.autoReplyHeaders == std::vector<std::string>{"X-Loop: helpdesk@proofdesk.example"});
    CHECK(mail.authenticationResults ==
          std::vector<std::string>{"a.example; spf=pass", "b.example; spf=fail"});
    CHECK(mail.topContentType == "text/plain");
    CHECK(mail.bodyText == "body");

    mail = parser.parse("From: not an address\r\nSubject: x\r\n\r\n");
    CHECK(mail.fromAddress.empty());
    CHECK(mail.bodyText.empty());

    mail = parser.parse("From: old.style@Example.ORG (Old Style)\r\nSubject: headers only, no body");
    CHECK(mail.fromAddress == "old.style@example.org");
    CHECK(mail.fromName == "Old Style");
    CHECK(mail.subject == "headers only, no body");

    mail = parser.parse("From: a@example.org\r\nSubject: no blank line\r\nthis line is the body\r\n");
    CHECK(mail.bodyText == "this line is the body");
    CHECK(hasNote(mail, "blank line"));
}

TEST_CASE("part details: digests, text files, unreadable forwards, other message types",
          "[adapters][mail][parser]")
{
    PocoMailParser parser;
    std::string digest = simpleHeader("multipart/digest; boundary=\"d\"") +
                         "--d\r\n\r\nFrom: x@example.org\r\nSubject: first\r\n\r\nfirst digest text\r\n"
                         "--d\r\nContent-Type: text/plain; name=\"notes.txt\"\r\n\r\nattached text file\r\n"
                         "--d\r\nContent-Type: message/rfc822\r\n\r\nnot a message inside\r\n"
                         "--d\r\nContent-Type: message/external-body; access-type=URL\r\n\r\n\r\n--d--\r\n";
    InboundMail mail = parser.parse(digest);
    CHECK_THAT(mail.bodyText, Catch::Contains("---------- forwarded message 1 ----------"));
    CHECK_THAT(mail.bodyText, Catch::Contains("first digest text"));
    REQUIRE(mail.attachments.size() == 2);
    CHECK(mail.attachments[0].filename == "notes.txt");
    CHECK(mail.attachments[0].contentType == "text/plain");
    CHECK(mail.attachments[0].bytes == "attached text file");
    CHECK(mail.attachments[1].contentType == "message/rfc822");
    CHECK(mail.attachments[1].bytes == "not a message inside");
    CHECK(hasNote(mail, "forwarded message 2 is not a readable message"));
    CHECK(hasNote(mail, "message/external-body"));
}
