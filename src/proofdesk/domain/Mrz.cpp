#include "proofdesk/domain/Mrz.h"

#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Utf8.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <optional>
#include <set>
#include <tuple>

namespace proofdesk
{

namespace
{

using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr double kVerified = 0.99;   // every check digit passes, nothing repaired
constexpr double kRepaired = 0.85;   // a class-forced repair, confirmed by the check digit where there is one
constexpr double kUnconfirmed = 0.8; // the field's own check passes (or it has none) but another check fails
constexpr double kImplausible = 0.6; // read cleanly but doubtful (an expiry far from today)
constexpr double kFailed = 0.5;      // the field's own check digit fails, or it holds impossible characters

// Stands for '«' until we know whether the OCR meant one '<' or two.
constexpr char kGuillemet = '\x01';

enum class Kind
{
    Digit,  // 0-9 or '<' (unknown parts of a date, the check digit of empty optional data)
    Letter, // A-Z or '<'
    Alnum   // anything in the MRZ alphabet: no repair by class is possible
};

struct Segment
{
    std::string_view owner; // the field the characters belong to (check digits belong to what they check)
    std::size_t line;
    std::size_t start;
    std::size_t length;
    Kind kind;
    bool checkDigit;
};

struct Pos
{
    std::size_t line;
    std::size_t index;
};

struct Check
{
    std::string_view name;
    std::vector<Pos> value;
    Pos digit;
    bool fillerAllowed; // all '<' with check digit '<' (or 0) means "no data", not a failure
};

struct Layout
{
    std::string_view format;
    std::size_t lineCount;
    std::size_t lineLength;
    std::size_t nameLine;
    std::string_view firstLetters; // document codes accepted as the first character
    std::vector<Segment> segments;
};

const Layout& td3()
{
    static const Layout layout{"TD3",
                               2,
                               44,
                               0,
                               "P",
                               {{"document_code", 0, 0, 2, Kind::Letter, false},
                                {"issuing_state", 0, 2, 3, Kind::Letter, false},
                                {"name", 0, 5, 39, Kind::Letter, false},
                                {"document_number", 1, 0, 9, Kind::Alnum, false},
                                {"document_number", 1, 9, 1, Kind::Digit, true},
                                {"nationality", 1, 10, 3, Kind::Letter, false},
                                {"date_of_birth", 1, 13, 6, Kind::Digit, false},
                                {"date_of_birth", 1, 19, 1, Kind::Digit, true},
                                {"sex", 1, 20, 1, Kind::Letter, false},
                                {"expiration_date", 1, 21, 6, Kind::Digit, false},
                                {"expiration_date", 1, 27, 1, Kind::Digit, true},
                                {"optional_data", 1, 28, 14, Kind::Alnum, false},
                                {"optional_data", 1, 42, 1, Kind::Digit, true},
                                {"composite", 1, 43, 1, Kind::Digit, true}}};
    return layout;
}

const Layout& td2()
{
    static const Layout layout{"TD2",
                               2,
                               36,
                               0,
                               "ACIPV",
                               {{"document_code", 0, 0, 2, Kind::Letter, false},
                                {"issuing_state", 0, 2, 3, Kind::Letter, false},
                                {"name", 0, 5, 31, Kind::Letter, false},
                                {"document_number", 1, 0, 9, Kind::Alnum, false},
                                {"document_number", 1, 9, 1, Kind::Digit, true},
                                {"nationality", 1, 10, 3, Kind::Letter, false},
                                {"date_of_birth", 1, 13, 6, Kind::Digit, false},
                                {"date_of_birth", 1, 19, 1, Kind::Digit, true},
                                {"sex", 1, 20, 1, Kind::Letter, false},
                                {"expiration_date", 1, 21, 6, Kind::Digit, false},
                                {"expiration_date", 1, 27, 1, Kind::Digit, true},
                                {"optional_data", 1, 28, 7, Kind::Alnum, false},
                                {"composite", 1, 35, 1, Kind::Digit, true}}};
    return layout;
}

const Layout& td1()
{
    // The document number's check digit position may hold '<' when a long number continues in the optional
    // data, so it is a Digit position ('<' allowed) like the others.
    static const Layout layout{"TD1",
                               3,
                               30,
                               2,
                               "ACI",
                               {{"document_code", 0, 0, 2, Kind::Letter, false},
                                {"issuing_state", 0, 2, 3, Kind::Letter, false},
                                {"document_number", 0, 5, 9, Kind::Alnum, false},
                                {"document_number", 0, 14, 1, Kind::Digit, true},
                                {"optional_data", 0, 15, 15, Kind::Alnum, false},
                                {"date_of_birth", 1, 0, 6, Kind::Digit, false},
                                {"date_of_birth", 1, 6, 1, Kind::Digit, true},
                                {"sex", 1, 7, 1, Kind::Letter, false},
                                {"expiration_date", 1, 8, 6, Kind::Digit, false},
                                {"expiration_date", 1, 14, 1, Kind::Digit, true},
                                {"nationality", 1, 15, 3, Kind::Letter, false},
                                {"optional_data_2", 1, 18, 11, Kind::Alnum, false},
                                {"composite", 1, 29, 1, Kind::Digit, true},
                                {"name", 2, 0, 30, Kind::Letter, false}}};
    return layout;
}

std::optional<int> charValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    if (c == '<')
        return 0;
    return std::nullopt;
}

std::optional<int> checkDigitOf(std::string_view field)
{
    static constexpr std::array<int, 3> weights{7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i)
    {
        std::optional<int> value = charValue(field[i]);
        if (!value)
            return std::nullopt;
        sum += *value * weights[i % 3];
    }
    return sum % 10;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isLetter(char c)
{
    return c >= 'A' && c <= 'Z';
}

// The letters OCR-B is read as in place of a digit, and the reverse.
std::optional<char> digitFor(char c)
{
    switch (c)
    {
    case 'O':
    case 'Q':
    case 'D':
        return '0';
    case 'I':
    case 'L':
        return '1';
    case 'Z':
        return '2';
    case 'S':
        return '5';
    case 'G':
        return '6';
    case 'B':
        return '8';
    case 'K':
        return '<'; // the filler's usual misreading; '<' is allowed where a digit is
    default:
        return std::nullopt;
    }
}

std::optional<char> letterFor(char c)
{
    switch (c)
    {
    case '0':
        return 'O';
    case '1':
        return 'I';
    case '2':
        return 'Z';
    case '5':
        return 'S';
    case '6':
        return 'G';
    case '8':
        return 'B';
    default:
        return std::nullopt;
    }
}

std::string label(std::string_view owner)
{
    std::string text(owner);
    std::replace(text.begin(), text.end(), '_', ' ');
    return text;
}

std::string quoted(char c)
{
    if (c == '?')
        return "an unreadable character";
    return std::string("'") + c + "'";
}

std::vector<Pos> span(std::size_t line, std::size_t start, std::size_t length)
{
    std::vector<Pos> positions;
    for (std::size_t i = 0; i < length; ++i)
        positions.push_back({line, start + i});
    return positions;
}

std::vector<Pos> joined(std::initializer_list<std::vector<Pos>> parts)
{
    std::vector<Pos> positions;
    for (const auto& part : parts)
        positions.insert(positions.end(), part.begin(), part.end());
    return positions;
}

// TD1 numbers longer than 9 characters: '<' in the check digit position, the rest of the number and then its
// check digit at the start of the optional data, ended by '<'. Returns the length of that continuation
// (check digit included), 0 when the number is not long.
std::size_t td1Continuation(const std::vector<std::string>& lines)
{
    if (lines[0][14] != '<' || lines[0][15] == '<')
        return 0;
    std::size_t end = lines[0].find('<', 15);
    if (end == std::string::npos)
        end = 30;
    return end - 15 >= 2 ? end - 15 : 0;
}

std::vector<Check> checksOf(const Layout& layout, const std::vector<std::string>& lines)
{
    if (layout.format == "TD3")
        return {{"document_number", span(1, 0, 9), {1, 9}, false},
                {"date_of_birth", span(1, 13, 6), {1, 19}, false},
                {"expiration_date", span(1, 21, 6), {1, 27}, false},
                {"optional_data", span(1, 28, 14), {1, 42}, true},
                {"composite", joined({span(1, 0, 10), span(1, 13, 7), span(1, 21, 22)}), {1, 43}, false}};
    if (layout.format == "TD2")
        return {{"document_number", span(1, 0, 9), {1, 9}, false},
                {"date_of_birth", span(1, 13, 6), {1, 19}, false},
                {"expiration_date", span(1, 21, 6), {1, 27}, false},
                {"composite", joined({span(1, 0, 10), span(1, 13, 7), span(1, 21, 14)}), {1, 35}, false}};
    Check number{"document_number", span(0, 5, 9), {0, 14}, false};
    if (std::size_t more = td1Continuation(lines); more > 0)
        number = {
            "document_number", joined({span(0, 5, 9), span(0, 15, more - 1)}), {0, 15 + more - 1}, false};
    return {number,
            {"date_of_birth", span(1, 0, 6), {1, 6}, false},
            {"expiration_date", span(1, 8, 6), {1, 14}, false},
            {"composite",
             joined({span(0, 5, 25), span(1, 0, 7), span(1, 8, 7), span(1, 18, 11)}),
             {1, 29},
             false}};
}

// Text to lines in the MRZ alphabet: upper case, spaces dropped, '«' marked, anything else '?'.
std::vector<std::string> normalisedLines(std::string_view text)
{
    std::u32string codePoints;
    if (std::optional<std::u32string> decoded = decodeUtf8(text))
        codePoints = std::move(*decoded);
    else
        for (char byte : text) // not UTF-8: keep the ASCII, mark the rest unreadable
            codePoints.push_back(static_cast<unsigned char>(byte) < 0x80 ? static_cast<char32_t>(byte)
                                                                         : U'?');

    std::vector<std::string> lines(1);
    for (char32_t cp : codePoints)
    {
        if (cp == U'\n' || cp == U'\r' || cp == U'\f' || cp == U'\v' || cp == 0x85 || cp == 0x2028 ||
            cp == 0x2029)
            lines.emplace_back();
        else if (cp == U' ' || cp == U'\t' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000)
            continue;
        else if (cp >= U'a' && cp <= U'z')
            lines.back().push_back(static_cast<char>(cp - U'a' + U'A'));
        else if ((cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9') || cp == U'<')
            lines.back().push_back(static_cast<char>(cp));
        else if (cp == 0xAB) // '«'
            lines.back().push_back(kGuillemet);
        else if (cp == 0x2039 || cp == 0xFF1C) // '‹', fullwidth '<'
            lines.back().push_back('<');
        else
            lines.back().push_back('?');
    }
    lines.erase(std::remove_if(lines.begin(), lines.end(), [](const std::string& l) { return l.empty(); }),
                lines.end());
    return lines;
}

// The readings of a line: '«' as one '<', and as two.
std::vector<std::string> variantsOf(const std::string& line)
{
    std::string single;
    std::string twice;
    for (char c : line)
    {
        single += c == kGuillemet ? std::string("<") : std::string(1, c);
        twice += c == kGuillemet ? std::string("<<") : std::string(1, c);
    }
    if (single == twice)
        return {single};
    return {single, twice};
}

struct Candidate
{
    const Layout* layout;
    std::vector<std::string> lines;
    std::vector<std::string> notes;
};

// Fits the name line to its length when only trailing filler is off (OCR miscounts long runs of '<').
bool fitNameLine(std::string& line, std::size_t length, std::size_t number, std::vector<std::string>& notes)
{
    if (line.size() == length)
        return true;
    // Shorter by any amount (a long run of filler read as a few), longer by a few at most; never shorter
    // than the document code, the state and a one-letter name with its filler.
    constexpr std::size_t slack = 10;
    if (line.size() < 9 || line.back() != '<' || line.size() > length + slack)
        return false;
    std::string note = "MRZ line " + std::to_string(number) + " had " + std::to_string(line.size()) +
                       " characters instead of " + std::to_string(length) + "; trailing filler adjusted";
    if (line.size() > length)
    {
        if (line.find_first_not_of('<', length) != std::string::npos)
            return false;
        line.resize(length);
    }
    else
        line.append(length - line.size(), '<');
    notes.push_back(std::move(note));
    return true;
}

// Fits a TD3 data line to its 44 characters when OCR miscounted the filler of its optional data (positions 28
// to 41, then that field's check digit and the composite one): the first 28 characters and the last two
// stand, the optional data between is padded or trimmed. The composite check digit, over all of it, then
// says whether the fit was right.
bool fitTd3DataLine(std::string& line, std::vector<std::string>& notes)
{
    constexpr std::size_t length = 44;
    constexpr std::size_t fixedHead = 28;
    constexpr std::size_t optional = 14;
    if (line.size() == length)
        return true;
    if (line.size() < fixedHead + 2 || line.size() > length + 10)
        return false;
    std::string middle = line.substr(fixedHead, line.size() - fixedHead - 2);
    while (!middle.empty() && middle.back() == '<')
        middle.pop_back();
    if (middle.size() > optional)
        return false;
    notes.push_back("MRZ line 2 had " + std::to_string(line.size()) + " characters instead of 44; filler of the "
                    "optional data adjusted");
    line = line.substr(0, fixedHead) + middle + std::string(optional - middle.size(), '<') +
           line.substr(line.size() - 2);
    return true;
}

void addCandidate(const Layout& layout, std::vector<std::string> window, std::vector<Candidate>& out)
{
    std::vector<std::string> notes;
    for (std::size_t i = 0; i < window.size(); ++i)
    {
        if (i == layout.nameLine)
        {
            if (!fitNameLine(window[i], layout.lineLength, i + 1, notes))
                return;
        }
        else if (layout.format == "TD3" && i == 1)
        {
            if (!fitTd3DataLine(window[i], notes))
                return;
        }
        else if (window[i].size() != layout.lineLength)
            return;
        // More than a few unreadable characters: not an MRZ, or one too damaged to trust.
        if (std::count(window[i].begin(), window[i].end(), '?') > 3)
            return;
    }
    if (layout.firstLetters.find(window[0][0]) == std::string_view::npos)
        return;
    out.push_back({&layout, std::move(window), std::move(notes)});
}

// Every run of consecutive lines (each '«' read both ways), and single lines holding a whole MRZ.
void collectCandidates(const Layout& layout, const std::vector<std::string>& lines,
                       std::vector<Candidate>& out)
{
    const std::size_t n = layout.lineCount;
    for (std::size_t first = 0; first + n <= lines.size(); ++first)
    {
        std::vector<std::vector<std::string>> windows{{}};
        for (std::size_t i = first; i < first + n; ++i)
        {
            std::vector<std::vector<std::string>> longer;
            for (const auto& window : windows)
                for (const auto& variant : variantsOf(lines[i]))
                {
                    longer.push_back(window);
                    longer.back().push_back(variant);
                }
            windows = std::move(longer);
        }
        for (auto& window : windows)
            addCandidate(layout, std::move(window), out);
    }
    for (const auto& line : lines)
        for (const auto& variant : variantsOf(line))
            if (variant.size() == n * layout.lineLength)
            {
                std::vector<std::string> window;
                for (std::size_t i = 0; i < n; ++i)
                    window.push_back(variant.substr(i * layout.lineLength, layout.lineLength));
                addCandidate(layout, std::move(window), out);
            }
}

year_month_day shiftYears(year_month_day date, int years)
{
    year_month_day shifted = date + std::chrono::years(years);
    if (!shifted.ok()) // 29 February into a common year
        shifted =
            std::chrono::year_month_day_last(shifted.year(), std::chrono::month_day_last(shifted.month()));
    return shifted;
}

// YYMMDD in every century around today's that makes it a calendar date.
std::vector<year_month_day> datesOf(std::string_view yymmdd, sys_days today)
{
    std::vector<year_month_day> dates;
    if (yymmdd.size() != 6 || !std::all_of(yymmdd.begin(), yymmdd.end(), isDigit))
        return dates;
    auto number = [&](std::size_t at) { return (yymmdd[at] - '0') * 10 + (yymmdd[at + 1] - '0'); };
    const int century = static_cast<int>(year_month_day(today).year()) / 100 * 100;
    for (int base : {century - 100, century, century + 100})
    {
        year_month_day date{std::chrono::year(base + number(0)),
                            std::chrono::month(static_cast<unsigned>(number(2))),
                            std::chrono::day(static_cast<unsigned>(number(4)))};
        if (date.ok())
            dates.push_back(date);
    }
    return dates;
}

std::string isoDate(year_month_day date)
{
    auto padded = [](int value, std::size_t width)
    {
        std::string text = std::to_string(value);
        return std::string(width > text.size() ? width - text.size() : 0, '0') + text;
    };
    return padded(static_cast<int>(date.year()), 4) + "-" +
           padded(static_cast<int>(static_cast<unsigned>(date.month())), 2) + "-" +
           padded(static_cast<int>(static_cast<unsigned>(date.day())), 2);
}

std::string withoutFiller(std::string_view text)
{
    std::string out;
    for (char c : text)
        if (c != '<')
            out += c;
    return out;
}

std::vector<std::string> components(std::string_view text)
{
    std::vector<std::string> parts;
    std::string current;
    for (char c : text)
    {
        if (c == '<')
        {
            if (!current.empty())
                parts.push_back(std::move(current));
            current.clear();
        }
        else
            current += c;
    }
    if (!current.empty())
        parts.push_back(std::move(current));
    return parts;
}

std::string joinedWords(const std::vector<std::string>& words, std::size_t from)
{
    std::string out;
    for (std::size_t i = from; i < words.size(); ++i)
        out += (out.empty() ? "" : " ") + words[i];
    return out;
}

class Reading
{
public:
    Reading(const Layout& layout, std::vector<std::string> lines, std::vector<std::string> notes,
            sys_days today)
        : _layout(layout), _lines(std::move(lines)), _today(today)
    {
        _result.notes = std::move(notes);
    }

    MrzResult run()
    {
        repairByClass();
        repairFillerTails();
        repairNameFiller();
        verifyChecks();
        readFields();
        _result.format = std::string(_layout.format);
        _result.found = _passed > 0;
        _result.valid = _result.found && _result.failedChecks.empty();
        _result.lines = _lines;
        return _result;
    }

    int passed() const { return _passed; }
    std::size_t repairs() const { return _repairs; }

private:
    void repair(Pos at, char to, std::string_view owner, std::string_view why = {})
    {
        char& c = _lines[at.line][at.index];
        _result.notes.push_back("MRZ line " + std::to_string(at.line + 1) + " position " +
                                std::to_string(at.index + 1) + " (" + label(owner) + "): read " + quoted(c) +
                                ", taken as '" + to + "'" +
                                (why.empty() ? "" : std::string(" ") + std::string(why)));
        c = to;
        _repaired.insert(std::string(owner));
        ++_repairs;
    }

    // A letter where only digits may stand (or the reverse) can only be a misreading.
    void repairByClass()
    {
        for (const Segment& segment : _layout.segments)
            for (std::size_t i = segment.start; i < segment.start + segment.length; ++i)
            {
                char c = _lines[segment.line][i];
                Pos at{segment.line, i};
                if (segment.kind == Kind::Digit && !isDigit(c) && c != '<')
                {
                    if (std::optional<char> digit = digitFor(c))
                        repair(at, *digit, segment.owner);
                }
                else if (segment.kind == Kind::Letter && !isLetter(c) && c != '<')
                {
                    if (std::optional<char> letter = letterFor(c))
                        repair(at, *letter, segment.owner);
                }
                else if (segment.owner == "sex" && c == 'K') // only M, F, X and '<' are allowed there
                    repair(at, '<', segment.owner);
            }
    }

    // Filler comes only at the end of a field, so after the first '<' a 'K' in a run of fillers is one too.
    // (Check digits cannot tell: K = 20 weighs 0 modulo 10, like '<'.)
    void repairFillerTails()
    {
        for (const Segment& segment : _layout.segments)
        {
            if (segment.checkDigit || segment.owner == "name" || segment.owner == "document_code" ||
                segment.owner == "sex")
                continue;
            std::string& line = _lines[segment.line];
            std::string_view field(line.data() + segment.start, segment.length);
            std::size_t first = field.find('<');
            if (first == std::string_view::npos || field.find('K', first) == std::string_view::npos ||
                field.find_first_not_of("<K", first) != std::string_view::npos)
                continue;
            for (std::size_t i = first; i < segment.length; ++i)
                if (field[i] == 'K')
                    repair({segment.line, segment.start + i}, '<', segment.owner, "(filler)");
        }
    }

    const Segment& nameSegment() const
    {
        return *std::find_if(_layout.segments.begin(), _layout.segments.end(),
                             [](const Segment& s) { return s.owner == "name"; });
    }

    // The name is PRIMARY<<SECONDARY then filler; the secondary identifier ends at the next "<<", and a 'K'
    // after that is a misread filler.
    void repairNameFiller()
    {
        const Segment& segment = nameSegment();
        std::string_view name(_lines[segment.line].data() + segment.start, segment.length);
        std::size_t separator = name.find("<<");
        if (separator == std::string_view::npos)
            return;
        std::size_t secondary = separator + 2;
        std::size_t filler =
            secondary < name.size() && name[secondary] == '<' ? secondary : name.find("<<", secondary);
        if (filler == std::string_view::npos)
            return;
        if (name.find_first_not_of("<K", filler) != std::string_view::npos)
        {
            _result.notes.push_back("MRZ name has letters after its filler; they are ignored");
            _doubtfulName = true;
            return;
        }
        for (std::size_t i = filler; i < name.size(); ++i)
            if (name[i] == 'K')
                repair({segment.line, segment.start + i}, '<', "name", "(filler)");
    }

    std::string textAt(const std::vector<Pos>& positions) const
    {
        std::string text;
        for (Pos p : positions)
            text += _lines[p.line][p.index];
        return text;
    }

    void verifyChecks()
    {
        for (const Check& check : checksOf(_layout, _lines))
        {
            std::string value = textAt(check.value);
            char digit = _lines[check.digit.line][check.digit.index];
            std::optional<int> expected = checkDigitOf(value);
            bool ok = false;
            if (check.fillerAllowed && value.find_first_not_of('<') == std::string::npos)
                ok = digit == '<' || digit == '0';
            else
                ok = expected && isDigit(digit) && digit - '0' == *expected;
            if (ok)
            {
                ++_passed;
                continue;
            }
            _result.failedChecks.emplace_back(check.name);
            _result.notes.push_back("MRZ " + label(check.name) + " check digit failed (read " +
                                    quoted(digit) +
                                    (expected ? ", computed '" + std::to_string(*expected) + "')"
                                              : "; the field holds characters outside the MRZ alphabet)"));
        }
    }

    std::string raw(std::string_view owner) const
    {
        std::string text;
        for (const Segment& segment : _layout.segments)
            if (segment.owner == owner && !segment.checkDigit)
                text += _lines[segment.line].substr(segment.start, segment.length);
        return text;
    }

    bool failed(std::string_view check) const
    {
        return std::find(_result.failedChecks.begin(), _result.failedChecks.end(), check) !=
               _result.failedChecks.end();
    }

    double confidenceOf(std::string_view owner) const
    {
        if (failed(owner))
            return kFailed;
        double confidence = _result.failedChecks.empty() ? kVerified : kUnconfirmed;
        if (_repaired.count(std::string(owner)))
            confidence = std::min(confidence, kRepaired);
        return confidence;
    }

    void set(const std::string& key, std::string value, double confidence)
    {
        if (value.empty())
            return;
        _result.fields[key] = std::move(value);
        _result.confidence[key] = confidence;
    }

    void readFields()
    {
        std::string code = withoutFiller(raw("document_code"));
        set("document_code", code, confidenceOf("document_code"));
        set("document_type", !code.empty() && code[0] == 'P' ? "passport" : "unknown",
            confidenceOf("document_code"));
        readCode("issuing_state", "issuing_authority");
        readCode("nationality", "nationality");
        readName();
        readNumberAndOptionalData();
        readDates();
        readSex();
    }

    // A state code: letters, filler at the end ("D<<" is Germany).
    void readCode(std::string_view owner, const std::string& key)
    {
        std::string code = withoutFiller(raw(owner));
        double confidence = confidenceOf(owner);
        if (!std::all_of(code.begin(), code.end(), isLetter))
        {
            _result.notes.push_back("MRZ " + label(owner) + " '" + code +
                                    "' holds characters other than A-Z");
            confidence = kFailed;
        }
        set(key, code, confidence);
    }

    void readName()
    {
        std::string name = raw("name");
        double confidence = confidenceOf("name");
        if (!std::all_of(name.begin(), name.end(), [](char c) { return isLetter(c) || c == '<'; }))
        {
            _result.notes.push_back("MRZ name holds characters other than A-Z and '<'");
            confidence = kFailed;
        }
        if (_doubtfulName)
            confidence = std::min(confidence, kImplausible);
        if (name.back() != '<')
        {
            _result.notes.push_back("MRZ name fills its whole field and may be truncated");
            confidence = std::min(confidence, 0.9);
        }
        std::size_t separator = name.find("<<");
        std::vector<std::string> primary = components(name.substr(0, separator));
        std::vector<std::string> secondary;
        if (separator != std::string::npos)
        {
            std::size_t start = separator + 2;
            std::size_t end = start < name.size() && name[start] == '<' ? start : name.find("<<", start);
            secondary =
                components(name.substr(start, end == std::string::npos ? std::string::npos : end - start));
        }
        set("last_name", joinedWords(primary, 0), confidence);
        if (!secondary.empty())
            set("first_name", secondary[0], confidence);
        set("middle_name", joinedWords(secondary, 1), confidence);
    }

    void readNumberAndOptionalData()
    {
        std::string number = raw("document_number");
        std::string optional = raw("optional_data");
        if (_layout.format == "TD1")
        {
            if (std::size_t more = td1Continuation(_lines); more > 0)
            {
                number += optional.substr(0, more - 1);
                optional = optional.substr(more);
            }
            optional += raw("optional_data_2");
        }
        set("document_number", withoutFiller(number), confidenceOf("document_number"));
        std::size_t end = optional.find_last_not_of('<');
        set("optional_data", end == std::string::npos ? "" : optional.substr(0, end + 1),
            confidenceOf("optional_data"));
    }

    void readDates()
    {
        std::string birth = raw("date_of_birth");
        std::vector<year_month_day> births = datesOf(birth, _today);
        // Nobody is born in the future: the latest century that keeps the date on or before today.
        std::optional<year_month_day> born;
        for (const year_month_day& date : births)
            if (sys_days(date) <= _today && (!born || date > *born))
                born = date;
        if (born)
            set("date_of_birth", isoDate(*born), confidenceOf("date_of_birth"));
        else
            _result.notes.push_back("MRZ date of birth '" + birth + "' is not a readable past date");

        std::string expiry = raw("expiration_date");
        std::vector<year_month_day> expiries = datesOf(expiry, _today);
        if (expiries.empty())
        {
            _result.notes.push_back("MRZ expiration date '" + expiry + "' is not a readable date");
            return;
        }
        year_month_day today(_today);
        sys_days earliest(shiftYears(today, -10));
        sys_days latest(shiftYears(today, 20));
        auto distance = [&](const year_month_day& date)
        { return std::abs((sys_days(date) - _today).count()); };
        std::optional<year_month_day> chosen;
        for (const year_month_day& date : expiries)
            if (sys_days(date) >= earliest && sys_days(date) <= latest)
                chosen = date;
        double confidence = confidenceOf("expiration_date");
        if (!chosen)
        {
            chosen =
                *std::min_element(expiries.begin(), expiries.end(),
                                  [&](const auto& a, const auto& b) { return distance(a) < distance(b); });
            _result.notes.push_back("MRZ expiration date " + isoDate(*chosen) +
                                    " is more than 10 years past or 20 years ahead");
            confidence = std::min(confidence, kImplausible);
        }
        set("expiration_date", isoDate(*chosen), confidence);
    }

    void readSex()
    {
        char sex = raw("sex")[0];
        if (sex == 'M' || sex == 'F' || sex == 'X' || sex == '<')
            set("sex", std::string(1, sex == '<' ? 'X' : sex), confidenceOf("sex"));
        else
            _result.notes.push_back("MRZ sex " + quoted(sex) + " is not M, F or '<'");
    }

    const Layout& _layout;
    std::vector<std::string> _lines;
    sys_days _today;
    MrzResult _result;
    std::set<std::string> _repaired;
    bool _doubtfulName = false;
    int _passed = 0;
    std::size_t _repairs = 0;
};

} // namespace

int mrzCheckDigit(std::string_view field)
{
    for (std::size_t i = 0; i < field.size(); ++i)
        if (!charValue(field[i]))
            throw Error(ErrorCode::InvalidInput, "MRZ check digit: character " + std::to_string(i + 1) +
                                                     " of the field is not A-Z, 0-9 or '<'");
    return *checkDigitOf(field);
}

MrzResult parseMrz(std::string_view text, std::chrono::sys_days today)
{
    std::vector<std::string> lines = normalisedLines(text);
    std::vector<Candidate> candidates;
    for (const Layout* layout : {&td3(), &td1(), &td2()})
        collectCandidates(*layout, lines, candidates);

    // The reading whose check digits agree most, then the one needing fewest repairs, then TD3 over the
    // smaller formats (the order above).
    std::optional<MrzResult> best;
    // Fewest lengths adjusted breaks the remaining ties ('«' read as '<' and as "<<" may both fit).
    constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
    std::tuple<int, std::size_t, std::size_t> bestScore{0, 0, 0};
    for (auto& candidate : candidates)
    {
        std::size_t adjusted = candidate.notes.size();
        Reading reading(*candidate.layout, candidate.lines, std::move(candidate.notes), today);
        MrzResult result = reading.run();
        if (!result.found)
            continue;
        std::tuple<int, std::size_t, std::size_t> score{reading.passed(), most - reading.repairs(),
                                                        most - adjusted};
        if (!best || score > bestScore)
        {
            best = std::move(result);
            bestScore = score;
        }
    }
    if (best)
        return *best;
    MrzResult none;
    none.notes.push_back("no machine-readable zone found");
    return none;
}

Extraction mrzExtraction(const MrzResult& result)
{
    Extraction extraction;
    extraction.notes = result.notes;
    if (!result.found)
        return extraction;
    if (auto type = result.fields.find("document_type"); type != result.fields.end())
        extraction.documentType = type->second;
    for (const std::string& name : extractionFieldNames())
    {
        auto field = result.fields.find(name);
        if (field == result.fields.end())
            continue;
        auto confidence = result.confidence.find(name);
        extraction.fields[name] =
            ExtractedField{field->second,
                           confidence == result.confidence.end() ? kFailed : confidence->second,
                           FieldSource::Mrz,
                           {}};
    }
    return extraction;
}

} // namespace proofdesk
