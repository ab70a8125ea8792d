#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Mrz.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace proofdesk;
using namespace std::chrono;

namespace
{

// An independent reference of ICAO 9303's check digit, so the builder below does not trust the code under
// test.
int referenceCheck(const std::string& field)
{
    const int weights[] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i)
    {
        char c = field[i];
        int value = c == '<' ? 0 : (c >= '0' && c <= '9') ? c - '0' : c - 'A' + 10;
        sum += value * weights[i % 3];
    }
    return sum % 10;
}

std::string digitOf(const std::string& field)
{
    return std::to_string(referenceCheck(field));
}

std::string padded(std::string text, std::size_t length)
{
    REQUIRE(text.size() <= length);
    text.resize(length, '<');
    return text;
}

std::string joinedBy(const std::vector<std::string>& words, char separator)
{
    std::string out;
    for (const auto& word : words)
        out += (out.empty() ? "" : std::string(1, separator)) + word;
    return out;
}

// What a synthetic passport holds; dates as in the MRZ (YYMMDD).
struct Holder
{
    std::string code = "P<";
    std::string state = "UTO";
    std::vector<std::string> surnames{"ERIKSSON"};
    std::vector<std::string> givenNames{"ANNA", "MARIA"};
    std::string number = "L898902C3";
    std::string nationality = "UTO";
    std::string birth = "740812";
    char sex = 'F';
    std::string expiry = "120415";
    std::string optional = "ZE184226B";
    char emptyOptionalCheck = '<'; // '<' or '0' when there is no optional data
};

std::string nameField(const Holder& h, std::size_t length)
{
    std::string name = joinedBy(h.surnames, '<');
    if (!h.givenNames.empty())
        name += "<<" + joinedBy(h.givenNames, '<');
    return padded(name, length);
}

std::vector<std::string> td3Lines(const Holder& h)
{
    std::string line1 = h.code + h.state + nameField(h, 39);
    std::string number = padded(h.number, 9);
    std::string optional = padded(h.optional, 14);
    std::string optionalCheck = h.optional.empty() ? std::string(1, h.emptyOptionalCheck) : digitOf(optional);
    std::string composite = number + digitOf(number) + h.birth + digitOf(h.birth) + h.expiry +
                            digitOf(h.expiry) + optional + optionalCheck;
    std::string line2 = number + digitOf(number) + padded(h.nationality, 3) + h.birth + digitOf(h.birth) +
                        h.sex + h.expiry + digitOf(h.expiry) + optional + optionalCheck + digitOf(composite);
    REQUIRE(line1.size() == 44);
    REQUIRE(line2.size() == 44);
    return {line1, line2};
}

std::string text(const std::vector<std::string>& lines)
{
    return joinedBy(lines, '\n');
}

const sys_days kToday = sys_days(2024y / June / 15);
const sys_days kSpecimenDay = sys_days(2010y / January / 1);

const char* kSpecimen1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const char* kSpecimen2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

bool contains(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

bool anyNoteHas(const MrzResult& result, const std::string& part)
{
    return std::any_of(result.notes.begin(), result.notes.end(),
                       [&](const std::string& note) { return note.find(part) != std::string::npos; });
}

std::string withChar(std::string line, std::size_t index, char c)
{
    line[index] = c;
    return line;
}

} // namespace

TEST_CASE("mrzCheckDigit: ICAO 9303 weights 7-3-1, '<' = 0, A = 10", "[domain][mrz]")
{
    struct Row
    {
        const char* field;
        int digit;
    };
    const Row rows[] = {{"L898902C3", 6},
                        {"740812", 2},
                        {"120415", 9},
                        {"ZE184226B<<<<<", 1},
                        {"D23145890", 7},
                        {"", 0},
                        {"<<<<<<<<<<<<<<", 0},
                        {"A", 0},
                        {"B", 7},
                        {"Z", 5},
                        {"1", 7},
                        {"01", 3},
                        {"001", 1},
                        {"520727", 3}};
    for (const Row& row : rows)
    {
        INFO(row.field);
        CHECK(mrzCheckDigit(row.field) == row.digit);
    }
    // The specimen's composite: number + check, birth + check, expiry + check, optional data + check.
    CHECK(mrzCheckDigit("L898902C36"
                        "7408122"
                        "1204159ZE184226B<<<<<1") == 0);

    std::mt19937 rng(9303);
    const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
    for (int i = 0; i < 500; ++i)
    {
        std::string field(rng() % 40, '<');
        for (char& c : field)
            c = alphabet[rng() % alphabet.size()];
        CHECK(mrzCheckDigit(field) == referenceCheck(field));
    }
}

