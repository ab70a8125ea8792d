#include "proofdesk/domain/StatementReader.h"

#include "proofdesk/domain/AddressText.h"
#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/DateText.h"
#include "proofdesk/domain/FieldReading.h"
#include "proofdesk/domain/PersonNameText.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace proofdesk
{

using namespace std::chrono;

namespace
{

const LayoutLine& lineAt(const DocumentLayout& layout, int index)
{
    return layout.lines()[static_cast<std::size_t>(index)];
}

std::vector<std::string> upperWords(const std::string& text)
{
    std::vector<std::string> words;
    std::string upper = upperAscii(text);
    std::size_t i = 0;
    while (i < upper.size())
    {
        std::size_t j = upper.find(' ', i);
        if (j == std::string::npos)
            j = upper.size();
        std::string key = text::alnumKey(upper.substr(i, j - i));
        if (!key.empty())
            words.push_back(key);
        i = j + 1;
    }
    return words;
}

bool containsPhrase(const std::string& text, const std::vector<std::string>& phrases)
{
    std::string upper = " ";
    for (const std::string& w : upperWords(text))
        upper += w + " ";
    for (const std::string& phrase : phrases)
        if (upper.find(" " + phrase + " ") != std::string::npos)
            return true;
    return false;
}

// ---- the issuer ----------------------------------------------------------------------------------------

// Words of document titles and headings: a line made only of these is not the issuer's name.
const std::set<std::string>& titleWords()
{
    static const std::set<std::string> words = {
        "STATEMENT", "STATEMENTS", "ACCOUNT", "ACCOUNTS", "MONTHLY", "QUARTERLY", "CHECKING", "SAVINGS",
        "EARNINGS", "PAY", "PAYROLL", "ADVICE", "STUB", "DIRECT", "DEPOSIT", "OF", "YOUR", "BILL", "ELECTRIC",
        "GAS", "WATER", "INTERNET", "WIRELESS", "NATURAL", "SEWER", "SUMMARY", "NOTICE", "INVOICE", "IMPORTANT",
        "INFORMATION", "CUSTOMER", "SERVICE", "PAGE", "THE", "AND", "CURRENT", "CHARGES", "USAGE", "DETAILS",
        "DETAIL", "PREPARED", "FOR", "AMOUNT", "DUE", "TOTAL", "BALANCE", "PAYMENT", "PERIOD", "DATE", "NON",
        "NEGOTIABLE", "THIS", "IS", "NOT", "A", "CHECK", "VOID", "AFTER", "DAYS", "ENCLOSED", "PLEASE", "DETACH",
        "RETURN", "PORTION", "WITH", "STATEMENT", "ACTIVITY", "TRANSACTIONS", "TRANSACTION", "HISTORY",
        "DESCRIPTION", "ITEM", "ITEMS", "UNDERSTANDING", "NEW", "MESSAGE", "MESSAGES", "NEWS", "TO", "ORDER",
        "CONFIDENTIAL", "ELECTRICITY", "ENERGY", "MOBILE", "PHONE", "UTILITY", "BILLING", "REMITTANCE",
        "EMPLOYEE", "EMPLOYER", "NUMBER", "NO", "ID", "MEMBER", "FDIC", "NCUA", "ENDING", "IN", "DEPOSITS",
        "WITHDRAWALS", "CREDITS", "DEBITS", "FEES", "TAXES", "INTEREST", "OVERVIEW", "AT", "A", "GLANCE"};
    return words;
}

// Organisation words that also name utilities' trades; they help find the issuer, not reject a person.
const std::set<std::string>& tradeWords()
{
    static const std::set<std::string> words = {"POWER", "LIGHT", "GAS", "WATER", "ENERGY", "ELECTRIC",
                                                "FIBER", "CABLE", "TELEPHONE", "BROADBAND", "MOBILE",
                                                "WIRELESS", "COMMUNICATIONS", "FINANCIAL", "SAVINGS",
                                                "COOPERATIVE", "COOP", "CITY", "TOWN", "VILLAGE", "COUNTY",
                                                "STATE", "COMMONWEALTH", "HEALTH", "BAKERY", "RETAIL",
                                                "FOODS", "MARKETS", "MOTORS", "AIRLINES", "STORES"};
    return words;
}

struct IssuerCandidate
{
    int line = -1;
    double score = 0;
    std::string value;
};

bool sentenceLike(const std::string& text)
{
    std::size_t words = 0;
    std::size_t lower = 0;
    std::size_t i = 0;
    while (i < text.size())
    {
        std::size_t j = text.find(' ', i);
        if (j == std::string::npos)
            j = text.size();
        std::string word = text.substr(i, j - i);
        if (word.size() >= 3)
        {
            ++words;
            if (word[0] >= 'a' && word[0] <= 'z')
                ++lower;
        }
        i = j + 1;
    }
    return words > 0 && lower * 2 >= words && lower > 0;
}

// Words a heading next to the issuer's name brings along when OCR runs them together.
const std::set<std::string>& headingTail()
{
    static const std::set<std::string> words = {
        "STATEMENT", "STATEMENTS", "ACCOUNT", "NUMBER", "NO", "EARNINGS", "PAY", "ADVICE", "STUB", "DATE", "BILL",
        "SUMMARY", "INVOICE", "OF", "CHECKING", "MONTHLY", "PAYROLL", "DIRECT", "DEPOSIT", "INFORMATION",
        "CUSTOMER", "PAGE", "AMOUNT", "DUE", "PERIOD", "YOUR", "NOTICE"};
    return words;
}

std::string issuerValue(const std::string& text)
{
    std::string value = upperAscii(text);
    // A " - confidential"-like tail does not belong to the name.
    std::size_t dash = value.find(" - ");
    if (dash != std::string::npos)
        value = value.substr(0, dash);
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < value.size())
    {
        std::size_t j = value.find(' ', i);
        if (j == std::string::npos)
            j = value.size();
        if (j > i)
            words.push_back(value.substr(i, j - i));
        i = j + 1;
    }
    // The logo's mark read as a letter or a symbol ("A", "(c)", "OO", "CR]") before the name: short, or
    // mostly symbols, or two letters with a bracket or a bar (no name's word has one).
    auto junk = [](const std::string& w) {
        std::string key = text::alnumKey(w);
        bool repeated = key.size() == 2 && key[0] == key[1];
        bool barred = key.size() <= 2 && w.find_first_of("[]{}|()<>\\/") != std::string::npos;
        return key.size() <= 1 || repeated || barred || key.size() * 2 < w.size();
    };
    while (words.size() > 2 && junk(words.front()))
        words.erase(words.begin());
    // A speck read as a stop or a quote before the first letter (".SUNRIDGE").
    while (!words.empty() && !words.front().empty() && std::string_view(".,'`\"-_:;").find(words.front()[0]) != std::string_view::npos)
        words.front().erase(0, 1);
    // Bracketed or piped text and heading words run into the name from the side.
    for (std::size_t k = 1; k < words.size(); ++k)
        if (words[k][0] == '[' || words[k][0] == '|' || words[k][0] == '(')
        {
            words.resize(k);
            break;
        }
    while (words.size() > 1 && headingTail().count(text::alnumKey(words.back())))
        words.pop_back();
    std::string out;
    for (const std::string& w : words)
        out += (out.empty() ? "" : " ") + w;
    while (!out.empty() && (out.back() == ',' || out.back() == '.' || out.back() == ' ' || out.back() == '-'))
        out.pop_back();
    return out;
}

// The line up to the first word, after the second, that starts a heading or a label.
std::string cutAtHeading(const std::string& line)
{
    static const std::set<std::string> headings = {"ACCOUNT", "NUMBER", "STATEMENT", "DATE", "AMOUNT", "DUE",
                                                   "PAGE", "CUSTOMER", "BILL", "PAY", "PAYMENT", "PERIOD",
                                                   "BALANCE", "TOTAL", "EMPLOYEE", "CHECK", "EARNINGS"};
    std::size_t words = 0;
    std::size_t at = 0;
    while (at < line.size())
    {
        std::size_t end = line.find(' ', at);
        if (end == std::string::npos)
            end = line.size();
        if (words >= 2 && headings.count(text::alnumKey(line.substr(at, end - at))))
            return line.substr(0, at - 1);
        ++words;
        at = end + 1;
    }
    return line;
}

std::optional<IssuerCandidate> findIssuer(const DocumentLayout& layout, int page)
{
    auto [pageWidth, pageHeight] = layout.pageSize(page);
    const double typical = std::max(layout.typicalHeight(page), 1.0);
    std::optional<IssuerCandidate> best;
    for (const LayoutLine& line : layout.lines())
    {
        if (line.page != page || pageHeight <= 0)
            continue;
        // The top of the page (the logo), or its footer (where issuers print their name again).
        double relativeTop = line.top() / pageHeight;
        bool footer = relativeTop > 0.9;
        if (relativeTop > 0.4 && !footer)
            continue;
        // OCR may have run a heading beside the logo into its line ("... COMPANY Account Number 8664104667").
        const std::string text = cutAtHeading(line.text);
        std::vector<std::string> words = upperWords(text);
        if (words.empty() || words.size() > 9)
            continue;
        std::size_t digits = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }));
        std::size_t letters = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }));
        if (letters < 3 || digits >= 3 || text.find(':') != std::string::npos || text.find('$') != std::string::npos ||
            text.find('@') != std::string::npos || sentenceLike(text))
            continue;
        bool organisation = looksLikeOrganisation(text);
        bool trade = std::any_of(words.begin(), words.end(), [](const std::string& w) { return tradeWords().count(w) > 0; });
        bool titleOnly = std::all_of(words.begin(), words.end(), [](const std::string& w) { return titleWords().count(w) > 0; });
        if (titleOnly)
            continue;
        // A label with its value misread ("Period Hegiaiag" for Period Beginning): no issuer's name starts so.
        static const std::set<std::string> labelStarts = {"PERIOD", "DATE",    "ACCOUNT", "AMOUNT", "PAYMENT",
                                                          "BALANCE", "DUE",    "PAGE",    "EMPLOYEE", "NUMBER"};
        if (labelStarts.count(words.front()) > 0)
            continue;
        if (!organisation && personNameLikelihood(text) >= 0.8)
            continue;
        if (parseCityStateZip(text) || parseStreetLine(text))
            continue;
        double score = std::clamp(2.5 * (line.height / typical - 1.0), -1.0, 4.0);
        if (organisation)
            score += 3;
        else if (trade)
            score += 1.5;
        if (relativeTop < 0.12)
            score += 1.5;
        else if (relativeTop < 0.25)
            score += 0.5;
        else if (footer)
            score -= 1.0;
        // The issuer's name is printed again: footer, remittance stub, second page.
        std::string key = text::alnumKey(text);
        if (key.size() >= 6)
        {
            for (const LayoutLine& other : layout.lines())
                if (other.index != line.index && text::alnumKey(other.text).find(key) != std::string::npos)
                {
                    score += 2;
                    break;
                }
        }
        if (words.size() >= 2 && words.size() <= 6)
            score += 0.5;
        if (!best || score > best->score)
            best = IssuerCandidate{line.index, score, issuerValue(text)};
    }
    if (best && best->score < 1.5)
        return std::nullopt;
    return best;
}

