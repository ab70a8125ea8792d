#include "proofdesk/domain/AddressText.h"

#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/DocumentLayout.h"
#include "proofdesk/domain/Registration.h"

#include <algorithm>
#include <map>
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

bool hasLetter(std::string_view s)
{
    return std::any_of(s.begin(), s.end(), isLetter);
}

bool hasDigit(std::string_view s)
{
    return std::any_of(s.begin(), s.end(), isDigit);
}

// Upper case, commas as spaces, periods dropped (except a decimal point), then split at spaces.
std::vector<std::string> addressWords(std::string_view line)
{
    std::string cleaned = upperAscii(text::cleanText(line));
    std::string spaced;
    for (std::size_t i = 0; i < cleaned.size(); ++i)
    {
        char c = cleaned[i];
        if (c == ',' || c == ';')
            spaced += ' ';
        else if (c == '#' && !spaced.empty() && spaced.back() != ' ')
            spaced += " #"; // "PL#C": a lost space before the unit
        else if (c == '.')
        {
            // A decimal point stays; other periods go ("P.O." -> "PO", "St." -> "ST"), leaving a space when a
            // word follows at once ("Apt.4B" -> "APT 4B").
            std::size_t run = 0;
            while (run < i && isLetter(cleaned[i - 1 - run]))
                ++run;
            bool nextAlnum = i + 1 < cleaned.size() && (isLetter(cleaned[i + 1]) || isDigit(cleaned[i + 1]));
            if (i > 0 && isDigit(cleaned[i - 1]) && i + 1 < cleaned.size() && isDigit(cleaned[i + 1]))
                spaced += c;
            else if (nextAlnum && run >= 2)
                spaced += ' ';
        }
        else
            spaced += c;
    }
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < spaced.size())
    {
        std::size_t j = spaced.find(' ', i);
        if (j == std::string::npos)
            j = spaced.size();
        if (j > i)
            words.push_back(spaced.substr(i, j - i));
        i = j + 1;
    }
    return words;
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to)
{
    std::string out;
    for (std::size_t i = from; i < to && i < words.size(); ++i)
    {
        if (!out.empty())
            out += ' ';
        out += words[i];
    }
    return out;
}

// Digits read from a token whose characters are digits or OCR look-alikes of digits, with at least one
// real digit; nullopt otherwise.
std::optional<std::string> digitsOf(std::string_view token, bool& exact)
{
    std::string out;
    bool real = false;
    for (char c : token)
    {
        char d = text::digitLookalike(c);
        if (d == '\0')
            return std::nullopt;
        if (isDigit(c))
            real = true;
        else
            exact = false;
        out += d;
    }
    if (!real)
        return std::nullopt;
    return out;
}

const std::map<std::string, std::string>& directionals()
{
    static const std::map<std::string, std::string> table = {
        {"N", "N"},         {"S", "S"},         {"E", "E"},         {"W", "W"},
        {"NE", "NE"},       {"NW", "NW"},       {"SE", "SE"},       {"SW", "SW"},
        {"NORTH", "N"},     {"SOUTH", "S"},     {"EAST", "E"},      {"WEST", "W"},
        {"NORTHEAST", "NE"}, {"NORTHWEST", "NW"}, {"SOUTHEAST", "SE"}, {"SOUTHWEST", "SW"}};
    return table;
}

