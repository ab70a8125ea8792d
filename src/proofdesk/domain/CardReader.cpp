#include "proofdesk/domain/CardReader.h"

#include "proofdesk/domain/AddressText.h"
#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/DateText.h"
#include "proofdesk/domain/FieldReading.h"
#include "proofdesk/domain/PersonNameText.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

namespace proofdesk
{

using namespace std::chrono;

namespace
{

const LayoutLine& lineAt(const DocumentLayout& layout, int index)
{
    return layout.lines()[static_cast<std::size_t>(index)];
}

// What the labels of a card front announce. "stop" labels only end the value before them.
const std::vector<LabelPhrase>& cardLabels()
{
    static const std::vector<LabelPhrase> labels = {
        {"doc", "DLN", 1},            {"doc", "DL", 2},             {"doc", "DL NO", 1},
        {"doc", "DL NUMBER", 1},      {"doc", "LIC NO", 1},         {"doc", "LIC", 2},
        {"doc", "LICENSE NO", 1},     {"doc", "LICENSE NUMBER", 1}, {"doc", "IDN", 1},
        {"doc", "ID", 3},             {"doc", "ID NO", 1},          {"doc", "ID NUMBER", 1},
        {"doc", "CARD NO", 1},        {"doc", "CARD NUMBER", 1},    {"doc", "CUSTOMER NO", 2},
        {"doc", "CUSTOMER NUMBER", 2}, {"doc", "DOCUMENT NO", 2},   {"doc", "NO", 3},
        {"doc", "4D DLN", 1},         {"doc", "4D IDN", 1},         {"doc", "4D", 2},
        {"last", "LN", 1},            {"last", "LAST NAME", 1},     {"last", "SURNAME", 1},
        {"last", "FAMILY NAME", 1},   {"given", "FN", 1},           {"given", "FIRST NAME", 1},
        {"given", "FIRST MIDDLE", 1}, {"given", "FIRST MIDDLE NAME", 1}, {"given", "GIVEN NAME", 1},
        {"given", "GIVEN NAMES", 1},  {"name", "NAME", 1},          {"name", "FULL NAME", 1},
        {"dob", "DOB", 1},            {"dob", "DATE OF BIRTH", 1},  {"dob", "BIRTH DATE", 1},
        {"dob", "BIRTHDATE", 1},      {"dob", "3 DOB", 1},          {"exp", "EXP", 1},
        {"exp", "EXPIRES", 1},        {"exp", "EXPIRATION", 1},     {"exp", "EXPIRATION DATE", 1},
        {"exp", "EXP DATE", 1},       {"exp", "EXPIRY", 1},         {"exp", "VALID UNTIL", 1},
        {"exp", "4B EXP", 1},         {"iss", "ISS", 1},            {"iss", "ISSUED", 1},
        {"iss", "ISSUE", 1},          {"iss", "ISSUE DATE", 1},     {"iss", "DATE OF ISSUE", 1},
        {"iss", "ISS DATE", 1},       {"iss", "4A ISS", 1},         {"sex", "SEX", 1},
        {"sex", "15 SEX", 1},         {"sex", "GENDER", 1},         {"address", "ADDRESS", 1},
        {"address", "ADDR", 1},       {"address", "RESIDENCE", 1},
        // titles and other fields: they end a value and are never one
        {"stop", "DRIVER LICENSE", 1}, {"stop", "DRIVERS LICENSE", 1}, {"stop", "OPERATOR LICENSE", 1},
        {"stop", "IDENTIFICATION CARD", 1}, {"stop", "ID CARD", 1},  {"stop", "STATE ID", 1},
        {"stop", "NOT A LICENSE TO DRIVE", 1}, {"stop", "REAL ID", 1}, {"stop", "HGT", 1},
        {"stop", "HEIGHT", 1},        {"stop", "WGT", 1},           {"stop", "WEIGHT", 1},
        {"stop", "EYES", 1},          {"stop", "EYE", 1},           {"stop", "HAIR", 1},
        {"stop", "CLASS", 1},         {"stop", "RESTR", 1},         {"stop", "RESTRICTIONS", 1},
        {"stop", "END", 1},           {"stop", "ENDORSEMENTS", 1},  {"stop", "DD", 1},
        {"stop", "5 DD", 1},          {"stop", "DONOR", 1},         {"stop", "VETERAN", 1},
        {"stop", "ORGAN DONOR", 1},   {"stop", "16 HGT", 1},        {"stop", "17 WGT", 1},
        {"stop", "18 EYES", 1},       {"stop", "19 HAIR", 1},       {"stop", "9 CLASS", 1},
        {"stop", "9A END", 1},        {"stop", "12 RESTR", 1},      {"stop", "USA", 1},
        {"stop", "4A", 1},            {"stop", "4B", 1},            {"stop", "DUPS", 1},
        {"stop", "REV", 1}};
    return labels;
}

// What the label at the start of a line said, when it said anything.
enum class LeadLabel
{
    None,
    Family,   // "1", "LN"
    Given,    // "2", "FN"
    Name,     // "NAME"
    Address,  // "8", "ADDRESS"
    Garbled   // a short token OCR made of a small label ("tN", "8s")
};

// The line without the label at its start ("1", "2", "8", "LN", "FN", "NAME", "ADDRESS", or a garbled
// one- or two-character label).
std::string withoutLeadingLabel(const LayoutLine& line, LeadLabel& lead)
{
    lead = LeadLabel::None;
    std::size_t skipped = 0;
    if (line.words.size() >= 2)
    {
        const std::string& raw = line.words[0].text;
        std::string key = line.words[0].key;
        if (key == "1" || key == "LN")
            lead = LeadLabel::Family;
        else if (key == "2" || key == "FN")
            lead = LeadLabel::Given;
        else if (key == "NAME")
            lead = LeadLabel::Name;
        else if (key == "ADDRESS" || key == "ADDR" || key == "RESIDENCE")
            lead = LeadLabel::Address;
        else if (key == "8")
        {
            // "8" is the address field only before a house number or a box; otherwise it may be the number.
            const std::string& next = line.words[1].key;
            if ((!next.empty() && next[0] >= '0' && next[0] <= '9') || next == "PO" || next == "P")
                lead = LeadLabel::Address;
        }
        else if (raw.size() <= 3 && key.size() <= 2 &&
                 std::any_of(raw.begin(), raw.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '.'; }))
            lead = LeadLabel::Garbled;
        if (lead != LeadLabel::None)
            skipped = 1;
    }
    std::string out;
    for (std::size_t i = skipped; i < line.words.size(); ++i)
    {
        if (!out.empty())
            out += ' ';
        out += line.words[i].text;
    }
    return out;
}

// The nearest line above `index` that shares its column (the card's value column may start after a label).
std::optional<int> overlappingAbove(const DocumentLayout& layout, int index)
{
    const LayoutLine& from = lineAt(layout, index);
    std::optional<int> best;
    double bestGap = 0;
    for (const LayoutLine& other : layout.lines())
    {
        if (other.page != from.page || other.index == index || other.top() >= from.top() - 0.3 * from.height)
            continue;
        double size = std::max(from.height, other.height);
        double gap = from.top() - other.bottom();
        if (gap > 1.8 * size || gap < -0.6 * size)
            continue;
        if (other.left() > from.left() + size || other.right() < from.left())
            continue;
        if (!best || gap < bestGap)
        {
            best = other.index;
            bestGap = gap;
        }
    }
    return best;
}

struct CardAddress
{
    int streetLine = -1;
    int unitLine = -1;
    int cityLine = -1;
};

std::optional<CardAddress> readAddress(const DocumentLayout& layout, FieldCandidates& fields)
{
    for (const LayoutLine& line : layout.lines())
    {
        auto city = parseCityStateZip(line.text);
        if (!city)
            continue;
        CardAddress found;
        found.cityLine = line.index;
        auto above = overlappingAbove(layout, line.index);
        std::string unit;
        LeadLabel lead = LeadLabel::None;
        if (above)
            if (auto u = parseUnitLine(withoutLeadingLabel(lineAt(layout, *above), lead)))
            {
                unit = *u;
                found.unitLine = *above;
                above = overlappingAbove(layout, *above);
            }
        if (!above)
            continue;
        std::string streetText = withoutLeadingLabel(lineAt(layout, *above), lead);
        auto street = parseStreetLine(streetText);
        // A label misread beyond recognition ("ABORESS 6609 MAGNOLIA PL"): one word of letters before the
        // house number, just above a city line, is taken for the label.
        const std::size_t space = streetText.find(' ');
        if (!street && space != std::string::npos && space > 1 &&
            std::all_of(streetText.begin(), streetText.begin() + static_cast<long>(space),
                        [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }))
            street = parseStreetLine(streetText.substr(space + 1));
        if (!street)
            continue;
        found.streetLine = *above;
        std::vector<Region> streetRegions = {lineAt(layout, found.streetLine).box};
        if (found.unitLine >= 0)
            streetRegions.push_back(lineAt(layout, found.unitLine).box);
        float confidence = std::min(line.confidence, lineAt(layout, found.streetLine).confidence);
        offerAddress(fields, *street, unit, *city, streetRegions, {line.box}, confidence, 0.9, "card address");
        return found;
    }
    return std::nullopt;
}

LocatedText wholeLine(const LayoutLine& line, const std::string& text, double certainty)
{
    LocatedText out;
    out.text = text;
    out.regions = {line.box};
    out.lineConfidence = line.confidence;
    out.certainty = certainty;
    return out;
}

// Letters, spaces, hyphens, apostrophes, periods and commas only ('!' and '|' count: OCR's I).
bool nameWordsOnly(const std::string& text)
{
    bool letter = false;
    for (char c : text)
    {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
            letter = true;
        else if (c != ' ' && c != '-' && c != '\'' && c != '.' && c != ',' && c != '!' && c != '|')
            return false;
    }
    return letter;
}

// AAMVA's numbered name fields: "1 FAMILY" and "2 GIVEN NAMES" on consecutive lines.
void readNumberedNames(const DocumentLayout& layout, FieldCandidates& fields)
{
    const auto& lines = layout.lines();
    for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    {
        const LayoutLine& family = lines[i];
        if (family.words.size() < 2 || family.words[0].text.size() > 1)
            continue;
        // "1" as OCR may read it: l, I, |, or a stray punctuation mark.
        char one = family.words[0].text[0];
        if (std::string_view("1lIi|!;:[]j").find(one) == std::string_view::npos)
            continue;
        // The given names' line is the next one down in the same column, starting with "2".
        for (std::size_t j = i + 1; j < lines.size() && j <= i + 3; ++j)
        {
            const LayoutLine& given = lines[j];
            if (given.page != family.page || given.words.size() < 2 || given.words[0].text.size() > 1)
                continue;
            char two = given.words[0].text[0];
            if ((two != '2' && two != 'Z') || std::fabs(given.left() - family.left()) > family.height * 1.5)
                continue;
            LeadLabel lead = LeadLabel::None;
            std::string familyText = withoutLeadingLabel(family, lead);
            std::string givenText = withoutLeadingLabel(given, lead);
            if (one != '1')
                familyText = family.text.substr(family.words[0].text.size() + 1);
            if (!nameWordsOnly(familyText) || !nameWordsOnly(givenText))
                break;
            if (auto name = parseNameFields(familyText, givenText))
            {
                LocatedText where = wholeLine(family, familyText, one == '1' && two == '2' ? 0.95 : 0.8);
                where.regions.push_back(given.box);
                where.lineConfidence = std::min(family.confidence, given.confidence);
                offerName(fields, *name, where, "numbered fields 1 and 2");
            }
            break;
        }
    }
}

// Name lines just above the address: one line "FIRST MIDDLE LAST", or two lines family then given (AAMVA
// order), each perhaps after a label; a lone line labelled as given names gives only those.
void readNameAboveAddress(const DocumentLayout& layout, const CardAddress& address, FieldCandidates& fields)
{
    auto first = overlappingAbove(layout, address.streetLine);
    if (!first)
        return;
    LeadLabel lowerLead = LeadLabel::None;
    const LayoutLine& lower = lineAt(layout, *first);
    std::string lowerText = withoutLeadingLabel(lower, lowerLead);
    if (!nameWordsOnly(lowerText) || looksLikeOrganisation(lowerText))
        return;
    if (auto second = overlappingAbove(layout, *first))
    {
        LeadLabel upperLead = LeadLabel::None;
        const LayoutLine& upper = lineAt(layout, *second);
        std::string upperText = withoutLeadingLabel(upper, upperLead);
        bool upperIsName = nameWordsOnly(upperText) && !looksLikeOrganisation(upperText) &&
                           personNameLikelihood(upperText + " X") > 0 && lowerLead != LeadLabel::Name;
        if (upperIsName)
        {
            if (auto name = parseNameFields(upperText, lowerText))
            {
                LocatedText where = wholeLine(upper, upperText, 0.6);
                where.regions.push_back(lower.box);
                where.lineConfidence = std::min(upper.confidence, lower.confidence);
                offerName(fields, *name, where, "name lines above the address");
                return;
            }
        }
    }
    if (lowerLead == LeadLabel::Given || lowerLead == LeadLabel::Family)
    {
        if (auto name = parseNameFields(lowerLead == LeadLabel::Family ? lowerText : "X",
                                        lowerLead == LeadLabel::Given ? lowerText : "X"))
        {
            auto offer = [&](const char* field, const std::string& value) {
                fields.offer(field, FieldCandidate{value, 0.55, lower.confidence, {lower.box}, "name line above the address"});
            };
            if (lowerLead == LeadLabel::Family)
                offer("last_name", name->last);
            else
            {
                offer("first_name", name->first);
                offer("middle_name", name->middle);
            }
        }
        return;
    }
    if (personNameLikelihood(lowerText) > 0.5)
        if (auto name = parsePersonName(lowerText))
            offerName(fields, *name, wholeLine(lower, lowerText, lowerLead == LeadLabel::Name ? 0.7 : 0.5),
                      "name line above the address");
}

void readIssuingAuthority(const DocumentLayout& layout, const std::optional<CardAddress>& address,
                          const std::vector<LabelHit>& hits, FieldCandidates& fields)
{
    struct Found
    {
        std::string code;
        double score;
        const LayoutLine* line;
        bool exact;
    };
    std::optional<Found> best;
    for (const LayoutLine& line : layout.lines())
    {
        if (address && (line.index == address->cityLine || line.index == address->streetLine))
            continue;
        // A line holding a field ("LN BROWN-WASHINGTON") is no header.
        bool field = std::any_of(hits.begin(), hits.end(), [&](const LabelHit& h) {
            return h.span.line == line.index && h.label->field != "stop";
        });
        if (field)
            continue;
        auto [width, height] = layout.pageSize(line.page);
        (void)width;
        double typical = std::max(layout.typicalHeight(line.page), 1.0);
        bool header = height > 0 && line.top() < 0.3 * height;
        bool large = line.height >= 1.25 * typical;
        if (!header && !large)
            continue;
        auto state = findStateName(line.text);
        bool exact = state.has_value();
        if (!state)
            state = findStateNameTolerant(line.text);
        if (!state)
            continue;
        double score = (header ? 2.0 : 0.0) + line.height / typical + (exact ? 1.0 : 0.0);
        if (!best || score > best->score)
            best = Found{state->code, score, &line, exact};
    }
    if (best)
    {
        fields.offer("issuing_authority",
                     FieldCandidate{best->code, best->exact ? 0.92 : 0.75, best->line->confidence, {best->line->box},
                                    "state named in the header"});
        return;
    }
    if (address)
    {
        const LayoutLine& city = lineAt(layout, address->cityLine);
        if (auto csz = parseCityStateZip(city.text))
        {
            fields.offer("issuing_authority",
                         FieldCandidate{csz->state, 0.35, city.confidence, {city.box}, "state of the address"});
            fields.note("issuing_authority: no state named on the card; the address's state is a guess");
        }
    }
}

// A fax machine's transmission header across the top of a faxed page ("NOV 01 2026 09:18AM FROM: 628 555
// 0142 TO: 18005550100 P.02/02"): its numbers are the sender's and the help desk's, never the card's.
bool faxHeader(const DocumentLayout& layout, const LayoutLine& line)
{
    const std::string upper = upperAscii(line.text);
    if (upper.find("FROM:") != std::string::npos || upper.find("TO:") != std::string::npos)
        return true;
    // The header's pieces apart (OCR splits it at its wide gaps): a line along the top edge of a page.
    auto [width, height] = layout.pageSize(line.page);
    return height > width && line.bottom() < 0.04 * height;
}

// No number label read: the first number of letters and digits, after any garbled label, on a line that is
// no address, discriminator ("DD") or fax header line; dates on the line are left out.
void readUnlabelledNumber(const DocumentLayout& layout, const std::optional<CardAddress>& address,
                          const std::vector<LabelHit>& hits, FieldCandidates& fields)
{
    for (const LayoutLine& line : layout.lines())
    {
        if (address && (line.index == address->cityLine || line.index == address->streetLine ||
                        line.index == address->unitLine))
            continue;
        bool discriminator = false;
        for (const LabelHit& hit : hits)
            if (hit.span.line == line.index && hit.label->field == "stop")
                discriminator = true;
        if (discriminator || faxHeader(layout, line))
            continue;
        std::vector<DateFound> dates = findDates(line.text, sys_days{}, DateKind::Recent);
        std::string text = dates.empty() ? line.text : line.text.substr(0, dates.front().begin);
        // Leading words without digits, or with lower-case letters, are what is left of a label.
        std::size_t at = 0;
        for (int skipped = 0; skipped < 2 && at < text.size(); ++skipped)
        {
            std::size_t end = text.find(' ', at);
            if (end == std::string::npos)
                break;
            std::string word = text.substr(at, end - at);
            bool digit = std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
            bool lower = std::any_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
            bool prefix = word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z';  // "M 123 456 789 012"
            if ((digit && !lower) || prefix)
                break;
            at = end + 1;
        }
        auto number = parseDocumentNumber(text.substr(at));
        if (!number)
            continue;
        std::size_t digits = static_cast<std::size_t>(std::count_if(number->begin(), number->end(), [](char c) { return c >= '0' && c <= '9'; }));
        // Mostly digits, or long (some states' numbers are mostly letters).
        if (!(digits >= 5 && number->size() >= 6) && !(digits >= 2 && number->size() >= 8))
            continue;
        fields.offer("document_number", FieldCandidate{*number, 0.45, line.confidence, {line.box}, "number on the card"});
        return;
    }
}

} // namespace