// ---- the recipient's address block ----------------------------------------------------------------------

struct AddressBlock
{
    int cityLine = -1;
    int streetLine = -1;
    int unitLine = -1;
    int nameLine = -1;
    CityStateZip city;
    StreetAddress street;
    std::string unit;
    std::optional<PersonName> name;
    std::string nameText;
    double nameLikelihood = 0;
    bool organisation = false;
    double score = 0;
    bool window = false;
    bool joined = false;  // read from the head of lines that ran into another column
    std::string otherName; // a second holder's name printed under the first
};

// The street line of a block: the whole line when it ends as a street line ends (suffix, directional,
// unit, box number), else its head when the rest is another column's text that OCR ran into it.
std::optional<StreetAddress> readStreet(const std::string& text, bool& joined)
{
    std::size_t used = 0;
    if (auto head = parseStreetPrefix(text, used))
    {
        std::string cleaned = text::cleanText(text);
        std::size_t words = static_cast<std::size_t>(std::count(cleaned.begin(), cleaned.end(), ' ')) + 1;
        joined = joined || used < words;
        return head;
    }
    return parseStreetLine(text);
}

// A name line's head, without the issuer's name or a heading that OCR ran into it ("THOMAS B THOMPSON
// Service address", "... BLUE MESA GAS COMPANY"): the line up to the first heading word after the second
// word. An organisation's own line ("SAFFRON BAKERY COOPERATIVE") is left whole, to be recognised as one.
std::string nameHead(const std::string& text, const std::string& issuerKey)
{
    static const std::set<std::string> headings = {
        "SERVICE", "ADDRESS", "ACCOUNT", "ACCOUNTS", "NUMBER", "NO", "STATEMENT", "DATE", "AMOUNT", "DUE",
        "PERIOD", "BILL", "BILLING", "PAY", "PAYMENT", "CHECKING", "SAVINGS", "CUSTOMER", "TOTAL", "BALANCE",
        "PAGE", "EMPLOYEE", "ID", "CHECK", "USAGE", "YOUR", "PLEASE", "THANK", "SUMMARY"};
    std::string line = text;
    if (!issuerKey.empty())
    {
        std::string key = text::alnumKey(line);
        if (key.size() > issuerKey.size() && key.compare(key.size() - issuerKey.size(), issuerKey.size(), issuerKey) == 0)
        {
            // Drop words from the end until the issuer's letters are gone.
            std::string rest = line;
            while (!rest.empty() && text::alnumKey(rest).size() > key.size() - issuerKey.size())
            {
                std::size_t space = rest.rfind(' ');
                rest = space == std::string::npos ? std::string() : rest.substr(0, space);
            }
            if (!rest.empty())
                line = rest;
        }
    }
    std::size_t words = 0;
    std::size_t at = 0;
    while (at < line.size())
    {
        std::size_t end = line.find(' ', at);
        if (end == std::string::npos)
            end = line.size();
        if (words >= 2 && headings.count(text::alnumKey(line.substr(at, end - at))))
            return line.substr(0, at > 0 ? at - 1 : 0);
        ++words;
        at = end + 1;
    }
    return line;
}

