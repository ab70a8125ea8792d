#include "proofdesk/domain/DocumentLayout.h"

#include <algorithm>
#include <cmath>

namespace proofdesk
{

namespace text
{

std::string cleanText(std::string_view text)
{
    // The UTF-8 spellings of the typographic characters that text layers and OCR produce.
    struct Replacement
    {
        std::string_view from;
        char to;
    };
    static const Replacement replacements[] = {
        {"\xE2\x80\x98", '\''}, {"\xE2\x80\x99", '\''}, {"\xCA\xBC", '\''},  {"\xE2\x80\x9C", '"'},
        {"\xE2\x80\x9D", '"'},  {"\xE2\x80\x90", '-'},  {"\xE2\x80\x91", '-'}, {"\xE2\x80\x92", '-'},
        {"\xE2\x80\x93", '-'},  {"\xE2\x80\x94", '-'},  {"\xC2\xA0", ' '},     {"\xE2\x80\xAF", ' '},
        {"\xE2\x80\x8B", '\0'}, {"\xEF\xBB\xBF", '\0'}};
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();)
    {
        bool replaced = false;
        for (const Replacement& r : replacements)
        {
            if (text.substr(i, r.from.size()) == r.from)
            {
                if (r.to != '\0')
                    out += r.to;
                i += r.from.size();
                replaced = true;
                break;
            }
        }
        if (replaced)
            continue;
        char c = text[i++];
        if (c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
            c = ' ';
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            continue;
        out += c;
    }
    std::string collapsed;
    collapsed.reserve(out.size());
    for (char c : out)
    {
        if (c == ' ' && (collapsed.empty() || collapsed.back() == ' '))
            continue;
        collapsed += c;
    }
    while (!collapsed.empty() && collapsed.back() == ' ')
        collapsed.pop_back();
    return collapsed;
}

std::string alnumKey(std::string_view text)
{
    std::string out;
    for (char c : text)
    {
        if (c >= 'a' && c <= 'z')
            out += static_cast<char>(c - 'a' + 'A');
        else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            out += c;
    }
    return out;
}

char digitLookalike(char c)
{
    if (c >= '0' && c <= '9')
        return c;
    switch (c)
    {
    case 'O': case 'o': case 'Q': case 'D': return '0';
    case 'I': case 'l': case 'i': case '|': case 'L': case '!': return '1';
    case 'Z': case 'z': return '2';
    case 'S': case 's': case '$': return '5';
    case 'G': case 'b': return '6';
    case 'B': return '8';
    case 'g': case 'q': return '9';
    default: return '\0';
    }
}

char letterLookalike(char c)
{
    if (c >= 'a' && c <= 'z')
        return static_cast<char>(c - 'a' + 'A');
    if (c >= 'A' && c <= 'Z')
        return c;
    switch (c)
    {
    case '0': return 'O';
    case '1': case '|': case '!': return 'I';
    case '2': return 'Z';
    case '4': return 'A';
    case '5': case '$': return 'S';
    case '6': return 'G';
    case '8': return 'B';
    default: return '\0';
    }
}

std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit)
{
    const std::size_t la = a.size();
    const std::size_t lb = b.size();
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    std::vector<std::size_t> previous(lb + 1);
    std::vector<std::size_t> current(lb + 1);
    for (std::size_t j = 0; j <= lb; ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= la; ++i)
    {
        current[0] = i;
        std::size_t rowBest = current[0];
        for (std::size_t j = 1; j <= lb; ++j)
        {
            std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            rowBest = std::min(rowBest, current[j]);
        }
        if (rowBest > limit)
            return limit + 1;
        std::swap(previous, current);
    }
    return std::min(previous[lb], limit + 1);
}

std::size_t substringDistance(std::string_view text, std::string_view pattern, std::size_t limit)
{
    // Edit distance with the start and the end of `text` free (Sellers' algorithm).
    const std::size_t m = pattern.size();
    std::vector<std::size_t> previous(m + 1);
    std::vector<std::size_t> current(m + 1);
    for (std::size_t i = 0; i <= m; ++i)
        previous[i] = i;
    std::size_t best = previous[m];
    for (char c : text)
    {
        current[0] = 0;
        for (std::size_t i = 1; i <= m; ++i)
        {
            std::size_t substitution = previous[i - 1] + (pattern[i - 1] == c ? 0 : 1);
            current[i] = std::min({previous[i] + 1, current[i - 1] + 1, substitution});
        }
        best = std::min(best, current[m]);
        std::swap(previous, current);
    }
    return std::min(best, limit + 1);
}

std::size_t editAllowance(std::size_t length)
{
    if (length <= 4)
        return 0;
    return length <= 8 ? 1 : 2;
}

} // namespace text

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

