#include "proofdesk/adapters/ImagePreprocessor.h"

#include "proofdesk/domain/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <new>
#include <numeric>
#include <utility>

namespace proofdesk
{

namespace
{

constexpr int minSide = 16;
constexpr double mmPerInch = 25.4;

// ---- small helpers

std::string sizeText(int width, int height)
{
    return std::to_string(width) + "x" + std::to_string(height);
}

std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

int roundInt(double value)
{
    return static_cast<int>(std::lround(value));
}

int oddAtLeast(double value, int minimum)
{
    int n = std::max(minimum, roundInt(value));
    return n % 2 == 0 ? n + 1 : n;
}

cv::Matx33d identity()
{
    return cv::Matx33d::eye();
}

// cv::resize maps pixel centres: x' = (x + 0.5) * s - 0.5.
cv::Matx33d resizeMatrix(double sx, double sy)
{
    return {sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5, 0, 0, 1};
}

cv::Matx33d affineMatrix(const cv::Mat& m23)
{
    cv::Matx33d m = identity();
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c)
            m(r, c) = m23.at<double>(r, c);
    return m;
}

// What cv::rotate does to coordinates, for a source of `size`.
cv::Matx33d quarterTurnMatrix(int clockwise, cv::Size size)
{
    const double w = size.width - 1;
    const double h = size.height - 1;
    switch (clockwise)
    {
    case 90:
        return {0, -1, h, 1, 0, 0, 0, 0, 1};
    case 180:
        return {-1, 0, w, 0, -1, h, 0, 0, 1};
    case 270:
        return {0, 1, 0, -1, 0, w, 0, 0, 1};
    default:
        return identity();
    }
}

// A bilevel page whose black is largely in specks of 1 to 4 pixels: grey rendered as dots (dithering).
bool dithered(const cv::Mat& bilevel)
{
    cv::Mat ink = bilevel < 128;
    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    double specks = 0;
    double total = 0;
    for (int label = 1; label < count; ++label)
    {
        const int area = stats.at<int>(label, cv::CC_STAT_AREA);
        total += area;
        if (area <= 4)
            specks += area;
    }
    return total > 0 && specks / total > 0.25;
}

// Bilevel images (fax) stay bilevel after resampling: interpolate, then cut at mid-grey.
void recrisp(cv::Mat& image)
{
    cv::threshold(image, image, 127, 255, cv::THRESH_BINARY);
}

// ---- grey conversion

cv::Mat toGray(const cv::Mat& image)
{
    cv::Mat eight = image;
    if (image.depth() == CV_16U)
        image.convertTo(eight, CV_8U, 1.0 / 257.0);
    cv::Mat gray;
    if (eight.channels() == 1)
        gray = eight; // shared, never written to
    else if (eight.channels() == 3)
        cv::cvtColor(eight, gray, cv::COLOR_BGR2GRAY);
    else
    {
        // Transparent parts of a PNG are shown over white by every viewer; do the same.
        cv::cvtColor(eight, gray, cv::COLOR_BGRA2GRAY);
        cv::Mat alpha;
        cv::extractChannel(eight, alpha, 3);
        cv::Mat over;
        cv::multiply(gray, alpha, over, 1.0 / 255.0);
        cv::Mat white;
        cv::subtract(cv::Scalar::all(255), alpha, white);
        cv::add(over, white, gray);
    }
    return gray;
}

std::vector<double> histogram(const cv::Mat& gray)
{
    // Four interleaved tallies: a run of equal pixels (paper) would otherwise make every increment wait for
    // the one before it, and a page has millions of them.
    std::array<std::array<std::uint32_t, 256>, 4> tally{};
    for (int y = 0; y < gray.rows; ++y)
    {
        const std::uint8_t* row = gray.ptr<std::uint8_t>(y);
        int x = 0;
        for (; x + 4 <= gray.cols; x += 4)
        {
            ++tally[0][row[x]];
            ++tally[1][row[x + 1]];
            ++tally[2][row[x + 2]];
            ++tally[3][row[x + 3]];
        }
        for (; x < gray.cols; ++x)
            ++tally[0][row[x]];
    }
    std::vector<double> counts(256, 0.0);
    for (const auto& part : tally)
        for (std::size_t v = 0; v < 256; ++v)
            counts[v] += part[v];
    return counts;
}

bool isBilevel(const cv::Mat& gray)
{
    cv::Mat between;
    cv::inRange(gray, cv::Scalar(1), cv::Scalar(254), between);
    return cv::countNonZero(between) == 0;
}

// The grey level below which `fraction` of the pixels lie.
int percentile(const std::vector<double>& counts, double fraction)
{
    const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
    double sum = 0;
    for (int v = 0; v < 256; ++v)
    {
        sum += counts[static_cast<std::size_t>(v)];
        if (sum >= fraction * total)
            return v;
    }
    return 255;
}

double otsuThreshold(const cv::Mat& gray)
{
    cv::Mat ignored;
    return cv::threshold(gray, ignored, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
}

cv::Mat downscaled(const cv::Mat& gray, int maxSideLength, double& scale)
{
    const int longest = std::max(gray.cols, gray.rows);
    scale = std::min(1.0, static_cast<double>(maxSideLength) / longest);
    if (scale >= 1.0)
        return gray;
    cv::Mat small;
    const cv::Size size(std::max(1, roundInt(gray.cols * scale)), std::max(1, roundInt(gray.rows * scale)));
    cv::resize(gray, small, size, 0, 0, cv::INTER_AREA);
    scale = static_cast<double>(size.width) / gray.cols;
    return small;
}

// ---- binarisation

// Adaptive mean threshold over about 1/10 inch, plus anything clearly dark (so the inside of a thick
// stroke, darker than its own neighbourhood's mean minus the offset only at its rim, stays black).
cv::Mat binarize(const cv::Mat& gray, double dpi)
{
    cv::Mat binary;
    const int block = oddAtLeast(dpi / 10.0, 3);
    if (std::min(gray.cols, gray.rows) < 3)
    {
        cv::threshold(gray, binary, 127, 255, cv::THRESH_BINARY);
        return binary;
    }
    cv::adaptiveThreshold(gray, binary, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, block, 12);
    const double dark = 0.6 * otsuThreshold(gray);
    binary.setTo(0, gray < dark);
    return binary;
}

// ---- character components

struct Components
{
    cv::Mat labels;
    cv::Mat stats;
    std::vector<int> characterLike; // labels of character-sized components
    double medianHeight = 0;
    double medianWidth = 0;
};

double median(std::vector<int> values)
{
    if (values.empty())
        return 0;
    auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

Components characterComponents(const cv::Mat& binary, int minHeight)
{
    Components c;
    cv::Mat ink;
    cv::bitwise_not(binary, ink);
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(ink, c.labels, c.stats, centroids, 8, CV_32S);
    std::vector<int> heights;
    std::vector<int> widths;
    // Sizes are judged either way round, so that sideways text counts as well.
    const int maxSize = std::max(4, std::min(binary.rows, binary.cols) / 6);
    for (int i = 1; i < count; ++i)
    {
        const int w = c.stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int h = c.stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int area = c.stats.at<int>(i, cv::CC_STAT_AREA);
        const double fill = static_cast<double>(area) / (static_cast<double>(w) * h);
        const int longer = std::max(w, h);
        if (longer < minHeight || longer > maxSize || longer > 4 * std::min(w, h) || area < 6 ||
            fill < 0.08 || fill > 0.95)
            continue;
        c.characterLike.push_back(i);
        heights.push_back(h);
        widths.push_back(w);
    }
    c.medianHeight = median(std::move(heights));
    c.medianWidth = median(std::move(widths));
    return c;
}

// Median height of the characters in native pixels, read from a central crop at full resolution (text
// shrunk by downscaling would merge), or nothing when there are too few to tell. Upright text is assumed.
std::optional<double> textHeight(const cv::Mat& gray)
{
    const int side = 2000;
    const cv::Rect crop(std::max(0, (gray.cols - side) / 2), std::max(0, (gray.rows - side) / 2),
                        std::min(side, gray.cols), std::min(side, gray.rows));
    const cv::Mat region = gray(crop);
    if (std::min(region.cols, region.rows) < minSide)
        return std::nullopt;
    cv::Mat binary;
    const int block = oddAtLeast(std::min(region.cols, region.rows) / 20.0, 15);
    cv::adaptiveThreshold(region, binary, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, block, 12);
    // Below 6 pixels, specks of texture and noise outnumber characters (which would be unreadable anyway).
    const Components c = characterComponents(binary, 6);
    std::vector<int> heights;
    for (int label : c.characterLike)
        if (const int h = c.stats.at<int>(label, cv::CC_STAT_HEIGHT); h >= 6)
            heights.push_back(h);
    if (heights.size() < 30)
        return std::nullopt;
    return median(std::move(heights));
}

// ---- noise

// Immerkaer's fast noise estimate, in a robust form: the mask below cancels smooth image content, white
// noise of sigma s comes out with sigma 6s, and the median of its magnitude ignores the text edges.
double noiseSigma(const cv::Mat& gray)
{
    const int side = 1024;
    const cv::Rect crop(std::max(0, (gray.cols - side) / 2), std::max(0, (gray.rows - side) / 2),
                        std::min(side, gray.cols), std::min(side, gray.rows));
    if (crop.width < 3 || crop.height < 3)
        return 0;
    const cv::Matx33f mask(1, -2, 1, -2, 4, -2, 1, -2, 1);
    cv::Mat response;
    cv::filter2D(gray(crop), response, CV_32F, mask);
    std::vector<float> magnitudes;
    magnitudes.reserve(response.total());
    for (int y = 1; y + 1 < response.rows; ++y)
    {
        const float* row = response.ptr<float>(y);
        for (int x = 1; x + 1 < response.cols; ++x)
            magnitudes.push_back(std::abs(row[x]));
    }
    if (magnitudes.empty())
        return 0;
    auto middle = magnitudes.begin() + static_cast<std::ptrdiff_t>(magnitudes.size() / 2);
    std::nth_element(magnitudes.begin(), middle, magnitudes.end());
    return *middle / (0.6745 * 6.0);
}

// ---- illumination

// Divides the page by an estimate of its background (a grey closing at 1/8 scale removes the text, a blur
// smooths the rest), so shadows and gradients become flat white; returns how uneven the background was
// (grey levels between its 5th and 95th percentile).
int evenIllumination(cv::Mat& page, double dpi)
{
    const double scale = std::min(1.0, 37.5 / dpi);
    const cv::Size smallSize(std::max(1, roundInt(page.cols * scale)),
                             std::max(1, roundInt(page.rows * scale)));
    cv::Mat background;
    cv::resize(page, background, smallSize, 0, 0, cv::INTER_AREA);
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, {5, 5});
    cv::morphologyEx(background, background, cv::MORPH_CLOSE, kernel, {-1, -1}, 1, cv::BORDER_REPLICATE);
    cv::GaussianBlur(background, background, {0, 0}, 2.0, 2.0, cv::BORDER_REPLICATE);
    const auto counts = histogram(background);
    const int spread = percentile(counts, 0.95) - percentile(counts, 0.05);
    // A large dark area (a photo, a coloured band with white print) is not a shadow: dividing it by itself
    // would wash it out, so the estimate never goes below a third of the light level.
    const double floorLevel = std::max(1.0, 0.35 * percentile(counts, 0.9));
    cv::max(background, cv::Scalar::all(floorLevel), background);
    cv::Mat full;
    cv::resize(background, full, page.size(), 0, 0, cv::INTER_LINEAR);
    cv::divide(page, full, page, 255.0);
    full.release();
    const int low = percentile(histogram(page), 0.005);
    if (low > 0 && low < 200)
        page.convertTo(page, CV_8U, 255.0 / (255 - low), -255.0 * low / (255 - low));
    return spread;
}

// Dark panels printed with light text (a card's coloured title band, a statement's header bar) made dark
// print on light ground, as the rest of the page is: Tesseract's layout analysis takes such a band for a
// picture and never reads its title, and evening out the illumination would wash it out. A panel is a
// region at least 1/6 inch across whose local median is under 55 % of the paper's level; it is turned over
// only when light strokes cover 2 to 45 % of it (print, not a photo or a shadow).
// Returns how many panels were turned.
int lightenDarkPanels(cv::Mat& page, double dpi)
{
    const double scale = std::min(1.0, 37.5 / dpi);
    cv::Mat small;
    cv::resize(page, small, cv::Size(std::max(1, roundInt(page.cols * scale)), std::max(1, roundInt(page.rows * scale))),
               0, 0, cv::INTER_AREA);
    cv::medianBlur(small, small, 5);
    // Dark against this page's own paper (its 90th percentile), not against pure white.
    const double paper = percentile(histogram(small), 0.9);
    cv::Mat dark;
    cv::threshold(small, dark, 0.55 * paper, 255, cv::THRESH_BINARY_INV);
    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8, CV_32S);
    const int minPanel = std::max(2, roundInt(dpi * scale / 6.0));
    cv::Mat light;
    int turned = 0;
    for (int label = 1; label < count; ++label)
    {
        const int w = stats.at<int>(label, cv::CC_STAT_WIDTH);
        const int h = stats.at<int>(label, cv::CC_STAT_HEIGHT);
        if (std::min(w, h) < minPanel || stats.at<int>(label, cv::CC_STAT_AREA) < 4 * minPanel * minPanel)
            continue;
        // The panel with its holes filled: large light letters leave holes in the dark median.
        cv::Mat region = labels == label;
        std::vector<std::vector<cv::Point>> outline;
        cv::findContours(region, outline, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
        cv::drawContours(region, outline, -1, cv::Scalar(255), cv::FILLED);
        cv::Mat mask;
        cv::resize(region, mask, page.size(), 0, 0, cv::INTER_LINEAR);
        cv::threshold(mask, mask, 127, 255, cv::THRESH_BINARY);
        const int inside = cv::countNonZero(mask);
        if (inside == 0)
            continue;
        if (light.empty())
            cv::threshold(page, light, 180, 255, cv::THRESH_BINARY);
        cv::Mat print;
        cv::bitwise_and(light, mask, print);
        const double lightShare = static_cast<double>(cv::countNonZero(print)) / inside;
        if (lightShare < 0.02 || lightShare > 0.45)
            continue;
        // The panel's own level becomes white, its light print black.
        const double level = cv::mean(page, mask - print)[0];
        cv::Mat inverted;
        page.convertTo(inverted, CV_8U, -255.0 / std::max(1.0, 255.0 - level), 255.0 * 255.0 / std::max(1.0, 255.0 - level));
        inverted.copyTo(page, mask);
        ++turned;
    }
    return turned;
}

// ---- skew and quarter turns

struct SkewScore
{
    double angle = 0;    // degrees, counter-clockwise positive
    double strength = 0; // squared coefficient of variation of the profile at `angle`
    double atZero = 0;   // the same at 0 degrees
};

// Sum of squared bin counts of the points projected across lines tilted by `degrees`, normalised to the
// squared coefficient of variation so that profiles of different lengths compare.
double profileScore(const std::vector<cv::Point2f>& points, double degrees, std::vector<int>& bins)
{
    const double radians = degrees * CV_PI / 180.0;
    const double s = std::sin(radians);
    const double c = std::cos(radians);
    double lowest = std::numeric_limits<double>::max();
    double highest = std::numeric_limits<double>::lowest();
    for (const auto& p : points)
    {
        const double v = p.x * s + p.y * c;
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
    }
    const auto range = static_cast<std::size_t>(highest - lowest) + 2;
    bins.assign(range, 0);
    for (const auto& p : points)
        ++bins[static_cast<std::size_t>(p.x * s + p.y * c - lowest)];
    double squares = 0;
    for (int n : bins)
        squares += static_cast<double>(n) * n;
    const double total = static_cast<double>(points.size());
    return static_cast<double>(range) * squares / (total * total) - 1.0;
}

SkewScore bestSkew(const std::vector<cv::Point2f>& points, double maxDegrees)
{
    SkewScore best;
    std::vector<int> bins;
    if (points.empty())
        return best;
    // The coarse search over the whole range looks at an even sample of at most 40,000 points (the peak
    // of a profile of text lines stands out in a sample as well), the fine one around its peak at all.
    std::vector<cv::Point2f> sample;
    const std::vector<cv::Point2f>* coarsePoints = &points;
    if (points.size() > 40000)
    {
        const std::size_t step = points.size() / 40000 + 1;
        sample.reserve(points.size() / step + 1);
        for (std::size_t i = 0; i < points.size(); i += step)
            sample.push_back(points[i]);
        coarsePoints = &sample;
    }
    const double coarse = 0.5;
    double centre = 0;
    double coarseBest = profileScore(*coarsePoints, 0, bins);
    for (double a = -maxDegrees; a <= maxDegrees + 1e-9; a += coarse)
    {
        const double score = profileScore(*coarsePoints, a, bins);
        if (score > coarseBest)
        {
            coarseBest = score;
            centre = a;
        }
    }
    best.atZero = profileScore(points, 0, bins);
    best.strength = best.atZero;
    const double fine = 0.05;
    double before = 0;
    double after = 0;
    for (double a = centre - coarse; a <= centre + coarse + 1e-9; a += fine)
    {
        const double score = profileScore(points, a, bins);
        if (score > best.strength)
            best = {a, score, best.atZero};
    }
    before = profileScore(points, best.angle - fine, bins);
    after = profileScore(points, best.angle + fine, bins);
    // Parabola through the three scores around the peak.
    const double curvature = before - 2 * best.strength + after;
    if (curvature < 0)
        best.angle += std::clamp(0.5 * (before - after) / curvature, -0.5, 0.5) * fine;
    return best;
}

struct SkewAnalysis
{
    bool found = false;    // enough text to tell
    bool vertical = false; // text lines run top to bottom: a quarter turn is needed
    double angle = 0;      // skew of horizontal lines, counter-clockwise positive
};

// Ink pixels of character-sized components of a working copy (at most 1400 pixels a side), in page pixels.
SkewAnalysis analyseSkew(const cv::Mat& page, double dpi, double maxDegrees, bool checkVertical)
{
    SkewAnalysis result;
    double scale = 1;
    const cv::Mat small = downscaled(page, 1400, scale);
    if (std::min(small.cols, small.rows) < 32)
        return result;
    const cv::Mat binary = binarize(small, dpi * scale);
    const Components c = characterComponents(binary, 3);
    if (c.characterLike.size() < 12)
        return result;
    std::vector<char> keep(static_cast<std::size_t>(c.stats.rows), 0);
    for (int label : c.characterLike)
        if (c.stats.at<int>(label, cv::CC_STAT_HEIGHT) <= 3 * c.medianHeight)
            keep[static_cast<std::size_t>(label)] = 1;
    std::vector<cv::Point2f> points;
    for (int y = 0; y < c.labels.rows; ++y)
    {
        const int* row = c.labels.ptr<int>(y);
        for (int x = 0; x < c.labels.cols; ++x)
            if (row[x] > 0 && keep[static_cast<std::size_t>(row[x])])
                points.emplace_back(static_cast<float>(x), static_cast<float>(y));
    }
    if (points.size() < 300)
        return result;
    // Thin the points out evenly beyond 250,000: the profile keeps its shape and the search stays fast.
    if (points.size() > 250000)
    {
        const std::size_t step = points.size() / 250000 + 1;
        std::vector<cv::Point2f> thinned;
        for (std::size_t i = 0; i < points.size(); i += step)
            thinned.push_back(points[i]);
        points.swap(thinned);
    }
    const SkewScore horizontal = bestSkew(points, maxDegrees);
    result.found = true;
    result.angle = horizontal.angle;
    if (checkVertical)
    {
        std::vector<cv::Point2f> turned;
        turned.reserve(points.size());
        for (const auto& p : points)
            turned.emplace_back(p.y, p.x);
        const SkewScore vertical = bestSkew(turned, maxDegrees);
        // Conservative: only a clear dominance of vertical lines turns the page.
        result.vertical = vertical.strength > 2.0 * horizontal.strength && vertical.strength > 0.3;
    }
    // A barely better score than at 0 degrees is noise (a card's graphics, a page with a few words).
    if (horizontal.strength < 1.02 * horizontal.atZero)
        result.angle = 0;
    return result;
}

// ---- which way up

// A band of the page, two or three text lines high, where character-sized components are densest, at
// most 1600 pixels wide: enough text to read, little enough to read fast. Nothing without text.
std::optional<cv::Rect> textBand(const cv::Mat& page, double dpi)
{
    double scale = 1;
    const cv::Mat small = downscaled(page, 1400, scale);
    if (std::min(small.cols, small.rows) < 32)
        return std::nullopt;
    const Components c = characterComponents(binarize(small, dpi * scale), 3);
    if (c.characterLike.size() < 12 || c.medianHeight <= 0)
        return std::nullopt;
    const double height = c.medianHeight;
    std::vector<int> rows(static_cast<std::size_t>(small.rows), 0);
    for (int label : c.characterLike)
    {
        const int top = c.stats.at<int>(label, cv::CC_STAT_TOP);
        const int h = c.stats.at<int>(label, cv::CC_STAT_HEIGHT);
        if (h <= 2.5 * height)
            ++rows[static_cast<std::size_t>(top + h / 2)];
    }
    const int window = std::min(small.rows, std::max(3, roundInt(4 * height)));
    int best = 0;
    int bestTop = 0;
    int sum = 0;
    for (int y = 0; y < small.rows; ++y)
    {
        sum += rows[static_cast<std::size_t>(y)];
        if (y >= window)
            sum -= rows[static_cast<std::size_t>(y - window)];
        if (sum > best)
        {
            best = sum;
            bestTop = std::max(0, y - window + 1);
        }
    }
    if (best < 6)
        return std::nullopt;
    int left = small.cols;
    int right = 0;
    for (int label : c.characterLike)
    {
        const int top = c.stats.at<int>(label, cv::CC_STAT_TOP);
        const int h = c.stats.at<int>(label, cv::CC_STAT_HEIGHT);
        const int middle = top + h / 2;
        if (h > 2.5 * height || middle < bestTop || middle >= bestTop + window)
            continue;
        left = std::min(left, c.stats.at<int>(label, cv::CC_STAT_LEFT));
        right = std::max(right, c.stats.at<int>(label, cv::CC_STAT_LEFT) +
                                    c.stats.at<int>(label, cv::CC_STAT_WIDTH));
    }
    const double pad = height;
    cv::Rect band(roundInt((left - pad) / scale), roundInt((bestTop - pad) / scale),
                  roundInt((right - left + 2 * pad) / scale), roundInt((window + 2 * pad) / scale));
    band.width = std::min(band.width, 1600);
    band &= cv::Rect(0, 0, page.cols, page.rows);
    if (band.width < 16 || band.height < 16)
        return std::nullopt;
    return band;
}

ImageView viewOf(const cv::Mat& gray)
{
    ImageView view;
    view.data = gray.ptr<std::uint8_t>();
    view.width = gray.cols;
    view.height = gray.rows;
    view.stride = static_cast<int>(gray.step[0]);
    view.channels = 1;
    return view;
}

struct Reading
{
    float upright = 0;    // mean word confidence reading the band as it is
    float upsideDown = 0; // the same turned half round
};

// Reads the densest band of text as it is and turned half round.
std::optional<Reading> readBothWays(const cv::Mat& page, double dpi, OcrEngine& engine)
{
    const auto band = textBand(page, dpi);
    if (!band)
        return std::nullopt;
    const cv::Mat crop = page(*band).clone();
    cv::Mat turned;
    cv::rotate(crop, turned, cv::ROTATE_180);
    const int resolution = roundInt(dpi);
    Reading reading;
    reading.upright = engine.recognize(viewOf(crop), TextLayout::SingleBlock, resolution).confidence;
    reading.upsideDown = engine.recognize(viewOf(turned), TextLayout::SingleBlock, resolution).confidence;
    return reading;
}

// ---- document detection

struct Format
{
    const char* name;
    double longMm;
    double shortMm;
    bool landscape;    // read with the long side horizontal
    double textHeight; // typical median character height at 300 dpi, in pixels
};

// Text heights: cards print 6-8 pt, passport data pages 8-10 pt, statements 10-12 pt.
constexpr Format cardFormat{"card", 85.6, 54.0, true, 19};
constexpr Format passportFormat{"passport page", 125.0, 88.0, true, 26};
constexpr Format letterFormat{"letter page", 279.4, 215.9, false, 31};
constexpr Format a4Format{"A4 page", 297.0, 210.0, false, 31};

double aspectOf(const Format& f)
{
    return f.longMm / f.shortMm;
}

using Quad = std::array<cv::Point2f, 4>;

double cross(cv::Point2d a, cv::Point2d b)
{
    return a.x * b.y - a.y * b.x;
}

double quadArea(const Quad& q)
{
    double area = 0;
    for (std::size_t i = 0; i < 4; ++i)
        area += cross(q[i], q[(i + 1) % 4]);
    return std::abs(area) / 2;
}

double distance(cv::Point2d a, cv::Point2d b)
{
    return std::hypot(a.x - b.x, a.y - b.y);
}

// TL, TR, BR, BL as the image shows them: clockwise on screen, starting at the corner nearest the origin.
Quad orderCorners(std::vector<cv::Point2f> points)
{
    cv::Point2f centre(0, 0);
    for (const auto& p : points)
        centre += p * 0.25f;
    std::sort(
        points.begin(), points.end(),
        [&](const cv::Point2f& a, const cv::Point2f& b)
        { return std::atan2(a.y - centre.y, a.x - centre.x) < std::atan2(b.y - centre.y, b.x - centre.x); });
    std::size_t first = 0;
    for (std::size_t i = 1; i < 4; ++i)
        if (points[i].x + points[i].y < points[first].x + points[first].y)
            first = i;
    Quad q;
    for (std::size_t i = 0; i < 4; ++i)
        q[i] = points[(first + i) % 4];
    return q;
}

// Width over height of the rectangle seen as `q` (TL, TR, BR, BL), by side lengths.
double sideAspect(const Quad& q)
{
    const double width = (distance(q[0], q[1]) + distance(q[3], q[2])) / 2;
    const double height = (distance(q[0], q[3]) + distance(q[1], q[2])) / 2;
    return height > 0 ? width / height : 0;
}

// Width over height of the rectangle seen as `q`, with the perspective taken out: Zhang and He
// ("Whiteboard scanning and image enhancement", 2007) recover the focal length from the quadrilateral,
// assuming square pixels and the principal point at the image centre. Nothing when the quadrilateral is
// (nearly) a parallelogram, when it is inconsistent with a pinhole camera, or the focal length is not a
// phone camera's.
std::optional<double> perspectiveAspect(const Quad& q, cv::Size imageSize)
{
    const cv::Point2d centre(imageSize.width / 2.0, imageSize.height / 2.0);
    auto homogeneous = [&](cv::Point2f p) { return cv::Vec3d(p.x - centre.x, p.y - centre.y, 1.0); };
    const cv::Vec3d m1 = homogeneous(q[0]); // (0, 0)
    const cv::Vec3d m2 = homogeneous(q[1]); // (w, 0)
    const cv::Vec3d m3 = homogeneous(q[3]); // (0, h)
    const cv::Vec3d m4 = homogeneous(q[2]); // (w, h)
    const double d2 = m2.cross(m4).dot(m3);
    const double d3 = m3.cross(m4).dot(m2);
    if (std::abs(d2) < 1e-9 || std::abs(d3) < 1e-9)
        return std::nullopt;
    const double k2 = m1.cross(m4).dot(m3) / d2;
    const double k3 = m1.cross(m4).dot(m2) / d3;
    const cv::Vec3d n2 = k2 * m2 - m1;
    const cv::Vec3d n3 = k3 * m3 - m1;
    const double longSide = std::max(imageSize.width, imageSize.height);
    if (std::abs(n2[2] * n3[2]) < 1e-12)
        return std::nullopt;
    const double f2 = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2]);
    if (!std::isfinite(f2) || f2 <= 0)
        return std::nullopt;
    const double f = std::sqrt(f2);
    // Phone cameras have focal lengths of about 0.7 to 1.5 image widths (wide to 2x); far outside that,
    // the quadrilateral was not made by a camera looking at a rectangle (a crop, a synthetic warp).
    if (f < 0.5 * longSide || f > 2.5 * longSide)
        return std::nullopt;
    const double width2 = (n2[0] * n2[0] + n2[1] * n2[1]) / f2 + n2[2] * n2[2];
    const double height2 = (n3[0] * n3[0] + n3[1] * n3[1]) / f2 + n3[2] * n3[2];
    if (height2 <= 0)
        return std::nullopt;
    return std::sqrt(width2 / height2);
}

