#include "proofdesk/domain/AddressText.h"
#include "proofdesk/domain/DateText.h"
#include "proofdesk/domain/DocumentClassifier.h"
#include "proofdesk/domain/DocumentLayout.h"
#include "proofdesk/domain/FieldReading.h"
#include "proofdesk/domain/PersonNameText.h"

#include <catch2/catch.hpp>

#include "domain/TextPageBuilder.h"

#include <chrono>
#include <random>

using namespace proofdesk;
using namespace proofdesk::test;
using namespace std::chrono;

// All names, addresses and numbers here are synthetic.

namespace
{

const sys_days today = sys_days{2026y / November / 1};

std::string firstIso(const std::string& text, DateKind kind = DateKind::Recent)
{
    auto date = firstDate(text, today, kind);
    return date ? isoDate(date->date) : std::string("none");
}

} // namespace

// ---- dates ---------------------------------------------------------------------------------------------

TEST_CASE("dates are read in every form U.S. documents print them", "[domain][text][dates]")
{
    struct Case
    {
        const char* text;
        const char* iso;
    };
    const Case cases[] = {
        {"03/14/2026", "2026-03-14"},
        {"3/4/2026", "2026-03-04"},
        {"3/14/26", "2026-03-14"},
        {"03-14-2026", "2026-03-14"},
        {"03.14.2026", "2026-03-14"},
        {"2026-03-14", "2026-03-14"},
        {"2026/03/14", "2026-03-14"},
        {"March 14, 2026", "2026-03-14"},
        {"March 14 2026", "2026-03-14"},
        {"Mar 14, 2026", "2026-03-14"},
        {"Mar. 14, 2026", "2026-03-14"},
        {"MAR 14 2026", "2026-03-14"},
        {"Sept 3, 2026", "2026-09-03"},
        {"14 Mar 2026", "2026-03-14"},
        {"14-Mar-2026", "2026-03-14"},
        {"14 MAR 2026", "2026-03-14"},
        {"14 JUN/JUIN 1979", "1979-06-14"},
        {"Statement Date: 10/20/2026", "2026-10-20"},
        {"Date of Bill:Sep 25, 2026", "2026-09-25"},
        {"DOB01/02/1990", "1990-01-02"},
        {"MAR14, 2026", "2026-03-14"},
        {"29-Feb-2024", "2024-02-29"},
        {"December 31, 1999", "1999-12-31"},
    };
    for (const Case& c : cases)
    {
        INFO(c.text);
        CHECK(firstIso(c.text) == c.iso);
    }
}

TEST_CASE("OCR look-alikes inside dates are read as digits, and such dates are marked inexact", "[domain][text][dates]")
{
    struct Case
    {
        const char* text;
        const char* iso;
    };
    const Case cases[] = {
        {"O3/14/2O26", "2026-03-14"}, {"l0/2l/2026", "2026-10-21"},  {"03/I4/2026", "2026-03-14"},
        {"O5/S1/2026", "none"},       {"1O/0B/2026", "2026-10-08"},  {"03 / 14/ 2026", "2026-03-14"},
        {"0CT 05, 2026", "2026-10-05"}, {"JUL 162017.", "2017-07-16"}, {"FEB152025'", "2025-02-15"},
        {"02 J U N 2024", "2024-06-02"}, {"Septernber 3, 2026", "2026-09-03"}};
    for (const Case& c : cases)
    {
        INFO(c.text);
        CHECK(firstIso(c.text) == c.iso);
    }
    CHECK_FALSE(firstDate("O3/14/2O26", today, DateKind::Recent)->exact);
    CHECK(firstDate("03/14/2026", today, DateKind::Recent)->exact);
}

TEST_CASE("two-digit years: a birth date is never in the future, other dates take the nearest century",
          "[domain][text][dates]")
{
    CHECK(firstIso("08/30/75", DateKind::Past) == "1975-08-30");
    CHECK(firstIso("08/30/75", DateKind::Recent) == "2075-08-30");
    CHECK(firstIso("01/02/05", DateKind::Past) == "2005-01-02");
    CHECK(firstIso("12/31/26", DateKind::Past) == "1926-12-31");  // after today in 2026
    CHECK(firstIso("14 Jun 79", DateKind::Past) == "1979-06-14");
    CHECK(firstIso("3/14/26", DateKind::Recent) == "2026-03-14");
    CHECK(firstDate("3/14/26", today, DateKind::Recent)->twoDigitYear);
}