// The nearest line above `index` whose left edge lines up with it, close enough to be the same block.
std::optional<int> alignedAbove(const DocumentLayout& layout, int index)
{
    const LayoutLine& from = lineAt(layout, index);
    std::optional<int> best;
    double bestGap = 0;
    for (const LayoutLine& other : layout.lines())
    {
        if (other.page != from.page || other.index == index)
            continue;
        if (other.top() >= from.top() - 0.3 * from.height)
            continue;
        double size = std::max(from.height, other.height);
        double gap = from.top() - other.bottom();
        if (gap > 1.6 * size || gap < -0.6 * size)
            continue;
        if (std::fabs(other.left() - from.left()) > std::max(0.9 * size, 12.0))
            continue;
        if (!best || gap < bestGap)
        {
            best = other.index;
            bestGap = gap;
        }
    }
    return best;
}

// Words that introduce the recipient on the same line as the name ("Prepared for JOHN SMITH").
std::string stripLead(const std::string& text)
{
    static const std::vector<std::string> leads = {
        "PAY TO THE ORDER OF", "TO THE ORDER OF", "DEPOSITED TO THE ACCOUNT OF", "PREPARED FOR", "ACCOUNT HOLDER",
        "CUSTOMER NAME", "EMPLOYEE NAME", "MAIL TO", "BILL TO", "ATTN", "ATTENTION", "CUSTOMER", "NAME"};
    std::vector<std::string> words = upperWords(text);
    for (const std::string& lead : leads)
    {
        std::vector<std::string> leadWords = upperWords(lead);
        if (words.size() > leadWords.size() && std::equal(leadWords.begin(), leadWords.end(), words.begin()))
        {
            // Cut the same number of words (with any ':' after them) from the original text.
            std::size_t cut = 0;
            std::size_t seen = 0;
            while (cut < text.size() && seen < leadWords.size())
            {
                std::size_t next = text.find(' ', cut);
                if (next == std::string::npos)
                    next = text.size();
                if (!text::alnumKey(text.substr(cut, next - cut)).empty())
                    ++seen;
                cut = next + 1;
            }
            std::string rest = cut < text.size() ? text.substr(cut) : std::string();
            while (!rest.empty() && (rest[0] == ':' || rest[0] == ' ' || rest[0] == '-'))
                rest.erase(0, 1);
            return rest;
        }
    }
    return text;
}

