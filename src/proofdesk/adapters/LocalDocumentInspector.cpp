#include "proofdesk/adapters/LocalDocumentInspector.h"

#include "proofdesk/adapters/ImageHeaderReader.h"
#include "proofdesk/domain/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>
#include <memory>
#include <mutex>
#include <vector>

namespace proofdesk
{

namespace
{

constexpr std::string_view jpegType = "image/jpeg";
constexpr std::string_view pngType = "image/png";
constexpr std::string_view tiffType = "image/tiff";
constexpr std::string_view pdfType = "application/pdf";

[[noreturn]] void invalid(const std::string& message)
{
    throw Error(ErrorCode::InvalidInput, message);
}

bool isAccepted(std::string_view mediaType)
{
    return mediaType == jpegType || mediaType == pngType || mediaType == tiffType || mediaType == pdfType;
}

std::string pagesText(std::size_t count)
{
    return std::to_string(count) + (count == 1 ? " page" : " pages");
}

void checkPageIndex(int page, std::size_t count)
{
    if (page < 0 || static_cast<std::size_t>(page) >= count)
        invalid("page index " + std::to_string(page) + " does not exist: the document has " +
                pagesText(count) + " (indices 0 to " + std::to_string(count - 1) + ")");
}

// ---- poppler

// poppler reports through one process-wide function. Ours writes nothing (hostile files would flood the
// log) but keeps the first message of the current thread's operation to explain a failure; poppler calls it
// synchronously on the thread that does the work, so a thread_local is enough.
thread_local std::string popplerFirstError;

void collectPopplerError(const std::string& message, void*)
{
    try
    {
        if (popplerFirstError.empty())
            popplerFirstError = message.substr(0, 200);
    }
    catch (...)
    {
        // Out of memory while noting a diagnostic: the diagnostic is dropped, poppler goes on.
    }
}

void installQuietPopplerErrors()
{
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(collectPopplerError, nullptr); });
}

std::string popplerDetail()
{
    return popplerFirstError.empty() ? std::string() : " (poppler: " + popplerFirstError + ")";
}

std::unique_ptr<poppler::document> openPdf(std::string_view bytes)
{
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        invalid("PDF is too large to open");
    popplerFirstError.clear();
    // load_from_raw_data does not copy: `bytes` outlives the document, which lives only in this call chain.
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document)
        invalid("PDF cannot be opened: it is damaged or not a PDF" + popplerDetail());
    if (document->is_locked())
        invalid("PDF is encrypted and needs a password; it must be sent without a password");
    return document;
}

int checkedPageCount(const poppler::document& document, int maxPages)
{
    const int pages = document.pages();
    if (pages <= 0)
        invalid("PDF has no pages" + popplerDetail());
    if (pages > maxPages)
        invalid("PDF has " + std::to_string(pages) + " pages; the limit is " + std::to_string(maxPages));
    return pages;
}

cv::Mat popplerImageToBgr(const poppler::image& image)
{
    const int width = image.width();
    const int height = image.height();
    const int stride = image.bytes_per_row();
    int bytesPerPixel = 0;
    int type = 0;
    switch (image.format())
    {
    case poppler::image::format_argb32:
        bytesPerPixel = 4;
        type = CV_8UC4;
        break;
    case poppler::image::format_rgb24:
    case poppler::image::format_bgr24:
        bytesPerPixel = 3;
        type = CV_8UC3;
        break;
    case poppler::image::format_gray8:
        bytesPerPixel = 1;
        type = CV_8UC1;
        break;
    default:
        throw Error(ErrorCode::Internal, "poppler rendered an image in an unexpected pixel format");
    }
    if (width <= 0 || height <= 0 || image.const_data() == nullptr || stride < width * bytesPerPixel)
        throw Error(ErrorCode::Internal, "poppler rendered an image with an inconsistent layout");
    // A header over poppler's buffer, honouring its row stride; every branch below copies out of it.
    const cv::Mat view(height, width, type, const_cast<char*>(image.const_data()),
                       static_cast<std::size_t>(stride));
    cv::Mat bgr;
    switch (image.format())
    {
    case poppler::image::format_argb32:
        // ARGB32 is one native-endian 32-bit word per pixel: bytes B,G,R,A on little-endian machines.
        if constexpr (std::endian::native == std::endian::little)
        {
            cv::cvtColor(view, bgr, cv::COLOR_BGRA2BGR);
        }
        else
        {
            bgr.create(height, width, CV_8UC3);
            const int fromTo[] = {3, 0, 2, 1, 1, 2}; // A,R,G,B -> B,G,R
            cv::mixChannels(&view, 1, &bgr, 1, fromTo, 3);
        }
        break;
    case poppler::image::format_rgb24:
        cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
        break;
    default:
        bgr = view.clone();
        break;
    }
    return bgr;
}