TEST_CASE("things that are not dates are not taken for dates", "[domain][text][dates]")
{
    for (const char* text : {"02/30/2026", "13/13/2026", "1-800-555-0142", "$6,415.79", "5'-09\"", "Page 1 of 2",
                             "75270-4850", "XXX-XX-1038", "09/22", "May be subject to fees", "", "////", "00/00/0000",
                             "44-6489276618", "2026", "14 Smith 2026"})
    {
        INFO(text);
        CHECK(firstIso(text) == "none");
    }
    // Day first only when the first number cannot be a month, and then marked inexact.
    auto dayFirst = firstDate("25/12/2026", today, DateKind::Recent);
    REQUIRE(dayFirst);
    CHECK(isoDate(dayFirst->date) == "2026-12-25");
    CHECK_FALSE(dayFirst->exact);
}

TEST_CASE("every date of a period is found, in order, with its place in the text", "[domain][text][dates]")
{
    std::string text = "Statement period 09/21/2026 - 10/20/2026";
    auto dates = findDates(text, today, DateKind::Recent);
    REQUIRE(dates.size() == 2);
    CHECK(isoDate(dates[0].date) == "2026-09-21");
    CHECK(isoDate(dates[1].date) == "2026-10-20");
    CHECK(text.substr(dates[1].begin, dates[1].end - dates[1].begin) == "10/20/2026");
    CHECK(findDates("30-Aug-2026 to 29-Sep-2026", today, DateKind::Recent).size() == 2);
    CHECK(isoDate(year_month_day{year{2026}, month{3}, day{4}}) == "2026-03-04");
}

// ---- states, ZIP codes, address lines -------------------------------------------------------------------

TEST_CASE("state codes and names become USPS codes, OCR look-alikes included", "[domain][text][address]")
{
    struct Case
    {
        const char* text;
        const char* code;
    };
    const Case cases[] = {{"OH", "OH"},       {"oh", "OH"},        {"0H", "OH"},        {"1L", "IL"},
                          {"C0", "CO"},       {"M1", "MI"},        {"Texas", "TX"},     {"NEW YORK", "NY"},
                          {"new  york", "NY"}, {"District of Columbia", "DC"}, {"Puerto Rico", "PR"},
                          {"AE", "AE"},       {"Tx.", "TX"},       {"XX", ""},          {"", ""},
                          {"OHIO STATE", ""}, {"Texass", ""},      {"Q", ""}};
    for (const Case& c : cases)
    {
        INFO(c.text);
        auto code = usStateCode(c.text);
        CHECK(code.value_or("") == c.code);
    }
}

TEST_CASE("state names are found in headers, the longest name winning", "[domain][text][address]")
{
    CHECK(findStateName("COMMONWEALTH OF PENNSYLVANIA")->code == "PA");
    CHECK(findStateName("State of Ohio")->code == "OH");
    CHECK(findStateName("WEST VIRGINIA DRIVER LICENSE")->code == "WV");
    CHECK(findStateName("CALIFORNIA USA")->code == "CA");
    CHECK(findStateName("NEW MEXICO - ID CARD")->code == "NM");
    CHECK_FALSE(findStateName("ARKANSASX LICENSE").has_value());  // "KANSAS" inside a word is no name
    CHECK_FALSE(findStateName("DRIVER LICENSE").has_value());
    // OCR glued a word to the name, or got a letter wrong.
    CHECK(findStateNameTolerant("State of Missouripentirication carp")->code == "MO");
    CHECK(findStateNameTolerant("State of Massachuseets")->code == "MA");
    CHECK_FALSE(findStateNameTolerant("IDENTIFICATION CARD").has_value());
}

TEST_CASE("ZIP codes: five digits or ZIP+4, look-alikes read as digits", "[domain][text][address]")
{
    CHECK(postalCode("21285").value_or("") == "21285");
    CHECK(postalCode("75270-4850").value_or("") == "75270-4850");
    CHECK(postalCode("752704850").value_or("") == "75270-4850");
    CHECK(postalCode("75270 4850").value_or("") == "75270-4850");
    CHECK(postalCode("9O21O").value_or("") == "90210");
    CHECK(postalCode("O8649").value_or("") == "08649");
    for (const char* bad : {"1234", "123456", "SOLO", "SOLOS", "12345-67", "ABCDE", "", "12-345"})
    {
        INFO(bad);
        CHECK_FALSE(postalCode(bad).has_value());
    }
}