// A line's words with their character offsets. Spaces separate words; so do a colon or a comma followed
// by more text ("DOB:01/02/1990", "Dallas,TX"), and the step from a word of three or more letters to
// digits that end it ("DOB01/02/1990", "MAR14"), which OCR produces when it loses a space.
struct RawWord
{
    std::size_t begin;
    std::size_t end;
};

std::vector<RawWord> splitWords(const std::string& text)
{
    std::vector<RawWord> words;
    std::size_t i = 0;
    while (i < text.size())
    {
        while (i < text.size() && text[i] == ' ')
            ++i;
        if (i >= text.size())
            break;
        std::size_t start = i;
        std::size_t letters = 0;
        while (i < text.size() && text[i] != ' ')
        {
            char c = text[i];
            bool split = false;
            if ((c == ':' || c == ',') && i + 1 < text.size() && text[i + 1] != ' ')
            {
                ++i;  // the punctuation stays with the word before it
                split = true;
            }
            else if (isDigit(c) && letters >= 3 && i > start && isLetter(text[i - 1]))
            {
                // Not inside a number that mixes letters and digits ("WDLG1PC0GZTB", a license number):
                // there letters follow the digits.
                std::size_t end = text.find(' ', i);
                if (end == std::string::npos)
                    end = text.size();
                split = std::none_of(text.begin() + static_cast<long>(i), text.begin() + static_cast<long>(end), isLetter);
            }
            if (split)
            {
                words.push_back({start, i});
                start = i;
                letters = 0;
                continue;
            }
            letters = isLetter(c) ? letters + 1 : 0;
            ++i;
        }
        if (i > start)
            words.push_back({start, i});
    }
    return words;
}

} // namespace

namespace
{

struct RawLine
{
    Region box;
    float confidence;
    double height;
    std::string text;
};

bool sameRow(const RawLine& a, const RawLine& b)
{
    double overlap = std::min(a.box.y + a.box.height, b.box.y + b.box.height) - std::max(a.box.y, b.box.y);
    return overlap >= 0.6 * std::min(a.box.height, b.box.height);
}

// OCR sometimes breaks one printed line into pieces with ordinary word spacing between them ("BALTIMORE
// MD" | "21285"): pieces on one row less than a glyph height apart, of similar size, are joined.
void joinBrokenLines(std::vector<RawLine>& lines)
{
    std::sort(lines.begin(), lines.end(), [](const RawLine& a, const RawLine& b) { return a.box.x < b.box.x; });
    for (std::size_t i = 0; i < lines.size(); ++i)
    {
        for (std::size_t j = i + 1; j < lines.size();)
        {
            RawLine& a = lines[i];
            const RawLine& b = lines[j];
            double size = std::max(a.height, b.height);
            double gap = b.box.x - (a.box.x + a.box.width);
            bool similar = std::max(a.height, b.height) <= 1.5 * std::min(a.height, b.height);
            if (sameRow(a, b) && similar && gap >= -0.5 * size && gap <= 1.0 * size)
            {
                int right = std::max(a.box.x + a.box.width, b.box.x + b.box.width);
                int top = std::min(a.box.y, b.box.y);
                int bottom = std::max(a.box.y + a.box.height, b.box.y + b.box.height);
                double weightA = static_cast<double>(a.text.size());
                double weightB = static_cast<double>(b.text.size());
                a.confidence = static_cast<float>((a.confidence * weightA + b.confidence * weightB) / (weightA + weightB));
                a.text += " " + b.text;
                a.box.width = right - a.box.x;
                a.box.y = top;
                a.box.height = bottom - top;
                a.height = std::max(a.height, b.height);
                lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(j));
                continue;
            }
            ++j;
        }
    }
}

} // namespace

