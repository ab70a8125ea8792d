#include "ChecksFixtures.h"

#include "proofdesk/domain/Checks.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace proofdesk;
using namespace checks_fixtures;

namespace
{

CheckInput caseOf(std::vector<CheckDocument> documents, std::chrono::sys_days today = day(2026, 11, 1))
{
    CheckInput input;
    input.profile = profile();
    input.documents = std::move(documents);
    input.today = today;
    input.ssn.ssnGiven = true;
    input.reuse = std::vector<ReuseHit>{};
    return input;
}

CheckReport run(const CheckInput& input)
{
    return runChecks(realWorkflow(), uspsTables(), input);
}

std::string workflowWith(const std::string& checksObject)
{
    std::string text = sourceFile("workflows/manual-proofing.json");
    const std::size_t at = text.find("  \"checks\":");
    REQUIRE(at != std::string::npos);
    const std::size_t end = text.find("},\n", at);
    return text.substr(0, at) + "  \"checks\": " + checksObject + ",\n" + text.substr(end + 3);
}

std::string workflowError(const std::string& text)
{
    try
    {
        parseWorkflow(text, "wf.json");
    }
    catch (const Error& e)
    {
        CHECK(e.code() == ErrorCode::Configuration);
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("A matching case: sufficient, every check passes but those that cannot know", "[domain][checks]")
{
    const CheckReport report = run(caseOf({licenseFront(), licenseBack(), statement("s1.pdf", "bank_statement", "Bank of Example, N.A."),
                                           statement("s2.jpg", "utility_bill", "Riverbend Power & Light", "2026-09-09")}));
    CHECK(report.evidence.complete);
    CHECK(report.evidence.strong == 1);
    CHECK(report.evidence.fair == 2);
    CHECK(report.evidence.summary == "1 STRONG + 2 FAIR: met");
    REQUIRE(report.pairedSides.size() == 1);
    CHECK(report.pairedSides[0] == std::pair<std::string, std::string>{"id-back.png", "id-front.png"});
    for (const CheckOutcome& check : report.checks)
    {
        INFO(check.id << " " << check.document.value_or("-") << ": " << check.reason);
        if (check.id == CheckIds::SsnLast4 || check.id == CheckIds::MrzVisualAgree)
            CHECK(check.result == CheckResult::Unknown);
        else
            CHECK(check.result == CheckResult::Pass);
    }
    CHECK(report.failed() == 0);
    CHECK(report.unknown() == 1);
    // One result per applicable document, in CheckIds::all() order.
    std::vector<std::string> ids;
    for (const CheckOutcome& check : report.checks)
        ids.push_back(check.id);
    CHECK(ids == std::vector<std::string>{
                     "name_match", "name_match", "name_match", "name_match", "address_match", "address_match",
                     "address_match", "address_match", "dob_match", "dob_match", "id_unexpired", "id_unexpired",
                     "statement_recent", "statement_recent", "issuers_distinct", "documents_distinct", "ssn_last4",
                     "barcode_front_agree", "reuse", "reuse", "reuse", "reuse"});
}

TEST_CASE("A wrong ZIP on one statement fails exactly that check", "[domain][checks]")
{
    const CheckReport report = run(caseOf({licenseBack(), statement("s1.pdf", "bank_statement", "Bank A"),
                                           statement("s2.pdf", "payroll_statement", "Acme Payroll", "2026-10-01", "99207")}));
    REQUIRE(report.failed() == 1);
    const CheckOutcome failing = report.failingFirst().front();
    CHECK(failing.id == "address_match");
    CHECK(failing.document == "s2.pdf");
    CHECK(failing.reason == "a different ZIP code");
    CHECK(failing.expected == "1427 N LARKSPUR ST APT 3B, SPOKANE WA 99205-1132");
    CHECK(failing.found == "1427 N LARKSPUR ST APT 3B, SPOKANE WA 99207");
    // Failing first, then unknown, then passing.
    const std::vector<CheckOutcome> sorted = report.failingFirst();
    CHECK(sorted[1].result == CheckResult::Unknown);
    CHECK(sorted.back().result == CheckResult::Pass);
}

TEST_CASE("id_unexpired: the workflow's margin, at its boundary", "[domain][checks][dates]")
{
    // Margin 2 days: valid when the expiration is later than today + 2.
    struct Row
    {
        const char* expiry;
        CheckResult expected;
        const char* reason;
    };
    const std::vector<Row> rows{
        {"2026-11-04", CheckResult::Pass, "valid for 3 more days"},
        {"2026-11-03", CheckResult::Fail, "expires within the workflow's margin of 2 days"},
        {"2026-11-02", CheckResult::Fail, "expires within the workflow's margin of 2 days"},
        {"2026-11-01", CheckResult::Fail, "expires within the workflow's margin of 2 days"},
        {"2026-10-31", CheckResult::Fail, "expired 1 days ago"},
        {"2020-01-01", CheckResult::Fail, "expired 2496 days ago"},
        {"2034-02-28", CheckResult::Pass, "valid for 2676 more days"},
        {"", CheckResult::Unknown, "no expiration date was read"},
        {"2026-02-30", CheckResult::Unknown, "the expiration date is not a date"},
        {"11/05/2026", CheckResult::Unknown, "the expiration date is not a date"},
    };
    for (const Row& row : rows)
    {
        INFO(row.expiry);
        CheckDocument passport = document("passport.png", "passport",
                                          {{"first_name", "DANIELLE"}, {"last_name", "OKAFOR LINDQVIST"},
                                           {"date_of_birth", "1988-04-17"}, {"expiration_date", row.expiry}},
                                          FieldSource::Mrz);
        const std::vector<CheckOutcome> results = resultsOf(run(caseOf({passport})), "id_unexpired");
        REQUIRE(results.size() == 1);
        CHECK(results[0].result == row.expected);
        CHECK(results[0].reason == row.reason);
        CHECK(results[0].expected == "after 2026-11-03");
        CHECK(results[0].document == "passport.png");
    }
}

TEST_CASE("statement_recent: the evidence requirement's max_age_days, at its boundary", "[domain][checks][dates]")
{
    struct Row
    {
        const char* date;
        CheckResult expected;
        const char* reason;
    };
    // Today 2026-11-01; 90 days before is 2026-08-03.
    const std::vector<Row> rows{
        {"2026-11-01", CheckResult::Pass, "0 days old (window 90 days)"},
        {"2026-10-07", CheckResult::Pass, "25 days old (window 90 days)"},
        {"2026-08-03", CheckResult::Pass, "90 days old (window 90 days)"},
        {"2026-08-02", CheckResult::Fail, "91 days old, older than the 90-day window"},
        {"2025-11-01", CheckResult::Fail, "365 days old, older than the 90-day window"},
        {"2026-11-02", CheckResult::Unknown, "dated after today"},
        {"", CheckResult::Unknown, "no statement date was read"},
        {"2026-13-01", CheckResult::Unknown, "the statement date is not a date"},
    };
    for (const Row& row : rows)
    {
        INFO(row.date);
        const std::vector<CheckOutcome> results =
            resultsOf(run(caseOf({statement("s.pdf", "utility_bill", "Power Co", row.date)})), "statement_recent");
        REQUIRE(results.size() == 1);
        CHECK(results[0].result == row.expected);
        CHECK(results[0].reason == row.reason);
        CHECK(results[0].expected == "on or after 2026-08-03");
    }
}

TEST_CASE("The checks' settings come from the workflow file", "[domain][checks][workflow]")
{
    CHECK(realWorkflow().checks().idExpiryMarginDays == 2);
    CHECK(realWorkflow().checks().imageMatchMaxDistance == 6);

    const WorkflowDefinition wide = parseWorkflow(workflowWith("{\"id_expiry_margin_days\": 30}"), "wf.json");
    CHECK(wide.checks().idExpiryMarginDays == 30);
    CHECK(wide.checks().imageMatchMaxDistance == 6);
    CheckInput input = caseOf({licenseBack()});
    input.documents[0].extraction.fields["expiration_date"].value = "2026-11-20";
    CHECK(resultsOf(run(input), "id_unexpired")[0].result == CheckResult::Pass);
    CHECK(resultsOf(runChecks(wide, uspsTables(), input), "id_unexpired")[0].result == CheckResult::Fail);

    // The statements' window is the evidence requirement's max_age_days: one source of truth.
    std::string text = sourceFile("workflows/manual-proofing.json");
    const std::size_t at = text.find("\"max_age_days\": 90");
    REQUIRE(at != std::string::npos);
    text.replace(at, 18, "\"max_age_days\": 30");
    const WorkflowDefinition shortWindow = parseWorkflow(text, "wf.json");
    const CheckInput old = caseOf({statement("s.pdf", "bank_statement", "Bank", "2026-09-15")});
    CHECK(resultsOf(run(old), "statement_recent")[0].result == CheckResult::Pass);
    const CheckOutcome outcome = resultsOf(runChecks(shortWindow, uspsTables(), old), "statement_recent")[0];
    CHECK(outcome.result == CheckResult::Fail);
    CHECK(outcome.reason == "47 days old, older than the 30-day window");

    CHECK(parseWorkflow(workflowWith("{}"), "wf.json").checks().idExpiryMarginDays == 2);
    CHECK(parseWorkflow(workflowWith("{\"id_expiry_margin_days\": 0, \"image_match_max_distance\": 0}"), "wf.json")
              .checks()
              .imageMatchMaxDistance == 0);
    CHECK(workflowError(workflowWith("{\"id_expiry_margin_days\": -1}")) ==
          "wf.json:19: checks.id_expiry_margin_days: expected a whole number from 0 to 365, found -1");
    CHECK(workflowError(workflowWith("{\"id_expiry_margin_days\": 2.5}")) ==
          "wf.json:19: checks.id_expiry_margin_days: expected a whole number from 0 to 365, found 2.5");
    CHECK(workflowError(workflowWith("{\"image_match_max_distance\": 33}")) ==
          "wf.json:19: checks.image_match_max_distance: expected a whole number from 0 to 32, found 33");
    CHECK(workflowError(workflowWith("{\"id_expiry_margin_day\": 2}")) ==
          "wf.json:19: checks.id_expiry_margin_day: unknown key (did you mean \"id_expiry_margin_days\"?) (allowed: "
          "id_expiry_margin_days, image_match_max_distance, description)");
    CHECK(workflowError(workflowWith("[]")) == "wf.json:19: checks: expected an object, found array");
    CHECK(workflowError(workflowWith("{\"id_expiry_margin_days\": \"2\"}")) ==
          "wf.json:19: checks.id_expiry_margin_days: expected a number, found string");
}

TEST_CASE("dob_match on IDs", "[domain][checks]")
{
    struct Row
    {
        const char* dob;
        CheckResult expected;
    };
    for (const Row& row : std::vector<Row>{{"1988-04-17", CheckResult::Pass},
                                           {"1988-04-18", CheckResult::Fail},
                                           {"1989-04-17", CheckResult::Fail},
                                           {"", CheckResult::Unknown}})
    {
        INFO(row.dob);
        CheckDocument id = licenseBack();
        id.extraction.fields["date_of_birth"].value = row.dob;
        CHECK(resultsOf(run(caseOf({id})), "dob_match")[0].result == row.expected);
    }
    Profile swapped = profile();
    swapped.dateOfBirth = "1988-04-03";
    CheckInput input = caseOf({licenseBack()});
    input.documents[0].extraction.fields["date_of_birth"].value = "1988-03-04";
    input.profile = swapped;
    const CheckOutcome outcome = resultsOf(run(input), "dob_match")[0];
    CHECK(outcome.result == CheckResult::Unknown);
    CHECK(outcome.reason == "the same date with day and month swapped");
    // Statements carry no date of birth: no dob_match for them.
    CHECK(resultsOf(run(caseOf({statement("s.pdf", "bank_statement", "B")})), "dob_match").empty());
}

TEST_CASE("issuers_distinct after normalising the issuers' names", "[domain][checks]")
{
    CHECK(normalizeIssuerName("Bank of Example, N.A.") == "BANK OF EXAMPLE");
    CHECK(normalizeIssuerName("BANK OF EXAMPLE NA") == "BANK OF EXAMPLE");
    CHECK(normalizeIssuerName("The Bank of Example, N. A.") == "BANK OF EXAMPLE");
    CHECK(normalizeIssuerName("Bank of Example National Association") == "BANK OF EXAMPLE");
    CHECK(normalizeIssuerName("Riverbend Power & Light Co., Inc.") == "RIVERBEND POWER AND LIGHT");
    CHECK(normalizeIssuerName("RIVERBEND POWER AND LIGHT") == "RIVERBEND POWER AND LIGHT");
    CHECK(normalizeIssuerName("Inc") == "INC");
    CHECK(normalizeIssuerName("") == "");

    struct Row
    {
        const char* what;
        std::vector<const char*> issuers;
        CheckResult expected;
    };
    const std::vector<Row> rows{
        {"two banks", {"Bank of Example, N.A.", "Blue Heron Savings Bank"}, CheckResult::Pass},
        {"same bank spelled two ways", {"Bank of Example, N.A.", "BANK OF EXAMPLE NA"}, CheckResult::Fail},
        {"same utility, & and AND", {"Riverbend Power & Light", "RIVERBEND POWER AND LIGHT CO"}, CheckResult::Fail},
        {"three statements, two issuers", {"Bank A", "Bank A", "Power Co"}, CheckResult::Pass},
        {"one issuer not read", {"Bank A", ""}, CheckResult::Unknown},
        {"one statement only", {"Bank A"}, CheckResult::Unknown},
        {"none", {}, CheckResult::Unknown},
    };
    for (const Row& row : rows)
    {
        INFO(row.what);
        std::vector<CheckDocument> documents;
        for (std::size_t i = 0; i < row.issuers.size(); ++i)
            documents.push_back(statement("s" + std::to_string(i), "bank_statement", row.issuers[i]));
        const std::vector<CheckOutcome> results = resultsOf(run(caseOf(documents)), "issuers_distinct");
        REQUIRE(results.size() == 1);
        CHECK(results[0].result == row.expected);
        CHECK_FALSE(results[0].document);
    }
}

TEST_CASE("documents_distinct: the same file or the same image twice", "[domain][checks]")
{
    const CheckDocument a = statement("a.pdf", "bank_statement", "Bank A");
    CheckDocument sameBytes = statement("b.pdf", "bank_statement", "Bank A");
    sameBytes.sha256 = a.sha256;
    CheckOutcome outcome = resultsOf(run(caseOf({a, sameBytes})), "documents_distinct")[0];
    CHECK(outcome.result == CheckResult::Fail);
    CHECK(outcome.found == "a.pdf and b.pdf: the same file");

    CheckDocument photoA = licenseBack("scan.jpg");
    CheckDocument photoB = licenseBack("photo.jpg");
    photoA.perceptualHash = "f0e1d2c3b4a59687";
    photoB.perceptualHash = "f0e1d2c3b4a59680"; // 3 bits differ
    outcome = resultsOf(run(caseOf({photoA, photoB})), "documents_distinct")[0];
    CHECK(outcome.result == CheckResult::Fail);
    CHECK(outcome.found == "scan.jpg and photo.jpg: the same image (3 of 64 bits differ)");

    photoB.perceptualHash = "0f1e2d3c4b5a6978"; // unrelated image
    CHECK(resultsOf(run(caseOf({photoA, photoB})), "documents_distinct")[0].result == CheckResult::Pass);

    // Two statements of one bank look alike at 9x8 pixels, but their dates say they are two statements.
    CheckDocument june = statement("june.pdf", "bank_statement", "Bank A", "2026-10-07");
    CheckDocument july = statement("july.pdf", "bank_statement", "Bank A", "2026-09-07");
    june.perceptualHash = "f0e1d2c3b4a59687";
    july.perceptualHash = "f0e1d2c3b4a59687";
    CHECK(resultsOf(run(caseOf({june, july})), "documents_distinct")[0].result == CheckResult::Pass);

    CheckDocument unhashed = statement("c.pdf", "bank_statement", "Bank C");
    unhashed.sha256.clear();
    CHECK(resultsOf(run(caseOf({a, unhashed})), "documents_distinct")[0].result == CheckResult::Unknown);
    CHECK(resultsOf(run(caseOf({a})), "documents_distinct")[0].result == CheckResult::Pass);

    CHECK(perceptualHashDistance("0000000000000000", "ffffffffffffffff") == 64);
    CHECK(perceptualHashDistance("00000000000000ff", "00000000000000FE") == 1);
    CHECK_FALSE(perceptualHashDistance("0000", "0000"));
    CHECK_FALSE(perceptualHashDistance("000000000000000g", "0000000000000000"));
}

TEST_CASE("ssn_last4 from the facts the caller computed", "[domain][checks]")
{
    struct Row
    {
        SsnFacts facts;
        CheckResult expected;
        const char* reason;
    };
    const std::vector<Row> rows{
        {{true, true, true}, CheckResult::Pass, "the digits sent match the registered SSN"},
        {{true, true, false}, CheckResult::Fail, "the digits sent do not match the registered SSN"},
        {{false, true, std::nullopt}, CheckResult::Unknown, "provided; no registered SSN to compare them with"},
        {{true, false, std::nullopt}, CheckResult::Unknown,
         "not provided (not required: the full SSN was given at registration)"},
        {{false, false, std::nullopt}, CheckResult::Unknown, "not provided (required: no SSN was given at registration)"},
    };
    for (const Row& row : rows)
    {
        CheckInput input = caseOf({});
        input.ssn = row.facts;
        const std::vector<CheckOutcome> results = resultsOf(run(input), "ssn_last4");
        REQUIRE(results.size() == 1);
        CHECK(results[0].result == row.expected);
        CHECK(results[0].reason == row.reason);
    }
}

TEST_CASE("reuse: hits found on other cases, or not searched", "[domain][checks]")
{
    CheckInput input = caseOf({licenseBack(), statement("s.pdf", "bank_statement", "B")});
    input.reuse = std::vector<ReuseHit>{{"id-back.png", "PD-7K3M-Q9XD", ReuseKind::DocumentNumber},
                                        {"id-back.png", "PD-AAAA-BBBB", ReuseKind::Image}};
    std::vector<CheckOutcome> results = resultsOf(run(input), "reuse");
    REQUIRE(results.size() == 2);
    CHECK(results[0].result == CheckResult::Fail);
    CHECK(results[0].found == "document number on case PD-7K3M-Q9XD; image on case PD-AAAA-BBBB");
    CHECK(results[1].result == CheckResult::Pass);

    input.reuse.reset();
    results = resultsOf(run(input), "reuse");
    REQUIRE(results.size() == 1);
    CHECK(results[0].result == CheckResult::Unknown);
    CHECK_FALSE(results[0].document);
    CHECK(results[0].reason == "other cases were not searched");
}

TEST_CASE("barcode_front_agree: the PDF417 back against the printed front", "[domain][checks]")
{
    struct Row
    {
        const char* what;
        CheckDocument front;
        CheckResult expected;
        bool paired;
    };
    CheckDocument otherName = licenseFront();
    otherName.extraction.fields["last_name"].value = "HALLORAN";
    CheckDocument otherDob = licenseFront();
    otherDob.extraction.fields["date_of_birth"].value = "1987-04-17";
    CheckDocument unsureDob = otherDob;
    unsureDob.extraction.fields["date_of_birth"].confidence = 0.6;
    CheckDocument noNumber = licenseFront();
    noNumber.extraction.fields.erase("document_number");
    CheckDocument typo = licenseFront();
    typo.extraction.fields["first_name"].value = "DANIELE";
    const std::vector<Row> rows{
        {"agree", licenseFront(), CheckResult::Pass, true},
        {"front reads a truncated number (suffix)", licenseFront("id-front.png", "8XE6KH"), CheckResult::Unknown, true},
        {"front reads a truncated number (prefix)", licenseFront("id-front.png", "WDLWAJ8X"), CheckResult::Unknown, true},
        {"too short to be the same number", licenseFront("id-front.png", "E6KH"), CheckResult::Fail, false},
        {"different number", licenseFront("id-front.png", "WDLWAJ9ZZZZZ"), CheckResult::Fail, false},
        {"different name", otherName, CheckResult::Fail, true},
        {"different date of birth", otherDob, CheckResult::Fail, true},
        {"different date of birth, read with low confidence", unsureDob, CheckResult::Unknown, true},
        {"front number unread: paired by name and birth", noNumber, CheckResult::Pass, true},
        {"one letter off in the name", typo, CheckResult::Unknown, true},
    };
    for (const Row& row : rows)
    {
        INFO(row.what);
        const CheckReport report = run(caseOf({licenseBack(), row.front}));
        const std::vector<CheckOutcome> results = resultsOf(report, "barcode_front_agree");
        REQUIRE(results.size() == 1);
        INFO(results[0].reason);
        CHECK(results[0].result == row.expected);
        CHECK(results[0].document == "id-front.png");
        CHECK(report.pairedSides.size() == (row.paired ? 1u : 0u));
    }
    const CheckOutcome agree = resultsOf(run(caseOf({licenseBack(), licenseFront()})), "barcode_front_agree")[0];
    CHECK(agree.expected == "WDLWAJ8XE6KH, DANIELLE OKAFOR LINDQVIST, 1988-04-17");
    CHECK(agree.reason == "the barcode and the printed front agree");
    // Without a back, or without a front, there is nothing to compare.
    CHECK(resultsOf(run(caseOf({licenseFront()})), "barcode_front_agree").empty());
    CHECK(resultsOf(run(caseOf({licenseBack()})), "barcode_front_agree").empty());
}

TEST_CASE("mrz_visual_agree compares only what the extraction carries", "[domain][checks]")
{
    CheckDocument passport = document("passport.png", "passport",
                                      {{"first_name", "DANIELLE"}, {"middle_name", "MARIE"},
                                       {"last_name", "OKAFOR LINDQVIST"}, {"date_of_birth", "1988-04-17"},
                                       {"document_number", "A12345678"}, {"expiration_date", "2030-01-01"}},
                                      FieldSource::Mrz);
    CheckOutcome outcome = resultsOf(run(caseOf({passport})), "mrz_visual_agree")[0];
    CHECK(outcome.result == CheckResult::Unknown);
    CHECK(outcome.reason == "only the MRZ was read (its check digits hold); compare the printed page by eye");

    CheckDocument visualOnly = passport;
    for (auto& [name, field] : visualOnly.extraction.fields)
        field.source = FieldSource::Ocr;
    CHECK(resultsOf(run(caseOf({visualOnly})), "mrz_visual_agree")[0].reason ==
          "the MRZ was not read; only the printed page");

    passport.otherZone = visualOnly.extraction;
    passport.otherZone->fields["last_name"].value = "OKAFOR-LINDQVIST";
    CHECK(resultsOf(run(caseOf({passport})), "mrz_visual_agree")[0].result == CheckResult::Pass);
    passport.otherZone->fields["date_of_birth"].value = "1988-04-18";
    outcome = resultsOf(run(caseOf({passport})), "mrz_visual_agree")[0];
    CHECK(outcome.result == CheckResult::Fail);
    CHECK(outcome.reason == "the date of birth differs");
    // The printed page read by OCR that was itself unsure: a reason to look, not a failure.
    passport.otherZone->fields["date_of_birth"].confidence = 0.7;
    outcome = resultsOf(run(caseOf({passport})), "mrz_visual_agree")[0];
    CHECK(outcome.result == CheckResult::Unknown);
    CHECK(outcome.reason == "the date of birth differs, but the visual zone was read with low confidence");
    CHECK(resultsOf(run(caseOf({licenseBack()})), "mrz_visual_agree").empty());

    // The reader's own visual zone, carried by the extraction, is compared the same way.
    CheckDocument read = document("passport.png", "passport",
                                  {{"first_name", "DANIELLE"}, {"last_name", "OKAFOR LINDQVIST"},
                                   {"date_of_birth", "1988-04-17"}, {"document_number", "A12345678"}},
                                  FieldSource::Mrz);
    read.extraction.visualZone = visualOnly.extraction.fields;
    CHECK(resultsOf(run(caseOf({read})), "mrz_visual_agree")[0].result == CheckResult::Pass);
    read.extraction.visualZone["document_number"].value = "A99999999";
    outcome = resultsOf(run(caseOf({read})), "mrz_visual_agree")[0];
    CHECK(outcome.result == CheckResult::Fail);
    CHECK(outcome.reason == "the document number differs");
}

TEST_CASE("Per-document checks apply where they make sense", "[domain][checks]")
{
    const CheckDocument unknown = document("noise.png", "unknown", {});
    const CheckDocument unreadStatement = document("blank.pdf", "bank_statement", {});
    const CheckReport report = run(caseOf({unknown, unreadStatement}));
    CHECK(resultsOf(report, "name_match").size() == 1); // the statement: Unknown, nothing read
    CHECK(resultsOf(report, "name_match")[0].reason == "no name was read on the document");
    CHECK(resultsOf(report, "address_match")[0].reason == "no address was read on the document");
    CHECK(resultsOf(report, "statement_recent")[0].result == CheckResult::Unknown);
    CHECK(resultsOf(report, "id_unexpired").empty());
    CHECK_FALSE(report.evidence.complete);
}
