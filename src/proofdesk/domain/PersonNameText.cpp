#include "proofdesk/domain/PersonNameText.h"

#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/DocumentLayout.h"

#include <algorithm>
#include <set>
#include <vector>

namespace proofdesk
{

namespace
{

bool isLetter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

const std::set<std::string>& suffixes()
{
    static const std::set<std::string> words = {"JR", "SR", "II", "III", "IV", "V", "2ND", "3RD"};
    return words;
}

std::string normaliseSuffix(const std::string& word)
{
    if (word == "2ND")
        return "II";
    if (word == "3RD")
        return "III";
    return word;
}

const std::set<std::string>& particles()
{
    static const std::set<std::string> words = {"DE", "DEL", "DELA", "DELLA", "DA", "DAS", "DO", "DOS", "DI",
                                                "DU", "LA", "LE", "LOS", "LAS", "VAN", "VON", "DER", "DEN",
                                                "TER", "TEN", "ST", "STE", "SAINT", "BIN", "IBN"};
    return words;
}

// Organisation words that never appear in a person's name as printed on a statement.
const std::set<std::string>& organisationWords()
{
    static const std::set<std::string> words = {
        "BANK",        "BANCORP",     "CREDIT",       "FEDERAL",     "SAVINGS",       "TRUST",
        "FINANCIAL",   "COMPANY",     "CO",           "CORP",        "CORPORATION",   "INC",
        "INCORPORATED", "LLC",        "LLP",          "LTD",         "LP",            "PLC",
        "GROUP",       "PARTNERS",    "SERVICES",     "SYSTEMS",     "SOLUTIONS",     "ASSOCIATES",
        "HOLDINGS",    "ENTERPRISES", "INDUSTRIES",   "MANUFACTURING", "LOGISTICS",   "CONSTRUCTION",
        "AEROSPACE",   "COMPONENTS",  "MEDICAL",      "HOSPITAL",    "CLINIC",        "SCHOOL",
        "DISTRICT",    "UNIVERSITY",  "COUNTY",       "DEPARTMENT",  "AUTHORITY",     "UTILITY",
        "UTILITIES",   "ELECTRIC",    "ENERGY",       "SANITATION",  "COOPERATIVE",   "COMMUNICATIONS",
        "WIRELESS",    "TELECOM",     "MUNICIPAL",    "PAYROLL",     "HOSPITALITY",   "NATIONAL",
        "COMMUNITY",   "MUTUAL",      "INSURANCE",    "INSTITUTE",   "FOUNDATION",    "AGENCY",
        "GOVERNMENT",  "COMMISSION",  "BOARD",        "OFFICE",      "CENTER",        "STATEMENT",
        "ACCOUNT",     "BALANCE",     "SUMMARY",      "PAGE",        "TOTAL",         "DATE",
        "BILL",        "AMOUNT",      "CUSTOMER",     "SERVICE",     "PERIOD",        "NUMBER",
        "PAYMENT",     "EARNINGS",    "DEPOSIT",      "CHECKING",    "ADVICE",        "EMPLOYEE",
        "LICENSE",     "DRIVER",      "IDENTIFICATION", "CARD",      "PASSPORT",      "USA",
        "AMERICA",     "STATES",      "UNITED",       "REMIT",       "PLEASE",        "THANK",
        "YOUR",        "THE",         "AND",          "FOR",         "OF",            "TO",
        "SEX",         "DOB",         "EXP",          "ISS",         "HGT",           "EYES",
        "CLASS",       "DONOR",       "VETERAN",      "RESTR",       "NONE",          "PREPARED",
        "ORDER",       "PAY",         "NON",          "NEGOTIABLE",  "VOID",          "MEMBER",
        "FDIC",        "NCUA",        "POWER",        "GAS",         "WATER",         "FIBER",
        "COMMONWEALTH", "STATE",      "DEPT",         "DMV",         "MOTOR",         "VEHICLES",
        "OPERATOR",    "NAME",        "ADDRESS",      "SURNAME",     "GIVEN",         "NATIONALITY",
        "BIRTH",       "ISSUE",       "EXPIRES",      "EXPIRATION",  "AUTHORITY",     "ENDORSEMENTS",
        "RESTRICTIONS", "HEIGHT",     "WEIGHT",       "HAIR",        "ACCOUNTS",      "STREET",
        "AVENUE",      "ROAD",        "BOX"};
    return words;
}

struct NameWord
{
    std::string word;
    bool capitalised = true;
};

// Splits into upper-case name words: letters, apostrophes and hyphens; an initial's period is dropped.
// Digits that OCR reads for letters are read as letters. nullopt when a word is something else.
std::optional<std::vector<NameWord>> nameWords(std::string_view input, bool& exact)
{
    std::string text = text::cleanText(input);
    std::vector<NameWord> words;
    std::size_t i = 0;
    while (i < text.size())
    {
        std::size_t j = text.find(' ', i);
        if (j == std::string::npos)
            j = text.size();
        std::string raw = text.substr(i, j - i);
        i = j + 1;
        while (!raw.empty() && (raw.back() == '.' || raw.back() == ','))
            raw.pop_back();
        if (raw.empty())
            continue;
        NameWord word;
        word.capitalised = isUpper(raw[0]) || isDigit(raw[0]);
        std::string upper = upperAscii(raw);
        if (suffixes().count(upper))
        {
            word.word = upper;
            words.push_back(word);
            continue;
        }
        for (char c : raw)
        {
            if (c == '\'' || c == '-')
            {
                word.word += c;
                continue;
            }
            if (c == '.')
                continue;  // "J.R." inside a word
            if (static_cast<unsigned char>(c) >= 0x80)
            {
                word.word += c;  // letters beyond ASCII (José) are kept as they are
                continue;
            }
            char l = text::letterLookalike(c);
            // '|', '!' and '$' read as letters only inside a word of letters ("OSE!" -> OSEI).
            if (l == '\0' || ((c == '|' || c == '!' || c == '$') && raw.size() < 3))
                return std::nullopt;
            if (!isLetter(c))
                exact = false;
            word.word += l;
        }
        if (!std::any_of(word.word.begin(), word.word.end(), [](char c) { return isLetter(c) || (c & 0x80); }))
            return std::nullopt;
        words.push_back(word);
    }
    return words;
}

std::string takeSuffix(std::vector<NameWord>& words)
{
    if (words.size() >= 2 && suffixes().count(words.back().word))
    {
        // "V" alone is a suffix only after a full name; otherwise it may be an initial.
        if (words.back().word == "V" && words.size() < 3)
            return {};
        std::string suffix = normaliseSuffix(words.back().word);
        words.pop_back();
        return suffix;
    }
    return {};
}

std::string joinWords(const std::vector<NameWord>& words, std::size_t from, std::size_t to)
{
    std::string out;
    for (std::size_t i = from; i < to && i < words.size(); ++i)
    {
        if (!out.empty())
            out += ' ';
        out += words[i].word;
    }
    return out;
}

void splitGiven(const std::vector<NameWord>& given, PersonName& name)
{
    name.first = given.empty() ? std::string() : given.front().word;
    name.middle = joinWords(given, 1, given.size());
}

} // namespace

std::optional<PersonName> parsePersonName(std::string_view input)
{
    std::string text = text::cleanText(input);
    PersonName name;
    std::size_t comma = text.find(',');
    if (comma != std::string::npos)
    {
        std::string before = text.substr(0, comma);
        std::string after = text.substr(comma + 1);
        bool exact = true;
        auto family = nameWords(before, exact);
        auto given = nameWords(after, exact);
        if (!family || !given || family->empty() || given->empty())
            return std::nullopt;
        // "JOHN SMITH, JR.": the part after the comma is only a suffix.
        if (given->size() == 1 && suffixes().count(given->front().word) && family->size() >= 2)
        {
            name.suffix = normaliseSuffix(given->front().word);
            name.last = family->back().word;
            std::vector<NameWord> rest(family->begin(), family->end() - 1);
            splitGiven(rest, name);
            name.exact = exact;
            return name;
        }
        name.suffix = takeSuffix(*family);
        if (name.suffix.empty())
            name.suffix = takeSuffix(*given);
        if (family->empty() || given->empty())
            return std::nullopt;
        name.last = joinWords(*family, 0, family->size());
        splitGiven(*given, name);
        name.exact = exact;
        return name;
    }
    bool exact = true;
    auto words = nameWords(text, exact);
    if (!words)
        return std::nullopt;
    name.suffix = takeSuffix(*words);
    if (words->size() < 2)
        return std::nullopt;
    std::size_t lastBegin = words->size() - 1;
    while (lastBegin > 1 && particles().count((*words)[lastBegin - 1].word))
        --lastBegin;
    name.last = joinWords(*words, lastBegin, words->size());
    std::vector<NameWord> given(words->begin(), words->begin() + static_cast<std::ptrdiff_t>(lastBegin));
    splitGiven(given, name);
    name.exact = exact;
    return name;
}

std::optional<PersonName> parseNameFields(std::string_view familyText, std::string_view givenText)
{
    bool exact = true;
    auto family = nameWords(familyText, exact);
    auto given = nameWords(givenText, exact);
    if (!family || !given || family->empty() || given->empty())
        return std::nullopt;
    PersonName name;
    if (family->size() >= 2)
        name.suffix = takeSuffix(*family);
    if (name.suffix.empty() && given->size() >= 2)
        name.suffix = takeSuffix(*given);
    name.last = joinWords(*family, 0, family->size());
    splitGiven(*given, name);
    name.exact = exact;
    return name;
}

bool looksLikeOrganisation(std::string_view input)
{
    std::string text = upperAscii(text::cleanText(input));
    if (text.find('&') != std::string::npos)
        return true;
    static const std::set<std::string> strong = {
        "BANK",      "BANCORP",    "CREDIT",      "SAVINGS",     "TRUST",       "FINANCIAL",   "COMPANY",
        "CO",        "CORP",       "CORPORATION", "INC",         "INCORPORATED", "LLC",        "LLP",
        "LTD",       "PLC",        "GROUP",       "PARTNERS",    "SERVICES",    "SYSTEMS",     "SOLUTIONS",
        "ASSOCIATES", "HOLDINGS",  "ENTERPRISES", "INDUSTRIES",  "MANUFACTURING", "LOGISTICS", "CONSTRUCTION",
        "AEROSPACE", "COMPONENTS", "MEDICAL",     "HOSPITAL",    "CLINIC",      "SCHOOL",      "DISTRICT",
        "UNIVERSITY", "COUNTY",    "DEPARTMENT",  "AUTHORITY",   "UTILITY",     "UTILITIES",   "ELECTRIC",
        "ENERGY",    "SANITATION", "COOPERATIVE", "COMMUNICATIONS", "WIRELESS", "TELECOM",     "MUNICIPAL",
        "PAYROLL",   "HOSPITALITY", "MUTUAL",     "INSURANCE",   "INSTITUTE",   "FOUNDATION",  "AGENCY",
        "COMMISSION", "COOP",      "FCU",         "NA"};
    std::size_t i = 0;
    while (i < text.size())
    {
        std::size_t j = text.find(' ', i);
        if (j == std::string::npos)
            j = text.size();
        if (strong.count(text::alnumKey(text.substr(i, j - i))))
            return true;
        i = j + 1;
    }
    return false;
}

bool looksLikeNamePart(std::string_view input)
{
    bool exact = true;
    auto words = nameWords(input, exact);
    if (!words || words->empty() || words->size() > 5)
        return false;
    for (const NameWord& word : *words)
        if (organisationWords().count(text::alnumKey(word.word)))
            return false;
    return true;
}

double personNameLikelihood(std::string_view input)
{
    std::string text = text::cleanText(input);
    if (text.empty())
        return 0;
    for (char c : text)
        if (c == ':' || c == '$' || c == '@' || c == '/' || c == '&' || c == '#' || c == '*' || c == '(' ||
            c == '=' || c == '_' || c == '%' || c == '+')
            return 0;
    int digits = static_cast<int>(std::count_if(text.begin(), text.end(), isDigit));
    if (digits > 1)
        return 0;
    bool exact = true;
    auto words = nameWords(text, exact);
    if (!words || words->size() < 2 || words->size() > 7)
        return 0;
    double score = 1.0;
    int counted = 0;
    for (const NameWord& word : *words)
    {
        std::string key = text::alnumKey(word.word);
        if (organisationWords().count(key))
            return 0;
        if (!word.capitalised && !particles().count(key))
            return 0;
        // OCR's reading of a bar pattern ("TTT TOC DT"): a name word of three letters or more has a vowel.
        if (key.size() >= 3 && key.find_first_of("AEIOUY") == std::string::npos && !suffixes().count(key))
            return 0;
        if (!suffixes().count(key))
            ++counted;
    }
    if (counted < 2)
        return 0;
    if (counted > 5)
        score -= 0.3;
    if (!exact)
        score -= 0.2;
    return std::max(score, 0.0);
}

} // namespace proofdesk
