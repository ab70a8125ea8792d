#include "proofdesk/adapters/LocalDocumentReader.h"

#include "proofdesk/adapters/PdfTextLayer.h"
#include "proofdesk/domain/Aamva.h"
#include "proofdesk/domain/CaseReference.h"
#include "proofdesk/domain/DocumentClassifier.h"
#include "proofdesk/domain/DocumentLayout.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Mrz.h"
#include "proofdesk/domain/TextDocumentParser.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace proofdesk
{

namespace
{

ImageView viewOf(const cv::Mat& image)
{
    return ImageView{image.data, image.cols, image.rows, static_cast<int>(image.step), image.channels()};
}

// Words of one OCR call as lines of a TextPage, shifted by the region's offset on the page. Tesseract's
// lines can run across columns (a name on the left, "Service address" on the right): a gap wider than
// 2.5 word heights starts a new line, as the PDF text layer does, so blocks side by side stay apart.
void appendLines(TextPage& page, const OcrResult& result, int offsetX, int offsetY)
{
    std::map<int, std::vector<const OcrWord*>> byLine;
    for (const OcrWord& word : result.words)
    {
        if (!word.text.empty())
            byLine[word.line].push_back(&word);
    }
    for (auto& [number, words] : byLine)
    {
        std::sort(words.begin(), words.end(), [](const OcrWord* a, const OcrWord* b) { return a->box.x < b->box.x; });
        std::vector<int> heights;
        for (const OcrWord* word : words)
            heights.push_back(word->box.height);
        std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
        const int medianHeight = std::max(1, heights[heights.size() / 2]);

        std::vector<std::vector<const OcrWord*>> segments(1);
        for (const OcrWord* word : words)
        {
            if (!segments.back().empty())
            {
                const OcrWord* previous = segments.back().back();
                if (word->box.x - (previous->box.x + previous->box.width) > medianHeight * 5 / 2)
                    segments.emplace_back();
            }
            segments.back().push_back(word);
        }
        for (const auto& segment : segments)
        {
            TextLine line;
            int left = 1 << 30, top = 1 << 30, right = 0, bottom = 0;
            float confidence = 0;
            for (const OcrWord* word : segment)
            {
                line.text += (line.text.empty() ? "" : " ") + word->text;
                left = std::min(left, word->box.x);
                top = std::min(top, word->box.y);
                right = std::max(right, word->box.x + word->box.width);
                bottom = std::max(bottom, word->box.y + word->box.height);
                confidence += word->confidence;
            }
            line.box = Region{page.page, left + offsetX, top + offsetY, right - left, bottom - top};
            line.confidence = confidence / static_cast<float>(segment.size());
            line.height = static_cast<float>(medianHeight);
            page.lines.push_back(std::move(line));
        }
    }
    std::sort(page.lines.begin(), page.lines.end(), [](const TextLine& a, const TextLine& b) {
        return a.box.y != b.box.y ? a.box.y < b.box.y : a.box.x < b.box.x;
    });
}

// The lines of `first` with those of `second` that lie where `first` read nothing (their boxes meet none of
// its lines of text), in reading order: a second reading of the same page filling the gaps of the first.
TextPage filledIn(const TextPage& first, const TextPage& second)
{
    TextPage out = first;
    for (const TextLine& line : second.lines)
    {
        const cv::Rect box(line.box.x, line.box.y, line.box.width, line.box.height);
        // A line with no letter or digit (a rule, a box's edge, an empty picture block) reads nothing.
        bool free = std::none_of(first.lines.begin(), first.lines.end(), [&](const TextLine& other) {
            return !text::alnumKey(other.text).empty() &&
                   (box & cv::Rect(other.box.x, other.box.y, other.box.width, other.box.height)).area() > 0;
        });
        if (free)
            out.lines.push_back(line);
    }
    std::stable_sort(out.lines.begin(), out.lines.end(), [](const TextLine& a, const TextLine& b) {
        return a.box.y != b.box.y ? a.box.y < b.box.y : a.box.x < b.box.x;
    });
    return out;
}

// A photo whose document was not found comes back at the camera's size (tens of megapixels): text that
// large reads as well with far fewer pixels and many times faster, so the page is capped before OCR.
// Regions are then in the capped page's pixels, which is the page as read.
PreparedPage capped(PreparedPage page, double maxPixels = 9e6)
{
    double pixels = static_cast<double>(page.gray.cols) * page.gray.rows;
    if (pixels <= maxPixels)
        return page;
    double scale = std::sqrt(maxPixels / pixels);
    cv::resize(page.gray, page.gray, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::resize(page.binary, page.binary, page.gray.size(), 0, 0, cv::INTER_AREA);
    cv::threshold(page.binary, page.binary, 127, 255, cv::THRESH_BINARY);
    page.dpi = std::max(70, static_cast<int>(page.dpi * scale));
    // The reduced page's pixels reach the original through the page as prepared.
    if (page.toOriginal.rows == 3 && page.toOriginal.cols == 3)
    {
        cv::Matx33d shrink(scale, 0, 0, 0, scale, 0, 0, 0, 1);
        page.toOriginal = cv::Mat(cv::Matx33d(page.toOriginal) * shrink.inv());
    }
    page.steps.push_back("reduced to " + std::to_string(page.gray.cols) + " x " + std::to_string(page.gray.rows) +
                         " for reading");
    return page;
}

// The fields a statement or card needs before the rest of the page is worth reading.
bool answered(const Extraction& e)
{
    if (e.documentType == "unknown")
        return false;
    static const std::vector<std::string> statementFields = {"last_name", "address_line1", "postal_code",
                                                             "statement_date", "issuer_name"};
    static const std::vector<std::string> cardFields = {"last_name", "date_of_birth", "document_number",
                                                        "expiration_date"};
    bool statement = e.documentType == "bank_statement" || e.documentType == "utility_bill" ||
                     e.documentType == "payroll_statement";
    for (const std::string& name : statement ? statementFields : cardFields)
    {
        if (e.fields.count(name) == 0)
            return false;
    }
    return true;
}

// Whether a page's words name a kind of document: the classification alone, without reading its fields.
bool readsAsDocument(const TextPage& page)
{
    return classifyDocument(DocumentLayout({page})).documentType != "unknown";
}

// Parses the pages read so far, leaving out leading pages that are no document of their own (a fax cover
// sheet) when a later page is: the cover's "FAX" header must not become the statement's issuer.
Extraction parseFromFirstDocumentPage(const std::vector<TextPage>& pages, std::chrono::sys_days today)
{
    for (std::size_t first = 0; first + 1 < pages.size(); ++first)
    {
        if (readsAsDocument(pages[first]))
            return parseTextDocument(std::vector<TextPage>(pages.begin() + static_cast<long>(first), pages.end()),
                                     FieldSource::Ocr, today);
    }
    if (pages.size() > 1)
        return parseTextDocument({pages.back()}, FieldSource::Ocr, today);
    return parseTextDocument(pages, FieldSource::Ocr, today);
}

// The case references written anywhere on the pages read (a fax cover sheet names its case): those read
// whole, then those one usual OCR confusion away (a J read as U on a fax), which the mail intake only uses to
// find a case that exists.
std::vector<std::string> referencesOn(const std::vector<TextPage>& pages)
{
    std::string text;
    for (const TextPage& page : pages)
    {
        for (const TextLine& line : page.lines)
            text += line.text + "\n";
    }
    std::vector<std::string> found = findCaseReferences(text);
    for (const std::string& reference : repairMisreadCaseReferences(text))
    {
        if (std::find(found.begin(), found.end(), reference) == found.end())
            found.push_back(reference);
    }
    return found;
}

// The page's OCR confidence, each line weighted by its length (0 for a page without text).
double readingConfidence(const TextPage& page)
{
    double weighted = 0;
    std::size_t characters = 0;
    for (const TextLine& line : page.lines)
    {
        weighted += static_cast<double>(line.confidence) * static_cast<double>(line.text.size());
        characters += line.text.size();
    }
    return characters == 0 ? 0.0 : weighted / static_cast<double>(characters);
}

// True when the page's text was read with confidence (Tesseract's, weighted by characters, at least 0.85): a
// page that is simply no document of its own (a fax cover sheet reads at 0.90) rather than one upside down
// or sideways (0.3 to 0.6 on the samples), so orientation detection would be time lost.
bool readConfidently(const TextPage& page)
{
    return page.lines.size() >= 5 && readingConfidence(page) >= 0.85;
}

bool isCard(const Extraction& e)
{
    return e.documentType == "drivers_license" || e.documentType == "state_id";
}

// A card (or a page, `e` its reading) read with a doubt: of no kind at all though it has lines of text, its
// kind a close call between the two cards, or a field that every U.S. card prints not found.
bool cardInDoubt(const Extraction& e, const TextPage& page)
{
    if (e.documentType == "unknown")
        return page.lines.size() >= 5;
    if (!isCard(e))
        return false;
    for (const std::string& note : e.notes)
        if (note.find("close call") != std::string::npos)
            return true;
    static const char* const printed[] = {"last_name",       "first_name", "date_of_birth", "document_number",
                                          "expiration_date", "issue_date", "sex",           "address_line1",
                                          "postal_code"};
    for (const char* name : printed)
        if (e.fields.count(name) == 0)
            return true;
    return false;
}

// A reading with a run of '>' six long: a machine-readable zone upside down.
bool upsideDownMrz(const TextPage& page)
{
    for (const TextLine& line : page.lines)
        if (line.text.find(">>>>>>") != std::string::npos)
            return true;
    return false;
}

// The page turned a half turn, with where its pixels were in the input.
PreparedPage halfTurned(PreparedPage page)
{
    const double right = page.gray.cols - 1;
    const double bottom = page.gray.rows - 1;
    cv::rotate(page.gray, page.gray, cv::ROTATE_180);
    cv::rotate(page.binary, page.binary, cv::ROTATE_180);
    if (page.toOriginal.rows == 3 && page.toOriginal.cols == 3 && page.toOriginal.type() == CV_64F)
    {
        const cv::Matx33d back(-1, 0, right, 0, -1, bottom, 0, 0, 1); // turned pixels to the pixels before
        page.toOriginal = cv::Mat(cv::Matx33d(page.toOriginal) * back);
    }
    page.rotation = (page.rotation + 180) % 360;
    page.steps.push_back("turned 180 degrees (its machine-readable zone read upside down)");
    return page;
}

// The region of a page's lines that look like a TD3 MRZ ("P<" at the start, or "<<"), with a margin
// of a line all round; nullopt when there are fewer than two such lines.
std::optional<cv::Rect> mrzLinesOn(const TextPage& page, const cv::Size& size)
{
    cv::Rect zone;
    int lines = 0;
    for (const TextLine& line : page.lines)
    {
        std::string compact;
        for (char c : line.text)
            if (c != ' ')
                compact += c;
        const bool mrzLike = compact.size() >= 20 && (compact.rfind("P<", 0) == 0 || compact.find("<<") != std::string::npos);
        if (!mrzLike)
            continue;
        cv::Rect box(line.box.x, line.box.y, line.box.width, line.box.height);
        zone = lines == 0 ? box : (zone | box);
        ++lines;
    }
    if (lines < 2)
        return std::nullopt;
    const int margin = std::max(8, zone.height / 2);
    zone = cv::Rect(zone.x - margin, zone.y - margin, zone.width + 2 * margin, zone.height + 2 * margin) &
           cv::Rect(0, 0, size.width, size.height);
    if (zone.width < 16 || zone.height < 16)
        return std::nullopt;
    return zone;
}

// Where the bands of a page end, as fractions of its height; the last is 1.
const double* bandLimits()
{
    static const double limits[] = {0.4, 1.0};
    return limits;
}

// The row nearest `target` (within an eighth of the page, below `above`) with the fewest dark pixels: a gap
// between lines of text where the page can be cut.
int blankRowNear(const cv::Mat& binary, int target, int above)
{
    const int reach = binary.rows / 8;
    const int from = std::max(above + 1, target - reach);
    const int to = std::min(binary.rows - 1, target + reach);
    if (from >= to)
        return std::clamp(target, above + 1, binary.rows);
    cv::Mat ink;
    cv::reduce(binary.rowRange(from, to) == 0, ink, 1, cv::REDUCE_SUM, CV_32S);
    int best = target;
    long bestInk = -1;
    for (int row = from; row < to; ++row)
    {
        const long dark = ink.at<int>(row - from);
        // Fewest dark pixels; among equals, the row closest to the target.
        if (bestInk < 0 || dark < bestInk || (dark == bestInk && std::abs(row - target) < std::abs(best - target)))
        {
            bestInk = dark;
            best = row;
        }
    }
    return best;
}

} // namespace

LocalDocumentReader::LocalDocumentReader(OcrEngine& ocr, Clock& clock, DocumentReaderSettings settings)
    : _ocr(ocr), _clock(clock), _settings(settings), _inspector(settings.limits), _preprocessor(nullptr),
      _uprighter(&ocr)
{
}

Extraction LocalDocumentReader::read(std::string_view bytes)
{
    DocumentFormat format = _inspector.inspect(bytes);
    if (!format.accepted)
        throw Error(ErrorCode::InvalidInput, "not a JPEG, PNG, TIFF or PDF file (it looks like " + format.mediaType + ")");
    auto today = std::chrono::floor<std::chrono::days>(_clock.now());
    if (format.mediaType == "application/pdf")
    {
        std::vector<TextPage> pages = readPdfTextLayer(bytes, _settings.maxPagesRead, _settings.dpi);
        if (hasUsableText(pages))
        {
            Extraction e = parseTextDocument(pages, FieldSource::PdfText, today);
            e.pages = format.pages;
            e.caseReferences = referencesOn(pages);
            for (const TextPage& page : pages)
                e.pageSizes.push_back(PageSize{page.width, page.height});
            return e;
        }
    }
    Extraction e = readPixels(bytes, format, today);
    e.pages = format.pages;
    return e;
}

Extraction LocalDocumentReader::readPixels(std::string_view bytes, const DocumentFormat& format,
                                           std::chrono::sys_days today)
{
    std::vector<TextPage> textPages;
    std::vector<std::string> notes;
    std::vector<PageSize> sizes;
    bool onOriginal = true;
    // Where the regions of a page stand: on the page as prepared, which maps linearly onto the original
    // unless it was flattened or turned (a deskew of a degree or two shifts outlines by a few pixels only).
    std::vector<PageTransform> transforms;
    auto note = [&](const PreparedPage& page, int index, const cv::Mat& original) {
        sizes.resize(static_cast<std::size_t>(index) + 1);
        sizes[static_cast<std::size_t>(index)] = PageSize{page.gray.cols, page.gray.rows};
        onOriginal = onOriginal && !page.flattened && page.rotation == 0 && std::fabs(page.skewDegrees) < 2.5;
        transforms.resize(static_cast<std::size_t>(index) + 1);
        PageTransform& t = transforms[static_cast<std::size_t>(index)];
        t.originalWidth = original.cols;
        t.originalHeight = original.rows;
        if (page.toOriginal.rows == 3 && page.toOriginal.cols == 3 && page.toOriginal.type() == CV_64F)
        {
            for (int i = 0; i < 9; ++i)
                t.matrix[static_cast<std::size_t>(i)] = page.toOriginal.at<double>(i / 3, i % 3);
        }
    };
    auto finish = [&](Extraction e) {
        e.caseReferences = referencesOn(textPages);
        e.pageSizes = sizes;
        e.pageTransforms = transforms;
        e.regionsOnOriginal = onOriginal;
        e.notes.insert(e.notes.end(), notes.begin(), notes.end());
        return e;
    };
    int pagesToRead = std::min(format.pages, _settings.maxPagesRead);
    for (int index = 0; index < pagesToRead; ++index)
    {
        LocalDocumentInspector::DecodedPage decoded = _inspector.decodePage(bytes, index, _settings.dpi);

        // 1. A license or ID card back: the barcode is the source of truth and needs no OCR at all.
        if (std::optional<std::string> payload = _barcodes.read(viewOf(decoded.image)))
        {
            AamvaResult aamva = parseAamva(*payload);
            if (aamva.found)
                return finish(aamvaExtraction(aamva));
            notes.push_back("a PDF417 barcode was found but is not an AAMVA license or ID payload");
        }

        // 2. A scanned passport data page, as it came: its MRZ read before any clean-up, kept only when every
        // check digit holds (the clean-up costs more than the read on a page that needs none).
        if (format.pages == 1 && decoded.image.cols > decoded.image.rows)
        {
            const double aspect = static_cast<double>(decoded.image.cols) / decoded.image.rows;
            if (aspect > 1.36 && aspect < 1.49 && decoded.image.cols <= 4000)
            {
                cv::Mat grey = decoded.image;
                if (grey.channels() == 3)
                    cv::cvtColor(decoded.image, grey, cv::COLOR_BGR2GRAY);
                else if (grey.channels() == 4)
                    cv::cvtColor(decoded.image, grey, cv::COLOR_BGRA2GRAY);
                if (grey.depth() == CV_8U)
                {
                    cv::Mat binary;
                    cv::threshold(grey, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
                    // A TD3 page is 125 mm wide: its pixels across give its resolution.
                    const int dpi = std::clamp(static_cast<int>(binary.cols / (125.0 / 25.4)), 70, 600);
                    if (std::optional<Extraction> e = readMrzBand(binary, dpi, index, today, 0))
                    {
                        addVisualZone(*e, grey, dpi, index, today);
                        sizes.assign(1, PageSize{binary.cols, binary.rows});
                        return finish(*e);
                    }
                }
            }
        }

        // Orientation detection costs as much as reading a card: ask for it only when the page, read as it
        // came, gives no document (upside down or turned pages read as noise).
        PreparedPage prepared = capped(_preprocessor.prepare(decoded.image, decoded.xDpi, decoded.yDpi));
        std::vector<TextPage> attempt = textPages;
        bool wasOnOriginal = onOriginal;
        note(prepared, index, decoded.image);
        // The page turned upright, asked for once: by the MRZ read upside down, else the orientation detector.
        std::optional<PreparedPage> turned;
        auto uprightPage = [&]() -> const PreparedPage& {
            if (!turned)
                turned = upsideDownMrz(attempt.back())
                             ? halfTurned(prepared)
                             : capped(_uprighter.prepare(decoded.image, decoded.xDpi, decoded.yDpi));
            return *turned;
        };
        std::optional<std::vector<TextPage>> turnedReading; // the turned page's reading, when it had none to give
        PageProgress progress;
        progress.stopWhenTopIsNoise = true;
        if (std::optional<Extraction> answer = readPage(prepared, index, attempt, today, &progress))
            return finish(*answer);
        if (progress.stopped)
        {
            // The top of the page read as noise: a page upside down or turned (a fax fed the wrong way) is
            // turned now, before the rest of it is read as noise too. The rest is read as it came only when
            // the turned page gives no document.
            const PreparedPage& upright = uprightPage();
            if (upright.rotation != 0)
            {
                std::vector<TextPage> second = textPages;
                onOriginal = wasOnOriginal;
                note(upright, index, decoded.image);
                if (std::optional<Extraction> answer = readPage(upright, index, second, today))
                    return finish(*answer);
                turnedReading = std::move(second);
                onOriginal = wasOnOriginal;
                note(prepared, index, decoded.image);
            }
            progress.stopWhenTopIsNoise = false;
            if (turnedReading && readsAsDocument(turnedReading->back()))
            {
                attempt = std::move(*turnedReading);
                onOriginal = wasOnOriginal;
                note(*turned, index, decoded.image);
            }
            else
            {
                attempt = textPages;
                if (std::optional<Extraction> answer = readPage(prepared, index, attempt, today, &progress))
                    return finish(*answer);
            }
        }
        // A document photographed on textured paper: sharpening the photo raises the paper's grain with the
        // print, and Tesseract's own threshold of the grey page can then take a boxed block for a picture
        // and read nothing in it. The page binarised here (locally, grain left out) is read too: its lines
        // fill the places where the grey page read nothing, or, when that still gives no document, it
        // replaces the grey reading if it gives one. Only then: on most photos the grey page reads better.
        if (prepared.flattened && !readsAsDocument(attempt.back()))
        {
            PreparedPage crisp = prepared;
            crisp.gray = prepared.binary;
            std::vector<TextPage> second = textPages;
            if (std::optional<Extraction> answer = readPage(crisp, index, second, today))
                return finish(*answer);
            TextPage both = filledIn(attempt.back(), second.back());
            if (readsAsDocument(both))
                attempt.back() = std::move(both);
            else if (readsAsDocument(second.back()))
                attempt = std::move(second);
        }
        if (!readsAsDocument(attempt.back()) && !readConfidently(attempt.back()))
        {
            // A passport's machine-readable zone upside down reads as runs of '>' (its '<' filler turned):
            // the page is turned a half turn, with no need to ask the orientation detector.
            const PreparedPage& upright = uprightPage();
            if (upright.rotation != 0)
            {
                std::vector<TextPage> second = textPages;
                onOriginal = wasOnOriginal;
                note(upright, index, decoded.image);
                if (turnedReading)
                    second = std::move(*turnedReading);
                else if (std::optional<Extraction> answer = readPage(upright, index, second, today))
                    return finish(*answer);
                // The turned page replaces the first reading only when it reads better: a page that was
                // upright all along reads as noise when turned.
                if (readsAsDocument(second.back()) ||
                    readingConfidence(second.back()) > readingConfidence(attempt.back()))
                    attempt = std::move(second);
                else
                {
                    onOriginal = wasOnOriginal;
                    note(prepared, index, decoded.image);
                }
            }
        }
        textPages = std::move(attempt);
        if (answered(parseFromFirstDocumentPage(textPages, today)))
            break;
    }
    return finish(parseFromFirstDocumentPage(textPages, today));
}

std::optional<Extraction> LocalDocumentReader::readMrzBand(const cv::Mat& binary, int dpi, int index,
                                                           std::chrono::sys_days today, std::size_t maxFailedChecks)
{
    // The machine-readable zone of a passport page: its bottom third.
    const int top = binary.rows * 2 / 3;
    return readMrzRegion(binary, cv::Rect(0, top, binary.cols, binary.rows - top), dpi, index, today, maxFailedChecks);
}

std::optional<Extraction> LocalDocumentReader::readMrzRegion(const cv::Mat& binary, const cv::Rect& region, int dpi,
                                                             int index, std::chrono::sys_days today,
                                                             std::size_t maxFailedChecks)
{
    // A whitelisted block: only the MRZ's characters.
    cv::Mat band = binary(region);
    if (band.cols > 1600)
    {
        double scale = 1600.0 / band.cols;
        cv::Mat smaller;
        cv::resize(band, smaller, cv::Size(), scale, scale, cv::INTER_AREA);
        band = smaller;
        dpi = std::max(70, static_cast<int>(dpi * scale));
    }
    OcrResult mrzText =
        _ocr.recognize(viewOf(band), TextLayout::SingleBlock, dpi, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<");
    MrzResult mrz = parseMrz(mrzText.text, today);
    if (!mrz.found || mrz.failedChecks.size() > maxFailedChecks)
        return std::nullopt;
    Extraction e = mrzExtraction(mrz);
    for (auto& [name, field] : e.fields)
        field.regions.push_back(Region{index, region.x, region.y, region.width, region.height});
    return e;
}

void LocalDocumentReader::addVisualZone(Extraction& e, const cv::Mat& gray, int dpi, int index,
                                        std::chrono::sys_days today)
{
    const int height = gray.rows * 2 / 3;
    if (gray.cols < 8 || height < 8)
        return;
    TextPage page;
    page.page = index;
    page.width = gray.cols;
    page.height = gray.rows;
    appendLines(page, _ocr.recognize(viewOf(gray(cv::Rect(0, 0, gray.cols, height))), TextLayout::Sparse, dpi), 0, 0);
    mergeVisualZone(e, parseTextDocument({page}, FieldSource::Ocr, today));
}

void LocalDocumentReader::mergeVisualZone(Extraction& e, const Extraction& visual)
{
    if (visual.documentType != "passport")
        return;
    e.visualZone = visual.fields;
    // The MRZ has no apostrophes or hyphens (O'BRIEN is OBRIEN, SMITH-JONES is SMITH JONES): when the printed
    // name is the MRZ's letter for letter, its spelling is the document's.
    auto letters = [](const std::string& name) {
        std::string out;
        for (char c : name)
            if (c >= 'A' && c <= 'Z')
                out += c;
        return out;
    };
    for (const char* name : {"first_name", "middle_name", "last_name"})
    {
        auto mrz = e.fields.find(name);
        auto printed = visual.fields.find(name);
        if (mrz != e.fields.end() && printed != visual.fields.end() && printed->second.value != mrz->second.value &&
            letters(printed->second.value) == letters(mrz->second.value))
            mrz->second.value = printed->second.value;
    }
    // A hyphenated given name (JIN-WOO) is two names in the MRZ (JIN<WOO): first and middle.
    auto first = e.fields.find("first_name");
    auto middle = e.fields.find("middle_name");
    auto printedFirst = visual.fields.find("first_name");
    if (first != e.fields.end() && middle != e.fields.end() && printedFirst != visual.fields.end() &&
        visual.fields.count("middle_name") == 0 &&
        letters(printedFirst->second.value) == letters(first->second.value + middle->second.value))
    {
        first->second.value = printedFirst->second.value;
        e.fields.erase(middle);
    }
    for (const char* name : {"issue_date"})
    {
        auto found = visual.fields.find(name);
        if (found != visual.fields.end() && e.fields.count(name) == 0)
            e.fields[name] = found->second;
    }
}

bool LocalDocumentReader::rereadDoubtfulWords(const cv::Mat& gray, int dpi, OcrResult& result)
{
    // Tesseract fits one baseline and size to a whole text line, so a small word beside large print (a
    // card's "ID CARD" next to its state's name and seal, "4d IDN" before a large number) can come out as
    // noise; alone in its own box it reads. A neighbour of the same size on its line goes with it (the two
    // words of "IDENTIFICATION CARD"). The least confident words first, a dozen at most.
    std::vector<std::size_t> doubtful;
    for (std::size_t i = 0; i < result.words.size(); ++i)
    {
        const OcrWord& word = result.words[i];
        if (word.confidence < 0.6f && word.box.height >= 10 && word.box.width >= 6 &&
            word.box.height <= gray.rows / 4)
            doubtful.push_back(i);
    }
    std::sort(doubtful.begin(), doubtful.end(), [&](std::size_t a, std::size_t b) {
        return result.words[a].confidence < result.words[b].confidence;
    });
    if (doubtful.size() > 12)
        doubtful.resize(12);
    // The nearest word on either side on the same line, when it is as tall and close.
    auto neighbours = [&](std::size_t i) {
        const OcrWord& word = result.words[i];
        std::vector<std::size_t> group{i};
        std::optional<std::size_t> left;
        std::optional<std::size_t> right;
        for (std::size_t j = 0; j < result.words.size(); ++j)
        {
            const OcrWord& other = result.words[j];
            if (j == i || other.line != word.line || other.text.empty())
                continue;
            const double ratio = static_cast<double>(other.box.height) / std::max(1, word.box.height);
            if (ratio < 0.75 || ratio > 1.33)
                continue;
            const int gapRight = other.box.x - (word.box.x + word.box.width);
            const int gapLeft = word.box.x - (other.box.x + other.box.width);
            if (gapRight >= 0 && gapRight <= word.box.height &&
                (!right || other.box.x < result.words[*right].box.x))
                right = j;
            if (gapLeft >= 0 && gapLeft <= word.box.height &&
                (!left || other.box.x > result.words[*left].box.x))
                left = j;
        }
        if (left)
            group.push_back(*left);
        if (right)
            group.push_back(*right);
        return group;
    };
    std::vector<bool> taken(result.words.size(), false);
    std::map<std::size_t, std::vector<OcrWord>> replacements; // at the group's first word; the others dropped
    for (std::size_t i : doubtful)
    {
        if (taken[i])
            continue;
        std::vector<std::size_t> group = neighbours(i);
        group.erase(std::remove_if(group.begin() + 1, group.end(), [&](std::size_t j) { return taken[j]; }),
                    group.end());
        cv::Rect around;
        float confidence = 0;
        for (std::size_t j : group)
        {
            const Region& b = result.words[j].box;
            around |= cv::Rect(b.x, b.y, b.width, b.height);
            confidence += result.words[j].confidence;
        }
        confidence /= static_cast<float>(group.size());
        const int height = result.words[i].box.height;
        const int pad = std::max(4, height / 3);
        const cv::Rect box = cv::Rect(around.x - pad, around.y - pad, around.width + 2 * pad, around.height + 2 * pad) &
                             cv::Rect(0, 0, gray.cols, gray.rows);
        if (box.width < 8 || box.height < 8)
            continue;
        OcrResult alone = _ocr.recognize(viewOf(gray(box)), TextLayout::SingleLine, dpi);
        if (alone.words.empty() || alone.confidence < confidence + 0.1f)
            continue;
        std::vector<OcrWord> words;
        for (OcrWord w : alone.words)
        {
            if (w.text.empty())
                continue;
            w.box.x += box.x;
            w.box.y += box.y;
            w.line = result.words[i].line;
            words.push_back(std::move(w));
        }
        if (words.empty())
            continue;
        for (std::size_t j : group)
            taken[j] = true;
        std::sort(group.begin(), group.end());
        replacements[group.front()] = std::move(words);
        for (std::size_t k = 1; k < group.size(); ++k)
            replacements[group[k]] = {};
    }
    if (replacements.empty())
        return false;
    std::vector<OcrWord> words;
    for (std::size_t i = 0; i < result.words.size(); ++i)
    {
        auto found = replacements.find(i);
        if (found == replacements.end())
            words.push_back(std::move(result.words[i]));
        else
            words.insert(words.end(), found->second.begin(), found->second.end());
    }
    result.words = std::move(words);
    return true;
}

std::optional<TextPage> LocalDocumentReader::rereadTopSparsely(const PreparedPage& prepared, const TextPage& page,
                                                                int bandBottom, const std::vector<TextPage>& before,
                                                                std::chrono::sys_days today)
{
    auto parsed = [&](const TextPage& candidate) {
        std::vector<TextPage> pages = before;
        pages.push_back(candidate);
        return parseFromFirstDocumentPage(pages, today);
    };
    const Extraction first = parsed(page);
    const bool statement = first.documentType == "bank_statement" || first.documentType == "utility_bill" ||
                           first.documentType == "payroll_statement";
    if (!statement || (first.fields.count("last_name") > 0 && first.fields.count("address_line1") > 0))
        return std::nullopt;
    TextPage sparse = page;
    sparse.lines.erase(std::remove_if(sparse.lines.begin(), sparse.lines.end(),
                                      [&](const TextLine& line) { return line.box.y < bandBottom; }),
                       sparse.lines.end());
    appendLines(sparse,
                _ocr.recognize(viewOf(prepared.gray(cv::Rect(0, 0, prepared.gray.cols, bandBottom))),
                               TextLayout::Sparse, prepared.dpi),
                0, 0);
    const Extraction second = parsed(sparse);
    if (second.documentType != first.documentType || second.fields.size() <= first.fields.size())
        return std::nullopt;
    return sparse;
}

void LocalDocumentReader::secondLook(const PreparedPage& prepared, OcrResult& words, TextPage& page,
                                     std::chrono::sys_days today)
{
    Extraction e = parseTextDocument({page}, FieldSource::Ocr, today);
    if (cardInDoubt(e, page) && rereadDoubtfulWords(prepared.gray, prepared.dpi, words))
    {
        page.lines.clear();
        appendLines(page, words, 0, 0);
        e = parseTextDocument({page}, FieldSource::Ocr, today);
    }
    // A card whose sex was not read.
    if (isCard(e) && e.fields.count("sex") == 0 && readDroppedSex(prepared.gray, prepared.dpi, words))
    {
        page.lines.clear();
        appendLines(page, words, 0, 0);
    }
}

bool LocalDocumentReader::readDroppedSex(const cv::Mat& gray, int dpi, OcrResult& result)
{
    // A card's sex is one letter, which Tesseract's sparse reading often drops as a speck. Where a SEX
    // label was read, the places its value is printed (right of it, under it) are read as lines of their own.
    std::vector<OcrWord> found;
    int nextLine = 0;
    for (const OcrWord& word : result.words)
        nextLine = std::max(nextLine, word.line + 1);
    for (const OcrWord& word : result.words)
    {
        const std::string key = text::alnumKey(word.text);
        if (key.size() < 3 || key.size() > 5 || key.compare(key.size() - 3, 3, "SEX") != 0)
            continue;
        const Region& b = word.box;
        const int h = std::max(8, b.height);
        const cv::Rect page(0, 0, gray.cols, gray.rows);
        const cv::Rect places[] = {
            cv::Rect(b.x + b.width, b.y - h, 5 * h, 3 * h) & page,          // to the right
            cv::Rect(b.x - h, b.y + b.height, b.width + 3 * h, 3 * h) & page, // below
        };
        for (const cv::Rect& place : places)
        {
            if (place.width < 8 || place.height < 8)
                continue;
            // Enlarged twice: alone in a small picture, a letter at card size is taken for a speck.
            cv::Mat larger;
            cv::resize(gray(place), larger, cv::Size(), 2.0, 2.0, cv::INTER_CUBIC);
            OcrResult value = _ocr.recognize(viewOf(larger), TextLayout::SingleLine, 2 * dpi);
            if (value.words.empty())
                continue;
            OcrWord first = value.words.front();
            first.box = Region{first.box.page, first.box.x / 2, first.box.y / 2, first.box.width / 2,
                               first.box.height / 2};
            std::string letter = text::alnumKey(first.text);
            std::erase_if(letter, [](char c) { return c >= '0' && c <= '9'; });
            if (letter != "M" && letter != "F" && letter != "X")
                continue;
            first.box.x += place.x;
            first.box.y += place.y;
            first.line = nextLine++;
            found.push_back(std::move(first));
            break;
        }
    }
    if (found.empty())
        return false;
    result.words.insert(result.words.end(), found.begin(), found.end());
    return true;
}

std::optional<Extraction> LocalDocumentReader::readPage(const PreparedPage& prepared, int index,
                                                        std::vector<TextPage>& textPages, std::chrono::sys_days today,
                                                        PageProgress* progress)
{
    const cv::Mat& binary = prepared.binary;
    bool landscape = binary.cols > binary.rows;

    TextPage page;
    page.page = index;
    page.width = binary.cols;
    page.height = binary.rows;
    if (landscape)
    {
        // The MRZ read (a whitelisted block over the bottom third) is cheap on a passport page and costly on a
        // band of noise: it runs first when the page has a TD3 page's shape (125 x 88 mm, 1.42; a card is
        // 1.59), otherwise only when the page's own text shows fillers or reads as a passport.
        auto tryMrz = [&]() {
            std::optional<Extraction> e = readMrzBand(binary, prepared.dpi, index, today, 1);
            if (e)
                addVisualZone(*e, prepared.gray, prepared.dpi, index, today);
            return e;
        };
        double aspect = static_cast<double>(binary.cols) / binary.rows;
        bool passportShaped = prepared.format == "passport page" || (aspect > 1.36 && aspect < 1.49);
        if (passportShaped)
        {
            if (std::optional<Extraction> e = tryMrz())
                return e;
        }
        // A card (or a passport whose MRZ did not read) whole: its visual zone.
        OcrResult whole = _ocr.recognize(viewOf(prepared.gray), TextLayout::Sparse, prepared.dpi);
        appendLines(page, whole, 0, 0);
        secondLook(prepared, whole, page, today);
        bool mrzLikely = whole.text.find("<<") != std::string::npos || whole.text.find("P<") != std::string::npos ||
                         parseTextDocument({page}, FieldSource::Ocr, today).documentType == "passport";
        if (mrzLikely && !passportShaped)
        {
            if (std::optional<Extraction> e = tryMrz())
                return e;
        }
        textPages.push_back(page);
        return std::nullopt;
    }

    // A page, in bands from the top, each read only when those above did not give the document's fields
    // (a statement's name, address, date and issuer are usually in its top third). Bands end in a blank
    // row of the page, so no line of text is cut in two.
    const double* limits = bandLimits();
    int top = 0;
    int firstBottom = binary.rows;
    OcrResult words; // every band's words, on the page
    int lines = 0;
    for (int band = 0; top < binary.rows; ++band)
    {
        int bottom = binary.rows;
        if (limits[band] < 1.0)
            bottom = blankRowNear(binary, static_cast<int>(binary.rows * limits[band]), top);
        if (band == 0)
            firstBottom = bottom;
        OcrResult part;
        if (band == 0 && progress != nullptr && progress->top)
            part = *progress->top;
        else
            part = _ocr.recognize(viewOf(prepared.gray(cv::Rect(0, top, binary.cols, bottom - top))),
                                  TextLayout::Auto, prepared.dpi);
        if (band == 0 && progress != nullptr)
            progress->top = part;
        appendLines(page, part, 0, top);
        int last = -1;
        for (OcrWord& word : part.words)
        {
            last = std::max(last, word.line);
            word.box.y += top;
            word.line += lines;
            words.words.push_back(std::move(word));
        }
        lines += last + 1;
        top = bottom;
        if (top >= binary.rows)
            break;
        std::vector<TextPage> soFar = textPages;
        soFar.push_back(page);
        if (answered(parseFromFirstDocumentPage(soFar, today)))
            break;
        if (band == 0 && progress != nullptr && progress->stopWhenTopIsNoise && !readsAsDocument(page) &&
            !readConfidently(page))
        {
            progress->stopped = true;
            textPages.push_back(page);
            return std::nullopt;
        }
    }
    // A statement whose recipient was not found: Tesseract's page layout can run two columns whose lines
    // do not line up into one ("2026-09-20 - 2026-10-20 re N UNION RD"). The top band is read again as
    // scattered text, whose lines keep to their columns, and that reading is kept when it gives more.
    if (std::optional<TextPage> sparse = rereadTopSparsely(prepared, page, firstBottom, textPages, today))
    {
        page = std::move(*sparse);
        textPages.push_back(page);
        return std::nullopt;
    }
    // A page of no kind (a fax cover, a card copied onto a page whose small title was lost), or a card in
    // doubt.
    secondLook(prepared, words, page, today);
    // A passport copied onto a page (a fax, a flatbed scan of the booklet): where OCR saw MRZ-like lines,
    // they are read again as an MRZ, and the page's printed fields become its visual zone.
    if (std::optional<cv::Rect> zone = mrzLinesOn(page, binary.size()))
    {
        if (std::optional<Extraction> e = readMrzRegion(binary, *zone, prepared.dpi, index, today, 1))
        {
            mergeVisualZone(*e, parseTextDocument({page}, FieldSource::Ocr, today));
            return e;
        }
    }
    textPages.push_back(page);
    return std::nullopt;
}

} // namespace proofdesk
