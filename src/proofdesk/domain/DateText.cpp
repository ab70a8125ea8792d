#include "proofdesk/domain/DateText.h"

#include "proofdesk/domain/DocumentLayout.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace proofdesk
{

using namespace std::chrono;

namespace
{

bool isAlnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '|';
}

bool isLetter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A run of letters and digits, with the punctuation that separates it from the previous one.
struct Token
{
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string raw;
    std::string separator;  // non-space characters between the previous token and this one
    bool numeric = false;   // every character is a digit or reads as one
    std::string digits;     // the digits it reads as, when numeric
    int realDigits = 0;     // how many were digits to begin with
    int month = 0;          // 1-12 when the token is a month name
};

int monthOf(const std::string& raw)
{
    static const std::array<const char*, 12> names = {"JANUARY", "FEBRUARY", "MARCH",     "APRIL",
                                                      "MAY",     "JUNE",     "JULY",      "AUGUST",
                                                      "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
    std::string word;
    for (char c : raw)
    {
        char l = text::letterLookalike(c);
        if (l == '\0')
            return 0;
        word += l;
    }
    if (word.size() < 3)
        return 0;
    for (std::size_t m = 0; m < names.size(); ++m)
    {
        std::string_view name = names[m];
        if (word == name.substr(0, 3) || word == name)
            return static_cast<int>(m) + 1;
    }
    if (word == "SEPT")
        return 9;
    if (word.size() >= 5)
    {
        for (std::size_t m = 0; m < names.size(); ++m)
        {
            std::string_view name = names[m];
            std::size_t allowance = text::editAllowance(name.size());
            if (name.size() >= 5 && word[0] == name[0] && text::editDistance(word, name, allowance) <= allowance)
                return static_cast<int>(m) + 1;
        }
    }
    return 0;
}

void classify(Token& token)
{
    token.numeric = true;
    for (char c : token.raw)
    {
        char d = text::digitLookalike(c);
        if (d == '\0')
        {
            token.numeric = false;
            break;
        }
        token.digits += d;
        token.realDigits += isDigit(c) ? 1 : 0;
    }
    if (!token.numeric)
        token.digits.clear();
    // A pure letter word ("SOL") is not read as digits unless it sits between date separators; the
    // patterns below decide that, but a month name always wins.
    token.month = token.numeric ? 0 : monthOf(token.raw);  // "0CT" is October
    if (token.month != 0)
        token.numeric = false;
}

std::vector<Token> tokenize(std::string_view text)
{
    std::vector<Token> tokens;
    std::size_t i = 0;
    std::size_t lastEnd = 0;
    while (i < text.size())
    {
        if (!isAlnum(text[i]))
        {
            ++i;
            continue;
        }
        std::size_t start = i;
        while (i < text.size() && isAlnum(text[i]))
        {
            // "MAR14", "DOB01" / "14MAR": a word glued to a number (a number to a month).
            if (i > start && isLetter(text[i]) != isLetter(text[i - 1]) && text[i] != '|' && text[i - 1] != '|')
            {
                std::string_view left = text.substr(start, i - start);
                bool leftLetters = std::all_of(left.begin(), left.end(), isLetter);
                bool leftDigits = std::all_of(left.begin(), left.end(), isDigit);
                std::size_t k = i;
                while (k < text.size() && isAlnum(text[k]) && isLetter(text[k]) == isLetter(text[i]))
                    ++k;
                std::string rightRaw(text.substr(i, k - i));
                std::string leftRaw(left);
                if ((leftLetters && left.size() >= 3) ||
                    (leftDigits && std::all_of(rightRaw.begin(), rightRaw.end(), isLetter) && rightRaw.size() >= 3 &&
                     monthOf(rightRaw) != 0))
                    break;
            }
            ++i;
        }
        Token token;
        token.begin = start;
        token.end = i;
        token.raw = std::string(text.substr(start, i - start));
        for (std::size_t k = lastEnd; k < start; ++k)
            if (text[k] != ' ')
                token.separator += text[k];
        classify(token);
        tokens.push_back(std::move(token));
        lastEnd = i;
    }
    // OCR sometimes spaces out a month's letters ("J U N"): join single letters that spell one.
    for (std::size_t t = 0; t + 2 < tokens.size(); ++t)
    {
        auto single = [&](std::size_t k) {
            return tokens[k].raw.size() == 1 && isLetter(tokens[k].raw[0]) && tokens[k].separator.empty();
        };
        if (!(tokens[t].raw.size() == 1 && isLetter(tokens[t].raw[0])))
            continue;
        std::size_t k = t + 1;
        std::string joined = tokens[t].raw;
        while (k < tokens.size() && k - t < 9 && single(k))
            joined += tokens[k++].raw;
        if (k - t < 3 || monthOf(joined) == 0)
            continue;
        Token merged = tokens[t];
        merged.raw = joined;
        merged.end = tokens[k - 1].end;
        merged.digits.clear();
        merged.realDigits = 0;
        classify(merged);
        tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(t), tokens.begin() + static_cast<std::ptrdiff_t>(k));
        tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(t), merged);
    }
    return tokens;
}

