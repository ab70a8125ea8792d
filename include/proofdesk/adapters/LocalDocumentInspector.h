#pragma once

#include "proofdesk/adapters/MagicSniffer.h"
#include "proofdesk/ports/DocumentInspector.h"

#include <opencv2/core.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace proofdesk
{

struct ImageFrameHeader;

/// DocumentInspector on local libraries: libmagic decides the type from the content, OpenCV decodes
/// JPEG, PNG and TIFF (every page of a multi-page TIFF, CCITT G3/G4 fax pages included), poppler reads
/// and renders PDF. Previews are PNG, at most `maxRenderWidth` wide and `maxPixels` in area.
///
/// Decompression bombs: the size an image declares is read from its own header (PNG IHDR, JPEG SOFn,
/// TIFF directories) and refused when width x height exceeds `maxPixels`, before any decoder allocates
/// pixels. OpenCV has its own guard (OPENCV_IO_MAX_IMAGE_PIXELS, default 2^30), but OpenCV 4.6 reads that
/// variable once, while its library is being loaded — before main() — so setting it from here would have
/// no effect (and setenv is unsafe once threads run). It is therefore a second line only: operators may
/// export it in the service's environment; the header checks here do not depend on it.
///
/// inspect() checks structure without decoding pixels: PNG chunks and their CRCs up to IEND, a JPEG frame
/// header and end-of-image marker, the TIFF directory chain, that poppler opens the PDF unlocked.
/// Previews are never enlarged except for the fax stretch below; alpha is composited over white, 16-bit
/// and floating-point samples are reduced to 8 bits, CMYK JPEG is converted, EXIF orientation is applied.
///
/// Fax pages: a TIFF whose XResolution and YResolution differ (204 x 196 or 204 x 98 dpi) is stretched
/// vertically by XResolution / YResolution so the page keeps its shape on screen; ratios beyond 1:5 are
/// taken for broken metadata and ignored. The TIFF Orientation tag is not applied (JPEG EXIF orientation is).
///
/// Thread-safe: no mutable state is shared between calls except the libmagic handle pool (locked) and
/// poppler's process-wide quiet error handler, installed once. Each call opens its own poppler document.
class LocalDocumentInspector : public DocumentInspector
{
public:
    /// Checks the limits (each must be positive, else Error(Configuration)) and that poppler can render
    /// (else Error(Configuration)), loads libmagic's database (Error(Internal) when it cannot) and silences
    /// poppler's error output for the whole process.
    explicit LocalDocumentInspector(InspectionLimits limits = {});

    /// Sniffs the content and, for accepted types, counts pages and checks the limits.
    /// Throws Error(InvalidInput) naming the problem when the file is broken, too large in pixels or has
    /// too many pages; returns accepted=false (no throw) for a type that is simply not accepted.
    DocumentFormat inspect(std::string_view bytes) override;

    /// Renders page `page` (0-based) of an accepted document to PNG bytes, scaled to the width limit.
    /// Throws Error(InvalidInput) when the type is not accepted, the page does not exist or the file cannot
    /// be decoded.
    std::string renderPng(std::string_view bytes, int page) override;

    /// The limits this inspector applies.
    const InspectionLimits& limits() const noexcept { return _limits; }

    /// One page decoded for reading (not for display): 8-bit grey or BGR, alpha flattened over white, at the
    /// file's own resolution for images (xDpi/yDpi from the TIFF header, 0 when unknown; not stretched, the
    /// reader resamples) and rendered at `pdfDpi` (lowered to stay within the pixel limit) for PDFs.
    struct DecodedPage
    {
        cv::Mat image;
        double xDpi = 0;
        double yDpi = 0;
    };

    /// Decodes page `page` (0-based) of an accepted document, with the same limits as renderPng. Throws
    /// Error(InvalidInput) as renderPng does.
    DecodedPage decodePage(std::string_view bytes, int page, int pdfDpi) const;

private:
    DecodedPage decodeImagePage(std::string_view bytes, const std::string& mediaType, int page) const;
    cv::Mat renderPdfPage(std::string_view bytes, int page, double maxDpi, int maxWidth) const;
    void checkPixels(std::uint64_t width, std::uint64_t height, const std::string& subject) const;
    void checkTiffPage(const ImageFrameHeader& frame, std::size_t index) const;
    std::string renderImage(std::string_view bytes, const std::string& mediaType, int page) const;
    std::string renderPdf(std::string_view bytes, int page) const;

    InspectionLimits _limits;
    mutable MagicSniffer _sniffer;  // thread-safe inside (a pool of handles behind a mutex)
};

} // namespace proofdesk
