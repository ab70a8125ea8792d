#include "proofdesk/domain/TextDocumentParser.h"

#include <catch2/catch.hpp>

#include "domain/TextPageBuilder.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <random>

using namespace proofdesk;
using namespace proofdesk::test;
using namespace std::chrono;

// All people, addresses, issuers and numbers here are synthetic.

namespace
{

const sys_days today = sys_days{2026y / November / 1};

Extraction read(const std::vector<PlacedLine>& lines, FieldSource source = FieldSource::PdfText)
{
    return parseTextDocument({makePage(lines)}, source, today);
}

Extraction readCard(const std::vector<PlacedLine>& lines, FieldSource source = FieldSource::Ocr)
{
    return parseTextDocument({makeCard(lines)}, source, today);
}

std::string value(const Extraction& e, const std::string& field)
{
    auto it = e.fields.find(field);
    return it == e.fields.end() ? std::string() : it->second.value;
}

double confidence(const Extraction& e, const std::string& field)
{
    auto it = e.fields.find(field);
    return it == e.fields.end() ? 0.0 : it->second.confidence;
}

bool hasNote(const Extraction& e, const std::string& part)
{
    for (const std::string& note : e.notes)
        if (note.find(part) != std::string::npos)
            return true;
    return false;
}

void checkFields(const Extraction& e, const std::map<std::string, std::string>& expected)
{
    for (const auto& [field, want] : expected)
    {
        INFO("field " << field);
        CHECK(value(e, field) == want);
    }
}

// Every field is a contract field with a confidence in 0..1, the given source and a region on a page.
void checkContract(const Extraction& e, FieldSource source)
{
    static const std::vector<std::string> names = extractionFieldNames();
    for (const auto& [field, f] : e.fields)
    {
        INFO("field " << field);
        CHECK(std::find(names.begin(), names.end(), field) != names.end());
        CHECK(f.confidence > 0.0);
        CHECK(f.confidence <= 1.0);
        CHECK(f.source == source);
        CHECK_FALSE(f.regions.empty());
        CHECK_FALSE(f.value.empty());
    }
}

// A bank statement in the classic window-envelope layout; the pieces a test varies are parameters.
std::vector<PlacedLine> windowStatement(const std::string& dateLabel, const std::string& date,
                                        std::vector<PlacedLine> recipient = {})
{
    if (recipient.empty())
        recipient = {{300, 660, "CAMILLE A. HOLLOWAY", 40},
                     {300, 712, "952 SYCAMORE CT", 40},
                     {300, 764, "BATON ROUGE LA 70883-1204", 40}};
    std::vector<PlacedLine> lines = {
        {225, 210, "Keystone Arbor Credit Union", 64},
        {225, 290, "Federally insured by NCUA", 26},
        {225, 400, "P.O. Box 86614", 32},
        {225, 442, "Sacramento, CA 95850", 32},
        {1500, 240, dateLabel, 33},
        {2000, 240, date, 35},
        {1500, 310, "Account Number", 33},
        {2050, 310, "XXXXXX5849", 35},
        {225, 1100, "Account summary", 36},
        {225, 1160, "Beginning balance", 36},
        {1800, 1160, "$6,415.79", 36},
        {225, 1220, "Deposits and other credits", 36},
        {225, 1280, "Withdrawals and other debits", 36},
        {225, 1340, "Ending balance", 36},
        {225, 3140, "KEYSTONE ARBOR CREDIT UNION", 28},
        {2100, 3140, "Page 1 of 1", 28},
    };
    lines.insert(lines.end(), recipient.begin(), recipient.end());
    return lines;
}

} // namespace

// ---- statements -----------------------------------------------------------------------------------------

TEST_CASE("a bank statement: recipient in the window, statement date, issuer", "[domain][text][statement]")
{
    Extraction e = read(windowStatement("Statement Date", "10/20/2026"));
    CHECK(e.documentType == "bank_statement");
    CHECK(e.pages == 1);
    checkFields(e, {{"first_name", "CAMILLE"},
                    {"middle_name", "A"},
                    {"last_name", "HOLLOWAY"},
                    {"address_line1", "952 SYCAMORE CT"},
                    {"address_line2", ""},
                    {"city", "BATON ROUGE"},
                    {"state", "LA"},
                    {"postal_code", "70883-1204"},
                    {"statement_date", "2026-10-20"},
                    {"issuer_name", "KEYSTONE ARBOR CREDIT UNION"}});
    CHECK(e.fields.count("date_of_birth") == 0);
    checkContract(e, FieldSource::PdfText);
    // The regions are the lines the values came from.
    const Region& zip = e.fields.at("postal_code").regions.at(0);
    CHECK(zip.x == 300);
    CHECK(zip.y == 764);
    CHECK(e.fields.at("statement_date").regions.at(0).x == 2000);
    // The issuer's own address (under its logo) is not the recipient's.
    CHECK(value(e, "city") != "SACRAMENTO");
}

TEST_CASE("every statement date label and date format gives the statement date", "[domain][text][statement]")
{
    struct Case
    {
        const char* label;
        const char* date;
        const char* iso;
    };
    const Case cases[] = {
        {"Statement Date", "10/20/2026", "2026-10-20"},
        {"Statement date:", "10/20/2026", "2026-10-20"},
        {"Statement Closing Date", "Oct 20, 2026", "2026-10-20"},
        {"Closing Date", "October 20, 2026", "2026-10-20"},
        {"Statement Period", "09/21/2026 - 10/20/2026", "2026-10-20"},
        {"Statement period", "21-Sep-2026 to 20-Oct-2026", "2026-10-20"},
        {"Statement Period", "Sep 21, 2026 through Oct 20, 2026", "2026-10-20"},
        {"Period Ending", "2026-10-20", "2026-10-20"},
        {"Statement Date", "10/20/26", "2026-10-20"},
        {"Statement Date", "OCT 20 2026", "2026-10-20"},
        {"Statement Date", "20 Oct 2026", "2026-10-20"},
        {"Statement Date", "10-20-2026", "2026-10-20"},
        {"Statment Date", "10/20/2026", "2026-10-20"},  // a letter lost to OCR
    };
    for (const Case& c : cases)
    {
        INFO(c.label << " " << c.date);
        Extraction e = read(windowStatement(c.label, c.date));
        CHECK(value(e, "statement_date") == c.iso);
    }
}

