#include "proofdesk/domain/FieldReading.h"

#include "proofdesk/domain/DateText.h"

#include <algorithm>

namespace proofdesk
{

namespace
{

bool onlyPunctuation(const DocumentLayout& layout, const WordSpan& span)
{
    const LayoutLine& line = layout.lines()[static_cast<std::size_t>(span.line)];
    for (std::size_t i = span.begin; i < span.end && i < line.words.size(); ++i)
        if (!line.words[i].key.empty())
            return false;
    return true;
}

// Drops punctuation-only words at the start of a span (the ':' or '/' after a label).
WordSpan trimLeading(const DocumentLayout& layout, WordSpan span)
{
    const LayoutLine& line = layout.lines()[static_cast<std::size_t>(span.line)];
    while (span.begin < span.end && span.begin < line.words.size() && line.words[span.begin].key.empty())
        ++span.begin;
    return span;
}

LocatedText located(const DocumentLayout& layout, const WordSpan& span, double certainty)
{
    LocatedText out;
    out.text = layout.spanText(span);
    out.regions = {layout.spanRegion(span)};
    out.lineConfidence = layout.lines()[static_cast<std::size_t>(span.line)].confidence;
    out.certainty = certainty;
    out.span = span;
    return out;
}

} // namespace

std::vector<LocatedText> valuesForLabel(const DocumentLayout& layout, const LabelHit& hit,
                                        const std::vector<LabelHit>& hits, const ValueSearch& search)
{
    std::vector<LocatedText> out;
    if (hit.span.line < 0 || static_cast<std::size_t>(hit.span.line) >= layout.lines().size())
        return out;
    const LayoutLine& line = layout.lines()[static_cast<std::size_t>(hit.span.line)];
    if (hit.span.begin >= line.words.size() || hit.span.end > line.words.size() || hit.span.empty())
        return out;
    const double labelX0 = line.words[hit.span.begin].x0;
    const double labelX1 = line.words[hit.span.end - 1].x1;
    std::size_t next = line.words.size();
    for (const LabelHit& other : hits)
        if (other.span.line == hit.span.line && other.span.begin >= hit.span.end)
            next = std::min(next, other.span.begin);
    WordSpan rest = trimLeading(layout, layout.restOfLine(hit.span.line, hit.span.end, next));
    bool restEmpty = rest.empty() || onlyPunctuation(layout, rest);
    if (search.sameLine && !restEmpty)
        out.push_back(located(layout, rest, 1.0));
    const double pageWidth = std::max(1, layout.pageSize(line.page).first);
    if (search.right && (restEmpty || next == line.words.size()))
    {
        double from = restEmpty ? labelX1 : line.right();
        if (auto right = layout.lineToTheRight(hit.span.line, from, search.rightGap * pageWidth))
        {
            const LayoutLine& other = layout.lines()[static_cast<std::size_t>(*right)];
            std::size_t stop = other.words.size();
            for (const LabelHit& h : hits)
                if (h.span.line == *right)
                    stop = std::min(stop, h.span.begin);
            WordSpan span{*right, 0, stop};
            if (!span.empty())
                out.push_back(located(layout, span, 0.95));
        }
    }
    if (search.below)
    {
        // The column ends where the next label on the same row begins.
        double columnEnd = search.columnWidth > 0 ? labelX0 + search.columnWidth : 0;
        if (columnEnd == 0)
        {
            columnEnd = labelX0 + std::max(3.0 * (labelX1 - labelX0), 0.25 * pageWidth);
            for (const LabelHit& other : hits)
            {
                if (&other == &hit || other.span.line < 0)
                    continue;
                // The same label in other languages ("Given Names / Prenoms / Nombres") is no other column.
                if (other.span.line == hit.span.line && other.span.begin >= hit.span.end)
                {
                    bool alias = false;
                    for (std::size_t w = hit.span.end - 1; w < other.span.begin && w < line.words.size(); ++w)
                        alias = alias || line.words[w].text.find('/') != std::string::npos;
                    if (alias)
                        continue;
                }
                const LayoutLine& otherLine = layout.lines()[static_cast<std::size_t>(other.span.line)];
                if (otherLine.page != line.page || other.span.begin >= otherLine.words.size())
                    continue;
                double overlap = std::min(otherLine.bottom(), line.bottom()) - std::max(otherLine.top(), line.top());
                if (overlap < std::min(otherLine.box.height, line.box.height) * 0.5)
                    continue;
                // Values line up with their labels give or take a few pixels: the next column's value may
                // start a little left of its label.
                double x = otherLine.words[other.span.begin].x0;
                if (x > labelX1 - 1 && x < columnEnd)
                    columnEnd = std::max(labelX1, x - 0.8 * otherLine.height);
            }
        }
        if (auto below = layout.valueBelow(hit.span.line, labelX0, columnEnd, search.belowGap * line.height))
        {
            WordSpan span = *below;
            // Stop at a label printed in the value's line.
            for (const LabelHit& h : hits)
                if (h.span.line == span.line && h.span.begin >= span.begin && h.span.begin < span.end)
                    span.end = h.span.begin;
            span = trimLeading(layout, span);
            if (!span.empty())
                out.push_back(located(layout, span, 0.92));
        }
    }
    return out;
}

std::optional<std::string> parseSex(std::string_view input)
{
    std::string text = text::cleanText(input);
    std::size_t at = 0;
    for (int n = 0; n < 3 && at < text.size(); ++n)
    {
        std::size_t end = text.find(' ', at);
        if (end == std::string::npos)
            end = text.size();
        std::string raw = text.substr(at, end - at);
        std::string word = text::alnumKey(raw);
        at = end + 1;
        if (word == "M" || word == "MALE")
            return std::string("M");
        if (word == "F" || word == "FEMALE")
            return std::string("F");
        if (word == "X")
            return std::string("X");
        // A neighbouring column's date or number may come first ("03/26/2026 M"); a word does not.
        if (!std::any_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; }))
            break;
    }
    return std::nullopt;
}

