#include "proofdesk/adapters/Pdf417Reader.h"

#include "proofdesk/domain/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <exception>
#include <utility>
#include <vector>

// zxing-cpp 1.4 returns Result::text() as UTF-8 only with this defined (std::wstring otherwise); it is the
// API of the releases after 1.4.
#define ZX_USE_UTF8 1
#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <ZXing/Result.h>

namespace proofdesk
{

namespace
{

using Quad = std::array<cv::Point2f, 4>;

// Images are searched for the symbol's outline at this size; the outline is then cut from the full image.
constexpr int LocateSide = 1000;

void checkView(const ImageView& image)
{
    if (image.data == nullptr || image.width <= 0 || image.height <= 0)
        throw Error(ErrorCode::InvalidInput, "PDF417 reader: empty image");
    if (image.channels != 1 && image.channels != 3 && image.channels != 4)
        throw Error(ErrorCode::InvalidInput,
                    "PDF417 reader: images have 1, 3 or 4 channels, not " + std::to_string(image.channels));
    if (static_cast<long long>(image.stride) < static_cast<long long>(image.width) * image.channels)
        throw Error(ErrorCode::InvalidInput, "PDF417 reader: row stride " + std::to_string(image.stride) +
                                                 " is shorter than a row of " + std::to_string(image.width) +
                                                 " pixels");
}

cv::Mat greyOf(const ImageView& image)
{
    // cv::Mat does not write through a borrowed buffer here; the const_cast only fits its constructor.
    cv::Mat borrowed(image.height, image.width, CV_8UC(image.channels), const_cast<std::uint8_t*>(image.data),
                     static_cast<std::size_t>(image.stride));
    if (image.channels == 1)
        return borrowed;
    cv::Mat grey;
    cv::cvtColor(borrowed, grey, image.channels == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);
    return grey;
}

// The symbol's content: raw bytes keep AAMVA's control characters and need no guess at a character set;
// only a declared ECI says the bytes are in some other one, and then zxing's UTF-8 rendering honours it.
std::optional<std::string> decode(const cv::Mat& grey, ZXing::Binarizer binarizer)
{
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::PDF417)
        .setTryHarder(true)
        .setTryRotate(true)
        .setBinarizer(binarizer);
    ZXing::ImageView view(grey.data, grey.cols, grey.rows, ZXing::ImageFormat::Lum,
                          static_cast<int>(grey.step));
    ZXing::Result result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid())
        return std::nullopt;
    if (result.hasECI())
        return result.text();
    const ZXing::ByteArray& bytes = result.bytes();
    return std::string(bytes.begin(), bytes.end());
}

// Dark bars on a light ground, then light on dark (zxing 1.4 looks for the former only). Light bars are
// looked for only in a mostly dark picture (a negative, a dark card): on a light card or page the second
// search cannot succeed and would double the time a front or a statement spends here.
std::optional<std::string> decodeEitherPolarity(const cv::Mat& grey, ZXing::Binarizer binarizer)
{
    if (std::optional<std::string> text = decode(grey, binarizer))
        return text;
    if (cv::mean(grey)[0] >= 128.0)
        return std::nullopt;
    cv::Mat negative = 255 - grey;
    return decode(negative, binarizer);
}

// The rotation (degrees, -45 to 45) of the image's dominant edges: a card's bars, text and border all
// share it, so undoing it makes the symbol's rows horizontal again (quarter turns are zxing's business).
double dominantSkew(const cv::Mat& small)
{
    cv::Mat gx;
    cv::Mat gy;
    cv::Sobel(small, gx, CV_32F, 1, 0, 3);
    cv::Sobel(small, gy, CV_32F, 0, 1, 3);
    std::array<double, 180> histogram{}; // half-degree bins of the edge direction modulo 90 degrees
    for (int y = 0; y < small.rows; ++y)
    {
        const float* rx = gx.ptr<float>(y);
        const float* ry = gy.ptr<float>(y);
        for (int x = 0; x < small.cols; ++x)
        {
            const double squared = static_cast<double>(rx[x]) * rx[x] + static_cast<double>(ry[x]) * ry[x];
            if (squared < 60.0 * 60.0) // texture and noise, not edges (most pixels: no square root, no angle)
                continue;
            const double magnitude = std::sqrt(squared);
            double degrees = std::atan2(ry[x], rx[x]) * 180.0 / CV_PI;
            degrees = std::fmod(degrees + 360.0, 90.0);
            histogram[static_cast<std::size_t>(degrees * 2.0) % histogram.size()] += magnitude;
        }
    }
    std::size_t best = 0;
    double bestWeight = -1.0;
    for (std::size_t i = 0; i < histogram.size(); ++i)
    {
        double weight = 0.0;
        for (std::size_t k = 0; k < 5; ++k)
            weight += histogram[(i + histogram.size() + k - 2) % histogram.size()];
        if (weight > bestWeight)
        {
            bestWeight = weight;
            best = i;
        }
    }
    double degrees = static_cast<double>(best) / 2.0;
    return degrees > 45.0 ? degrees - 90.0 : degrees;
}