// Width over height of the document seen as `q`: the perspective-corrected ratio when it can be had, else
// the side-length ratio (a cropped or synthetic photo need not come from a centred camera).
double measuredAspect(const Quad& q, cv::Size imageSize)
{
    return perspectiveAspect(q, imageSize).value_or(sideAspect(q));
}

struct FormatMatch
{
    const Format* format = nullptr;
    double error = 1e9; // relative difference of long/short ratios
    bool longSideHorizontal = true;
};

// The format whose shape is nearest `widthOverHeight`, within `tolerance`. Without a hint the candidates are
// a card, a passport page and a letter page (proofdesk reads U.S. documents; the Page hint adds A4); TD3
// and letter lie 9 % apart, so the way the long side lies decides between them when the shapes alone are
// close: a passport is photographed lying landscape, a page standing up (a 5 % handicap otherwise).
std::vector<FormatMatch> rankFormats(double widthOverHeight, DocumentHint hint)
{
    std::vector<const Format*> formats;
    switch (hint)
    {
    case DocumentHint::Card:
        formats = {&cardFormat};
        break;
    case DocumentHint::Passport:
        formats = {&passportFormat};
        break;
    case DocumentHint::Page:
        formats = {&letterFormat, &a4Format};
        break;
    case DocumentHint::Unknown:
        formats = {&cardFormat, &passportFormat, &letterFormat};
        break;
    }
    std::vector<FormatMatch> ranked;
    if (!(widthOverHeight > 0) || !std::isfinite(widthOverHeight))
        return ranked;
    const bool horizontal = widthOverHeight >= 1;
    const double longOverShort = horizontal ? widthOverHeight : 1 / widthOverHeight;
    for (const Format* f : formats)
    {
        double error = std::abs(longOverShort / aspectOf(*f) - 1);
        if (hint == DocumentHint::Unknown && f != &cardFormat && horizontal != f->landscape)
            error += 0.05;
        ranked.push_back({f, error, horizontal});
    }
    std::sort(ranked.begin(), ranked.end(),
              [](const FormatMatch& a, const FormatMatch& b) { return a.error < b.error; });
    return ranked;
}

