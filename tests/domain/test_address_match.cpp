#include "ChecksFixtures.h"

#include "proofdesk/domain/AddressMatch.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace proofdesk;
using checks_fixtures::uspsTables;

namespace
{

struct NormalRow
{
    PostalAddress address;
    const char* text;
};

struct AddressRow
{
    const char* what;
    PostalAddress registered;
    PostalAddress document;
    CheckResult expected;
};

} // namespace

TEST_CASE("USPS Publication 28 normalisation", "[domain][checks][address]")
{
    const std::vector<NormalRow> rows{
        {{"1427 North Larkspur Street", "Apartment 3B", "Spokane", "Washington", "99205-1132"},
         "1427 N LARKSPUR ST APT 3B, SPOKANE WA 99205-1132"},
        {{"1427 N. Larkspur St., Apt. 3B", "", "Spokane", "wa", "992051132"},
         "1427 N LARKSPUR ST APT 3B, SPOKANE WA 99205-1132"},
        {{"88 Cedar Ridge Road", "Unit 12", "Columbus", "OH", "43215"}, "88 CEDAR RIDGE RD UNIT 12, COLUMBUS OH 43215"},
        {{"2250 Magnolia Avenue #5", "", "Savannah", "GA", "31401"}, "2250 MAGNOLIA AVE # 5, SAVANNAH GA 31401"},
        {{"2250 Magnolia Av", "# 5", "Savannah", "GA", "31401"}, "2250 MAGNOLIA AVE # 5, SAVANNAH GA 31401"},
        {{"500 Northwest Broadway Boulevard", "Suite 200", "Portland", "OR", "97209"},
         "500 NW BROADWAY BLVD STE 200, PORTLAND OR 97209"},
        {{"12 Park Place Southwest", "", "Atlanta", "GA", "30303"}, "12 PARK PL SW, ATLANTA GA 30303"},
        {{"75 Harbour Parkway", "Basement", "Boston", "MA", "02110"}, "75 HARBOUR PKWY BSMT, BOSTON MA 02110"},
        {{"9 Crossing Circle", "Floor 3", "Reno", "NV", "89501"}, "9 CROSSING CIR FL 3, RENO NV 89501"},
        {{"P.O. Box 4411", "", "Dallas", "TX", "75270"}, "PO BOX 4411, DALLAS TX 75270"},
        {{"Post Office Box 4411", "", "Dallas", "TX", "75270"}, "PO BOX 4411, DALLAS TX 75270"},
        {{"POB 4411", "", "Dallas", "TX", "75270"}, "PO BOX 4411, DALLAS TX 75270"},
        {{"P O Box 4411", "", "Dallas", "TX", "75270"}, "PO BOX 4411, DALLAS TX 75270"},
        {{"Box 4411", "", "Dallas", "TX", "75270"}, "PO BOX 4411, DALLAS TX 75270"},
        {{"10 Key Lane", "", "Miami", "FL", "33101"}, "10 KEY LN, MIAMI FL 33101"}, // KEY needs a range to be a unit
        {{"", "", "", "", ""}, ""},
    };
    for (const NormalRow& row : rows)
    {
        INFO(row.text);
        CHECK(normalizeAddress(row.address, uspsTables()).text() == row.text);
    }
}

