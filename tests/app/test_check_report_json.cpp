#include "proofdesk/app/CheckReportJson.h"
#include "proofdesk/domain/Json.h"

#include <catch2/catch.hpp>

using namespace proofdesk;

TEST_CASE("checkReportJson: the check command's contract, escaped", "[app][checks]")
{
    CheckReport report;
    report.evidence.strong = 1;
    report.evidence.fair = 1;
    report.evidence.complete = false;
    report.evidence.missing = {"Financial statement (FAIR): 1 more needed"};
    report.checks.push_back({"name_match", std::string("scan \"1\".png"), CheckResult::Unknown, "SEAN O'NEIL",
                             "SEAN ONEIL\n", "one letter differs in the last name (similarity 0.89)"});
    report.checks.push_back({"ssn_last4", std::nullopt, CheckResult::Pass, "", "sent", "match"});
    report.checks.push_back({"reuse", std::nullopt, CheckResult::Fail, "", "", ""});

    const std::string text = checkReportJson(report);
    CHECK(text.find('\n') == std::string::npos); // one line
    const Json json = Json::parse(text);
    const Json& evidence = *json.find("evidence");
    CHECK(evidence.find("strong")->asNumber() == 1);
    CHECK(evidence.find("fair")->asNumber() == 1);
    CHECK_FALSE(evidence.find("sufficient")->asBoolean());
    REQUIRE(evidence.find("missing")->items().size() == 1);
    CHECK(evidence.find("missing")->items()[0].asString() == "Financial statement (FAIR): 1 more needed");
    const std::vector<Json>& checks = json.find("checks")->items();
    REQUIRE(checks.size() == 3);
    CHECK(checks[0].find("id")->asString() == "name_match");
    CHECK(checks[0].find("document")->asString() == "scan \"1\".png");
    CHECK(checks[0].find("result")->asString() == "unknown");
    CHECK(checks[0].find("expected")->asString() == "SEAN O'NEIL");
    CHECK(checks[0].find("found")->asString() == "SEAN ONEIL\n");
    CHECK(checks[1].find("document")->isNull());
    CHECK(checks[1].find("result")->asString() == "pass");
    CHECK(checks[2].find("result")->asString() == "fail");
    CHECK(json.members().size() == 2);
    CHECK(evidence.members().size() == 4);
    CHECK(checks[0].members().size() == 6);
}