TEST_CASE("mrzCheckDigit: a character outside the MRZ alphabet is named, not guessed", "[domain][mrz]")
{
    for (const char* bad : {"l898902C3", "L898 902", "ABC-1", "12.3", "\xC2\xAB"})
    {
        INFO(bad);
        try
        {
            mrzCheckDigit(bad);
            FAIL("no error");
        }
        catch (const Error& error)
        {
            CHECK(error.code() == ErrorCode::InvalidInput);
            CHECK(std::string(error.what()).find("not A-Z, 0-9 or '<'") != std::string::npos);
        }
    }
}

TEST_CASE("ICAO 9303 specimen (UTOPIA, ERIKSSON ANNA MARIA): every check digit, every field", "[domain][mrz]")
{
    MrzResult result = parseMrz(std::string(kSpecimen1) + "\n" + kSpecimen2, kSpecimenDay);
    REQUIRE(result.found);
    CHECK(result.valid);
    CHECK(result.format == "TD3");
    CHECK(result.failedChecks.empty());
    CHECK(result.notes.empty());
    CHECK(result.lines == std::vector<std::string>{kSpecimen1, kSpecimen2});

    const std::map<std::string, std::string> expected = {
        {"document_type", "passport"},     {"document_code", "P"},
        {"issuing_authority", "UTO"},      {"nationality", "UTO"},
        {"last_name", "ERIKSSON"},         {"first_name", "ANNA"},
        {"middle_name", "MARIA"},          {"document_number", "L898902C3"},
        {"date_of_birth", "1974-08-12"},   {"sex", "F"},
        {"expiration_date", "2012-04-15"}, {"optional_data", "ZE184226B"}};
    CHECK(result.fields == expected);
    for (const auto& [key, confidence] : result.confidence)
    {
        INFO(key);
        CHECK(confidence == Approx(0.99));
    }

    Extraction extraction = mrzExtraction(result);
    CHECK(extraction.documentType == "passport");
    CHECK(extraction.fields.size() ==
          8); // nationality, document code and optional data are not SPEC 4 fields
    for (const auto& [name, field] : extraction.fields)
    {
        INFO(name);
        CHECK(contains(extractionFieldNames(), name));
        CHECK(field.value == expected.at(name));
        CHECK(field.source == FieldSource::Mrz);
        CHECK(field.confidence == Approx(0.99));
    }
    CHECK(extraction.fields.count("nationality") == 0);
}