TEST_CASE("a label with its date on the same line, and a due date that is not the statement date",
          "[domain][text][statement]")
{
    std::vector<PlacedLine> lines = {
        {1755, 186, "Date of Bill: Sep 25, 2026", 40},
        {225, 206, "Cascade Valley Electric Cooperative", 58},
        {1921, 246, "Account: 9036 43958", 38},
        {225, 476, "Amount due", 42},
        {1041, 476, "Payment due by", 42},
        {225, 534, "$124.96", 75},
        {1041, 547, "Oct 23, 2026", 58},
        {225, 753, "Your electric bill", 50},
        {1500, 801, "CURTIS B KIM", 42},
        {1500, 853, "276 FOXGLOVE CIR", 42},
        {1500, 905, "PEORIA IL 61630-4809", 42},
        {237, 1342, "Usage 744 kWh", 36},
        {237, 1400, "Basic service charge", 36},
        {225, 3144, "CASCADE VALLEY ELECTRIC COOPERATIVE", 30},
    };
    Extraction e = read(lines);
    CHECK(e.documentType == "utility_bill");
    checkFields(e, {{"statement_date", "2026-09-25"},
                    {"issuer_name", "CASCADE VALLEY ELECTRIC COOPERATIVE"},
                    {"first_name", "CURTIS"},
                    {"middle_name", "B"},
                    {"last_name", "KIM"},
                    {"address_line1", "276 FOXGLOVE CIR"},
                    {"city", "PEORIA"},
                    {"state", "IL"},
                    {"postal_code", "61630-4809"}});
}

TEST_CASE("a utility bill: the remittance stub's company address is not the customer's", "[domain][text][statement]")
{
    std::vector<PlacedLine> lines = {
        {378, 216, "TRI-COUNTY WATER AUTHORITY", 58},
        {1500, 240, "Account Number", 33},
        {2103, 239, "535559985", 35},
        {1500, 315, "Bill Date", 33},
        {1991, 314, "October 29, 2026", 35},
        {1500, 390, "Due Date", 33},
        {1951, 389, "November 19, 2026", 35},
        {1500, 465, "Amount Due", 33},
        {300, 634, "MICHAEL L. AL-SAYED JR", 41},
        {1458, 642, "Service address", 31},
        {300, 689, "4363 HICKORY CT", 41},
        {1458, 690, "4363 HICKORY CT", 33},
        {300, 744, "BALTIMORE MD 21285", 41},
        {237, 1093, "Usage 5,613 gallons", 33},
        {888, 2368, "Please detach and return this portion with your payment", 29},
        {225, 2472, "TRI-COUNTY WATER AUTHORITY", 35},
        {300, 2762, "MICHAEL L. AL-SAYED", 37},
        {1541, 2765, "TRI-COUNTY WATER AUTHORITY", 33},
        {300, 2812, "4363 HICKORY CT", 37},
        {1541, 2815, "4496 33RD AVE", 33},
        {300, 2861, "BALTIMORE, MD 21285", 37},
        {1541, 2865, "SPOKANE WA 99281", 33},
    };
    Extraction e = read(lines);
    CHECK(e.documentType == "utility_bill");
    checkFields(e, {{"first_name", "MICHAEL"},
                    {"middle_name", "L"},
                    {"last_name", "AL-SAYED"},
                    {"address_line1", "4363 HICKORY CT"},
                    {"city", "BALTIMORE"},
                    {"state", "MD"},
                    {"postal_code", "21285"},
                    {"statement_date", "2026-10-29"},
                    {"issuer_name", "TRI-COUNTY WATER AUTHORITY"}});
    // The suffix is not lost: it is in the notes.
    CHECK(hasNote(e, "suffix JR"));
    // The same address printed twice (window and stub) is more certain than once.
    Extraction once = read(std::vector<PlacedLine>(lines.begin(), lines.begin() + 15));
    CHECK(confidence(e, "address_line1") > confidence(once, "address_line1"));
}

TEST_CASE("a recipient block anywhere on the page, with a unit line, a PO box or a unit on the street line",
          "[domain][text][statement]")
{
    struct Case
    {
        std::vector<PlacedLine> block;
        std::map<std::string, std::string> expected;
    };
    const std::vector<Case> cases = {
        // right-hand side, unit on its own line
        {{{1416, 469, "Esperanza R. Thompson-Brown", 40},
          {1416, 521, "199 Washington Parkway", 40},
          {1416, 573, "Apartment C", 40},
          {1416, 625, "Milwaukee, WI 53207", 40}},
         {{"first_name", "ESPERANZA"},
          {"middle_name", "R"},
          {"last_name", "THOMPSON-BROWN"},
          {"address_line1", "199 WASHINGTON PKWY"},
          {"address_line2", "APT C"},
          {"city", "MILWAUKEE"},
          {"state", "WI"},
          {"postal_code", "53207"}}},
        // lower on the page, unit on the street line, mixed case with a period
        {{{300, 1700, "Mohammed Michael Abernathy-Kapoor III", 40},
          {300, 1752, "5095 Dogwood Dr., Rm E", 40},
          {300, 1804, "Colorado Springs, CO 80917", 40}},
         {{"first_name", "MOHAMMED"},
          {"middle_name", "MICHAEL"},
          {"last_name", "ABERNATHY-KAPOOR"},
          {"address_line1", "5095 DOGWOOD DR"},
          {"address_line2", "RM E"},
          {"city", "COLORADO SPRINGS"},
          {"state", "CO"}}},
        // a PO box and ZIP+4
        {{{300, 660, "OLUWASEUN LOPEZ-FITZGERALD", 40},
          {300, 712, "PO Box 42652", 40},
          {300, 764, "Dallas, TX 75270-4850", 40}},
         {{"first_name", "OLUWASEUN"},
          {"middle_name", ""},
          {"last_name", "LOPEZ-FITZGERALD"},
          {"address_line1", "PO BOX 42652"},
          {"address_line2", ""},
          {"city", "DALLAS"},
          {"postal_code", "75270-4850"}}},
        // a "Prepared for" lead and an IMB endorsement line above the name
        {{{266, 600, "*****AUTO**5-DIGIT 75287", 28},
          {266, 640, "Prepared for", 30},
          {266, 690, "Dmitri M. Garcia", 40},
          {266, 742, "159 Adams Crossing", 40},
          {266, 794, "Dallas TX 75287", 40}},
         {{"first_name", "DMITRI"},
          {"middle_name", "M"},
          {"last_name", "GARCIA"},
          {"address_line1", "159 ADAMS XING"},
          {"postal_code", "75287"}}},
        // family name first, with a comma
        {{{300, 660, "DE LA CRUZ, MARIA JOSE", 40},
          {300, 712, "1200 North Maple Street, #12", 40},
          {300, 764, "Santa Fe, New Mexico 87501", 40}},
         {{"first_name", "MARIA"},
          {"middle_name", "JOSE"},
          {"last_name", "DE LA CRUZ"},
          {"address_line1", "1200 N MAPLE ST"},
          {"address_line2", "# 12"},
          {"state", "NM"}}},
    };
    for (std::size_t i = 0; i < cases.size(); ++i)
    {
        INFO("case " << i);
        Extraction e = read(windowStatement("Statement Date", "10/20/2026", cases[i].block));
        checkFields(e, cases[i].expected);
        CHECK(value(e, "issuer_name") == "KEYSTONE ARBOR CREDIT UNION");
    }
}

