#include "proofdesk/domain/NameMatch.h"

#include "proofdesk/domain/MatchText.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace proofdesk
{

namespace
{

constexpr double NearThreshold = 0.8;

using Words = std::vector<std::string>;

bool isSuffix(const std::string& word, bool allowV)
{
    static const std::array<const char*, 4> suffixes{"JR", "SR", "II", "III"};
    return std::find_if(suffixes.begin(), suffixes.end(), [&](const char* s) { return word == s; }) !=
               suffixes.end() ||
           word == "IV" || (allowV && word == "V");
}

// A name split into given words, surname words and a generational suffix.
struct SplitName
{
    Words first;
    Words middle;
    Words last;
    std::string suffix;
};

SplitName split(const NameParts& name)
{
    SplitName out{matchWords(name.first), matchWords(name.middle), matchWords(name.last), {}};
    // The suffix is written after the surname ("O'Halloran Jr") or, on some forms, after the given names.
    if (out.last.size() > 1 && isSuffix(out.last.back(), true))
    {
        out.suffix = out.last.back();
        out.last.pop_back();
    }
    Words& given = out.middle.empty() ? out.first : out.middle;
    if (out.suffix.empty() && given.size() > 1 && isSuffix(given.back(), false))
    {
        out.suffix = given.back();
        given.pop_back();
    }
    return out;
}

Words concat(const Words& a, const Words& b)
{
    Words out = a;
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

// Whether `part` occurs as consecutive words inside `whole` (and is shorter).
bool isPartOf(const Words& part, const Words& whole)
{
    if (part.empty() || part.size() >= whole.size())
        return false;
    return std::search(whole.begin(), whole.end(), part.begin(), part.end()) != whole.end();
}

enum class Verdict
{
    Same,
    Near,
    Different
};

struct PartResult
{
    Verdict verdict = Verdict::Same;
    double similarity = 1.0;
    std::string note;
};

PartResult comparePart(const std::string& registered, const std::string& document, const char* what)
{
    if (registered == document)
        return {};
    const double similarity = textSimilarity(registered, document);
    if (nearMiss(registered, document, NearThreshold))
        return {Verdict::Near, similarity,
                std::string(typoDistance(registered, document) <= 1 ? "one letter differs in the " : "the ") + what +
                    (typoDistance(registered, document) <= 1 ? "" : " nearly matches")};
    return {Verdict::Different, similarity, std::string("the ") + what + " differs"};
}

// The middle names: absent on either side, an initial against a name, or the same.
PartResult compareMiddle(const Words& registered, const Words& document)
{
    PartResult result;
    const std::size_t count = std::min(registered.size(), document.size());
    for (std::size_t i = 0; i < count; ++i)
    {
        const std::string& a = registered[i];
        const std::string& b = document[i];
        if (a == b || ((a.size() == 1 || b.size() == 1) && a[0] == b[0]))
            continue;
        if (a.size() > 1 && b.size() > 1 && nearMiss(a, b, NearThreshold))
        {
            result.verdict = std::max(result.verdict, Verdict::Near);
            result.similarity = std::min(result.similarity, textSimilarity(a, b));
            result.note = "one letter differs in the middle name";
            continue;
        }
        return {Verdict::Different, textSimilarity(a, b), "the middle name differs"};
    }
    return result;
}

std::string display(const NameParts& name)
{
    std::string out;
    for (const std::string* part : {&name.first, &name.middle, &name.last})
    {
        // Upper case as documents print it; the punctuation stays so the reviewer sees what was written.
        std::string upper;
        bool space = false;
        for (const char c : *part)
        {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            {
                space = !upper.empty();
                continue;
            }
            if (space)
                upper += ' ';
            space = false;
            upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        }
        if (!upper.empty())
            out += (out.empty() ? "" : " ") + upper;
    }
    return out;
}

} // namespace

double nameSimilarity(const std::string& a, const std::string& b)
{
    return textSimilarity(runTogether(matchWords(a)), runTogether(matchWords(b)));
}

MatchOutcome matchName(const NameParts& registered, const NameParts& document)
{
    MatchOutcome outcome;
    outcome.expected = display(registered);
    outcome.found = display(document);
    SplitName reg = split(registered);
    SplitName doc = split(document);
    Words regGiven = concat(reg.first, reg.middle);
    Words docGiven = concat(doc.first, doc.middle);

    if (doc.last.empty() && docGiven.empty())
    {
        outcome.reason = "no name was read on the document";
        return outcome;
    }
    if (reg.last.empty() || regGiven.empty())
    {
        outcome.reason = "the registered name is incomplete";
        return outcome;
    }
    if (doc.last.empty() || docGiven.empty())
    {
        // Compare what there is; the missing part keeps it from passing.
        const bool haveLast = !doc.last.empty();
        const PartResult part = haveLast ? comparePart(runTogether(reg.last), runTogether(doc.last), "last name")
                                         : comparePart(runTogether(reg.first), docGiven.front(), "first name");
        outcome.similarity = part.similarity;
        outcome.result = part.verdict == Verdict::Different ? CheckResult::Fail : CheckResult::Unknown;
        outcome.reason = part.verdict == Verdict::Different
                             ? part.note
                             : std::string(haveLast ? "the first name" : "the last name") + " was not read";
        return outcome;
    }

    // Surnames: run together (SMITH-JONES = SMITH JONES = SMITHJONES), with words moved across the
    // given/surname boundary when one side split a compound surname differently.
    std::vector<std::string> notes;
    Verdict verdict = Verdict::Same;
    double similarity = 1.0;
    const std::string regLast = runTogether(reg.last);
    if (runTogether(doc.last) != regLast)
    {
        bool aligned = false;
        for (std::size_t k = 1; !aligned && k < docGiven.size(); ++k)
            if (runTogether(docGiven, docGiven.size() - k) + runTogether(doc.last) == regLast)
            {
                doc.last = concat(Words(docGiven.end() - static_cast<std::ptrdiff_t>(k), docGiven.end()), doc.last);
                docGiven.resize(docGiven.size() - k);
                aligned = true;
            }
        for (std::size_t k = 1; !aligned && k < regGiven.size(); ++k)
            if (runTogether(regGiven, regGiven.size() - k) + regLast == runTogether(doc.last))
            {
                regGiven.resize(regGiven.size() - k);
                aligned = true;
            }
        if (!aligned)
        {
            if (isPartOf(doc.last, reg.last) || isPartOf(reg.last, doc.last))
            {
                verdict = Verdict::Near;
                similarity = textSimilarity(regLast, runTogether(doc.last));
                notes.push_back("only part of a compound last name matches");
            }
            else
            {
                const PartResult part = comparePart(regLast, runTogether(doc.last), "last name");
                verdict = std::max(verdict, part.verdict);
                similarity = std::min(similarity, part.similarity);
                notes.push_back(part.note);
            }
        }
    }

    // Given names: the registered first name (possibly several words, or run together on the document),
    // then the middle names.
    // Given names run together the same ("PRIYA L" read as "PRIYAL") need no word-by-word comparison.
    if (runTogether(regGiven) == runTogether(docGiven))
        docGiven = regGiven;
    const std::size_t regFirstWords = std::min(reg.first.size(), regGiven.size());
    const std::string regFirst = runTogether(regGiven, 0, regFirstWords);
    std::optional<std::size_t> docFirstWords;
    for (std::size_t k = 1; k <= docGiven.size() && !docFirstWords; ++k)
        if (runTogether(docGiven, 0, k) == regFirst)
            docFirstWords = k;
    if (!docFirstWords)
    {
        const PartResult part = comparePart(regFirst, docGiven.front(), "first name");
        verdict = std::max(verdict, part.verdict);
        similarity = std::min(similarity, part.similarity);
        notes.push_back(part.note);
        docFirstWords = 1;
    }
    const PartResult middle = compareMiddle(Words(regGiven.begin() + static_cast<std::ptrdiff_t>(regFirstWords), regGiven.end()),
                                            Words(docGiven.begin() + static_cast<std::ptrdiff_t>(*docFirstWords), docGiven.end()));
    if (middle.verdict != Verdict::Same)
    {
        verdict = std::max(verdict, middle.verdict);
        similarity = std::min(similarity, middle.similarity);
        notes.push_back(middle.note);
    }
    if (!reg.suffix.empty() && !doc.suffix.empty() && reg.suffix != doc.suffix)
    {
        verdict = std::max(verdict, Verdict::Near);
        notes.push_back("the suffix differs (" + reg.suffix + " registered, " + doc.suffix + " on the document)");
    }

    outcome.similarity = similarity;
    if (verdict == Verdict::Same)
    {
        outcome.result = CheckResult::Pass;
        outcome.similarity = 1.0;
        outcome.reason = "the name matches";
        return outcome;
    }
    // Report the failing parts first: they decide the verdict.
    std::string reason;
    for (const std::string& note : notes)
        reason += (reason.empty() ? "" : "; ") + note;
    outcome.result = verdict == Verdict::Different ? CheckResult::Fail : CheckResult::Unknown;
    outcome.reason = reason + " (similarity " + similarityText(similarity) + ")";
    return outcome;
}

} // namespace proofdesk