TEST_CASE("synthetic passports round trip through parseMrz", "[domain][mrz]")
{
    std::mt19937 rng(44);
    auto pick = [&](const std::string& from) { return from[rng() % from.size()]; };
    const std::string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const std::string alnum = letters + "0123456789";
    auto word = [&](std::size_t min, std::size_t max)
    {
        std::string w(min + rng() % (max - min + 1), 'A');
        for (char& c : w)
            c = pick(letters);
        return w;
    };
    auto yymmdd = [](year_month_day d)
    {
        auto two = [](unsigned v) { return std::string(1, char('0' + v / 10 % 10)) + char('0' + v % 10); };
        return two(static_cast<unsigned>(static_cast<int>(d.year()) % 100)) +
               two(static_cast<unsigned>(d.month())) + two(static_cast<unsigned>(d.day()));
    };
    auto iso = [](year_month_day d)
    {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                      static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
        return std::string(buffer);
    };

    for (int i = 0; i < 400; ++i)
    {
        Holder h;
        h.state = word(3, 3);
        h.nationality = rng() % 4 ? h.state : std::string(1, pick(letters)) + "<<";
        h.surnames.clear();
        h.givenNames.clear();
        for (std::size_t n = 1 + rng() % 2; n > 0; --n)
            h.surnames.push_back(word(2, 8));
        for (std::size_t n = rng() % 4; n > 0; --n)
            h.givenNames.push_back(word(1, 5));
        h.number.clear();
        for (std::size_t n = 6 + rng() % 4; n > 0; --n)
            h.number += pick(alnum);
        h.optional.clear();
        for (std::size_t n = rng() % 3 ? 0 : 1 + rng() % 14; n > 0; --n)
            h.optional += pick(alnum);
        h.emptyOptionalCheck = rng() % 2 ? '<' : '0';
        h.sex = "MF<X"[rng() % 4];
        // Birth within the last 99 years; expiry within the plausible window.
        year_month_day born(kToday - days(rng() % (99 * 365)));
        year_month_day expires(kToday - days(3600) + days(rng() % (29 * 365)));
        h.birth = yymmdd(born);
        h.expiry = yymmdd(expires);

        std::vector<std::string> lines = td3Lines(h);
        INFO(lines[0] << "\n" << lines[1]);
        MrzResult result = parseMrz(text(lines), kToday);
        REQUIRE(result.found);
        CHECK(result.valid);
        CHECK(result.notes.empty());
        CHECK(result.fields.at("last_name") == joinedBy(h.surnames, ' '));
        if (h.givenNames.empty())
            CHECK(result.fields.count("first_name") == 0);
        else
            CHECK(result.fields.at("first_name") == h.givenNames[0]);
        std::vector<std::string> middle(h.givenNames.begin() + (h.givenNames.empty() ? 0 : 1),
                                        h.givenNames.end());
        CHECK((middle.empty() ? result.fields.count("middle_name") == 0
                              : result.fields.at("middle_name") == joinedBy(middle, ' ')));
        CHECK(result.fields.at("document_number") == h.number);
        CHECK(result.fields.at("issuing_authority") == h.state);
        CHECK(result.fields.at("date_of_birth") == iso(born));
        CHECK(result.fields.at("expiration_date") == iso(expires));
        CHECK(result.fields.at("sex") == std::string(1, h.sex == '<' ? 'X' : h.sex));
        CHECK(result.fields.count("optional_data") == (h.optional.empty() ? 0u : 1u));
        for (const auto& [key, confidence] : result.confidence)
            CHECK(confidence == Approx(0.99));
    }
}

TEST_CASE("a single wrong character in any checked field fails its check digit", "[domain][mrz]")
{
    struct Field
    {
        const char* check;
        std::size_t from;
        std::size_t to; // one past the check digit
    };
    const Field fields[] = {{"document_number", 0, 10},
                            {"date_of_birth", 13, 20},
                            {"expiration_date", 21, 28},
                            {"optional_data", 28, 43},
                            {"composite", 43, 44}};
    const std::string digits = "0123456789";
    int tried = 0;
    for (const Field& field : fields)
        for (std::size_t i = field.from; i < field.to; ++i)
        {
            char original = kSpecimen2[i];
            // A digit for a digit always moves the sum (weights 7, 3, 1 are prime to 10); a letter by one
            // step too.
            std::string replacements = (original >= '0' && original <= '9') ? digits : "";
            if (original >= 'A' && original < 'Z')
                replacements = std::string(1, static_cast<char>(original + 1));
            for (char c : replacements)
            {
                if (c == original)
                    continue;
                std::string line2 = withChar(kSpecimen2, i, c);
                INFO(line2);
                MrzResult result = parseMrz(std::string(kSpecimen1) + "\n" + line2, kSpecimenDay);
                REQUIRE(result.found);
                CHECK_FALSE(result.valid);
                CHECK(contains(result.failedChecks, field.check));
                CHECK(anyNoteHas(result, "check digit failed"));
                Extraction extraction = mrzExtraction(result);
                CHECK(extraction.fields.at("last_name").confidence == Approx(0.8)); // reported, doubted
                std::string key = field.check;
                if (key != "composite" && key != "optional_data" && extraction.fields.count(key))
                    CHECK(extraction.fields.at(key).confidence == Approx(0.5));
                ++tried;
            }
        }
    CHECK(tried > 100);
}