void readCardFields(const DocumentLayout& layout, sys_days today, FieldCandidates& fields)
{
    const std::vector<LabelHit> hits = layout.findLabels(cardLabels());
    std::optional<LocatedText> family, given;
    for (const LabelHit& hit : hits)
    {
        const std::string& field = hit.label->field;
        if (field == "stop" || field == "address")
            continue;
        ValueSearch search;
        search.rightGap = 0.3;
        search.belowGap = 1.8;
        // A bare "ID" or "NO" is too common a word to look around for.
        if (hit.label->priority >= 3)
            search.right = search.below = false;
        double labelFactor = hit.exact ? 1.0 : 0.92;
        std::string how = "labelled '" + layout.spanText(hit.span) + "'";
        for (const LocatedText& value : valuesForLabel(layout, hit, hits, search))
        {
            double certainty = 0.95 * value.certainty * labelFactor;
            if (offerIdentityField(fields, field, value, today, certainty, how))
                break;
            bool used = false;
            if (field == "doc")
            {
                // A date beside or below the number's label is the next column's (a birth date whose label
                // was not read), not the number.
                std::vector<DateFound> dates = findDates(value.text, sys_days{}, DateKind::Recent);
                const bool date = !dates.empty() && dates.front().begin <= 1 &&
                                  dates.front().end + 2 >= value.text.size();
                if (date)
                    continue;
                if (auto number = parseDocumentNumber(value.text))
                {
                    fields.offer("document_number", FieldCandidate{*number, certainty * (hit.label->priority >= 2 ? 0.9 : 1.0),
                                                                   value.lineConfidence, value.regions, how});
                    used = true;
                }
            }
            else if (field == "last" || field == "given")
            {
                if (nameWordsOnly(value.text) && looksLikeNamePart(value.text))
                {
                    (field == "last" ? family : given) = value;
                    used = true;
                }
            }
            else if (field == "name")
            {
                if (personNameLikelihood(value.text) > 0.4)
                    if (auto name = parsePersonName(value.text))
                    {
                        LocatedText where = value;
                        where.certainty = certainty;
                        offerName(fields, *name, where, how);
                        used = true;
                    }
            }
            if (used)
                break;
        }
    }
    if (family && given)
        offerFamilyAndGivenNames(fields, *family, *given, "labelled family and given names");
    else if (family || given)
    {
        // One half only: report it, the other half stays missing.
        const LocatedText& half = family ? *family : *given;
        if (auto name = parseNameFields(family ? family->text : "X", given ? given->text : "X"))
        {
            LocatedText where = half;
            where.certainty *= 0.9;
            if (family)
                fields.offer("last_name", FieldCandidate{name->last, where.certainty, where.lineConfidence, where.regions, "labelled family name"});
            else
            {
                fields.offer("first_name", FieldCandidate{name->first, where.certainty, where.lineConfidence, where.regions, "labelled given names"});
                fields.offer("middle_name", FieldCandidate{name->middle, where.certainty, where.lineConfidence, where.regions, "labelled given names"});
            }
        }
    }
    readNumberedNames(layout, fields);
    std::optional<CardAddress> address = readAddress(layout, fields);
    if (address && !fields.has("last_name"))
        readNameAboveAddress(layout, *address, fields);
    offerDatesByOrder(layout, today, 0.5, fields);
    if (!fields.has("document_number"))
        readUnlabelledNumber(layout, address, hits, fields);
    readIssuingAuthority(layout, address, hits, fields);
}

} // namespace proofdesk