TEST_CASE("address_match: Pass, Unknown and Fail", "[domain][checks][address]")
{
    const PostalAddress home{"1427 N Larkspur St", "Apt. 3B", "Spokane", "WA", "99205-1132"};
    const PostalAddress box{"PO Box 4411", "", "Dallas", "TX", "75270"};
    const std::vector<AddressRow> rows{
        {"identical", home, home, CheckResult::Pass},
        {"spelled out", home, {"1427 North Larkspur Street", "Apartment 3B", "SPOKANE", "Washington", "99205-1132"},
         CheckResult::Pass},
        {"unit on the street line", home, {"1427 N LARKSPUR ST APT 3B", "", "SPOKANE", "WA", "99205-1132"},
         CheckResult::Pass},
        {"unit as #", home, {"1427 N LARKSPUR ST", "# 3B", "SPOKANE", "WA", "99205"}, CheckResult::Pass},
        {"unit run into #", home, {"1427 N LARKSPUR ST #3B", "", "SPOKANE", "WA", "99205"}, CheckResult::Pass},
        {"ZIP without +4 on the document", home, {"1427 N LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "99205"},
         CheckResult::Pass},
        {"ZIP without +4 in the registration", {"1427 N Larkspur St", "Apt 3B", "Spokane", "WA", "99205"},
         {"1427 N LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "99205-1132"}, CheckResult::Pass},
        {"ZIP+4 run together", home, {"1427 N LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "992051132"},
         CheckResult::Pass},
        {"state name", home, {"1427 N LARKSPUR ST", "APT 3B", "Spokane", "Washington", "99205"}, CheckResult::Pass},
        {"PO box spellings", box, {"P.O. BOX 4411", "", "DALLAS", "TX", "75270-0001"}, CheckResult::Pass},
        {"POST OFFICE BOX", box, {"POST OFFICE BOX 4411", "", "DALLAS", "TX", "75270"}, CheckResult::Pass},
        {"suffix variant", {"75 Harbor Pkwy", "", "Boston", "MA", "02110"}, {"75 HARBOR PARKWY", "", "BOSTON", "MA", "02110"},
         CheckResult::Pass},
        // Unknown: a person must look.
        {"ZIP+4 differs", home, {"1427 N LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "99205-1133"}, CheckResult::Unknown},
        {"street one letter off", home, {"1427 N LARKSPIR ST", "APT 3B", "SPOKANE", "WA", "99205"}, CheckResult::Unknown},
        {"suffix missing", home, {"1427 N LARKSPUR", "APT 3B", "SPOKANE", "WA", "99205"}, CheckResult::Unknown},
        {"directional missing", home, {"1427 LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "99205"}, CheckResult::Unknown},
        {"unit missing on the document", home, {"1427 N LARKSPUR ST", "", "SPOKANE", "WA", "99205"},
         CheckResult::Unknown},
        {"unit not registered", {"1427 N Larkspur St", "", "Spokane", "WA", "99205"},
         {"1427 N LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "99205"}, CheckResult::Unknown},
        {"vanity city name", home, {"1427 N LARKSPUR ST", "APT 3B", "MILLWOOD", "WA", "99205"}, CheckResult::Unknown},
        {"house number one digit off", home, {"1421 N LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "99205"},
         CheckResult::Unknown},
        {"nothing read", home, {"", "", "", "", ""}, CheckResult::Unknown},
        {"only the ZIP read", home, {"", "", "", "", "99205"}, CheckResult::Unknown},
        // Fail: another address.
        {"different ZIP", home, {"1427 N LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "99206"}, CheckResult::Fail},
        {"different house number", home, {"27 N LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "99205"}, CheckResult::Fail},
        {"different street", home, {"1427 W MAIN AVE", "APT 3B", "SPOKANE", "WA", "99205"}, CheckResult::Fail},
        {"different unit", home, {"1427 N LARKSPUR ST", "APT 7C", "SPOKANE", "WA", "99205"}, CheckResult::Fail},
        {"different state", home, {"1427 N LARKSPUR ST", "APT 3B", "SPOKANE", "ID", "99205"}, CheckResult::Fail},
        {"PO box instead of the home", home, {"PO BOX 12", "", "SPOKANE", "WA", "99205"}, CheckResult::Fail},
        {"different box number", box, {"PO BOX 4412", "", "DALLAS", "TX", "75270"}, CheckResult::Unknown},
        {"box against street", box, {"4411 ELM ST", "", "DALLAS", "TX", "75270"}, CheckResult::Fail},
    };
    for (const AddressRow& row : rows)
    {
        INFO(row.what);
        const MatchOutcome outcome = matchAddress(row.registered, row.document, uspsTables());
        INFO(outcome.reason);
        CHECK(outcome.result == row.expected);
        CHECK(!outcome.reason.empty());
    }
}

TEST_CASE("address_match: the reason names each difference", "[domain][checks][address]")
{
    const MatchOutcome outcome = matchAddress({"1427 N Larkspur St", "Apt 3B", "Spokane", "WA", "99205"},
                                              {"1427 N LARKSPUR ST", "APT 3B", "SPOKANE", "WA", "99207"}, uspsTables());
    CHECK(outcome.result == CheckResult::Fail);
    CHECK(outcome.reason == "a different ZIP code");
    CHECK(outcome.expected == "1427 N LARKSPUR ST APT 3B, SPOKANE WA 99205");
    CHECK(outcome.found == "1427 N LARKSPUR ST APT 3B, SPOKANE WA 99207");
}

TEST_CASE("USPS tables: the repository's files parse; bad rows are refused with file:line", "[domain][checks][address]")
{
    const UspsTables& tables = uspsTables();
    CHECK(tables.streetSuffixes.at("AVENUE") == "AVE");
    CHECK(tables.streetSuffixes.at("AVN") == "AVE");
    CHECK(tables.streetSuffixes.at("BOULV") == "BLVD");
    CHECK(tables.streetSuffixes.at("CRSSNG") == "XING");
    CHECK(tables.streetSuffixes.size() > 450);
    CHECK(tables.unitDesignators.at("SUITE") == "STE");
    CHECK(tables.unitDesignators.at("#") == "#");
    CHECK(tables.unitsWithoutRange.count("BSMT") == 1);
    CHECK(tables.unitsWithoutRange.count("APT") == 0);
    CHECK(tables.directionals.at("NORTHWEST") == "NW");
    CHECK(tables.directionals.at("N") == "N");

    const std::string units = "APARTMENT\tAPT\tyes\n";
    const std::string directionals = "NORTH\tN\n";
    const auto error = [&](const std::string& suffixes, const std::string& unitText) {
        try
        {
            parseUspsTables({suffixes, "s.tsv"}, {unitText, "u.tsv"}, {directionals, "d.tsv"});
        }
        catch (const Error& e)
        {
            CHECK(e.code() == ErrorCode::Configuration);
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error("# comment\n\nAVENUE\tAVE\n", units) ==
          "s.tsv:3: expected 3 TAB-separated columns (primary name, common spelling, standard abbreviation), found 2");
    CHECK(error("AVENUE\tAV\tAVE\r\nALLEY\tAV\tALY\n", units) == "s.tsv:2: AV already stands for AVE, not ALY");
    CHECK(error("AVENUE\tave\tAVE\n", units) == "s.tsv:1: \"ave\" is not an upper-case word");
    CHECK(error("# only comments\n", units) == "s.tsv: the table has no rows");
    CHECK(error("AVENUE\tAV\tAVE\n", "APARTMENT\tAPT\tmaybe\n") == "u.tsv:1: the range column must be yes or no, not \"maybe\"");
    CHECK(error("AVENUE\tAV\tAVE\n", units) == "no error");
}