TEST_CASE("joint holders: the first name is the recipient's, the second is noted", "[domain][text][statement]")
{
    Extraction e = read(windowStatement("Statement Date", "10/20/2026",
                                        {{300, 608, "JOHN Q PUBLIC", 40},
                                         {300, 660, "JANE R PUBLIC", 40},
                                         {300, 712, "952 SYCAMORE CT", 40},
                                         {300, 764, "BATON ROUGE LA 70883", 40}}));
    checkFields(e, {{"first_name", "JOHN"}, {"middle_name", "Q"}, {"last_name", "PUBLIC"}, {"city", "BATON ROUGE"}});
    CHECK(hasNote(e, "JANE R PUBLIC"));
}

TEST_CASE("an issuer whose logo is a picture: its name in the footer", "[domain][text][statement]")
{
    std::vector<PlacedLine> lines = windowStatement("Statement Date", "10/20/2026");
    lines.erase(lines.begin(), lines.begin() + 2);  // no logo text, no tag line
    Extraction e = read(lines);
    CHECK(value(e, "issuer_name") == "KEYSTONE ARBOR CREDIT UNION");
    CHECK(confidence(e, "issuer_name") < 0.9);
}

TEST_CASE("a logo's mark read before the issuer's name is left out of it", "[domain][text][statement]")
{
    // Phone photos: the mark beside the name reads as two letters with a bracket, or as a stop.
    const char* const logos[] = {"CR] Keystone Arbor Credit Union", "(O Keystone Arbor Credit Union",
                                 ".Keystone Arbor Credit Union", "|| Keystone Arbor Credit Union"};
    for (const char* logo : logos)
    {
        std::vector<PlacedLine> lines = windowStatement("Statement Date", "10/20/2026");
        lines.at(0).text = logo;
        Extraction e = read(lines);
        INFO(logo);
        CHECK(value(e, "issuer_name") == "KEYSTONE ARBOR CREDIT UNION");
    }
    // A name whose first word is two letters keeps it.
    std::vector<PlacedLine> lines = windowStatement("Statement Date", "10/20/2026");
    lines.at(0).text = "TD Arbor Credit Union";
    for (PlacedLine& line : lines)
        if (line.text == "KEYSTONE ARBOR CREDIT UNION") // the footer
            line.text = "TD ARBOR CREDIT UNION";
    CHECK(value(read(lines), "issuer_name") == "TD ARBOR CREDIT UNION");
}

TEST_CASE("a label whose value OCR garbled, printed larger than the name, is not the issuer",
          "[domain][text][statement]")
{
    // "Period Beginning" read from a phone photo, its glyph boxes taller than the logo's.
    Extraction e = read({{225, 200, "REDFERN RETAIL GROUP", 40},
                         {1500, 200, "Earnings Statement", 44},
                         {225, 260, "Virginia Beach, VA 23440", 30},
                         {1500, 260, "Period Hegiaiag eensners", 90},
                         {1500, 330, "Period Ending 09/07/2026", 30},
                         {1500, 380, "Pay date: 09/13/2026", 30},
                         {225, 500, "Employee ID 51734", 30},
                         {300, 660, "ISABELLA MCALLISTER", 36},
                         {300, 712, "4546 UNION WAY", 36},
                         {300, 764, "HOUSTON TX 77086", 36},
                         {225, 1000, "Earnings Rate Hours This period Year to date", 30},
                         {225, 1060, "Gross Pay $1,610.80", 30},
                         {225, 1200, "Deductions This period", 30},
                         {225, 1400, "Net Pay $1,202.98", 36}});
    CHECK(e.documentType == "payroll_statement");
    CHECK(value(e, "issuer_name") == "REDFERN RETAIL GROUP");
}

TEST_CASE("the issuer's return address at the top and a remit-to address are never the recipient's",
          "[domain][text][statement]")
{
    // Only company addresses: no recipient is reported rather than a wrong one.
    std::vector<PlacedLine> lines = {
        {225, 150, "PRAIRIE LANTERN BANK", 64},
        {225, 230, "1 Bank Plaza", 32},
        {225, 270, "Topeka, KS 66601", 32},
        {1500, 240, "Statement Date", 33},
        {2000, 240, "10/20/2026", 35},
        {225, 1100, "Beginning balance", 36},
        {225, 1160, "Ending balance", 36},
        {225, 2600, "Remit to:", 30},
        {225, 2640, "PRAIRIE LANTERN BANK", 30},
        {225, 2680, "PO Box 4411", 30},
        {225, 2720, "Wichita, KS 67201", 30},
    };
    Extraction e = read(lines);
    CHECK(e.documentType == "bank_statement");
    CHECK(value(e, "city").empty());
    CHECK(value(e, "last_name").empty());
    CHECK(value(e, "issuer_name") == "PRAIRIE LANTERN BANK");
    // With a recipient added, the recipient is chosen.
    lines.push_back({300, 700, "ROBERT N. KOWALSKI", 40});
    lines.push_back({300, 752, "147 Adams Ave", 40});
    lines.push_back({300, 804, "Albany, NY 12226-1036", 40});
    e = read(lines);
    checkFields(e, {{"last_name", "KOWALSKI"}, {"city", "ALBANY"}, {"address_line1", "147 ADAMS AVE"}});
}

