// The real `proofdesk serve` process on a free loopback port, driven over HTTP like a browser would.
#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/adapters/SqliteDatabase.h"
#include "proofdesk/domain/Json.h"

#include <catch2/catch.hpp>

#include "support/ServerProcess.h"
#include "support/SyntheticFiles.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StringPartSource.h>

#include <filesystem>
#include <regex>
#include <thread>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

const char* const reviewerPassword = "Lantern#Quartz2026";

std::vector<std::string> outboxMails(const TempDir& dir)
{
    std::vector<std::string> mails;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "data/outbox", ec))
    {
        std::string name = entry.path().filename().string();
        if (entry.path().extension() == ".eml" && name[0] != '.')
            mails.push_back(readWholeFile(entry.path().string()));
    }
    return mails;
}

int countSubject(const std::vector<std::string>& mails, const std::string& subject)
{
    int n = 0;
    for (const std::string& mail : mails)
        n += mail.find("Subject: " + subject) != std::string::npos ? 1 : 0;
    return n;
}

// Waits (bounded) until the outbox worker has written `count` messages.
std::vector<std::string> waitForMails(const TempDir& dir, std::size_t count)
{
    for (int i = 0; i < 100; ++i)
    {
        auto mails = outboxMails(dir);
        if (mails.size() >= count)
            return mails;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return outboxMails(dir);
}

void fillRegistration(Poco::Net::HTMLForm& form, const std::string& csrf)
{
    form.set("csrf", csrf);
    form.set("first_name", "Tobias");
    form.set("middle_name", "J");
    form.set("last_name", "Ferreira-Lund");
    form.set("date_of_birth", "1988-11-03");
    form.set("street", "77 Quarry Rd");
    form.set("unit", "");
    form.set("city", "Bozeman");
    form.set("state", "MT");
    form.set("zip", "59715-2201");
    form.set("email", "tobias.fl@example.net");
    form.set("phone", "(406) 555-0177");
    form.set("user_id", "tferreiralund");
    form.set("password", "Glacier#Maple2031");
    form.set("password_confirm", "Glacier#Maple2031");
    form.set("challenge_question", "");
    form.set("challenge_answer", "gravel road");
    form.set("ssn", "");
}

std::string firstMatch(const std::string& text, const std::string& pattern)
{
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(pattern)))
        return {};
    return m[1];
}

} // namespace

