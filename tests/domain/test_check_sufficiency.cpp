#include "ChecksFixtures.h"

#include "proofdesk/domain/Checks.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace proofdesk;
using namespace checks_fixtures;

namespace
{

enum class Ssn
{
    Given,     // full SSN at registration
    Provided,  // last four sent since
    None
};

const char* ssnName(Ssn ssn)
{
    return ssn == Ssn::Given ? "given" : ssn == Ssn::Provided ? "provided" : "none";
}

// An ID of the case: a passport, a state ID, or a license sent as both sides (back from the barcode, front
// by OCR) - the two sides of one card are one piece of evidence.
std::vector<CheckDocument> ids(int count, bool bothSides)
{
    std::vector<CheckDocument> out;
    for (int i = 0; i < count; ++i)
    {
        const std::string n = std::to_string(i);
        const std::string number = "D" + std::string(7, static_cast<char>('1' + i)) + n;
        if (i % 3 == 2)
        {
            CheckDocument passport =
                document("passport-" + n, "passport", {{"last_name", "OKAFOR LINDQVIST"}}, FieldSource::Mrz);
            passport.extraction.fields["document_number"] = ExtractedField{"P9990000" + n, 1.0, FieldSource::Mrz, {}};
            out.push_back(passport);
            continue;
        }
        CheckDocument back = licenseBack("back-" + n, number.c_str());
        back.extraction.documentType = i % 3 == 0 ? "drivers_license" : "state_id";
        out.push_back(back);
        if (bothSides)
        {
            CheckDocument front = licenseFront("front-" + n, number.c_str(), back.extraction.documentType.c_str());
            out.push_back(front);
        }
    }
    return out;
}

std::vector<CheckDocument> statements(int count)
{
    static const char* kinds[] = {"bank_statement", "utility_bill", "payroll_statement"};
    std::vector<CheckDocument> out;
    for (int i = 0; i < count; ++i)
        out.push_back(statement("statement-" + std::to_string(i), kinds[i % 3], "Issuer"));
    return out;
}

} // namespace

TEST_CASE("Sufficiency for every combination of the workflow's evidence", "[domain][checks][sufficiency]")
{
    const std::string photoMissing = "Government photo ID (STRONG): 1 more needed";
    const auto statementsMissing = [](int n) {
        return "Financial statement or bill addressed to the registration address (FAIR): " + std::to_string(n) +
               " more needed";
    };
    const std::string ssnMissing = "Last four digits of the SSN";
    int combinations = 0;
    for (const bool bothSides : {false, true})
        for (int idCount = 0; idCount <= 3; ++idCount)
            for (int statementCount = 0; statementCount <= 3; ++statementCount)
                for (const Ssn ssn : {Ssn::Given, Ssn::Provided, Ssn::None})
                {
                    ++combinations;
                    INFO(idCount << " IDs" << (bothSides ? " (licenses as front + back)" : "") << ", "
                                 << statementCount << " statements, SSN " << ssnName(ssn));
                    CheckInput input;
                    input.profile = profile();
                    input.today = day(2026, 11, 1);
                    input.documents = ids(idCount, bothSides);
                    for (CheckDocument& s : statements(statementCount))
                        input.documents.push_back(std::move(s));
                    input.ssn.ssnGiven = ssn == Ssn::Given;
                    input.ssn.last4Provided = ssn == Ssn::Provided;
                    const CheckReport report = runChecks(realWorkflow(), uspsTables(), input);
                    const EvidenceStatus& evidence = report.evidence;

                    CHECK(evidence.strong == idCount);
                    CHECK(evidence.fair == statementCount);
                    CHECK(evidence.superior == 0);
                    const bool documentsMet = idCount >= 1 && statementCount >= 2;
                    CHECK(evidence.complete == (documentsMet && ssn != Ssn::None));

                    std::vector<std::string> missing;
                    if (idCount == 0)
                        missing.push_back(photoMissing);
                    if (statementCount < 2)
                        missing.push_back(statementsMissing(2 - statementCount));
                    if (ssn == Ssn::None)
                        missing.push_back(ssnMissing);
                    CHECK(evidence.missing == missing);

                    std::string summary = std::to_string(idCount) + " STRONG + " + std::to_string(statementCount) +
                                          " FAIR: ";
                    if (documentsMet)
                        summary += "met";
                    else
                    {
                        summary += "missing ";
                        if (idCount == 0)
                            summary += "1 STRONG";
                        if (statementCount < 2)
                            summary += std::string(idCount == 0 ? " + " : "") + std::to_string(2 - statementCount) +
                                       " FAIR";
                    }
                    if (ssn == Ssn::None)
                        summary += "; Last four digits of the SSN: missing";
                    CHECK(evidence.summary == summary);

                    const int licensesWithBothSides = bothSides ? idCount - idCount / 3 : 0;
                    CHECK(report.pairedSides.size() == static_cast<std::size_t>(licensesWithBothSides));
                }
    CHECK(combinations == 96);
}

TEST_CASE("Front and back of one card count once; two different cards count twice", "[domain][checks][sufficiency]")
{
    const auto strongOf = [](std::vector<CheckDocument> documents) {
        CheckInput input;
        input.profile = profile();
        input.today = day(2026, 11, 1);
        input.documents = std::move(documents);
        return runChecks(realWorkflow(), uspsTables(), input).evidence.strong;
    };
    CHECK(strongOf({licenseBack(), licenseFront()}) == 1);
    CHECK(strongOf({licenseFront(), licenseBack()}) == 1); // order does not matter
    CHECK(strongOf({licenseBack(), licenseFront("f", "8XE6KH")}) == 1); // the front read the number short
    CheckDocument unreadNumber = licenseFront();
    unreadNumber.extraction.fields.erase("document_number");
    CHECK(strongOf({licenseBack(), unreadNumber}) == 1); // same kind, name and date of birth
    CheckDocument otherPerson = unreadNumber;
    otherPerson.extraction.fields["date_of_birth"].value = "1990-01-01";
    CHECK(strongOf({licenseBack(), otherPerson}) == 2);
    CheckDocument stateId = unreadNumber;
    stateId.extraction.documentType = "state_id";
    CHECK(strongOf({licenseBack(), stateId}) == 2); // without a number, the kinds must agree
    CHECK(strongOf({licenseBack(), licenseFront("f", "X9999999")}) == 2); // another card
    CHECK(strongOf({licenseBack("b1"), licenseBack("b2")}) == 2);       // two backs are two read cards
    CHECK(strongOf({licenseFront("f1"), licenseFront("f2")}) == 2);     // two fronts: no barcode to pair with
    // Two cards, each with both sides.
    CHECK(strongOf({licenseBack("b1", "AAA1111111"), licenseFront("f2", "BBB2222222"), licenseBack("b2", "BBB2222222"),
                    licenseFront("f1", "AAA1111111")}) == 2);
}