TEST_CASE("payroll statements: pay or check date, not the period's dates; the employer, not the title",
          "[domain][text][statement]")
{
    std::vector<PlacedLine> lines = {
        {1516, 205, "EARNINGS STATEMENT", 58},
        {225, 208, "SAFFRON BAKERY COOPERATIVE", 54},
        {225, 278, "26323 Cedar Street", 33},
        {225, 320, "Peoria, IL 61692", 33},
        {1583, 323, "Period Beginning", 35},
        {2098, 323, "09-07-2026", 35},
        {1583, 377, "Period Ending", 35},
        {2098, 377, "09-21-2026", 35},
        {1583, 431, "Check Date", 35},
        {2098, 431, "09-27-2026", 35},
        {225, 506, "Employee ID 928611 SSN XXX-XX-1038", 35},
        {1375, 635, "Grace Kim", 41},
        {1375, 687, "5095 DOGWOOD DR RM E", 41},
        {1375, 739, "COLORADO SPRINGS CO 80917", 41},
        {237, 975, "Earnings", 35},
        {237, 1149, "Gross Pay", 35},
        {237, 1284, "Deductions", 35},
        {237, 1344, "Federal Income Tax", 35},
        {237, 1600, "Net Pay", 40},
        {225, 2300, "SAFFRON BAKERY COOPERATIVE", 35},
        {1900, 2300, "Check Date: 09-27-2026", 35},
    };
    Extraction e = read(lines);
    CHECK(e.documentType == "payroll_statement");
    checkFields(e, {{"statement_date", "2026-09-27"},
                    {"issuer_name", "SAFFRON BAKERY COOPERATIVE"},
                    {"first_name", "GRACE"},
                    {"last_name", "KIM"},
                    {"address_line1", "5095 DOGWOOD DR"},
                    {"address_line2", "RM E"},
                    {"city", "COLORADO SPRINGS"}});
    // The employer's address under its name is not the employee's.
    CHECK(value(e, "city") != "PEORIA");
    // Two agreeing "Check Date" readings: no disagreement noted.
    CHECK_FALSE(hasNote(e, "statement_date"));
}

TEST_CASE("a payroll grid: the employee's name in a table cell, the pay date below its header",
          "[domain][text][statement]")
{
    std::vector<PlacedLine> lines = {
        {225, 230, "COUNTY OF WESTBROOK", 54},
        {225, 290, "500 Civic Center Dr", 33},
        {225, 330, "Springfield, IL 62701", 33},
        {1900, 230, "PAY STATEMENT", 54},
        {237, 475, "Employee", 35},
        {1030, 475, "Pay Date", 35},
        {1400, 475, "Pay period", 35},
        {237, 530, "ABERNATHY-KAPOOR III, MOHAMMED M", 35},
        {1030, 530, "10/20/2026", 35},
        {1400, 530, "10/01/2026 - 10/14/2026", 35},
        {237, 700, "Earnings", 35},
        {237, 760, "Regular pay", 35},
        {237, 900, "Gross $1,000.00 Deductions $200.00 Net pay $800.00", 40},
        {225, 2300, "TO THE ORDER OF", 30},
        {300, 2360, "MOHAMMED M ABERNATHY-KAPOOR", 41},
        {300, 2412, "17 Cedar Ln", 41},
        {300, 2464, "Springfield, IL 62704", 41},
    };
    Extraction e = read(lines);
    CHECK(e.documentType == "payroll_statement");
    checkFields(e, {{"statement_date", "2026-10-20"},
                    {"issuer_name", "COUNTY OF WESTBROOK"},
                    {"first_name", "MOHAMMED"},
                    {"middle_name", "M"},
                    {"last_name", "ABERNATHY-KAPOOR"},
                    {"address_line1", "17 CEDAR LN"},
                    {"postal_code", "62704"}});
}

TEST_CASE("disagreeing statement dates are both reported: the value chosen, the other in the notes",
          "[domain][text][statement]")
{
    std::vector<PlacedLine> lines = windowStatement("Statement Date", "10/20/2026");
    lines.push_back({1500, 380, "Closing Date", 33});
    lines.push_back({2000, 380, "10/21/2026", 35});
    Extraction e = read(lines);
    CHECK(value(e, "statement_date") == "2026-10-20");
    CHECK(hasNote(e, "2026-10-21"));
    Extraction agreeing = read(windowStatement("Statement Date", "10/20/2026"));
    CHECK(confidence(e, "statement_date") < confidence(agreeing, "statement_date"));
}

TEST_CASE("OCR noise: look-alikes in state and ZIP, a lost space, low line confidence", "[domain][text][ocr]")
{
    std::vector<PlacedLine> recipient = {{300, 660, "DMITRI M. GARCIA", 40, 0.9f},
                                         {300, 712, "l59 ADAMS XING APT4B", 40, 0.8f},
                                         {300, 764, "C0LUMBUS, 0H 4321O", 40, 0.7f}};
    std::vector<PlacedLine> lines = windowStatement("Statement Date", "1O/2O/2026", recipient);
    Extraction e = parseTextDocument({makePage(lines)}, FieldSource::Ocr, today);
    checkFields(e, {{"address_line1", "159 ADAMS XING"},
                    {"address_line2", "APT 4B"},
                    {"city", "COLUMBUS"},
                    {"state", "OH"},
                    {"postal_code", "43210"},
                    {"statement_date", "2026-10-20"},
                    {"last_name", "GARCIA"}});
    checkContract(e, FieldSource::Ocr);
    // Noisy lines and repaired characters lower the confidence; nothing is dropped for it.
    Extraction clean = read(windowStatement("Statement Date", "10/20/2026"));
    CHECK(confidence(e, "postal_code") < confidence(clean, "postal_code"));
    CHECK(confidence(e, "postal_code") <= 0.7);
    CHECK(confidence(e, "statement_date") < confidence(clean, "statement_date"));
}

