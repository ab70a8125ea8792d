// `proofdesk check` as a tool runs it: the real binary on the demo applicant's documents (synthetic).
#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/domain/Json.h"

#include <catch2/catch.hpp>

#include "support/ServerProcess.h"
#include "support/TempDir.h"

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

const std::string Applicant = std::string(PROOFDESK_SOURCE_DIR) + "/samples/demo/applicant-1/";

// The JSON object the command printed (other lines, e.g. library warnings, are skipped).
Json reportOf(const CommandResult& result)
{
    INFO(result.out);
    REQUIRE(result.exitCode == 0);
    const std::size_t at = result.out.find("{\"evidence\"");
    REQUIRE(at != std::string::npos);
    const std::size_t end = result.out.find('\n', at);
    return Json::parse(result.out.substr(at, end == std::string::npos ? std::string::npos : end - at));
}

struct Check
{
    std::string id;
    std::string document;  // "" for the case
    std::string result;
    std::string reason;
};

std::vector<Check> checksOf(const Json& report)
{
    std::vector<Check> out;
    for (const Json& item : report.find("checks")->items())
    {
        const Json* document = item.find("document");
        out.push_back({item.find("id")->asString(), document->isNull() ? "" : document->asString(),
                       item.find("result")->asString(), item.find("reason")->asString()});
        for (const char* key : {"expected", "found"})
            CHECK(item.find(key)->isString());
    }
    return out;
}

std::string resultOf(const std::vector<Check>& checks, const std::string& id, const std::string& document)
{
    for (const Check& check : checks)
        if (check.id == id && check.document == document)
            return check.result;
    return "absent";
}

// The demo applicant's profile with one value replaced.
std::string profileWith(const TempDir& dir, const std::string& from, const std::string& to)
{
    std::string text = readWholeFile(Applicant + "profile.json");
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    const std::string path = dir / "profile.json";
    writeFileDurably(path, text);
    return path;
}

} // namespace

TEST_CASE("check: a matching set is sufficient and passes; a wrong ZIP fails address_match only", "[e2e][check][ocr]")
{
    // The license's two sides (barcode and OCR), a born-digital bank statement and a scanned utility bill.
    const std::vector<std::string> files{Applicant + "id-back.png", Applicant + "id-front.png",
                                         Applicant + "statement-1.pdf", Applicant + "statement-2.jpg"};
    std::vector<std::string> args{"check", "--profile", Applicant + "profile.json", "--today", "2026-11-01"};
    args.insert(args.end(), files.begin(), files.end());

    const Json report = reportOf(runProofdesk(args));
    const Json& evidence = *report.find("evidence");
    CHECK(evidence.find("strong")->asNumber() == 1); // front and back: one card
    CHECK(evidence.find("fair")->asNumber() == 2);
    CHECK(evidence.find("sufficient")->asBoolean());
    CHECK(evidence.find("missing")->items().empty());
    const std::vector<Check> checks = checksOf(report);
    std::set<std::string> ids;
    for (const Check& check : checks)
    {
        INFO(check.id << " " << check.document << ": " << check.reason);
        CHECK(check.result != "fail");
        CHECK((check.result == "pass" || check.result == "unknown"));
        ids.insert(check.id);
    }
    CHECK(ids == std::set<std::string>{"name_match", "address_match", "dob_match", "id_unexpired", "statement_recent",
                                       "issuers_distinct", "documents_distinct", "ssn_last4", "barcode_front_agree",
                                       "reuse"});
    for (const char* id : {"name_match", "address_match"})
        for (const std::string& file : {files[0], files[2], files[3]})
        {
            INFO(id << " " << file);
            CHECK(resultOf(checks, id, file) == "pass");
        }
    CHECK(resultOf(checks, "dob_match", files[0]) == "pass");
    CHECK(resultOf(checks, "id_unexpired", files[0]) == "pass");
    CHECK(resultOf(checks, "statement_recent", files[2]) == "pass");
    CHECK(resultOf(checks, "statement_recent", files[3]) == "pass");
    CHECK(resultOf(checks, "issuers_distinct", "") == "pass");
    CHECK(resultOf(checks, "documents_distinct", "") == "pass");
    CHECK(resultOf(checks, "ssn_last4", "") == "unknown"); // nothing sent with --ssn-last4
    CHECK(resultOf(checks, "reuse", "") == "unknown");     // no other cases to search
    CHECK(resultOf(checks, "barcode_front_agree", files[1]) != "absent");

    // The same documents against a profile with another ZIP code: only address_match fails, on every document
    // that carries the address (the statements and both sides of the license).
    TempDir dir;
    args[2] = profileWith(dir, "\"zip\": \"99205-1132\"", "\"zip\": \"99207\"");
    const std::vector<Check> wrongZip = checksOf(reportOf(runProofdesk(args)));
    std::set<std::string> failingIds;
    std::set<std::string> failingDocuments;
    for (const Check& check : wrongZip)
        if (check.result == "fail")
        {
            failingIds.insert(check.id);
            failingDocuments.insert(check.document);
            CHECK(check.reason.find("a different ZIP code") != std::string::npos);
        }
    CHECK(failingIds == std::set<std::string>{"address_match"});
    CHECK(failingDocuments.count(files[2]) == 1);
    CHECK(failingDocuments.count(files[3]) == 1);
    CHECK(failingDocuments.count(files[0]) == 1);
}