TEST_CASE("registration, upload, sign-in and approval over HTTP against the real server", "[e2e]")
{
    TempDir dir;
    std::string data = dir / "data";
    CommandResult added = runProofdesk({"user", "add", "rita", "--role", "reviewer", "--name", "Rita Reviewer",
                                        "--data-dir", data},
                                       {{"PROOFDESK_NEW_PASSWORD", reviewerPassword}});
    INFO(added.out);
    REQUIRE(added.exitCode == 0);

    ServerProcess server(data);
    HttpClient applicant(server.port());

    // Health and status.
    HttpResult health = applicant.get("/healthz");
    CHECK(health.status == 200);
    CHECK(health.body.find("\"status\":\"ok\"") != std::string::npos);
    HttpResult status = applicant.get("/status");
    CHECK(status.status == 200);
    for (const char* word : {"OPERATIONAL", "ISSUES REPORTED", "PLANNED OUTAGE", "SYSTEM OUTAGE", "Outgoing mail"})
        CHECK(status.body.find(word) != std::string::npos);

    // The home page says what to send; the USWDS assets are served by proofdesk itself.
    HttpResult home = applicant.get("/");
    CHECK(home.body.find("Government photo ID") != std::string::npos);
    CHECK(applicant.get("/assets/uswds/css/uswds.min.css").status == 200);
    CHECK(applicant.get("/assets/uswds/../../../../etc/passwd").status == 404);

    // Registration: one message per bad field, values kept; then a valid one.
    HttpResult page = applicant.get("/register");
    REQUIRE(page.status == 200);
    std::string csrf = csrfOf(page.body);
    Poco::Net::HTMLForm bad;
    fillRegistration(bad, csrf);
    bad.set("zip", "5971");
    bad.set("password", "tobias-short");
    HttpResult refused = applicant.post("/register", bad);
    CHECK(refused.status == 422);
    CHECK(refused.body.find("id=\"zip-error\"") != std::string::npos);
    CHECK(refused.body.find("id=\"password-error\"") != std::string::npos);
    CHECK(refused.body.find("id=\"challenge_question-error\"") != std::string::npos);
    CHECK(refused.body.find("value=\"Ferreira-Lund\"") != std::string::npos);  // kept
    CHECK(refused.body.find("tobias-short") == std::string::npos);            // never echoed

    Poco::Net::HTMLForm forged;
    fillRegistration(forged, "not-the-token");
    CHECK(applicant.post("/register", forged).status == 403);

    Poco::Net::HTMLForm good;
    fillRegistration(good, csrf);
    good.set("challenge_question", "What was the make and model of your first car?");
    HttpResult registered = applicant.post("/register", good);
    INFO(registered.body.substr(0, 3000));
    REQUIRE(registered.status == 200);
    std::string reference = firstMatch(registered.body, "id=\"case-reference\">(PD-[0-9A-Z]{4}-[0-9A-Z]{4})<");
    std::string uploadPath = firstMatch(registered.body, "id=\"upload-link\" href=\"(/upload/[A-Za-z0-9_-]+)\"");
    REQUIRE(!reference.empty());
    REQUIRE(!uploadPath.empty());
    auto mails = waitForMails(dir, 1);
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].find(reference) != std::string::npos);
    CHECK(mails[0].find("To: Tobias Ferreira-Lund <tobias.fl@example.net>") != std::string::npos);

    // Upload: three documents and the SSN's last four in one multipart POST.
    HttpResult uploadPage = applicant.get(uploadPath);
    REQUIRE(uploadPage.status == 200);
    CHECK(applicant.get("/upload/not-a-real-token-at-all-xxxxxxxx").status == 404);
    Poco::Net::HTMLForm upload(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    upload.set("csrf", csrfOf(uploadPage.body));
    upload.set("photo_id_kind", "drivers_license");
    upload.set("statement_1_kind", "bank_statement");
    upload.set("statement_2_kind", "utility_bill");
    upload.addPart("photo_id", new Poco::Net::StringPartSource(smallPdf("id"), "application/pdf", "license.pdf"));
    upload.addPart("statement_1", new Poco::Net::StringPartSource(smallPdf("bank"), "application/pdf", "bank.pdf"));
    upload.addPart("statement_2", new Poco::Net::StringPartSource(smallPdf("power"), "application/pdf", "power.pdf"));
    upload.addPart("other", new Poco::Net::StringPartSource("MZ not a document", "application/pdf", "virus.pdf"));
    upload.set("ssn_last4", "6789");
    HttpResult uploaded = applicant.post(uploadPath, upload);
    CHECK(uploaded.status == 422);  // one file was refused, and says so
    CHECK(uploaded.body.find("virus.pdf: this is not a JPEG, PNG, TIFF or PDF file") != std::string::npos);
    CHECK(uploaded.body.find("Received license.pdf") != std::string::npos);
    CHECK(uploaded.body.find("id=\"evidence-complete\"") != std::string::npos);

    // Reviewer: sign in, queue, claim, look at a document, approve.
    HttpClient reviewer(server.port());
    HttpResult redirected = reviewer.get("/review");
    CHECK(redirected.status == 303);
    CHECK(redirected.location == "/review/signin");
    HttpResult signin = reviewer.get("/review/signin");
    Poco::Net::HTMLForm wrong;
    wrong.set("csrf", csrfOf(signin.body));
    wrong.set("user_id", "rita");
    wrong.set("password", "Wrong#Password99");
    CHECK(reviewer.post("/review/signin", wrong).status == 401);
    Poco::Net::HTMLForm credentials;
    credentials.set("csrf", csrfOf(signin.body));
    credentials.set("user_id", "rita");
    credentials.set("password", reviewerPassword);
    HttpResult signedIn = reviewer.post("/review/signin", credentials);
    REQUIRE(signedIn.status == 303);
    CHECK(!reviewer.cookie("pd_session").empty());

    HttpResult queue = reviewer.get("/review");
    REQUIRE(queue.status == 200);
    CHECK(queue.body.find(reference) != std::string::npos);
    std::string sessionCsrf = csrfOf(queue.body);

    Poco::Net::HTMLForm claim;
    claim.set("csrf", sessionCsrf);
    CHECK(reviewer.post("/review/cases/" + reference + "/claim", claim).status == 303);
    HttpResult casePage = reviewer.get("/review/cases/" + reference);
    REQUIRE(casePage.status == 200);
    CHECK(casePage.body.find("Ferreira-Lund") != std::string::npos);
    std::string image = firstMatch(casePage.body, "<img src=\"(/review/cases/[^\"]+/pages/0)\"");
    REQUIRE(!image.empty());
    HttpResult png = reviewer.get(image);
    CHECK(png.status == 200);
    CHECK(png.contentType == "image/png");
    CHECK(png.body.substr(1, 3) == "PNG");
    CHECK(applicant.get(image).status == 303);  // the applicant has no session: no documents for them

    Poco::Net::HTMLForm forgedApprove;
    forgedApprove.set("csrf", "forged");
    CHECK(reviewer.post("/review/cases/" + reference + "/approve", forgedApprove).status == 403);
    Poco::Net::HTMLForm approve;
    approve.set("csrf", sessionCsrf);
    HttpResult approved = reviewer.post("/review/cases/" + reference + "/approve", approve);
    CHECK(approved.status == 303);
    CHECK(approved.location == "/review?done=approve");
    // The same request again (a double click, a retry) is refused and sends nothing.
    CHECK(reviewer.post("/review/cases/" + reference + "/approve", approve).status == 409);

    mails = waitForMails(dir, 4);
    CHECK(mails.size() == 4);
    CHECK(countSubject(mails, "Your account has been created") == 1);
    CHECK(countSubject(mails, "We received your documents for case " + reference) == 2);

    // Sign out ends the session.
    Poco::Net::HTMLForm signout;
    signout.set("csrf", sessionCsrf);
    CHECK(reviewer.post("/review/signout", signout).status == 303);
    CHECK(reviewer.get("/review").status == 303);

    // SIGTERM: a clean stop, then the account is in the local account store.
    CHECK(server.stop() == 0);
    CHECK(server.log().find("proofdesk: stopped") != std::string::npos);
    SqliteDatabase db(data + "/proofdesk.db");
    auto c = db.connect();
    CHECK(c->scalar("SELECT COUNT(*) FROM accounts WHERE user_id = 'tferreiralund' AND status = 'active'", {}) == 1);
    CHECK(c->scalar("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'", {}) == 0);
    // Logs carry no PII.
    CHECK(server.log().find("Ferreira") == std::string::npos);
    CHECK(server.log().find("1988-11-03") == std::string::npos);
}

