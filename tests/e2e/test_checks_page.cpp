// Issue 5's end-to-end test: the real `proofdesk serve`, driven over HTTP. An applicant registers and uploads a
// license (its barcode side) and two born-digital statements, one with a wrong ZIP code; once the background
// reading is done, the case page shows exactly one failing check: address_match on that statement.
#include "proofdesk/adapters/DurableFile.h"

#include <catch2/catch.hpp>

#include "support/ServerProcess.h"
#include "support/SyntheticFiles.h"

#include <Poco/Net/StringPartSource.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <thread>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

const std::string Applicant = std::string(PROOFDESK_SOURCE_DIR) + "/samples/demo/applicant-1/";
const char* const reviewerPassword = "Lantern#Quartz2026";

std::string firstMatch(const std::string& text, const std::string& pattern)
{
    std::smatch m;
    return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string();
}

// A day `daysAgo` before today (the server's clock is the system clock), written MM/DD/YYYY.
std::string usDate(int daysAgo)
{
    const std::time_t when = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() -
                                                                  std::chrono::hours(24 * daysAgo));
    std::tm parts{};
    gmtime_r(&when, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%m/%d/%Y", &parts);
    return text;
}

// A born-digital statement to the demo applicant (synthetic) with its text layer, so the ZIP is ours to set.
std::string statementPdf(const std::string& issuer, const std::string& zip, const std::string& date)
{
    return textPdf({{{72, 720, 18, issuer},
                     {72, 600, 10, "DANIELLE M OKAFOR-LINDQVIST"},
                     {72, 588, 10, "1427 N LARKSPUR ST APT 3B"},
                     {72, 576, 10, "SPOKANE WA " + zip},
                     {400, 600, 10, "Statement Date: " + date},
                     {72, 500, 12, "Account summary"},
                     {72, 488, 10, "Beginning balance $2,310.45"},
                     {72, 476, 10, "Ending balance $2,118.09"}}});
}

// The checklist rows of a case page: "id@document=result".
std::vector<std::string> checklist(const std::string& html)
{
    std::vector<std::string> out;
    std::regex row("data-check=\"([a-z_0-9]+)\" data-result=\"([a-z]+)\" data-document=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), row); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1].str() + "@" + (*it)[3].str() + "=" + (*it)[2].str());
    return out;
}

} // namespace

