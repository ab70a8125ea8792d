#include "proofdesk/adapters/PerceptualHash.h"

#include "proofdesk/domain/Error.h"

#include <opencv2/imgproc.hpp>

#include <cstdint>

namespace proofdesk
{

namespace
{

constexpr int PdfDpi = 72;

} // namespace

PerceptualHash::PerceptualHash(const LocalDocumentInspector& inspector) : _inspector(inspector)
{
}

std::string PerceptualHash::ofDocument(std::string_view bytes) const
{
    return ofImage(_inspector.decodePage(bytes, 0, PdfDpi).image);
}

std::string PerceptualHash::ofImage(const cv::Mat& image)
{
    if (image.empty())
        throw Error(ErrorCode::InvalidInput, "no image to hash");
    cv::Mat grey;
    if (image.channels() == 3)
        cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
    else if (image.channels() == 4)
        cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
    else
        grey = image;
    if (grey.depth() != CV_8U)
        grey.convertTo(grey, CV_8U);
    // Area averaging: every source pixel counts, so noise and JPEG blocks average out.
    cv::Mat small;
    cv::resize(grey, small, cv::Size(9, 8), 0, 0, cv::INTER_AREA);
    std::uint64_t bits = 0;
    for (int row = 0; row < 8; ++row)
        for (int column = 0; column < 8; ++column)
            bits = (bits << 1) | (small.at<unsigned char>(row, column) < small.at<unsigned char>(row, column + 1) ? 1u : 0u);
    static const char digits[] = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i)
    {
        hex[static_cast<std::size_t>(i)] = digits[bits & 0xF];
        bits >>= 4;
    }
    return hex;
}

} // namespace proofdesk
