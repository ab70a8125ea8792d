// LocalDocumentReader's own decisions, with a scripted OCR engine in place of Tesseract: what it reads again
// and when. The engine answers the whole-card reading with words as Tesseract gives them, and a word's own
// box with what that box holds.
#include "proofdesk/adapters/LocalDocumentReader.h"

#include <catch2/catch.hpp>

#include "fakes/ManualClock.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <string>
#include <vector>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

OcrWord word(std::string text, float confidence, int x, int y, int width, int height, int line)
{
    return OcrWord{std::move(text), confidence, Region{0, x, y, width, height}, line};
}

std::string pngOf(const cv::Mat& picture)
{
    std::vector<std::uint8_t> png;
    cv::imencode(".png", picture, png);
    return std::string(png.begin(), png.end());
}

// The fields of the card front the scripted engines read, as Tesseract gives them: labels and values.
std::vector<OcrWord> cardFieldWords()
{
    return {
        word("DOB", 0.93f, 395, 200, 45, 15, 1), word("01/02/1980", 0.95f, 450, 195, 150, 24, 1),
        word("LN", 0.93f, 395, 240, 30, 15, 2), word("SMITH", 0.95f, 435, 235, 110, 24, 2),
        word("FN", 0.93f, 395, 280, 30, 15, 3), word("JOHN", 0.95f, 435, 275, 90, 24, 3),
        word("123", 0.95f, 395, 320, 50, 22, 4), word("MAIN", 0.95f, 455, 320, 80, 22, 4),
        word("ST", 0.95f, 545, 320, 35, 22, 4),
        word("NEWARK,", 0.95f, 395, 355, 120, 22, 5), word("NJ", 0.95f, 525, 355, 35, 22, 5),
        word("07102", 0.95f, 570, 355, 90, 22, 5),
        word("ISS", 0.93f, 395, 400, 40, 15, 6), word("02/10/2024", 0.95f, 440, 395, 150, 24, 6),
        word("EXP", 0.93f, 620, 400, 45, 15, 6), word("01/02/2030", 0.95f, 670, 395, 150, 24, 6),
        word("4d", 0.93f, 395, 480, 30, 15, 8), word("S12345678", 0.95f, 450, 475, 160, 24, 8),
    };
}

// A card front as Tesseract reads it: every field, and beside the large state name a title read as `title`
// with `titleConfidence`. Read alone, the title's box says `alone` with confidence `aloneConfidence`.
class ScriptedCardOcr : public OcrEngine
{
public:
    ScriptedCardOcr(std::string title, float titleConfidence, std::string alone, float aloneConfidence,
                    std::string neighbour = {})
        : _title(std::move(title)), _titleConfidence(titleConfidence), _alone(std::move(alone)),
          _aloneConfidence(aloneConfidence), _neighbour(std::move(neighbour))
    {
    }

    OcrResult recognize(const ImageView& image, TextLayout layout, int, const std::string&) override
    {
        OcrResult result;
        if (layout == TextLayout::SingleLine)
        {
            ++wordReads;
            lastWordWidth = image.width;
            int x = 6;
            for (const std::string& text : {_alone.substr(0, _alone.find(' ')), _alone.substr(_alone.find(' ') + 1)})
            {
                result.words.push_back(word(text, _aloneConfidence, x, 6, 12 * static_cast<int>(text.size()), 24, 0));
                x += 12 * static_cast<int>(text.size()) + 14;
            }
            result.confidence = _aloneConfidence;
            result.text = _alone + "\n";
            return result;
        }
        ++cardReads;
        result.words = {
            word("NEW", 0.95f, 60, 60, 90, 45, 0), word("JERSEY", 0.95f, 160, 60, 200, 45, 0),
            word(_title, _titleConfidence, 786, 80, 127, 24, 0),
            word("SEX", 0.93f, 395, 440, 45, 15, 7), word("M", 0.95f, 450, 435, 20, 24, 7),
        };
        for (OcrWord& w : cardFieldWords())
            result.words.push_back(std::move(w));
        // A word of the title's size just right of it, read well enough to be kept on its own.
        if (!_neighbour.empty())
            result.words.push_back(word(_neighbour, 0.76f, 786 + 127 + 10, 81, 60, 23, 0));
        result.confidence = 0.9f;
        for (const OcrWord& w : result.words)
            result.text += w.text + " ";
        return result;
    }

