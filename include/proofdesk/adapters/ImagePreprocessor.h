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
    Unknown,  // decide from the shape: ID-1 card, TD3 passport page, letter or A4 page
    Card,     // an ID-1 card (85.6 x 54 mm): driver's licence, state ID
    Passport, // a TD3 passport data page (125 x 88 mm)
    Page      // a letter or A4 page (statement, bill, pay slip)
};

/// An image made ready for OCR. All images share one geometry (`gray.size() == binary.size()`).
struct PreparedPage
{
    cv::Mat gray;           // upright, deskewed, flattened, illumination-normalised 8-bit grey (CV_8UC1)
    cv::Mat binary;         // the same, binarised for OCR: text 0, background 255 (CV_8UC1)
    int dpi = 300;          // resolution of gray and binary (nominal when the input's was unknown)
    cv::Mat toOriginal;     // 3x3 CV_64F homography from prepared pixels to the input image's pixels
    bool flattened = false; // a document was found against a background and its perspective corrected
    std::string format;     // the physical format it was sized to by its shape: "card", "passport page",
                            // "letter page", "A4 page"; empty when none (a scan with its dpi, an odd shape)
    double skewDegrees = 0; // skew found and removed, counter-clockwise positive as the input showed it
    int rotation = 0;       // clockwise quarter turns applied to make text upright: 0, 90, 180 or 270
    std::vector<std::string> steps; // what was done, in order, for logs and the case page

    /// Where a box of the prepared page lies in the input image: its corners TL, TR, BR, BL mapped
    /// through toOriginal (a general quadrilateral when the input was a photo).
    std::array<cv::Point2f, 4> originalQuad(const cv::Rect2f& box) const;
};

/// How ImagePreprocessor works; the defaults suit 300 dpi Tesseract.
struct ImagePreprocessorSettings
{
    int targetDpi = 300;                       // resolution of the prepared page (100 to 600)
    std::int64_t maxInputPixels = 150'000'000; // larger inputs are refused (Error TooLarge)
    std::int64_t maxOutputPixels = 24'000'000; // the prepared page is never larger
    double maxUpscale = 4.0;                   // small inputs are enlarged at most this much
    int minDpi = 200;                          // a page whose own resolution is lower than targetDpi is read at
                                               // that resolution, but not below this (enlarging adds no detail
                                               // and multiplies the OCR time; under 200 dpi Tesseract needs it)
    float minOrientationConfidence = 0.6f;     // below it the engine's orientation is not applied
};