TEST_CASE("OCR that runs the columns of a row together: the address block is read from the lines' heads",
          "[domain][text][ocr]")
{
    std::vector<PlacedLine> lines = {
        {225, 182, "BLUE MESA GAS COMPANY Account Number 8664104667", 49, 0.9f},
        {1502, 314, "Statement Date Oct 28, 2026", 29, 0.95f},
        {1503, 389, "Due Date Nov 17, 2026", 29, 0.95f},
        {301, 634, "THOMAS B THOMPSON Service address", 32, 0.94f},
        {301, 688, "27372 S MILL POND DR STE 1845 27372 S MILL POND DR STE 1845", 32, 0.95f},
        {302, 743, "CHARLOTTE NC 28250-3900 Service period Sep 27, 2026 - Oct 27, 2026", 27, 0.96f},
        {241, 1036, "Basic service charge $33.07", 31, 0.96f},
        {241, 1092, "Usage 69 therms $82.80", 31, 0.95f},
        {228, 2472, "BLUE MESA GAS COMPANY Amount enclosed $", 29, 0.95f},
        {301, 2762, "THOMAS B THOMPSON BLUE MESA GAS COMPANY", 27, 0.95f},
        {301, 2811, "27372 S MILL POND DR STE 1845 619 MAGNOLIA LN", 29, 0.95f},
        {302, 2861, "CHARLOTTE NC 28250-3900 COEUR D'ALENE VIEW WA 99066", 27, 0.96f},
    };
    // Pages as wide as the text: the box widths are the joined lines' widths.
    TextPage page = makePage(lines);
    for (TextLine& line : page.lines)
        line.box.width = std::max(line.box.width, 1700);
    Extraction e = parseTextDocument({page}, FieldSource::Ocr, today);
    CHECK(e.documentType == "utility_bill");
    checkFields(e, {{"first_name", "THOMAS"},
                    {"middle_name", "B"},
                    {"last_name", "THOMPSON"},
                    {"address_line1", "27372 S MILL POND DR"},
                    {"address_line2", "STE 1845"},
                    {"city", "CHARLOTTE"},
                    {"state", "NC"},
                    {"postal_code", "28250-3900"},
                    {"statement_date", "2026-10-28"},
                    {"issuer_name", "BLUE MESA GAS COMPANY"}});
    // Read from the heads of joined lines: less sure than from clean lines.
    CHECK(confidence(e, "postal_code") < 0.85);
}

TEST_CASE("lines given in any order are read the same", "[domain][text]")
{
    std::vector<PlacedLine> lines = windowStatement("Statement Date", "10/20/2026");
    Extraction ordered = read(lines);
    std::mt19937 random(3);
    std::shuffle(lines.begin(), lines.end(), random);
    Extraction shuffled = read(lines);
    for (const auto& [field, f] : ordered.fields)
    {
        INFO(field);
        CHECK(value(shuffled, field) == f.value);
    }
}

TEST_CASE("a second page is counted and a multi-page statement still reads from its first page",
          "[domain][text][statement]")
{
    TextPage first = makePage(windowStatement("Statement Date", "10/20/2026"));
    TextPage second = makePage({{225, 60, "KEYSTONE ARBOR CREDIT UNION", 40},
                                {225, 120, "CAMILLE A. HOLLOWAY - Account ending 5849", 30},
                                {225, 200, "09/30 COFFEE CORNER -$4.50", 30}},
                               2550, 3300, 1);
    Extraction e = parseTextDocument({first, second}, FieldSource::PdfText, today);
    CHECK(e.pages == 2);
    CHECK(value(e, "statement_date") == "2026-10-20");
    CHECK(value(e, "city") == "BATON ROUGE");
}

// ---- licenses and ID cards -------------------------------------------------------------------------------

TEST_CASE("an AAMVA-style license front: numbered fields", "[domain][text][card]")
{
    Extraction e = readCard({
        {51, 45, "State of Ohio", 44},
        {600, 45, "DRIVER LICENSE", 30},
        {357, 152, "4d DLN LV172873", 26},
        {357, 197, "3 DOB 11/01/2004", 28},
        {358, 246, "1 KIM JR", 26},
        {357, 288, "2 PRIYA ANN", 26},
        {357, 336, "8 10642 LINCOLN AVE", 20},
        {383, 369, "BLDG E", 20},
        {382, 402, "COLUMBUS, OH 43285", 20},
        {357, 447, "4a ISS 07/12/2025 4b EXP 11/01/2033", 16},
        {358, 490, "15 SEX F 16 HGT 5'-06\" 18 EYES GRY 9 CLASS D", 14},
        {39, 521, "5 DD 9AHE3B8H796CRRB", 17},
    });
    CHECK(e.documentType == "drivers_license");
    checkFields(e, {{"first_name", "PRIYA"},
                    {"middle_name", "ANN"},
                    {"last_name", "KIM"},
                    {"date_of_birth", "2004-11-01"},
                    {"issue_date", "2025-07-12"},
                    {"expiration_date", "2033-11-01"},
                    {"document_number", "LV172873"},
                    {"address_line1", "10642 LINCOLN AVE"},
                    {"address_line2", "BLDG E"},
                    {"city", "COLUMBUS"},
                    {"state", "OH"},
                    {"postal_code", "43285"},
                    {"sex", "F"},
                    {"issuing_authority", "OH"}});
    CHECK(hasNote(e, "suffix JR"));
    checkContract(e, FieldSource::Ocr);
}