    std::pair<int, float> orientation(const ImageView&, int) override { return {0, 0.0f}; }

    std::atomic<int> cardReads{0};
    std::atomic<int> wordReads{0};
    std::atomic<int> lastWordWidth{0};

private:
    std::string _title;
    float _titleConfidence;
    std::string _alone;
    float _aloneConfidence;
    std::string _neighbour;
};

// A card front whose reading has a SEX label but not the one letter under it, which Tesseract's sparse
// reading drops as a speck. Read as a line of its own, a place with ink in it reads as that letter.
class SpeckDroppingOcr : public OcrEngine
{
public:
    OcrResult recognize(const ImageView& image, TextLayout layout, int, const std::string&) override
    {
        OcrResult result;
        if (layout == TextLayout::SingleLine)
        {
            places.push_back(cv::Size(image.width, image.height));
            const cv::Mat view(image.height, image.width, CV_8UC(image.channels), const_cast<std::uint8_t*>(image.data),
                               static_cast<std::size_t>(image.stride));
            cv::Mat grey = view;
            if (image.channels != 1)
                cv::cvtColor(view, grey, cv::COLOR_BGR2GRAY);
            if (cv::countNonZero(grey < 100) > 0)
            {
                result.words.push_back(word("M", 0.9f, 10, 10, 30, 40, 0));
                result.confidence = 0.9f;
                result.text = "M\n";
            }
            return result;
        }
        result.words = {
            word("ID", 0.95f, 786, 80, 40, 24, 0), word("CARD", 0.95f, 830, 80, 80, 24, 0),
            word("SEX", 0.93f, 870, 440, 45, 15, 9), // and under it, unread, an M
        };
        for (OcrWord& w : cardFieldWords())
            result.words.push_back(std::move(w));
        result.confidence = 0.9f;
        return result;
    }

    std::pair<int, float> orientation(const ImageView&, int) override { return {0, 0.0f}; }

    std::vector<cv::Size> places;
};

// A plain card-sized picture (ID-1 at 300 dpi) with some print on it: the reader's way to OCR goes through it.
// With `sexLetter`, an M printed under where the SEX label is read.
std::string cardPicture(bool sexLetter = false)
{
    cv::Mat card(638, 1011, CV_8UC1, cv::Scalar(235));
    cv::putText(card, "NEW JERSEY", {60, 100}, cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(20), 4);
    for (int y = 200; y < 600; y += 40)
    {
        cv::putText(card, "FIELD 0123456789", {395, y}, cv::FONT_HERSHEY_SIMPLEX, 0.8, cv::Scalar(20), 2);
        cv::putText(card, "TEXT 0123", {60, y}, cv::FONT_HERSHEY_SIMPLEX, 0.8, cv::Scalar(20), 2);
    }
    if (sexLetter)
        cv::putText(card, "M", {872, 485}, cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(20), 3);
    return pngOf(card);
}

} // namespace

TEST_CASE("a card's title word misread beside large print is read again alone, and names the card's kind",
          "[documents][reader]")
{
    ManualClock clock;
    ScriptedCardOcr ocr("ono", 0.13f, "ID CARD", 0.95f);
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(cardPicture());

    CHECK(e.documentType == "state_id");
    CHECK(ocr.cardReads == 1);
    CHECK(ocr.wordReads == 1);
    // The word's own box with a margin, not the card.
    CHECK(ocr.lastWordWidth > 127);
    CHECK(ocr.lastWordWidth < 200);
    CHECK(e.fields.at("last_name").value == "SMITH");
}

TEST_CASE("a doubtful word is read again with its neighbour of the same size", "[documents][reader]")
{
    ManualClock clock;
    // "IDENTIFICATION CARD" in small print, faxed: the first word noise, the second one letter off.
    ScriptedCardOcr ocr("wwennricanion", 0.0f, "IDENTIFICATION CARD", 0.8f, "carp");
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(cardPicture());

    CHECK(ocr.wordReads == 1);
    // Both words' boxes with a margin: 127 + 10 + 60 pixels and more.
    CHECK(ocr.lastWordWidth > 197);
    CHECK(e.documentType == "state_id");
}