/// Image clean-up before OCR, on OpenCV (core, imgproc): finds a card or page photographed against a
/// background and flattens it, resamples fax pixels to square, brings the page to `targetDpi`, evens out
/// shadows and uneven light, removes skew and quarter turns, and binarises.
///
/// The steps of prepare(), in order:
/// 1. Grey conversion (BGR, BGRA composited over white, 16-bit reduced). Bilevel input (only 0 and 255,
///    a fax) stays bilevel throughout: resampling is followed by a threshold at 128 so strokes stay crisp,
///    and no illumination or noise step is applied.
/// 2. Document detection (findDocument; not for bilevel input, nor for paper to the edges, nor for a scan
///    whose declared resolution makes it a whole letter or A4 page within 3 %). A found document is warped
///    straight from the input pixels to its physical size at targetDpi: ID-1 card (85.6 x 54 mm) 1011 x 638,
///    TD3 passport page 1476 x 1039, letter 2550 x 3300, A4 (Page hint only) 2480 x 3508 at 300 dpi. Its
///    shape is measured with the camera's perspective removed (focal length recovered from the
///    quadrilateral by Zhang and He's whiteboard method, used when it is a phone camera's: 0.5 to 2.5 image
///    widths), else from its side lengths, and matched to those formats within 12 %; a passport page is
///    taken to lie landscape and a page to stand up (5 % handicap otherwise), and when a passport page and
///    a page fit within 8 points of each other the one giving the text its format's usual height decides.
///    When none matches, the measured shape is kept and the text height sets the scale (below). Cards and
///    passports come out landscape, pages portrait; `format` says which.
/// 3. Resolution: without a document, the input is resampled from (xDpi, yDpi) to targetDpi in one step
///    (a 204 x 98 or 204 x 196 fax thereby gets square pixels). A resolution is trusted when both values
///    are 50 to 1200, the larger at least 100 and their ratio at most 5; 72 and 96 dpi (what cameras and
///    screenshots write) are not. Without a trusted resolution, the median height of character-sized dark
///    components decides: outside 15 to 45 pixels it is brought to 24 (Tesseract reads best with capitals
///    of 20 to 30 pixels), by a factor of 1/3 to 3 at most; an image of the shape of an ID-1 card (within
///    2 %) is sized as one instead. Enlargement stops at maxUpscale and the result at maxOutputPixels
///    (the dpi reported is then lower).
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
/// 7. Which way up, when an OcrEngine was given. With text lines found in step 6, the densest band of text
///    (two or three lines, at most 1600 pixels wide) is recognised as it is and turned half round; the
///    reading better by 0.1 of mean word confidence wins (two small recognitions, about 0.1 s). Otherwise,
///    or when the two readings are that close, orientation() (Tesseract's OSD) decides (90/180/270, or only
///    180 when the lines were found) and is applied from minOrientationConfidence up. OSD alone is not
///    trusted with the way up: on the synthetic phone photos it took 7 of 8 upright passport pages (the
///    machine-readable zone's chevrons) and about 1 card in 4 for upside down, while reading both ways
///    settled 94 of 100 bands and erred on none. Without an engine an upside-down page stays upside down:
///    text lines look the same both ways up. An engine failure (Error) is noted in `steps` and the page is
///    left as it is.
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
    /// `orientation` (not owned, may be null) tells which way up a page is (prepare() step 7: recognize() on
    /// a band of text, orientation()); it must outlive this object. Throws Error(Configuration) when a
    /// setting is out of range.
    explicit ImagePreprocessor(OcrEngine* orientation = nullptr, ImagePreprocessorSettings settings = {});

    /// Prepares `image` (CV_8U or CV_16U, 1, 3 (BGR) or 4 (BGRA) channels) taken at `xDpi` x `yDpi` (0 when
    /// unknown) for OCR. Throws Error(InvalidInput) for an empty image, one smaller than 16 pixels on a
    /// side or of another pixel type, Error(TooLarge) beyond maxInputPixels or when memory runs out,
    /// Error(Internal) when OpenCV fails. Never throws for the content itself: a blank or black image comes
    /// back prepared, with nothing found.
    PreparedPage prepare(const cv::Mat& image, double xDpi = 0, double yDpi = 0,
                         DocumentHint hint = DocumentHint::Unknown) const;

    /// Finds a card (ID-1), passport page or page (letter, A4) photographed or scanned against a
    /// background, on a copy at most 1000 pixels a side:
    /// - candidates: convex hulls of edge outlines (Canny on colour at two blur levels and three
    ///   thresholds, single outlines and pairs of large ones, for a card cut in two by a band the colour of
    ///   the surface) reduced to quadrilaterals, their sides fitted to the strongest colour gradient
    ///   nearby; else bright or dark blobs not touching the border (their minimum-area rectangle when
    ///   they are no quadrilateral); each side must run along edges (60 % of it, 70 % to be chosen);
    /// - the largest wins, discounted by its missing outline (area x support^4), provided that at most one
    ///   side lies against the image's border, that all four sides separate different colours (median
    ///   colour inside and outside differ by 10 levels: a box ruled on a page does not), that its shape
    ///   is within 15 % of a format, and, below a quarter of the image, that it is clearly outlined (85 %),
    ///   landscape and card- or passport-shaped within 8 % (an ID on a flatbed scan; not with the Page hint);
    /// - a side is moved out onto a fainter outline a few pixels beyond, and a card too long for its
    ///   height is completed across the side whose strip holds print (a band the colour of the surface),
    ///   up to the band's faint far edge;
    /// - corners are refined on the input's own gradient, a line fitted to each side, so rounded corners
    ///   give the rectangle's corner.
    /// Returns the corners in input pixels, ordered TL, TR, BR, BL as the image shows them, or nothing when
    /// no document stands out or the document fills the frame (a scan: a clear outline covering 80 % or
    /// more with its corners near the image's). Measured on 80 synthetic phone photos (samples/generate.py
    /// hard): 73 of the 74 documents wholly inside the frame found, median corner error 1.1 pixels,
    /// 98 % within 6. Same input types as prepare(); throws as prepare() does for invalid input.
    std::optional<std::array<cv::Point2f, 4>> findDocument(const cv::Mat& image,
                                                           DocumentHint hint = DocumentHint::Unknown) const;

private:
    OcrEngine* _orientation;
    ImagePreprocessorSettings _settings;
};

} // namespace proofdesk