TEST_CASE("OCR confusions are repaired where the position allows only digits or only letters",
          "[domain][mrz]")
{
    struct Row
    {
        const char* what;
        std::string line1;
        std::string line2;
        const char* repairedKey; // whose confidence drops to 0.85
        const char* note;
    };
    const std::string l1 = kSpecimen1;
    const std::string l2 = kSpecimen2;
    const Row rows[] = {
        {"O for 0 in the birth date", l1, withChar(l2, 15, 'O'), "date_of_birth", "read 'O', taken as '0'"},
        {"I for 1 in the expiry", l1, withChar(l2, 21, 'I'), "expiration_date", "read 'I', taken as '1'"},
        {"Z for 2 in a check digit", l1, withChar(l2, 19, 'Z'), "date_of_birth", "read 'Z', taken as '2'"},
        {"G for 6 in a check digit", l1, withChar(l2, 9, 'G'), "document_number", "read 'G', taken as '6'"},
        {"O for 0 in the composite", l1, withChar(l2, 43, 'O'), nullptr, "(composite): read 'O'"},
        {"B for 8 in the birth date", l1, withChar(l2, 16, 'B'), "date_of_birth", "read 'B', taken as '8'"},
        {"S for 5 in the expiry", l1, withChar(l2, 26, 'S'), "expiration_date", "read 'S', taken as '5'"},
        {"0 for O in the surname", withChar(l1, 11, '0'), l2, "last_name", "read '0', taken as 'O'"},
        {"1 for I in the surname", withChar(l1, 7, '1'), l2, "last_name", "read '1', taken as 'I'"},
        {"0 for O in the issuing state", withChar(l1, 4, '0'), l2, "issuing_authority", "(issuing state)"},
        {"5 for S in the surname", withChar(l1, 9, '5'), l2, "last_name", "read '5', taken as 'S'"},
    };
    for (const Row& row : rows)
    {
        INFO(row.what << "\n" << row.line1 << "\n" << row.line2);
        MrzResult result = parseMrz(row.line1 + "\n" + row.line2, kSpecimenDay);
        REQUIRE(result.found);
        CHECK(result.valid);
        CHECK(anyNoteHas(result, row.note));
        CHECK(result.fields.at("last_name") == "ERIKSSON");
        CHECK(result.fields.at("first_name") == "ANNA");
        CHECK(result.fields.at("issuing_authority") == "UTO");
        CHECK(result.fields.at("date_of_birth") == "1974-08-12");
        CHECK(result.fields.at("expiration_date") == "2012-04-15");
        CHECK(result.fields.at("document_number") == "L898902C3");
        if (row.repairedKey)
            CHECK(result.confidence.at(row.repairedKey) == Approx(0.85));
        CHECK(result.confidence.at("sex") == Approx(0.99)); // untouched fields keep their confidence
        CHECK(mrzExtraction(result).notes == result.notes);
    }
}

TEST_CASE("a confusion in an alphanumeric field is not guessed; a repair the check refutes is not accepted",
          "[domain][mrz]")
{
    // The document number may hold letters and digits: 'O' there could be either, so it stays and fails.
    MrzResult number = parseMrz(std::string(kSpecimen1) + "\n" + withChar(kSpecimen2, 5, 'O'), kSpecimenDay);
    REQUIRE(number.found);
    CHECK_FALSE(number.valid);
    CHECK(contains(number.failedChecks, "document_number"));
    CHECK(number.fields.at("document_number") == "L8989O2C3"); // reported as read, never hidden
    CHECK(number.confidence.at("document_number") == Approx(0.5));

    // 'I' in the birth date is forced to '1', but the check digit says the date is still wrong (…12 read
    // …I3).
    std::string line2 = withChar(withChar(kSpecimen2, 17, 'I'), 18, '3');
    MrzResult birth = parseMrz(std::string(kSpecimen1) + "\n" + line2, kSpecimenDay);
    REQUIRE(birth.found);
    CHECK_FALSE(birth.valid);
    CHECK(contains(birth.failedChecks, "date_of_birth"));
    CHECK(birth.fields.at("date_of_birth") == "1974-08-13");
    CHECK(birth.confidence.at("date_of_birth") == Approx(0.5));
    CHECK(anyNoteHas(birth, "date of birth check digit failed (read '2', computed '3')"));
}