DocumentLayout::DocumentLayout(const std::vector<TextPage>& pages)
{
    for (std::size_t p = 0; p < pages.size(); ++p)
    {
        TextPage sizeOnly;
        sizeOnly.page = pages[p].page;
        sizeOnly.width = pages[p].width;
        sizeOnly.height = pages[p].height;
        _pages.push_back(sizeOnly);
        std::vector<RawLine> raw;
        for (const TextLine& source : pages[p].lines)
        {
            RawLine line;
            line.box = source.box;
            line.box.page = pages[p].page;
            line.box.width = std::max(line.box.width, 0);
            line.box.height = std::max(line.box.height, 0);
            line.confidence = std::clamp(std::isfinite(source.confidence) ? source.confidence : 0.0f, 0.0f, 1.0f);
            line.height = source.height > 0 && std::isfinite(source.height) ? static_cast<double>(source.height)
                                                                          : static_cast<double>(line.box.height);
            line.text = text::cleanText(source.text);
            if (!line.text.empty())
                raw.push_back(std::move(line));
        }
        joinBrokenLines(raw);
        std::vector<double> heights;
        std::size_t first = _lines.size();
        for (RawLine& source : raw)
        {
            LayoutLine line;
            line.page = static_cast<int>(p);
            line.box = source.box;
            line.confidence = source.confidence;
            line.height = source.height;
            line.text = std::move(source.text);
            const double length = static_cast<double>(line.text.size());
            for (const RawWord& word : splitWords(line.text))
            {
                LayoutWord out;
                out.text = line.text.substr(word.begin, word.end - word.begin);
                out.key = text::alnumKey(out.text);
                out.x0 = line.box.x + line.box.width * (static_cast<double>(word.begin) / length);
                out.x1 = line.box.x + line.box.width * (static_cast<double>(word.end) / length);
                line.words.push_back(std::move(out));
            }
            heights.push_back(line.height);
            _lines.push_back(std::move(line));
        }
        // Reading order: top to bottom, then left to right, whatever order the source gave.
        std::stable_sort(_lines.begin() + static_cast<std::ptrdiff_t>(first), _lines.end(),
                         [](const LayoutLine& a, const LayoutLine& b) {
                             return a.box.y != b.box.y ? a.box.y < b.box.y : a.box.x < b.box.x;
                         });
        std::sort(heights.begin(), heights.end());
        _typicalHeights.push_back(heights.empty() ? 0.0 : heights[heights.size() / 2]);
    }
    for (std::size_t i = 0; i < _lines.size(); ++i)
        _lines[i].index = static_cast<int>(i);
}

std::pair<int, int> DocumentLayout::pageSize(int page) const
{
    if (page < 0 || page >= pageCount())
        return {0, 0};
    int width = _pages[static_cast<std::size_t>(page)].width;
    int height = _pages[static_cast<std::size_t>(page)].height;
    if (width > 0 && height > 0)
        return {width, height};
    for (const LayoutLine& line : _lines)
    {
        if (line.page != page)
            continue;
        width = std::max(width, static_cast<int>(line.right()));
        height = std::max(height, static_cast<int>(line.bottom()));
    }
    return {width, height};
}

double DocumentLayout::typicalHeight(int page) const
{
    if (page < 0 || page >= pageCount())
        return 0;
    return _typicalHeights[static_cast<std::size_t>(page)];
}