TEST_CASE("the last line of an address: city, state and ZIP in their printed variants", "[domain][text][address]")
{
    struct Case
    {
        const char* line;
        const char* city;
        const char* state;
        const char* zip;
    };
    const Case cases[] = {
        {"Dallas, TX 75270-4850", "DALLAS", "TX", "75270-4850"},
        {"BALTIMORE MD 21285", "BALTIMORE", "MD", "21285"},
        {"BALTIMORE MD  21285", "BALTIMORE", "MD", "21285"},
        {"SOUTH LAKE TAHOE, CA 96150", "SOUTH LAKE TAHOE", "CA", "96150"},
        {"Coeur D'Alene View, WA 99059", "COEUR D'ALENE VIEW", "WA", "99059"},
        {"WINSTON-SALEM NC 27113", "WINSTON-SALEM", "NC", "27113"},
        {"Saint Paul, Minnesota 55101", "SAINT PAUL", "MN", "55101"},
        {"Albany, New York 12208-9446", "ALBANY", "NY", "12208-9446"},
        {"DALLAS,TX 75287", "DALLAS", "TX", "75287"},
        {"DALLAS TX75287", "DALLAS", "TX", "75287"},
        {"COLUMBUS 0H 43285", "COLUMBUS", "OH", "43285"},
        {"PEORIA IL 6163O", "PEORIA", "IL", "61630"},
        {"B0STON MA 02197", "BOSTON", "MA", "02197"},
        {"Santa Fe, NM 87517 4402", "SANTA FE", "NM", "87517-4402"},
    };
    for (const Case& c : cases)
    {
        INFO(c.line);
        auto parsed = parseCityStateZip(c.line);
        REQUIRE(parsed);
        CHECK(parsed->city == c.city);
        CHECK(parsed->state == c.state);
        CHECK(parsed->postalCode == c.zip);
    }
    CHECK(parseCityStateZip("Dallas, TX 75270")->exact);
    CHECK_FALSE(parseCityStateZip("COLUMBUS 0H 43285")->exact);
    for (const char* bad : {"Page 1 of 2", "TX 75287", "Account 12345", "Dallas TX", "1200 MAPLE ST 75287",
                            "Please pay by November 19, 2026 to avoid a late fee in TX 75287", "", "PO BOX 42652",
                            "Total due XX 12345"})
    {
        INFO(bad);
        CHECK_FALSE(parseCityStateZip(bad).has_value());
    }
}