TEST_CASE("card fronts in other layouts: LN/FN, stacked labels, a NAME line", "[domain][text][card]")
{
    struct Case
    {
        const char* what;
        std::vector<PlacedLine> lines;
        std::map<std::string, std::string> expected;
    };
    const std::vector<Case> cases = {
        {"compact inline, ID card",
         {{321, 62, "ARIZONA - ID CARD", 26},
          {74, 149, "ID P63642056", 23},
          {74, 190, "LN MARTINEZ", 23},
          {74, 232, "FN CAMILLE B", 23},
          {131, 278, "329 E SCHOOL PL # C", 19},
          {132, 311, "FLAGSTAFF AZ 86082", 19},
          {74, 356, "DOB 12/24/2003 EXP 12/24/2028 ISS 03/05/2023", 21},
          {73, 399, "SEX F EYES GRY HGT 6'4\"", 19}},
         {{"document_type", "state_id"},
          {"first_name", "CAMILLE"},
          {"middle_name", "B"},
          {"last_name", "MARTINEZ"},
          {"document_number", "P63642056"},
          {"address_line1", "329 E SCHOOL PL"},
          {"address_line2", "# C"},
          {"date_of_birth", "2003-12-24"},
          {"expiration_date", "2028-12-24"},
          {"issue_date", "2023-03-05"},
          {"sex", "F"},
          {"issuing_authority", "AZ"}}},
        {"stacked labels; a value a pixel left of its label; tall values whose boxes start level with their labels",
         {{74, 71, "WASHINGTON", 42},
          {852, 69, "USA", 40},
          {409, 142, "DL NUMBER", 15},
          {408, 141, "WDLG1PC0GZTB", 40},
          {803, 142, "BIRTH DATE", 15},
          {802, 141, "09/11/1982", 40},
          {409, 217, "LAST NAME", 15},
          {408, 216, "OSEI", 40},
          {409, 287, "FIRST MIDDLE", 15},
          {409, 286, "DARNELL EDWARD", 40},
          {409, 358, "ADDRESS", 15},
          {409, 386, "3214 STONEBRIDGE PKWY", 21},
          {409, 418, "SPOKANE, WA 99248-3887", 21},
          {409, 465, "ISSUE", 15},
          {642, 465, "EXPIRES", 15},
          {875, 464, "SEX", 15},
          {408, 493, "07/08/2025", 23},
          {641, 492, "09/11/2029", 24},
          {874, 492, "M", 24},
          {40, 612, "DRIVER'S LICENSE", 25}},
         {{"document_type", "drivers_license"},
          {"document_number", "WDLG1PC0GZTB"},
          {"date_of_birth", "1982-09-11"},
          {"last_name", "OSEI"},
          {"first_name", "DARNELL"},
          {"middle_name", "EDWARD"},
          {"issue_date", "2025-07-08"},
          {"expiration_date", "2029-09-11"},
          {"sex", "M"}}},
        {"stacked labels, values below",
         {{49, 42, "COMMONWEALTH OF MASSACHUSETTS", 41},
          {382, 115, "DL NUMBER", 15},
          {777, 115, "DOB", 15},
          {382, 133, "S24616360", 31},
          {776, 137, "03/26/1984", 30},
          {382, 190, "LAST NAME", 15},
          {382, 215, "MARTINEZ", 23},
          {382, 260, "FIRST MIDDLE", 15},
          {382, 286, "DMITRI ALAN", 23},
          {380, 331, "ADDRESS", 15},
          {382, 359, "572 ADAMS TRL RM 2210", 22},
          {381, 391, "WORCESTER, MA 01684", 22},
          {382, 438, "ISSUE EXPIRES SEX", 15},
          {381, 465, "05/30/2018 03/26/2026 M", 24},
          {48, 606, "OPERATOR LICENSE", 24}},
         {{"document_type", "drivers_license"},
          {"first_name", "DMITRI"},
          {"middle_name", "ALAN"},
          {"last_name", "MARTINEZ"},
          {"document_number", "S24616360"},
          {"date_of_birth", "1984-03-26"},
          {"issue_date", "2018-05-30"},
          {"expiration_date", "2026-03-26"},
          {"sex", "M"},
          {"address_line1", "572 ADAMS TRL"},
          {"address_line2", "RM 2210"},
          {"issuing_authority", "MA"}}},
        {"words right of the photo, a NAME line, labels above values",
         {{220, 45, "NEW YORK USA", 36},
          {294, 97, "DRIVER LICENSE", 20},
          {56, 155, "LICENSE NO.", 16},
          {214, 150, "339 260 506", 26},
          {56, 205, "NAME", 16},
          {215, 199, "DANIEL THEODORE SULLIVAN", 22},
          {56, 251, "ADDRESS", 16},
          {214, 248, "825 VISTA DEL MAR BLVD", 19},
          {215, 282, "RM 2038", 19},
          {213, 315, "ALBANY, NY 12208-9446", 19},
          {56, 370, "BIRTH DATE", 14},
          {464, 370, "SEX", 14},
          {56, 391, "06/27/1952", 23},
          {464, 391, "M", 23},
          {56, 424, "ISSUED", 14},
          {56, 445, "05/09/2026", 23},
          {56, 478, "EXPIRES", 14},
          {56, 499, "06/27/2032", 23}},
         {{"document_type", "drivers_license"},
          {"first_name", "DANIEL"},
          {"middle_name", "THEODORE"},
          {"last_name", "SULLIVAN"},
          {"document_number", "339260506"},
          {"date_of_birth", "1952-06-27"},
          {"issue_date", "2026-05-09"},
          {"expiration_date", "2032-06-27"},
          {"sex", "M"},
          {"postal_code", "12208-9446"},
          {"issuing_authority", "NY"}}},
    };
    for (const Case& c : cases)
    {
        INFO(c.what);
        Extraction e = readCard(c.lines);
        for (const auto& [field, want] : c.expected)
        {
            INFO("field " << field);
            CHECK((field == "document_type" ? e.documentType : value(e, field)) == want);
        }
    }
}

namespace
{

// A license front as OCR read it from a poor scan: title and labels garbled, the AAMVA numbers run into them.
std::vector<PlacedLine> garbledLicenseFront()
{
    return {
        {50, 44, "State of Massachuseetser ticense", 45, 0.74f},
        {356, 151, "ado S23373549", 30, 0.39f},
        {356, 197, "3p08 08/18/2006", 32, 0.7f},
        {357, 245, "1 SMITH", 27},
        {356, 287, "2 GUADALUPE JEAN", 27},
        {356, 334, "8 2309 EL CAMINO WAY NE", 21},
        {382, 367, "LOT 17", 22},
        {382, 400, "BOSTON, MA 02197", 22},
        {356, 445, "4aiss 04/24/2021 4b EXP 08/18/2029", 16, 0.89f},
        {357, 489, "15 SEX F ieHcT 5'-06\"", 15, 0.37f},
    };
}

} // namespace