TEST_CASE("K misread for the filler '<'", "[domain][mrz]")
{
    SECTION("in the name's filler")
    {
        std::string line1 = kSpecimen1;
        line1[27] = 'K';
        line1[40] = 'K';
        line1[43] = 'K';
        MrzResult result = parseMrz(line1 + "\n" + kSpecimen2, kSpecimenDay);
        CHECK(result.valid);
        CHECK(result.fields.at("middle_name") == "MARIA");
        CHECK(result.confidence.at("middle_name") == Approx(0.85));
        CHECK(result.lines[0] == kSpecimen1);
    }
    SECTION("a one-letter given name K is a name, not filler")
    {
        Holder h;
        h.givenNames = {"ANNA", "K"};
        MrzResult result = parseMrz(text(td3Lines(h)), kSpecimenDay);
        CHECK(result.valid);
        CHECK(result.fields.at("middle_name") == "K");
        CHECK(result.confidence.at("middle_name") == Approx(0.99));
    }
    SECTION("in the optional data's filler, and as the check digit of empty optional data")
    {
        MrzResult result = parseMrz(
            std::string(kSpecimen1) + "\n" + withChar(withChar(kSpecimen2, 38, 'K'), 40, 'K'), kSpecimenDay);
        CHECK(result.valid);
        CHECK(result.fields.at("optional_data") == "ZE184226B");

        Holder h;
        h.optional.clear();
        std::vector<std::string> lines = td3Lines(h);
        lines[1][42] = 'K';
        MrzResult empty = parseMrz(text(lines), kSpecimenDay);
        CHECK(empty.valid);
        CHECK(empty.fields.count("optional_data") == 0);
    }
    SECTION("in the sex position")
    {
        Holder h;
        h.sex = '<';
        std::vector<std::string> lines = td3Lines(h);
        lines[1][20] = 'K';
        MrzResult result = parseMrz(text(lines), kSpecimenDay);
        CHECK(result.valid);
        CHECK(result.fields.at("sex") == "X");
        CHECK(result.confidence.at("sex") == Approx(0.85));
    }
}

TEST_CASE("OCR's miscounted filler runs are fitted; the composite check digit judges the fit", "[domain][mrz]")
{
    Holder h;
    h.optional.clear();
    const std::vector<std::string> lines = td3Lines(h);
    auto shortened = [](std::string line, std::size_t from, std::size_t drop) { return line.erase(from, drop); };

    SECTION("the name line's filler read as a few '<'")
    {
        MrzResult result = parseMrz(shortened(lines[0], 25, 15) + "\n" + lines[1], kSpecimenDay);
        CHECK(result.valid);
        CHECK(result.lines[0] == lines[0]);
        CHECK(result.fields.at("last_name") == "ERIKSSON");
    }
    SECTION("the empty optional data read with 3 fillers instead of 14, or with 17")
    {
        MrzResult fewer = parseMrz(lines[0] + "\n" + shortened(lines[1], 28, 11), kSpecimenDay);
        CHECK(fewer.valid);
        CHECK(fewer.lines[1] == lines[1]);
        CHECK(fewer.fields.at("document_number") == "L898902C3");
        std::string longer = lines[1];
        longer.insert(30, "<<<");
        MrzResult more = parseMrz(lines[0] + "\n" + longer, kSpecimenDay);
        CHECK(more.valid);
        CHECK(more.lines[1] == lines[1]);
    }
    SECTION("optional data with its filler miscounted")
    {
        Holder withData;
        withData.optional = "ZE184226B";
        const std::vector<std::string> full = td3Lines(withData);
        MrzResult result = parseMrz(full[0] + "\n" + shortened(full[1], 38, 4), kSpecimenDay);
        CHECK(result.valid);
        CHECK(result.fields.at("optional_data") == "ZE184226B");
    }
    SECTION("a line missing a character in its fixed part is not fitted into validity")
    {
        MrzResult result = parseMrz(lines[0] + "\n" + shortened(lines[1], 3, 1), kSpecimenDay);
        CHECK_FALSE(result.valid);
    }
}