// ---- OpenCV

cv::Mat decodeImage(std::string_view bytes, int flags, const std::string& what)
{
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        invalid(what + " is too large to decode");
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
    cv::Mat image;
    try
    {
        image = cv::imdecode(buffer, flags);
    }
    catch (const cv::Exception& e)
    {
        invalid(what + " cannot be decoded: " + e.err);
    }
    if (image.empty())
        invalid(what + " cannot be decoded: the data is damaged or uses an unsupported variant");
    return image;
}

cv::Mat toEightBit(const cv::Mat& image)
{
    cv::Mat result;
    switch (image.depth())
    {
    case CV_8U:
        return image;
    case CV_16U:
        image.convertTo(result, CV_8U, 1.0 / 257.0);
        return result;
    default:
    {
        // Signed or floating-point samples have no fixed white point: stretch their range for display.
        cv::Mat wide;
        image.convertTo(wide, CV_64F);
        cv::patchNaNs(wide, 0.0);
        cv::normalize(wide, result, 0, 255, cv::NORM_MINMAX, CV_8U);
        return result;
    }
    }
}

// Composites an 8-bit image with alpha over white paper, as a browser would show it on a white page.
cv::Mat flattenAlpha(const cv::Mat& image)
{
    const int channels = image.channels();
    if (channels == 1 || channels == 3)
        return image;
    if (channels != 2 && channels != 4)
        invalid("image has " + std::to_string(channels) + " channels per pixel, which cannot be shown");
    const int colors = channels - 1;
    cv::Mat result(image.rows, image.cols, CV_8UC(colors));
    for (int y = 0; y < image.rows; ++y)
    {
        const std::uint8_t* in = image.ptr<std::uint8_t>(y);
        std::uint8_t* out = result.ptr<std::uint8_t>(y);
        for (int x = 0; x < image.cols; ++x, in += channels, out += colors)
        {
            const unsigned alpha = in[colors];
            for (int c = 0; c < colors; ++c)
                out[c] = static_cast<std::uint8_t>((in[c] * alpha + 255u * (255u - alpha) + 127u) / 255u);
        }
    }
    return result;
}

// Scales to at most maxWidth wide and maxPixels in area, never enlarging, after stretching the height by
// verticalRatio (non-square fax pixels).
cv::Mat fitToLimits(const cv::Mat& image, double verticalRatio, const InspectionLimits& limits)
{
    const double width = image.cols;
    const double height = image.rows * verticalRatio;
    double scale = std::min(1.0, limits.maxRenderWidth / width);
    const double maxPixels = static_cast<double>(limits.maxPixels);
    bool pixelLimited = false;
    if (width * scale * height * scale > maxPixels)
    {
        scale = std::sqrt(maxPixels / (width * height));
        pixelLimited = true;
    }
    // Rounding to the nearest pixel could step over the area limit, so round down when it is the binding one.
    const auto toPixels = [pixelLimited](double value)
    { return std::max(1, static_cast<int>(pixelLimited ? std::floor(value) : std::round(value))); };
    const int newWidth = std::min(toPixels(width * scale), limits.maxRenderWidth);
    const int newHeight = toPixels(height * scale);
    if (newWidth == image.cols && newHeight == image.rows)
        return image;
    const bool shrinking = newWidth <= image.cols && newHeight <= image.rows;
    cv::Mat result;
    cv::resize(image, result, cv::Size(newWidth, newHeight), 0, 0,
               shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    return result;
}

std::string encodePng(const cv::Mat& image)
{
    std::vector<std::uint8_t> encoded;
    try
    {
        if (!cv::imencode(".png", image, encoded, {cv::IMWRITE_PNG_COMPRESSION, 3}))
            throw Error(ErrorCode::Internal, "OpenCV could not encode the preview as PNG");
    }
    catch (const cv::Exception& e)
    {
        throw Error(ErrorCode::Internal, std::string("OpenCV could not encode the preview as PNG: ") + e.err);
    }
    return std::string(encoded.begin(), encoded.end());
}

// Fax machines scan 204 dpi across and 98 or 196 lines per inch down; without this the page looks squashed.
double verticalStretch(const ImageFrameHeader& frame)
{
    if (!(frame.xResolution > 0) || !(frame.yResolution > 0))
        return 1.0;
    const double ratio = frame.xResolution / frame.yResolution;
    if (ratio < 0.2 || ratio > 5.0 || std::abs(ratio - 1.0) < 0.01)
        return 1.0;
    return ratio;
}

} // namespace

