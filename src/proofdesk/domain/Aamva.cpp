#include "proofdesk/domain/Aamva.h"

#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/Utf8.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <utility>

namespace proofdesk
{

namespace
{

constexpr std::size_t npos = std::string_view::npos;

constexpr double BarcodeConfidence = 0.99;
// A value the card itself says was cut short, or one we had to guess the layout of, is still the barcode's
// but may not match the person's full name: reviewers should look at it.
constexpr double TruncatedConfidence = 0.8;
constexpr double RepairedConfidence = 0.9;

// The AAMVA IIN list (https://www.aamva.org/identity/issuer-identification-numbers-(iin)): the U.S. states,
// the District of Columbia and the territories, and the Canadian provinces and territories (whose cards
// write dates year first). Issuers without a USPS-style two-letter code are left out.
struct IinEntry
{
    std::string_view iin;
    std::string_view code;
    std::string_view country;
};

constexpr std::array<IinEntry, 68> IinTable = {{
    {"636000", "VA", "USA"}, {"636001", "NY", "USA"}, {"636002", "MA", "USA"}, {"636003", "MD", "USA"},
    {"636004", "NC", "USA"}, {"636005", "SC", "USA"}, {"636006", "CT", "USA"}, {"636007", "LA", "USA"},
    {"636008", "MT", "USA"}, {"636009", "NM", "USA"}, {"636010", "FL", "USA"}, {"636011", "DE", "USA"},
    {"636012", "ON", "CAN"}, {"636013", "NS", "CAN"}, {"636014", "CA", "USA"}, {"636015", "TX", "USA"},
    {"636016", "NL", "CAN"}, {"636017", "NB", "CAN"}, {"636018", "IA", "USA"}, {"636019", "GU", "USA"},
    {"636020", "CO", "USA"}, {"636021", "AR", "USA"}, {"636022", "KS", "USA"}, {"636023", "OH", "USA"},
    {"636024", "VT", "USA"}, {"636025", "PA", "USA"}, {"636026", "AZ", "USA"}, {"636028", "BC", "CAN"},
    {"636029", "OR", "USA"}, {"636030", "MO", "USA"}, {"636031", "WI", "USA"}, {"636032", "MI", "USA"},
    {"636033", "AL", "USA"}, {"636034", "ND", "USA"}, {"636035", "IL", "USA"}, {"636036", "NJ", "USA"},
    {"636037", "IN", "USA"}, {"636038", "MN", "USA"}, {"636039", "NH", "USA"}, {"636040", "UT", "USA"},
    {"636041", "ME", "USA"}, {"636042", "SD", "USA"}, {"636043", "DC", "USA"}, {"636044", "SK", "CAN"},
    {"636045", "WA", "USA"}, {"636046", "KY", "USA"}, {"636047", "HI", "USA"}, {"636048", "MB", "CAN"},
    {"636049", "NV", "USA"}, {"636050", "ID", "USA"}, {"636051", "MS", "USA"}, {"636052", "RI", "USA"},
    {"636053", "TN", "USA"}, {"636054", "NE", "USA"}, {"636055", "GA", "USA"}, {"636058", "OK", "USA"},
    {"636059", "AK", "USA"}, {"636060", "WY", "USA"}, {"636061", "WV", "USA"}, {"636062", "VI", "USA"},
    {"604426", "PE", "CAN"}, {"604427", "AS", "USA"}, {"604428", "QC", "CAN"}, {"604429", "YT", "CAN"},
    {"604430", "MP", "USA"}, {"604431", "PR", "USA"}, {"604432", "AB", "CAN"}, {"604433", "NU", "CAN"},
}};

char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isAlpha(char c)
{
    char u = upper(c);
    return u >= 'A' && u <= 'Z';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\0';
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (upper(a[i]) != upper(b[i]))
            return false;
    return true;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

// Upper case, inner runs of spaces collapsed to one; the form every text field of the contract takes.
std::string normaliseText(std::string_view s)
{
    std::string out;
    bool space = false;
    for (char c : trim(s))
    {
        if (isSpace(c))
        {
            space = true;
            continue;
        }
        if (space && !out.empty())
            out += ' ';
        space = false;
        out += upper(c);
    }
    return out;
}

std::optional<int> readNumber(std::string_view s, std::size_t pos, std::size_t digits)
{
    if (pos > s.size() || s.size() - pos < digits)
        return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + digits; ++i)
    {
        if (!isDigit(s[i]))
            return std::nullopt;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

// Values are meant to be ASCII; bytes that are not UTF-8 come from the PDF417 default character set,
// ISO 8859-1, and are carried over so that everything downstream holds UTF-8. Control bytes are noise.
std::string cleanValue(std::string_view raw, bool& transcoded)
{
    std::string value;
    for (char c : raw)
        value += (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') ? ' ' : c;
    if (decodeUtf8(value))
        return std::string(trim(value));
    transcoded = true;
    std::string utf8;
    for (char c : value)
        appendUtf8(utf8, static_cast<char32_t>(static_cast<unsigned char>(c)));
    return std::string(trim(utf8));
}

// A data element starts with a three-letter ID; those of the DL and ID subfiles all begin with D.
bool isElementId(std::string_view s, std::size_t pos)
{
    return pos + 3 <= s.size() && upper(s[pos]) == 'D' && isAlpha(s[pos + 1]) && isAlpha(s[pos + 2]);
}

bool isCardSubfileType(std::string_view type)
{
    return equalsIgnoreCase(type, "DL") || equalsIgnoreCase(type, "ID");
}

// Where a DL or ID subfile's first element begins, when `pos` is the start of one ("DLDAQ...", and some
// issuers put a line break after the type).
std::optional<std::size_t> subfileBody(std::string_view s, std::size_t pos)
{
    if (pos + 2 > s.size() || !isCardSubfileType(s.substr(pos, 2)))
        return std::nullopt;
    std::size_t body = pos + 2;
    while (body < s.size() && (s[body] == '\n' || s[body] == '\r'))
        ++body;
    if (!isElementId(s, body))
        return std::nullopt;
    return body;
}

// The first DL or ID subfile at or after `from`, found by its content rather than by the designators.
std::optional<std::size_t> scanForSubfile(std::string_view s, std::size_t from)
{
    for (std::size_t i = from; i + 2 <= s.size(); ++i)
        if (subfileBody(s, i))
            return i;
    return std::nullopt;
}

struct Designator
{
    std::string type;
    int offset = 0;
    int length = 0;
};

std::optional<Designator> readDesignator(std::string_view s, std::size_t pos)
{
    if (pos + 10 > s.size() || !isAlpha(s[pos]) || !(isAlpha(s[pos + 1]) || isDigit(s[pos + 1])))
        return std::nullopt;
    std::optional<int> offset = readNumber(s, pos + 2, 4);
    std::optional<int> length = readNumber(s, pos + 6, 4);
    if (!offset || !length)
        return std::nullopt;
    return Designator{upperAscii(s.substr(pos, 2)), *offset, *length};
}

// The header after the file type: IIN, version, [jurisdiction version,] number of entries. Version 1 and
// the pre-standard version 0 have no jurisdiction version; some issuers disagree, so both layouts are
// tried, the version's own first, and the one followed by a readable designator wins.
struct HeaderLayout
{
    int entries = 0;
    std::size_t designators = 0;
    bool designatorReadable = false;
};

std::optional<HeaderLayout> readHeaderLayout(std::string_view s, std::size_t afterVersion, int version)
{
    std::optional<HeaderLayout> fallback;
    for (bool withJurisdictionVersion : {version >= 2, version < 2})
    {
        std::size_t entriesAt = afterVersion + (withJurisdictionVersion ? 2 : 0);
        if (withJurisdictionVersion && !readNumber(s, afterVersion, 2))
            continue;
        std::optional<int> entries = readNumber(s, entriesAt, 2);
        if (!entries)
            continue;
        HeaderLayout layout{*entries, entriesAt + 2, readDesignator(s, entriesAt + 2).has_value()};
        if (layout.designatorReadable)
            return layout;
        if (!fallback)
            fallback = layout;
    }
    return fallback;
}

struct SubfileElements
{
    std::map<std::string, std::string> elements;
    bool lastUnterminated = false; // data ended inside the last element's line
    std::string lastId;
};

// Reads "IDvalue" lines from `body` to the end of the subfile: a segment terminator (a lone CR) not
// followed by another element, the start of another subfile, or the end of the data. LF, CRLF and a lone
// CR between elements are all accepted as separators.
SubfileElements readElements(std::string_view s, std::size_t body, std::vector<std::string>& notes)
{
    SubfileElements out;
    bool transcoded = false;
    bool ignoredLines = false;
    std::size_t pos = body;
    while (pos < s.size())
    {
        std::size_t end = s.find_first_of("\r\n", pos);
        bool terminated = end != npos;
        if (!terminated)
            end = s.size();
        std::string_view line = s.substr(pos, end - pos);
        while (!line.empty() && isSpace(line.front()))
            line.remove_prefix(1);

        // Next subfile: a jurisdiction-specific one ("ZC...") or another card subfile.
        if (line.size() >= 2 && upper(line[0]) == 'Z' && isAlpha(line[1]))
            break;
        if (line.size() >= 5 && isCardSubfileType(line.substr(0, 2)) && isElementId(line, 2))
            break;

        if (isElementId(line, 0))
        {
            std::string id = upperAscii(line.substr(0, 3));
            std::string value = cleanValue(line.substr(3), transcoded);
            if (out.elements.count(id))
                notes.push_back("element " + id + " repeated; the first value is kept");
            else if (!value.empty())
                out.elements.emplace(id, value);
            out.lastId = id;
            out.lastUnterminated = !terminated;
        }
        else if (!trim(line).empty())
        {
            ignoredLines = true;
        }
        if (!terminated)
            break;

        pos = end + 1;
        if (s[end] == '\r')
        {
            if (pos < s.size() && s[pos] == '\n')
                ++pos; // CRLF used as the element separator
            else if (!isElementId(s, pos))
                break; // the segment terminator
        }
    }
    if (transcoded)
        notes.push_back("values that were not UTF-8 were read as ISO 8859-1");
    if (ignoredLines)
        notes.push_back("lines that are not data elements were ignored");
    return out;
}

bool validDate(int year, int month, int day)
{
    if (year < 1850 || year > 2199 || month < 1 || month > 12 || day < 1)
        return false;
    static constexpr std::array<int, 12> days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day > days[static_cast<std::size_t>(month - 1)])
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

std::optional<std::string> dateIn(std::string_view digits, bool yearFirst)
{
    int a = *readNumber(digits, 0, 2);
    int b = *readNumber(digits, 2, 2);
    int c = *readNumber(digits, 4, 2);
    int d = *readNumber(digits, 6, 2);
    int year = yearFirst ? a * 100 + b : c * 100 + d;
    int month = yearFirst ? c : a;
    int day = yearFirst ? d : b;
    if (!validDate(year, month, day))
        return std::nullopt;
    std::string iso = std::to_string(year) + '-';
    iso += static_cast<char>('0' + month / 10);
    iso += static_cast<char>('0' + month % 10);
    iso += '-';
    iso += static_cast<char>('0' + day / 10);
    iso += static_cast<char>('0' + day % 10);
    return iso;
}

std::string twoDigits(int n)
{
    std::string s;
    s += static_cast<char>('0' + (n / 10) % 10);
    s += static_cast<char>('0' + n % 10);
    return s;
}

bool isNoValue(const std::string& upperValue)
{
    return upperValue.empty() || upperValue == "NONE" || upperValue == "UNAVL" || upperValue == "N/A" ||
           upperValue == "NA";
}

std::vector<std::string> splitNames(std::string_view s)
{
    std::vector<std::string> parts;
    std::string current;
    for (char c : s)
    {
        if (c == ',' || isSpace(c))
        {
            if (!current.empty())
                parts.push_back(current);
            current.clear();
        }
        else
        {
            current += upper(c);
        }
    }
    if (!current.empty())
        parts.push_back(current);
    return parts;
}

std::string joinNames(const std::vector<std::string>& parts, std::size_t from)
{
    std::string out;
    for (std::size_t i = from; i < parts.size(); ++i)
    {
        if (!out.empty())
            out += ' ';
        out += parts[i];
    }
    return out;
}

bool isNameSuffix(const std::string& s)
{
    for (std::string_view suffix : {"JR", "SR", "JR.", "SR.", "II", "III", "IV", "V", "1ST", "2ND", "3RD"})
        if (s == suffix)
            return true;
    return false;
}

// A trailing USPS secondary unit ("APT 4B", "UNIT 12", "#12") of a street line, which many issuers write
// into DAG when DAH is empty: the contract has it as address_line2. The unit must hold a digit or be a
// single letter, so street names ("12 LOT ST") are not taken for units.
std::pair<std::string, std::string> splitSecondaryUnit(const std::string& street)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> designators = {{
        {"APT", "APT"},   {"APARTMENT", "APT"}, {"STE", "STE"},   {"SUITE", "STE"},    {"UNIT", "UNIT"},
        {"BLDG", "BLDG"}, {"BUILDING", "BLDG"}, {"FL", "FL"},     {"FLOOR", "FL"},     {"RM", "RM"},
        {"ROOM", "RM"},   {"LOT", "LOT"},       {"TRLR", "TRLR"}, {"TRAILER", "TRLR"}, {"SPC", "SPC"},
        {"SPACE", "SPC"}, {"DEPT", "DEPT"},     {"HNGR", "HNGR"}, {"PIER", "PIER"},    {"SLIP", "SLIP"},
        {"STOP", "STOP"}, {"#", "#"},
    }};
    auto isUnit = [](std::string_view unit)
    {
        bool digit = false;
        for (char c : unit)
        {
            if (!isDigit(c) && !isAlpha(c) && c != '-')
                return false;
            digit = digit || isDigit(c);
        }
        return digit || (unit.size() == 1 && isAlpha(unit[0]));
    };
    std::vector<std::string> words = splitNames(street);
    std::size_t n = words.size();
    if (n >= 3 && words[n - 1].size() > 1 && words[n - 1][0] == '#' &&
        isUnit(std::string_view(words[n - 1]).substr(1)))
        return {joinNames(std::vector<std::string>(words.begin(), words.end() - 1), 0),
                "# " + words[n - 1].substr(1)};
    if (n >= 4 && isUnit(words[n - 1]))
        for (const auto& [written, standard] : designators)
            if (words[n - 2] == written)
                return {joinNames(std::vector<std::string>(words.begin(), words.end() - 2), 0),
                        std::string(standard) + " " + words[n - 1]};
    return {street, ""};
}

class ExtractionBuilder
{
public:
    explicit ExtractionBuilder(const AamvaResult& result) : _result(result)
    {
        _extraction.notes = result.notes;
    }

    std::optional<std::string> element(const char* id) const
    {
        auto it = _result.elements.find(id);
        if (it == _result.elements.end())
            return std::nullopt;
        std::string value = normaliseText(it->second);
        if (isNoValue(value))
            return std::nullopt;
        return value;
    }

    void put(const std::string& name, const std::string& value, double confidence)
    {
        if (value.empty())
            return;
        ExtractedField field;
        field.value = value;
        field.confidence = confidence;
        field.source = FieldSource::Pdf417;
        _extraction.fields[name] = std::move(field);
    }

    void note(const std::string& text) { _extraction.notes.push_back(text); }

    void names();
    void dates();
    void address();
    void identity();

    Extraction take() { return std::move(_extraction); }

private:
    double truncationConfidence(const char* flagId, const char* what)
    {
        std::optional<std::string> flag = element(flagId);
        if (flag && *flag == "T")
        {
            note(std::string(what) + " is truncated on the card (" + flagId + "=T)");
            return TruncatedConfidence;
        }
        return BarcodeConfidence;
    }

    void dateField(const char* id, const std::string& name, bool yearFirst);

    const AamvaResult& _result;
    Extraction _extraction;
};

void ExtractionBuilder::names()
{
    std::string last;
    std::string first;
    std::string middle;
    double nameConfidence = BarcodeConfidence;

    if (std::optional<std::string> v = element("DCS"))
        last = *v;
    else if (std::optional<std::string> v1 = element("DAB"))
        last = *v1;

    std::optional<std::string> dac = element("DAC");
    std::optional<std::string> dad = element("DAD");
    std::optional<std::string> dct = element("DCT");
    if (dac && (dad || _result.version >= 4))
    {
        first = *dac; // since 2009 the first name is its own element and may hold two words
    }
    else if (dac || dct)
    {
        // Given names in one element (DCT, or DAC before 2009): the first one first, the rest middle.
        std::vector<std::string> given = splitNames(dac ? *dac : *dct);
        if (!given.empty())
            first = given[0];
        middle = joinNames(given, 1);
    }
    if (dad)
        middle = joinNames(splitNames(*dad), 0);

    // Version 1 and older cards may carry only the full name: "LAST,FIRST,MIDDLE[,SUFFIX]".
    if (std::optional<std::string> daa = element("DAA"); daa && (last.empty() || first.empty()))
    {
        std::vector<std::string> parts;
        if (daa->find(',') != npos)
        {
            std::string part;
            for (char c : *daa + ",")
            {
                if (c == ',')
                {
                    parts.push_back(normaliseText(part));
                    part.clear();
                }
                else
                {
                    part += c;
                }
            }
            if (parts.size() >= 4 && isNameSuffix(parts.back()))
            {
                note("name suffix " + parts.back() + " (DAA)");
                parts.pop_back();
            }
            if (last.empty() && !parts.empty())
                last = parts[0];
            if (first.empty() && parts.size() > 1)
                first = parts[1];
            if (middle.empty() && parts.size() > 2)
            {
                std::vector<std::string> rest;
                for (std::size_t i = 2; i < parts.size(); ++i)
                    for (const std::string& name : splitNames(parts[i]))
                        rest.push_back(name);
                middle = joinNames(rest, 0);
            }
        }
        else
        {
            // No commas: "FIRST [MIDDLE...] LAST" is the usual order, but it is a guess.
            parts = splitNames(*daa);
            if (parts.size() >= 3 && isNameSuffix(parts.back()))
            {
                note("name suffix " + parts.back() + " (DAA)");
                parts.pop_back();
            }
            if (parts.size() >= 2)
            {
                if (last.empty())
                    last = parts.back();
                if (first.empty())
                    first = parts.front();
                if (middle.empty())
                    middle = joinNames(std::vector<std::string>(parts.begin() + 1, parts.end() - 1), 0);
                nameConfidence = TruncatedConfidence;
                note("name read from DAA without separators; first/middle/last order assumed");
            }
        }
    }

    for (const char* suffixId : {"DCU", "DAE"})
        if (std::optional<std::string> suffix = element(suffixId))
            note("name suffix " + *suffix + " (" + suffixId + ")");

    put("last_name", last, std::min(nameConfidence, truncationConfidence("DDE", "last name")));
    put("first_name", first, std::min(nameConfidence, truncationConfidence("DDF", "first name")));
    put("middle_name", middle, std::min(nameConfidence, truncationConfidence("DDG", "middle name")));
}

void ExtractionBuilder::dateField(const char* id, const std::string& name, bool yearFirst)
{
    auto it = _result.elements.find(id);
    if (it == _result.elements.end())
        return;
    std::string digits;
    for (char c : it->second)
        if (isDigit(c))
            digits += c;
        else if (!isSpace(c) && c != '-' && c != '/')
            digits += 'x';
    if (digits.size() != 8 || digits.find('x') != npos)
    {
        note(name + " (" + id + ") is not an 8-digit date: \"" + it->second + "\"; left out");
        return;
    }
    if (std::optional<std::string> iso = dateIn(digits, yearFirst))
    {
        put(name, *iso, BarcodeConfidence);
        return;
    }
    // Some issuers use the other order than their version and country call for; the two cannot be
    // confused (a month is never 19 or 20), so the other reading is taken, with a note.
    if (std::optional<std::string> iso = dateIn(digits, !yearFirst))
    {
        note(name + " (" + id + ") \"" + digits + "\" read as " + (yearFirst ? "MMDDCCYY" : "CCYYMMDD") +
             ", not the expected " + (yearFirst ? "CCYYMMDD" : "MMDDCCYY"));
        put(name, *iso, RepairedConfidence);
        return;
    }
    note(name + " (" + id + ") \"" + digits + "\" is not a valid date; left out");
}

void ExtractionBuilder::dates()
{
    // MMDDCCYY in U.S. cards since version 2; CCYYMMDD in Canada and in versions 0 and 1.
    bool yearFirst = _result.version <= 1 || _result.country == "CAN";
    dateField("DBB", "date_of_birth", yearFirst);
    dateField("DBD", "issue_date", yearFirst);
    dateField("DBA", "expiration_date", yearFirst);
}

void ExtractionBuilder::address()
{
    std::optional<std::string> dah = element("DAH");
    if (std::optional<std::string> v = element("DAG"))
    {
        auto [line1, unit] = dah ? std::pair<std::string, std::string>(*v, "") : splitSecondaryUnit(*v);
        put("address_line1", line1, BarcodeConfidence);
        put("address_line2", unit, BarcodeConfidence);
    }
    if (dah)
        put("address_line2", *dah, BarcodeConfidence);
    if (std::optional<std::string> v = element("DAI"))
        put("city", *v, BarcodeConfidence);
    if (std::optional<std::string> v = element("DAJ"))
    {
        if (v->size() == 2 && isAlpha((*v)[0]) && isAlpha((*v)[1]))
            put("state", *v, BarcodeConfidence);
        else
            note("state (DAJ) \"" + *v + "\" is not a two-letter code; left out");
    }

    std::optional<std::string> dak = element("DAK");
    if (!dak)
        return;
    std::string compact;
    for (char c : *dak)
        if (c != ' ' && c != '-')
            compact += c;
    bool allDigits = !compact.empty();
    for (char c : compact)
        allDigits = allDigits && isDigit(c);
    if (allDigits && compact.size() >= 9)
    {
        // ZIP+4 is written as nine digits; "0000" as the last four is padding, not an add-on.
        std::string plus4 = compact.substr(5, 4);
        if (compact.size() > 9 && compact.find_first_not_of('0', 9) != npos)
            note("postal code (DAK) \"" + *dak + "\" has digits beyond ZIP+4; ignored");
        put("postal_code", plus4 == "0000" ? compact.substr(0, 5) : compact.substr(0, 5) + "-" + plus4,
            BarcodeConfidence);
    }
    else if (allDigits && compact.size() == 5)
    {
        put("postal_code", compact, BarcodeConfidence);
    }
    else if (compact.size() == 6 && isAlpha(compact[0]) && isDigit(compact[1]) && isAlpha(compact[2]) &&
             isDigit(compact[3]) && isAlpha(compact[4]) && isDigit(compact[5]))
    {
        put("postal_code", compact.substr(0, 3) + " " + compact.substr(3), BarcodeConfidence); // Canada
    }
    else
    {
        note("postal code (DAK) \"" + *dak + "\" is neither a ZIP, a ZIP+4 nor a Canadian code; left out");
    }
}

void ExtractionBuilder::identity()
{
    if (std::optional<std::string> v = element("DAQ"))
        put("document_number", *v, BarcodeConfidence);
    if (!_result.jurisdiction.empty())
        put("issuing_authority", _result.jurisdiction, BarcodeConfidence);
    if (std::optional<std::string> v = element("DBC"))
    {
        if (*v == "1" || *v == "M")
            put("sex", "M", BarcodeConfidence);
        else if (*v == "2" || *v == "F")
            put("sex", "F", BarcodeConfidence);
        else if (*v == "9" || *v == "X")
            put("sex", "X", BarcodeConfidence);
        else
            note("sex (DBC) \"" + *v + "\" is not a known code; left out");
    }
}

} // namespace

std::optional<AamvaJurisdiction> aamvaJurisdictionForIin(std::string_view iin)
{
    for (const IinEntry& entry : IinTable)
        if (entry.iin == iin)
            return AamvaJurisdiction{std::string(entry.code), std::string(entry.country)};
    return std::nullopt;
}

AamvaResult parseAamva(std::string_view payload)
{
    AamvaResult result;
    std::vector<std::string>& notes = result.notes;

    // The header: '@' LF RS CR, then the file type "ANSI " ("AAMVA" on some older cards). Scanners may
    // prepend bytes and issuers get the separators wrong, so the file type is what anchors it.
    std::size_t fileType = npos;
    std::size_t afterFileType = 0;
    for (std::size_t i = 0; i + 4 <= payload.size() && fileType == npos; ++i)
    {
        if (equalsIgnoreCase(payload.substr(i, 4), "ANSI"))
        {
            fileType = i;
            afterFileType = i + 4;
        }
        else if (i + 5 <= payload.size() && equalsIgnoreCase(payload.substr(i, 5), "AAMVA"))
        {
            fileType = i;
            afterFileType = i + 5;
        }
    }
    if (fileType == npos)
    {
        notes.push_back("no AAMVA header (file type \"ANSI \" or \"AAMVA\") in the data");
        return result;
    }
    std::size_t base = fileType >= 4 ? fileType - 4 : 0;
    if (std::size_t at = payload.rfind('@', fileType); at != npos && fileType - at <= 4)
        base = at;
    else
        notes.push_back("compliance indicator '@' missing before the file type");
    if (fileType - base != 4)
        notes.push_back("header separators are not LF RS CR");

    std::size_t pos = afterFileType;
    while (pos < payload.size() && isSpace(payload[pos]))
        ++pos;
    if (pos + 8 > payload.size() || !readNumber(payload, pos, 6))
    {
        notes.push_back("AAMVA header truncated or without a 6-digit IIN");
        return result;
    }
    result.iin = std::string(payload.substr(pos, 6));
    std::optional<int> version = readNumber(payload, pos + 6, 2);
    if (!version)
    {
        notes.push_back("AAMVA header without a 2-digit version number");
        return result;
    }
    result.version = *version;
    if (result.version > 10)
        notes.push_back("AAMVA version " + twoDigits(result.version) +
                        " is newer than this reader knows (10)");

    // Designators: which subfiles there are and where. When they are unreadable or point to the wrong
    // place, the subfile is found by its content.
    std::optional<HeaderLayout> layout = readHeaderLayout(payload, pos + 8, result.version);
    std::size_t searchFrom = pos + 8;
    std::optional<Designator> card;
    if (layout)
    {
        searchFrom = layout->designators;
        for (int i = 0; i < layout->entries; ++i)
        {
            std::optional<Designator> d =
                readDesignator(payload, layout->designators + 10 * static_cast<std::size_t>(i));
            if (!d)
            {
                notes.push_back("only " + std::to_string(i) + " of " + std::to_string(layout->entries) +
                                " subfile designators are readable");
                break;
            }
            searchFrom = layout->designators + 10 * static_cast<std::size_t>(i + 1);
            if (!card && isCardSubfileType(d->type))
                card = d;
        }
    }
    else
    {
        notes.push_back("AAMVA header without a readable number of entries");
    }

    std::optional<std::size_t> start;
    bool declaredPlace = false;
    if (card)
    {
        std::size_t declared = base + static_cast<std::size_t>(card->offset);
        if (declared < payload.size() && subfileBody(payload, declared) &&
            equalsIgnoreCase(payload.substr(declared, 2), card->type))
        {
            start = declared;
            declaredPlace = true;
        }
        else
        {
            notes.push_back(card->type + " subfile not at its declared offset " +
                            std::to_string(card->offset) + "; found by scanning");
        }
    }
    if (!start)
        start = scanForSubfile(payload, searchFrom);
    if (!start && searchFrom > pos + 8)
        start = scanForSubfile(payload, pos + 8);
    if (!start)
    {
        notes.push_back("no DL or ID subfile in the data");
        return result;
    }
    result.subfileType = upperAscii(payload.substr(*start, 2));

    SubfileElements read = readElements(payload, *subfileBody(payload, *start), notes);
    bool truncated = declaredPlace && *start + static_cast<std::size_t>(card->length) > payload.size();
    if (truncated)
    {
        notes.push_back("payload truncated: the " + result.subfileType + " subfile is declared " +
                        std::to_string(card->length) + " bytes long, " +
                        std::to_string(payload.size() - *start) + " are present");
        if (read.lastUnterminated && read.elements.count(read.lastId))
        {
            notes.push_back("element " + read.lastId + " may be cut short; left out");
            read.elements.erase(read.lastId);
        }
    }
    else if (read.lastUnterminated)
    {
        notes.push_back("no segment terminator after the last element");
    }
    result.elements = std::move(read.elements);
    if (result.elements.empty())
    {
        notes.push_back("the " + result.subfileType + " subfile holds no data elements");
        return result;
    }
    result.found = true;

    std::optional<AamvaJurisdiction> issuer = aamvaJurisdictionForIin(result.iin);
    if (auto it = result.elements.find("DCG"); it != result.elements.end())
    {
        std::string country = normaliseText(it->second);
        if (country == "USA" || country == "CAN")
            result.country = country;
    }
    if (result.country.empty() && issuer)
        result.country = issuer->country;

    std::string state;
    if (auto it = result.elements.find("DAJ"); it != result.elements.end())
    {
        state = normaliseText(it->second);
        if (state.size() != 2 || !isAlpha(state[0]) || !isAlpha(state[1]))
            state.clear();
    }
    if (issuer)
    {
        result.jurisdiction = issuer->code;
        if (!state.empty() && state != issuer->code)
            notes.push_back("IIN " + result.iin + " is " + issuer->code + " but the address state (DAJ) is " +
                            state);
    }
    else
    {
        notes.push_back("IIN " + result.iin + " is not on the AAMVA IIN list");
        result.jurisdiction = state;
    }
    return result;
}

Extraction aamvaExtraction(const AamvaResult& result)
{
    if (!result.found)
    {
        Extraction none;
        none.notes = result.notes;
        return none;
    }
    ExtractionBuilder builder(result);
    builder.names();
    builder.dates();
    builder.address();
    builder.identity();
    Extraction extraction = builder.take();
    extraction.documentType = result.subfileType == "ID" ? "state_id" : "drivers_license";
    return extraction;
}

} // namespace proofdesk