TEST_CASE("a doubtful word keeps its first reading when reading it alone is not clearly better",
          "[documents][reader]")
{
    ManualClock clock;
    ScriptedCardOcr ocr("ono", 0.13f, "ID CARD", 0.2f);
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(cardPicture());

    CHECK(ocr.wordReads == 1);
    // Without the title the card cues alone make it a license, as a close call.
    CHECK(e.documentType == "drivers_license");
}

TEST_CASE("a card read clearly with every printed field reads no word again", "[documents][reader]")
{
    ManualClock clock;
    // The title read well the first time.
    ScriptedCardOcr ocr("ID CARD", 0.95f, "ID CARD", 0.95f);
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(cardPicture());

    CHECK(e.documentType == "state_id");
    CHECK(ocr.wordReads == 0);
    CHECK(e.fields.count("sex") == 1);
}

TEST_CASE("a card's one-letter sex that the whole reading dropped is read where its label points", "[documents][reader]")
{
    ManualClock clock;
    SpeckDroppingOcr ocr;
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(cardPicture(true));

    REQUIRE(e.documentType == "state_id");
    CHECK(e.fields.count("sex") == 1);
    CHECK(e.fields["sex"].value == "M");
    // Right of the label (nothing there), then under it.
    CHECK(ocr.places.size() == 2);
}

TEST_CASE("where the label points at nothing, no sex is made up", "[documents][reader]")
{
    ManualClock clock;
    SpeckDroppingOcr ocr;
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(cardPicture(false));

    CHECK(e.fields.count("sex") == 0);
    CHECK(ocr.places.size() == 2);
}

namespace
{

void addLines(OcrResult& result, std::vector<std::vector<OcrWord>> lines)
{
    for (auto& line : lines)
        for (OcrWord& w : line)
        {
            result.text += w.text + " ";
            result.words.push_back(std::move(w));
        }
}

// Words of a line laid out from `x`, `y`: 20 pixels a character, 30 high.
std::vector<OcrWord> lineWords(const std::string& text, int x, int y, int line, float confidence = 0.95f)
{
    std::vector<OcrWord> out;
    std::size_t at = 0;
    while (at < text.size())
    {
        std::size_t end = text.find(' ', at);
        if (end == std::string::npos)
            end = text.size();
        const int width = 20 * static_cast<int>(end - at);
        out.push_back(word(text.substr(at, end - at), confidence, x, y, width, 30, line));
        x += width + 16;
        at = end + 1;
    }
    return out;
}

// A bank statement whose recipient sits to the right of the statement period, a little lower: Tesseract's
// page layout runs the date line into the street line and loses the name and the unit; read as scattered
// text, every line keeps to its column.
class ColumnMergingOcr : public OcrEngine
{
public:
    OcrResult recognize(const ImageView&, TextLayout layout, int, const std::string&) override
    {
        OcrResult result;
        std::vector<std::vector<OcrWord>> lines;
        if (layout == TextLayout::Auto && ++pageReads == 1)
            lines = {lineWords("NORTHSTAR MERIDIAN BANK", 160, 100, 0), lineWords("Member FDIC", 160, 150, 1),
                     lineWords("Account", 160, 300, 2), lineWords("46-3941957", 160, 340, 3),
                     lineWords("Statement period", 160, 400, 4),
                     lineWords("2026-09-20 - 2026-10-20 re N UNION RD", 160, 440, 5, 0.6f),
                     lineWords("PHOENIX, AZ 85023", 1000, 500, 6), lineWords("Account summary", 160, 700, 7),
                     lineWords("Beginning balance $1,332.37", 160, 750, 8),
                     lineWords("Ending balance $4,698.60", 160, 800, 9)};
        else if (layout == TextLayout::Sparse)
        {
            ++sparseReads;
            lines = {lineWords("NORTHSTAR MERIDIAN BANK", 160, 100, 0), lineWords("Member FDIC", 160, 150, 1),
                     lineWords("Account", 160, 300, 2), lineWords("46-3941957", 160, 340, 3),
                     lineWords("Statement period", 160, 400, 4), lineWords("2026-09-20 - 2026-10-20", 160, 440, 5),
                     lineWords("ELIJAH HAWTHORNE", 1000, 380, 6), lineWords("33501 N UNION RD", 1000, 420, 7),
                     lineWords("APT E", 1000, 460, 8), lineWords("PHOENIX, AZ 85023", 1000, 500, 9),
                     lineWords("Account summary", 160, 700, 10),
                     lineWords("Beginning balance $1,332.37", 160, 750, 11),
                     lineWords("Ending balance $4,698.60", 160, 800, 12)};
        }
        addLines(result, std::move(lines));
        result.confidence = result.words.empty() ? 0.0f : 0.9f;
        return result;
    }