FormatMatch matchFormat(double widthOverHeight, DocumentHint hint, double tolerance)
{
    const auto ranked = rankFormats(widthOverHeight, hint);
    return !ranked.empty() && ranked.front().error <= tolerance ? ranked.front() : FormatMatch{};
}

double bilinear(const cv::Mat& gray, double x, double y)
{
    const int x0 = static_cast<int>(std::floor(x));
    const int y0 = static_cast<int>(std::floor(y));
    if (x0 < 0 || y0 < 0 || x0 + 1 >= gray.cols || y0 + 1 >= gray.rows)
        return -1;
    const double fx = x - x0;
    const double fy = y - y0;
    const std::uint8_t* r0 = gray.ptr<std::uint8_t>(y0);
    const std::uint8_t* r1 = gray.ptr<std::uint8_t>(y0 + 1);
    return (r0[x0] * (1 - fx) + r0[x0 + 1] * fx) * (1 - fy) + (r1[x0] * (1 - fx) + r1[x0 + 1] * fx) * fy;
}

// Share of points along each side (10 % to 90 %) that lie on an edge pixel; the weakest side's share.
double edgeSupport(const cv::Mat& edges, const Quad& q)
{
    double weakest = 1;
    for (std::size_t i = 0; i < 4; ++i)
    {
        const cv::Point2f a = q[i];
        const cv::Point2f b = q[(i + 1) % 4];
        const int samples = 40;
        int hits = 0;
        for (int k = 0; k < samples; ++k)
        {
            const float t = 0.1f + 0.8f * static_cast<float>(k) / (samples - 1);
            const cv::Point2f p = a + t * (b - a);
            const int x = roundInt(p.x);
            const int y = roundInt(p.y);
            if (x >= 0 && y >= 0 && x < edges.cols && y < edges.rows && edges.at<std::uint8_t>(y, x) != 0)
                ++hits;
        }
        weakest = std::min(weakest, static_cast<double>(hits) / samples);
    }
    return weakest;
}

// A convex quadrilateral approximating a convex hull, loosening the tolerance until four corners remain.
std::optional<Quad> quadFromHull(const std::vector<cv::Point>& hull)
{
    const double perimeter = cv::arcLength(hull, true);
    for (double epsilon : {0.015, 0.025, 0.035, 0.05})
    {
        std::vector<cv::Point> approx;
        cv::approxPolyDP(hull, approx, epsilon * perimeter, true);
        if (approx.size() < 4)
            break;
        if (approx.size() == 4 && cv::isContourConvex(approx))
        {
            std::vector<cv::Point2f> points(approx.begin(), approx.end());
            return orderCorners(points);
        }
    }
    return std::nullopt;
}