std::optional<std::string> parseDocumentNumber(std::string_view input)
{
    std::string text = text::cleanText(input);
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size())
    {
        std::size_t j = text.find(' ', i);
        if (j == std::string::npos)
            j = text.size();
        std::string cleaned;
        for (std::size_t k = i; k < j; ++k)
        {
            char c = text[k];
            if (c == '$' && cleaned.empty())
                cleaned += 'S';
            else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))
                cleaned += c;
            else if (c >= 'a' && c <= 'z')
                cleaned += static_cast<char>(c - 'a' + 'A');
        }
        words.push_back(cleaned);
        i = j + 1;
    }
    auto hasDigit = [](const std::string& w) { return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }); };
    std::string number;
    std::size_t start = 0;
    // Skip a word or two of leftover label ("NO", "#") before the number.
    while (start < words.size() && start < 2 && (words[start].empty() || (!hasDigit(words[start]) &&
                                                                          !(words[start].size() == 1 && start + 1 < words.size() && hasDigit(words[start + 1])))))
        ++start;
    for (std::size_t w = start; w < words.size(); ++w)
    {
        const std::string& word = words[w];
        if (word.empty())
            continue;
        if (number.empty())
        {
            if (hasDigit(word) || (word.size() == 1 && w + 1 < words.size() && hasDigit(words[w + 1])))
            {
                number = word;
                continue;
            }
            break;
        }
        // Groups of a number printed with spaces ("123 456 789").
        if (hasDigit(word) && word.size() <= 6 && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }))
            number += word;
        else
            break;
    }
    if (number.size() < 5 || number.size() > 24 || !hasDigit(number))
        return std::nullopt;
    return number;
}

void offerDatesByOrder(const DocumentLayout& layout, std::chrono::sys_days today, double certainty,
                       FieldCandidates& fields)
{
    using namespace std::chrono;
    struct Printed
    {
        year_month_day recent;  // two-digit years read as the century closest to today
        year_month_day past;    // ... and as never after today (for a birth date)
        bool exact;
        const LayoutLine* line;
    };
    std::vector<Printed> dates;
    for (const LayoutLine& line : layout.lines())
    {
        std::vector<DateFound> recent = findDates(line.text, today, DateKind::Recent);
        std::vector<DateFound> past = findDates(line.text, today, DateKind::Past);
        for (std::size_t i = 0; i < recent.size() && i < past.size(); ++i)
            dates.push_back(Printed{recent[i].date, past[i].date, recent[i].exact, &line});
    }
    if (dates.size() < 2)
        return;
    auto offer = [&](const char* field, const year_month_day& date, const Printed& p) {
        fields.offer(field, FieldCandidate{isoDate(date), certainty * (p.exact ? 1.0 : 0.9), p.line->confidence,
                                           {p.line->box}, "order of the dates"});
    };
    const Printed* birth = nullptr;
    for (const Printed& p : dates)
    {
        auto age = duration_cast<years>(today - sys_days{p.past}).count();
        if (sys_days{p.past} <= today && age >= 10 && age <= 125 && (!birth || sys_days{p.past} < sys_days{birth->past}))
            birth = &p;
    }
    const Printed* expiry = nullptr;
    for (const Printed& p : dates)
        if (&p != birth && (!expiry || sys_days{p.recent} > sys_days{expiry->recent}))
            expiry = &p;
    const Printed* issue = nullptr;
    for (const Printed& p : dates)
    {
        if (&p == birth || &p == expiry || sys_days{p.recent} > today + days{31})
            continue;
        if (birth && sys_days{p.recent} <= sys_days{birth->past})
            continue;
        if (!issue || sys_days{p.recent} > sys_days{issue->recent})
            issue = &p;
    }
    if (birth)
        offer("date_of_birth", birth->past, *birth);
    if (expiry && (!birth || sys_days{expiry->recent} > sys_days{birth->past}))
        offer("expiration_date", expiry->recent, *expiry);
    if (issue && expiry && sys_days{issue->recent} < sys_days{expiry->recent})
        offer("issue_date", issue->recent, *issue);
}