TEST_CASE("an uploaded set with a wrong ZIP on one statement shows exactly that failing check on the case page",
          "[e2e][checks]")
{
    TempDir dir;
    const std::string data = dir / "data";
    CommandResult added = runProofdesk({"user", "add", "rita", "--role", "reviewer", "--data-dir", data},
                                       {{"PROOFDESK_NEW_PASSWORD", reviewerPassword}});
    REQUIRE(added.exitCode == 0);
    ServerProcess server(data);
    HttpClient applicant(server.port());

    // Registration with the demo applicant's (synthetic) profile, SSN left empty.
    HttpResult page = applicant.get("/register");
    REQUIRE(page.status == 200);
    Poco::Net::HTMLForm form;
    form.set("csrf", csrfOf(page.body));
    form.set("first_name", "Danielle");
    form.set("middle_name", "Marie");
    form.set("last_name", "Okafor-Lindqvist");
    form.set("date_of_birth", "1988-04-17");
    form.set("street", "1427 N Larkspur St");
    form.set("unit", "Apt. 3B");
    form.set("city", "Spokane");
    form.set("state", "WA");
    form.set("zip", "99205-1132");
    form.set("email", "danielle.ol@example.org");
    form.set("phone", "(509) 555-0134");
    form.set("user_id", "dokaforlindqvist");
    form.set("password", "Harbor#Lilac2040");
    form.set("password_confirm", "Harbor#Lilac2040");
    form.set("challenge_question", "What was the make and model of your first car?");
    form.set("challenge_answer", "teal wagon");
    form.set("ssn", "");
    HttpResult registered = applicant.post("/register", form);
    REQUIRE(registered.status == 200);
    const std::string reference = firstMatch(registered.body, "id=\"case-reference\">(PD-[0-9A-Z]{4}-[0-9A-Z]{4})<");
    const std::string uploadPath = firstMatch(registered.body, "id=\"upload-link\" href=\"(/upload/[A-Za-z0-9_-]+)\"");
    REQUIRE(!reference.empty());
    REQUIRE(!uploadPath.empty());

    // The upload: the license's barcode side, a matching bank statement and a utility bill with another ZIP.
    HttpResult uploadPage = applicant.get(uploadPath);
    REQUIRE(uploadPage.status == 200);
    Poco::Net::HTMLForm upload(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    upload.set("csrf", csrfOf(uploadPage.body));
    upload.set("photo_id_kind", "drivers_license");
    upload.set("statement_1_kind", "bank_statement");
    upload.set("statement_2_kind", "utility_bill");
    upload.addPart("photo_id",
                   new Poco::Net::StringPartSource(readWholeFile(Applicant + "id-back.png"), "image/png", "license.png"));
    upload.addPart("statement_1",
                   new Poco::Net::StringPartSource(statementPdf("Cascade Ridge Credit Union", "99205-1132", usDate(12)),
                                                   "application/pdf", "bank.pdf"));
    upload.addPart("statement_2",
                   new Poco::Net::StringPartSource(statementPdf("Inland Power and Light", "99207", usDate(9)),
                                                   "application/pdf", "power-bill.pdf"));
    upload.set("ssn_last4", "4821");
    HttpResult uploaded = applicant.post(uploadPath, upload);
    INFO(uploaded.body.substr(0, 2000));
    REQUIRE(uploaded.status == 200);

    // The reviewer waits for the background reading by looking at the case page.
    HttpClient reviewer(server.port());
    REQUIRE(signInReviewer(reviewer, "rita", reviewerPassword).status == 303);
    HttpResult casePage;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    for (;;)
    {
        casePage = reviewer.get("/review/cases/" + reference);
        REQUIRE(casePage.status == 200);
        const std::string waiting = "<span class=\"pd-read-state\">queued</span>";
        const std::string reading = "<span class=\"pd-read-state\">reading</span>";
        if (casePage.body.find(waiting) == std::string::npos && casePage.body.find(reading) == std::string::npos)
            break;
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    INFO(server.log());
    CHECK(casePage.body.find("<span class=\"pd-read-state\">failed</span>") == std::string::npos);

    const std::vector<std::string> rows = checklist(casePage.body);
    std::vector<std::string> failing;
    for (const std::string& row : rows)
        if (row.find("=fail") != std::string::npos)
            failing.push_back(row);
    INFO(casePage.body.substr(casePage.body.find("id=\"checks\""), 6000));
    CHECK(failing == std::vector<std::string>{"address_match@power-bill.pdf=fail"});
    // Failing first; the matching statement and the license pass their address checks.
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.front() == "address_match@power-bill.pdf=fail");
    CHECK(std::find(rows.begin(), rows.end(), "address_match@bank.pdf=pass") != rows.end());
    CHECK(std::find(rows.begin(), rows.end(), "address_match@license.png=pass") != rows.end());
    CHECK(casePage.body.find("<span id=\"checks-failed\">1</span>") != std::string::npos);
    CHECK(casePage.body.find("id=\"checks-evidence\">1 STRONG + 2 FAIR: met<") != std::string::npos);

    // The queue counts it and the filter finds it.
    HttpResult queue = reviewer.get("/review?failing=1");
    REQUIRE(queue.status == 200);
    CHECK(queue.body.find(reference) != std::string::npos);
    CHECK(queue.body.find(">1 failing</span>") != std::string::npos);

    CHECK(server.stop() == 0);
    // The logs carry no PII.
    CHECK(server.log().find("OKAFOR") == std::string::npos);
    CHECK(server.log().find("Okafor") == std::string::npos);
    CHECK(server.log().find("99207") == std::string::npos);
}
