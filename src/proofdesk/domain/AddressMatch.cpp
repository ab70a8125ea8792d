#include "proofdesk/domain/AddressMatch.h"

#include "proofdesk/domain/AddressText.h"
#include "proofdesk/domain/MatchText.h"

#include <algorithm>
#include <vector>

namespace proofdesk
{

namespace
{

constexpr double StreetNearThreshold = 0.85;

using Words = std::vector<std::string>;

bool hasDigit(const std::string& word)
{
    return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// How many words at `at` spell a post office box ("PO BOX", "P O BOX", "POST OFFICE BOX", "POB", "BOX",
// "POBOX"), 0 when none do.
std::size_t poBoxWords(const Words& words, std::size_t at)
{
    const auto is = [&](std::size_t i, const char* word) { return i < words.size() && words[i] == word; };
    if (is(at, "PO") && is(at + 1, "BOX"))
        return 2;
    if (is(at, "P") && is(at + 1, "O") && is(at + 2, "BOX"))
        return 3;
    if (is(at, "POST") && is(at + 1, "OFFICE") && is(at + 2, "BOX"))
        return 3;
    if (is(at, "POB") || is(at, "POBOX") || is(at, "BOX"))
        return 1;
    return 0;
}

std::string lookup(const std::map<std::string, std::string>& table, const std::string& word)
{
    const auto it = table.find(word);
    return it == table.end() ? word : it->second;
}

// The ZIP's digits: 5, and 4 more when given.
void splitZip(const std::string& text, NormalizedAddress& out)
{
    std::string digits;
    for (const char c : text)
        if (c >= '0' && c <= '9')
            digits += c;
    if (digits.size() == 5 || digits.size() == 9)
    {
        out.zip5 = digits.substr(0, 5);
        out.zip4 = digits.substr(5);
    }
    else
    {
        out.zip5 = digits;  // not a ZIP: compared as it is, so it cannot match a real one by accident
    }
}

// The street words with the suffix (the last word, or the one before a post-directional) abbreviated and
// directionals abbreviated wherever they stand (both sides are treated alike, so a street named "North"
// still compares equal).
std::string normalizeStreet(Words words, const UspsTables& tables)
{
    for (std::string& word : words)
        word = lookup(tables.directionals, word);
    if (!words.empty())
    {
        std::size_t suffix = words.size() - 1;
        if (words.size() > 2 && tables.directionals.count(words[suffix]) && words[suffix].size() <= 2)
            --suffix;
        if (suffix > 0 || words.size() == 1)
            words[suffix] = lookup(tables.streetSuffixes, words[suffix]);
    }
    return joinWords(words);
}

std::string cityOf(const std::string& city)
{
    return joinWords(matchWords(city));
}

} // namespace

std::string NormalizedAddress::text() const
{
    std::string line = primary;
    if (!unit.empty())
        line += (line.empty() ? "" : " ") + unit;
    std::string last = city;
    if (!state.empty())
        last += (last.empty() ? "" : " ") + state;
    const std::string zip = zip4.empty() ? zip5 : zip5 + "-" + zip4;
    if (!zip.empty())
        last += (last.empty() ? "" : " ") + zip;
    if (line.empty())
        return last;
    return last.empty() ? line : line + ", " + last;
}

NormalizedAddress normalizeAddress(const PostalAddress& address, const UspsTables& tables)
{
    NormalizedAddress out;
    Words words = matchWords(address.line1 + " " + address.line2, "#");

    // A post office box: "PO BOX 4411".
    if (const std::size_t box = poBoxWords(words, 0); box > 0 && box < words.size() && hasDigit(words[box]))
    {
        out.poBox = true;
        out.number = words[box];
        out.primary = "PO BOX " + out.number;
        words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(box + 1));
        if (!words.empty())
        {
            out.unit = joinWords(words);
            out.unitId = out.unit;
        }
    }
    else
    {
        // The secondary unit: the first designator after the number and a street word that has what it
        // needs after it (a range for APT, nothing for BSMT); "#" stands for any designator.
        std::size_t unitAt = words.size();
        for (std::size_t i = 2; i < words.size(); ++i)
        {
            const auto designator = tables.unitDesignators.find(words[i]);
            if (designator == tables.unitDesignators.end())
                continue;
            const bool noRange = tables.unitsWithoutRange.count(designator->second) > 0;
            if (noRange ? i + 1 == words.size() : i + 1 < words.size())
            {
                unitAt = i;
                break;
            }
        }
        if (unitAt < words.size())
        {
            const std::string designator = lookup(tables.unitDesignators, words[unitAt]);
            Words range(words.begin() + static_cast<std::ptrdiff_t>(unitAt) + 1, words.end());
            if (!range.empty() && range.front() == "#")
                range.erase(range.begin());
            out.unitId = range.empty() ? designator : runTogether(range);
            out.unit = range.empty() ? designator : designator + " " + out.unitId;
            words.resize(unitAt);
        }
        if (!words.empty() && hasDigit(words.front()))
        {
            out.number = words.front();
            words.erase(words.begin());
        }
        out.street = normalizeStreet(words, tables);
        out.primary = out.number.empty() ? out.street : out.street.empty() ? out.number : out.number + " " + out.street;
    }
    out.city = cityOf(address.city);
    const std::optional<std::string> state = usStateCode(address.state);
    out.state = state ? *state : joinWords(matchWords(address.state));
    splitZip(address.postalCode, out);
    return out;
}

MatchOutcome matchAddress(const PostalAddress& registered, const PostalAddress& document, const UspsTables& tables)
{
    const NormalizedAddress reg = normalizeAddress(registered, tables);
    const NormalizedAddress doc = normalizeAddress(document, tables);
    MatchOutcome outcome;
    outcome.expected = reg.text();
    outcome.found = doc.text();
    outcome.similarity = 1.0;

    std::vector<std::string> failures;
    std::vector<std::string> doubts;
    if (doc.primary.empty() && doc.city.empty() && doc.zip5.empty())
    {
        outcome.result = CheckResult::Unknown;
        outcome.similarity = 0.0;
        outcome.reason = "no address was read on the document";
        return outcome;
    }

    if (doc.primary.empty())
        doubts.push_back("the street line was not read");
    else if (reg.poBox != doc.poBox)
        failures.push_back(doc.poBox ? "the document is addressed to a PO box, not the registered street address"
                                     : "the document gives a street address, the registration a PO box");
    else
    {
        if (reg.number != doc.number)
        {
            const bool oneDigit = reg.number.size() == doc.number.size() && typoDistance(reg.number, doc.number) == 1;
            (oneDigit ? doubts : failures)
                .push_back(std::string(oneDigit ? "one character differs in the " : "a different ") +
                           (reg.poBox ? "box number" : "house number"));
        }
        if (reg.street != doc.street)
        {
            const double similarity = textSimilarity(reg.street, doc.street);
            outcome.similarity = similarity;
            const Words regWords = matchWords(reg.street);
            const Words docWords = matchWords(doc.street);
            // One side without the suffix or a directional: the same street written shorter.
            const Words& shorter = regWords.size() < docWords.size() ? regWords : docWords;
            const Words& longer = regWords.size() < docWords.size() ? docWords : regWords;
            const bool inOrder = !shorter.empty() && longer.size() == shorter.size() + 1 &&
                                 (std::equal(shorter.begin(), shorter.end(), longer.begin()) ||
                                  std::equal(shorter.begin(), shorter.end(), longer.begin() + 1));
            if (inOrder)
                doubts.push_back("the street is written with a word less (suffix or directional) (similarity " +
                                 similarityText(similarity) + ")");
            else if (nearMiss(reg.street, doc.street, StreetNearThreshold))
                doubts.push_back("the street name nearly matches (similarity " + similarityText(similarity) + ")");
            else
                failures.push_back("a different street (similarity " + similarityText(similarity) + ")");
        }
    }

    if (reg.unitId != doc.unitId)
    {
        if (reg.unitId.empty() || doc.unitId.empty())
            doubts.push_back(doc.unitId.empty() ? "the registered unit (" + reg.unit + ") is not on the document"
                                                : "the document names a unit (" + doc.unit + ") not registered");
        else
            failures.push_back("a different unit");
    }

    if (doc.state.empty())
        doubts.push_back("the state was not read");
    else if (reg.state != doc.state)
        failures.push_back("a different state");

    if (doc.zip5.empty())
        doubts.push_back("the ZIP code was not read");
    else if (reg.zip5 != doc.zip5)
        failures.push_back("a different ZIP code");
    else if (!reg.zip4.empty() && !doc.zip4.empty() && reg.zip4 != doc.zip4)
        doubts.push_back("the ZIP+4 differs (same 5-digit ZIP)");

    if (doc.city.empty())
        doubts.push_back("the city was not read");
    else if (reg.city != doc.city)
        doubts.push_back(nearMiss(reg.city, doc.city, StreetNearThreshold) ? "the city nearly matches"
                                                                          : "a different city name for the same ZIP code");

    std::string reason;
    for (const std::vector<std::string>* list : {&failures, &doubts})
        for (const std::string& note : *list)
            reason += (reason.empty() ? "" : "; ") + note;
    if (!failures.empty())
        outcome.result = CheckResult::Fail;
    else if (!doubts.empty())
        outcome.result = CheckResult::Unknown;
    else
    {
        outcome.result = CheckResult::Pass;
        reason = "the address matches";
    }
    outcome.reason = reason;
    return outcome;
}

} // namespace proofdesk
