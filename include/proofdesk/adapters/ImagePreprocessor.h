#pragma once

#include "proofdesk/ports/OcrEngine.h"

#include <opencv2/core.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

/// What the caller already knows about the document in an image; it picks the physical size a photographed
/// document is flattened to when its shape alone is ambiguous (a TD3 passport page and an A4 sheet share an
/// aspect ratio).
enum class DocumentHint
{
    Unknown,   // decide from the shape: ID-1 card, TD3 passport page, letter or A4 page
    Card,      // an ID-1 card (85.6 x 54 mm): driver's licence, state ID
    Passport,  // a TD3 passport data page (125 x 88 mm)
    Page       // a letter or A4 page (statement, bill, pay slip)
};

/// An image made ready for OCR. All images share one geometry (`gray.size() == binary.size()`).
struct PreparedPage
{
    cv::Mat gray;            // upright, deskewed, flattened, illumination-normalised 8-bit grey (CV_8UC1)
    cv::Mat binary;          // the same, binarised for OCR: text 0, background 255 (CV_8UC1)
    int dpi = 300;           // resolution of gray and binary (nominal when the input's was unknown)
    cv::Mat toOriginal;      // 3x3 CV_64F homography from prepared pixels to the input image's pixels
    bool flattened = false;  // a document was found against a background and its perspective corrected
    std::string format;      // the physical format it was sized to by its shape: "card", "passport page",
                             // "letter page", "A4 page"; empty when none (a scan with its dpi, an odd shape)
    double skewDegrees = 0;  // skew found and removed, counter-clockwise positive as the input showed it
    int rotation = 0;        // clockwise quarter turns applied to make text upright: 0, 90, 180 or 270
    std::vector<std::string> steps;  // what was done, in order, for logs and the case page

    /// Where a box of the prepared page lies in the input image: its corners TL, TR, BR, BL mapped
    /// through toOriginal (a general quadrilateral when the input was a photo).
    std::array<cv::Point2f, 4> originalQuad(const cv::Rect2f& box) const;
};

/// How ImagePreprocessor works; the defaults suit 300 dpi Tesseract.
struct ImagePreprocessorSettings
{
    int targetDpi = 300;                            // resolution of the prepared page (100 to 600)
    std::int64_t maxInputPixels = 150'000'000;      // larger inputs are refused (Error TooLarge)
    std::int64_t maxOutputPixels = 24'000'000;      // the prepared page is never larger
    double maxUpscale = 4.0;                        // small inputs are enlarged at most this much
    float minOrientationConfidence = 0.6f;          // below it the engine's orientation is not applied
};