    std::pair<int, float> orientation(const ImageView&, int) override { return {0, 0.0f}; }

    int pageReads = 0;
    int sparseReads = 0;
};

// A letter page at 200 dpi with lines of print where the engine above says they are.
std::string statementPicture()
{
    cv::Mat page(2200, 1700, CV_8UC1, cv::Scalar(245));
    for (int y = 130; y < 2000; y += 50)
        cv::putText(page, "Lines of print 0123456789 across the page, as a statement has", {160, y},
                    cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(20), 2);
    return pngOf(page);
}

} // namespace

TEST_CASE("a statement whose recipient the page layout lost is read again as scattered text", "[documents][reader]")
{
    ManualClock clock;
    ColumnMergingOcr ocr;
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(statementPicture());

    REQUIRE(e.documentType == "bank_statement");
    CHECK(e.pageSizes.at(0).width < e.pageSizes.at(0).height); // read as the page it is
    CHECK(ocr.sparseReads == 1);
    CHECK(e.fields["last_name"].value == "HAWTHORNE");
    CHECK(e.fields["address_line1"].value == "33501 N UNION RD");
    CHECK(e.fields["address_line2"].value == "APT E");
    CHECK(e.fields["issuer_name"].value == "NORTHSTAR MERIDIAN BANK");
}

namespace
{

// A passport photographed upside down: its machine-readable zone, read as the page came, is runs of '>'
// (the '<' filler turned). The whitelisted MRZ reading answers only on the engine's third call: the page as
// it came (twice: the scan's quick look, then the prepared page) and then the page turned.
class UpsideDownPassportOcr : public OcrEngine
{
public:
    OcrResult recognize(const ImageView&, TextLayout layout, int, const std::string& characters) override
    {
        OcrResult result;
        if (!characters.empty())
        {
            if (++mrzReads == 3)
            {
                result.text = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
                result.confidence = 0.9f;
            }
            return result;
        }
        if (layout == TextLayout::Sparse)
        {
            std::vector<std::vector<OcrWord>> lines = {lineWords(">>>>>>>>>>>>>>>>>>>ANNA>>NOSSIRE", 100, 120, 0, 0.3f),
                                                       lineWords("TROPSSAP", 900, 800, 1, 0.3f)};
            addLines(result, std::move(lines));
            result.confidence = 0.3f;
        }
        return result;
    }

    std::pair<int, float> orientation(const ImageView&, int) override
    {
        ++orientationCalls;
        return {0, 0.9f};
    }

    int mrzReads = 0;
    int orientationCalls = 0;
};

std::string passportPicture()
{
    cv::Mat page(1039, 1476, CV_8UC1, cv::Scalar(240));
    for (int y = 100; y < 1000; y += 60)
        cv::putText(page, "Lines of print 0123456789 across the page", {60, y}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
                    cv::Scalar(20), 2);
    return pngOf(page);
}

} // namespace

TEST_CASE("a passport whose machine-readable zone reads upside down is turned a half turn and read",
          "[documents][reader]")
{
    ManualClock clock;
    UpsideDownPassportOcr ocr;
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(passportPicture());

    CHECK(e.documentType == "passport");
    CHECK(e.fields["last_name"].value == "ERIKSSON");
    CHECK(ocr.mrzReads == 3);
    // The half turn came from the zone itself, not from the orientation detector.
    CHECK(ocr.orientationCalls == 0);
    CHECK_FALSE(e.regionsOnOriginal);
}

namespace
{

bool bilevel(const ImageView& image)
{
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
        {
            const std::uint8_t v = image.data[static_cast<std::size_t>(y) * image.stride + x * image.channels];
            if (v != 0 && v != 255)
                return false;
        }
    return true;
}

// A utility bill photographed on grainy paper. The grey page reads the recipient's block and nothing else
// (Tesseract took the boxed account column for a picture); the binarised page reads that column but runs the
// recipient's lines into it. `greyGivesKind` makes the grey reading name the bill itself.
class GrainyBillOcr : public OcrEngine
{
public:
    explicit GrainyBillOcr(bool greyGivesKind) : _greyGivesKind(greyGivesKind) {}