TEST_CASE("unreadable card labels: dates by their order, names above the address, the number by its shape",
          "[domain][text][card][ocr]")
{
    Extraction e = readCard(garbledLicenseFront());
    CHECK(e.documentType == "drivers_license");
    checkFields(e, {{"date_of_birth", "2006-08-18"},
                    {"issue_date", "2021-04-24"},
                    {"expiration_date", "2029-08-18"},
                    {"first_name", "GUADALUPE"},
                    {"middle_name", "JEAN"},
                    {"last_name", "SMITH"},
                    {"document_number", "S23373549"},
                    {"address_line1", "2309 EL CAMINO WAY NE"},
                    {"address_line2", "LOT 17"},
                    {"issuing_authority", "MA"},
                    {"sex", "F"}});
    // Guessed from the shape: reported, with low confidence.
    CHECK(confidence(e, "document_number") < 0.5);
    CHECK(confidence(e, "date_of_birth") < confidence(e, "expiration_date"));
}

TEST_CASE("a date beside a number's label is not the number", "[domain][text][card][ocr]")
{
    // The birth date's own label was not read: the date stands right of the number's label, the number under it.
    Extraction e = readCard({{48, 43, "STATE OF MASSACHUSETTS", 40},
                             {700, 112, "03/26/1984", 40},
                             {373, 113, "DL NUMBER", 14},
                             {373, 130, "S24616360", 30},
                             {372, 185, "LAST NAME", 15},
                             {373, 210, "MARTINEZ", 22},
                             {373, 254, "FIRST NAME", 14},
                             {373, 279, "DMITRI", 22},
                             {13, 569, "OPERATOR LICENSE", 52}});
    CHECK(value(e, "document_number") == "S24616360");
}

TEST_CASE("a faxed card's number is never the fax header's", "[domain][text][card][ocr]")
{
    std::vector<PlacedLine> lines = garbledLicenseFront();
    lines.insert(lines.begin(), {10, 5, "NOV 61 2626 09:18AM FROM: 628 555 0142 TO: 18005550100 P.02/02", 16});
    Extraction e = readCard(lines);
    CHECK(e.documentType == "drivers_license");
    CHECK(value(e, "document_number") == "S23373549");
}

TEST_CASE("a card whose title and number label are unreadable is still a card; a misread address label",
          "[domain][text][card][ocr]")
{
    // Only the shared card labels survive (glued to their AAMVA numbers, the 1 of 15 read as I): a card of
    // either kind, reported as a license and a close call.
    Extraction e = readCard({
        {40, 40, "( NEW JERSEY", 45, 0.6f},
        {356, 151, "adion L5602 44293 13252", 30, 0.5f},
        {356, 197, "3p08 10/26/1956", 32, 0.7f},
        {357, 245, "1 OKAFOR", 27},
        {356, 287, "2 ROBERT DAVID", 27},
        {356, 334, "8 22242 MONROE SQ", 21},
        {382, 367, "NEWARK, NJ 07163-1163", 22},
        {356, 445, "4aiss 07/27/2019 4b EXP 10/26/2025", 16, 0.89f},
        {357, 489, "I5SEX M", 15, 0.6f},
        {357, 520, "5DD IVZZ2AB8CYA7", 15, 0.8f},
    });
    CHECK(e.documentType == "drivers_license");
    CHECK(hasNote(e, "close call"));
    checkFields(e, {{"last_name", "OKAFOR"}, {"address_line1", "22242 MONROE SQ"}, {"postal_code", "07163-1163"}});

    SECTION("the label before the street read beyond recognition")
    {
        Extraction f = readCard({{300, 40, "ILLINOIS USA", 30},
                                 {300, 70, "OPERATOR LICENSE", 20},
                                 {60, 140, "LIC NO N485-6537-4042", 23},
                                 {60, 180, "NAME CAMILLE R PATEL", 23},
                                 {60, 220, "AboRESS 6609 MAGNOLIA PL", 19},
                                 {150, 250, "PEORIA IL 61640-2975", 19}});
        checkFields(f, {{"address_line1", "6609 MAGNOLIA PL"}, {"city", "PEORIA"}, {"state", "IL"}});
    }
    SECTION("a few card words alone are no card")
    {
        Extraction g = readCard({{60, 140, "EXP 10/26/2025", 23}, {60, 180, "Thank you for your payment", 23}});
        CHECK(g.documentType == "unknown");
    }
}

TEST_CASE("a card without a state in its header: the address's state, with low confidence and a note",
          "[domain][text][card]")
{
    Extraction e = readCard({{300, 40, "DRIVER LICENSE", 30},
                             {60, 140, "DL 421426432", 23},
                             {60, 180, "LN BROWN-WASHINGTON", 23},
                             {60, 220, "FN SANTIAGO C", 23},
                             {116, 263, "320 5TH ST LOT 17E", 19},
                             {117, 296, "PROVO UT 84626", 19},
                             {59, 341, "DOB 08/30/75 EXP 08/30/27 ISS 05/12/19", 21}});
    checkFields(e, {{"issuing_authority", "UT"},
                    {"date_of_birth", "1975-08-30"},
                    {"expiration_date", "2027-08-30"},
                    {"issue_date", "2019-05-12"},
                    {"last_name", "BROWN-WASHINGTON"}});
    CHECK(confidence(e, "issuing_authority") < 0.5);
    CHECK(hasNote(e, "issuing_authority"));
}

TEST_CASE("state names in card headers become codes", "[domain][text][card]")
{
    struct Case
    {
        const char* header;
        const char* code;
    };
    const Case cases[] = {{"CALIFORNIA", "CA"},
                          {"State of Ohio", "OH"},
                          {"COMMONWEALTH OF PENNSYLVANIA", "PA"},
                          {"WEST VIRGINIA", "WV"},
                          {"NEW MEXICO USA", "NM"},
                          {"STATE OF UTAH - OPERATOR LICENSE", "UT"},
                          {"District of Columbia", "DC"}};
    for (const Case& c : cases)
    {
        INFO(c.header);
        Extraction e = readCard({{50, 40, c.header, 40},
                                 {600, 40, "DRIVER LICENSE", 26},
                                 {60, 160, "DL 123456789", 23},
                                 {60, 200, "DOB 01/02/1990", 23},
                                 {60, 240, "EXP 01/02/2030", 23}});
        CHECK(value(e, "issuing_authority") == c.code);
    }
}