// Corners between 45 and 135 degrees and sides no more than 3:1 apart: something a flat rectangle seen by
// a camera can look like.
bool plausibleShape(const Quad& q)
{
    for (std::size_t i = 0; i < 4; ++i)
    {
        const cv::Point2d a = q[(i + 3) % 4];
        const cv::Point2d b = q[i];
        const cv::Point2d c = q[(i + 1) % 4];
        const cv::Point2d u = a - b;
        const cv::Point2d v = c - b;
        const double lengths = std::hypot(u.x, u.y) * std::hypot(v.x, v.y);
        if (lengths <= 0)
            return false;
        const double cosine = (u.x * v.x + u.y * v.y) / lengths;
        if (std::abs(cosine) > std::cos(45.0 * CV_PI / 180.0))
            return false;
    }
    const double ratio = sideAspect(q);
    return ratio > 1.0 / 3 && ratio < 3;
}

struct Candidate
{
    Quad quad;
    double area = 0;
    double support = 0; // share of the weakest side that runs along edges
};

// Where two lines (cv::fitLine's direction and point) cross; nothing when they are parallel.
std::optional<cv::Point2f> intersect(const cv::Vec4f& l1, const cv::Vec4f& l2)
{
    const cv::Point2d d1(l1[0], l1[1]);
    const cv::Point2d d2(l2[0], l2[1]);
    const double det = cross(d1, d2);
    if (std::abs(det) < 1e-6)
        return std::nullopt;
    const cv::Point2d p1(l1[2], l1[3]);
    const cv::Point2d p2(l2[2], l2[3]);
    const double t = cross(p2 - p1, d2) / det;
    const cv::Point2d p = p1 + t * d1;
    return cv::Point2f(static_cast<float>(p.x), static_cast<float>(p.y));
}

// The strongest colour gradient of a detection copy: per channel Sobel magnitude, the largest of them.
cv::Mat gradientMagnitude(const cv::Mat& small)
{
    cv::Mat blurred;
    cv::GaussianBlur(small, blurred, {0, 0}, 1.0);
    std::vector<cv::Mat> channels;
    cv::split(blurred, channels);
    cv::Mat strongest;
    for (const auto& channel : channels)
    {
        cv::Mat gx;
        cv::Mat gy;
        cv::Mat magnitude;
        cv::Sobel(channel, gx, CV_32F, 1, 0);
        cv::Sobel(channel, gy, CV_32F, 0, 1);
        cv::magnitude(gx, gy, magnitude);
        strongest = strongest.empty() ? magnitude : cv::max(strongest, magnitude);
    }
    return strongest;
}

// The line through the strongest gradient found across side a-b of a quadrilateral centred on `centre`
// (within `reach` pixels of the side, between 10 % and 90 % of its length so that rounded corners do not
// pull it).
std::optional<cv::Vec4f> snapSide(const cv::Mat& gradient, cv::Point2f a, cv::Point2f b, cv::Point2f centre,
                                  double reach)
{
    const cv::Point2d along = cv::Point2d(b) - cv::Point2d(a);
    const double length = std::hypot(along.x, along.y);
    if (length < 8)
        return std::nullopt;
    cv::Point2d outward(-along.y / length, along.x / length);
    const cv::Point2d middle = (cv::Point2d(a) + cv::Point2d(b)) * 0.5;
    if ((middle - cv::Point2d(centre)).dot(outward) < 0)
        outward = -outward;
    const int samples = 48;
    const int steps = std::max(1, roundInt(reach * 2));
    std::vector<cv::Point2f> found;
    std::vector<float> profile(static_cast<std::size_t>(2 * steps + 1));
    for (int k = 0; k < samples; ++k)
    {
        const cv::Point2d base = cv::Point2d(a) + (0.1 + 0.8 * k / (samples - 1)) * along;
        float strongest = 0;
        for (int j = -steps; j <= steps; ++j)
        {
            const cv::Point2d p = base + (reach * j / steps) * outward;
            const int x = roundInt(p.x);
            const int y = roundInt(p.y);
            const bool inside = x >= 0 && y >= 0 && x < gradient.cols && y < gradient.rows;
            const float g = inside ? gradient.at<float>(y, x) : 0.0f;
            profile[static_cast<std::size_t>(j + steps)] = g;
            strongest = std::max(strongest, g);
        }
        if (strongest < 20) // weaker than a step of about 10 grey levels is not an outline
            continue;
        const auto at = std::max_element(profile.begin(), profile.end()) - profile.begin();
        const cv::Point2d p = base + (reach * static_cast<double>(at - steps) / steps) * outward;
        found.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
    }
    if (found.size() < static_cast<std::size_t>(samples / 3))
        return std::nullopt;
    cv::Vec4f line;
    cv::fitLine(found, line, cv::DIST_HUBER, 0, 0.01, 0.01);
    return line;
}

// The quadrilateral whose sides run along the outline near those of `rough`.
std::optional<Quad> snapQuad(const cv::Mat& gradient, const Quad& rough, double reach)
{
    const cv::Point2f centre = (rough[0] + rough[1] + rough[2] + rough[3]) * 0.25f;
    std::array<cv::Vec4f, 4> sides;
    for (std::size_t i = 0; i < 4; ++i)
    {
        const auto line = snapSide(gradient, rough[i], rough[(i + 1) % 4], centre, reach);
        if (!line)
            return std::nullopt;
        sides[i] = *line;
    }
    Quad snapped;
    for (std::size_t i = 0; i < 4; ++i)
    {
        const auto corner = intersect(sides[(i + 3) % 4], sides[i]);
        if (!corner || distance(*corner, rough[i]) > 4 * reach)
            return std::nullopt;
        snapped[i] = *corner;
    }
    if (!cv::isContourConvex(std::vector<cv::Point2f>(snapped.begin(), snapped.end())) ||
        !plausibleShape(snapped))
        return std::nullopt;
    return snapped;
}

// Whether a side of `q` runs along the image's border: the document goes on beyond the frame (or the
// image is a crop of it), so that side is no outline of it.
bool sideOnFrame(const Quad& q, cv::Size size)
{
    const float margin = 2.5f;
    const float right = static_cast<float>(size.width - 1);
    const float bottom = static_cast<float>(size.height - 1);
    auto onSameBorder = [&](cv::Point2f a, cv::Point2f b)
    {
        return (a.x <= margin && b.x <= margin) || (a.y <= margin && b.y <= margin) ||
               (a.x >= right - margin && b.x >= right - margin) ||
               (a.y >= bottom - margin && b.y >= bottom - margin);
    };
    for (std::size_t i = 0; i < 4; ++i)
        if (onSameBorder(q[i], q[(i + 1) % 4]))
            return true;
    return false;
}

void addCandidate(const std::vector<cv::Point>& points, const cv::Mat& edges, const cv::Mat& gradient,
                  std::vector<Candidate>& out)
{
    std::vector<cv::Point> hull;
    cv::convexHull(points, hull);
    const auto rough = quadFromHull(hull);
    if (!rough || !plausibleShape(*rough))
        return;
    // The hull's corners sit anywhere on a rounded corner and on the outer rim of the edge band: fit the
    // sides to the outline, coarsely then finely.
    auto quad = snapQuad(gradient, *rough, 8);
    if (quad)
        quad = snapQuad(gradient, *quad, 2.5);
    if (!quad || sideOnFrame(*quad, edges.size()))
        return;
    const double support = edgeSupport(edges, *quad);
    if (support >= 0.6)
        out.push_back({*quad, quadArea(*quad), support});
}

// Quadrilaterals outlined by edges (Canny on colour takes the strongest channel's gradient, so a blue band
// on a brown table is an edge even when both are the same grey). Two blur levels: fine texture under the
// document (wood, fabric) joins the document's outline at the light one and disappears at the strong one.
// A band across the document as dark as the surface cuts its outline in two: pairs of large outlines are
// tried together as well.
void edgeCandidates(const cv::Mat& small, double minArea, std::vector<Candidate>& out)
{
    const cv::Mat gradient = gradientMagnitude(small);
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, {3, 3});
    struct Setting
    {
        double sigma, low, high;
    };
    for (const Setting& setting :
         {Setting{1.2, 60, 160}, Setting{1.2, 25, 75}, Setting{3.0, 25, 75}, Setting{2.0, 10, 30}})
    {
        cv::Mat blurred;
        cv::GaussianBlur(small, blurred, {0, 0}, setting.sigma);
        {
            const double low = setting.low;
            const double high = setting.high;
            cv::Mat edges;
            cv::Canny(blurred, edges, low, high, 3, true);
            cv::dilate(edges, edges, kernel);
            std::vector<std::vector<cv::Point>> contours;
            cv::findContours(edges, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
            std::vector<std::pair<double, std::size_t>> large;
            for (std::size_t i = 0; i < contours.size(); ++i)
            {
                std::vector<cv::Point> hull;
                cv::convexHull(contours[i], hull);
                const double area = cv::contourArea(hull);
                if (area >= minArea)
                    addCandidate(contours[i], edges, gradient, out);
                if (area >= minArea / 4)
                    large.emplace_back(area, i);
            }
            std::sort(large.rbegin(), large.rend());
            large.resize(std::min<std::size_t>(large.size(), 6));
            for (std::size_t a = 0; a < large.size(); ++a)
                for (std::size_t b = a + 1; b < large.size(); ++b)
                {
                    std::vector<cv::Point> both = contours[large[a].second];
                    const auto& other = contours[large[b].second];
                    both.insert(both.end(), other.begin(), other.end());
                    addCandidate(both, edges, gradient, out);
                }
        }
    }
}