TEST_CASE("check: SSN digits, usage errors and bad profiles", "[e2e][check]")
{
    // The barcode side alone reads without OCR: fast.
    const std::string back = Applicant + "id-back.png";
    const std::string profile = Applicant + "profile.json";
    std::vector<Check> checks =
        checksOf(reportOf(runProofdesk({"check", "--profile", profile, "--today", "2026-11-01", "--ssn-last4", "4821", back})));
    CHECK(resultOf(checks, "ssn_last4", "") == "pass");
    checks = checksOf(reportOf(runProofdesk({"check", "--profile", profile, "--today", "2026-11-01", "--ssn-last4", "1234", back})));
    CHECK(resultOf(checks, "ssn_last4", "") == "fail");
    const Json alone = reportOf(runProofdesk({"check", "--profile", profile, "--today", "2026-11-01", back}));
    CHECK_FALSE(alone.find("evidence")->find("sufficient")->asBoolean());
    REQUIRE(alone.find("evidence")->find("missing")->items().size() == 1);
    CHECK(alone.find("evidence")->find("missing")->items()[0].asString() ==
          "Financial statement or bill addressed to the registration address (FAIR): 2 more needed");

    // Usage errors exit 64 with one clear line.
    struct Row
    {
        std::vector<std::string> args;
        std::string message;
    };
    TempDir dir;
    const std::string notJson = dir / "not-json.json";
    writeFileDurably(notJson, "{\"first_name\": \"A\",\n  \"last_name\": }\n");
    const std::string noCity = dir / "no-city.json";
    writeFileDurably(noCity, "{\"first_name\": \"Ada\", \"last_name\": \"Byron\", \"date_of_birth\": \"1990-01-01\",\n"
                             " \"address_line1\": \"1 Main St\", \"state\": \"VA\", \"postal_code\": \"22030\"}\n");
    const std::string badDate = dir / "bad-date.json";
    writeFileDurably(badDate, "{\"first_name\": \"Ada\", \"last_name\": \"Byron\",\n \"date_of_birth\": \"1990-02-30\",\n"
                              " \"address_line1\": \"1 Main St\", \"city\": \"Fairfax\", \"state\": \"VA\", \"postal_code\": \"22030\"}\n");
    const std::string badZip = dir / "bad-zip.json";
    writeFileDurably(badZip, "{\"first_name\": \"Ada\", \"last_name\": \"Byron\", \"date_of_birth\": \"1990-01-01\",\n"
                             " \"address_line1\": \"1 Main St\", \"city\": \"Fairfax\", \"state\": \"VA\",\n \"postal_code\": 22030}\n");
    const std::string badSsn = dir / "bad-ssn.json";
    writeFileDurably(badSsn, "{\"first_name\": \"Ada\", \"last_name\": \"Byron\", \"date_of_birth\": \"1990-01-01\",\n"
                             " \"address_line1\": \"1 Main St\", \"city\": \"Fairfax\", \"state\": \"VA\", \"postal_code\": \"22030\",\n"
                             " \"ssn_last4\": \"12345\"}\n");
    const std::vector<Row> rows{
        {{"check", back}, "check needs --profile PROFILE.json"},
        {{"check", "--profile", profile}, "check needs at least one FILE"},
        {{"check", "--profile", profile, "--today", "11/01/2026", back}, "--today needs a date written YYYY-MM-DD"},
        {{"check", "--profile", profile, "--ssn-last4", "48", back}, "--ssn-last4 needs exactly 4 digits"},
        {{"check", "--profile", profile, "--role", "x", back}, "check does not take --role"},
        {{"check", "--profile", dir / "missing.json", back}, "cannot read the profile " + dir / "missing.json"},
        {{"check", "--profile", notJson, back}, notJson + ":2:"},
        {{"check", "--profile", noCity, back}, noCity + ":1: missing \"city\""},
        {{"check", "--profile", badDate, back}, badDate + ":2: date_of_birth: "},
        {{"check", "--profile", badZip, back}, badZip + ":3: \"postal_code\" must be a string, found number"},
        {{"check", "--profile", badSsn, back}, badSsn + ":3: \"ssn_last4\" must be a string of 4 digits"},
    };
    for (const Row& row : rows)
    {
        const CommandResult result = runProofdesk(row.args);
        INFO(result.out);
        CHECK(result.exitCode == 64);
        CHECK(result.out.find("proofdesk: " + row.message) != std::string::npos);
        CHECK(result.out.find("{\"evidence\"") == std::string::npos);
    }
}