TEST_CASE("the MRZ is found among other lines, spaces, lower case and '«'", "[domain][mrz]")
{
    const std::string l1 = kSpecimen1;
    const std::string l2 = kSpecimen2;
    auto replaced = [](std::string s, const std::string& from, const std::string& to)
    {
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
            s.replace(at, from.size(), to);
        return s;
    };
    auto lower = [](std::string s)
    {
        for (char& c : s)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        return s;
    };
    const std::string texts[] = {
        "PASSPORT  PASSEPORT\nUtopia\nSurname ERIKSSON\n\n" + l1 + "\n" + l2 + "\n\npage 1\n",
        "  P<UTO ERIKSSON<<ANNA<MARIA <<<<<<<<<<<<<<<<<<< \r\n L898902C36 UTO 7408122 F 1204159 "
        "ZE184226B<<<<< 1 0\r\n",
        lower(l1) + "\n" + lower(l2),
        replaced(l1, "<", "\xC2\xAB") + "\n" + replaced(l2, "<", "\xC2\xAB"),   // '«' for each '<'
        replaced(l1, "<<", "\xC2\xAB") + "\n" + replaced(l2, "<<", "\xC2\xAB"), // '«' for each '<<'
        l1 + l2,                                                                // one line of 88
        l1.substr(0, 40) + "\n" + l2,                                           // short of trailing filler
        l1 + "<<<<\n" + l2,                                                     // too much filler
        "P<UTOERIKSSON<<ANNA<MARIA\n" + l1 + "\n" + l2 + "\n" + l2.substr(0, 30),
    };
    for (const std::string& input : texts)
    {
        INFO(input);
        MrzResult result = parseMrz(input, kSpecimenDay);
        REQUIRE(result.found);
        CHECK(result.valid);
        CHECK(result.format == "TD3");
        CHECK(result.lines == std::vector<std::string>{l1, l2});
        CHECK(result.fields.at("first_name") == "ANNA");
        CHECK(result.fields.at("document_number") == "L898902C3");
    }
    MrzResult shortened = parseMrz(l1.substr(0, 40) + "\n" + l2, kSpecimenDay);
    CHECK(anyNoteHas(shortened, "trailing filler adjusted"));
}

TEST_CASE("text without an MRZ: found is false, and nothing throws", "[domain][mrz]")
{
    const std::string texts[] = {
        "",
        "\n\n   \n",
        "hello world",
        "BANK OF UTOPIA\nStatement date 2024-01-31\nERIKSSON ANNA\n1 Main Street",
        std::string(44, '<') + "\n" + std::string(44, '<'),
        std::string(kSpecimen1),                          // line 1 alone
        std::string(kSpecimen2) + "\n" + kSpecimen1,      // wrong order
        withChar(kSpecimen1, 0, 'X') + "\n" + kSpecimen2, // not a passport code, not TD1/TD2 lengths
        "P<UTO\xFF\xFE\xFD" + std::string(36, '?') + "\n" + std::string(44, '?'),
        std::string("\xC3\x28 invalid utf-8 \x80\x80"),
    };
    for (const std::string& input : texts)
    {
        INFO(input);
        MrzResult result = parseMrz(input, kToday);
        CHECK_FALSE(result.found);
        CHECK_FALSE(result.valid);
        CHECK(result.fields.empty());
        Extraction extraction = mrzExtraction(result);
        CHECK(extraction.documentType == "unknown");
        CHECK(extraction.fields.empty());
    }

    // Random text, and valid MRZs with random damage: any outcome but an exception or a crash.
    std::mt19937 rng(7);
    const std::string pool = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<\n \xC2\xAB?-";
    for (int i = 0; i < 2000; ++i)
    {
        std::string input = i % 2 ? std::string(kSpecimen1) + "\n" + kSpecimen2 : std::string();
        if (input.empty())
            for (std::size_t n = rng() % 200; n > 0; --n)
                input += pool[rng() % pool.size()];
        for (std::size_t n = 1 + rng() % 4; n > 0 && !input.empty(); --n)
        {
            std::size_t at = rng() % input.size();
            switch (rng() % 3)
            {
            case 0:
                input[at] = pool[rng() % pool.size()];
                break;
            case 1:
                input.erase(at, 1);
                break;
            default:
                input.insert(at, 1, pool[rng() % pool.size()]);
                break;
            }
        }
        CHECK_NOTHROW(mrzExtraction(parseMrz(input, kToday)));
    }
}