// Bright (or dark) regions not touching the border: a document lying on a contrasting surface whose
// outline the edge detector lost.
void blobCandidates(const cv::Mat& blurred, double minArea, std::vector<Candidate>& out)
{
    cv::Mat edges;
    cv::Canny(blurred, edges, 25, 75, 3, true);
    cv::dilate(edges, edges, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
    cv::Mat mask;
    cv::threshold(blurred, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    const int k = std::max(3, std::min(blurred.cols, blurred.rows) / 50);
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, {k, k});
    for (int polarity = 0; polarity < 2; ++polarity)
    {
        cv::Mat region = polarity == 0 ? mask.clone() : 255 - mask;
        cv::morphologyEx(region, region, cv::MORPH_CLOSE, kernel);
        cv::morphologyEx(region, region, cv::MORPH_OPEN, kernel);
        std::vector<std::vector<cv::Point>> contours;
        cv::findContours(region, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
        for (const auto& contour : contours)
        {
            const cv::Rect box = cv::boundingRect(contour);
            if (box.x <= 1 || box.y <= 1 || box.x + box.width >= blurred.cols - 1 ||
                box.y + box.height >= blurred.rows - 1)
                continue;
            std::vector<cv::Point> hull;
            cv::convexHull(contour, hull);
            if (cv::contourArea(hull) < minArea)
                continue;
            auto quad = quadFromHull(hull);
            if (!quad)
            {
                cv::Point2f corners[4];
                cv::minAreaRect(hull).points(corners);
                quad = orderCorners({corners[0], corners[1], corners[2], corners[3]});
            }
            // A block of text merged by the closing has no outline of its own: its sides cross white space.
            const double support = edgeSupport(edges, *quad);
            if (plausibleShape(*quad) && support >= 0.5 && !sideOnFrame(*quad, edges.size()))
                out.push_back({*quad, quadArea(*quad), support});
        }
    }
}

std::optional<cv::Vec4f> fitSide(const cv::Mat& gray, cv::Point2f a, cv::Point2f b, double radius)
{
    const cv::Point2f along = b - a;
    const double length = std::hypot(along.x, along.y);
    if (length < 8)
        return std::nullopt;
    const cv::Point2d dir(along.x / length, along.y / length);
    const cv::Point2d normal(-dir.y, dir.x);
    const int reach = std::max(3, roundInt(radius));
    const int samples = 48;
    std::vector<cv::Point2f> found;
    std::vector<double> profile(static_cast<std::size_t>(2 * reach + 3));
    for (int k = 0; k < samples; ++k)
    {
        const double t = 0.08 + 0.84 * k / (samples - 1);
        const cv::Point2d base = cv::Point2d(a) + t * cv::Point2d(along);
        bool inside = true;
        for (int j = -reach - 1; j <= reach + 1 && inside; ++j)
        {
            double sum = 0;
            for (int s = -1; s <= 1 && inside; ++s)
            {
                const cv::Point2d p = base + j * normal + s * dir;
                const double v = bilinear(gray, p.x, p.y);
                inside = v >= 0;
                sum += v;
            }
            profile[static_cast<std::size_t>(j + reach + 1)] = sum / 3;
        }
        if (!inside)
            continue;
        int bestJ = 0;
        double bestD = 0;
        auto gradient = [&](int j)
        {
            return std::abs(profile[static_cast<std::size_t>(j + reach + 2)] -
                            profile[static_cast<std::size_t>(j + reach)]);
        };
        for (int j = -reach; j <= reach; ++j)
            if (gradient(j) > bestD)
            {
                bestD = gradient(j);
                bestJ = j;
            }
        if (bestD < 16) // a step of 8 grey levels
            continue;
        double offset = bestJ;
        if (bestJ > -reach && bestJ < reach)
        {
            const double l = gradient(bestJ - 1);
            const double r = gradient(bestJ + 1);
            const double curvature = l - 2 * bestD + r;
            if (curvature < 0)
                offset += std::clamp(0.5 * (l - r) / curvature, -0.5, 0.5);
        }
        const cv::Point2d p = base + offset * normal;
        found.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
    }
    if (found.size() < static_cast<std::size_t>(samples / 3))
        return std::nullopt;
    cv::Vec4f line;
    cv::fitLine(found, line, cv::DIST_HUBER, 0, 0.01, 0.01);
    return line;
}

// Moves each side onto the strongest gradient near it in the full-resolution image and intersects the
// fitted lines: sub-pixel corners, and the virtual corner of a card's rounded one.
Quad refineCorners(const cv::Mat& gray, const Quad& rough, double radius)
{
    std::array<std::optional<cv::Vec4f>, 4> sides;
    for (std::size_t i = 0; i < 4; ++i)
        sides[i] = fitSide(gray, rough[i], rough[(i + 1) % 4], radius);
    Quad refined = rough;
    for (std::size_t i = 0; i < 4; ++i)
    {
        const auto& before = sides[(i + 3) % 4];
        const auto& after = sides[i];
        if (!before || !after)
            continue;
        const auto corner = intersect(*before, *after);
        if (corner && distance(*corner, rough[i]) <= 3 * radius)
            refined[i] = *corner;
    }
    return refined;
}

// Median gradient along segment a-b (10 % to 90 %), or -1 when it leaves the image.
double medianGradient(const cv::Mat& gradient, cv::Point2f a, cv::Point2f b)
{
    std::vector<float> along;
    for (int k = 0; k < 60; ++k)
    {
        const cv::Point2f p = a + (0.1f + 0.8f * static_cast<float>(k) / 59) * (b - a);
        const int x = roundInt(p.x);
        const int y = roundInt(p.y);
        if (x < 0 || y < 0 || x >= gradient.cols || y >= gradient.rows)
            return -1;
        along.push_back(gradient.at<float>(y, x));
    }
    std::nth_element(along.begin(), along.begin() + 30, along.end());
    return along[30];
}

// Mean colour of `image` (8-bit, any channels) inside a convex quadrilateral.
cv::Scalar meanInside(const cv::Mat& image, const Quad& area)
{
    std::vector<cv::Point> polygon;
    for (const auto& p : area)
        polygon.emplace_back(roundInt(p.x), roundInt(p.y));
    cv::Mat mask = cv::Mat::zeros(image.size(), CV_8U);
    cv::fillConvexPoly(mask, polygon, cv::Scalar(255));
    return cv::mean(image, mask);
}

// Moves each side of `q` outward onto a fainter outline running all along it a few pixels further out,
// when there is one: the snapping took the strongest edge, which can be a band or frame printed along the
// document's border rather than the border itself (a light margin on a light surface). A faint outline
// runs all along (its median gradient is high), and the strip it adds differs in colour from what lies
// beyond it; a soft drop shadow is not sharp enough, a line of the surface's grain adds a strip of surface.
Quad expandToOutline(const cv::Mat& small, const cv::Mat& gradient, const Quad& q)
{
    const cv::Point2f centre = (q[0] + q[1] + q[2] + q[3]) * 0.25f;
    std::array<cv::Vec4f, 4> sides;
    for (std::size_t i = 0; i < 4; ++i)
    {
        const cv::Point2f a = q[i];
        const cv::Point2f b = q[(i + 1) % 4];
        const cv::Point2f d = b - a;
        const float length = std::max(1e-3f, std::hypot(d.x, d.y));
        cv::Point2f outward(-d.y / length, d.x / length);
        if ((0.5f * (a + b) - centre).dot(outward) < 0)
            outward = -outward;
        const double own = medianGradient(gradient, a, b);
        std::vector<double> profile{own};
        for (int step = 1; step <= 14; ++step)
            profile.push_back(medianGradient(gradient, a + outward * static_cast<float>(step),
                                             b + outward * static_cast<float>(step)));
        int moved = 0;
        for (int step = 13; step >= 3; --step)
        {
            const double g = profile[static_cast<std::size_t>(step)];
            if (g < std::max(30.0, 0.2 * own) || g < profile[static_cast<std::size_t>(step) - 1] ||
                g < profile[static_cast<std::size_t>(step) + 1])
                continue;
            const auto at = [&](cv::Point2f p, double offset)
            { return p + outward * static_cast<float>(offset); };
            const cv::Scalar strip =
                meanInside(small, {at(a, 1), at(b, 1), at(b, step - 1.0), at(a, step - 1.0)});
            const cv::Scalar beyond = meanInside(
                small, {at(a, step + 2.0), at(b, step + 2.0), at(b, step + 8.0), at(a, step + 8.0)});
            double difference = 0;
            double tint = 0;
            bool darker = true;
            const double stripSum = strip[0] + strip[1] + strip[2] + 1;
            const double beyondSum = beyond[0] + beyond[1] + beyond[2] + 1;
            for (int c = 0; c < small.channels(); ++c)
            {
                difference = std::max(difference, std::abs(strip[c] - beyond[c]));
                tint = std::max(tint, std::abs(strip[c] / stripSum - beyond[c] / beyondSum));
                darker = darker && strip[c] < beyond[c] - 5;
            }
            // A shadow is the surface, darker: same tint.
            const bool shadow = darker && (small.channels() == 1 || tint < 0.02);
            if (difference >= 15 && !shadow)
            {
                moved = step;
                break;
            }
        }
        const cv::Point2f shift = outward * static_cast<float>(moved);
        sides[i] = cv::Vec4f(d.x / length, d.y / length, a.x + shift.x, a.y + shift.y);
    }
    Quad expanded;
    for (std::size_t i = 0; i < 4; ++i)
    {
        const auto corner = intersect(sides[(i + 3) % 4], sides[i]);
        if (!corner)
            return q;
        expanded[i] = *corner;
    }
    return expanded;
}

double edgeDensity(const cv::Mat& edges, const Quad& strip)
{
    std::vector<cv::Point> polygon;
    for (const auto& p : strip)
        polygon.emplace_back(roundInt(p.x), roundInt(p.y));
    cv::Mat mask = cv::Mat::zeros(edges.size(), CV_8U);
    cv::fillConvexPoly(mask, polygon, cv::Scalar(255));
    const int area = cv::countNonZero(mask);
    return area > 0 ? static_cast<double>(cv::countNonZero(edges & mask)) / area : 0;
}

// How far beyond side (p0, p1), moving its ends along u0 and u1, the band ends: the offset (from `from`
// to `to`) where the median gradient along the moved side peaks, when the peak stands out; `fallback`
// otherwise. The median, because a band's far edge is faint but runs all along, while the band's print and
// the surface's texture are strong in places only.
double bandEnd(const cv::Mat& gradient, cv::Point2f p0, cv::Point2f p1, cv::Point2f u0, cv::Point2f u1,
               double from, double to, double fallback)
{
    std::vector<double> profile;
    for (int d = std::max(1, roundInt(from)); d <= roundInt(to); ++d)
    {
        const cv::Point2f a = p0 + u0 * static_cast<float>(d);
        const cv::Point2f b = p1 + u1 * static_cast<float>(d);
        std::vector<float> along;
        for (int k = 0; k < 60; ++k)
        {
            const cv::Point2f p = a + (0.1f + 0.8f * static_cast<float>(k) / 59) * (b - a);
            const int x = roundInt(p.x);
            const int y = roundInt(p.y);
            if (x >= 0 && y >= 0 && x < gradient.cols && y < gradient.rows)
                along.push_back(gradient.at<float>(y, x));
        }
        if (along.size() <= 30)
            break; // the moved side leaves the image
        std::nth_element(along.begin(), along.begin() + static_cast<std::ptrdiff_t>(along.size() / 2),
                         along.end());
        profile.push_back(along[along.size() / 2]);
    }
    if (profile.size() < 3)
        return fallback;
    const auto peak = std::max_element(profile.begin(), profile.end());
    std::vector<double> sorted = profile;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2),
                     sorted.end());
    const double median = sorted[sorted.size() / 2];
    if (*peak < 1.25 * median)
        return fallback;
    return std::max(1, roundInt(from)) + static_cast<double>(peak - profile.begin());
}

