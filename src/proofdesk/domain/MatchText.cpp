#include "proofdesk/domain/MatchText.h"

#include "proofdesk/domain/Utf8.h"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace proofdesk
{

namespace
{

// Base letters of U+00C0..U+00FF; '?' marks × and ÷ (separators), '*' the letters folded to two.
constexpr std::string_view Latin1 = "AAAAAA*CEEEEIIIIDNOOOOO?OUUUUY**AAAAAA*CEEEEIIIIDNOOOOO?OUUUUY*Y";
// Base letters of U+0100..U+017F; '*' marks Ĳ ĳ Œ œ (two letters).
constexpr std::string_view LatinExtendedA =
    "AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIII**JJKKKLLLLLLLLLLNNNNNNNNNOOOOOO**RRRRRRSSSSSSSSTTTTTT"
    "UUUUUUUUUUUUWWYYYZZZZZZS";
static_assert(Latin1.size() == 0x40 && LatinExtendedA.size() == 0x80);

// The folded letters of one code point, "" for a separator, "'" for a character to drop.
std::string foldCodePoint(char32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return std::string(1, static_cast<char>(cp - 'a' + 'A'));
    if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
        return std::string(1, static_cast<char>(cp));
    if (cp == '\'' || cp == '.' || cp == '`' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x00B4 ||
        (cp >= 0x0300 && cp <= 0x036F))
        return "'";
    if (cp >= 0xC0 && cp <= 0xFF)
    {
        const char base = Latin1[cp - 0xC0];
        if (base == '?')
            return {};
        if (base != '*')
            return std::string(1, base);
        switch (cp)
        {
        case 0xC6:
        case 0xE6:
            return "AE";
        case 0xDE:
        case 0xFE:
            return "TH";
        case 0xDF:
            return "SS";
        default:
            return {};
        }
    }
    if (cp >= 0x100 && cp <= 0x17F)
    {
        const char base = LatinExtendedA[cp - 0x100];
        if (base != '*')
            return std::string(1, base);
        return cp <= 0x133 ? "IJ" : "OE";
    }
    return {};
}

} // namespace

std::vector<std::string> matchWords(std::string_view text, std::string_view keep)
{
    std::vector<std::string> words;
    std::string current;
    const auto flush = [&] {
        if (!current.empty())
            words.push_back(std::move(current));
        current.clear();
    };
    std::size_t i = 0;
    while (i < text.size())
    {
        // Decode one code point by hand so that an invalid byte only separates words.
        const auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
        char32_t cp = 0;
        std::optional<std::u32string> decoded;
        if (length > 0 && i + length <= text.size())
            decoded = decodeUtf8(text.substr(i, length));
        if (!decoded || decoded->size() != 1)
        {
            flush();
            i += 1;
            continue;
        }
        cp = (*decoded)[0];
        i += length;
        if (cp < 0x80 && keep.find(static_cast<char>(cp)) != std::string_view::npos)
        {
            flush();
            words.emplace_back(1, static_cast<char>(cp));
            continue;
        }
        const std::string folded = foldCodePoint(cp);
        if (folded == "'")
            continue;
        if (folded.empty())
            flush();
        else
            current += folded;
    }
    flush();
    return words;
}

std::string joinWords(const std::vector<std::string>& words, std::size_t from, std::size_t to)
{
    std::string out;
    for (std::size_t i = from; i < std::min(to, words.size()); ++i)
        out += (out.empty() ? "" : " ") + words[i];
    return out;
}

std::string runTogether(const std::vector<std::string>& words, std::size_t from, std::size_t to)
{
    std::string out;
    for (std::size_t i = from; i < std::min(to, words.size()); ++i)
        out += words[i];
    return out;
}

std::size_t typoDistance(std::string_view a, std::string_view b)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::size_t> before(m + 1);
    std::vector<std::size_t> previous(m + 1);
    std::vector<std::size_t> row(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= n; ++i)
    {
        row[0] = i;
        for (std::size_t j = 1; j <= m; ++j)
        {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        before.swap(previous);
        previous.swap(row);
    }
    return previous[m];
}

double textSimilarity(std::string_view a, std::string_view b)
{
    const std::size_t longer = std::max(a.size(), b.size());
    if (longer == 0)
        return 1.0;
    return 1.0 - static_cast<double>(typoDistance(a, b)) / static_cast<double>(longer);
}

bool nearMiss(std::string_view a, std::string_view b, double threshold)
{
    if (a == b || a.empty() || b.empty())
        return false;
    return typoDistance(a, b) <= 1 || textSimilarity(a, b) >= threshold;
}

std::string similarityText(double similarity)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", similarity);
    return buffer;
}

} // namespace proofdesk