LocalDocumentInspector::LocalDocumentInspector(InspectionLimits limits) : _limits(limits)
{
    if (_limits.maxPixels == 0 || _limits.maxPages <= 0 || _limits.maxRenderWidth <= 0)
        throw Error(ErrorCode::Configuration,
                    "document inspection limits must be positive (maxPixels, maxPages, maxRenderWidth)");
    // Without a rasteriser every PDF preview would fail as if the applicant's file were broken.
    if (!poppler::page_renderer::can_render())
        throw Error(ErrorCode::Configuration,
                    "poppler was built without a renderer; PDF pages cannot be shown");
    installQuietPopplerErrors();
}

void LocalDocumentInspector::checkPixels(std::uint64_t width, std::uint64_t height,
                                         const std::string& subject) const
{
    // Compared by division so that absurd declared sizes cannot overflow the product.
    if (width != 0 && height > _limits.maxPixels / width)
        invalid(subject + " " + std::to_string(width) + " x " + std::to_string(height) +
                " pixels; the limit is " + std::to_string(_limits.maxPixels) + " pixels");
}

void LocalDocumentInspector::checkTiffPage(const ImageFrameHeader& frame, std::size_t index) const
{
    const std::string page = "TIFF page " + std::to_string(index + 1);
    checkPixels(frame.width, frame.height, page + " is");
    // A tiny page may declare huge tiles, and decoders allocate a whole tile at a time.
    if (frame.tileWidth != 0 || frame.tileHeight != 0)
        checkPixels(frame.tileWidth, frame.tileHeight, page + " uses tiles of");
}

DocumentFormat LocalDocumentInspector::inspect(std::string_view bytes)
{
    DocumentFormat format;
    format.mediaType = _sniffer.mediaType(bytes);
    if (format.mediaType == jpegType)
    {
        const ImageFrameHeader header = ImageHeaderReader::readJpeg(bytes);
        checkPixels(header.width, header.height, "image is");
        ImageHeaderReader::checkJpegComplete(bytes);
        format.pages = 1;
    }
    else if (format.mediaType == pngType)
    {
        const ImageFrameHeader header = ImageHeaderReader::readPng(bytes);
        checkPixels(header.width, header.height, "image is");
        ImageHeaderReader::checkPngComplete(bytes);
        format.pages = 1;
    }
    else if (format.mediaType == tiffType)
    {
        const std::vector<ImageFrameHeader> frames = ImageHeaderReader::readTiff(bytes, _limits.maxPages);
        for (std::size_t i = 0; i < frames.size(); ++i)
            checkTiffPage(frames[i], i);
        format.pages = static_cast<int>(frames.size());
    }
    else if (format.mediaType == pdfType)
    {
        const std::unique_ptr<poppler::document> document = openPdf(bytes);
        format.pages = checkedPageCount(*document, _limits.maxPages);
    }
    else
    {
        return format;
    }
    format.accepted = true;
    return format;
}

std::string LocalDocumentInspector::renderPng(std::string_view bytes, int page)
{
    const std::string mediaType = _sniffer.mediaType(bytes);
    if (!isAccepted(mediaType))
        invalid("cannot show a document of type " + mediaType +
                "; accepted types are JPEG, PNG, TIFF and PDF");
    if (mediaType == pdfType)
        return renderPdf(bytes, page);
    return renderImage(bytes, mediaType, page);
}

LocalDocumentInspector::DecodedPage LocalDocumentInspector::decodeImagePage(std::string_view bytes,
                                                                        const std::string& mediaType, int page) const
{
    ImageFrameHeader frame;
    std::string firstPageCopy;
    std::string_view source = bytes;
    int flags = cv::IMREAD_UNCHANGED; // keeps alpha and 16-bit samples, which are then flattened for display
    double stretch = 1.0;
    if (mediaType == jpegType)
    {
        frame = ImageHeaderReader::readJpeg(bytes);
        checkPixels(frame.width, frame.height, "image is");
        ImageHeaderReader::checkJpegComplete(bytes);
        checkPageIndex(page, 1);
        // JPEG has no alpha; ANYCOLOR keeps grey as grey, converts YCbCr and CMYK to BGR, and (unlike
        // UNCHANGED) applies the EXIF orientation that phone photos rely on.
        flags = cv::IMREAD_ANYCOLOR;
    }
    else if (mediaType == pngType)
    {
        frame = ImageHeaderReader::readPng(bytes);
        checkPixels(frame.width, frame.height, "image is");
        ImageHeaderReader::checkPngComplete(bytes);
        checkPageIndex(page, 1);
    }
    else
    {
        const std::vector<ImageFrameHeader> frames = ImageHeaderReader::readTiff(bytes, _limits.maxPages);
        checkPageIndex(page, frames.size());
        frame = frames[static_cast<std::size_t>(page)];
        checkTiffPage(frame, static_cast<std::size_t>(page));
        // OpenCV 4.6 decodes only the first page from memory (imreadmulti needs a file), so hand it a copy
        // whose header points at the wanted page.
        if (page != 0)
        {
            firstPageCopy = ImageHeaderReader::tiffStartingAt(bytes, frame);
            source = firstPageCopy;
        }
        stretch = verticalStretch(frame);
    }
    (void)stretch;
    const std::string what = mediaType == tiffType ? "TIFF page " + std::to_string(page + 1) : "image";
    const cv::Mat decoded = decodeImage(source, flags, what);
    DecodedPage out;
    out.image = flattenAlpha(toEightBit(decoded));
    out.xDpi = frame.xResolution;
    out.yDpi = frame.yResolution;
    return out;
}