TEST_CASE("two-digit years: birth never in the future, expiry within [today-10y, today+20y]", "[domain][mrz]")
{
    struct Row
    {
        sys_days today;
        const char* birth;
        const char* expiry;
        const char* birthIso; // nullptr: not a date, field absent
        const char* expiryIso;
        double expiryConfidence;
    };
    const sys_days leapDay = sys_days(2024y / February / 29);
    const Row rows[] = {
        {kToday, "240615", "340101", "2024-06-15", "2034-01-01", 0.99}, // born today
        {kToday, "240616", "340101", "1924-06-16", "2034-01-01", 0.99}, // tomorrow's date: a century ago
        {kToday, "991231", "300101", "1999-12-31", "2030-01-01", 0.99},
        {kToday, "000101", "300101", "2000-01-01", "2030-01-01", 0.99},
        {kToday, "000229", "300101", "2000-02-29", "2030-01-01", 0.99}, // 2000 is a leap year
        {kToday, "230229", "300101", nullptr, "2030-01-01", 0.99},      // neither 2023 nor 1923 is
        {kToday, "801301", "300101", nullptr, "2030-01-01", 0.99},      // month 13
        {kToday, "800101", "140615", "1980-01-01", "2014-06-15", 0.99}, // exactly ten years ago
        {kToday, "800101", "140614", "1980-01-01", "2014-06-14", 0.6},  // a day more: doubted, still 20xx
        {kToday, "800101", "440615", "1980-01-01", "2044-06-15", 0.99}, // exactly twenty years ahead
        {kToday, "800101", "440616", "1980-01-01", "2044-06-16", 0.6},
        {kToday, "800101", "991231", "1980-01-01", "1999-12-31", 0.6}, // nearest century, doubted
        {sys_days(2095y / January / 1), "800101", "050101", "2080-01-01", "2105-01-01", 0.99},
        {sys_days(2001y / January / 1), "800101", "990101", "1980-01-01", "1999-01-01", 0.99},
        {leapDay, "240229", "140228", "2024-02-29", "2014-02-28", 0.99},
        {leapDay, "240301", "440229", "1924-03-01", "2044-02-29", 0.99},
    };
    for (const Row& row : rows)
    {
        Holder h;
        h.birth = row.birth;
        h.expiry = row.expiry;
        std::vector<std::string> lines = td3Lines(h);
        INFO(lines[1] << " today +" << row.today.time_since_epoch().count() << " days");
        MrzResult result = parseMrz(text(lines), row.today);
        REQUIRE(result.found);
        CHECK(result.valid); // the check digits do not depend on the century
        if (row.birthIso)
            CHECK(result.fields.at("date_of_birth") == row.birthIso);
        else
        {
            CHECK(result.fields.count("date_of_birth") == 0);
            CHECK(anyNoteHas(result, "is not a readable past date"));
        }
        CHECK(result.fields.at("expiration_date") == row.expiryIso);
        CHECK(result.confidence.at("expiration_date") == Approx(row.expiryConfidence));
        if (row.expiryConfidence < 0.9)
            CHECK(anyNoteHas(result, "more than 10 years past or 20 years ahead"));
    }
}

TEST_CASE("optional data: filler with check '<' or '0', anything else checked", "[domain][mrz]")
{
    for (char check : {'<', '0'})
    {
        Holder h;
        h.optional.clear();
        h.emptyOptionalCheck = check;
        MrzResult result = parseMrz(text(td3Lines(h)), kSpecimenDay);
        CHECK(result.valid);
        CHECK(result.fields.count("optional_data") == 0);
    }
    Holder h;
    h.optional.clear();
    std::vector<std::string> lines = td3Lines(h);
    lines[1][42] = '5';
    lines[1][43] = static_cast<char>(
        '0' + referenceCheck(lines[1].substr(0, 10) + lines[1].substr(13, 7) + lines[1].substr(21, 22)));
    MrzResult wrong = parseMrz(text(lines), kSpecimenDay);
    CHECK(wrong.failedChecks == std::vector<std::string>{"optional_data"});

    // Personal number present but the check digit left as filler.
    std::string line2 = withChar(kSpecimen2, 42, '<');
    line2[43] = static_cast<char>(
        '0' + referenceCheck(line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 22)));
    MrzResult missing = parseMrz(std::string(kSpecimen1) + "\n" + line2, kSpecimenDay);
    CHECK(missing.failedChecks == std::vector<std::string>{"optional_data"});
    CHECK(missing.confidence.at("optional_data") == Approx(0.5));
    CHECK(missing.confidence.at("document_number") == Approx(0.8));
}

