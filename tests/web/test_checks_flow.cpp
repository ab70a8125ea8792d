// The checks of stored cases on the whole system (SQLite, sealed extractions, the real workflow file and
// templates) on a manual clock: the case page's checklist, the queue's count and filter, the request for
// information, approving against a failing check (reason, four-eyes), and reuse across cases.
#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/app/CheckReportJson.h"
#include "proofdesk/app/ExtractionJson.h"
#include "proofdesk/app/ExtractionWorker.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/web/WebServer.h"

#include <catch2/catch.hpp>

#include "support/ServerProcess.h"
#include "support/SyntheticFiles.h"
#include "support/TestSystem.h"

#include <Poco/URI.h>

#include <filesystem>
#include <regex>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

const Actor applicant{"applicant", "applicant"};

ExtractedField field(const std::string& value, FieldSource source = FieldSource::PdfText)
{
    return ExtractedField{value, 0.95, source, {}};
}

// What reading TestSystem::form()'s applicant's license gives.
Extraction license(const std::string& number = "OH4417209")
{
    Extraction e;
    e.documentType = "drivers_license";
    e.pages = 1;
    e.fields = {{"first_name", field("MARISOL", FieldSource::Pdf417)},
                {"last_name", field("QUINTERO-HALE", FieldSource::Pdf417)},
                {"date_of_birth", field("1979-06-14", FieldSource::Pdf417)},
                {"address_line1", field("418 LARKSPUR AVE", FieldSource::Pdf417)},
                {"address_line2", field("APT 3B", FieldSource::Pdf417)},
                {"city", field("DAYTON", FieldSource::Pdf417)},
                {"state", field("OH", FieldSource::Pdf417)},
                {"postal_code", field("45402", FieldSource::Pdf417)},
                {"document_number", field(number, FieldSource::Pdf417)},
                {"issuing_authority", field("OH", FieldSource::Pdf417)},
                {"expiration_date", field("2030-06-14", FieldSource::Pdf417)}};
    return e;
}

// A statement to the applicant; the manual clock's day is 2027-01-15.
Extraction statement(const std::string& kind, const std::string& issuer, const std::string& zip,
                     const std::string& date = "2027-01-02")
{
    Extraction e;
    e.documentType = kind;
    e.pages = 1;
    e.fields = {{"first_name", field("MARISOL")},          {"last_name", field("QUINTERO-HALE")},
                {"address_line1", field("418 LARKSPUR AVENUE")}, {"address_line2", field("APT 3B")},
                {"city", field("DAYTON")},                 {"state", field("OH")},
                {"postal_code", field(zip)},               {"issuer_name", field(issuer)},
                {"statement_date", field(date)}};
    return e;
}

struct Registered
{
    std::int64_t caseId = 0;
    std::string reference;
};

// A case with three documents taken in (their bytes distinct) and the SSN's last four: ready for review.
Registered readyCase(Proofdesk& app, int n, const std::string& marker)
{
    RegistrationOutcome registered = app.registration().registerApplicant(TestSystem::form(n), "web");
    REQUIRE(registered.errors.empty());
    CaseRecord record = *app.store().findById(registered.caseId);
    app.intake().takeIn(record,
                        {IncomingFile{"license.pdf", "drivers_license", smallPdf(marker + "id")},
                         IncomingFile{"bank.pdf", "bank_statement", smallPdf(marker + "bank")},
                         IncomingFile{"power.pdf", "utility_bill", smallPdf(marker + "power")}},
                        "upload", applicant);
    REQUIRE(app.intake().provideSsnLast4(*app.store().findById(record.id), "9999", applicant).empty());
    REQUIRE(app.store().findById(record.id)->state == "ready_for_review");
    return {registered.caseId, registered.reference};
}

// Records `extraction` as what reading document `index` of the case found, as the extraction worker does
// (sealed, then fingerprints and the failing count).
void read(Proofdesk& app, std::int64_t caseId, std::size_t index, const Extraction& extraction)
{
    const CaseRecord record = *app.store().findById(caseId);
    const DocumentRecord document = app.store().documents(caseId).at(index);
    app.store().finishReading(document.id, "read", extraction.documentType,
                              app.vault().seal(record.wrappedKey, extractionJsonLine(document.displayName, extraction)),
                              "");
    const std::string bytes = app.documentStore().get(document.storageKey, record.wrappedKey);
    app.checks().documentRead(document, bytes, &extraction);
}

