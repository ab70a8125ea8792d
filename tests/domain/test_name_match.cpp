#include "proofdesk/domain/MatchText.h"
#include "proofdesk/domain/NameMatch.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace proofdesk;

namespace
{

struct NameRow
{
    const char* what;
    NameParts registered;
    NameParts document;
    CheckResult expected;
};

} // namespace

TEST_CASE("name_match: tolerant of how documents write a name, strict on a different one", "[domain][checks][names]")
{
    const std::vector<NameRow> rows{
        // Same name, written differently.
        {"identical", {"John", "Q", "Public"}, {"JOHN", "Q", "PUBLIC"}, CheckResult::Pass},
        {"case only", {"john", "", "public"}, {"JOHN", "", "PUBLIC"}, CheckResult::Pass},
        {"accents folded", {"José", "", "Núñez"}, {"JOSE", "", "NUNEZ"}, CheckResult::Pass},
        {"MRZ drops the apostrophe", {"Sean", "", "O'Neil"}, {"SEAN", "", "ONEIL"}, CheckResult::Pass},
        {"typographic apostrophe", {"Sean", "", "O’Neil"}, {"SEAN", "", "O'NEIL"}, CheckResult::Pass},
        {"hyphen as space", {"Ana", "", "Smith-Jones"}, {"ANA", "", "SMITH JONES"}, CheckResult::Pass},
        {"hyphen run together", {"Ana", "", "Smith-Jones"}, {"ANA", "", "SMITHJONES"}, CheckResult::Pass},
        {"period of an initial", {"John", "Q.", "Public"}, {"JOHN", "Q", "PUBLIC"}, CheckResult::Pass},
        {"middle initial vs name", {"Danielle", "Marie", "Okafor"}, {"DANIELLE", "M", "OKAFOR"}, CheckResult::Pass},
        {"middle name vs initial", {"Priya", "L", "Venkataraman"}, {"PRIYA", "LAKSHMI", "VENKATARAMAN"},
         CheckResult::Pass},
        {"middle absent on document", {"Danielle", "Marie", "Okafor"}, {"DANIELLE", "", "OKAFOR"}, CheckResult::Pass},
        {"middle absent in registration", {"Danielle", "", "Okafor"}, {"DANIELLE", "MARIE", "OKAFOR"},
         CheckResult::Pass},
        {"two middle names vs one", {"Mary", "Ann Louise", "Baker"}, {"MARY", "ANN", "BAKER"}, CheckResult::Pass},
        {"middle name in the first-name field", {"Danielle", "Marie", "Okafor"}, {"DANIELLE MARIE", "", "OKAFOR"},
         CheckResult::Pass},
        {"first and middle initial run together", {"Priya", "L", "Venkataraman"}, {"PRIYAL", "", "VENKATARAMAN"},
         CheckResult::Pass},
        {"two-word first name run together", {"Mary Ann", "", "Baker"}, {"MARYANN", "", "BAKER"}, CheckResult::Pass},
        {"registered suffix, none on the document", {"Terrence", "James", "O'Halloran Jr"},
         {"TERRENCE", "JAMES", "OHALLORAN"}, CheckResult::Pass},
        {"suffix on both", {"Terrence", "", "O'Halloran Jr."}, {"TERRENCE", "", "O'HALLORAN JR"}, CheckResult::Pass},
        {"suffix only on the document", {"John", "", "Public"}, {"JOHN", "", "PUBLIC III"}, CheckResult::Pass},
        {"suffix after the given names", {"John", "", "Public"}, {"JOHN", "Q JR", "PUBLIC"}, CheckResult::Pass},
        {"compound surname split into the given names (AAMVA)", {"Maria", "", "de la Cruz"},
         {"MARIA DE LA", "", "CRUZ"}, CheckResult::Pass},
        {"compound surname, second word in the given names", {"Danielle", "Marie", "Okafor-Lindqvist"},
         {"DANIELLE MARIE OKAFOR", "", "LINDQVIST"}, CheckResult::Pass},
        {"registration put a surname word in the middle name", {"Maria", "Garcia", "Lopez"},
         {"MARIA", "", "GARCIA LOPEZ"}, CheckResult::Pass},
        // Near misses: a person must look.
        {"one letter off in the last name", {"John", "", "Public"}, {"JOHN", "", "PUBLIK"}, CheckResult::Unknown},
        {"transposed letters", {"Danielle", "", "Okafor"}, {"DANIELLE", "", "OKAFRO"}, CheckResult::Unknown},
        {"OCR digit for a letter", {"Danielle", "", "Okafor"}, {"DANlELLE", "", "OKAFOR"}, CheckResult::Unknown},
        {"one letter off in the first name", {"Terrence", "", "Hall"}, {"TERENCE", "", "HALL"}, CheckResult::Unknown},
        {"one letter off in the middle name", {"Mary", "Louise", "Baker"}, {"MARY", "LOUISA", "BAKER"},
         CheckResult::Unknown},
        {"only one word of a compound surname", {"Juan", "", "Garcia Lopez"}, {"JUAN", "", "GARCIA"},
         CheckResult::Unknown},
        {"document has a longer compound surname", {"Juan", "", "Garcia"}, {"JUAN", "", "GARCIA LOPEZ"},
         CheckResult::Unknown},
        {"JR against SR", {"John", "", "Public Jr"}, {"JOHN", "", "PUBLIC SR"}, CheckResult::Unknown},
        {"no name read", {"John", "", "Public"}, {"", "", ""}, CheckResult::Unknown},
        {"first name not read", {"John", "", "Public"}, {"", "", "PUBLIC"}, CheckResult::Unknown},
        {"last name not read", {"John", "", "Public"}, {"JOHN", "", ""}, CheckResult::Unknown},
        // Clearly different.
        {"different last name", {"John", "", "Public"}, {"JOHN", "", "SMITH"}, CheckResult::Fail},
        {"different first name", {"John", "", "Public"}, {"JUAN", "", "PUBLIC"}, CheckResult::Fail},
        {"different person", {"Danielle", "", "Okafor"}, {"TERRENCE", "", "HALL"}, CheckResult::Fail},
        {"different middle initial", {"John", "A", "Public"}, {"JOHN", "B", "PUBLIC"}, CheckResult::Fail},
        {"different middle name", {"John", "Adam", "Public"}, {"JOHN", "BRUCE", "PUBLIC"}, CheckResult::Fail},
        {"missing last name, first differs", {"John", "", "Public"}, {"MARIA", "", ""}, CheckResult::Fail},
        {"short names one letter off", {"Li", "", "Wu"}, {"LI", "", "WO"}, CheckResult::Unknown},
        {"short names fully different", {"Li", "", "Wu"}, {"LI", "", "OH"}, CheckResult::Fail},
    };
    for (const NameRow& row : rows)
    {
        INFO(row.what);
        const MatchOutcome outcome = matchName(row.registered, row.document);
        INFO(outcome.reason);
        CHECK(outcome.result == row.expected);
        CHECK(!outcome.reason.empty());
        if (outcome.result == CheckResult::Pass)
            CHECK(outcome.similarity == 1.0);
    }
}