bool remittanceNear(const DocumentLayout& layout, const AddressBlock& block)
{
    static const std::vector<std::string> cues = {"REMIT TO", "REMIT", "REMITTANCE ADDRESS", "PAYMENT ADDRESS",
                                                  "MAIL PAYMENT TO", "MAIL PAYMENTS TO", "SEND PAYMENT TO",
                                                  "SEND PAYMENTS TO", "PAYABLE TO", "MAKE CHECKS PAYABLE",
                                                  "RETURN SERVICE REQUESTED", "RETURN TO", "PLEASE REMIT"};
    int topIndex = block.nameLine >= 0 ? block.nameLine : block.streetLine;
    const LayoutLine& top = lineAt(layout, topIndex);
    for (const LayoutLine& other : layout.lines())
    {
        if (other.page != top.page || other.index == topIndex)
            continue;
        double gap = top.top() - other.bottom();
        bool above = gap >= -0.5 * top.height && gap <= 3.5 * top.height && other.right() > top.left() - top.height &&
                     other.left() < top.right();
        bool sameLine = other.index == topIndex;
        if ((above || sameLine) && containsPhrase(other.text, cues))
            return true;
    }
    return containsPhrase(top.text, cues);
}

std::vector<AddressBlock> findAddressBlocks(const DocumentLayout& layout, const std::string& issuerKey)
{
    std::vector<AddressBlock> blocks;
    for (const LayoutLine& line : layout.lines())
    {
        bool joined = false;
        auto city = parseCityStateZip(line.text);
        if (!city)
        {
            // OCR may have run the next column into the line: its head may still be the city line.
            std::size_t used = 0;
            city = parseCityStateZipPrefix(line.text, used);
            joined = city.has_value();
        }
        if (!city)
            continue;
        AddressBlock block;
        block.cityLine = line.index;
        block.city = *city;
        auto above = alignedAbove(layout, line.index);
        if (!above)
            continue;
        if (auto unit = parseUnitLine(lineAt(layout, *above).text))
        {
            block.unit = *unit;
            block.unitLine = *above;
            above = alignedAbove(layout, *above);
            if (!above)
                continue;
        }
        auto street = readStreet(lineAt(layout, *above).text, joined);
        if (!street)
            continue;
        block.street = *street;
        block.streetLine = *above;
        if (auto nameLine = alignedAbove(layout, block.streetLine))
        {
            // A unit printed above the street ("APT 4B" / "12 MAIN ST") is rare but legal.
            if (block.unit.empty() && block.street.line2.empty())
                if (auto unit = parseUnitLine(lineAt(layout, *nameLine).text))
                {
                    block.unit = *unit;
                    block.unitLine = *nameLine;
                    nameLine = alignedAbove(layout, *nameLine);
                }
            if (nameLine)
            {
                const std::string& text = lineAt(layout, *nameLine).text;
                std::string bare = nameHead(stripLead(text), issuerKey);
                joined = joined || bare.size() + 1 < stripLead(text).size();
                std::string key = text::alnumKey(bare);
                block.organisation =
                    looksLikeOrganisation(bare) || (!issuerKey.empty() && key == issuerKey);
                double likelihood = block.organisation ? 0.0 : personNameLikelihood(bare);
                if (likelihood > 0.4)
                {
                    block.name = parsePersonName(bare);
                    if (block.name)
                    {
                        block.nameLine = *nameLine;
                        block.nameText = bare;
                        block.nameLikelihood = likelihood;
                        // Joint holders print one name per line: the first is the primary one.
                        if (auto upper = alignedAbove(layout, *nameLine))
                        {
                            const LayoutLine& first = lineAt(layout, *upper);
                            const LayoutLine& second = lineAt(layout, *nameLine);
                            std::string upperText = stripLead(first.text);
                            bool sameSize = std::fabs(first.height - second.height) <= 0.25 * second.height;
                            auto upperName = sameSize && personNameLikelihood(upperText) > 0.6
                                                 ? parsePersonName(upperText)
                                                 : std::nullopt;
                            if (upperName)
                            {
                                block.otherName = bare;
                                block.name = upperName;
                                block.nameLine = *upper;
                                block.nameText = upperText;
                            }
                        }
                    }
                }
                else if (block.organisation)
                    block.nameLine = *nameLine;
            }
        }
        auto [pageWidth, pageHeight] = layout.pageSize(line.page);
        const LayoutLine& streetLine = lineAt(layout, block.streetLine);
        const LayoutLine& topLine = lineAt(layout, block.nameLine >= 0 ? block.nameLine : block.streetLine);
        double score = 0;
        if (block.name)
            score += 6 * block.nameLikelihood;
        if (block.organisation)
            score -= 8;
        if (line.page == 0)
            score += 1.5;
        if (pageWidth > 0 && pageHeight > 0)
        {
            double top = topLine.top() / pageHeight;
            block.window = streetLine.left() < 0.5 * pageWidth && top >= 0.1 && top <= 0.42;
            if (block.window)
                score += 1.5;
            if (top < 0.08)
                score -= 2;
        }
        if (remittanceNear(layout, block))
            score -= 6;
        if (block.nameLine >= 0 && containsPhrase(lineAt(layout, block.nameLine).text, {"SERVICE ADDRESS"}))
            score -= 3;
        block.score = score;
        block.joined = joined;
        blocks.push_back(std::move(block));
    }
    return blocks;
}