ReviewerSession session(Proofdesk& app, const std::string& user, const std::string& role)
{
    if (!app.reviewers().findReviewer(user))
        app.review().addReviewer(user, user, role, "Lantern#Quartz2026");
    auto token = app.review().signIn(user, "Lantern#Quartz2026");
    REQUIRE(token);
    auto who = app.review().session(*token);
    REQUIRE(who);
    return *who;
}

std::vector<std::string> failingIds(const CheckReport& report)
{
    std::vector<std::string> out;
    for (const CheckOutcome& check : report.checks)
        if (check.result == CheckResult::Fail)
            out.push_back(check.id + "@" + check.document.value_or(""));
    return out;
}

std::int64_t rows(Proofdesk& app, const std::string& sql)
{
    return app.database().connect()->scalar(sql, {});
}

// The checklist rows of a case page: "id@document=result", in page order.
std::vector<std::string> checklist(const std::string& html)
{
    std::vector<std::string> out;
    std::regex row("data-check=\"([a-z_0-9]+)\" data-result=\"([a-z]+)\" data-document=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), row); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1].str() + "@" + (*it)[3].str() + "=" + (*it)[2].str());
    return out;
}

void signInOverHttp(HttpClient& browser, const std::string& user)
{
    REQUIRE(signInReviewer(browser, user, "Lantern#Quartz2026").status == 303);
}

} // namespace