/// Image clean-up before OCR, on OpenCV (core, imgproc): finds a card or page photographed against a
/// background and flattens it, resamples fax pixels to square, brings the page to `targetDpi`, evens out
/// shadows and uneven light, removes skew and quarter turns, and binarises.
///
/// The steps of prepare(), in order:
/// 1. Grey conversion (BGR, BGRA composited over white, 16-bit reduced). Bilevel input (only 0 and 255,
///    a fax) stays bilevel throughout: resampling is followed by a threshold at 128 so strokes stay crisp,
///    and no illumination or noise step is applied.
/// 2. Document detection (findDocument). A found document is warped straight from the input pixels to
///    its physical size at targetDpi: ID-1 card 1012 x 638, TD3 passport page 1476 x 1039, letter
///    2550 x 3300, A4 2480 x 3508 at 300 dpi. Its aspect ratio is measured with the camera's perspective
///    removed (focal length estimated from the quadrilateral, Zhang and He's whiteboard method) and
///    matched to those formats within 12 %; when none matches, the measured shape is kept and the scale
///    comes from the text height (below). Cards and passports come out landscape, pages portrait.
/// 3. Resolution: without a document, the input is resampled from (xDpi, yDpi) to targetDpi in one step
///    (a 204 x 98 or 204 x 196 fax thereby gets square pixels). A resolution is trusted when both values
///    are 50 to 1200, the larger at least 100 and their ratio at most 5; 72 and 96 dpi (what cameras and
///    screenshots write) are not. Without a trusted resolution, the median height of character-sized dark
///    components decides: outside 15 to 45 pixels it is brought to 24 (Tesseract reads best with capitals
///    of 20 to 30 pixels). Enlargement stops at maxUpscale and the result at maxOutputPixels.
/// 4. Noise: a median filter (3x3) when the estimated noise sigma (Immerkaer's Laplacian difference, robust
///    median form) is 3 grey levels or more.
/// 5. Illumination: the page's background is estimated by a grey closing (a max then min filter over
///    about 1/8 inch, on a 1/8 scale copy) and smoothed; the page is divided by it, which turns shadows
///    and gradients into a flat white, then the darkest 0.5 % are stretched to black.
/// 6. Skew and quarter turns: the projection profile of character-sized components is scored (sum of
///    squared row counts) for angles within +-15 degrees (+-3 after flattening), coarse then fine, with
///    parabolic refinement; the same for the page turned 90 degrees. A page whose text lines run
///    vertically is turned 90 degrees clockwise (which of 90 or 270 cannot be told from lines alone),
///    a skew of 0.1 degrees or more is rotated away (the page keeps its size; uncovered corners are white).
/// 7. Orientation: when an OcrEngine was given, its orientation() (Tesseract OSD) decides 90/180/270 on
///    the deskewed page and is applied when its confidence reaches minOrientationConfidence. Without an
///    engine an upside-down page stays upside down: text lines look the same both ways up. An engine
///    failure (Error) is noted in `steps` and the page is left as it is.
/// 8. Binarisation: an adaptive mean threshold over about 1/10 inch (31 pixels at 300 dpi) with an offset
///    of 12 grey levels, on the illumination-normalised page, plus any pixel darker than 60 % of Otsu's
///    threshold (so that large dark strokes stay filled).
///
/// Memory: the grey copy of the input (one byte per pixel) and a few page-sized buffers; detection and
/// analysis run on copies of at most 1000-1400 pixels a side.
///
/// Threads: prepare() and findDocument() are const and keep no state, so one instance may serve several
/// threads at once provided the OcrEngine is thread-safe (the port promises it). Global OpenCV settings
/// are not touched here; the process is expected to have called cv::setNumThreads(1)
/// (ensureSingleThreadedOcr) so that parallel workers do not oversubscribe the cores, and the results do
/// not depend on it.
class ImagePreprocessor
{
public:
    /// `orientation` (not owned, may be null) detects 90/180/270 degree turns; it must outlive this object.
    /// Throws Error(Configuration) when a setting is out of range.
    explicit ImagePreprocessor(OcrEngine* orientation = nullptr, ImagePreprocessorSettings settings = {});

    /// Prepares `image` (CV_8U or CV_16U, 1, 3 (BGR) or 4 (BGRA) channels) taken at `xDpi` x `yDpi` (0 when
    /// unknown) for OCR. Throws Error(InvalidInput) for an empty image, one smaller than 16 pixels on a
    /// side or of another pixel type, Error(TooLarge) beyond maxInputPixels or when memory runs out,
    /// Error(Internal) when OpenCV fails. Never throws for the content itself: a blank or black image comes
    /// back prepared, with nothing found.
    PreparedPage prepare(const cv::Mat& image, double xDpi = 0, double yDpi = 0,
                         DocumentHint hint = DocumentHint::Unknown) const;

    /// Finds a card (ID-1, aspect 1.586), passport page or page (letter, A4) photographed against a
    /// background: the largest convex quadrilateral whose sides are supported by edges (Canny on a copy at
    /// most 1000 pixels a side), else the largest bright or dark blob not touching the border (its
    /// minimum-area rectangle when it is no quadrilateral), with corners refined on the input's own
    /// gradient by fitting a line to each side. Returns the corners in input pixels, ordered TL, TR, BR, BL
    /// as the image shows them, or nothing when no document stands out, when the document fills the frame
    /// (a scan: covering 80 % or more with its corners near the image's), or when a candidate covers less
    /// than a quarter of the image without a card's or passport page's shape. Same input types as
    /// prepare(); throws as prepare() does for invalid input.
    std::optional<std::array<cv::Point2f, 4>> findDocument(const cv::Mat& image,
                                                            DocumentHint hint = DocumentHint::Unknown) const;

private:
    OcrEngine* _orientation;
    ImagePreprocessorSettings _settings;
};

} // namespace proofdesk