std::vector<Region> regionsOf(const DocumentLayout& layout, std::initializer_list<int> indexes)
{
    std::vector<Region> regions;
    for (int index : indexes)
        if (index >= 0)
            regions.push_back(lineAt(layout, index).box);
    return regions;
}

void readRecipient(const DocumentLayout& layout, const std::string& issuerKey, FieldCandidates& fields)
{
    std::vector<AddressBlock> blocks = findAddressBlocks(layout, issuerKey);
    if (blocks.empty())
        return;
    auto best = std::max_element(blocks.begin(), blocks.end(),
                                 [](const AddressBlock& a, const AddressBlock& b) { return a.score < b.score; });
    if (best->score <= 0)
        return;
    auto sameAddress = [](const AddressBlock& a, const AddressBlock& b) {
        return a.street.line1 == b.street.line1 && a.city.postalCode.substr(0, 5) == b.city.postalCode.substr(0, 5);
    };
    for (const AddressBlock& block : blocks)
    {
        bool winner = &block == &*best;
        if (!winner && !(sameAddress(block, *best) && block.score > 0))
            continue;
        double certainty = winner ? (block.name ? 0.9 : 0.7) : 0.6;
        if (winner && block.window)
            certainty += 0.05;
        if (block.joined)
            certainty *= 0.85;
        const LayoutLine& city = lineAt(layout, block.cityLine);
        float confidence = std::min({city.confidence, lineAt(layout, block.streetLine).confidence});
        std::string how = winner ? "address block" : "repeated address block";
        offerAddress(fields, block.street, block.unit, block.city, regionsOf(layout, {block.streetLine, block.unitLine}),
                     regionsOf(layout, {block.cityLine}), confidence, certainty, how);
        if (block.name)
        {
            LocatedText where;
            where.text = block.nameText;
            where.regions = regionsOf(layout, {block.nameLine});
            where.lineConfidence = lineAt(layout, block.nameLine).confidence;
            where.certainty = certainty * std::min(1.0, block.nameLikelihood + 0.1);
            offerName(fields, *block.name, where, how);
            if (winner && !block.otherName.empty())
                fields.note("a second name is printed in the address block: " + block.otherName);
        }
    }
    // Another person's address block with a different address: worth a look by the reviewer.
    for (const AddressBlock& block : blocks)
        if (&block != &*best && block.name && !sameAddress(block, *best) && block.score > 3)
            fields.note("another name and address block on the document: " + block.nameText + ", " +
                        block.street.line1 + ", " + block.city.city + " " + block.city.state);
}