TEST_CASE("checks from stored extractions: failing first on the case page, the queue's count and filter, the "
          "request for information", "[system][checks]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    const Registered wrongZip = readyCase(app, 1, "a");
    const Registered clean = readyCase(app, 2, "b");
    for (const Registered& c : {wrongZip, clean})
    {
        // Documents taken in but not read yet: nothing fails (unknown is "look", not "fail").
        CHECK(app.store().findById(c.caseId)->failingChecks == 0);
    }
    read(app, wrongZip.caseId, 0, license("OH4417209"));
    read(app, wrongZip.caseId, 1, statement("bank_statement", "First Prairie Credit Union", "45409"));
    read(app, wrongZip.caseId, 2, statement("utility_bill", "Dayton Power and Light", "45402"));
    read(app, clean.caseId, 0, license("OH5550001"));
    read(app, clean.caseId, 1, statement("bank_statement", "First Prairie Credit Union", "45402-1234", "2027-01-03"));
    read(app, clean.caseId, 2, statement("utility_bill", "Dayton Power and Light", "45402", "2027-01-04"));

    // The failing count is stored as documents are read.
    CHECK(app.store().findById(wrongZip.caseId)->failingChecks == 1);
    CHECK(app.store().findById(clean.caseId)->failingChecks == 0);

    ReviewerSession rita = session(app, "rita", "reviewer");
    CaseView view = app.review().view(rita, wrongZip.reference);
    CHECK(failingIds(view.checks) == std::vector<std::string>{"address_match@bank.pdf"});
    CHECK(view.checks.evidence.summary == "1 STRONG + 2 FAIR: met");
    const std::vector<CheckOutcome> ordered = view.checks.failingFirst();
    REQUIRE_FALSE(ordered.empty());
    CHECK(ordered.front().id == "address_match");
    CHECK(ordered.front().found.find("45409") != std::string::npos);
    CHECK(ordered.front().reason.find("ZIP") != std::string::npos);
    // The request for information names the document and what is wrong, never the values.
    REQUIRE(view.requestItems.size() == 1);
    CHECK(view.requestItems[0] ==
          "The ZIP code on your bank statement (bank.pdf) does not match the address you registered.");
    CHECK(failingIds(app.review().view(rita, clean.reference).checks).empty());

    // The queue: a column and a filter, from the stored count.
    std::vector<QueueRow> all = app.review().queue(50, 0);
    REQUIRE(all.size() == 2);
    for (const QueueRow& row : all)
        CHECK(row.failingChecks == (row.reference == wrongZip.reference ? 1 : 0));
    std::vector<QueueRow> failing = app.review().queue(50, 0, true);
    REQUIRE(failing.size() == 1);
    CHECK(failing[0].reference == wrongZip.reference);
    CHECK(app.review().queueSize(true) == 1);
    CHECK(app.review().queueSize(false) == 2);

    // Over HTTP: the checklist beside the documents, failing first; the queue's column and filter (a plain GET
    // form); the request form pre-filled.
    WebServer web(app.webServices(), "127.0.0.1", 0, 4);
    web.start();
    HttpClient browser(web.port());
    signInOverHttp(browser, "rita");
    HttpResult queue = browser.get("/review");
    REQUIRE(queue.status == 200);
    CHECK(queue.body.find("Failing checks") != std::string::npos);
    CHECK(queue.body.find(">1 failing</span>") != std::string::npos);
    CHECK(queue.body.find("name=\"failing\" value=\"1\"") != std::string::npos);
    HttpResult filtered = browser.get("/review?failing=1");
    REQUIRE(filtered.status == 200);
    CHECK(filtered.body.find(wrongZip.reference) != std::string::npos);
    CHECK(filtered.body.find(clean.reference) == std::string::npos);
    CHECK(filtered.body.find("<span id=\"queue-total\">1</span>") != std::string::npos);
    CHECK(filtered.body.find("checked") != std::string::npos);

    Poco::Net::HTMLForm claim;
    claim.set("csrf", csrfOf(queue.body));
    REQUIRE(browser.post("/review/cases/" + wrongZip.reference + "/claim", claim).status == 303);
    HttpResult page = browser.get("/review/cases/" + wrongZip.reference);
    REQUIRE(page.status == 200);
    const std::vector<std::string> rowsShown = checklist(page.body);
    REQUIRE_FALSE(rowsShown.empty());
    CHECK(rowsShown.front() == "address_match@bank.pdf=fail");
    CHECK(std::count_if(rowsShown.begin(), rowsShown.end(),
                        [](const std::string& r) { return r.find("=fail") != std::string::npos; }) == 1);
    CHECK(std::find(rowsShown.begin(), rowsShown.end(), "name_match@license.pdf=pass") != rowsShown.end());
    CHECK(page.body.find("<span id=\"checks-failed\">1</span>") != std::string::npos);
    CHECK(page.body.find("id=\"checks-evidence\">1 STRONG + 2 FAIR: met<") != std::string::npos);
    CHECK(page.body.find("sprite.svg#cancel\"></use></svg> Fail</span>") != std::string::npos);  // icon and word
    CHECK(page.body.find("does not match the address you registered.") != std::string::npos);  // request form
    CHECK(page.body.find("id=\"approve-reason\" name=\"reason\"") != std::string::npos);
    web.stop(1);
}

TEST_CASE("a server without its USPS tables does not start, and says which file", "[system][checks]")
{
    TempDir tables;
    for (const char* name : {"street-suffixes.tsv", "unit-designators.tsv", "directionals.tsv"})
        std::filesystem::copy_file(std::string(PROOFDESK_SOURCE_DIR) + "/data/usps/" + name, tables / name);
    std::filesystem::remove(tables / "directionals.tsv");
    try
    {
        TestSystem s(std::map<std::string, std::string>{{"proofdesk.usps.dir", tables.path()}});
        FAIL("the server started without directionals.tsv");
    }
    catch (const Error& e)
    {
        CHECK(e.code() == ErrorCode::Configuration);
        CHECK(std::string(e.what()).find("directionals.tsv") != std::string::npos);
    }
    writeFileDurably(tables / "directionals.tsv", "NORTH\tN\nSOUTH\n");
    try
    {
        TestSystem s(std::map<std::string, std::string>{{"proofdesk.usps.dir", tables.path()}});
        FAIL("the server started with a malformed directionals.tsv");
    }
    catch (const Error& e)
    {
        CHECK(e.code() == ErrorCode::Configuration);
        CHECK(std::string(e.what()).find("directionals.tsv:2") != std::string::npos);
    }
}