cv::Mat rotatedBy(const cv::Mat& grey, double degrees)
{
    cv::Point2f centre(static_cast<float>(grey.cols) / 2.0f, static_cast<float>(grey.rows) / 2.0f);
    cv::Mat rotation = cv::getRotationMatrix2D(centre, degrees, 1.0);
    // Grow the canvas so corners are not cut off.
    double c = std::abs(std::cos(degrees * CV_PI / 180.0));
    double s = std::abs(std::sin(degrees * CV_PI / 180.0));
    cv::Size size(static_cast<int>(grey.cols * c + grey.rows * s),
                  static_cast<int>(grey.cols * s + grey.rows * c));
    rotation.at<double>(0, 2) += (size.width - grey.cols) / 2.0;
    rotation.at<double>(1, 2) += (size.height - grey.rows) / 2.0;
    cv::Mat out;
    cv::warpAffine(grey, out, rotation, size, cv::INTER_CUBIC, cv::BORDER_REPLICATE);
    return out;
}

// Corners in the order top-left, top-right, bottom-right, bottom-left.
Quad ordered(const std::vector<cv::Point2f>& corners)
{
    Quad quad;
    auto bySum = [](const cv::Point2f& a, const cv::Point2f& b) { return a.x + a.y < b.x + b.y; };
    auto byDiff = [](const cv::Point2f& a, const cv::Point2f& b) { return a.x - a.y < b.x - b.y; };
    quad[0] = *std::min_element(corners.begin(), corners.end(), bySum);
    quad[2] = *std::max_element(corners.begin(), corners.end(), bySum);
    quad[1] = *std::max_element(corners.begin(), corners.end(), byDiff);
    quad[3] = *std::min_element(corners.begin(), corners.end(), byDiff);
    return quad;
}

// The quadrilateral around a region's outline: its four corners when the hull simplifies to four, else
// the smallest rotated rectangle around it.
Quad quadOf(const std::vector<cv::Point>& contour)
{
    std::vector<cv::Point> hull;
    cv::convexHull(contour, hull);
    std::vector<cv::Point> polygon;
    double perimeter = cv::arcLength(hull, true);
    for (double epsilon = 0.02; epsilon <= 0.1 && polygon.size() != 4; epsilon += 0.01)
        cv::approxPolyDP(hull, polygon, epsilon * perimeter, true);
    std::vector<cv::Point2f> corners;
    if (polygon.size() == 4)
    {
        for (const cv::Point& p : polygon)
            corners.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
    }
    else
    {
        std::array<cv::Point2f, 4> box;
        cv::minAreaRect(hull).points(box.data());
        corners.assign(box.begin(), box.end());
    }
    return ordered(corners);
}