// A card whose band along one long edge is the colour of the surface shows only the rest of itself: an
// outline too long for its height. When the outline is 6 % to 45 % longer than ID-1, the card is
// completed across the long side whose strip (the missing part) holds more edges (the band's print)
// than the strip across the other side (the surface), by twice as much, up to the band's faint far edge
// when it can be seen (else to ID-1's shape). Returns the completed outline, or nothing.
std::optional<Quad> completeCard(const cv::Mat& small, const Quad& q)
{
    const double width = (distance(q[0], q[1]) + distance(q[3], q[2])) / 2;
    const double height = (distance(q[0], q[3]) + distance(q[1], q[2])) / 2;
    const bool wide = width >= height;
    const double ratio = wide ? width / height : height / width;
    const double card = aspectOf(cardFormat);
    if (ratio < 1.06 * card || ratio > 1.45 * card)
        return std::nullopt;
    const double missing = (wide ? width : height) / card - (wide ? height : width);
    // Corners by role: the two long sides are (a0, a1) and (b0, b1), a0 facing b0 and a1 facing b1.
    const Quad r = wide ? q : Quad{q[1], q[2], q[3], q[0]};
    const cv::Point2f a0 = r[0], a1 = r[1], b1 = r[2], b0 = r[3];
    auto unit = [](cv::Point2f from, cv::Point2f to)
    {
        const cv::Point2f d = to - from;
        return d * (1.0f / std::max(1e-3f, std::hypot(d.x, d.y)));
    };
    const float m = static_cast<float>(missing);
    const cv::Point2f a0out = a0 + unit(b0, a0) * m, a1out = a1 + unit(b1, a1) * m;
    const cv::Point2f b0out = b0 + unit(a0, b0) * m, b1out = b1 + unit(a1, b1) * m;
    const cv::Rect frame(0, 0, small.cols, small.rows);
    cv::Mat blurred;
    cv::GaussianBlur(small, blurred, {0, 0}, 1.2);
    cv::Mat edges;
    cv::Canny(blurred, edges, 25, 75, 3, true);
    const double beyondA = edgeDensity(edges, {a0out, a1out, a1, a0});
    const double beyondB = edgeDensity(edges, {b0, b1, b1out, b0out});
    Quad completed;
    const cv::Mat gradient = gradientMagnitude(small);
    // The perspective distorts the measured shape, so the band's far edge is looked for well beyond.
    const double reach = std::max(3 * missing, 0.3 * (wide ? height : width));
    if (beyondA > 2 * beyondB && beyondA > 0.02 && frame.contains(a0out) && frame.contains(a1out))
    {
        const cv::Point2f u0 = unit(b0, a0), u1 = unit(b1, a1);
        const float d = static_cast<float>(bandEnd(gradient, a0, a1, u0, u1, 0.5 * missing, reach, missing));
        completed = {a0 + u0 * d, a1 + u1 * d, b1, b0};
    }
    else if (beyondB > 2 * beyondA && beyondB > 0.02 && frame.contains(b0out) && frame.contains(b1out))
    {
        const cv::Point2f u0 = unit(a0, b0), u1 = unit(a1, b1);
        const float d = static_cast<float>(bandEnd(gradient, b0, b1, u0, u1, 0.5 * missing, reach, missing));
        completed = {a0, a1, b1 + u1 * d, b0 + u0 * d};
    }
    else
        return std::nullopt;
    if (!std::all_of(completed.begin(), completed.end(),
                     [&](const cv::Point2f& p) { return frame.contains(p); }))
        return std::nullopt;
    return orderCorners({completed.begin(), completed.end()});
}

// How many sides of `q` have both ends within `margin` of the same border of an image of `size`.
int sidesNearFrame(const Quad& q, cv::Size size, double margin)
{
    const auto m = static_cast<float>(margin);
    const float right = static_cast<float>(size.width - 1) - m;
    const float bottom = static_cast<float>(size.height - 1) - m;
    int count = 0;
    for (std::size_t i = 0; i < 4; ++i)
    {
        const cv::Point2f a = q[i];
        const cv::Point2f b = q[(i + 1) % 4];
        if ((a.x <= m && b.x <= m) || (a.y <= m && b.y <= m) || (a.x >= right && b.x >= right) ||
            (a.y >= bottom && b.y >= bottom))
            ++count;
    }
    return count;
}

// How many sides of `q` separate different colours: the median colour of a strip just inside (3 to 6
// pixels) and of one just outside differ by 10 grey levels or more in some channel. Medians, so that text
// cut by a ruled box does not count as a change of colour.
int stepSides(const cv::Mat& small, const Quad& q)
{
    const cv::Point2f centre = (q[0] + q[1] + q[2] + q[3]) * 0.25f;
    int steps = 0;
    for (std::size_t i = 0; i < 4; ++i)
    {
        const cv::Point2f a = q[i];
        const cv::Point2f b = q[(i + 1) % 4];
        const cv::Point2f d = b - a;
        const float length = std::max(1e-3f, std::hypot(d.x, d.y));
        cv::Point2f outward(-d.y / length, d.x / length);
        if ((0.5f * (a + b) - centre).dot(outward) < 0)
            outward = -outward;
        // Between 10 % and 90 % of the side, clear of rounded corners.
        auto strip = [&](float from, float to, int channel)
        {
            std::vector<int> values;
            for (int k = 0; k < 40; ++k)
                for (float offset = from; offset <= to; offset += 1)
                {
                    const cv::Point2f p =
                        a + (0.1f + 0.8f * static_cast<float>(k) / 39) * d + outward * offset;
                    const int x = roundInt(p.x);
                    const int y = roundInt(p.y);
                    if (x >= 0 && y >= 0 && x < small.cols && y < small.rows)
                        values.push_back(small.ptr<std::uint8_t>(y)[x * small.channels() + channel]);
                }
            return median(std::move(values));
        };
        double difference = 0;
        for (int c = 0; c < small.channels(); ++c)
            difference = std::max(difference, std::abs(strip(-6, -3, c) - strip(3, 6, c)));
        if (difference >= 10)
            ++steps;
    }
    return steps;
}

// `image` as it came (colour helps find edges), `gray` its grey version.
std::optional<Quad> detect(const cv::Mat& image, const cv::Mat& gray, DocumentHint hint)
{
    double scale = 1;
    const cv::Mat small = downscaled(gray, 1000, scale);
    if (std::min(small.cols, small.rows) < minSide)
        return std::nullopt;
    cv::Mat colour = small;
    if (image.channels() > 1)
    {
        cv::resize(image, colour, small.size(), 0, 0, cv::INTER_AREA);
        if (colour.depth() != CV_8U)
            colour.convertTo(colour, CV_8U, 1.0 / 257.0);
        if (colour.channels() == 4)
            cv::cvtColor(colour, colour, cv::COLOR_BGRA2BGR);
    }
    const double imageArea = static_cast<double>(small.cols) * small.rows;
    std::vector<Candidate> candidates;
    edgeCandidates(colour, 0.04 * imageArea, candidates);
    const cv::Mat gradient = gradientMagnitude(colour);
    if (candidates.empty())
    {
        cv::Mat blurred;
        cv::GaussianBlur(small, blurred, {0, 0}, 1.2);
        blobCandidates(blurred, 0.04 * imageArea, candidates);
    }
    // The largest outline wins, discounted by how much of it is missing: a surface's texture outlines large
    // shapes too, but patchily.
    auto score = [](const Candidate& c) { return c.area * std::pow(c.support, 4); };
    std::sort(candidates.begin(), candidates.end(),
              [&](const Candidate& a, const Candidate& b) { return score(a) > score(b); });
    for (const auto& candidate : candidates)
    {
        const double share = candidate.area / imageArea;
        Quad quad = candidate.quad;
        for (auto& p : quad)
            p = cv::Point2f(static_cast<float>((p.x + 0.5) / scale - 0.5),
                            static_cast<float>((p.y + 0.5) / scale - 0.5));
        if (share >= 0.8)
        {
            // A scan: the page's edge (if visible at all) runs along the image's.
            const double near = 0.05 * std::hypot(gray.cols, gray.rows);
            const Quad frame{
                cv::Point2f(0, 0), cv::Point2f(static_cast<float>(gray.cols - 1), 0),
                cv::Point2f(static_cast<float>(gray.cols - 1), static_cast<float>(gray.rows - 1)),
                cv::Point2f(0, static_cast<float>(gray.rows - 1))};
            bool fillsFrame = true;
            for (std::size_t i = 0; i < 4; ++i)
                fillsFrame = fillsFrame && distance(quad[i], frame[i]) <= near;
            // A clear outline there is a scanned page's edge: nothing to flatten. A faint one is the texture
            // of the surface or the noise of the image, which outlines anything.
            if (fillsFrame && candidate.support >= 0.85)
                return std::nullopt;
            if (fillsFrame)
                continue;
        }
        // A document lying on a surface has a margin of surface around it; an outline with two sides
        // against the image's border is something inside a document that fills the frame (a card's band,
        // a passport page above its machine-readable zone).
        if (sidesNearFrame(candidate.quad, small.size(), 0.04 * std::min(small.cols, small.rows)) >= 2)
            continue;
        // A document's edge is a step from one colour to another, all round; a frame or table ruled on a
        // page has the same paper on both sides. And it is an outline all round: a patchy one is a table's
        // shading or the surface's texture.
        if (stepSides(colour, candidate.quad) < 4 || candidate.support < 0.7)
            continue;
        Quad outline = expandToOutline(colour, gradient, candidate.quad);
        if (hint != DocumentHint::Page)
            outline = completeCard(colour, outline).value_or(outline);
        quad = outline;
        for (auto& p : quad)
            p = cv::Point2f(static_cast<float>((p.x + 0.5) / scale - 0.5),
                            static_cast<float>((p.y + 0.5) / scale - 0.5));
        // Only a card, a passport page or a page is looked for. A small one (an ID scanned on a flatbed)
        // must be clearly outlined with a card's or passport page's shape, lying landscape: boxes and
        // photos on a page are small outlines too.
        const bool minor = share < 0.25;
        const double aspect = measuredAspect(quad, gray.size());
        const auto match = matchFormat(aspect, hint, minor ? 0.08 : 0.15);
        if (!match.format)
            continue;
        if (minor && (hint == DocumentHint::Page || candidate.support < 0.85 || !match.format->landscape ||
                      aspect < 1))
            continue;
        const Quad refined = refineCorners(gray, quad, std::max(3.0, 2.5 / scale));
        return orderCorners({refined.begin(), refined.end()});
    }
    return std::nullopt;
}

// ---- the pipeline

// True when a ring along the image's edges (1.5 % of the shorter side) is nearly all light: a scan or a crop,
// where the document is the whole image and searching for its outline costs a tenth of a second for
// nothing. A photo shows the surface the document lies on somewhere along its edges (on the synthetic phone
// photos at most 87 % of the ring is light; on scans and crops at least 98.5 %).
bool paperToTheEdges(const cv::Mat& gray)
{
    const int ring = std::max(2, std::min(gray.cols, gray.rows) * 15 / 1000);
    if (gray.cols <= 4 * ring || gray.rows <= 4 * ring)
        return false;
    const std::array<cv::Rect, 4> sides{cv::Rect(0, 0, gray.cols, ring), cv::Rect(0, gray.rows - ring, gray.cols, ring),
                                        cv::Rect(0, ring, ring, gray.rows - 2 * ring),
                                        cv::Rect(gray.cols - ring, ring, ring, gray.rows - 2 * ring)};
    double light = 0;
    double all = 0;
    for (const cv::Rect& side : sides)
    {
        light += cv::countNonZero(gray(side) >= 180);
        all += side.area();
    }
    return light >= 0.95 * all;
}

class Pipeline
{
public:
    Pipeline(const ImagePreprocessorSettings& settings, OcrEngine* engine)
        : _settings(settings), _engine(engine)
    {
    }