TEST_CASE("street lines are normalised the USPS Publication 28 way, units split off", "[domain][text][address]")
{
    struct Case
    {
        const char* line;
        const char* line1;
        const char* line2;
    };
    const Case cases[] = {
        {"1200 N MAPLE ST", "1200 N MAPLE ST", ""},
        {"1200 North Maple Street", "1200 N MAPLE ST", ""},
        {"1200 North Maple St.", "1200 N MAPLE ST", ""},
        {"276 Foxglove Circle", "276 FOXGLOVE CIR", ""},
        {"29477 Bluebonnet Way Northwest", "29477 BLUEBONNET WAY NW", ""},
        {"29477 BLUEBONNET WAY NW", "29477 BLUEBONNET WAY NW", ""},
        {"4496 33rd Avenue", "4496 33RD AVE", ""},
        {"54 Park Road", "54 PARK RD", ""},
        {"9 Martin Luther King Jr Boulevard", "9 MARTIN LUTHER KING JR BLVD", ""},
        {"88 Canyon Creek Parkway", "88 CANYON CREEK PKWY", ""},
        {"12 Summit", "12 SUMMIT", ""},  // a one-word street keeps its name
        {"123 North Avenue", "123 NORTH AVE", ""},
        {"952 SYCAMORE CT FL 6", "952 SYCAMORE CT", "FL 6"},
        {"199 Washington Pkwy APT C", "199 WASHINGTON PKWY", "APT C"},
        {"199 Washington Pkwy, Apartment 4B", "199 WASHINGTON PKWY", "APT 4B"},
        {"5095 DOGWOOD DR RM E", "5095 DOGWOOD DR", "RM E"},
        {"320 5TH ST LOT 17E", "320 5TH ST", "LOT 17E"},
        {"329 E SCHOOL PL# C", "329 E SCHOOL PL", "# C"},
        {"88 Elm Street #12", "88 ELM ST", "# 12"},
        {"88 Elm Street # 12", "88 ELM ST", "# 12"},
        {"88 Elm St Suite 200", "88 ELM ST", "STE 200"},
        {"88 Elm St Ste.200", "88 ELM ST", "STE 200"},
        {"653 FRANKLIN TER FL9", "653 FRANKLIN TER", "FL 9"},
        {"l23 Main St", "123 MAIN ST", ""},
        {"PO BOX 42652", "PO BOX 42652", ""},
        {"P.O. Box 86614", "PO BOX 86614", ""},
        {"P O Box 12", "PO BOX 12", ""},
        {"Post Office Box 77", "PO BOX 77", ""},
        {"POBOX 991", "PO BOX 991", ""},
    };
    for (const Case& c : cases)
    {
        INFO(c.line);
        auto parsed = parseStreetLine(c.line);
        REQUIRE(parsed);
        CHECK(parsed->line1 == c.line1);
        CHECK(parsed->line2 == c.line2);
    }
    CHECK(parseStreetLine("PO BOX 42652")->poBox);
    CHECK_FALSE(parseStreetLine("l23 Main St")->exact);
    for (const char* bad : {"MAIN ST", "Account Number", "12", "", "$124.96 due", "PO BOX",
                            "10 of the 12 branches listed here are open on Saturdays and Sundays from 9 to 5",
                            "2026-10-20 PAYROLL DEPOSIT $1,200.00"})
    {
        INFO(bad);
        CHECK_FALSE(parseStreetLine(bad).has_value());
    }
}

TEST_CASE("a unit line alone", "[domain][text][address]")
{
    CHECK(parseUnitLine("Apt 4B").value_or("") == "APT 4B");
    CHECK(parseUnitLine("Apartment 4B").value_or("") == "APT 4B");
    CHECK(parseUnitLine("#12").value_or("") == "# 12");
    CHECK(parseUnitLine("# 12").value_or("") == "# 12");
    CHECK(parseUnitLine("Suite 200").value_or("") == "STE 200");
    CHECK(parseUnitLine("Building 2").value_or("") == "BLDG 2");
    CHECK(parseUnitLine("Floor 3").value_or("") == "FL 3");
    CHECK(parseUnitLine("Trailer 9").value_or("") == "TRLR 9");
    CHECK(parseUnitLine("REAR").value_or("") == "REAR");
    CHECK(parseUnitLine("UNIT15A").value_or("") == "UNIT 15A");
    // A one-letter identifier whose space OCR lost.
    CHECK(parseUnitLine("STEC").value_or("") == "STE C");
    CHECK(parseUnitLine("AptB").value_or("") == "APT B");
    // An L read as I or 1.
    CHECK(parseUnitLine("FI 25").value_or("") == "FL 25");
    CHECK(parseUnitLine("F1 3").value_or("") == "FL 3");
    CHECK_FALSE(parseUnitLine("FI").has_value());
    CHECK_FALSE(parseUnitLine("HI 96829").has_value());
    CHECK_FALSE(parseUnitLine("APT").has_value());
    CHECK_FALSE(parseUnitLine("REARS").has_value());
    CHECK_FALSE(parseUnitLine("UNITED").has_value());
    CHECK_FALSE(parseUnitLine("STEAK").has_value());
    CHECK_FALSE(parseUnitLine("Apt 4B please").has_value());
    CHECK_FALSE(parseUnitLine("Appointment 4").has_value());
    CHECK_FALSE(parseUnitLine("").has_value());
}

// ---- names ----------------------------------------------------------------------------------------------