// USPS Publication 28, appendix C1: the common street suffixes, each written out and abbreviated, with
// the variants seen in print, to the standard abbreviation.
const std::map<std::string, std::string>& streetSuffixes()
{
    static const std::map<std::string, std::string> table = [] {
        const std::vector<std::pair<std::string, std::vector<std::string>>> groups = {
            {"ALY", {"ALLEY", "ALLY", "ALY"}},
            {"ANX", {"ANNEX", "ANX"}},
            {"ARC", {"ARCADE", "ARC"}},
            {"AVE", {"AVENUE", "AVE", "AV", "AVEN", "AVENU", "AVN", "AVNUE"}},
            {"BYU", {"BAYOU", "BYU"}},
            {"BCH", {"BEACH", "BCH"}},
            {"BND", {"BEND", "BND"}},
            {"BLF", {"BLUFF", "BLF"}},
            {"BLVD", {"BOULEVARD", "BLVD", "BOUL", "BOULV"}},
            {"BR", {"BRANCH", "BR"}},
            {"BRG", {"BRIDGE", "BRG"}},
            {"BRK", {"BROOK", "BRK"}},
            {"BYP", {"BYPASS", "BYP"}},
            {"CP", {"CAMP", "CP"}},
            {"CYN", {"CANYON", "CYN"}},
            {"CPE", {"CAPE", "CPE"}},
            {"CSWY", {"CAUSEWAY", "CSWY"}},
            {"CTR", {"CENTER", "CENTRE", "CTR", "CNTR"}},
            {"CIR", {"CIRCLE", "CIR", "CIRC", "CRCL"}},
            {"CLF", {"CLIFF", "CLF"}},
            {"CLB", {"CLUB", "CLB"}},
            {"CMN", {"COMMON", "CMN"}},
            {"COR", {"CORNER", "COR"}},
            {"CRSE", {"COURSE", "CRSE"}},
            {"CT", {"COURT", "CT"}},
            {"CTS", {"COURTS", "CTS"}},
            {"CV", {"COVE", "CV"}},
            {"CRK", {"CREEK", "CRK"}},
            {"CRES", {"CRESCENT", "CRES"}},
            {"CRST", {"CREST", "CRST"}},
            {"XING", {"CROSSING", "XING", "CRSSNG"}},
            {"CURV", {"CURVE", "CURV"}},
            {"DL", {"DALE", "DL"}},
            {"DR", {"DRIVE", "DR", "DRV", "DRIV"}},
            {"EST", {"ESTATE", "EST"}},
            {"ESTS", {"ESTATES", "ESTS"}},
            {"EXPY", {"EXPRESSWAY", "EXPY"}},
            {"EXT", {"EXTENSION", "EXT"}},
            {"FLS", {"FALLS", "FLS"}},
            {"FRY", {"FERRY", "FRY"}},
            {"FLD", {"FIELD", "FLD"}},
            {"FLDS", {"FIELDS", "FLDS"}},
            {"FRST", {"FOREST", "FRST"}},
            {"FRK", {"FORK", "FRK"}},
            {"FT", {"FORT", "FT"}},
            {"FWY", {"FREEWAY", "FWY"}},
            {"GDN", {"GARDEN", "GDN"}},
            {"GDNS", {"GARDENS", "GDNS"}},
            {"GTWY", {"GATEWAY", "GTWY"}},
            {"GLN", {"GLEN", "GLN"}},
            {"GRN", {"GREEN", "GRN"}},
            {"GRV", {"GROVE", "GRV"}},
            {"HBR", {"HARBOR", "HARBOUR", "HBR"}},
            {"HVN", {"HAVEN", "HVN"}},
            {"HTS", {"HEIGHTS", "HTS", "HTS"}},
            {"HWY", {"HIGHWAY", "HWY", "HWAY"}},
            {"HL", {"HILL", "HL"}},
            {"HLS", {"HILLS", "HLS"}},
            {"HOLW", {"HOLLOW", "HOLW"}},
            {"IS", {"ISLAND", "IS"}},
            {"JCT", {"JUNCTION", "JCT"}},
            {"KNL", {"KNOLL", "KNL"}},
            {"LK", {"LAKE", "LK"}},
            {"LKS", {"LAKES", "LKS"}},
            {"LNDG", {"LANDING", "LNDG"}},
            {"LN", {"LANE", "LN"}},
            {"LOOP", {"LOOP"}},
            {"MALL", {"MALL"}},
            {"MNR", {"MANOR", "MNR"}},
            {"MDW", {"MEADOW", "MDW"}},
            {"MDWS", {"MEADOWS", "MDWS"}},
            {"ML", {"MILL", "ML"}},
            {"MT", {"MOUNT", "MT"}},
            {"MTN", {"MOUNTAIN", "MTN"}},
            {"ORCH", {"ORCHARD", "ORCH"}},
            {"OVAL", {"OVAL"}},
            {"PARK", {"PARK"}},
            {"PKWY", {"PARKWAY", "PKWY", "PKY", "PARKWY", "PKWAY"}},
            {"PASS", {"PASS"}},
            {"PATH", {"PATH"}},
            {"PIKE", {"PIKE"}},
            {"PNES", {"PINES", "PNES"}},
            {"PL", {"PLACE", "PL"}},
            {"PLZ", {"PLAZA", "PLZ"}},
            {"PT", {"POINT", "PT"}},
            {"PR", {"PRAIRIE", "PR"}},
            {"RNCH", {"RANCH", "RNCH"}},
            {"RDG", {"RIDGE", "RDG"}},
            {"RIV", {"RIVER", "RIV"}},
            {"RD", {"ROAD", "RD"}},
            {"RTE", {"ROUTE", "RTE"}},
            {"ROW", {"ROW"}},
            {"RUN", {"RUN"}},
            {"SHR", {"SHORE", "SHR"}},
            {"SHRS", {"SHORES", "SHRS"}},
            {"SPG", {"SPRING", "SPG"}},
            {"SPGS", {"SPRINGS", "SPGS"}},
            {"SQ", {"SQUARE", "SQ", "SQR"}},
            {"STA", {"STATION", "STA"}},
            {"ST", {"STREET", "ST", "STR", "STRT"}},
            {"SMT", {"SUMMIT", "SMT"}},
            {"TER", {"TERRACE", "TER", "TERR"}},
            {"TRCE", {"TRACE", "TRCE"}},
            {"TRL", {"TRAIL", "TRL", "TRAILS", "TRLS"}},
            {"TPKE", {"TURNPIKE", "TPKE"}},
            {"VLY", {"VALLEY", "VLY"}},
            {"VW", {"VIEW", "VW"}},
            {"VLG", {"VILLAGE", "VLG"}},
            {"VIS", {"VISTA", "VIS"}},
            {"WALK", {"WALK"}},
            {"WAY", {"WAY", "WY"}},
            {"WLS", {"WELLS", "WLS"}},
        };
        std::map<std::string, std::string> out;
        for (const auto& [abbreviation, forms] : groups)
            for (const std::string& form : forms)
                out[form] = abbreviation;
        return out;
    }();
    return table;
}