// ---- passports --------------------------------------------------------------------------------------------

TEST_CASE("a passport's visual zone, labels above or beside the values", "[domain][text][passport]")
{
    std::map<std::string, std::string> expected = {{"first_name", "HELEN"},
                                                   {"middle_name", "LOUIS"},
                                                   {"last_name", "KOWALSKI"},
                                                   {"date_of_birth", "2000-06-19"},
                                                   {"issue_date", "2014-06-03"},
                                                   {"expiration_date", "2024-06-02"},
                                                   {"document_number", "F94206415"},
                                                   {"sex", "F"},
                                                   {"issuing_authority", "USA"}};
    SECTION("labels above, in three languages")
    {
        Extraction e = parseTextDocument(
            {makePage({{473, 41, "PASSPORT PASSEPORT PASAPORTE", 27},
                       {570, 87, "UNITED STATES OF AMERICA", 31},
                       {509, 153, "Type / Type / Tipo", 14},
                       {718, 153, "Code / Code / Codigo", 14},
                       {1009, 153, "Passport No. / No. du Passeport", 14},
                       {510, 180, "P", 27},
                       {720, 180, "USA", 27},
                       {1010, 180, "F94206415", 27},
                       {509, 224, "Surname / Nom / Apellidos", 14},
                       {511, 253, "KOWALSKI", 27},
                       {509, 303, "Given Names / Prenoms / Nombres", 14},
                       {511, 328, "HELEN LOUIS", 27},
                       {509, 453, "Date of birth / Date de naissance / Fecha de nacimiento", 14},
                       {510, 478, "19 JUN 2000", 27},
                       {509, 528, "Place of birth / Lieu de naissance", 14},
                       {1134, 528, "Sex / Sexe / Sexo", 14},
                       {511, 553, "MARYLAND, U.S.A.", 27},
                       {1135, 553, "F", 27},
                       {509, 603, "Date of issue / Date de delivrance", 14},
                       {509, 628, "03 JUN 2014", 26},
                       {509, 658, "Date of expiration / Date d'expiration", 14},
                       {509, 683, "02 JUN 2024", 26}},
                      1476, 1039)},
            FieldSource::Ocr, today);
        CHECK(e.documentType == "passport");
        checkFields(e, expected);
    }
    SECTION("labels beside the values")
    {
        Extraction e = parseTextDocument({makePage({{62, 41, "UNITED STATES OF AMERICA PASSPORT", 35},
                                                    {60, 133, "Passport No. F94206415", 19},
                                                    {59, 194, "Surname KOWALSKI", 26},
                                                    {59, 254, "Given Names HELEN LOUIS", 26},
                                                    {60, 313, "Nationality UNITED STATES OF AMERICA", 26},
                                                    {60, 375, "Birth date 19 Jun 2000", 26},
                                                    {60, 435, "Place of birth MARYLAND, U.S.A.", 16},
                                                    {59, 497, "Sex F", 24},
                                                    {60, 551, "Date of issue 03 Jun 2014", 26},
                                                    {60, 617, "Date of expiration 02 Jun 2024", 26},
                                                    {58, 673, "Authority United States Department of State", 26}},
                                                   1476, 1039)},
                                         FieldSource::Ocr, today);
        CHECK(e.documentType == "passport");
        checkFields(e, expected);
    }
}

// ---- what is not a document we know -----------------------------------------------------------------------

TEST_CASE("unknown documents, empty pages and hostile lines give unknown or fields, never a crash",
          "[domain][text]")
{
    Extraction empty = parseTextDocument({}, FieldSource::Ocr, today);
    CHECK(empty.documentType == "unknown");
    CHECK(empty.pages == 0);
    CHECK(empty.fields.empty());
    Extraction blank = parseTextDocument({TextPage{}, TextPage{}}, FieldSource::Ocr, today);
    CHECK(blank.documentType == "unknown");
    CHECK(blank.pages == 2);
    Extraction letter = read({{200, 200, "Dear neighbour,", 40},
                              {200, 260, "The street fair is on Saturday. Bring a chair.", 40},
                              {200, 320, "12 Elm St", 40},
                              {200, 380, "Springfield, IL 62701", 40}});
    CHECK(letter.documentType == "unknown");
    CHECK(letter.fields.empty());
    CHECK(hasNote(letter, "not recognised"));

    // Lines with nonsense geometry and bytes.
    TextPage odd;
    odd.width = 0;
    odd.height = 0;
    TextLine bad;
    bad.text = std::string("Statement Date \xC3\x28 10/20/2026 \x00\x01", 30);
    bad.box = Region{0, -50, -50, -10, 0};
    bad.confidence = std::numeric_limits<float>::quiet_NaN();
    bad.height = std::numeric_limits<float>::infinity();
    odd.lines = {bad, bad, TextLine{}, TextLine{"Beginning balance Ending balance Checking", Region{}, 2.0f, -1.0f}};
    Extraction e;
    CHECK_NOTHROW(e = parseTextDocument({odd}, FieldSource::Ocr, today));
    for (const auto& [field, f] : e.fields)
    {
        INFO(field);
        CHECK(f.confidence >= 0.0);
        CHECK(f.confidence <= 1.0);
        CHECK_FALSE(std::isnan(f.confidence));
    }

    std::mt19937 random(11);
    const std::vector<std::string> words = {"Statement", "Date", "10/20/2026", "APT", "4B", "12", "Main", "St",
                                            "TX", "75287", "Dallas,", "DOB", "1", "2", "SMITH", "JOHN", "Bank",
                                            "PASSPORT", "P<USA", "<<<", "\xE2\x80\x99", "#", "Due"};
    for (int i = 0; i < 300; ++i)
    {
        std::vector<PlacedLine> lines;
        int n = static_cast<int>(random() % 25);
        for (int k = 0; k < n; ++k)
        {
            std::string text;
            int w = static_cast<int>(random() % 7);
            for (int j = 0; j < w; ++j)
                text += words[random() % words.size()] + " ";
            lines.push_back({static_cast<int>(random() % 2500), static_cast<int>(random() % 3200), text,
                             static_cast<int>(10 + random() % 60), static_cast<float>(random() % 100) / 100.0f});
        }
        CHECK_NOTHROW(read(lines, FieldSource::Ocr));
    }
}