namespace
{

std::vector<std::string> phraseKeys(const std::string& phrase)
{
    std::vector<std::string> keys;
    std::size_t i = 0;
    while (i < phrase.size())
    {
        std::size_t j = phrase.find(' ', i);
        if (j == std::string::npos)
            j = phrase.size();
        std::string key = text::alnumKey(phrase.substr(i, j - i));
        if (!key.empty())
            keys.push_back(key);
        i = j + 1;
    }
    return keys;
}

// Whether a word read from the page is the label word `target`: exactly, or once digits that look like
// letters are read as letters ("D0B"), or within the edit allowance of long words.
bool wordMatchesPlain(const std::string& word, const std::string& target, bool& exact);

// AAMVA numbers fields ("4a ISS", "15 SEX"); OCR often glues the number to the label ("4AISS", "15SEX").
bool wordMatches(const std::string& word, const std::string& target, bool& exact)
{
    if (wordMatchesPlain(word, target, exact))
        return true;
    if (word.size() < 2 || target.size() < 2 || !std::all_of(target.begin(), target.end(), isLetter))
        return false;
    // The field number's leading 1 is often read as I or L ("I5SEX").
    const bool one = (word[0] == 'I' || word[0] == 'L') && isDigit(word[1]);
    if (!isDigit(word[0]) && !one)
        return false;
    std::size_t digits = one ? 1 : 0;
    while (digits < word.size() && digits < 2 && isDigit(word[digits]))
        ++digits;
    if (digits < word.size() && isDigit(word[digits]))
        return false;
    for (std::size_t skip : {digits, digits + 1})
    {
        if (skip >= word.size() || word.size() - skip < std::min<std::size_t>(3, target.size()))
            continue;
        bool inner = true;
        if (wordMatchesPlain(word.substr(skip), target, inner))
        {
            exact = false;
            return true;
        }
    }
    return false;
}

bool wordMatchesPlain(const std::string& word, const std::string& target, bool& exact)
{
    if (word == target)
        return true;
    if (word.empty() || target.empty())
        return false;
    bool targetLetters = std::all_of(target.begin(), target.end(), isLetter);
    std::string folded = word;
    if (targetLetters)
    {
        for (char& c : folded)
        {
            char l = text::letterLookalike(c);
            if (l != '\0')
                c = l;
        }
    }
    if (folded == target)
    {
        exact = false;
        return true;
    }
    // OCR reads "rn" as "m" ("Sumame"): one confusion, however many edits it takes.
    if (target.find("RN") != std::string::npos)
    {
        std::string merged;
        for (std::size_t i = 0; i < target.size(); ++i)
        {
            if (target[i] == 'R' && i + 1 < target.size() && target[i + 1] == 'N')
            {
                merged += 'M';
                ++i;
            }
            else
                merged += target[i];
        }
        if (folded == merged)
        {
            exact = false;
            return true;
        }
    }
    std::size_t allowance = text::editAllowance(target.size());
    if (allowance == 0)
        return false;
    // On short words the first letter must agree: OCR rarely loses it, and short label words differ mostly
    // in their heads ("PAY DATE", "DUE DATE").
    if (target.size() <= 6 && folded[0] != target[0])
        return false;
    if (text::editDistance(folded, target, allowance) <= allowance)
    {
        exact = false;
        return true;
    }
    return false;
}

// Matches the label words against the line's words from `start`; returns one past the last word used.
std::optional<std::size_t> matchPhrase(const std::vector<LayoutWord>& words, std::size_t start,
                                       const std::vector<std::string>& keys, bool& exact)
{
    std::size_t j = start;
    std::size_t p = 0;
    if (start >= words.size() || words[start].key.empty())
        return std::nullopt;
    while (p < keys.size())
    {
        // Punctuation between label words ("Date / of"): skip it.
        while (p > 0 && j < words.size() && words[j].key.empty())
            ++j;
        if (j >= words.size())
            return std::nullopt;
        const std::string& word = words[j].key;
        if (wordMatches(word, keys[p], exact))
        {
            ++j;
            ++p;
            continue;
        }
        // A lost space: one word read for two ("DATEOF BIRTH", "DRIVERLICENSE").
        if (p + 1 < keys.size())
        {
            std::string joined = keys[p] + keys[p + 1];
            std::size_t q = p + 2;
            bool matched = false;
            while (true)
            {
                if (wordMatches(word, joined, exact))
                {
                    matched = true;
                    break;
                }
                if (q >= keys.size())
                    break;
                joined += keys[q++];
            }
            if (matched)
            {
                exact = false;
                ++j;
                p = q;
                continue;
            }
        }
        // A space too many: two words read for one ("STATE MENT").
        if (j + 1 < words.size() && keys[p].size() >= 5 && wordMatches(word + words[j + 1].key, keys[p], exact))
        {
            exact = false;
            j += 2;
            ++p;
            continue;
        }
        return std::nullopt;
    }
    return j;
}

std::size_t keyLength(const std::vector<std::string>& keys)
{
    std::size_t n = 0;
    for (const std::string& k : keys)
        n += k.size();
    return n;
}

} // namespace

std::vector<LabelHit> DocumentLayout::findLabels(const std::vector<LabelPhrase>& labels) const
{
    std::vector<std::vector<std::string>> keys;
    keys.reserve(labels.size());
    for (const LabelPhrase& label : labels)
        keys.push_back(phraseKeys(label.phrase));
    std::vector<LabelHit> hits;
    for (const LayoutLine& line : _lines)
    {
        std::size_t i = 0;
        while (i < line.words.size())
        {
            std::optional<LabelHit> best;
            std::size_t bestLength = 0;
            for (std::size_t l = 0; l < labels.size(); ++l)
            {
                if (keys[l].empty())
                    continue;
                bool exact = true;
                auto end = matchPhrase(line.words, i, keys[l], exact);
                if (!end)
                    continue;
                std::size_t length = keyLength(keys[l]);
                bool better = !best || length > bestLength ||
                              (length == bestLength && (exact && !best->exact));
                if (better)
                {
                    best = LabelHit{&labels[l], WordSpan{line.index, i, *end}, exact};
                    bestLength = length;
                }
            }
            if (best)
            {
                i = best->span.end;
                hits.push_back(*best);
            }
            else
                ++i;
        }
    }
    return hits;
}