// Pub 28 secondary unit designators; `needsId` false for those that stand alone (REAR, BSMT...).
struct Designator
{
    std::string abbreviation;
    bool needsId;
};

const std::map<std::string, Designator>& unitDesignators()
{
    static const std::map<std::string, Designator> table = {
        {"APT", {"APT", true}},        {"APARTMENT", {"APT", true}}, {"STE", {"STE", true}},
        {"SUITE", {"STE", true}},      {"UNIT", {"UNIT", true}},     {"BLDG", {"BLDG", true}},
        {"BUILDING", {"BLDG", true}},  {"FL", {"FL", true}},         {"FLOOR", {"FL", true}},
        {"RM", {"RM", true}},          {"ROOM", {"RM", true}},       {"LOT", {"LOT", true}},
        {"TRLR", {"TRLR", true}},      {"TRAILER", {"TRLR", true}},  {"SPC", {"SPC", true}},
        {"SPACE", {"SPC", true}},      {"DEPT", {"DEPT", true}},     {"DEPARTMENT", {"DEPT", true}},
        {"OFC", {"OFC", true}},        {"OFFICE", {"OFC", true}},    {"HNGR", {"HNGR", true}},
        {"HANGAR", {"HNGR", true}},    {"PIER", {"PIER", true}},     {"SLIP", {"SLIP", true}},
        {"STOP", {"STOP", true}},      {"KEY", {"KEY", true}},       {"PH", {"PH", false}},
        {"PENTHOUSE", {"PH", false}},  {"BSMT", {"BSMT", false}},    {"BASEMENT", {"BSMT", false}},
        {"FRNT", {"FRNT", false}},     {"FRONT", {"FRNT", false}},   {"LBBY", {"LBBY", false}},
        {"LOBBY", {"LBBY", false}},    {"LOWR", {"LOWR", false}},    {"LOWER", {"LOWR", false}},
        {"REAR", {"REAR", false}},     {"SIDE", {"SIDE", false}},    {"UPPR", {"UPPR", false}},
        {"UPPER", {"UPPR", false}}};
    return table;
}

bool isUnitId(const std::string& word)
{
    if (word.empty() || word.size() > 8)
        return false;
    return std::all_of(word.begin(), word.end(), [](char c) { return isLetter(c) || isDigit(c) || c == '-'; }) &&
           (hasDigit(word) || word.size() <= 2);
}