TEST_CASE("OCR text is escaped in the checklist", "[system][checks]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    const Registered c = readyCase(app, 1, "e");
    read(app, c.caseId, 1, statement("bank_statement", "<script>alert(1)</script> Bank", "<b>45402</b>"));
    app.review().addReviewer("rita", "rita", "reviewer", "Lantern#Quartz2026");
    WebServer web(app.webServices(), "127.0.0.1", 0, 2);
    web.start();
    HttpClient browser(web.port());
    signInOverHttp(browser, "rita");
    HttpResult page = browser.get("/review/cases/" + c.reference);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("<script>alert") == std::string::npos);
    CHECK(page.body.find("<b>45402") == std::string::npos);
    web.stop(1);
}

TEST_CASE("approving against a failing check: a reason is required, then a supervisor other than the first "
          "approver gives the second approval", "[system][checks]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    const Registered c = readyCase(app, 1, "f");
    read(app, c.caseId, 0, license());
    read(app, c.caseId, 1, statement("bank_statement", "First Prairie Credit Union", "45409"));
    read(app, c.caseId, 2, statement("utility_bill", "Dayton Power and Light", "45402"));

    // The first approver is a supervisor too, so that only the four-eyes guard stands in the way later.
    ReviewerSession sam = session(app, "sam", "supervisor");
    ReviewerSession vera = session(app, "vera", "supervisor");
    app.review().claim(sam, c.reference);

    EventOutcome refused = app.review().decide(sam, c.reference, "approve", {});
    CHECK_FALSE(refused.changed);
    REQUIRE(refused.refusals.size() == 1);
    CHECK(refused.refusals[0] == "failing check(s) address_match: approving anyway needs a written reason for the "
                                 "supervisor who gives the second approval");
    CHECK(app.review().decide(sam, c.reference, "approve", {{"reason", "   "}}).changed == false);
    CHECK(app.store().findById(c.caseId)->state == "ready_for_review");

    EventOutcome first =
        app.review().decide(sam, c.reference, "approve", {{"reason", "The applicant moved within the same street."}});
    CHECK(first.changed);
    CHECK(first.to == "awaiting_second_approval");
    CaseRecord after = *app.store().findById(c.caseId);
    CHECK(after.needsSecondApproval);
    CHECK_FALSE(after.claimedBy);
    CHECK_FALSE(app.store().findAccount(after.userId));
    // Audited with the failing check ids, the reason kept (sealed) with the event.
    CHECK(rows(app, "SELECT COUNT(*) FROM audit WHERE action = 'case.approve' AND actor = 'sam' AND detail LIKE "
                    "'%approved against failing checks (address_match)%'") == 1);
    CaseView view = app.review().view(vera, c.reference);
    REQUIRE_FALSE(view.eventNotes.empty());
    CHECK(view.eventNotes.back() == "The applicant moved within the same street.");

    // The same person cannot give the second approval.
    app.review().claim(sam, c.reference);
    EventOutcome again = app.review().decide(sam, c.reference, "approve", {});
    CHECK_FALSE(again.changed);
    REQUIRE(again.refusals.size() == 1);
    CHECK(again.refusals[0].find("someone other than the first approver") != std::string::npos);
    app.review().release(sam, c.reference);

    // A reviewer (not a supervisor) cannot either.
    ReviewerSession rita = session(app, "rita", "reviewer");
    app.review().claim(rita, c.reference);
    CHECK_FALSE(app.review().decide(rita, c.reference, "approve", {}).changed);
    app.review().release(rita, c.reference);

    // Another supervisor can.
    app.review().claim(vera, c.reference);
    EventOutcome second = app.review().decide(vera, c.reference, "approve", {});
    CHECK(second.changed);
    CHECK(second.to == "approved");
    CHECK_FALSE(app.store().findById(c.caseId)->needsSecondApproval);
    CHECK(app.store().findAccount(after.userId));
}