TEST_CASE("person names split into first, middle and last, suffixes kept apart", "[domain][text][names]")
{
    struct Case
    {
        const char* text;
        const char* first;
        const char* middle;
        const char* last;
        const char* suffix;
    };
    const Case cases[] = {
        {"JOHN Q PUBLIC", "JOHN", "Q", "PUBLIC", ""},
        {"John Q. Public Jr.", "JOHN", "Q", "PUBLIC", "JR"},
        {"MICHAEL L. AL-SAYED JR", "MICHAEL", "L", "AL-SAYED", "JR"},
        {"Mohammed Michael Abernathy-Kapoor III", "MOHAMMED", "MICHAEL", "ABERNATHY-KAPOOR", "III"},
        {"MARY-KATE O'BRIEN", "MARY-KATE", "", "O'BRIEN", ""},
        {"D’Andra N’Diaye", "D'ANDRA", "", "N'DIAYE", ""},
        {"JUAN DE LA CRUZ", "JUAN", "", "DE LA CRUZ", ""},
        {"Maria del Carmen Garcia", "MARIA", "DEL CARMEN", "GARCIA", ""},
        {"ANA MARIA JOSE VAN DER BERG", "ANA", "MARIA JOSE", "VAN DER BERG", ""},
        {"ROBERT LEE ST JOHN", "ROBERT", "LEE", "ST JOHN", ""},
        {"PUBLIC JR, JOHN Q", "JOHN", "Q", "PUBLIC", "JR"},
        {"ABERNATHY-KAPOOR III, MOHAMMED M", "MOHAMMED", "M", "ABERNATHY-KAPOOR", "III"},
        {"Smith, Jane", "JANE", "", "SMITH", ""},
        {"JOHN SMITH, JR.", "JOHN", "", "SMITH", "JR"},
        {"KEVIN OSEI 2ND", "KEVIN", "", "OSEI", "II"},
        {"LIAM ADAMS V", "LIAM", "", "ADAMS", "V"},
        {"LIAM V", "LIAM", "", "V", ""},
        {"J0HN SM1TH", "JOHN", "", "SMITH", ""},
    };
    for (const Case& c : cases)
    {
        INFO(c.text);
        auto name = parsePersonName(c.text);
        REQUIRE(name);
        CHECK(name->first == c.first);
        CHECK(name->middle == c.middle);
        CHECK(name->last == c.last);
        CHECK(name->suffix == c.suffix);
    }
    CHECK_FALSE(parsePersonName("J0HN SM1TH")->exact);
    for (const char* bad : {"SMITH", "", "JR", "123 MAIN ST", "JOHN SMITH 3000", "JOHN @SMITH", ", JOHN"})
    {
        INFO(bad);
        CHECK_FALSE(parsePersonName(bad).has_value());
    }
}

TEST_CASE("names printed as family and given fields", "[domain][text][names]")
{
    auto name = parseNameFields("SMITH JR", "JOHN ALAN");
    REQUIRE(name);
    CHECK(name->first == "JOHN");
    CHECK(name->middle == "ALAN");
    CHECK(name->last == "SMITH");
    CHECK(name->suffix == "JR");
    auto particles = parseNameFields("VAN DER BERG", "ROBERT EDWARD");
    REQUIRE(particles);
    CHECK(particles->last == "VAN DER BERG");
    CHECK(particles->middle == "EDWARD");
    CHECK(parseNameFields("LI", "SOFIA")->last == "LI");
    CHECK_FALSE(parseNameFields("", "JOHN").has_value());
    CHECK_FALSE(parseNameFields("SMITH", "12/01/1990").has_value());
}

TEST_CASE("a person's name is told from organisations, headings and sentences", "[domain][text][names]")
{
    for (const char* person : {"CAMILLE HOLLOWAY", "Dmitri M. Garcia", "MICHAEL L. AL-SAYED JR", "Maria de la Cruz",
                               "ESPERANZA R. THOMPSON-BROWN"})
    {
        INFO(person);
        CHECK(personNameLikelihood(person) > 0.6);
        CHECK_FALSE(looksLikeOrganisation(person));
    }
    for (const char* other : {"KEYSTONE ARBOR CREDIT UNION", "RIVERBEND POWER & LIGHT", "Checking Statement",
                              "Account summary", "Local decisions, local people", "Member FDIC", "PO BOX 12",
                              "TRI-COUNTY WATER AUTHORITY", "Statement Date: 10/20/2026", "SMITH",
                              "HALCYON MEDICAL GROUP LLC", "Your electric bill", "DRIVER LICENSE"})
    {
        INFO(other);
        CHECK(personNameLikelihood(other) == 0.0);
    }
    CHECK(looksLikeOrganisation("KEYSTONE ARBOR CREDIT UNION"));
    CHECK(looksLikeOrganisation("Bluestem Logistics Inc"));
    CHECK(looksLikeOrganisation("RIVERBEND POWER & LIGHT"));
}