// A unit at words[at...]: the designator and its identifier. Returns the normalised unit and how many
// words it took.
std::optional<std::pair<std::string, std::size_t>> unitAt(const std::vector<std::string>& words, std::size_t at)
{
    const std::string& word = words[at];
    if (word[0] == '#')
    {
        if (word.size() > 1 && isUnitId(word.substr(1)))
            return std::make_pair("# " + word.substr(1), std::size_t{1});
        if (word.size() == 1 && at + 1 < words.size() && isUnitId(words[at + 1]))
            return std::make_pair("# " + words[at + 1], std::size_t{2});
        return std::nullopt;
    }
    auto it = unitDesignators().find(word);
    if (it == unitDesignators().end())
    {
        // A lost space: "APT4B", "FL9", "STE200".
        std::size_t letters = 0;
        while (letters < word.size() && isLetter(word[letters]))
            ++letters;
        if (letters < 2 || letters >= word.size() || !isDigit(word[letters]))
            return std::nullopt;
        auto glued = unitDesignators().find(word.substr(0, letters));
        std::string id = word.substr(letters);
        if (glued == unitDesignators().end() || !glued->second.needsId || !isUnitId(id))
            return std::nullopt;
        return std::make_pair(glued->second.abbreviation + " " + id, std::size_t{1});
    }
    if (at + 1 < words.size())
    {
        std::string id = words[at + 1];
        if (!id.empty() && id[0] == '#')
            id = id.substr(1);
        if (isUnitId(id))
            return std::make_pair(it->second.abbreviation + " " + id, std::size_t{2});
    }
    if (!it->second.needsId && at + 1 == words.size())
        return std::make_pair(it->second.abbreviation, std::size_t{1});
    return std::nullopt;
}

bool isPoBoxStart(const std::vector<std::string>& words, std::size_t& numberAt)
{
    // PO BOX / P O BOX / POBOX / POST OFFICE BOX / BOX (after P.O. has been squeezed to PO)
    std::string joined;
    for (std::size_t i = 0; i < words.size() && i < 4; ++i)
    {
        joined += text::alnumKey(words[i]);
        if (joined == "POBOX" || joined == "POSTOFFICEBOX")
        {
            numberAt = i + 1;
            return true;
        }
        if (joined.rfind("POBOX", 0) == 0 && joined.size() > 5 && hasDigit(joined.substr(5)))
        {
            // "POBOX123" run together
            numberAt = i;
            return true;
        }
        if (joined.size() > 13)
            break;
    }
    return false;
}

// The line's first `count` words (as split at spaces).
std::string leadingWords(std::string_view line, std::size_t count)
{
    std::string text = text::cleanText(line);
    std::size_t at = 0;
    for (std::size_t n = 0; n < count; ++n)
    {
        at = text.find(' ', at);
        if (at == std::string::npos)
            return text;
        if (n + 1 < count)
            ++at;
    }
    return text.substr(0, at);
}

std::size_t wordCount(std::string_view line)
{
    std::string text = text::cleanText(line);
    return text.empty() ? 0 : static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ')) + 1;
}

} // namespace

std::optional<std::string> usStateCode(std::string_view input)
{
    std::string text = upperAscii(text::cleanText(input));
    std::string compact;
    for (char c : text)
        if (c != '.')
            compact += c;
    while (!compact.empty() && (compact.back() == ' ' || compact.back() == ','))
        compact.pop_back();
    if (compact.empty())
        return std::nullopt;
    if (compact.size() == 2)
    {
        std::string code;
        for (char c : compact)
        {
            char l = text::letterLookalike(c);
            if (l == '\0')
                return std::nullopt;
            code += l;
        }
        for (const auto& [c, name] : usStates())
            if (c == code)
                return c;
        return std::nullopt;
    }
    for (const auto& [code, name] : usStates())
    {
        std::string upper = upperAscii(name);
        std::string noDots;
        for (char c : upper)
            if (c != '.')
                noDots += c;
        if (compact == noDots)
            return code;
    }
    if (compact == "VIRGIN ISLANDS" || compact == "US VIRGIN ISLANDS")
        return std::string("VI");
    if (compact == "WASHINGTON DC" || compact == "WASHINGTON D C" || compact == "DISTRICT OF COLUMBIA")
        return std::string("DC");
    return std::nullopt;
}

