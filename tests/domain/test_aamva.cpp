#include "proofdesk/domain/Aamva.h"

#include <catch2/catch.hpp>

#include "support/AamvaPayloadBuilder.h"

#include <algorithm>
#include <set>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

std::string field(const Extraction& e, const std::string& name)
{
    auto it = e.fields.find(name);
    return it == e.fields.end() ? std::string("<absent>") : it->second.value;
}

double confidence(const Extraction& e, const std::string& name)
{
    auto it = e.fields.find(name);
    return it == e.fields.end() ? -1.0 : it->second.confidence;
}

bool hasNote(const std::vector<std::string>& notes, const std::string& part)
{
    return std::any_of(notes.begin(), notes.end(),
                       [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

} // namespace

TEST_CASE("a version 10 California license gives every field of the contract", "[domain][aamva]")
{
    AamvaResult r = parseAamva(sampleLicense().build());
    REQUIRE(r.found);
    CHECK(r.version == 10);
    CHECK(r.iin == "636014");
    CHECK(r.jurisdiction == "CA");
    CHECK(r.country == "USA");
    CHECK(r.subfileType == "DL");
    CHECK(r.elements.at("DCF") == "0831202212345/ABFD/30");
    CHECK(r.elements.size() == 23);
    CHECK(r.elements.count("ZCA") == 0); // the jurisdiction subfile is not the card's
    CHECK(r.notes.empty());

    Extraction e = aamvaExtraction(r);
    CHECK(e.documentType == "drivers_license");
    CHECK(field(e, "last_name") == "QUINTERO-HALE");
    CHECK(field(e, "first_name") == "MARISOL");
    CHECK(field(e, "middle_name") == "ANNE BEATRIZ");
    CHECK(field(e, "date_of_birth") == "1989-03-14");
    CHECK(field(e, "issue_date") == "2022-08-31");
    CHECK(field(e, "expiration_date") == "2030-08-31");
    CHECK(field(e, "address_line1") == "418 LARKSPUR AVE");
    CHECK(field(e, "address_line2") == "APT 3B");
    CHECK(field(e, "city") == "MOUNTAIN VIEW");
    CHECK(field(e, "state") == "CA");
    CHECK(field(e, "postal_code") == "94043"); // "0000" was padding, not a ZIP+4
    CHECK(field(e, "document_number") == "D1234567");
    CHECK(field(e, "issuing_authority") == "CA");
    CHECK(field(e, "sex") == "F");
    CHECK(e.fields.size() == 14);
    const std::vector<std::string>& names = extractionFieldNames();
    for (const auto& [name, f] : e.fields)
    {
        CHECK(std::find(names.begin(), names.end(), name) != names.end());
        CHECK(f.source == FieldSource::Pdf417);
        CHECK(f.confidence == Approx(0.99));
    }
}

TEST_CASE("a version 9 New York ID card: state_id, ZIP+4, optional elements missing", "[domain][aamva]")
{
    AamvaPayloadBuilder b;
    b.iin = "636001";
    b.version = 9;
    b.jurisdictionVersion = 1;
    b.subfileType = "ID";
    b.add("DAQ", "123 456 789").add("DCS", "OKAFOR").add("DAC", "TOBI").add("DAD", "NONE");
    b.add("DBB", "11301975").add("DBA", "11302031").add("DBC", "1").add("DAG", "77 W 14TH ST");
    b.add("DAI", "NEW YORK").add("DAJ", "NY").add("DAK", "100111234  ").add("DCG", "USA");
    AamvaResult r = parseAamva(b.build());
    REQUIRE(r.found);
    CHECK(r.version == 9);
    CHECK(r.subfileType == "ID");
    Extraction e = aamvaExtraction(r);
    CHECK(e.documentType == "state_id");
    CHECK(field(e, "document_number") == "123 456 789");
    CHECK(field(e, "last_name") == "OKAFOR");
    CHECK(field(e, "first_name") == "TOBI");
    CHECK(field(e, "middle_name") == "<absent>"); // NONE means no middle name
    CHECK(field(e, "address_line2") == "<absent>");
    CHECK(field(e, "issue_date") == "<absent>");
    CHECK(field(e, "postal_code") == "10011-1234");
    CHECK(field(e, "sex") == "M");
    CHECK(field(e, "date_of_birth") == "1975-11-30");
    CHECK(field(e, "issuing_authority") == "NY");
}

TEST_CASE("version 8 truncation flags lower the confidence of the names they mark", "[domain][aamva]")
{
    AamvaPayloadBuilder b;
    b.iin = "636015";
    b.version = 8;
    b.add("DAQ", "40981234").add("DCS", "VANDENBERGHE-ARCHAMBEAUL").add("DAC", "MAXIMILIAN");
    b.add("DAD", "THEODORE").add("DDE", "T").add("DDF", "N").add("DDG", "U").add("DCU", "JR");
    b.add("DBB", "02291988").add("DAJ", "TX").add("DBC", "9");
    Extraction e = aamvaExtraction(parseAamva(b.build()));
    CHECK(field(e, "last_name") == "VANDENBERGHE-ARCHAMBEAUL");
    CHECK(confidence(e, "last_name") == Approx(0.8));
    CHECK(confidence(e, "first_name") == Approx(0.99));
    CHECK(confidence(e, "middle_name") == Approx(0.99));
    CHECK(hasNote(e.notes, "last name is truncated"));
    CHECK(hasNote(e.notes, "name suffix JR"));
    CHECK(field(e, "first_name") == "MAXIMILIAN");    // the suffix stays out of the names
    CHECK(field(e, "date_of_birth") == "1988-02-29"); // a leap day
    CHECK(field(e, "sex") == "X");
    CHECK(field(e, "issuing_authority") == "TX");
}

TEST_CASE("Canadian cards write dates year first; postal codes keep their form", "[domain][aamva]")
{
    AamvaPayloadBuilder b;
    b.iin = "636012"; // Ontario
    b.version = 5;
    b.add("DAQ", "K1234-56789-01234").add("DCS", "TREMBLAY").add("DAC", "ELODIE").add("DAD", "ROSE");
    b.add("DBB", "19920704").add("DBD", "20210115").add("DBA", "20260704").add("DAG", "12 RUE PRINCIPALE");
    b.add("DAI", "OTTAWA").add("DAJ", "ON").add("DAK", "K1A0B1").add("DCG", "CAN").add("DBC", "2");
    AamvaResult r = parseAamva(b.build());
    CHECK(r.country == "CAN");
    CHECK(r.jurisdiction == "ON");
    Extraction e = aamvaExtraction(r);
    CHECK(field(e, "date_of_birth") == "1992-07-04");
    CHECK(field(e, "issue_date") == "2021-01-15");
    CHECK(field(e, "expiration_date") == "2026-07-04");
    CHECK(confidence(e, "date_of_birth") == Approx(0.99));
    CHECK(field(e, "postal_code") == "K1A 0B1");
    CHECK(field(e, "state") == "ON");

    SECTION("without DCG the IIN says Canada")
    {
        AamvaPayloadBuilder q;
        q.iin = "604428"; // Quebec
        q.version = 6;
        q.add("DAQ", "T1234-567890-12").add("DCS", "GAGNON").add("DAC", "LUC").add("DBB", "19800229");
        AamvaResult rq = parseAamva(q.build());
        CHECK(rq.country == "CAN");
        CHECK(rq.jurisdiction == "QC");
        CHECK(field(aamvaExtraction(rq), "date_of_birth") == "1980-02-29");
    }
}

TEST_CASE("version 3 given names in DCT: the first is the first name, the rest middle", "[domain][aamva]")
{
    AamvaPayloadBuilder b;
    b.iin = "636020";
    b.version = 3;
    b.add("DAQ", "981234567").add("DCS", "LINDQVIST").add("DCT", "ASTRID,MAJ BRITT").add("DBB", "06011990");
    Extraction e = aamvaExtraction(parseAamva(b.build()));
    CHECK(field(e, "last_name") == "LINDQVIST");
    CHECK(field(e, "first_name") == "ASTRID");
    CHECK(field(e, "middle_name") == "MAJ BRITT");
    CHECK(field(e, "date_of_birth") == "1990-06-01");
    CHECK(field(e, "issuing_authority") == "CO");
}

TEST_CASE("version 1: no jurisdiction version, DAB/DAC names, dates year first", "[domain][aamva]")
{
    AamvaPayloadBuilder b;
    b.iin = "636045"; // Washington
    b.version = 1;
    b.add("DAQ", "WDLABCD456DG").add("DAB", "FERREIRA").add("DAC", "JOAO PEDRO").add("DBB", "19700131");
    b.add("DBA", "20290131").add("DBD", "20210115").add("DBC", "M").add("DAG", "9 HARBOR LN");
    b.add("DAI", "SEATTLE").add("DAJ", "WA").add("DAK", "981011234  ");
    std::string payload = b.build();
    CHECK(payload.substr(4, 17) == "ANSI 636045"
                                   "0101DL"); // the header has no jurisdiction version
    AamvaResult r = parseAamva(payload);
    REQUIRE(r.found);
    CHECK(r.version == 1);
    CHECK(r.notes.empty());
    Extraction e = aamvaExtraction(r);
    CHECK(field(e, "last_name") == "FERREIRA");
    CHECK(field(e, "first_name") == "JOAO");
    CHECK(field(e, "middle_name") == "PEDRO");
    CHECK(field(e, "date_of_birth") == "1970-01-31");
    CHECK(field(e, "expiration_date") == "2029-01-31");
    CHECK(field(e, "issue_date") == "2021-01-15");
    CHECK(field(e, "sex") == "M");
    CHECK(field(e, "postal_code") == "98101-1234");
    CHECK(field(e, "document_number") == "WDLABCD456DG");

    SECTION("file type AAMVA and the full name in DAA")
    {
        AamvaPayloadBuilder a;
        a.fileType = "AAMVA";
        a.iin = "636023";
        a.version = 1;
        a.add("DAQ", "RS123456").add("DAA", "KOWALSKI,ANNA,MARIA,JR").add("DBB", "19651203").add("DBC", "F");
        Extraction ea = aamvaExtraction(parseAamva(a.build()));
        CHECK(field(ea, "last_name") == "KOWALSKI");
        CHECK(field(ea, "first_name") == "ANNA");
        CHECK(field(ea, "middle_name") == "MARIA");
        CHECK(confidence(ea, "last_name") == Approx(0.99));
        CHECK(hasNote(ea.notes, "name suffix JR"));
        CHECK(field(ea, "issuing_authority") == "OH");
    }

    SECTION("a full name without commas is read first-middle-last with lower confidence")
    {
        AamvaPayloadBuilder a;
        a.version = 1;
        a.add("DAQ", "N5550001").add("DAA", "ANNA MARIA KOWALSKI");
        Extraction ea = aamvaExtraction(parseAamva(a.build()));
        CHECK(field(ea, "last_name") == "KOWALSKI");
        CHECK(field(ea, "first_name") == "ANNA");
        CHECK(field(ea, "middle_name") == "MARIA");
        CHECK(confidence(ea, "first_name") == Approx(0.8));
    }
}

TEST_CASE("pre-standard version 0 is read like version 1", "[domain][aamva]")
{
    AamvaPayloadBuilder b;
    b.fileType = "AAMVA";
    b.iin = "636033";
    b.version = 0;
    b.add("DAQ", "7654321").add("DAB", "BELL").add("DAC", "ROSA").add("DBB", "19550409");
    AamvaResult r = parseAamva(b.build());
    REQUIRE(r.found);
    CHECK(r.version == 0);
    Extraction e = aamvaExtraction(r);
    CHECK(field(e, "last_name") == "BELL");
    CHECK(field(e, "date_of_birth") == "1955-04-09");
    CHECK(field(e, "issuing_authority") == "AL");
}

TEST_CASE("wrong offsets and lengths: the subfile is found by its content", "[domain][aamva]")
{
    for (int offsetError : {-9, -1, 3, 200})
    {
        AamvaPayloadBuilder b = sampleLicense();
        b.offsetError = offsetError;
        AamvaResult r = parseAamva(b.build());
        INFO("offset error " << offsetError);
        REQUIRE(r.found);
        CHECK(r.elements.size() == 23);
        CHECK(hasNote(r.notes, "not at its declared offset"));
        CHECK(field(aamvaExtraction(r), "last_name") == "QUINTERO-HALE");
    }
    for (int lengthError : {-60, -1, 5})
    {
        AamvaPayloadBuilder b = sampleLicense();
        b.lengthError = lengthError;
        AamvaResult r = parseAamva(b.build());
        INFO("length error " << lengthError);
        REQUIRE(r.found);
        CHECK(r.elements.size() == 23);
        CHECK(r.elements.count("ZCA") == 0);
    }
}

TEST_CASE("CRLF, a missing terminator, lower case, padding and scanner prefixes are tolerated",
          "[domain][aamva]")
{
    SECTION("CRLF between elements")
    {
        AamvaPayloadBuilder b = sampleLicense();
        b.separator = "\r\n";
        AamvaResult r = parseAamva(b.build());
        REQUIRE(r.found);
        CHECK(r.elements.size() == 23);
        CHECK(r.elements.at("DAQ") == "D1234567");
    }
    SECTION("no segment terminator")
    {
        AamvaPayloadBuilder b = sampleLicense();
        b.terminator = "";
        b.jurisdictionSubfile.clear();
        AamvaResult r = parseAamva(b.build());
        REQUIRE(r.found);
        CHECK(r.elements.at("DDG") == "N");
        CHECK(r.elements.size() == 23);
    }
    SECTION("lower case header, subfile and element IDs; padded values")
    {
        std::string payload = sampleLicense().build();
        std::string lower = payload;
        for (char& c : lower)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        AamvaResult r = parseAamva(lower);
        REQUIRE(r.found);
        Extraction e = aamvaExtraction(r);
        CHECK(field(e, "last_name") == "QUINTERO-HALE");
        CHECK(field(e, "city") == "MOUNTAIN VIEW");

        AamvaPayloadBuilder padded;
        padded.add("DAQ", "  D7654321  ")
            .add("DCS", "NGUYEN    ")
            .add("DAC", "  AN")
            .add("DAI", "SAN  JOSE ");
        Extraction ep = aamvaExtraction(parseAamva(padded.build()));
        CHECK(field(ep, "document_number") == "D7654321");
        CHECK(field(ep, "last_name") == "NGUYEN");
        CHECK(field(ep, "first_name") == "AN");
        CHECK(field(ep, "city") == "SAN JOSE");
    }
    SECTION("bytes before the compliance indicator, offsets counted from it")
    {
        AamvaResult r = parseAamva("]L0" + sampleLicense().build());
        REQUIRE(r.found);
        CHECK(r.notes.empty());
        CHECK(r.elements.size() == 23);
    }
    SECTION("bytes that are not UTF-8 are read as ISO 8859-1")
    {
        AamvaPayloadBuilder b;
        b.iin = "604428";
        b.add("DAQ", "L1").add("DCS", "B\xC9LANGER").add("DAC", "ZO\xC9");
        AamvaResult r = parseAamva(b.build());
        CHECK(r.elements.at("DCS") == "B\xC3\x89LANGER");
        CHECK(hasNote(r.notes, "ISO 8859-1"));
    }
}

TEST_CASE("dates that are not dates are left out with a note; swapped orders are repaired", "[domain][aamva]")
{
    AamvaPayloadBuilder b;
    b.add("DAQ", "X1").add("DBB", "02302000").add("DBA", "99999999").add("DBD", "20220831");
    Extraction e = aamvaExtraction(parseAamva(b.build()));
    CHECK(field(e, "date_of_birth") == "<absent>");
    CHECK(hasNote(e.notes, "date_of_birth (DBB) \"02302000\" is not a valid date"));
    CHECK(field(e, "expiration_date") == "<absent>");
    // A U.S. version-10 card that wrote CCYYMMDD: unambiguous, read with a note and lower confidence.
    CHECK(field(e, "issue_date") == "2022-08-31");
    CHECK(confidence(e, "issue_date") == Approx(0.9));
    CHECK(hasNote(e.notes, "issue_date (DBD)"));

    AamvaPayloadBuilder c;
    c.add("DAQ", "X2").add("DBB", "1990-01-01x").add("DBA", "0229202").add("DBD", "02292023");
    Extraction ec = aamvaExtraction(parseAamva(c.build()));
    CHECK(field(ec, "date_of_birth") == "<absent>");
    CHECK(field(ec, "expiration_date") == "<absent>");
    CHECK(field(ec, "issue_date") == "<absent>"); // 2023 is not a leap year
    CHECK(ec.notes.size() == 3);
}

TEST_CASE("postal codes, sex codes and the issuing authority", "[domain][aamva]")
{
    auto postal = [](const std::string& dak)
    {
        AamvaPayloadBuilder b;
        b.add("DAQ", "X").add("DAK", dak);
        return field(aamvaExtraction(parseAamva(b.build())), "postal_code");
    };
    CHECK(postal("94043") == "94043");
    CHECK(postal("940430000") == "94043");
    CHECK(postal("941291234") == "94129-1234");
    CHECK(postal("94129-1234") == "94129-1234");
    CHECK(postal("02101000000") == "02101"); // version 1 pads to 11
    CHECK(postal("2101") == "<absent>");     // a lost leading zero is not guessed back
    CHECK(postal("ABCDE") == "<absent>");

    auto sex = [](const std::string& dbc)
    {
        AamvaPayloadBuilder b;
        b.add("DAQ", "X").add("DBC", dbc);
        return field(aamvaExtraction(parseAamva(b.build())), "sex");
    };
    CHECK(sex("1") == "M");
    CHECK(sex("2") == "F");
    CHECK(sex("9") == "X");
    CHECK(sex("f") == "F");
    CHECK(sex("Q") == "<absent>");

    CHECK(aamvaJurisdictionForIin("636014")->code == "CA");
    CHECK(aamvaJurisdictionForIin("636043")->code == "DC");
    CHECK(aamvaJurisdictionForIin("604431")->code == "PR");
    CHECK(aamvaJurisdictionForIin("636048")->country == "CAN");
    CHECK_FALSE(aamvaJurisdictionForIin("999999"));
    CHECK_FALSE(aamvaJurisdictionForIin(""));

    // An IIN off the list: the address state stands in, with a note.
    AamvaPayloadBuilder b;
    b.iin = "999999";
    b.add("DAQ", "X").add("DAJ", "nv");
    AamvaResult r = parseAamva(b.build());
    CHECK(r.jurisdiction == "NV");
    CHECK(hasNote(r.notes, "not on the AAMVA IIN list"));
    CHECK(field(aamvaExtraction(r), "issuing_authority") == "NV");
}

TEST_CASE("garbage is not an AAMVA payload", "[domain][aamva]")
{
    for (std::string garbage : {std::string(), std::string("hello world"), std::string("@\n\x1e\rANSI "),
                                std::string("@\n\x1e\rANSI 63601410000"), std::string("ANSI 636014xx"),
                                std::string(300, '\0'), std::string("DLDAQ123\nDCSSMITH\r")})
    {
        AamvaResult r = parseAamva(garbage);
        CHECK_FALSE(r.found);
        CHECK_FALSE(r.notes.empty());
        Extraction e = aamvaExtraction(r);
        CHECK(e.documentType == "unknown");
        CHECK(e.fields.empty());
    }
    // A header and designators but no subfile behind them.
    std::string payload = sampleLicense().build();
    AamvaResult headerOnly = parseAamva(payload.substr(0, 41));
    CHECK_FALSE(headerOnly.found);
    CHECK(hasNote(headerOnly.notes, "no DL or ID subfile"));
}

TEST_CASE("a truncated payload keeps the complete elements and drops the cut one", "[domain][aamva]")
{
    AamvaPayloadBuilder b = sampleLicense();
    b.jurisdictionSubfile.clear();
    std::string payload = b.build();
    std::size_t cut = payload.find("DAG418") + 8; // inside the street address
    AamvaResult r = parseAamva(payload.substr(0, cut));
    REQUIRE(r.found);
    CHECK(hasNote(r.notes, "payload truncated"));
    CHECK(r.elements.count("DAG") == 0);
    CHECK(r.elements.at("DAU") == "064 IN");
    CHECK(r.elements.count("DAI") == 0);

    // Every prefix parses without a crash, and what it gives is always a prefix of the truth.
    AamvaResult full = parseAamva(payload);
    for (std::size_t n = 0; n <= payload.size(); ++n)
    {
        AamvaResult p = parseAamva(payload.substr(0, n));
        for (const auto& [id, value] : p.elements)
        {
            INFO("prefix " << n << " element " << id);
            CHECK(full.elements.at(id) == value);
        }
    }
}

TEST_CASE("a secondary unit written into DAG becomes address_line2", "[domain][aamva]")
{
    auto street = [](const std::string& dag, const std::string& dah = "")
    {
        AamvaPayloadBuilder b;
        b.add("DAQ", "X").add("DAG", dag);
        if (!dah.empty())
            b.add("DAH", dah);
        Extraction e = aamvaExtraction(parseAamva(b.build()));
        return field(e, "address_line1") + " | " + field(e, "address_line2");
    };
    CHECK(street("88 CEDAR RIDGE RD UNIT 12") == "88 CEDAR RIDGE RD | UNIT 12");
    CHECK(street("12 MAIN ST #4B") == "12 MAIN ST | # 4B");
    CHECK(street("12 MAIN ST # 4B") == "12 MAIN ST | # 4B");
    CHECK(street("77 OAK AVE APARTMENT 3") == "77 OAK AVE | APT 3");
    CHECK(street("9 ELM CT STE C") == "9 ELM CT | STE C");
    CHECK(street("500 N LOT ST") == "500 N LOT ST | <absent>"); // a street, not a unit
    CHECK(street("40 UNIT RD") == "40 UNIT RD | <absent>");
    CHECK(street("PO BOX 12") == "PO BOX 12 | <absent>");
    CHECK(street("88 CEDAR RIDGE RD UNIT 12", "REAR") == "88 CEDAR RIDGE RD UNIT 12 | REAR"); // DAH wins
}