void offerFamilyAndGivenNames(FieldCandidates& fields, const LocatedText& family, const LocatedText& given,
                              const std::string& how)
{
    auto name = parseNameFields(family.text, given.text);
    if (!name)
        return;
    LocatedText where = family;
    where.regions.insert(where.regions.end(), given.regions.begin(), given.regions.end());
    where.lineConfidence = std::min(family.lineConfidence, given.lineConfidence);
    where.certainty = 0.95 * std::min(family.certainty, given.certainty);
    offerName(fields, *name, where, how);
}

void offerName(FieldCandidates& fields, const PersonName& name, const LocatedText& where, const std::string& how)
{
    double certainty = where.certainty * (name.exact ? 1.0 : 0.85);
    auto offer = [&](const char* field, const std::string& value, double factor) {
        fields.offer(field, FieldCandidate{value, certainty * factor, where.lineConfidence, where.regions, how});
    };
    offer("first_name", name.first, 1.0);
    offer("last_name", name.last, 1.0);
    // Whether a middle word belongs to the given names or the family name is the least certain split.
    offer("middle_name", name.middle, name.middle.size() > 1 && name.middle.find(' ') != std::string::npos ? 0.85 : 0.95);
    if (!name.suffix.empty())
        fields.note("name suffix " + name.suffix + " printed with the name (not part of last_name)");
}

void offerAddress(FieldCandidates& fields, const StreetAddress& street, const std::string& unitLine,
                  const CityStateZip& cityLine, const std::vector<Region>& streetRegions,
                  const std::vector<Region>& cityRegions, float lineConfidence, double certainty,
                  const std::string& how)
{
    auto offer = [&](const char* field, const std::string& value, const std::vector<Region>& regions, double factor) {
        fields.offer(field, FieldCandidate{value, certainty * factor, lineConfidence, regions, how});
    };
    offer("address_line1", street.line1, streetRegions, street.exact ? 1.0 : 0.85);
    std::string unit = unitLine.empty() ? street.line2 : unitLine;
    offer("address_line2", unit, streetRegions, 0.95);
    offer("city", cityLine.city, cityRegions, cityLine.exact ? 1.0 : 0.9);
    offer("state", cityLine.state, cityRegions, cityLine.exact ? 1.0 : 0.85);
    offer("postal_code", cityLine.postalCode, cityRegions, cityLine.exact ? 1.0 : 0.85);
}

bool offerIdentityField(FieldCandidates& fields, const std::string& field, const LocatedText& value,
                        std::chrono::sys_days today, double certainty, const std::string& how)
{
    auto offerDate = [&](const char* name, DateKind kind) {
        auto date = firstDate(value.text, today, kind);
        if (!date)
            return false;
        fields.offer(name, FieldCandidate{isoDate(date->date), certainty * (date->exact ? 1.0 : 0.9),
                                          value.lineConfidence, value.regions, how});
        return true;
    };
    if (field == "dob")
        return offerDate("date_of_birth", DateKind::Past);
    if (field == "exp")
        return offerDate("expiration_date", DateKind::Recent);
    if (field == "iss")
        return offerDate("issue_date", DateKind::Recent);
    if (field == "sex")
    {
        auto sex = parseSex(value.text);
        if (sex)
            fields.offer("sex", FieldCandidate{*sex, certainty, value.lineConfidence, value.regions, how});
        return sex.has_value();
    }
    return false;
}

} // namespace proofdesk