// ---- labels and values ----------------------------------------------------------------------------------

TEST_CASE("labels are found despite case, punctuation, lost or extra spaces and a letter off", "[domain][text]")
{
    const std::vector<LabelPhrase> labels = {{"date", "STATEMENT DATE", 1}, {"dob", "DATE OF BIRTH", 1},
                                             {"dob", "DOB", 1}, {"due", "DUE DATE", 1}, {"iss", "ISS", 1}};
    struct Case
    {
        const char* line;
        const char* field;  // "" when no label should be found
        bool exact;
    };
    const Case cases[] = {
        {"Statement Date: 10/20/2026", "date", true}, {"STATEMENT DATE 10/20/2026", "date", true},
        {"Statment Date 10/20/2026", "date", false},  {"StatementDate 10/20/2026", "date", false},
        {"State ment Date 10/20/2026", "date", false}, {"Date of Birth 01/02/1990", "dob", true},
        {"DATEOFBIRTH 01/02/1990", "dob", false},      {"D0B 01/02/1990", "dob", false},
        {"3 DOB 01/02/1990", "dob", true},             {"4aISS 01/02/2020", "iss", false},
        {"Due Date 11/19/2026", "due", true},          {"Pay Date 11/19/2026", "", true},
        {"Date 11/19/2026", "", true},                 {"DOBBS FERRY", "", true},
    };
    for (const Case& c : cases)
    {
        INFO(c.line);
        DocumentLayout layout({makePage({{100, 100, c.line}})});
        auto hits = layout.findLabels(labels);
        if (std::string(c.field).empty())
        {
            CHECK(hits.empty());
            continue;
        }
        REQUIRE(hits.size() == 1);
        CHECK(hits[0].label->field == c.field);
        CHECK(hits[0].exact == c.exact);
        auto values = valuesForLabel(layout, hits[0], hits);
        REQUIRE_FALSE(values.empty());
        CHECK(firstDate(values[0].text, today, DateKind::Recent).has_value());
    }
}

TEST_CASE("a label's value is found beside it, to its right or below it in its column", "[domain][text]")
{
    const std::vector<LabelPhrase> labels = {{"date", "STATEMENT DATE", 1}, {"sex", "SEX", 1}, {"dob", "DOB", 1}};
    // To the right on the same row, as a separate line.
    DocumentLayout right({makePage({{1500, 315, "Statement Date", 34}, {1991, 314, "October 29, 2026", 36}})});
    auto hits = right.findLabels(labels);
    REQUIRE(hits.size() == 1);
    auto values = valuesForLabel(right, hits[0], hits);
    REQUIRE_FALSE(values.empty());
    CHECK(values[0].text == "October 29, 2026");
    CHECK(values[0].certainty < 1.0);
    // Below, in the label's column only: the value row holds two columns' values.
    DocumentLayout below({makePage({{400, 450, "DOB SEX", 15}, {400, 475, "05/30/1980 M", 24}}, 1011, 638)});
    hits = below.findLabels(labels);
    REQUIRE(hits.size() == 2);
    auto dob = valuesForLabel(below, hits[0], hits);
    auto sex = valuesForLabel(below, hits[1], hits);
    REQUIRE_FALSE(dob.empty());
    REQUIRE_FALSE(sex.empty());
    CHECK(dob[0].text == "05/30/1980");
    CHECK(sex[0].text == "M");
}

TEST_CASE("document numbers and sexes are read from the start of a value", "[domain][text]")
{
    CHECK(parseDocumentNumber("D1234567").value_or("") == "D1234567");
    CHECK(parseDocumentNumber("123 456 789").value_or("") == "123456789");
    CHECK(parseDocumentNumber("L-123-456-789-012").value_or("") == "L123456789012");
    CHECK(parseDocumentNumber("M 123 456 789 012").value_or("") == "M123456789012");
    CHECK(parseDocumentNumber("$24616360").value_or("") == "S24616360");
    CHECK(parseDocumentNumber("wdlW93KQHZT9 CLASS C").value_or("") == "WDLW93KQHZT9");
    CHECK(parseDocumentNumber("NO. 4559465417").value_or("") == "4559465417");
    CHECK_FALSE(parseDocumentNumber("SMITH").has_value());
    CHECK_FALSE(parseDocumentNumber("12").has_value());
    CHECK(parseSex("M").value_or("") == "M");
    CHECK(parseSex("F 16 HGT").value_or("") == "F");
    CHECK(parseSex("female").value_or("") == "F");
    CHECK(parseSex("X").value_or("") == "X");
    CHECK_FALSE(parseSex("BRO").has_value());
}