std::optional<StateNameFound> findStateName(std::string_view input)
{
    std::string text = upperAscii(input);
    std::optional<StateNameFound> best;
    for (const auto& [code, name] : usStates())
    {
        std::string upper = upperAscii(name);
        std::size_t at = 0;
        while ((at = text.find(upper, at)) != std::string::npos)
        {
            std::size_t end = at + upper.size();
            // Whole words, and not part of a hyphenated name ("BROWN-WASHINGTON").
            auto joins = [](char c) { return isLetter(c) || c == '-' || c == '\''; };
            bool wordStart = at == 0 || !joins(text[at - 1]);
            bool wordEnd = end == text.size() || !joins(text[end]);
            if (wordStart && wordEnd)
            {
                bool better = !best || at < best->begin || (at == best->begin && end > best->end) ||
                              (at < best->end && end > best->end && at >= best->begin);
                // Where names overlap (VIRGINIA inside WEST VIRGINIA) the longer one wins.
                if (best && at > best->begin && end <= best->end)
                    better = false;
                if (best && at <= best->begin && end >= best->end)
                    better = true;
                if (better)
                    best = StateNameFound{code, at, end};
            }
            at = end;
        }
    }
    return best;
}

std::optional<StateNameFound> findStateNameTolerant(std::string_view input)
{
    if (auto exact = findStateName(input))
        return exact;
    std::string text = upperAscii(input);
    std::optional<StateNameFound> best;
    std::size_t bestDistance = 0;
    for (const auto& [code, name] : usStates())
    {
        std::string upper = upperAscii(name);
        std::size_t allowance = upper.size() >= 10 ? 2 : upper.size() >= 6 ? 1 : 0;
        if (allowance == 0)
            continue;
        for (std::size_t at = 0; at < text.size(); ++at)
        {
            if (at > 0 && (isLetter(text[at - 1]) || text[at - 1] == '-' || text[at - 1] == '\''))
                continue;
            for (std::size_t length = upper.size() - allowance; length <= upper.size() + allowance; ++length)
            {
                if (at + length > text.size())
                    break;
                std::size_t distance = text::editDistance(std::string_view(text).substr(at, length), upper, allowance);
                if (distance > allowance)
                    continue;
                bool better = !best || distance < bestDistance ||
                              (distance == bestDistance && length > best->end - best->begin);
                if (better)
                {
                    best = StateNameFound{code, at, at + length};
                    bestDistance = distance;
                }
            }
        }
    }
    return best;
}

std::optional<std::string> postalCode(std::string_view input)
{
    std::string text = text::cleanText(input);
    std::string digits;
    bool exact = true;
    std::size_t hyphenAt = std::string::npos;
    for (char c : text)
    {
        if (c == '-' || c == ' ')
        {
            if (hyphenAt != std::string::npos || digits.size() != 5)
                return std::nullopt;
            hyphenAt = digits.size();
            continue;
        }
        char d = text::digitLookalike(c);
        if (d == '\0')
            return std::nullopt;
        exact = exact && isDigit(c);
        digits += d;
    }
    std::size_t real = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), isDigit));
    // Mostly real digits: a word of look-alikes ("SOLO") is not a ZIP code.
    if (real * 5 < digits.size() * 3)
        return std::nullopt;
    if (digits.size() == 5 && hyphenAt == std::string::npos)
        return digits;
    if (digits.size() == 9)
        return digits.substr(0, 5) + "-" + digits.substr(5);
    return std::nullopt;
}