    OcrResult recognize(const ImageView& image, TextLayout layout, int, const std::string&) override
    {
        OcrResult result;
        if (layout != TextLayout::Auto)
            return result;
        std::vector<std::vector<OcrWord>> lines;
        if (!bilevel(image))
        {
            if (++greyReads == 1)
            {
                lines = {lineWords("HARROWGATE POWER SERVICES", 300, 100, 0), lineWords("HOLLIS J WAVERLY", 120, 300, 1),
                         lineWords("4410 QUARRY BEND RD", 120, 340, 2), lineWords("DULUTH MN 55802-1147", 120, 380, 3)};
                if (_greyGivesKind)
                    lines.push_back(lineWords("Amount due $88.10 Usage 412 kWh", 120, 600, 4));
            }
        }
        else if (++binaryReads == 1)
            lines = {lineWords("HARROWGATE POWER SERVICES", 300, 100, 0),
                     lineWords("HOLLIS J WAVERLY _ Accort no, 88201", 120, 300, 1),
                     lineWords("4410 QUARRY BEND RD . lssue Date 2026-10-02", 120, 340, 2),
                     lineWords("Total due $88.10", 900, 420, 3), lineWords("Due 2026-10-28", 900, 460, 4),
                     lineWords("Usage 412 kWh", 120, 600, 5), lineWords("Basic service charge $12.00", 120, 640, 6)};
        addLines(result, std::move(lines));
        result.confidence = result.words.empty() ? 0.0f : 0.9f;
        return result;
    }

    std::pair<int, float> orientation(const ImageView&, int) override { return {0, 0.0f}; }

    int greyReads = 0;
    int binaryReads = 0;

private:
    bool _greyGivesKind;
};

// A letter page on a dark desk, photographed from above.
std::string photographedPage()
{
    cv::Mat photo(2000, 1500, CV_8UC1, cv::Scalar(70));
    cv::Mat page = photo(cv::Rect(200, 280, 1100, 1424));
    page.setTo(cv::Scalar(235));
    for (int y = 80; y < 1350; y += 45)
        cv::putText(page, "Lines of print 0123456789 on the page", {60, y}, cv::FONT_HERSHEY_SIMPLEX, 0.9,
                    cv::Scalar(25), 2);
    return pngOf(photo);
}

} // namespace

TEST_CASE("a photographed page whose grey reading gives no document is read binarised, and the readings joined",
          "[documents][reader]")
{
    ManualClock clock;
    GrainyBillOcr ocr(false);
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(photographedPage());

    REQUIRE(ocr.binaryReads >= 1);
    REQUIRE(e.documentType == "utility_bill");
    // The recipient's lines are the grey reading's; the bill's kind and date came from the binarised one.
    CHECK(e.fields["first_name"].value == "HOLLIS");
    CHECK(e.fields["last_name"].value == "WAVERLY");
    CHECK(e.fields["address_line1"].value == "4410 QUARRY BEND RD");
    CHECK(e.fields["postal_code"].value == "55802-1147");
    CHECK(e.fields["issuer_name"].value == "HARROWGATE POWER SERVICES");
}

TEST_CASE("a photographed page whose grey reading gives a document is not read binarised", "[documents][reader]")
{
    ManualClock clock;
    GrainyBillOcr ocr(true);
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(photographedPage());

    CHECK(e.documentType == "utility_bill");
    CHECK(e.fields["last_name"].value == "WAVERLY");
    CHECK(ocr.binaryReads == 0);
}