// ---- classification -------------------------------------------------------------------------------------

namespace
{

std::string classify(const std::vector<std::string>& texts)
{
    std::vector<PlacedLine> lines;
    int y = 100;
    for (const std::string& t : texts)
    {
        lines.push_back({100, y, t});
        y += 60;
    }
    return classifyDocument(DocumentLayout({makePage(lines)})).documentType;
}

} // namespace

TEST_CASE("documents are classified by their cues, whatever their layout", "[domain][text][classify]")
{
    struct Case
    {
        const char* expected;
        std::vector<std::string> lines;
    };
    const std::vector<Case> cases = {
        {"drivers_license", {"CALIFORNIA", "DRIVER LICENSE", "DL D1234567", "DOB 01/02/1990", "EXP 01/02/2030"}},
        {"drivers_license", {"State of Ohio DRIVER'S LICENSE", "4d DLN LV172873", "3 DOB 11/01/2004", "9 CLASS D"}},
        {"drivers_license", {"CLASS C: Any single vehicle", "ENDORSEMENTS: NONE RESTRICTIONS: NONE"}},
        {"drivers_license", {"State of Massachuseetser ticense", "1 SMITH", "2 JOHN", "4b EXP 08/18/2029 RESTR B"}},
        {"state_id", {"ARIZONA - ID CARD", "ID P63642056", "DOB 12/24/2003", "SEX F"}},
        {"state_id", {"STATE OF CONNECTICUT IDENTIFICATION CARD", "LN SMITH", "FN JOHN", "DOB 10/29/1954"}},
        {"state_id", {"THIS CARD IS NOT A LICENSE TO DRIVE", "Report address changes at dmv.example.gov"}},
        {"state_id", {"State of Alabamaentirication carp", "3 DOB 10/26/1986", "15 SEX F"}},
        {"state_id", {"PENN VANIA SAmication CARD", "1 OKAFOR", "3 DOB 12-03-1952", "4b EXP 12-03-2028"}},
        {"passport", {"UNITED STATES OF AMERICA PASSPORT", "Surname SMITH", "Given Names JOHN", "Nationality USA"}},
        {"passport", {"P<USASMITH<<JOHN<ALAN<<<<<<<<<<<<<<<<<<<<<<<<<"}},
        {"bank_statement", {"GRANITE RIDGE FEDERAL CREDIT UNION", "Statement period 09/21/2026 - 10/20/2026",
                            "Beginning balance $6,415.79", "Deposits and other credits", "Ending balance $9,412.54"}},
        {"bank_statement", {"Checking Statement", "Account summary", "Withdrawals and other debits", "Member FDIC"}},
        {"bank_statement", {"Checking Statement", "DEBIT CARD PURCHASE 10/02 GROCER", "CARD ENDING 4411 EXP 09/28",
                            "Ending balance $1,204.10"}},
        {"utility_bill", {"RIVERBEND POWER & LIGHT", "Bill Date October 13, 2026", "Amount Due $105.13",
                          "Service address", "Usage 376 kWh"}},
        {"utility_bill", {"Your natural gas bill", "Due Date Nov 17, 2026", "Usage 69 therms", "Current charges"}},
        {"payroll_statement", {"EARNINGS STATEMENT", "Pay Date 09-27-2026", "Gross Pay $948.80", "Net Pay $700.10",
                               "Deductions", "Federal Income Tax", "Year to date"}},
        {"payroll_statement", {"Pay Stub", "Check Date SEP 28 2026", "Pay Period Start", "Gross earnings", "Net pay"}},
        {"unknown", {"Dear customer,", "Thank you for your letter of last week.", "Sincerely,"}},
        {"unknown", {"FAX COVER SHEET", "TO: Help desk", "FROM: 555 0100", "PAGES: 3"}},
        {"unknown", {}},
    };
    for (const Case& c : cases)
    {
        INFO(c.expected << ": " << (c.lines.empty() ? std::string("(empty)") : c.lines.front()));
        CHECK(classify(c.lines) == c.expected);
    }
}