// ---- names announced by a label ---------------------------------------------------------------------------

void readLabelledName(const DocumentLayout& layout, FieldCandidates& fields)
{
    static const std::vector<LabelPhrase> labels = {
        {"name", "EMPLOYEE NAME", 1},     {"name", "EMPLOYEE", 2},           {"name", "ACCOUNT HOLDER", 1},
        {"name", "ACCOUNT OWNER", 1},     {"name", "CUSTOMER NAME", 1},      {"name", "MEMBER NAME", 1},
        {"name", "PREPARED FOR", 1},      {"name", "DEPOSITED TO THE ACCOUNT OF", 1},
        {"name", "PAY TO THE ORDER OF", 1}, {"name", "TO THE ORDER OF", 1},  {"name", "NAME", 3},
        {"ignore", "EMPLOYEE ID", 1},     {"ignore", "EMPLOYEE NO", 1},      {"ignore", "EMPLOYEE NUMBER", 1},
        {"ignore", "EMP", 1},             {"ignore", "ACCOUNT NAME", 1}};
    std::vector<LabelHit> hits = layout.findLabels(labels);
    for (const LabelHit& hit : hits)
    {
        if (hit.label->field != "name")
            continue;
        for (const LocatedText& value : valuesForLabel(layout, hit, hits))
        {
            if (personNameLikelihood(value.text) < 0.6)
                continue;
            if (auto name = parsePersonName(value.text))
            {
                LocatedText where = value;
                where.certainty *= hit.label->priority == 1 ? 0.75 : 0.6;
                offerName(fields, *name, where, "labelled '" + hit.label->phrase + "'");
            }
            break;
        }
    }
}

// ---- the statement date ------------------------------------------------------------------------------

enum class DateRole
{
    Single,
    RangeEnd,
    Ignore
};

struct DateLabel
{
    const char* phrase;
    DateRole role;
    int bank, utility, payroll;  // rank for each kind: 1 best; 0 = does not give the statement date there
};