namespace
{

// Whether a picture's print is upright: every line of the test page starts with a solid bar on its left,
// so an upright page has more ink in its left tenth than in its right tenth, a page turned round less.
bool barsOnTheLeft(const ImageView& image)
{
    const int tenth = std::max(1, image.width / 10);
    long left = 0;
    long right = 0;
    for (int y = 0; y < image.height; ++y)
    {
        const std::uint8_t* row = image.data + static_cast<std::size_t>(y) * image.stride;
        for (int x = 0; x < tenth; ++x)
        {
            left += row[x * image.channels] < 128;
            right += row[(image.width - 1 - x) * image.channels] < 128;
        }
    }
    return left > right;
}

// A faxed bill. Read upright, the page's top band names it; read upside down, every band is noise. With
// `noisyTop`, the page's first band read upright is noise too (a garbled letterhead) and only its lower band
// holds the bill, and the uprighter's readings are misleading (the page reads better turned round), so
// turning it gives nothing.
class TurnedFaxOcr : public OcrEngine
{
public:
    explicit TurnedFaxOcr(bool noisyTop = false) : _noisyTop(noisyTop) {}

    OcrResult recognize(const ImageView& image, TextLayout layout, int, const std::string&) override
    {
        OcrResult result;
        const bool upright = barsOnTheLeft(image);
        if (layout == TextLayout::SingleBlock) // the uprighter's two readings of its densest band
        {
            result.confidence = upright != _noisyTop ? 0.9f : 0.3f;
            return result;
        }
        if (layout != TextLayout::Auto)
            return result;
        std::vector<std::vector<OcrWord>> lines;
        if (!upright)
            ++turnedReads;
        else
            ++uprightReads;
        if (upright && !(_noisyTop && uprightReads == 1))
            lines = {lineWords("HARROWGATE POWER SERVICES", 300, 100, 0),
                     lineWords("Bill date 2026-10-02", 900, 200, 1),
                     lineWords("HOLLIS J WAVERLY", 120, 300, 2), lineWords("4410 QUARRY BEND RD", 120, 340, 3),
                     lineWords("DULUTH MN 55802-1147", 120, 380, 4),
                     lineWords("Amount due $88.10 Usage 412 kWh", 120, 600, 5)};
        else
            for (int i = 0; i < 6; ++i)
                lines.push_back(lineWords("~,. ;: '' 1l !", 120, 100 + 60 * i, i, 0.35f));
        addLines(result, std::move(lines));
        result.confidence = upright ? 0.9f : 0.35f;
        return result;
    }

    std::pair<int, float> orientation(const ImageView&, int) override
    {
        ++orientationCalls;
        return {180, 0.9f};
    }

    int turnedReads = 0;
    int uprightReads = 0;
    int orientationCalls = 0;

private:
    bool _noisyTop;
};

// A letter page at 200 dpi whose lines each start with a bar, turned half round when `upsideDown`.
std::string barredPage(bool upsideDown)
{
    cv::Mat page(2200, 1700, CV_8UC1, cv::Scalar(245));
    for (int y = 130; y < 2000; y += 50)
    {
        cv::rectangle(page, cv::Rect(60, y - 24, 70, 26), cv::Scalar(20), cv::FILLED);
        cv::putText(page, "Lines of print 0123456789 on the page", {160, y}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
                    cv::Scalar(20), 2);
    }
    if (upsideDown)
        cv::rotate(page, page, cv::ROTATE_180);
    return pngOf(page);
}

} // namespace

TEST_CASE("a page whose top band reads as noise is turned before the rest of it is read", "[documents][reader]")
{
    ManualClock clock;
    TurnedFaxOcr ocr;
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(barredPage(true));

    REQUIRE(e.documentType == "utility_bill");
    CHECK(e.fields["last_name"].value == "WAVERLY");
    CHECK(e.fields["address_line1"].value == "4410 QUARRY BEND RD");
    // Only the top band was read upside down: the rest of the page, noise as well, was never read.
    CHECK(ocr.turnedReads == 1);
    CHECK_FALSE(e.regionsOnOriginal);
}

TEST_CASE("a page whose top band reads as noise and that gives nothing turned is read whole as it came",
          "[documents][reader]")
{
    ManualClock clock;
    TurnedFaxOcr ocr(true);
    LocalDocumentReader reader(ocr, clock);

    Extraction e = reader.read(barredPage(false));

    REQUIRE(e.documentType == "utility_bill");
    CHECK(e.fields["last_name"].value == "WAVERLY");
    CHECK(e.fields["postal_code"].value == "55802-1147");
    CHECK(e.regionsOnOriginal);
    // The turned page was read, then the page as it came below its top band: the top band only once.
    CHECK(ocr.turnedReads >= 1);
    CHECK(ocr.uprightReads == 2);
}