TEST_CASE("a bank statement listing payroll deposits and utility payments stays a bank statement",
          "[domain][text][classify]")
{
    CHECK(classify({"BLUE HERON SAVINGS BANK", "Statement Date 10/20/2026", "Beginning balance", "Ending balance",
                    "PAYROLL DEPOSIT $1,200.00", "UTILITY AUTOPAY -$80.00", "INSURANCE PREMIUM", "ATM WITHDRAWAL",
                    "Withdrawals and other debits"}) == "bank_statement");
}

// ---- robustness -----------------------------------------------------------------------------------------

TEST_CASE("text helpers never throw or crash on hostile text", "[domain][text]")
{
    std::mt19937 random(7);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 80);
    const std::string pieces[] = {"/", "-", " ", "0", "O", "1", "l", "JUN", "#", "APT", "PO BOX", ",", "\xE2\x80\x99",
                                  "\xC3", "9", "TX", "\x00", "$", "<<", "DOB"};
    for (int i = 0; i < 3000; ++i)
    {
        std::string text;
        int n = length(random);
        for (int k = 0; k < n; ++k)
        {
            if (random() % 3 == 0)
                text += static_cast<char>(byte(random));
            else
                text += pieces[random() % std::size(pieces)];
        }
        CHECK_NOTHROW(findDates(text, today, DateKind::Past));
        CHECK_NOTHROW(parseCityStateZip(text));
        CHECK_NOTHROW(parseStreetLine(text));
        CHECK_NOTHROW(parseUnitLine(text));
        CHECK_NOTHROW(parsePersonName(text));
        CHECK_NOTHROW(personNameLikelihood(text));
        CHECK_NOTHROW(findStateNameTolerant(text));
        CHECK_NOTHROW(postalCode(text));
        CHECK_NOTHROW(parseDocumentNumber(text));
    }
}

TEST_CASE("the head of a line that OCR ran into the next column", "[domain][text][address]")
{
    std::size_t used = 0;
    auto city = parseCityStateZipPrefix("CHARLOTTE NC 28250-3900 Service period Sep 27, 2026 - Oct 27, 2026", used);
    REQUIRE(city);
    CHECK(city->city == "CHARLOTTE");
    CHECK(city->postalCode == "28250-3900");
    CHECK(used == 3);
    auto street = parseStreetPrefix("27372 S MILL POND DR STE 1845 27372 S MILL POND DR STE 1845", used);
    REQUIRE(street);
    CHECK(street->line1 == "27372 S MILL POND DR");
    CHECK(street->line2 == "STE 1845");
    CHECK(used == 7);
    street = parseStreetPrefix("392 University Lane Northwest", used);
    REQUIRE(street);
    CHECK(street->line1 == "392 UNIVERSITY LN NW");
    CHECK(used == 4);
    street = parseStreetPrefix("PO BOX 12 Account 44-1234", used);
    REQUIRE(street);
    CHECK(street->line1 == "PO BOX 12");
    // A street without a suffix is no complete head: the caller reads the whole line instead.
    CHECK_FALSE(parseStreetPrefix("123 Broadway", used).has_value());
    CHECK_FALSE(parseCityStateZipPrefix("Account summary 12345", used).has_value());
}

TEST_CASE("OCR's rn for m does not hide a label", "[domain][text]")
{
    DocumentLayout layout({makePage({{100, 100, "Sumame / Nom / Apellidos"}})});
    auto hits = layout.findLabels({{"surname", "SURNAME", 1}});
    REQUIRE(hits.size() == 1);
    CHECK_FALSE(hits[0].exact);
}

TEST_CASE("a line OCR broke into pieces is read whole; separate columns stay apart", "[domain][text]")
{
    // "BALTIMORE MD" and "21285" a word space apart: one line.
    DocumentLayout broken({makePage({{300, 744, "BALTIMORE MD", 40}, {600, 744, "21285", 40}})});
    REQUIRE(broken.lines().size() == 1);
    CHECK(broken.lines()[0].text == "BALTIMORE MD 21285");
    // Two columns far apart: two lines.
    DocumentLayout columns({makePage({{300, 744, "BALTIMORE MD 21285", 40}, {1500, 744, "Due Date", 40}})});
    CHECK(columns.lines().size() == 2);
}