std::optional<CityStateZip> parseCityStateZip(std::string_view line)
{
    std::vector<std::string> words = addressWords(line);
    if (words.size() < 3)
    {
        // "DALLAS TX75287" -> split the state from the ZIP.
        if (words.size() != 2)
            return std::nullopt;
    }
    // A state glued to its ZIP ("TX75287") or a comma-less ZIP+4 in two words.
    if (!words.empty())
    {
        std::string& last = words.back();
        if (last.size() >= 7 && isLetter(last[0]) && isLetter(last[1]) && isDigit(last[2]))
        {
            std::string state = last.substr(0, 2);
            std::string zip = last.substr(2);
            words.back() = state;
            words.push_back(zip);
        }
    }
    if (words.size() < 3)
        return std::nullopt;
    CityStateZip out;
    std::size_t zipWords = 1;
    std::optional<std::string> zip = postalCode(words.back());
    if (words.size() >= 4 && words.back().size() == 4)
    {
        std::string five = words[words.size() - 2];
        if (!five.empty() && five.back() == '-')
            five.pop_back();
        if (auto plus = postalCode(five + "-" + words.back()))
        {
            zip = plus;
            zipWords = 2;
        }
    }
    if (!zip)
        return std::nullopt;
    out.postalCode = *zip;
    std::string zipText = join(words, words.size() - zipWords, words.size());
    out.exact = std::all_of(zipText.begin(), zipText.end(), [](char c) { return isDigit(c) || c == '-' || c == ' '; });
    std::size_t stateEnd = words.size() - zipWords;
    // The state: a code, or a name of up to four words.
    std::optional<std::size_t> stateBegin;
    for (std::size_t n = 4; n >= 2; --n)
    {
        if (stateEnd < n + 1)
            continue;
        if (auto code = usStateCode(join(words, stateEnd - n, stateEnd)))
        {
            out.state = *code;
            stateBegin = stateEnd - n;
            break;
        }
    }
    if (!stateBegin && stateEnd >= 2)
    {
        const std::string& word = words[stateEnd - 1];
        std::string bare = text::alnumKey(word);
        if (auto code = usStateCode(bare))
        {
            out.state = *code;
            stateBegin = stateEnd - 1;
            out.exact = out.exact && bare == *code;
        }
    }
    if (!stateBegin || *stateBegin == 0)
        return std::nullopt;
    std::vector<std::string> city(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(*stateBegin));
    if (city.size() > 5)
        return std::nullopt;
    for (std::string& word : city)
    {
        // OCR's digits inside a city name are letters ("B0STON").
        if (hasDigit(word))
        {
            if (!hasLetter(word))
                return std::nullopt;
            for (char& c : word)
            {
                char l = text::letterLookalike(c);
                if (l == '\0')
                    return std::nullopt;
                if (l != c)
                    out.exact = false;
                c = l;
            }
        }
        if (!std::all_of(word.begin(), word.end(),
                         [](char c) { return isLetter(c) || c == '-' || c == '\'' || c == '.'; }))
            return std::nullopt;
    }
    out.city = join(city, 0, city.size());
    if (!hasLetter(out.city))
        return std::nullopt;
    return out;
}

std::optional<std::string> parseUnitLine(std::string_view line)
{
    std::vector<std::string> words = addressWords(line);
    if (words.empty() || words.size() > 3)
        return std::nullopt;
    auto unit = unitAt(words, 0);
    if (unit && unit->second == words.size())
        return unit->first;
    // A designator with an L read as I or 1 ("FI 25" for FL 25) before its identifier, on a line of its own.
    if (words.size() == 2 && words[0].size() <= 4 && isUnitId(words[1]) && hasDigit(words[1]))
    {
        std::string designator = words[0];
        std::replace_if(designator.begin(), designator.end(), [](char c) { return c == 'I' || c == '1'; }, 'L');
        auto found = unitDesignators().find(designator);
        if (designator != words[0] && found != unitDesignators().end() && found->second.needsId)
            return found->second.abbreviation + " " + words[1];
    }
    // A line of its own that is a designator with a one-letter identifier run into it ("STEC" for STE C,
    // "APTB"): on a line between street and city nothing else reads so. Digits run in are unitAt's case.
    const std::string& word = words[0];
    if (words.size() == 1 && word.size() >= 3 && isLetter(word.back()))
    {
        auto glued = unitDesignators().find(word.substr(0, word.size() - 1));
        if (glued != unitDesignators().end() && glued->second.needsId)
            return glued->second.abbreviation + " " + word.substr(word.size() - 1);
    }
    return std::nullopt;
}