std::vector<std::vector<cv::Point>> regionsOf(const cv::Mat& mask, int k)
{
    cv::Mat closed;
    cv::morphologyEx(mask, closed, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
    cv::morphologyEx(closed, closed, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(closed, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::sort(contours.begin(), contours.end(),
              [](const auto& a, const auto& b) { return cv::contourArea(a) > cv::contourArea(b); });
    return contours;
}

// Outlines of the regions dense in strong edges, largest first: on the back of a card the symbol is by
// far the largest. A photographed card's perspective makes the symbol a general quadrilateral. Print
// close under the symbol joins its region; the densest edges within each region (a second threshold
// over the region's own edge strengths) outline the symbol alone, and are offered as well.
std::vector<Quad> symbolOutlines(const cv::Mat& small)
{
    cv::Mat gx;
    cv::Mat gy;
    cv::Sobel(small, gx, CV_16S, 1, 0, 3);
    cv::Sobel(small, gy, CV_16S, 0, 1, 3);
    cv::Mat ax;
    cv::Mat ay;
    cv::convertScaleAbs(gx, ax);
    cv::convertScaleAbs(gy, ay);
    cv::Mat gradient;
    cv::addWeighted(ax, 0.5, ay, 0.5, 0, gradient);
    cv::blur(gradient, gradient, cv::Size(5, 5));
    cv::Mat mask;
    cv::threshold(gradient, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    const int k = std::max(3, std::max(small.cols, small.rows) / 60);
    const double minArea = 0.01 * small.cols * small.rows;
    std::vector<Quad> quads;
    for (const std::vector<cv::Point>& contour : regionsOf(mask, k))
    {
        if (quads.size() >= 4 || cv::contourArea(contour) < minArea)
            break;
        quads.push_back(quadOf(contour));
        // The region's strongest edges: Otsu's threshold over the edge strengths inside it.
        cv::Mat region = cv::Mat::zeros(small.size(), CV_8U);
        cv::drawContours(region, std::vector<std::vector<cv::Point>>{contour}, -1, cv::Scalar(255), cv::FILLED);
        const cv::Rect box = cv::boundingRect(contour);
        std::vector<std::uint8_t> strengths;
        for (int y = box.y; y < box.y + box.height; ++y)
        {
            const std::uint8_t* inside = region.ptr<std::uint8_t>(y);
            const std::uint8_t* edge = gradient.ptr<std::uint8_t>(y);
            for (int x = box.x; x < box.x + box.width; ++x)
                if (inside[x] != 0)
                    strengths.push_back(edge[x]);
        }
        if (strengths.empty())
            continue;
        cv::Mat ignored;
        const double strongest =
            cv::threshold(cv::Mat(strengths, false), ignored, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
        cv::Mat dense = (gradient > strongest) & region;
        const std::vector<std::vector<cv::Point>> inner = regionsOf(dense, k);
        if (!inner.empty() && cv::contourArea(inner.front()) >= minArea &&
            cv::contourArea(inner.front()) < 0.9 * cv::contourArea(contour))
            quads.push_back(quadOf(inner.front()));
    }
    return quads;
}

double distance(const cv::Point2f& a, const cv::Point2f& b)
{
    return std::hypot(static_cast<double>(a.x - b.x), static_cast<double>(a.y - b.y));
}

// The quadrilateral cut out of `grey` and made a rectangle, with a quiet zone of its own around it.
cv::Mat rectified(const cv::Mat& grey, Quad quad)
{
    // The outline hugs the bars; grow it by 6 % on every side so the start and stop patterns are whole.
    cv::Point2f centre = (quad[0] + quad[1] + quad[2] + quad[3]) * 0.25f;
    for (cv::Point2f& p : quad)
        p = centre + (p - centre) * 1.12f;
    double width = std::max(distance(quad[0], quad[1]), distance(quad[3], quad[2]));
    double height = std::max(distance(quad[0], quad[3]), distance(quad[1], quad[2]));
    // Small symbols are enlarged so a module is at least about 3 pixels wide.
    double scale = std::clamp(1500.0 / std::max(width, height), 1.0, 3.0);
    cv::Size size(static_cast<int>(width * scale), static_cast<int>(height * scale));
    Quad target = {cv::Point2f(0, 0), cv::Point2f(static_cast<float>(size.width), 0),
                   cv::Point2f(static_cast<float>(size.width), static_cast<float>(size.height)),
                   cv::Point2f(0, static_cast<float>(size.height))};
    cv::Mat transform = cv::getPerspectiveTransform(quad.data(), target.data());
    cv::Mat out;
    cv::warpPerspective(grey, out, transform, size, cv::INTER_CUBIC, cv::BORDER_REPLICATE);
    return out;
}

// How much the edges inside `quad` (on `small`) share one direction, 0 (none) to 1 (all parallel): the
// coherence of the region's structure tensor. A symbol's bars run one way, skewed or in perspective,
// around 0.6 here; text, photos and guilloches point every way (under 0.35), a bar chart in between.
double edgeCoherence(const cv::Mat& small, const Quad& quad)
{
    std::vector<cv::Point> corners;
    for (const cv::Point2f& p : quad)
        corners.emplace_back(cvRound(p.x), cvRound(p.y));
    const cv::Rect box = cv::boundingRect(corners) & cv::Rect(0, 0, small.cols, small.rows);
    if (box.width < 3 || box.height < 3)
        return 0.0;
    for (cv::Point& p : corners)
        p -= box.tl();
    cv::Mat mask = cv::Mat::zeros(box.size(), CV_8U);
    cv::fillConvexPoly(mask, corners, cv::Scalar(255));
    cv::Mat gx;
    cv::Mat gy;
    cv::Sobel(small(box), gx, CV_32F, 1, 0, 3);
    cv::Sobel(small(box), gy, CV_32F, 0, 1, 3);
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int y = 0; y < box.height; ++y)
    {
        const float* rx = gx.ptr<float>(y);
        const float* ry = gy.ptr<float>(y);
        const std::uint8_t* inside = mask.ptr<std::uint8_t>(y);
        for (int x = 0; x < box.width; ++x)
        {
            if (inside[x] == 0)
                continue;
            xx += static_cast<double>(rx[x]) * rx[x];
            yy += static_cast<double>(ry[x]) * ry[x];
            xy += static_cast<double>(rx[x]) * ry[x];
        }
    }
    if (xx + yy <= 0)
        return 0.0;
    return std::sqrt((xx - yy) * (xx - yy) + 4 * xy * xy) / (xx + yy);
}

bool isBilevel(const cv::Mat& grey)
{
    cv::Mat between;
    cv::inRange(grey, cv::Scalar(1), cv::Scalar(254), between);
    return cv::countNonZero(between) == 0;
}

std::optional<std::string> readGrey(const cv::Mat& grey)
{
    double factor = std::min(1.0, static_cast<double>(LocateSide) / std::max(grey.cols, grey.rows));
    cv::Mat small;
    cv::resize(grey, small, cv::Size(), factor, factor, cv::INTER_AREA);

    // Regions dense in strong edges that run mostly one way: without one there is no symbol to read (a page
    // of text, a card's front, a fax of a letter), and zxing is not run at all — its passes over the whole
    // picture cost more than this look at a small copy. The most bar-like region is tried first.
    std::vector<std::pair<double, Quad>> ranked;
    for (const Quad& quad : symbolOutlines(small))
    {
        const double coherence = edgeCoherence(small, quad);
        if (coherence >= 0.4)
            ranked.emplace_back(coherence, quad);
    }
    if (ranked.empty())
        return std::nullopt;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });

    // 1. The image as it is: clean scans and straight photos, in a few milliseconds. A bilevel image (a fax)
    // is already black and white: a second binarizer would see the same bars.
    if (std::optional<std::string> text = decodeEitherPolarity(grey, ZXing::Binarizer::LocalAverage))
        return text;
    if (!isBilevel(grey))
        if (std::optional<std::string> text = decodeEitherPolarity(grey, ZXing::Binarizer::GlobalHistogram))
            return text;

    // 2. Skewed: zxing 1.4 follows the symbol's rows only a few degrees off the horizontal.
    double skew = dominantSkew(small);
    if (std::abs(skew) >= 1.0)
        if (std::optional<std::string> text =
                decodeEitherPolarity(rotatedBy(grey, skew), ZXing::Binarizer::LocalAverage))
            return text;

    // 3. In perspective (a phone photo) or small in a large picture: the symbol cut out and flattened.
    for (const auto& candidate : ranked)
    {
        Quad quad = candidate.second;
        for (cv::Point2f& p : quad)
            p *= static_cast<float>(1.0 / factor);
        cv::Mat flat = rectified(grey, quad);
        for (ZXing::Binarizer binarizer : {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram})
            if (std::optional<std::string> text = decodeEitherPolarity(flat, binarizer))
                return text;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> Pdf417Reader::read(const ImageView& image) const
{
    checkView(image);
    try
    {
        return readGrey(greyOf(image));
    }
    catch (const std::exception& e)
    {
        throw Error(ErrorCode::InvalidInput, std::string("PDF417 reader: ") + e.what());
    }
}

} // namespace proofdesk