std::string LocalDocumentInspector::renderImage(std::string_view bytes, const std::string& mediaType,
                                                int page) const
{
    DecodedPage decoded = decodeImagePage(bytes, mediaType, page);
    double stretch = 1.0;
    if (mediaType == tiffType)
    {
        const std::vector<ImageFrameHeader> frames = ImageHeaderReader::readTiff(bytes, _limits.maxPages);
        stretch = verticalStretch(frames[static_cast<std::size_t>(page)]);
    }
    return encodePng(fitToLimits(decoded.image, stretch, _limits));
}



cv::Mat LocalDocumentInspector::renderPdfPage(std::string_view bytes, int page, double maxDpi, int maxWidth) const
{
    const std::unique_ptr<poppler::document> document = openPdf(bytes);
    const int pages = checkedPageCount(*document, _limits.maxPages);
    checkPageIndex(page, static_cast<std::size_t>(pages));
    const std::string what = "PDF page " + std::to_string(page + 1);
    const std::unique_ptr<poppler::page> pdfPage(document->create_page(page));
    if (!pdfPage)
        invalid(what + " cannot be read" + popplerDetail());

    // The renderer shows the crop box turned by the page's /Rotate, so measure it the same way.
    const poppler::rectf box = pdfPage->page_rect(poppler::crop_box);
    double widthPt = box.width();
    double heightPt = box.height();
    const poppler::page::orientation_enum orientation = pdfPage->orientation();
    if (orientation == poppler::page::landscape || orientation == poppler::page::seascape)
        std::swap(widthPt, heightPt);
    if (!std::isfinite(widthPt) || !std::isfinite(heightPt) || widthPt <= 0 || heightPt <= 0)
        invalid(what + " has an invalid size");

    // PDF sizes are in points (1/72 inch): choose the resolution that meets both the width and area limits.
    const double widthDpi = 72.0 * maxWidth / widthPt;
    const double areaDpi = 72.0 * std::sqrt(static_cast<double>(_limits.maxPixels) / (widthPt * heightPt));
    const double dpi = std::min({widthDpi, areaDpi, maxDpi});
    if (heightPt * dpi / 72.0 < 1.0 || widthPt * dpi / 72.0 < 1.0)
        invalid(what + " is too narrow to show (" + std::to_string(widthPt) + " x " +
                std::to_string(heightPt) + " points)");

    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_argb32);
    popplerFirstError.clear();
    const poppler::image image = renderer.render_page(pdfPage.get(), dpi, dpi);
    if (!image.is_valid())
        invalid(what + " cannot be rendered" + popplerDetail());
    return popplerImageToBgr(image);
}

std::string LocalDocumentInspector::renderPdf(std::string_view bytes, int page) const
{
    // Rounding inside the renderer may add a pixel; fitToLimits takes it off again.
    return encodePng(fitToLimits(renderPdfPage(bytes, page, 1e9, _limits.maxRenderWidth), 1.0, _limits));
}

LocalDocumentInspector::DecodedPage LocalDocumentInspector::decodePage(std::string_view bytes, int page,
                                                                      int pdfDpi) const
{
    const std::string mediaType = _sniffer.mediaType(bytes);
    if (!isAccepted(mediaType))
        invalid("cannot read a document of type " + mediaType + "; accepted types are JPEG, PNG, TIFF and PDF");
    if (mediaType != pdfType)
        return decodeImagePage(bytes, mediaType, page);
    // Reading wants the page at pdfDpi, bounded by the pixel limit only (not by the display width).
    DecodedPage out;
    out.image = renderPdfPage(bytes, page, pdfDpi, 1 << 20);
    out.xDpi = out.yDpi = pdfDpi;
    return out;
}

} // namespace proofdesk
