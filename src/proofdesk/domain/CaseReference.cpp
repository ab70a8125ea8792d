#include "proofdesk/domain/CaseReference.h"

#include <algorithm>

namespace proofdesk
{

namespace
{

constexpr std::string_view alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static_assert(alphabet.size() == 32);
constexpr std::size_t symbolCount = 8;
constexpr std::string_view prefix = "PD";

// Multiplication in GF(2^5) modulo x^5 + x^2 + 1 (irreducible; as 31 is prime, x generates the group).
unsigned gfMultiply(unsigned a, unsigned b)
{
    unsigned product = 0;
    while (b != 0)
    {
        if (b & 1u)
            product ^= a;
        b >>= 1;
        a <<= 1;
        if (a & 0x20u)
            a ^= 0x25u;
    }
    return product;
}

// Weights x^1 .. x^7 for the seven data symbols; the check symbol has weight x^0 = 1. All distinct.
unsigned checkValue(const std::array<unsigned, 7>& values)
{
    unsigned sum = 0;
    unsigned weight = 1;
    for (unsigned value : values)
    {
        weight = gfMultiply(weight, 2);
        sum ^= gfMultiply(weight, value);
    }
    return sum;
}

// Crockford decoding: case-insensitive; O is 0, I and L are 1; U and anything else are not symbols.
int symbolValue(char c)
{
    if (c >= 'a' && c <= 'z')
        c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O')
        return 0;
    if (c == 'I' || c == 'L')
        return 1;
    auto pos = alphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// The canonical reference for 8 decoded values, or nullopt when the check symbol does not match.
std::optional<std::string> canonical(const std::array<int, symbolCount>& values)
{
    std::array<unsigned, 7> data{};
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<unsigned>(values[i]);
    if (checkValue(data) != static_cast<unsigned>(values[7]))
        return std::nullopt;
    std::string out(prefix);
    for (std::size_t i = 0; i < symbolCount; ++i)
    {
        if (i % 4 == 0)
            out += '-';
        out += alphabet[static_cast<std::size_t>(values[i])];
    }
    return out;
}

bool isAsciiAlnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Length in bytes of a blank (space, tab, no-break space) at text[pos], or 0.
std::size_t blankAt(std::string_view text, std::size_t pos)
{
    if (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
        return 1;
    if (text.substr(pos, 2) == "\xC2\xA0")
        return 2;
    return 0;
}

// Length in bytes of a dash (ASCII hyphen-minus, U+2010..U+2015, U+2212) at text[pos], or 0.
std::size_t dashAt(std::string_view text, std::size_t pos)
{
    if (pos < text.size() && text[pos] == '-')
        return 1;
    std::string_view s = text.substr(pos, 3);
    if (s.size() == 3 && s[0] == '\xE2' &&
        ((s[1] == '\x80' && s[2] >= '\x90' && s[2] <= '\x95') || (s[1] == '\x88' && s[2] == '\x92')))
        return 3;
    return 0;
}

enum class Separator
{
    None,
    Blanks,
    Dash
};

// Skips a separator between parts of a reference in free text: up to 3 blanks, at most one dash, up to 3
// blanks.
Separator skipSeparator(std::string_view text, std::size_t& pos)
{
    auto skipBlanks = [&]
    {
        std::size_t count = 0;
        for (std::size_t n; count < 3 && (n = blankAt(text, pos)) != 0; ++count)
            pos += n;
        return count;
    };
    std::size_t blanks = skipBlanks();
    if (std::size_t n = dashAt(text, pos))
    {
        pos += n;
        skipBlanks();
        return Separator::Dash;
    }
    return blanks > 0 ? Separator::Blanks : Separator::None;
}

// Reads 4 symbols at pos into values[offset..offset+3]; false when they are not there.
bool readGroup(std::string_view text, std::size_t& pos, std::array<int, symbolCount>& values,
               std::size_t offset, bool& sawDigit)
{
    for (std::size_t i = 0; i < 4; ++i, ++pos)
    {
        if (pos >= text.size())
            return false;
        int value = symbolValue(text[pos]);
        if (value < 0)
            return false;
        sawDigit = sawDigit || (text[pos] >= '0' && text[pos] <= '9');
        values[offset + i] = value;
    }
    return true;
}

} // namespace

std::string_view caseReferenceAlphabet()
{
    return alphabet;
}

std::string makeCaseReference(const std::array<std::uint32_t, 7>& randomIndexes)
{
    std::array<int, symbolCount> values{};
    std::array<unsigned, 7> data{};
    for (std::size_t i = 0; i < data.size(); ++i)
    {
        data[i] = static_cast<unsigned>(randomIndexes[i] % alphabet.size());
        values[i] = static_cast<int>(data[i]);
    }
    values[7] = static_cast<int>(checkValue(data));
    return *canonical(values);
}

std::optional<std::string> normalizeCaseReference(std::string_view text)
{
    // A reference is 12 characters; anything much longer is not one, whatever it contains.
    if (text.size() > 64)
        return std::nullopt;
    std::string compact;
    for (std::size_t pos = 0; pos < text.size();)
    {
        std::size_t n = blankAt(text, pos);
        if (n == 0)
            n = dashAt(text, pos);
        if (n == 0 && (text[pos] == '\r' || text[pos] == '\n'))
            n = 1;
        if (n != 0)
        {
            pos += n;
            continue;
        }
        compact += text[pos++];
    }
    if (compact.size() != prefix.size() + symbolCount)
        return std::nullopt;
    if ((compact[0] != 'P' && compact[0] != 'p') || (compact[1] != 'D' && compact[1] != 'd'))
        return std::nullopt;
    std::array<int, symbolCount> values{};
    for (std::size_t i = 0; i < symbolCount; ++i)
    {
        values[i] = symbolValue(compact[prefix.size() + i]);
        if (values[i] < 0)
            return std::nullopt;
    }
    return canonical(values);
}

std::vector<std::string> findCaseReferences(std::string_view text)
{
    std::vector<std::string> found;
    for (std::size_t start = 0; start + prefix.size() + symbolCount <= text.size(); ++start)
    {
        if ((text[start] != 'P' && text[start] != 'p') || (text[start + 1] != 'D' && text[start + 1] != 'd'))
            continue;
        if (start > 0 && isAsciiAlnum(text[start - 1]))
            continue;
        std::size_t pos = start + prefix.size();
        std::array<int, symbolCount> values{};
        bool sawDigit = false;
        Separator first = skipSeparator(text, pos);
        if (!readGroup(text, pos, values, 0, sawDigit))
            continue;
        Separator second = skipSeparator(text, pos);
        if (!readGroup(text, pos, values, 4, sawDigit))
            continue;
        if (pos < text.size() && isAsciiAlnum(text[pos]))
            continue;
        // Words after "PD" ("PD will help", a random "pdxxxxxxxx") are told apart by the digit that
        // nearly every reference has; the dashed spelling we print needs none.
        if (first != Separator::Dash && second != Separator::Dash && !sawDigit)
            continue;
        auto reference = canonical(values);
        if (!reference)
            continue;
        if (std::find(found.begin(), found.end(), *reference) == found.end())
            found.push_back(*reference);
        start = pos - 1;
    }
    return found;
}

namespace
{

// Characters OCR takes for one another in the fonts of forms and fax cover sheets, each with its look-alikes
// (as written on the page, before Crockford decoding).
std::string_view lookAlikes(char c)
{
    switch (c)
    {
    case '0': return "DQ8";
    case 'D': return "0";
    case 'Q': return "0";
    case '1': return "7T";
    case '7': return "1T";
    case 'T': return "17Y";
    case '2': return "Z";
    case 'Z': return "2";
    case '5': return "S";
    case 'S': return "5";
    case '6': return "G";
    case 'G': return "6C";
    case 'C': return "G";
    case '8': return "B03";
    case 'B': return "8";
    case '3': return "8";
    case '4': return "A";
    case 'A': return "4";
    case 'V': return "YW";
    case 'Y': return "VT";
    case 'W': return "V";
    case 'M': return "NH";
    case 'N': return "MH";
    case 'H': return "NM";
    case 'K': return "X";
    case 'X': return "K";
    case 'E': return "F";
    case 'F': return "EP";
    case 'P': return "RF";
    case 'R': return "P";
    case '9': return "G";
    default: return {};
    }
}

std::optional<std::string> repairSymbols(const std::string& symbols)
{
    std::array<int, symbolCount> values{};
    int unknownAt = -1;
    for (std::size_t i = 0; i < symbolCount; ++i)
    {
        values[i] = symbolValue(symbols[i]);
        if (values[i] < 0)
        {
            if (unknownAt >= 0 || symbols[i] != 'U')
                return std::nullopt;
            unknownAt = static_cast<int>(i);
        }
    }
    if (unknownAt >= 0)
    {
        // A U is no symbol: exactly one value makes the check hold there; keep it if a U could have been it.
        for (char guess : std::string_view("JV"))
        {
            values[static_cast<std::size_t>(unknownAt)] = symbolValue(guess);
            if (std::optional<std::string> repaired = canonical(values))
                return repaired;
        }
        return std::nullopt;
    }
    if (canonical(values))
        return std::nullopt;  // valid as read: findCaseReferences' business, not a repair
    std::optional<std::string> only;
    for (std::size_t i = 0; i < symbolCount; ++i)
    {
        const int original = values[i];
        for (char alike : lookAlikes(symbols[i]))
        {
            values[i] = symbolValue(alike);
            if (std::optional<std::string> repaired = canonical(values))
            {
                if (only && *only != *repaired)
                    return std::nullopt;  // two explanations: guess neither
                only = repaired;
            }
        }
        values[i] = original;
    }
    return only;
}

} // namespace

std::vector<std::string> repairMisreadCaseReferences(std::string_view text)
{
    std::vector<std::string> found;
    for (std::size_t start = 0; start + prefix.size() < text.size(); ++start)
    {
        if ((text[start] != 'P' && text[start] != 'p') || (text[start + 1] != 'D' && text[start + 1] != 'd'))
            continue;
        if (start > 0 && isAsciiAlnum(text[start - 1]))
            continue;
        std::size_t pos = start + prefix.size();
        // Two groups of 4, or one of them 5 long when OCR doubled a glyph ("W5" read "WS5").
        std::string symbols;
        std::size_t extraAt = std::string::npos;
        bool shaped = true;
        for (int group = 0; group < 2 && shaped; ++group)
        {
            skipSeparator(text, pos);
            std::size_t length = 0;
            while (length < 5 && pos < text.size() && isAsciiAlnum(text[pos]))
            {
                char c = text[pos++];
                symbols += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
                ++length;
            }
            if (length == 5 && extraAt == std::string::npos)
                extraAt = symbols.size() - 5;
            else if (length != 4)
                shaped = false;
        }
        if (!shaped || (pos < text.size() && isAsciiAlnum(text[pos])))
            continue;
        std::optional<std::string> repaired;
        if (extraAt == std::string::npos)
            repaired = repairSymbols(symbols);
        else
        {
            // Drop one glyph of the long group that repeats its neighbour or looks like it; keep the result
            // when exactly one such drop gives a valid reference as it stands.
            for (std::size_t i = extraAt; i < extraAt + 5; ++i)
            {
                auto twin = [&](std::size_t j) {
                    return j >= extraAt && j < extraAt + 5 && j != i &&
                           (symbols[j] == symbols[i] || lookAlikes(symbols[i]).find(symbols[j]) != std::string_view::npos);
                };
                if (!twin(i - 1) && !twin(i + 1))
                    continue;
                std::string shorter = symbols.substr(0, i) + symbols.substr(i + 1);
                std::optional<std::string> candidate = normalizeCaseReference("PD" + shorter);
                if (!candidate)
                    continue;
                if (repaired && *repaired != *candidate)
                {
                    repaired.reset();
                    break;
                }
                repaired = candidate;
            }
        }
        if (repaired && std::find(found.begin(), found.end(), *repaired) == found.end())
            found.push_back(*repaired);
    }
    return found;
}

} // namespace proofdesk