    PreparedPage run(const cv::Mat& image, double xDpi, double yDpi, DocumentHint hint)
    {
        cv::Mat gray = toGray(image);
        _bilevel = isBilevel(gray);
        _dpi = _settings.targetDpi;
        if (_bilevel && dithered(gray))
        {
            // Grey areas of a faxed card or photo arrive as dots, among which small print is lost: the dots
            // blurred into grey and cut well below mid-grey leave the solid strokes of print only.
            cv::GaussianBlur(gray, gray, cv::Size(), 1.0);
            cv::threshold(gray, gray, 100, 255, cv::THRESH_BINARY);
            note("fax dithering removed");
        }
        std::optional<Quad> quad;
        if (!_bilevel && paperToTheEdges(gray))
            note("paper to the edges: no document to find");
        else if (!_bilevel && wholePageScan(gray.size(), xDpi, yDpi))
            note("a whole page scanned at " + fixed(xDpi, 0) + " dpi: no document to find");
        else if (!_bilevel)
            quad = detect(image, gray, hint);
        if (quad)
            flatten(gray, *quad, hint);
        else
            resample(gray, xDpi, yDpi, hint);
        if (!_bilevel)
            clean();
        straighten();
        orient();
        PreparedPage out;
        out.binary = _bilevel ? _page.clone() : binarize(_page, _dpi);
        if (_flattened && !_bilevel)
        {
            // The document's outline itself, blended with the surface along the border, would read as a
            // dotted frame: the binary page starts just inside it.
            cv::rectangle(out.binary, cv::Rect(0, 0, out.binary.cols, out.binary.rows), cv::Scalar(255), 3);
        }
        out.gray = std::move(_page);
        out.dpi = roundInt(_dpi);
        out.toOriginal = cv::Mat(_toPage.inv());
        out.flattened = quad.has_value();
        out.format = _format;
        out.skewDegrees = _skew;
        out.rotation = _rotation;
        out.steps = std::move(_steps);
        return out;
    }

private:
    void note(std::string step) { _steps.push_back(std::move(step)); }

    void apply(const cv::Matx33d& m) { _toPage = m * _toPage; }

    // The format among those whose shape fits within 12 %: the best fit, unless a passport page and a page
    // fit almost as well (within 8 points: they look alike in a tilted photo); then the one under which the
    // text would have its format's typical height decides (a page taken for a passport page would have
    // text 1.7 times too small). Not between a card and a passport page: their print scales with them.
    FormatMatch chooseFormat(const cv::Mat& gray, const Quad& found, DocumentHint hint)
    {
        const auto ranked = rankFormats(measuredAspect(found, gray.size()), hint);
        if (ranked.empty() || ranked[0].error > 0.12)
            return {};
        if (ranked.size() < 2 || ranked[1].error > 0.12 || ranked[1].error - ranked[0].error > 0.08 ||
            ranked[0].format == &cardFormat || ranked[1].format == &cardFormat)
            return ranked[0];
        // The document at its own resolution in the photo, straightened, to measure its text.
        const double width = (distance(found[0], found[1]) + distance(found[3], found[2])) / 2;
        const double height = (distance(found[0], found[3]) + distance(found[1], found[2])) / 2;
        const cv::Size native(std::max(minSide, roundInt(width)), std::max(minSide, roundInt(height)));
        const std::array<cv::Point2f, 4> corners{
            cv::Point2f(0, 0), cv::Point2f(static_cast<float>(native.width), 0),
            cv::Point2f(static_cast<float>(native.width), static_cast<float>(native.height)),
            cv::Point2f(0, static_cast<float>(native.height))};
        cv::Mat straight;
        cv::warpPerspective(gray, straight, cv::getPerspectiveTransform(found.data(), corners.data()), native,
                            cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        if (analyseSkew(straight, _dpi, 15, true).vertical)
            cv::rotate(straight, straight, cv::ROTATE_90_CLOCKWISE);
        const auto text = textHeight(straight);
        if (!text)
            return ranked[0];
        const double nativeLong = std::max(width, height);
        auto misfit = [&](const FormatMatch& m)
        {
            const double scale = m.format->longMm / mmPerInch * _dpi / nativeLong;
            return std::abs(std::log(*text * scale / m.format->textHeight));
        };
        return misfit(ranked[1]) < misfit(ranked[0]) ? ranked[1] : ranked[0];
    }

    void flatten(const cv::Mat& gray, const Quad& found, DocumentHint hint)
    {
        const FormatMatch match = chooseFormat(gray, found, hint);
        Quad quad = found;
        cv::Size size;
        std::string what;
        if (match.format)
        {
            // Turn the corner order by a quarter when the long side lies the other way than the format is
            // read; which quarter is arbitrary, orientation detection settles it.
            if (match.longSideHorizontal != match.format->landscape)
                quad = {found[3], found[0], found[1], found[2]};
            const double longPx = match.format->longMm / mmPerInch * _dpi;
            const double shortPx = match.format->shortMm / mmPerInch * _dpi;
            // The document's own resolution in the photo: the longer of its long sides over its length.
            const double sourceLong = std::max({distance(quad[0], quad[1]), distance(quad[3], quad[2]),
                                                distance(quad[0], quad[3]), distance(quad[1], quad[2])});
            const double scale = lowerTo(sourceLong / (match.format->longMm / mmPerInch)) / _settings.targetDpi;
            size = match.format->landscape ? cv::Size(roundInt(longPx * scale), roundInt(shortPx * scale))
                                           : cv::Size(roundInt(shortPx * scale), roundInt(longPx * scale));
            what = match.format->name;
            _format = match.format->name;
        }
        else
        {
            // Unknown shape: keep the measured proportions at the photo's own resolution; the text height
            // decides the scale afterwards.
            const double width = (distance(found[0], found[1]) + distance(found[3], found[2])) / 2;
            const double height = (distance(found[0], found[3]) + distance(found[1], found[2])) / 2;
            size = cv::Size(std::max(minSide, roundInt(width)), std::max(minSide, roundInt(height)));
            what = "document of unknown format";
        }
        // Shrink a much larger source first so the warp does not alias (it samples, it does not average).
        const double sourceWidth = std::max(distance(quad[0], quad[1]), distance(quad[3], quad[2]));
        cv::Mat source = gray;
        Quad sourceQuad = quad;
        if (sourceWidth > 2.0 * size.width)
        {
            const double s = 1.5 * size.width / sourceWidth;
            cv::resize(gray, source,
                       cv::Size(std::max(1, roundInt(gray.cols * s)), std::max(1, roundInt(gray.rows * s))),
                       0, 0, cv::INTER_AREA);
            const double sx = static_cast<double>(source.cols) / gray.cols;
            const double sy = static_cast<double>(source.rows) / gray.rows;
            for (auto& p : sourceQuad)
                p = cv::Point2f(static_cast<float>((p.x + 0.5) * sx - 0.5),
                                static_cast<float>((p.y + 0.5) * sy - 0.5));
            apply(resizeMatrix(sx, sy));
        }
        const float right = static_cast<float>(size.width) - 0.5f;
        const float bottom = static_cast<float>(size.height) - 0.5f;
        const std::array<cv::Point2f, 4> target{cv::Point2f(-0.5f, -0.5f), cv::Point2f(right, -0.5f),
                                                cv::Point2f(right, bottom), cv::Point2f(-0.5f, bottom)};
        const cv::Mat h = cv::getPerspectiveTransform(sourceQuad.data(), target.data());
        cv::warpPerspective(source, _page, h, size, cv::INTER_CUBIC, cv::BORDER_REPLICATE);
        apply(cv::Matx33d(h));
        _flattened = true;
        note("document found and flattened: " + what + ", " + sizeText(size.width, size.height));
        if (!match.format)
            scaleToTextHeight();
    }

    // Reads the page at `native` dpi (its own resolution) when that is below the target, but not below
    // minDpi: enlarging adds no detail, only OCR time. Returns the resolution chosen.
    double lowerTo(double native)
    {
        if (native < _dpi)
        {
            _dpi = std::max(native, std::min<double>(_settings.minDpi, _dpi));
            if (_dpi < _settings.targetDpi)
                note("read at " + fixed(_dpi, 0) + " dpi, the document's own resolution");
        }
        return _dpi;
    }

    // A scanner's image of a whole letter or A4 page: a resolution it wrote (cameras write 72 or none) at
    // which the image measures such a page within 3 %. Looking for a document against a background in it
    // would only find the page itself, or nothing.
    static bool wholePageScan(cv::Size size, double xDpi, double yDpi)
    {
        if (!trusted(xDpi, yDpi) || std::abs(xDpi / yDpi - 1) > 0.02)
            return false;
        const double shortInches = std::min(size.width / xDpi, size.height / yDpi);
        const double longInches = std::max(size.width / xDpi, size.height / yDpi);
        for (const Format* format : {&letterFormat, &a4Format})
        {
            const double shortSide = format->shortMm / mmPerInch;
            const double longSide = format->longMm / mmPerInch;
            if (std::abs(shortInches / shortSide - 1) <= 0.03 && std::abs(longInches / longSide - 1) <= 0.03)
                return true;
        }
        return false;
    }

    static bool trusted(double xDpi, double yDpi)
    {
        const double low = std::min(xDpi, yDpi);
        const double high = std::max(xDpi, yDpi);
        return std::isfinite(low) && std::isfinite(high) && low >= 50 && high >= 100 && high <= 1200 &&
               high / low <= 5;
    }

    void resample(const cv::Mat& gray, double xDpi, double yDpi, DocumentHint hint)
    {
        double sx = 1;
        double sy = 1;
        if (trusted(xDpi, yDpi))
        {
            lowerTo(std::max(xDpi, yDpi));
            sx = _dpi / xDpi;
            sy = _dpi / yDpi;
            if (std::abs(xDpi / yDpi - 1) > 0.02)
                note("fax " + fixed(xDpi, 0) + "x" + fixed(yDpi, 0) + " dpi resampled to square pixels");
            else if (std::abs(sx - 1) > 0.01)
                note("resampled from " + fixed(xDpi, 0) + " to " + fixed(_dpi, 0) + " dpi");
        }
        else
        {
            if (xDpi > 0 || yDpi > 0)
                note("resolution " + fixed(xDpi, 0) + "x" + fixed(yDpi, 0) + " dpi ignored as implausible");
            // A cropped card or page with no resolution: its shape gives its physical size.
            // Only a card's shape is distinctive enough for this (and a passport page's when the caller says
            // so); a page's is too close to a camera frame's 4:3.
            const double ratio = static_cast<double>(gray.cols) / gray.rows;
            const FormatMatch match =
                hint == DocumentHint::Unknown || hint == DocumentHint::Card || hint == DocumentHint::Passport
                    ? matchFormat(ratio, hint == DocumentHint::Unknown ? DocumentHint::Card : hint, 0.02)
                    : FormatMatch{};
            if (match.format && match.longSideHorizontal == match.format->landscape)
            {
                const double longPx = match.format->longMm / mmPerInch * _dpi;
                sx = sy = longPx / std::max(gray.cols, gray.rows);
                _format = match.format->name;
                note("resolution unknown: sized as a " + _format);
            }
            else if (auto height = textHeight(gray); height && (*height < 15 || *height > 45))
            {
                sx = sy = std::clamp(24.0 / *height, 1.0 / 3, 3.0);
                note("resolution unknown: scaled by " + fixed(sx, 2) + " for text " + fixed(*height, 0) +
                     " pixels high");
            }
            else
                note("resolution unknown: taken as " + fixed(_dpi, 0) + " dpi");
        }
        resize(gray, sx, sy);
    }

    // Scales the page so its characters have a median height of 24 pixels when they are far from it.
    void scaleToTextHeight()
    {
        const auto height = textHeight(_page);
        if (!height || (*height >= 15 && *height <= 45))
            return;
        const double s = std::clamp(24.0 / *height, 1.0 / 3, 3.0);
        note("scaled by " + fixed(s, 2) + " for text " + fixed(*height, 0) + " pixels high");
        cv::Mat page = _page;
        resize(page, s, s);
    }

    // Resamples `source` into _page by (sx, sy), within the upscale and output limits (which lower the
    // resolution actually reached, and so the dpi reported).
    void resize(const cv::Mat& source, double sx, double sy)
    {
        double limit = std::min(1.0, _settings.maxUpscale / std::max(sx, sy));
        const double pixels = source.cols * sx * limit * source.rows * sy * limit;
        if (pixels > static_cast<double>(_settings.maxOutputPixels))
            limit *= std::sqrt(static_cast<double>(_settings.maxOutputPixels) / pixels);
        if (limit < 1)
        {
            note("resolution capped at " + fixed(_dpi * limit, 0) + " dpi (size limits)");
            sx *= limit;
            sy *= limit;
            _dpi *= limit;
        }
        const cv::Size size(std::max(1, roundInt(source.cols * sx)), std::max(1, roundInt(source.rows * sy)));
        if (size == source.size())
        {
            _page = source.clone();
            return;
        }
        const bool shrinking = size.width <= source.cols && size.height <= source.rows;
        cv::Mat out;
        cv::resize(source, out, size, 0, 0,
                   shrinking ? cv::INTER_AREA : (_bilevel ? cv::INTER_LINEAR : cv::INTER_CUBIC));
        if (_bilevel)
            recrisp(out);
        apply(resizeMatrix(static_cast<double>(size.width) / source.cols,
                           static_cast<double>(size.height) / source.rows));
        _page = std::move(out);
    }

    void clean()
    {
        const double sigma = noiseSigma(_page);
        if (sigma >= 3)
        {
            cv::medianBlur(_page, _page, 3);
            note("noise reduced (sigma " + fixed(sigma, 1) + ")");
        }
        if (const int panels = lightenDarkPanels(_page, _dpi))
            note(std::to_string(panels) + (panels == 1 ? " dark panel" : " dark panels") +
                 " with light print turned over");
        const int spread = evenIllumination(_page, _dpi);
        if (spread >= 30)
            note("illumination evened (background varied by " + std::to_string(spread) + " levels)");
        if (_flattened)
            sharpen();
    }

    // A phone photo is soft: its strokes spread over several pixels, and small print merges. An unsharp
    // mask (the page minus a blur of itself over about 1/60 inch, 1.5 times) restores their edges; Tesseract
    // then reads small print on the synthetic photos that it could not read before. Only for documents
    // found in a photo: scans are sharp already and would only gain noise.
    void sharpen()
    {
        const double sigma = std::max(1.0, _dpi / 60.0);
        cv::Mat blurred;
        cv::GaussianBlur(_page, blurred, cv::Size(), sigma);
        cv::addWeighted(_page, 2.5, blurred, -1.5, 0, _page);
        note("sharpened (photo)");
    }

    void straighten()
    {
        // A flattened document's outline fixed its geometry: only a residual skew can remain.
        const double maxDegrees = _flattened ? 3.0 : 15.0;
        SkewAnalysis analysis = analyseSkew(_page, _dpi, maxDegrees, true);
        if (!analysis.found)
            return;
        _linesFound = true;
        if (analysis.vertical)
        {
            turn(90);
            note("rotated 90 (text lines ran vertically)");
            analysis = analyseSkew(_page, _dpi, maxDegrees, false);
            if (!analysis.found)
                return;
        }
        if (std::abs(analysis.angle) < 0.1)
            return;
        const cv::Point2f centre(static_cast<float>(_page.cols - 1) / 2,
                                 static_cast<float>(_page.rows - 1) / 2);
        const cv::Mat m = cv::getRotationMatrix2D(centre, -analysis.angle, 1.0);
        cv::Mat out;
        cv::warpAffine(_page, out, m, _page.size(), _bilevel ? cv::INTER_LINEAR : cv::INTER_CUBIC,
                       cv::BORDER_CONSTANT, cv::Scalar::all(255));
        if (_bilevel)
            recrisp(out);
        _page = std::move(out);
        apply(affineMatrix(m));
        _skew = analysis.angle;
        note("deskewed " + fixed(analysis.angle, 1) + " degrees");
    }

    void turn(int clockwise)
    {
        const cv::Size before = _page.size();
        cv::Mat out;
        cv::rotate(_page, out,
                   clockwise == 90    ? cv::ROTATE_90_CLOCKWISE
                   : clockwise == 180 ? cv::ROTATE_180
                                      : cv::ROTATE_90_COUNTERCLOCKWISE);
        _page = std::move(out);
        apply(quarterTurnMatrix(clockwise, before));
        _rotation = (_rotation + clockwise) % 360;
    }

    // Which way up. When straighten() found the text lines (so the page is upright or upside down), the
    // densest band of text is read both ways and the better reading wins by 0.1 of mean word confidence:
    // Tesseract's orientation detection, measured on the synthetic phone photos, took 7 of 8 upright
    // passport pages (the machine-readable zone's chevrons) and 1 card in 4 for upside down. Otherwise,
    // or when the readings are too close, the engine's orientation() decides when confident enough (only
    // between 0 and 180 when the lines were found running across).
    void orient()
    {
        if (!_engine)
            return;
        try
        {
            if (_linesFound)
            {
                if (const auto reading = readBothWays(_page, _dpi, *_engine))
                {
                    if (reading->upsideDown >= reading->upright + 0.1f)
                    {
                        turn(180);
                        note("rotated 180 (the text read better upside down: confidence " +
                             fixed(reading->upsideDown, 2) + " against " + fixed(reading->upright, 2) + ")");
                        return;
                    }
                    if (reading->upright >= reading->upsideDown + 0.1f)
                        return;
                }
            }
            const auto [clockwise, confidence] = _engine->orientation(viewOf(_page), roundInt(_dpi));
            // Lines found running across the page leave only a half turn to decide.
            const bool allowed = clockwise == 180 || (!_linesFound && (clockwise == 90 || clockwise == 270));
            if (allowed && confidence >= _settings.minOrientationConfidence)
            {
                turn(clockwise);
                note("rotated " + std::to_string(clockwise) + " (orientation detection, confidence " +
                     fixed(confidence, 2) + ")");
            }
        }
        catch (const Error& e)
        {
            // The page is still worth reading as it stands; the reason goes with it.
            note(std::string("orientation not checked: ") + e.what());
        }
    }

    const ImagePreprocessorSettings& _settings;
    OcrEngine* _engine;
    cv::Mat _page;
    bool _bilevel = false;
    bool _flattened = false;
    bool _linesFound = false;
    std::string _format;
    double _dpi = 300;
    double _skew = 0;
    int _rotation = 0;
    cv::Matx33d _toPage = cv::Matx33d::eye(); // input pixels -> current page pixels
    std::vector<std::string> _steps;
};

void checkInput(const cv::Mat& image, const ImagePreprocessorSettings& settings)
{
    if (image.empty())
        throw Error(ErrorCode::InvalidInput, "the image to prepare is empty");
    if (image.dims != 2)
        throw Error(ErrorCode::InvalidInput,
                    "the image to prepare has " + std::to_string(image.dims) + " dimensions, not 2");
    const int depth = image.depth();
    const int channels = image.channels();
    if ((depth != CV_8U && depth != CV_16U) || (channels != 1 && channels != 3 && channels != 4))
        throw Error(ErrorCode::InvalidInput, "the image to prepare has an unsupported pixel type (" +
                                                 std::to_string(channels) + " channels of " +
                                                 (depth == CV_8U || depth == CV_16U ? "8/16" : "non-8/16") +
                                                 "-bit samples); 8 or 16-bit grey, BGR or BGRA is needed");
    if (image.cols < minSide || image.rows < minSide)
        throw Error(ErrorCode::InvalidInput, "the image to prepare is " + sizeText(image.cols, image.rows) +
                                                 " pixels; at least " + sizeText(minSide, minSide) +
                                                 " is needed");
    const auto pixels = static_cast<std::int64_t>(image.cols) * image.rows;
    if (pixels > settings.maxInputPixels)
        throw Error(ErrorCode::TooLarge, "the image to prepare is " + sizeText(image.cols, image.rows) +
                                             " pixels, beyond the limit of " +
                                             std::to_string(settings.maxInputPixels) + " pixels");
}

template <typename Function> auto guarded(const cv::Mat& image, Function&& function)
{
    try
    {
        return function();
    }
    catch (const cv::Exception& e)
    {
        throw Error(ErrorCode::Internal, "OpenCV failed while preparing a " +
                                             sizeText(image.cols, image.rows) + " image: " + e.err);
    }
    catch (const std::bad_alloc&)
    {
        throw Error(ErrorCode::TooLarge,
                    "not enough memory to prepare a " + sizeText(image.cols, image.rows) + " image");
    }
}

} // namespace