TEST_CASE("names and sex as the MRZ writes them", "[domain][mrz]")
{
    struct Row
    {
        std::vector<std::string> surnames;
        std::vector<std::string> givenNames;
        char sex;
        const char* last;
        const char* first;  // "" for absent
        const char* middle; // "" for absent
        const char* sexValue;
    };
    const Row rows[] = {
        {{"SMITH", "JONES"},
         {"MARY", "ANN", "LEE"},
         'F',
         "SMITH JONES",
         "MARY",
         "ANN LEE",
         "F"},                                                // SMITH-JONES
        {{"ONEIL"}, {"JOHN"}, 'M', "ONEIL", "JOHN", "", "M"}, // O'NEIL
        {{"VAN", "DER", "BERG"}, {"PIETER"}, 'X', "VAN DER BERG", "PIETER", "", "X"},
        {{"MADONNA"}, {}, '<', "MADONNA", "", "", "X"},
    };
    for (const Row& row : rows)
    {
        Holder h;
        h.surnames = row.surnames;
        h.givenNames = row.givenNames;
        h.sex = row.sex;
        std::vector<std::string> lines = td3Lines(h);
        INFO(lines[0]);
        MrzResult result = parseMrz(text(lines), kSpecimenDay);
        REQUIRE(result.valid);
        CHECK(result.fields.at("last_name") == row.last);
        CHECK((*row.first ? result.fields.at("first_name") == row.first
                          : result.fields.count("first_name") == 0));
        CHECK((*row.middle ? result.fields.at("middle_name") == row.middle
                           : result.fields.count("middle_name") == 0));
        CHECK(result.fields.at("sex") == row.sexValue);
    }

    Holder longName;
    longName.surnames = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ"};
    longName.givenNames = {"ABCDEFGHIJK"}; // 26 + 2 + 11 = 39: fills the field, may be truncated
    MrzResult truncated = parseMrz(text(td3Lines(longName)), kSpecimenDay);
    CHECK(truncated.valid);
    CHECK(truncated.fields.at("first_name") == "ABCDEFGHIJK");
    CHECK(truncated.confidence.at("first_name") == Approx(0.9));
    CHECK(anyNoteHas(truncated, "may be truncated"));

    Holder other;
    other.code = "PD";
    other.state = "D<<";
    other.nationality = "D<<";
    MrzResult germany = parseMrz(text(td3Lines(other)), kSpecimenDay);
    CHECK(germany.valid);
    CHECK(germany.fields.at("issuing_authority") == "D");
    CHECK(germany.fields.at("nationality") == "D");
    CHECK(germany.fields.at("document_code") == "PD");
    CHECK(germany.fields.at("document_type") == "passport");
}

TEST_CASE("TD1 and TD2 specimens, and a long TD1 document number", "[domain][mrz]")
{
    MrzResult td1 = parseMrz(
        "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        kSpecimenDay);
    REQUIRE(td1.found);
    CHECK(td1.valid);
    CHECK(td1.format == "TD1");
    CHECK(td1.fields.at("document_type") == "unknown");
    CHECK(td1.fields.at("document_number") == "D23145890");
    CHECK(td1.fields.at("last_name") == "ERIKSSON");
    CHECK(td1.fields.at("middle_name") == "MARIA");
    CHECK(td1.fields.at("date_of_birth") == "1974-08-12");
    CHECK(td1.fields.at("expiration_date") == "2012-04-15");

    MrzResult td2 =
        parseMrz("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6", kSpecimenDay);
    REQUIRE(td2.found);
    CHECK(td2.valid);
    CHECK(td2.format == "TD2");
    CHECK(td2.fields.at("document_number") == "D23145890");
    CHECK(td2.fields.at("first_name") == "ANNA");
    CHECK(td2.fields.at("sex") == "F");

    // D23145890123: nine characters, '<', then "123" and the number's check digit in the optional data.
    std::string number = "D23145890123";
    std::string line1 = "I<UTOD23145890<123" + digitOf(number);
    line1 = padded(line1, 30);
    std::string line2 = "7408122F1204159UTO<<<<<<<<<<<";
    line2 += digitOf(line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) + line2.substr(18, 11));
    MrzResult longNumber = parseMrz(line1 + "\n" + line2 + "\nERIKSSON<<ANNA<<<<<<<<<<<<<<<<", kSpecimenDay);
    CHECK(longNumber.valid);
    CHECK(longNumber.fields.at("document_number") == number);
    CHECK(longNumber.fields.count("optional_data") == 0);

    std::string damaged = line1;
    damaged[16] = '4'; // "123" -> "143"
    MrzResult failed = parseMrz(damaged + "\n" + line2 + "\nERIKSSON<<ANNA<<<<<<<<<<<<<<<<", kSpecimenDay);
    CHECK(contains(failed.failedChecks, "document_number"));
}
