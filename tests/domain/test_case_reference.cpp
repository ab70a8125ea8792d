#include "proofdesk/domain/CaseReference.h"

#include <catch2/catch.hpp>

#include <random>
#include <set>

using namespace proofdesk;

namespace
{

std::string randomReference(std::mt19937& rng)
{
    std::array<std::uint32_t, 7> indexes{};
    for (auto& i : indexes)
        i = static_cast<std::uint32_t>(rng());
    return makeCaseReference(indexes);
}

// "PD-7K3M-Q9XD" -> "7K3MQ9XD"
std::string symbolsOf(const std::string& reference)
{
    return reference.substr(3, 4) + reference.substr(8, 4);
}

std::string fromSymbols(const std::string& symbols)
{
    return "PD-" + symbols.substr(0, 4) + "-" + symbols.substr(4, 4);
}

bool hasDigit(const std::string& s)
{
    return s.find_first_of("0123456789") != std::string::npos;
}

std::string lower(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

} // namespace

TEST_CASE("case reference alphabet: Crockford base32", "[domain][reference]")
{
    std::string_view alphabet = caseReferenceAlphabet();
    CHECK(alphabet == "0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    CHECK(std::set<char>(alphabet.begin(), alphabet.end()).size() == 32);
    for (char c : std::string("ILOU"))
        CHECK(alphabet.find(c) == std::string_view::npos);
}

TEST_CASE("makeCaseReference: shape, index reduction, determinism", "[domain][reference]")
{
    CHECK(makeCaseReference({0, 0, 0, 0, 0, 0, 0}) == "PD-0000-0000"); // the check of zeros is zero
    std::array<std::uint32_t, 7> small{1, 2, 3, 4, 5, 6, 7};
    std::array<std::uint32_t, 7> wrapped{33, 66, 99, 132, 165, 198, 0xFFFFFFE7u}; // same values mod 32
    CHECK(makeCaseReference(small) == makeCaseReference(wrapped));
    CHECK(makeCaseReference(small).substr(0, 11) == "PD-1234-567");

    std::mt19937 rng(7);
    std::set<std::string> seen;
    for (int i = 0; i < 5000; ++i)
    {
        std::string reference = randomReference(rng);
        REQUIRE(reference.size() == 12);
        CHECK(reference.substr(0, 3) == "PD-");
        CHECK(reference[7] == '-');
        for (char c : symbolsOf(reference))
            CHECK(caseReferenceAlphabet().find(c) != std::string_view::npos);
        seen.insert(reference);
    }
    CHECK(seen.size() > 4990); // 34 billion possible: collisions in 5000 are (nearly) impossible
}

TEST_CASE("normalizeCaseReference: tolerant spellings round trip", "[domain][reference]")
{
    std::mt19937 rng(11);
    for (int i = 0; i < 5000; ++i)
    {
        const std::string reference = randomReference(rng);
        const std::string symbols = symbolsOf(reference);
        INFO(reference);
        CHECK(normalizeCaseReference(reference) == reference);
        CHECK(normalizeCaseReference(lower(reference)) == reference);
        CHECK(normalizeCaseReference("PD" + symbols) == reference);
        CHECK(normalizeCaseReference(lower("pd " + symbols.substr(0, 4) + " " + symbols.substr(4))) ==
              reference);
        CHECK(normalizeCaseReference("  PD - " + symbols.substr(0, 4) + " - " + symbols.substr(4) + "\n") ==
              reference);
        CHECK(normalizeCaseReference("P-D" + symbols.substr(0, 2) + " " + symbols.substr(2)) == reference);
        CHECK(normalizeCaseReference("PD\xE2\x80\x93" + symbols.substr(0, 4) + "\xE2\x80\x94" +
                                     symbols.substr(4)) == reference); // en and em dashes
        // Crockford's look-alikes: O for 0, I and L for 1.
        std::string lookAlike = symbols;
        for (char& c : lookAlike)
            if (c == '0')
                c = 'O';
            else if (c == '1')
                c = (i % 2) ? 'I' : 'l';
        CHECK(normalizeCaseReference("PD-" + lookAlike) == reference);
    }
}

TEST_CASE("normalizeCaseReference: every single-character error is detected", "[domain][reference]")
{
    std::mt19937 rng(12);
    const std::string_view alphabet = caseReferenceAlphabet();
    for (int i = 0; i < 2000; ++i)
    {
        const std::string symbols = symbolsOf(randomReference(rng));
        for (std::size_t position = 0; position < symbols.size(); ++position)
            for (char replacement : alphabet)
            {
                if (replacement == symbols[position])
                    continue;
                std::string wrong = symbols;
                wrong[position] = replacement;
                INFO(symbols << " -> " << wrong);
                REQUIRE_FALSE(normalizeCaseReference(fromSymbols(wrong)));
            }
    }
}

TEST_CASE("normalizeCaseReference: every transposition of two different characters is detected",
          "[domain][reference]")
{
    std::mt19937 rng(13);
    for (int i = 0; i < 3000; ++i)
    {
        const std::string symbols = symbolsOf(randomReference(rng));
        for (std::size_t a = 0; a < symbols.size(); ++a)
            for (std::size_t b = a + 1; b < symbols.size(); ++b)
            {
                if (symbols[a] == symbols[b])
                    continue;
                std::string swapped = symbols;
                std::swap(swapped[a], swapped[b]);
                INFO(symbols << " -> " << swapped);
                REQUIRE_FALSE(normalizeCaseReference(fromSymbols(swapped)));
            }
    }
}

TEST_CASE("normalizeCaseReference: exactly one check character fits each reference", "[domain][reference]")
{
    std::mt19937 rng(14);
    for (int i = 0; i < 200; ++i)
    {
        const std::string symbols = symbolsOf(randomReference(rng));
        int accepted = 0;
        for (char check : caseReferenceAlphabet())
            if (normalizeCaseReference(fromSymbols(symbols.substr(0, 7) + check)))
                ++accepted;
        CHECK(accepted == 1);
    }
}

TEST_CASE("normalizeCaseReference: refuses what is not a reference", "[domain][reference]")
{
    const std::string good = makeCaseReference({7, 20, 3, 19, 23, 9, 29});
    REQUIRE(normalizeCaseReference(good) == good);
    const std::string symbols = symbolsOf(good);
    std::vector<std::string> bad{
        "",
        "PD",
        "PD-",
        "PD-" + symbols.substr(0, 7), // one symbol short
        "PD-" + symbols + "0",        // one too many
        "PX-" + symbols,              // wrong prefix
        "DP-" + symbols,
        symbols,                                                // no prefix
        "PD-" + symbols.substr(0, 3) + "U" + symbols.substr(4), // U is not a symbol
        "PD-" + symbols.substr(0, 3) + "*" + symbols.substr(4),
        "PD_" + symbols,      // underscore is not a separator
        "Case PD-" + symbols, // surrounding text
        good + ".",
        std::string(1000, ' ') + good, // absurdly long input
        "PD-" + symbols.substr(0, 4) + "\xC3\xA9" + symbols.substr(5),
    };
    for (const auto& text : bad)
    {
        INFO(text);
        CHECK_FALSE(normalizeCaseReference(text));
    }
}

TEST_CASE("findCaseReferences: in subjects, bodies and OCR text", "[domain][reference]")
{
    const std::string a = makeCaseReference({7, 20, 3, 19, 23, 9, 29});
    const std::string b = makeCaseReference({1, 0, 31, 30, 12, 4, 18});
    const std::string sa = symbolsOf(a);
    const std::string sb = symbolsOf(b);

    CHECK(findCaseReferences("Re: Documents for case [" + a + "]") == std::vector<std::string>{a});
    CHECK(findCaseReferences("Re: Fwd: " + a + ": my ID") == std::vector<std::string>{a});
    CHECK(findCaseReferences("Hello,\nmy reference is " + lower(a) + ".\nThanks") ==
          std::vector<std::string>{a});
    CHECK(findCaseReferences("ref:PD" + sa + " and also " + b + ", again " + a) ==
          std::vector<std::string>{a, b}); // order of first appearance, no duplicates
    CHECK(findCaseReferences("CASE REFERENCE: PD - " + sa.substr(0, 4) + " - " + sa.substr(4) + "\nFAX") ==
          std::vector<std::string>{a});
    CHECK(findCaseReferences("Ref \xE2\x80\x94 PD\xE2\x80\x93" + sa.substr(0, 4) + "\xE2\x80\x93" +
                             sa.substr(4)) == std::vector<std::string>{a});
    CHECK(findCaseReferences("(" + b + ")") == std::vector<std::string>{b});
    CHECK(findCaseReferences(b) == std::vector<std::string>{b});

    // OCR reading 0 as O and 1 as I or l.
    std::string ocr = sb;
    for (char& c : ocr)
        if (c == '0')
            c = 'O';
        else if (c == '1')
            c = 'l';
    REQUIRE(ocr != sb);
    CHECK(findCaseReferences("Reference PD-" + ocr.substr(0, 4) + "-" + ocr.substr(4)) ==
          std::vector<std::string>{b});

    // Word boundaries on both sides.
    CHECK(findCaseReferences("CASE" + a).empty());
    CHECK(findCaseReferences("x" + a).empty());
    CHECK(findCaseReferences(a + "7").empty());
    CHECK(findCaseReferences(a + "X").empty());
    CHECK(findCaseReferences(a + "-2") == std::vector<std::string>{a});

    // A wrong check character is not a reference.
    std::string wrong = sa;
    wrong[7] = wrong[7] == '0' ? '1' : '0';
    CHECK(findCaseReferences("case PD-" + wrong.substr(0, 4) + "-" + wrong.substr(4)).empty());

    // A glued mistyped candidate does not hide a real one after it.
    CHECK(findCaseReferences("PD-" + wrong + " " + a) == std::vector<std::string>{a});
}

TEST_CASE("findCaseReferences: without a dash, a reference needs a digit", "[domain][reference]")
{
    std::mt19937 rng(15);
    std::string withDigit, withoutDigit;
    while (withDigit.empty() || withoutDigit.empty())
    {
        std::string reference = randomReference(rng);
        (hasDigit(symbolsOf(reference)) ? withDigit : withoutDigit) = reference;
    }
    auto spaced = [](const std::string& reference)
    {
        std::string s = symbolsOf(reference);
        return "PD " + s.substr(0, 4) + " " + s.substr(4);
    };
    CHECK(findCaseReferences("my case is " + spaced(withDigit)) == std::vector<std::string>{withDigit});
    CHECK(findCaseReferences("my case is PD" + symbolsOf(withDigit)) == std::vector<std::string>{withDigit});
    CHECK(findCaseReferences("my case is " + spaced(withoutDigit)).empty());
    CHECK(findCaseReferences("my case is PD" + symbolsOf(withoutDigit)).empty());
    // With a dash, a reference without digits is found.
    CHECK(findCaseReferences("my case is " + withoutDigit) == std::vector<std::string>{withoutDigit});
    CHECK(findCaseReferences("my case is PD-" + symbolsOf(withoutDigit)) ==
          std::vector<std::string>{withoutDigit});
    // normalizeCaseReference is stricter about surroundings, so it accepts any spelling.
    CHECK(normalizeCaseReference(spaced(withoutDigit)) == withoutDigit);
    CHECK(normalizeCaseReference("PD" + symbolsOf(withoutDigit)) == withoutDigit);
}

TEST_CASE("findCaseReferences: no false positives on words", "[domain][reference]")
{
    const std::vector<std::string> sentences{
        "Henderson PD will help you with the form.",
        "PD WILL HELP WITH THE FORM",
        "pd will send your file soon",
        "Please see the attached PDF document.",
        "UPDATE: PDQ delivery of the PDFs",
        "The PD-1 inhibitor study; PD-L1 levels",
        "Call PD at 555 0142 7035 now",
        "PD 2024 TAX YEAR STATEMENT",
        "Subject: Re: Re: Fwd: your documents (case pending)",
        "",
        "PD",
        "PDPDPDPDPDPDPDPD",
    };
    for (const auto& s : sentences)
    {
        INFO(s);
        CHECK(findCaseReferences(s).empty());
    }

    // Random prose: words of letters, some of them "PD", separated by spaces and punctuation.
    std::mt19937 rng(16);
    const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const std::vector<std::string> punctuation{" ",  " ",  " ",  ", ", ". ", "; ",
                                               ": ", "! ", "? ", "\n", " (", ") "};
    std::uniform_int_distribution<int> wordLength(1, 10);
    std::uniform_int_distribution<std::size_t> letter(0, letters.size() - 1);
    std::uniform_int_distribution<std::size_t> punct(0, punctuation.size() - 1);
    std::uniform_int_distribution<int> die(0, 5);
    for (int text = 0; text < 2000; ++text)
    {
        std::string prose;
        for (int w = 0; w < 60; ++w)
        {
            if (die(rng) == 0)
                prose += (die(rng) % 2) ? "PD" : "pd";
            else
            {
                int n = wordLength(rng);
                for (int k = 0; k < n; ++k)
                    prose += letters[letter(rng)];
            }
            prose += punctuation[punct(rng)];
        }
        INFO(prose);
        REQUIRE(findCaseReferences(prose).empty());
    }
}

TEST_CASE("findCaseReferences: every generated reference is found in text", "[domain][reference]")
{
    std::mt19937 rng(17);
    for (int i = 0; i < 3000; ++i)
    {
        const std::string reference = randomReference(rng);
        CHECK(findCaseReferences("Your case " + reference + " was received.") ==
              std::vector<std::string>{reference});
        CHECK(findCaseReferences("[" + lower(reference) + "]") == std::vector<std::string>{reference});
    }
    // Long texts are handled in one pass.
    std::string big(1 << 20, 'p');
    CHECK(findCaseReferences(big).empty());
}

TEST_CASE("repairMisreadCaseReferences: what OCR nearly read", "[domain][reference]")
{
    using V = std::vector<std::string>;
    // A fax cover sheet of the sample corpus: Tesseract reads the J of PD-Y01T-YQJC as U.
    CHECK(repairMisreadCaseReferences("Case ref. PD-YO1T-YQUC _") == V{"PD-Y01T-YQJC"});
    // A glyph read twice, as itself and as a look-alike (another cover sheet: W5 read WS5).
    CHECK(repairMisreadCaseReferences("PD-WS5RE-R2HW \xE2\x80\x94") == V{"PD-W5RE-R2HW"});
    CHECK(repairMisreadCaseReferences("PD-W55RE-R2HW") == V{"PD-W5RE-R2HW"});
    CHECK(repairMisreadCaseReferences("PD-WX5RE-R2HW").empty());  // X is no twin of its neighbours
    // Valid as read: nothing to repair (findCaseReferences has it).
    CHECK(repairMisreadCaseReferences("Case ref. PD-Y01T-YQJC").empty());
    // Not reference-shaped, or too damaged to guess.
    CHECK(repairMisreadCaseReferences("PD will help").empty());
    CHECK(repairMisreadCaseReferences("PD-YO1T-UQU3").empty());
    CHECK(repairMisreadCaseReferences("PD-Y01T-YQJ").empty());
    CHECK(repairMisreadCaseReferences("XPD-YO1T-YQU3").empty());
    CHECK(repairMisreadCaseReferences("PD-YO1T-YQU3X").empty());
    CHECK(repairMisreadCaseReferences("").empty());
}

TEST_CASE("repairMisreadCaseReferences: one look-alike swapped gives the reference back, or nothing, never another",
          "[domain][reference]")
{
    const std::vector<std::pair<char, char>> confusions = {{'5', 'S'}, {'S', '5'}, {'8', 'B'}, {'B', '8'}, {'2', 'Z'},
                                                           {'Z', '2'}, {'6', 'G'}, {'G', '6'}, {'0', 'D'}, {'1', 'T'},
                                                           {'J', 'U'}, {'V', 'Y'}, {'M', 'N'}, {'N', 'M'}, {'4', 'A'}};
    std::mt19937 rng(29);
    int damaged = 0;
    int repaired = 0;
    for (int i = 0; i < 20000 && damaged < 2000; ++i)
    {
        const std::string reference = randomReference(rng);
        for (std::size_t pos = 3; pos < reference.size(); ++pos)
        {
            for (const auto& [from, to] : confusions)
            {
                if (reference[pos] != from)
                    continue;
                std::string misread = reference;
                misread[pos] = to;
                ++damaged;
                std::vector<std::string> found = repairMisreadCaseReferences("ref " + misread + ".");
                INFO(misread);
                REQUIRE(found.size() <= 1);
                if (!found.empty())
                {
                    REQUIRE(found.front() == reference);
                    ++repaired;
                }
            }
        }
    }
    REQUIRE(damaged >= 1000);
    // Most single confusions are repaired; the rest are ambiguous and left alone.
    CHECK(repaired * 10 >= damaged * 7);
}