bool isDateSeparator(const std::string& s)
{
    return s == "/" || s == "-" || s == "." || s == "\\";
}

std::optional<int> number(const Token& t, std::size_t minLength, std::size_t maxLength)
{
    if (!t.numeric || t.digits.size() < minLength || t.digits.size() > maxLength)
        return std::nullopt;
    // A part with no real digit at all ("lO") only counts when it is short; longer ones are words.
    if (t.realDigits == 0 && t.digits.size() > 2)
        return std::nullopt;
    return std::stoi(t.digits);
}

int resolveYear(int twoDigits, int month, int day, sys_days today, DateKind kind)
{
    int later = 2000 + twoDigits;
    int earlier = 1900 + twoDigits;
    year_month_day lateDate{year{later}, std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
    if (kind == DateKind::Past)
        return lateDate.ok() && sys_days{lateDate} > today ? earlier : later;
    // The century that puts it closest to today.
    int todayYear = static_cast<int>(year_month_day{today}.year());
    return std::abs(later - todayYear) <= std::abs(earlier - todayYear) ? later : earlier;
}

std::optional<year_month_day> makeDate(int y, int m, int d)
{
    if (y < 1850 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
        return std::nullopt;
    year_month_day date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

bool isMonthDaySeparator(const std::string& s)
{
    return s.empty() || s == "-" || s == "." || s == "/" || s == "," || s == ".," || s == ",";
}

} // namespace

std::vector<DateFound> findDates(std::string_view text, sys_days today, DateKind kind)
{
    std::vector<Token> tokens = tokenize(text);
    std::vector<DateFound> found;
    std::size_t i = 0;
    auto yearOf = [&](const Token& t, int m, int d, bool& twoDigit) -> std::optional<int> {
        if (auto y4 = number(t, 4, 4))
            return *y4;
        if (auto y2 = number(t, 2, 2))
        {
            twoDigit = true;
            return resolveYear(*y2, m, d, today, kind);
        }
        return std::nullopt;
    };
    auto folded = [](std::initializer_list<const Token*> parts) {
        for (const Token* t : parts)
            if (t->realDigits != static_cast<int>(t->raw.size()) && t->month == 0)
                return true;
        return false;
    };
    while (i < tokens.size())
    {
        const Token& a = tokens[i];
        std::optional<DateFound> date;
        std::size_t used = 0;
        // Numeric: M/D/Y, Y-M-D (and D/M/Y when the first number cannot be a month).
        if (i + 2 < tokens.size() && isDateSeparator(tokens[i + 1].separator) &&
            isDateSeparator(tokens[i + 2].separator))
        {
            const Token& b = tokens[i + 1];
            const Token& c = tokens[i + 2];
            if (auto y = number(a, 4, 4); y && number(b, 1, 2) && number(c, 1, 2))
            {
                if (auto ymd = makeDate(*y, *number(b, 1, 2), *number(c, 1, 2)))
                    date = DateFound{*ymd, a.begin, c.end, !folded({&a, &b, &c}), false};
            }
            else if (auto m = number(a, 1, 2), d = number(b, 1, 2); m && d && (c.digits.size() == 2 || c.digits.size() == 4))
            {
                int first = *m;
                int second = *d;
                bool exact = !folded({&a, &b, &c});
                if (first > 12 && second <= 12)
                {
                    std::swap(first, second);
                    exact = false;
                }
                bool twoDigit = false;
                if (auto yy = yearOf(c, first, second, twoDigit))
                    if (auto ymd = makeDate(*yy, first, second))
                        date = DateFound{*ymd, a.begin, c.end, exact, twoDigit};
            }
            if (date)
                used = 3;
        }
        // Month name first: March 14, 2026 / MAR 14 2026 / Mar-14-2026.
        if (!date && a.month != 0 && i + 2 < tokens.size())
        {
            const Token& d = tokens[i + 1];
            const Token& y = tokens[i + 2];
            auto dd = number(d, 1, 2);
            if (dd && isMonthDaySeparator(d.separator) && isMonthDaySeparator(y.separator))
            {
                bool twoDigit = false;
                if (auto yy = yearOf(y, a.month, *dd, twoDigit))
                    if (auto ymd = makeDate(*yy, a.month, *dd))
                    {
                        date = DateFound{*ymd, a.begin, y.end, !folded({&d, &y}), twoDigit};
                        used = 3;
                    }
            }
        }
        // A month and a day run into the year ("JUL 162017", "FEB152025").
        if (!date && a.month != 0 && i + 1 < tokens.size() && isMonthDaySeparator(tokens[i + 1].separator))
        {
            const Token& t = tokens[i + 1];
            if (t.numeric && t.realDigits > 0 && (t.digits.size() == 5 || t.digits.size() == 6))
            {
                int yy = std::stoi(t.digits.substr(t.digits.size() - 4));
                int dd = std::stoi(t.digits.substr(0, t.digits.size() - 4));
                if (yy >= 1900 && yy <= 2100)
                    if (auto ymd = makeDate(yy, a.month, dd))
                    {
                        date = DateFound{*ymd, a.begin, t.end, false, false};
                        used = 2;
                    }
            }
        }
        // Day first: 14 Mar 2026 / 14-Mar-2026 / 14 JUN/JUIN 79.
        if (!date && i + 2 < tokens.size() && tokens[i + 1].month != 0)
        {
            auto dd = number(a, 1, 2);
            const Token& m = tokens[i + 1];
            std::size_t yi = i + 2;
            // A second-language month after a slash ("JUN/JUIN").
            if (yi + 1 < tokens.size() && tokens[yi].separator == "/" && tokens[yi].realDigits == 0 &&
                tokens[yi].raw.size() <= 5 && !tokens[yi].numeric)
                ++yi;
            if (dd && yi < tokens.size() && isMonthDaySeparator(m.separator) &&
                isMonthDaySeparator(tokens[yi].separator))
            {
                const Token& y = tokens[yi];
                bool twoDigit = false;
                if (auto yy = yearOf(y, m.month, *dd, twoDigit))
                    if (auto ymd = makeDate(*yy, m.month, *dd))
                    {
                        date = DateFound{*ymd, a.begin, y.end, !folded({&a, &y}), twoDigit};
                        used = yi - i + 1;
                    }
            }
        }
        if (date)
        {
            found.push_back(*date);
            i += used;
        }
        else
            ++i;
    }
    return found;
}

std::optional<DateFound> firstDate(std::string_view text, sys_days today, DateKind kind)
{
    std::vector<DateFound> all = findDates(text, today, kind);
    if (all.empty())
        return std::nullopt;
    return all.front();
}

std::string isoDate(year_month_day date)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

} // namespace proofdesk