std::optional<StreetAddress> parseStreetLine(std::string_view line)
{
    std::vector<std::string> words = addressWords(line);
    if (words.empty())
        return std::nullopt;
    StreetAddress out;
    std::size_t numberAt = 0;
    if (isPoBoxStart(words, numberAt))
    {
        std::string number;
        if (numberAt < words.size())
        {
            std::string word = words[numberAt];
            std::string key = text::alnumKey(word);
            if (key.rfind("POBOX", 0) == 0)
                key = key.substr(5);
            bool exact = true;
            auto digits = digitsOf(key, exact);
            if (!digits && isUnitId(key))
                digits = key;
            if (digits)
            {
                number = *digits;
                out.exact = exact;
            }
        }
        if (number.empty())
            return std::nullopt;
        out.line1 = "PO BOX " + number;
        out.poBox = true;
        return out;
    }
    if (words.size() < 2)
        return std::nullopt;
    // The house number: digits, perhaps with a letter or a fraction ("12B", "12-14", "1/2").
    std::string house = words[0];
    bool exact = true;
    {
        std::string core = house;
        while (!core.empty() && isLetter(core.back()) && core.size() > 1 && hasDigit(core))
            core.pop_back();
        std::string cleaned;
        bool ok = !core.empty();
        bool real = false;
        for (char c : core)
        {
            if (c == '-' || c == '/')
            {
                cleaned += c;
                continue;
            }
            char d = text::digitLookalike(c);
            if (d == '\0')
            {
                ok = false;
                break;
            }
            real = real || isDigit(c);
            exact = exact && isDigit(c);
            cleaned += d;
        }
        if (!ok || !real || !isDigit(cleaned.front()))
            return std::nullopt;
        house = cleaned + house.substr(core.size());
    }
    // The unit, wherever it is after the street name.
    std::size_t end = words.size();
    for (std::size_t i = 2; i < words.size(); ++i)
    {
        if (auto unit = unitAt(words, i))
        {
            if (i + unit->second == words.size())
            {
                out.line2 = unit->first;
                end = i;
                break;
            }
        }
    }
    std::vector<std::string> street(words.begin() + 1, words.begin() + static_cast<std::ptrdiff_t>(end));
    if (street.empty() || !std::any_of(street.begin(), street.end(), [](const std::string& w) { return hasLetter(w); }))
        return std::nullopt;
    // A street has at most a handful of words; a longer run is a sentence that begins with a number.
    if (street.size() > 7)
        return std::nullopt;
    for (const std::string& word : street)
        if (!std::all_of(word.begin(), word.end(), [](char c) {
                return isLetter(c) || isDigit(c) || c == '-' || c == '\'' || c == '/' || c == '&';
            }))
            return std::nullopt;
    const auto& dirs = directionals();
    const auto& suffixes = streetSuffixes();
    std::size_t first = 0;
    std::size_t last = street.size();
    std::string predir, postdir, suffix;
    if (street.size() >= 3 && dirs.count(street[0]))
    {
        predir = dirs.at(street[0]);
        first = 1;
    }
    if (last - first >= 3 && dirs.count(street[last - 1]) && suffixes.count(street[last - 2]))
    {
        postdir = dirs.at(street[last - 1]);
        --last;
    }
    else if (last - first >= 2 && dirs.count(street[last - 1]) && street[last - 1].size() <= 2)
    {
        postdir = street[last - 1];
        --last;
    }
    if (last - first >= 2 && suffixes.count(street[last - 1]))
    {
        suffix = suffixes.at(street[last - 1]);
        --last;
    }
    std::vector<std::string> parts{house};
    if (!predir.empty())
        parts.push_back(predir);
    for (std::size_t i = first; i < last; ++i)
        parts.push_back(street[i]);
    if (!suffix.empty())
        parts.push_back(suffix);
    if (!postdir.empty())
        parts.push_back(postdir);
    out.line1 = join(parts, 0, parts.size());
    out.exact = exact;
    return out;
}

std::optional<CityStateZip> parseCityStateZipPrefix(std::string_view line, std::size_t& words)
{
    std::size_t total = wordCount(line);
    for (std::size_t n = total; n >= 3; --n)
    {
        if (auto parsed = parseCityStateZip(leadingWords(line, n)))
        {
            words = n;
            return parsed;
        }
    }
    return std::nullopt;
}

std::optional<StreetAddress> parseStreetPrefix(std::string_view line, std::size_t& words)
{
    std::size_t total = wordCount(line);
    for (std::size_t n = total; n >= 2; --n)
    {
        std::string prefix = leadingWords(line, n);
        auto parsed = parseStreetLine(prefix);
        if (!parsed)
            continue;
        std::vector<std::string> parts = addressWords(prefix);
        const std::string& last = parts.back();
        bool complete = parsed->poBox || !parsed->line2.empty() || streetSuffixes().count(last) > 0 ||
                        directionals().count(last) > 0;
        if (complete)
        {
            words = n;
            return parsed;
        }
    }
    return std::nullopt;
}

} // namespace proofdesk