std::array<cv::Point2f, 4> PreparedPage::originalQuad(const cv::Rect2f& box) const
{
    std::vector<cv::Point2f> corners{
        box.tl(), {box.x + box.width, box.y}, box.br(), {box.x, box.y + box.height}};
    std::vector<cv::Point2f> mapped;
    if (toOriginal.empty())
        mapped = corners;
    else
        cv::perspectiveTransform(corners, mapped, toOriginal);
    return {mapped[0], mapped[1], mapped[2], mapped[3]};
}

ImagePreprocessor::ImagePreprocessor(OcrEngine* orientation, ImagePreprocessorSettings settings)
    : _orientation(orientation), _settings(settings)
{
    if (_settings.targetDpi < 100 || _settings.targetDpi > 600)
        throw Error(ErrorCode::Configuration, "image preprocessor: targetDpi must be 100 to 600, not " +
                                                  std::to_string(_settings.targetDpi));
    if (_settings.minDpi < 100 || _settings.minDpi > _settings.targetDpi)
        throw Error(ErrorCode::Configuration, "image preprocessor: minDpi must be 100 to targetDpi, not " +
                                                  std::to_string(_settings.minDpi));
    if (_settings.maxInputPixels <= 0 || _settings.maxOutputPixels <= 0)
        throw Error(ErrorCode::Configuration, "image preprocessor: pixel limits must be positive");
    if (!(_settings.maxUpscale >= 1.0 && _settings.maxUpscale <= 16.0))
        throw Error(ErrorCode::Configuration,
                    "image preprocessor: maxUpscale must be 1 to 16, not " + fixed(_settings.maxUpscale, 2));
    if (!(_settings.minOrientationConfidence >= 0.0f && _settings.minOrientationConfidence <= 1.0f))
        throw Error(ErrorCode::Configuration, "image preprocessor: minOrientationConfidence must be 0 to 1");
}

PreparedPage ImagePreprocessor::prepare(const cv::Mat& image, double xDpi, double yDpi,
                                        DocumentHint hint) const
{
    checkInput(image, _settings);
    return guarded(image, [&] { return Pipeline(_settings, _orientation).run(image, xDpi, yDpi, hint); });
}

std::optional<std::array<cv::Point2f, 4>> ImagePreprocessor::findDocument(const cv::Mat& image,
                                                                          DocumentHint hint) const
{
    checkInput(image, _settings);
    return guarded(image, [&] { return detect(image, toGray(image), hint); });
}

} // namespace proofdesk