TEST_CASE("name_match: a near miss carries its similarity; the values are shown upper case", "[domain][checks][names]")
{
    const MatchOutcome outcome = matchName({"Terrence", "James", "O'Halloran Jr"}, {"TERRENCE", "JAMES", "OHALLORAM"});
    CHECK(outcome.result == CheckResult::Unknown);
    CHECK(outcome.similarity == Approx(8.0 / 9.0));
    CHECK(outcome.reason == "one letter differs in the last name (similarity 0.89)");
    CHECK(outcome.expected == "TERRENCE JAMES O'HALLORAN JR");
    CHECK(outcome.found == "TERRENCE JAMES OHALLORAM");
}

TEST_CASE("match text: words, folding and typo distance", "[domain][checks][names]")
{
    CHECK(matchWords("O'Neil-Smith, Jr.") == std::vector<std::string>{"ONEIL", "SMITH", "JR"});
    CHECK(matchWords("Ærøskøbing Straße") == std::vector<std::string>{"AEROSKOBING", "STRASSE"});
    CHECK(matchWords("Łukasz Œuvre") == std::vector<std::string>{"LUKASZ", "OEUVRE"});
    CHECK(matchWords("Apt#5", "#") == std::vector<std::string>{"APT", "#", "5"});
    CHECK(matchWords("bad\xff\xfe bytes") == std::vector<std::string>{"BAD", "BYTES"});
    CHECK(matchWords("e\xcc\x81") == std::vector<std::string>{"E"}); // combining acute dropped
    CHECK(typoDistance("OKAFOR", "OKAFRO") == 1);
    CHECK(typoDistance("KITTEN", "SITTING") == 3);
    CHECK(typoDistance("", "ABC") == 3);
    CHECK(textSimilarity("", "") == 1.0);
    CHECK(nearMiss("SMITH", "SMYTH", 0.8));
    CHECK_FALSE(nearMiss("SMITH", "SMITH", 0.8));
    CHECK_FALSE(nearMiss("SMITH", "JONES", 0.8));
}