TEST_CASE("approving against a failing check over HTTP: refused with a message without a reason", "[system][checks]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    const Registered c = readyCase(app, 1, "h");
    read(app, c.caseId, 1, statement("bank_statement", "First Prairie Credit Union", "45409"));
    app.review().addReviewer("rita", "rita", "reviewer", "Lantern#Quartz2026");
    WebServer web(app.webServices(), "127.0.0.1", 0, 2);
    web.start();
    HttpClient browser(web.port());
    signInOverHttp(browser, "rita");
    std::string csrf = csrfOf(browser.get("/review").body);
    Poco::Net::HTMLForm claim;
    claim.set("csrf", csrf);
    REQUIRE(browser.post("/review/cases/" + c.reference + "/claim", claim).status == 303);
    Poco::Net::HTMLForm approve;
    approve.set("csrf", csrf);
    HttpResult refused = browser.post("/review/cases/" + c.reference + "/approve", approve);
    CHECK(refused.status == 303);
    CHECK(refused.location.find("?problem=") != std::string::npos);
    HttpResult shown = browser.get(refused.location);
    CHECK(shown.body.find("approving anyway needs a written reason") != std::string::npos);
    approve.set("reason", "Checked by phone with the bank.");
    HttpResult accepted = browser.post("/review/cases/" + c.reference + "/approve", approve);
    CHECK(accepted.status == 303);
    CHECK(accepted.location == "/review?done=approve");
    CHECK(app.store().findById(c.caseId)->state == "awaiting_second_approval");
    web.stop(1);
}

TEST_CASE("approving with no failing check needs no reason and no second approval", "[system][checks]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    const Registered c = readyCase(app, 1, "n");
    read(app, c.caseId, 0, license());
    read(app, c.caseId, 1, statement("bank_statement", "First Prairie Credit Union", "45402"));
    read(app, c.caseId, 2, statement("utility_bill", "Dayton Power and Light", "45402"));
    ReviewerSession rita = session(app, "rita", "reviewer");
    app.review().claim(rita, c.reference);
    EventOutcome approved = app.review().decide(rita, c.reference, "approve", {});
    CHECK(approved.changed);
    CHECK(approved.to == "approved");
    CHECK_FALSE(app.store().findById(c.caseId)->needsSecondApproval);
}

TEST_CASE("reuse: the same document number or the same document on another case, and not after a purge",
          "[system][checks]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    const Registered first = readyCase(app, 1, "r1");
    const Registered second = readyCase(app, 2, "r2");
    read(app, first.caseId, 0, license("OH4417209"));
    read(app, first.caseId, 1, statement("bank_statement", "First Prairie Credit Union", "45402"));
    CHECK(app.store().findById(first.caseId)->failingChecks == 0);

    // The same license number on the second case: both cases show it (the first without reading again).
    read(app, second.caseId, 0, license("oh-4417209"));
    CaseRecord secondRecord = *app.store().findById(second.caseId);
    CheckReport report = app.checks().report(secondRecord);
    CHECK(failingIds(report) == std::vector<std::string>{"reuse@license.pdf"});
    for (const CheckOutcome& check : report.checks)
        if (check.id == "reuse" && check.result == CheckResult::Fail)
            CHECK(check.found.find(first.reference) != std::string::npos);
    CHECK(secondRecord.failingChecks == 1);
    CHECK(app.store().findById(first.caseId)->failingChecks == 1);
    // The number is stored only as a keyed hash.
    CHECK(rows(app, "SELECT COUNT(*) FROM documents WHERE number_hash LIKE '%4417209%'") == 0);
    CHECK(rows(app, "SELECT COUNT(*) FROM documents WHERE number_hash <> ''") == 2);

    // The same bytes on a third case (an identical file sent for two applicants).
    RegistrationOutcome third = app.registration().registerApplicant(TestSystem::form(3), "web");
    const CaseRecord firstRecord = *app.store().findById(first.caseId);
    const std::string bankBytes =
        app.documentStore().get(app.store().documents(first.caseId)[1].storageKey, firstRecord.wrappedKey);
    app.intake().takeIn(*app.store().findById(third.caseId), {IncomingFile{"copy.pdf", "bank_statement", bankBytes}},
                        "upload", applicant);
    CHECK(failingIds(app.checks().report(*app.store().findById(third.caseId))) ==
          std::vector<std::string>{"reuse@copy.pdf"});

    // Purged, the first case matches nothing any more.
    app.cases().purge(first.caseId, app.documentStore(), Actor{"operator", "system"});
    CHECK(rows(app, "SELECT COUNT(*) FROM documents WHERE case_id = " + std::to_string(first.caseId) +
                        " AND (number_hash <> '' OR fields_hash <> '' OR perceptual_hash <> '')") == 0);
    CHECK(failingIds(app.checks().report(*app.store().findById(second.caseId))).empty());
    CHECK(failingIds(app.checks().report(*app.store().findById(third.caseId))).empty());
    CHECK_FALSE(app.checks().refresh(first.caseId));
    CHECK(app.checks().refresh(second.caseId)->failed() == 0);
    CHECK(app.store().findById(second.caseId)->failingChecks == 0);
}