TEST_CASE("the CLI: help, a bad workflow file refused at start, user management", "[e2e]")
{
    TempDir dir;
    CommandResult help = runProofdesk({"--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("proofdesk.http.port") != std::string::npos);
    CHECK(help.out.find("PROOFDESK_HTTP_PORT") != std::string::npos);
    CommandResult serveHelp = runProofdesk({"serve", "--help"});
    CHECK(serveHelp.out.find("--port N") != std::string::npos);
    CHECK(runProofdesk({"frobnicate"}).exitCode == 64);

    writeFileDurably(dir / "bad.json", "{\n  \"name\": \"x\",\n  \"states\": [\n}\n");
    CommandResult bad = runProofdesk({"migrate", "--data-dir", dir / "data", "-D", "proofdesk.workflow.file=" + (dir / "bad.json")});
    CHECK(bad.exitCode == 78);
    CHECK(bad.out.find("bad.json:4") != std::string::npos);

    writeFileDurably(dir / "typo.properties", "proofdesk.http.prot = 9000\n");
    CommandResult typo = runProofdesk({"config", "--config", dir / "typo.properties"});
    CHECK(typo.exitCode == 78);
    CHECK(typo.out.find("proofdesk.http.prot") != std::string::npos);

    writeFileDurably(dir / "ok.properties", "proofdesk.http.port = 9123\n");
    CommandResult layered = runProofdesk({"config", "--config", dir / "ok.properties", "--data-dir", dir / "d"});
    CHECK(layered.out.find("proofdesk.http.port = 9123") != std::string::npos);
    CHECK(layered.out.find("proofdesk.database.path = " + (dir / "d") + "/proofdesk.db") != std::string::npos);
    CommandResult fromEnv = runProofdesk({"config", "--config", dir / "ok.properties"}, {{"PROOFDESK_HTTP_PORT", "9555"}});
    CHECK(fromEnv.out.find("proofdesk.http.port = 9555") != std::string::npos);

    std::string data = dir / "data";
    CHECK(runProofdesk({"user", "add", "sam", "--data-dir", data}, {{"PROOFDESK_NEW_PASSWORD", "weak"}}).exitCode == 64);
    CHECK(runProofdesk({"user", "add", "sam", "--data-dir", data}, {{"PROOFDESK_NEW_PASSWORD", reviewerPassword}}).exitCode == 0);
    CommandResult list = runProofdesk({"user", "list", "--data-dir", data});
    CHECK(list.out.find("sam\treviewer\tactive") != std::string::npos);
    CHECK(runProofdesk({"user", "disable", "sam", "--data-dir", data}).exitCode == 0);
    CHECK(runProofdesk({"user", "list", "--data-dir", data}).out.find("sam\treviewer\tdisabled") != std::string::npos);
    // The master key file was created private.
    auto perms = std::filesystem::status(data + "/master.key").permissions();
    CHECK((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) == std::filesystem::perms::none);
}

TEST_CASE("SIGTERM during an upload: the request in flight finishes and is stored, then the server stops", "[e2e]")
{
    TempDir dir;
    std::string data = dir / "data";
    ServerProcess server(data);
    HttpClient applicant(server.port());
    HttpResult page = applicant.get("/register");
    Poco::Net::HTMLForm form;
    fillRegistration(form, csrfOf(page.body));
    form.set("challenge_question", "What was the name of your first pet?");
    HttpResult registered = applicant.post("/register", form);
    REQUIRE(registered.status == 200);
    std::string uploadPath = firstMatch(registered.body, "id=\"upload-link\" href=\"(/upload/[A-Za-z0-9_-]+)\"");
    HttpResult uploadPage = applicant.get(uploadPath);

    // Build the multipart body, then send it by hand in two halves around the signal.
    Poco::Net::HTMLForm upload(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    upload.set("csrf", csrfOf(uploadPage.body));
    upload.set("statement_1_kind", "bank_statement");
    upload.addPart("statement_1", new Poco::Net::StringPartSource(smallPdf("slow") + std::string(200000, ' '),
                                                                  "application/pdf", "slow.pdf"));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uploadPath, Poco::Net::HTTPMessage::HTTP_1_1);
    upload.prepareSubmit(request);
    std::ostringstream body;
    upload.write(body);
    std::string bytes = body.str();
    std::ostringstream head;
    head << "POST " << uploadPath << " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " << request.getContentType()
         << "\r\nContent-Length: " << bytes.size() << "\r\nCookie: pd_csrf=" << applicant.cookie("pd_csrf")
         << "\r\nConnection: close\r\n\r\n";
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server.port()));
    std::string first = head.str() + bytes.substr(0, bytes.size() / 2);
    socket.sendBytes(first.data(), static_cast<int>(first.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    server.terminate();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::string second = bytes.substr(bytes.size() / 2);
    socket.sendBytes(second.data(), static_cast<int>(second.size()));
    std::string response;
    char buffer[4096];
    int n = 0;
    while ((n = socket.receiveBytes(buffer, sizeof buffer)) > 0)
        response.append(buffer, static_cast<std::size_t>(n));
    CHECK(response.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(response.find("Received slow.pdf") != std::string::npos);
    CHECK(server.stop() == 0);
    SqliteDatabase db(data + "/proofdesk.db");
    CHECK(db.connect()->scalar("SELECT COUNT(*) FROM documents WHERE display_name = 'slow.pdf'", {}) == 1);
}

TEST_CASE("proofdesk extract --json: one line per file in input order, errors in their own line", "[e2e][ocr]")
{
    TempDir dir;
    writeFileDurably(dir / "random.pdf", "this is not a PDF at all, whatever its name says");
    std::string samples = std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents/";
    CommandResult result = runProofdesk({"extract", "--json", samples + "dl-clean-001-back.png", dir / "random.pdf",
                                         dir / "missing.png", samples + "bank-clean-001.pdf"});
    INFO(result.out);
    CHECK(result.exitCode == 0);
    std::vector<std::string> lines;
    std::istringstream in(result.out);
    for (std::string line; std::getline(in, line);)
    {
        if (!line.empty() && line[0] == '{')
            lines.push_back(line);
    }
    REQUIRE(lines.size() == 4);
    Json back = Json::parse(lines[0]);
    CHECK(back.find("file")->asString() == samples + "dl-clean-001-back.png");
    CHECK(back.find("document_type")->asString() == "drivers_license");
    CHECK(back.find("fields")->find("last_name")->find("source")->asString() == "pdf417");
    CHECK(Json::parse(lines[1]).find("error")->asString().find("not a JPEG, PNG, TIFF or PDF") != std::string::npos);
    CHECK(Json::parse(lines[2]).find("error") != nullptr);
    Json statement = Json::parse(lines[3]);
    CHECK(statement.find("document_type")->asString() == "bank_statement");
    CHECK(statement.find("fields")->find("postal_code")->find("source")->asString() == "pdf_text");
    CHECK(runProofdesk({"extract"}).exitCode == 64);
}

TEST_CASE("proofdesk extract on hostile files: each gets a clear error line, nothing crashes or hangs", "[e2e][ocr]")
{
    TempDir dir;
    writeFileDurably(dir / "bomb.png", pngClaiming(60000, 60000));
    writeFileDurably(dir / "many.pdf", makePdf(std::vector<PdfPage>(60, PdfPage{612, 792, 0, "0 0 0 rg 1 1 2 2 re f"})));
    std::string random;
    for (int i = 0; i < 5000; ++i)
        random += static_cast<char>((i * 7919 + 13) % 256);
    writeFileDurably(dir / "random.pdf", random);
    writeFileDurably(dir / "truncated.pdf", smallPdf("t").substr(0, 120));
    writeFileDurably(dir / "empty.png", "");
    std::vector<std::string> names = {"bomb.png", "many.pdf", "random.pdf", "truncated.pdf", "empty.png"};
    std::vector<std::string> args = {"extract", "--json"};
    for (const std::string& name : names)
        args.push_back(dir / name);
    auto start = std::chrono::steady_clock::now();
    CommandResult result = runProofdesk(args);
    INFO(result.out);
    CHECK(result.exitCode == 0);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
    std::vector<Json> lines;
    std::istringstream in(result.out);
    for (std::string line; std::getline(in, line);)
    {
        if (!line.empty() && line[0] == '{')
            lines.push_back(Json::parse(line));
    }
    REQUIRE(lines.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
    {
        INFO(names[i]);
        CHECK(lines[i].find("file")->asString() == dir / names[i]);
        REQUIRE(lines[i].find("error") != nullptr);
    }
    CHECK(lines[0].find("error")->asString().find("60000 x 60000") != std::string::npos);
    CHECK(lines[1].find("error")->asString().find("limit is 50") != std::string::npos);
}