const std::vector<DateLabel>& dateLabels()
{
    static const std::vector<DateLabel> table = {
        {"STATEMENT DATE", DateRole::Single, 1, 1, 2},
        {"STATEMENT CLOSING DATE", DateRole::Single, 1, 1, 2},
        {"DATE OF STATEMENT", DateRole::Single, 1, 1, 2},
        {"STATEMENT ISSUE DATE", DateRole::Single, 1, 1, 2},
        {"CLOSING DATE", DateRole::Single, 1, 2, 3},
        {"STATEMENT END DATE", DateRole::Single, 1, 2, 3},
        {"STATEMENT ENDING", DateRole::Single, 1, 2, 3},
        {"STATEMENT ENDING DATE", DateRole::Single, 1, 2, 3},
        {"ENDING DATE", DateRole::Single, 2, 3, 3},
        {"BILL DATE", DateRole::Single, 2, 1, 3},
        {"BILLING DATE", DateRole::Single, 2, 1, 3},
        {"DATE OF BILL", DateRole::Single, 2, 1, 3},
        {"DATE BILLED", DateRole::Single, 2, 1, 3},
        {"BILL ISSUED", DateRole::Single, 2, 1, 3},
        {"DATE ISSUED", DateRole::Single, 2, 1, 3},
        {"ISSUE DATE", DateRole::Single, 2, 1, 3},
        {"ISSUED ON", DateRole::Single, 2, 1, 3},
        {"INVOICE DATE", DateRole::Single, 2, 1, 3},
        {"PRINT DATE", DateRole::Single, 3, 3, 3},
        {"MAILING DATE", DateRole::Single, 3, 3, 3},
        {"DATE MAILED", DateRole::Single, 3, 3, 3},
        {"PAY DATE", DateRole::Single, 3, 3, 1},
        {"PAYDATE", DateRole::Single, 3, 3, 1},
        {"CHECK DATE", DateRole::Single, 3, 3, 1},
        {"PAYMENT DATE", DateRole::Single, 0, 0, 1},
        {"ADVICE DATE", DateRole::Single, 3, 3, 1},
        {"DEPOSIT DATE", DateRole::Single, 3, 0, 2},
        {"PERIOD ENDING", DateRole::Single, 2, 4, 4},
        {"PERIOD END", DateRole::Single, 2, 4, 4},
        {"PERIOD END DATE", DateRole::Single, 2, 4, 4},
        {"PAY PERIOD END", DateRole::Single, 0, 0, 4},
        {"PAY PERIOD ENDING", DateRole::Single, 0, 0, 4},
        {"STATEMENT PERIOD", DateRole::RangeEnd, 2, 3, 4},
        {"STATEMENT CYCLE", DateRole::RangeEnd, 2, 3, 4},
        {"BILLING PERIOD", DateRole::RangeEnd, 3, 4, 4},
        {"BILLING CYCLE", DateRole::RangeEnd, 3, 4, 4},
        {"SERVICE PERIOD", DateRole::RangeEnd, 3, 4, 4},
        {"SERVICE FROM", DateRole::RangeEnd, 0, 4, 0},
        {"ACTIVITY FROM", DateRole::RangeEnd, 3, 4, 4},
        {"FOR THE PERIOD", DateRole::RangeEnd, 3, 4, 4},
        {"PAY PERIOD", DateRole::RangeEnd, 0, 0, 4},
        {"AS OF", DateRole::Single, 3, 4, 4},
        {"DATE", DateRole::Single, 5, 5, 5},
        // Dates that are never the statement date.
        {"DUE DATE", DateRole::Ignore, 0, 0, 0},
        {"DATE DUE", DateRole::Ignore, 0, 0, 0},
        {"PAYMENT DUE DATE", DateRole::Ignore, 0, 0, 0},
        {"PAYMENT DUE", DateRole::Ignore, 0, 0, 0},
        {"PAYMENT DUE BY", DateRole::Ignore, 0, 0, 0},
        {"PAY BY", DateRole::Ignore, 0, 0, 0},
        {"PLEASE PAY BY", DateRole::Ignore, 0, 0, 0},
        {"DUE BY", DateRole::Ignore, 0, 0, 0},
        {"DUE", DateRole::Ignore, 0, 0, 0},
        {"PERIOD BEGINNING", DateRole::Ignore, 0, 0, 0},
        {"PERIOD BEGIN", DateRole::Ignore, 0, 0, 0},
        {"PERIOD START", DateRole::Ignore, 0, 0, 0},
        {"PAY PERIOD START", DateRole::Ignore, 0, 0, 0},
        {"PAY PERIOD BEGIN", DateRole::Ignore, 0, 0, 0},
        {"START DATE", DateRole::Ignore, 0, 0, 0},
        {"BEGINNING DATE", DateRole::Ignore, 0, 0, 0},
        {"DATE OF BIRTH", DateRole::Ignore, 0, 0, 0},
        {"LAST PAYMENT", DateRole::Ignore, 0, 0, 0},
        {"LAST PAYMENT DATE", DateRole::Ignore, 0, 0, 0},
        {"PAYMENT RECEIVED", DateRole::Ignore, 0, 0, 0},
        {"NEXT BILL DATE", DateRole::Ignore, 0, 0, 0},
        {"NEXT STATEMENT DATE", DateRole::Ignore, 0, 0, 0},
        {"NEXT READ DATE", DateRole::Ignore, 0, 0, 0},
        {"METER READ DATE", DateRole::Ignore, 0, 0, 0},
        {"READ DATE", DateRole::Ignore, 0, 0, 0},
        {"OPEN DATE", DateRole::Ignore, 0, 0, 0},
        {"DATE OPENED", DateRole::Ignore, 0, 0, 0},
        {"EFFECTIVE DATE", DateRole::Ignore, 0, 0, 0},
        {"LATE FEE", DateRole::Ignore, 0, 0, 0},
    };
    return table;
}

int rankFor(const DateLabel& label, const std::string& documentType)
{
    if (documentType == "utility_bill")
        return label.utility;
    if (documentType == "payroll_statement")
        return label.payroll;
    return label.bank;
}

