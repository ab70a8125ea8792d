#pragma once

#include "proofdesk/adapters/ImagePreprocessor.h"
#include "proofdesk/adapters/LocalDocumentInspector.h"
#include "proofdesk/adapters/Pdf417Reader.h"
#include "proofdesk/ports/Clock.h"
#include "proofdesk/domain/TextPage.h"
#include "proofdesk/ports/DocumentReader.h"
#include "proofdesk/ports/OcrEngine.h"

#include <optional>
#include <vector>

namespace proofdesk
{

/// How the reader works.
struct DocumentReaderSettings
{
    InspectionLimits limits;  // pixels and pages, as for display
    int dpi = 300;            // the resolution pages are read at
    int maxPagesRead = 4;     // pages of one file read at most (a statement's first pages carry its fields)
};

/// DocumentReader on the machine's own libraries, best source first (SPEC 4):
/// 1. the file's type and limits (LocalDocumentInspector), so a hostile file is refused before decoding;
/// 2. a born-digital PDF's text layer (poppler), read without any OCR;
/// 3. otherwise each page's pixels: the PDF417 barcode of a license or ID card back (zxing, AAMVA payload),
///    then the page made ready for OCR (ImagePreprocessor: found, flattened, deskewed, upright, even light),
///    a passport's MRZ (OCR of the bottom band, check digits verified), and only when neither answered,
///    OCR of the regions that matter: the top half of a page first, the rest only when the top did not
///    give the document's fields; a card whole.
/// Thread-safe: one instance serves every worker (the OCR engine leases its engines per call).
class LocalDocumentReader : public DocumentReader
{
public:
    LocalDocumentReader(OcrEngine& ocr, Clock& clock, DocumentReaderSettings settings = {});

    Extraction read(std::string_view bytes) override;

private:
    Extraction readPixels(std::string_view bytes, const DocumentFormat& format, std::chrono::sys_days today);
    /// How far a page's reading got, so it can stop at its top and go on later without reading that again.
    struct PageProgress
    {
        bool stopWhenTopIsNoise = false; // stop after the top band when it reads as no document, unconfidently
        bool stopped = false;            // it did: the top band alone is in textPages
        std::optional<OcrResult> top;    // the top band's OCR, once read
    };

    /// Reads one prepared page: the MRZ of a passport, else OCR of what matters. Returns the extraction when
    /// the page alone answered (MRZ), else appends its text to `textPages`. With `progress`, its top band is
    /// read once over several calls, and the reading may stop there (see PageProgress).
    std::optional<Extraction> readPage(const PreparedPage& prepared, int index, std::vector<TextPage>& textPages,
                                       std::chrono::sys_days today, PageProgress* progress = nullptr);

    /// A statement page whose recipient (name, street) was not found: its top band (down to `bandBottom`) read
    /// again as scattered text (Tesseract's page layout can run two columns into one line). Returns the page
    /// with that reading when it is the same kind and gives more fields, else nothing.
    std::optional<TextPage> rereadTopSparsely(const PreparedPage& prepared, const TextPage& page, int bandBottom,
                                              const std::vector<TextPage>& before, std::chrono::sys_days today);

    /// A second look at a reading in doubt (`words`, read from `prepared`, already in `page`): a card or page
    /// of no kind, a card whose kind is a close call or that lacks a field every card prints, has its doubtful
    /// words read again (rereadDoubtfulWords); a card without its sex, the places its label points to
    /// (readDroppedSex). `page` is rebuilt from `words` when they changed.
    void secondLook(const PreparedPage& prepared, OcrResult& words, TextPage& page, std::chrono::sys_days today);

    /// Reads again, each alone in its own box, the words of `result` (OCR of `gray`) that Tesseract read with
    /// little confidence, keeping a new reading only when it is clearly more confident. Returns whether any
    /// word changed.
    bool rereadDoubtfulWords(const cv::Mat& gray, int dpi, OcrResult& result);

    /// Where a card's SEX label was read but its one-letter value was not, reads the places the value is
    /// printed (right of the label, under it) and adds an M, F or X found there to `result`. Returns whether
    /// it added one.
    bool readDroppedSex(const cv::Mat& gray, int dpi, OcrResult& result);

    /// The MRZ in the bottom third of a passport page (black text on white), when it reads with at most
    /// `maxFailedChecks` failed check digits.
    std::optional<Extraction> readMrzBand(const cv::Mat& binary, int dpi, int index, std::chrono::sys_days today,
                                          std::size_t maxFailedChecks);

    /// The MRZ read from `region` of a black-on-white page, kept when at most `maxFailedChecks` check digits fail.
    std::optional<Extraction> readMrzRegion(const cv::Mat& binary, const cv::Rect& region, int dpi, int index,
                                            std::chrono::sys_days today, std::size_t maxFailedChecks);
    /// Keeps a passport's printed fields beside its MRZ ones (visualZone); takes the issue date (not in the MRZ)
    /// and the printed spelling of names that are the MRZ's letter for letter.
    void mergeVisualZone(Extraction& e, const Extraction& visual);
    /// A passport read from its MRZ: the printed page above it read too (Sparse OCR of the top two thirds),
    /// kept as `visualZone`, and the issue date (not in the MRZ) taken from it.
    void addVisualZone(Extraction& e, const cv::Mat& gray, int dpi, int index, std::chrono::sys_days today);

    OcrEngine& _ocr;
    Clock& _clock;
    DocumentReaderSettings _settings;
    LocalDocumentInspector _inspector;
    ImagePreprocessor _preprocessor;  // without orientation detection: most pages come upright
    ImagePreprocessor _uprighter;     // with Tesseract's orientation detection, for pages that read badly
    Pdf417Reader _barcodes;
};

} // namespace proofdesk