TEST_CASE("ssn_last4 compares the keyed hashes of the registered and the sent digits", "[system][checks]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    const auto ssnCheck = [&](std::int64_t caseId) {
        for (const CheckOutcome& check : app.checks().report(*app.store().findById(caseId)).checks)
            if (check.id == "ssn_last4")
                return std::string(checkResultName(check.result));
        return std::string("absent");
    };
    RegistrationOutcome withSsn = app.registration().registerApplicant(TestSystem::form(1, true), "web");  // ...9999
    REQUIRE(withSsn.errors.empty());
    CHECK(ssnCheck(withSsn.caseId) == "unknown");  // nothing sent
    REQUIRE(app.intake().provideSsnLast4(*app.store().findById(withSsn.caseId), "1234", applicant).empty());
    CHECK(ssnCheck(withSsn.caseId) == "fail");
    CHECK(app.store().findById(withSsn.caseId)->failingChecks == 1);  // refreshed when the digits arrived
    REQUIRE(app.intake().provideSsnLast4(*app.store().findById(withSsn.caseId), "9999", applicant).empty());
    CHECK(ssnCheck(withSsn.caseId) == "pass");
    CHECK(app.store().findById(withSsn.caseId)->failingChecks == 0);
    // No registered SSN: nothing to compare with.
    RegistrationOutcome without = app.registration().registerApplicant(TestSystem::form(2), "web");
    REQUIRE(app.intake().provideSsnLast4(*app.store().findById(without.caseId), "9999", applicant).empty());
    CHECK(ssnCheck(without.caseId) == "unknown");
    CHECK(app.store().findById(without.caseId)->ssnLast4Provided);
    // Only hashes are stored.
    CHECK(rows(app, "SELECT COUNT(*) FROM cases WHERE ssn_last4_sent_hash IN ('9999', '1234')") == 0);
}

TEST_CASE("the real reader on born-digital statements: a wrong ZIP fails address_match on that statement only",
          "[system][checks]")
{
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.extraction.workers", "1"}});
    Proofdesk& app = *s.app;
    RegistrationOutcome registered = app.registration().registerApplicant(TestSystem::form(), "web");
    const auto statementPdf = [](const std::string& issuer, const std::string& cityLine, const std::string& date) {
        return textPdf({{{72, 720, 18, issuer},
                         {72, 600, 10, "MARISOL QUINTERO-HALE"},
                         {72, 588, 10, "418 LARKSPUR AVE APT 3B"},
                         {72, 576, 10, cityLine},
                         {400, 600, 10, "Statement Date: " + date},
                         {72, 500, 12, "Account summary"},
                         {72, 488, 10, "Beginning balance $1,204.10"},
                         {72, 476, 10, "Ending balance $1,388.52"}}});
    };
    app.intake().takeIn(*app.store().findById(registered.caseId),
                        {IncomingFile{"bank.pdf", "bank_statement",
                                      statementPdf("First Prairie Credit Union", "DAYTON OH 45409", "01/04/2027")},
                         IncomingFile{"power.pdf", "utility_bill",
                                      statementPdf("Dayton Power and Light", "DAYTON OH 45402", "01/06/2027")}},
                        "upload", applicant);
    ExtractionWorker& worker = app.extraction();
    CHECK(worker.readOne());
    CHECK(worker.readOne());
    CHECK_FALSE(worker.readOne());
    CheckReport report = app.checks().report(*app.store().findById(registered.caseId));
    INFO(checkReportJson(report));
    CHECK(failingIds(report) == std::vector<std::string>{"address_match@bank.pdf"});
    CHECK(app.store().findById(registered.caseId)->failingChecks == 1);
    // Both first pages were fingerprinted.
    CHECK(rows(app, "SELECT COUNT(*) FROM documents WHERE length(perceptual_hash) = 16") == 2);
}