struct DateCandidate
{
    year_month_day date;
    int rank = 0;
    double certainty = 0;
    LocatedText where;
    std::string how;
};

double certaintyForRank(int rank)
{
    switch (rank)
    {
    case 1: return 0.95;
    case 2: return 0.85;
    case 3: return 0.7;
    case 4: return 0.55;
    default: return 0.4;
    }
}

void readStatementDate(const DocumentLayout& layout, const std::string& documentType, sys_days today,
                       FieldCandidates& fields)
{
    static const std::vector<LabelPhrase> phrases = [] {
        std::vector<LabelPhrase> out;
        // The label's field names its row in dateLabels(), where its role and ranks are.
        for (std::size_t i = 0; i < dateLabels().size(); ++i)
            out.push_back(LabelPhrase{std::to_string(i), dateLabels()[i].phrase, 0});
        return out;
    }();
    std::vector<LabelHit> hits = layout.findLabels(phrases);
    std::vector<DateCandidate> candidates;
    const sys_days latest = today + days{45};
    const sys_days earliest = sys_days{year{1990} / 1 / 1};
    std::size_t outOfRange = 0;
    for (const LabelHit& hit : hits)
    {
        const DateLabel& label = dateLabels()[static_cast<std::size_t>(std::stoi(hit.label->field))];
        int rank = rankFor(label, documentType);
        if (label.role == DateRole::Ignore || rank == 0)
            continue;
        for (const LocatedText& value : valuesForLabel(layout, hit, hits))
        {
            std::vector<DateFound> dates = findDates(value.text, today, DateKind::Recent);
            if (dates.empty())
                continue;
            const DateFound& date = label.role == DateRole::RangeEnd ? dates.back() : dates.front();
            if (sys_days{date.date} > latest || sys_days{date.date} < earliest)
            {
                ++outOfRange;
                break;
            }
            DateCandidate c;
            c.date = date.date;
            c.rank = rank;
            c.certainty = certaintyForRank(rank) * value.certainty * (hit.exact ? 1.0 : 0.92) * (date.exact ? 1.0 : 0.9);
            c.where = value;
            c.how = "labelled '" + layout.spanText(hit.span) + "'";
            candidates.push_back(c);
            break;
        }
    }
    if (outOfRange > 0 && candidates.empty())
        fields.note("statement_date: the labelled date lies outside 1990 to 45 days from today; not taken");
    if (candidates.empty())
    {
        // No label: the first date near the top of the first page, not on a line about a due date.
        for (const LayoutLine& line : layout.lines())
        {
            auto [w, h] = layout.pageSize(line.page);
            (void)w;
            if (line.page != 0 || h <= 0 || line.top() > 0.4 * h)
                continue;
            if (containsPhrase(line.text, {"DUE", "PAY BY", "BIRTH"}))
                continue;
            auto date = firstDate(line.text, today, DateKind::Recent);
            if (!date || sys_days{date->date} > latest || sys_days{date->date} < earliest)
                continue;
            DateCandidate c;
            c.date = date->date;
            c.rank = 6;
            c.certainty = 0.3;
            c.where.regions = {line.box};
            c.where.lineConfidence = line.confidence;
            c.how = "first date near the top";
            candidates.push_back(c);
            break;
        }
    }
    if (candidates.empty())
        return;
    int bestRank = std::min_element(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
                       return a.rank < b.rank;
                   })->rank;
    for (const DateCandidate& c : candidates)
    {
        // Lesser labels (a period's end, a bare "Date") only speak when nothing better was printed.
        if (c.rank > bestRank + 1)
            continue;
        fields.offer("statement_date",
                     FieldCandidate{isoDate(c.date), c.certainty, c.where.lineConfidence, c.where.regions, c.how});
    }
}

} // namespace

void readStatementFields(const DocumentLayout& layout, const std::string& documentType, sys_days today,
                         FieldCandidates& fields)
{
    int firstPage = 0;
    for (const LayoutLine& line : layout.lines())
    {
        firstPage = line.page;
        break;
    }
    std::string issuerKey;
    if (auto issuer = findIssuer(layout, firstPage))
    {
        const LayoutLine& line = lineAt(layout, issuer->line);
        double certainty = std::clamp(0.45 + issuer->score * 0.06, 0.45, 0.9);
        fields.offer("issuer_name", FieldCandidate{issuer->value, certainty, line.confidence, {line.box}, "issuer line"});
        issuerKey = text::alnumKey(issuer->value);
    }
    readRecipient(layout, issuerKey, fields);
    readLabelledName(layout, fields);
    readStatementDate(layout, documentType, today, fields);
}

} // namespace proofdesk