std::string DocumentLayout::spanText(const WordSpan& span) const
{
    if (span.line < 0 || static_cast<std::size_t>(span.line) >= _lines.size())
        return {};
    const LayoutLine& line = _lines[static_cast<std::size_t>(span.line)];
    std::string out;
    for (std::size_t i = span.begin; i < span.end && i < line.words.size(); ++i)
    {
        if (!out.empty())
            out += ' ';
        out += line.words[i].text;
    }
    return out;
}

Region DocumentLayout::spanRegion(const WordSpan& span) const
{
    if (span.line < 0 || static_cast<std::size_t>(span.line) >= _lines.size())
        return {};
    const LayoutLine& line = _lines[static_cast<std::size_t>(span.line)];
    Region region = line.box;
    if (span.empty() || span.end > line.words.size())
        return region;
    double x0 = line.words[span.begin].x0;
    double x1 = line.words[span.end - 1].x1;
    region.x = static_cast<int>(std::floor(x0));
    region.width = std::max(1, static_cast<int>(std::ceil(x1)) - region.x);
    return region;
}

WordSpan DocumentLayout::restOfLine(int line, std::size_t after, std::size_t stop) const
{
    if (line < 0 || static_cast<std::size_t>(line) >= _lines.size())
        return {};
    std::size_t size = _lines[static_cast<std::size_t>(line)].words.size();
    return WordSpan{line, std::min(after, size), std::min(stop, size)};
}

std::optional<int> DocumentLayout::lineToTheRight(int line, double x1, double maxGap) const
{
    if (line < 0 || static_cast<std::size_t>(line) >= _lines.size())
        return std::nullopt;
    const LayoutLine& from = _lines[static_cast<std::size_t>(line)];
    std::optional<int> best;
    double bestX = 0;
    for (const LayoutLine& other : _lines)
    {
        if (other.page != from.page || other.index == from.index)
            continue;
        // The same row: boxes that overlap by half, or a small label and a large value on one baseline.
        double overlap = std::min(from.bottom(), other.bottom()) - std::max(from.top(), other.top());
        double smaller = std::min(from.box.height, other.box.height);
        double larger = std::max(from.box.height, other.box.height);
        bool sameRow = overlap >= smaller * 0.5 || (overlap > 0 && std::fabs(from.bottom() - other.bottom()) <= larger * 0.4);
        if (smaller <= 0 || !sameRow)
            continue;
        if (other.left() < x1 - from.height * 0.5 || other.left() - x1 > maxGap)
            continue;
        if (!best || other.left() < bestX)
        {
            best = other.index;
            bestX = other.left();
        }
    }
    return best;
}

std::optional<WordSpan> DocumentLayout::valueBelow(int line, double x0, double x1, double maxGap) const
{
    if (line < 0 || static_cast<std::size_t>(line) >= _lines.size())
        return std::nullopt;
    const LayoutLine& from = _lines[static_cast<std::size_t>(line)];
    const double tolerance = from.height * 0.8;
    std::optional<WordSpan> best;
    double bestTop = 0;
    for (const LayoutLine& other : _lines)
    {
        if (other.page != from.page || other.index == from.index)
            continue;
        // Below: its middle under the label's foot (a tall value's box may start level with a small label
        // printed just above it), and not beyond the gap.
        if (other.top() + other.box.height * 0.5 <= from.bottom() || other.top() - from.bottom() > maxGap)
            continue;
        if (best && other.top() >= bestTop)
            continue;
        std::optional<std::size_t> first;
        std::size_t last = 0;
        for (std::size_t w = 0; w < other.words.size(); ++w)
        {
            const LayoutWord& word = other.words[w];
            if (word.x0 >= x0 - tolerance && word.x0 < x1)
            {
                if (!first)
                    first = w;
                last = w;
            }
            else if (first)
                break;
        }
        if (!first)
            continue;
        best = WordSpan{other.index, *first, last + 1};
        bestTop = other.top();
    }
    return best;
}

} // namespace proofdesk
