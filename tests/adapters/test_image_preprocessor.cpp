#include "proofdesk/adapters/ImagePreprocessor.h"
#include "proofdesk/adapters/TesseractOcr.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Json.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace proofdesk;

namespace
{

// ---- synthetic documents (all text made up)

const std::vector<std::string> words{"ACCOUNT", "statement", "balance", "PERIOD",  "payment", "due",  "total",
                                     "Deposit", "interest",  "SERVICE", "address", "amount",  "2024", "MAIN",
                                     "street",  "charges",   "credit",  "summary", "number",  "CITY", "0042"};

std::string randomLine(std::mt19937& rng, int count)
{
    std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
    std::string line;
    for (int i = 0; i < count; ++i)
        line += (i ? " " : "") + words[pick(rng)];
    return line;
}

// A white page with lines of black text, `scale` pixels per 1/150 inch (letter shape); `underlined` rules
// a line under each text line (something a fake reader can tell the way up by).
cv::Mat makePage(double scale = 1.0, unsigned seed = 1, bool underlined = false)
{
    std::mt19937 rng(seed);
    const int w = static_cast<int>(std::lround(1275 * scale));
    const int h = static_cast<int>(std::lround(1650 * scale));
    cv::Mat page(h, w, CV_8UC1, cv::Scalar(255));
    cv::putText(page, "FIRST EXAMPLE BANK", {static_cast<int>(90 * scale), static_cast<int>(150 * scale)},
                cv::FONT_HERSHEY_DUPLEX, 1.6 * scale, cv::Scalar(0),
                static_cast<int>(std::lround(3 * scale)));
    std::uniform_int_distribution<int> wordsPerLine(4, 8);
    for (int y = static_cast<int>(240 * scale); y < h - 120 * scale;
         y += static_cast<int>(std::lround(40 * scale)))
    {
        cv::putText(page, randomLine(rng, wordsPerLine(rng)), {static_cast<int>(90 * scale), y},
                    cv::FONT_HERSHEY_SIMPLEX, 0.85 * scale, cv::Scalar(0),
                    std::max(1, static_cast<int>(std::lround(2 * scale))), cv::LINE_AA);
        if (underlined)
        {
            const int rule = y + static_cast<int>(std::lround(8 * scale));
            cv::line(page, {static_cast<int>(90 * scale), rule}, {static_cast<int>(700 * scale), rule},
                     cv::Scalar(0), std::max(1, static_cast<int>(std::lround(2 * scale))));
        }
    }
    return page;
}

// An ID-1 card at 10 pixels per mm (856 x 540): tinted background, a title band, a photo block, fields.
cv::Mat makeCard(unsigned seed = 2)
{
    std::mt19937 rng(seed);
    cv::Mat card(540, 856, CV_8UC3, cv::Scalar(235, 225, 205));
    cv::rectangle(card, {0, 24}, {855, 84}, cv::Scalar(140, 70, 20), cv::FILLED);
    cv::putText(card, "EXAMPLE STATE DRIVER LICENSE", {30, 68}, cv::FONT_HERSHEY_DUPLEX, 1.1,
                cv::Scalar(255, 255, 255), 2, cv::LINE_AA);
    cv::rectangle(card, {30, 110}, {250, 400}, cv::Scalar(90, 100, 120), cv::FILLED);
    for (int i = 0; i < 7; ++i)
        cv::putText(card, randomLine(rng, 3), {290, 130 + 45 * i}, cv::FONT_HERSHEY_SIMPLEX, 0.85,
                    cv::Scalar(30, 20, 10), 2, cv::LINE_AA);
    return card;
}

// A textured surface: dark wood-like stripes with noise.
cv::Mat makeBackground(cv::Size size, unsigned seed = 3)
{
    cv::Mat noise(size.height / 4, size.width / 4, CV_8UC3);
    cv::RNG rng(seed);
    rng.fill(noise, cv::RNG::NORMAL, cv::Scalar(60, 80, 110), cv::Scalar(12, 12, 12));
    for (int y = 0; y < noise.rows; y += 3)
        cv::line(noise, {0, y}, {noise.cols, y + 5}, cv::Scalar(40, 55, 80), 1);
    cv::Mat background;
    cv::resize(noise, background, size, 0, 0, cv::INTER_CUBIC);
    cv::GaussianBlur(background, background, {0, 0}, 1.0);
    return background;
}

using Quad = std::array<cv::Point2f, 4>;

// Where a pinhole camera (focal length one frame width, principal point in the middle) sees the corners of
// a flat `width` x `height` rectangle tilted by `pitch` and `yaw` and turned by `roll` (degrees), at the
// distance where its width spans about `coverage` of the frame, shifted by `offset` pixels.
Quad cameraView(double width, double height, double pitch, double yaw, double roll, double coverage,
                cv::Size frame, cv::Point2d offset = {0, 0})
{
    const double rad = CV_PI / 180;
    const cv::Matx33d rx(1, 0, 0, 0, std::cos(pitch * rad), -std::sin(pitch * rad), 0, std::sin(pitch * rad),
                         std::cos(pitch * rad));
    const cv::Matx33d ry(std::cos(yaw * rad), 0, std::sin(yaw * rad), 0, 1, 0, -std::sin(yaw * rad), 0,
                         std::cos(yaw * rad));
    const cv::Matx33d rz(std::cos(roll * rad), -std::sin(roll * rad), 0, std::sin(roll * rad),
                         std::cos(roll * rad), 0, 0, 0, 1);
    const double f = frame.width;
    const double distance = f * width / (coverage * frame.width);
    Quad q;
    const std::array<cv::Point2d, 4> corners{
        cv::Point2d(-width / 2, -height / 2), cv::Point2d(width / 2, -height / 2),
        cv::Point2d(width / 2, height / 2), cv::Point2d(-width / 2, height / 2)};
    for (std::size_t i = 0; i < 4; ++i)
    {
        const cv::Vec3d p =
            rx * ry * rz * cv::Vec3d(corners[i].x, corners[i].y, 0) + cv::Vec3d(0, 0, distance);
        q[i] = cv::Point2f(static_cast<float>(f * p[0] / p[2] + frame.width / 2.0 + offset.x),
                           static_cast<float>(f * p[1] / p[2] + frame.height / 2.0 + offset.y));
    }
    return q;
}

// `document` seen in perspective on `background` with its outline at `corners` (TL, TR, BR, BL).
cv::Mat photograph(const cv::Mat& document, cv::Mat background, const Quad& corners)
{
    const float w = static_cast<float>(document.cols) - 0.5f;
    const float h = static_cast<float>(document.rows) - 0.5f;
    const Quad source{cv::Point2f(-0.5f, -0.5f), cv::Point2f(w, -0.5f), cv::Point2f(w, h),
                      cv::Point2f(-0.5f, h)};
    const cv::Mat m = cv::getPerspectiveTransform(source.data(), corners.data());
    cv::Mat colour = document;
    if (document.channels() == 1)
        cv::cvtColor(document, colour, cv::COLOR_GRAY2BGR);
    cv::warpPerspective(colour, background, m, background.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
    cv::GaussianBlur(background, background, {0, 0}, 0.8);
    return background;
}

cv::Mat rotated(const cv::Mat& page, double degrees)
{
    const cv::Point2f centre(static_cast<float>(page.cols - 1) / 2, static_cast<float>(page.rows - 1) / 2);
    cv::Mat out;
    cv::warpAffine(page, out, cv::getRotationMatrix2D(centre, degrees, 1.0), page.size(), cv::INTER_CUBIC,
                   cv::BORDER_CONSTANT, cv::Scalar::all(255));
    return out;
}

// Normalised correlation of two images after bringing `b` to `a`'s size.
double similarity(const cv::Mat& a, const cv::Mat& b)
{
    cv::Mat grayA = a;
    cv::Mat grayB;
    if (a.channels() == 3)
        cv::cvtColor(a, grayA, cv::COLOR_BGR2GRAY);
    cv::resize(b.channels() == 3 ? b : b, grayB, a.size(), 0, 0, cv::INTER_AREA);
    if (grayB.channels() == 3)
        cv::cvtColor(grayB, grayB, cv::COLOR_BGR2GRAY);
    cv::Mat result;
    cv::matchTemplate(grayA, grayB, result, cv::TM_CCOEFF_NORMED);
    return result.at<float>(0, 0);
}

// similarity() of makeCard() and a prepared card below the card's title band (the band comes back turned
// over, dark print on light, which is the preprocessor's business and not the geometry's).
double belowTitleBand(const cv::Mat& card, const cv::Mat& prepared)
{
    cv::Mat sized;
    cv::resize(prepared, sized, card.size(), 0, 0, cv::INTER_AREA);
    const cv::Rect body(0, 90, card.cols, card.rows - 90);
    return similarity(card(body), sized(body));
}

bool hasStep(const PreparedPage& page, const std::string& start)
{
    return std::any_of(page.steps.begin(), page.steps.end(),
                       [&](const std::string& s) { return s.rfind(start, 0) == 0; });
}

std::string stepsText(const PreparedPage& page)
{
    std::string text;
    for (const auto& s : page.steps)
        text += "[" + s + "] ";
    return text;
}

double maxCornerError(const Quad& found, const Quad& truth)
{
    double worst = 0;
    for (std::size_t i = 0; i < 4; ++i)
        worst = std::max(worst,
                         static_cast<double>(std::hypot(found[i].x - truth[i].x, found[i].y - truth[i].y)));
    return worst;
}

// An orientation engine that answers what it is told and counts its calls.
class FakeOrientation : public OcrEngine
{
public:
    FakeOrientation(int rotation, float confidence, bool fail = false)
        : _rotation(rotation), _confidence(confidence), _fail(fail)
    {
    }

    OcrResult recognize(const ImageView&, TextLayout, int, const std::string&) override { return {}; }

    std::pair<int, float> orientation(const ImageView& image, int dpi) override
    {
        ++calls;
        lastWidth = image.width;
        lastDpi = dpi;
        if (_fail)
            throw Error(ErrorCode::Unavailable, "no orientation engine free within 60 s");
        return {_rotation, _confidence};
    }

    std::atomic<int> calls{0};
    std::atomic<int> lastWidth{0};
    std::atomic<int> lastDpi{0};

private:
    int _rotation;
    float _confidence;
    bool _fail;
};

// A reader that reads underlined text (makePage(..., true)) well the right way up and badly upside down:
// read upright, the text sits on its rules (the heaviest rows of ink), upside down it hangs below them.
// Counts its calls.
class FakeReader : public OcrEngine
{
public:
    OcrResult recognize(const ImageView& image, TextLayout, int, const std::string&) override
    {
        ++reads;
        const cv::Mat view(image.height, image.width, CV_8UC1, const_cast<std::uint8_t*>(image.data),
                           static_cast<std::size_t>(image.stride));
        cv::Mat ink;
        cv::reduce(view < 128, ink, 1, cv::REDUCE_SUM, CV_32S);
        double heaviest = 0;
        cv::minMaxLoc(ink, nullptr, &heaviest);
        auto inkBetween = [&](int from, int to)
        {
            double sum = 0;
            for (int y = std::max(0, from); y < std::min(ink.rows, to); ++y)
                sum += ink.at<int>(y, 0);
            return sum;
        };
        double above = 0;
        double below = 0;
        for (int y = 0; y < ink.rows; ++y)
            if (ink.at<int>(y, 0) >= 0.8 * heaviest)
            {
                above += inkBetween(y - 12, y - 2);
                below += inkBetween(y + 3, y + 13);
            }
        OcrResult result;
        result.confidence = above > below ? 0.9f : 0.4f;
        return result;
    }

    std::pair<int, float> orientation(const ImageView&, int) override
    {
        ++detections;
        return {0, 0};
    }

    std::atomic<int> reads{0};
    std::atomic<int> detections{0};
};

} // namespace

TEST_CASE("A page photographed on a dark textured surface is found and flattened to letter size",
          "[preprocess]")
{
    const cv::Mat page = makePage(0.6); // 765 x 990
    const Quad truth = cameraView(215.9, 279.4, 18, -10, 4, 0.62, {1300, 1250}, {10, 0});
    const cv::Mat photo = photograph(page, makeBackground({1300, 1250}), truth);
    const ImagePreprocessor preprocessor;

    const auto found = preprocessor.findDocument(photo);
    REQUIRE(found);
    INFO("corners " << (*found)[0] << (*found)[1] << (*found)[2] << (*found)[3]);
    CHECK(maxCornerError(*found, truth) < 2.5);

    const PreparedPage prepared = preprocessor.prepare(photo);
    INFO(stepsText(prepared));
    CHECK(prepared.flattened);
    // Read at the page's own resolution in the photo (about 1000 pixels over 11 inches), raised to minDpi.
    CHECK(prepared.dpi == 200);
    CHECK(hasStep(prepared, "read at 200 dpi, the document's own resolution"));
    CHECK(prepared.gray.cols == 1700);
    CHECK(prepared.gray.rows == 2200);
    CHECK(prepared.binary.size() == prepared.gray.size());
    CHECK(hasStep(prepared, "document found and flattened: letter page"));
    CHECK(similarity(page, prepared.gray) > 0.8);
    // The prepared page's outline maps back onto the document's outline in the photo.
    const auto outline = prepared.originalQuad(cv::Rect2f(-0.5f, -0.5f, 1700, 2200));
    CHECK(maxCornerError(outline, truth) < 4);

    SECTION("with minDpi at the target, at the target's letter size")
    {
        ImagePreprocessorSettings settings;
        settings.minDpi = settings.targetDpi;
        const PreparedPage full = ImagePreprocessor(nullptr, settings).prepare(photo);
        INFO(stepsText(full));
        CHECK(full.dpi == 300);
        CHECK(full.gray.size() == cv::Size(2550, 3300));
        CHECK(maxCornerError(full.originalQuad(cv::Rect2f(-0.5f, -0.5f, 2550, 3300)), truth) < 4);
    }
}

TEST_CASE("A card photographed on a surface is found, with its corners, and flattened to ID-1 size",
          "[preprocess]")
{
    const cv::Mat card = makeCard();
    const ImagePreprocessor preprocessor;

    SECTION("landscape, in perspective")
    {
        const Quad truth = cameraView(85.6, 54, -20, 12, 3.5, 0.55, {1400, 1000}, {-20, 15});
        const cv::Mat photo = photograph(card, makeBackground({1400, 1000}, 7), truth);
        const auto found = preprocessor.findDocument(photo);
        REQUIRE(found);
        INFO("corners " << (*found)[0] << (*found)[1] << (*found)[2] << (*found)[3]);
        CHECK(maxCornerError(*found, truth) < 2.5);

        const PreparedPage prepared = preprocessor.prepare(photo);
        INFO(stepsText(prepared));
        CHECK(prepared.flattened);
        // ID-1 at the card's own resolution in the photo (between minDpi and the target).
        CHECK(prepared.dpi >= 200);
        CHECK(prepared.dpi <= 300);
        CHECK(std::abs(prepared.gray.cols - 85.6 / 25.4 * prepared.dpi) <= 2);
        CHECK(std::abs(prepared.gray.rows - 54.0 / 25.4 * prepared.dpi) <= 2);
        CHECK(std::abs(static_cast<double>(prepared.gray.cols) / prepared.gray.rows - 85.6 / 54.0) < 0.01);
        CHECK(belowTitleBand(card, prepared.gray) > 0.6);
    }

    SECTION("standing on its side: flattened landscape, turned back upright by the orientation engine")
    {
        // The card turned a quarter clockwise in the photo.
        const Quad truth = cameraView(54, 85.6, 15, 10, 2.5, 0.42, {1200, 900});
        cv::Mat turned;
        cv::rotate(card, turned, cv::ROTATE_90_CLOCKWISE);
        const cv::Mat photo = photograph(turned, makeBackground({1200, 900}, 8), truth);
        FakeOrientation engine(180, 0.95f);
        const ImagePreprocessor withEngine(&engine);
        const PreparedPage plain = preprocessor.prepare(photo);
        const PreparedPage upright = withEngine.prepare(photo);
        INFO(stepsText(plain) << " / " << stepsText(upright));
        CHECK(plain.gray.cols > plain.gray.rows);
        CHECK(std::abs(static_cast<double>(plain.gray.cols) / plain.gray.rows - 85.6 / 54.0) < 0.01);
        CHECK(upright.gray.size() == plain.gray.size());
        CHECK(engine.calls == 1);
        CHECK(engine.lastDpi == upright.dpi);
        CHECK(upright.rotation == 180);
        CHECK(hasStep(upright, "rotated 180"));
        // Either way up, exactly one of the two is the card as printed.
        const double a = belowTitleBand(card, plain.gray);
        const double b = belowTitleBand(card, upright.gray);
        CHECK(std::max(a, b) > 0.6);
        CHECK(std::min(a, b) < 0.3);
    }

    SECTION("small on a flatbed scan: an ID card's shape is enough")
    {
        cv::Mat scan(1650, 1275, CV_8UC3, cv::Scalar(250, 250, 250));
        cv::Mat small;
        cv::resize(card, small, {506, 319}, 0, 0, cv::INTER_AREA);
        small.copyTo(scan(cv::Rect(100, 120, small.cols, small.rows)));
        const auto found = preprocessor.findDocument(scan);
        REQUIRE(found);
        CHECK(maxCornerError(*found, {cv::Point2f(99.5f, 119.5f), cv::Point2f(605.5f, 119.5f),
                                      cv::Point2f(605.5f, 438.5f), cv::Point2f(99.5f, 438.5f)}) < 2);
        CHECK_FALSE(preprocessor.findDocument(scan, DocumentHint::Page));
    }
}

TEST_CASE("Skew is measured within 0.3 degrees and removed", "[preprocess]")
{
    const cv::Mat page = makePage();
    const ImagePreprocessor preprocessor;
    for (double angle : {2.5, -4.0, 0.0})
    {
        CAPTURE(angle);
        const PreparedPage prepared = preprocessor.prepare(rotated(page, angle), 300, 300);
        INFO(stepsText(prepared));
        CHECK(std::abs(prepared.skewDegrees - angle) < 0.3);
        CHECK(prepared.gray.size() == page.size());
        CHECK_FALSE(prepared.flattened);
        if (angle != 0)
        {
            CHECK(hasStep(prepared, "deskewed " + std::to_string(static_cast<int>(angle)).substr(0, 2)));
            // Straightened, the text lines match the original page again.
            CHECK(similarity(page, prepared.gray) > 0.8);
            CHECK(similarity(page, rotated(page, angle)) < 0.5);
        }
        else
            CHECK_FALSE(hasStep(prepared, "deskewed"));
    }
}

TEST_CASE("A page turned a quarter is turned back so its lines run horizontally", "[preprocess]")
{
    const cv::Mat page = makePage();
    cv::Mat sideways;
    cv::rotate(page, sideways, cv::ROTATE_90_COUNTERCLOCKWISE);

    const PreparedPage prepared = ImagePreprocessor().prepare(sideways, 300, 300);
    INFO(stepsText(prepared));
    CHECK(prepared.rotation == 90);
    CHECK(prepared.gray.size() == page.size());
    CHECK(similarity(page, prepared.gray) > 0.9);
    // Point (10, 20) of the prepared page is point (20, width - 1 - 10) of the sideways input.
    const auto quad = prepared.originalQuad(cv::Rect2f(10, 20, 1, 1));
    CHECK(std::abs(quad[0].x - 20) < 0.01);
    CHECK(std::abs(quad[0].y - static_cast<float>(sideways.rows - 1 - 10)) < 0.01);

    SECTION("upside down: the text is read both ways, the better reading wins")
    {
        const cv::Mat underlined = makePage(1.0, 1, true);
        cv::Mat upsideDown;
        cv::rotate(underlined, upsideDown, cv::ROTATE_180);
        FakeReader reader;
        const PreparedPage turned = ImagePreprocessor(&reader).prepare(upsideDown, 300, 300);
        INFO(stepsText(turned));
        CHECK(turned.rotation == 180);
        CHECK(
            hasStep(turned, "rotated 180 (the text read better upside down: confidence 0.90 against 0.40)"));
        CHECK(similarity(underlined, turned.gray) > 0.9);
        CHECK(reader.reads == 2);
        CHECK(reader.detections == 0); // no need to ask the orientation detector

        const PreparedPage upright = ImagePreprocessor(&reader).prepare(underlined, 300, 300);
        CHECK(upright.rotation == 0);
        CHECK(reader.reads == 4);
        CHECK(reader.detections == 0);
    }
    SECTION("upside down, readings inconclusive: the orientation engine's call")
    {
        cv::Mat upsideDown;
        cv::rotate(page, upsideDown, cv::ROTATE_180);
        const PreparedPage without = ImagePreprocessor().prepare(upsideDown, 300, 300);
        CHECK(without.rotation == 0);
        CHECK(similarity(upsideDown, without.gray) > 0.9);

        FakeOrientation engine(180, 0.9f); // reads nothing: both readings have confidence 0
        const PreparedPage with = ImagePreprocessor(&engine).prepare(upsideDown, 300, 300);
        CHECK(with.rotation == 180);
        CHECK(hasStep(with, "rotated 180 (orientation detection, confidence 0.90)"));
        CHECK(similarity(page, with.gray) > 0.9);

        FakeOrientation unsure(180, 0.3f);
        CHECK(ImagePreprocessor(&unsure).prepare(upsideDown, 300, 300).rotation == 0);

        FakeOrientation broken(0, 0, true);
        const PreparedPage failed = ImagePreprocessor(&broken).prepare(upsideDown, 300, 300);
        CHECK(failed.rotation == 0);
        CHECK(hasStep(failed, "orientation not checked: no orientation engine free"));
    }
}

TEST_CASE("Uneven light and shadows are evened out to a flat white background", "[preprocess]")
{
    const cv::Mat page = makePage(2.0); // 300 dpi
    cv::Mat shade(page.size(), CV_32F);
    for (int y = 0; y < shade.rows; ++y)
        for (int x = 0; x < shade.cols; ++x)
        {
            // Light falling off to the right, and a soft round shadow at the bottom left.
            const double gradient = 1.0 - 0.55 * x / shade.cols;
            const double dx = x - 0.2 * shade.cols;
            const double dy = y - 0.85 * shade.rows;
            const double shadow = 1.0 - 0.35 * std::exp(-(dx * dx + dy * dy) / (2 * 500.0 * 500.0));
            shade.at<float>(y, x) = static_cast<float>(gradient * shadow);
        }
    cv::Mat lit;
    page.convertTo(lit, CV_32F);
    lit = lit.mul(shade);
    lit.convertTo(lit, CV_8U);

    // Background: white in the page, well away from any text.
    cv::Mat background = page == 255;
    cv::erode(background, background, cv::getStructuringElement(cv::MORPH_RECT, {15, 15}));
    cv::Scalar mean;
    cv::Scalar before;
    cv::meanStdDev(lit, mean, before, background);

    const PreparedPage prepared = ImagePreprocessor().prepare(lit, 300, 300);
    INFO(stepsText(prepared));
    REQUIRE(prepared.gray.size() == page.size());
    cv::Scalar after;
    cv::meanStdDev(prepared.gray, mean, after, background);
    CHECK(before[0] > 30);
    CHECK(after[0] < 4);
    CHECK(mean[0] > 245);
    CHECK(hasStep(prepared, "illumination evened"));
    // The binary page has a clean background and keeps the text.
    CHECK(cv::countNonZero(prepared.binary == 0 & background) < 0.001 * cv::countNonZero(background));
    const cv::Mat ink = page < 128;
    CHECK(cv::countNonZero(prepared.binary == 0 & ink) > 0.8 * cv::countNonZero(ink));
}

TEST_CASE("Noisy scans are smoothed before binarisation", "[preprocess]")
{
    const cv::Mat page = makePage(2.0);
    cv::Mat noise(page.size(), CV_16S);
    cv::randn(noise, 0, 12);
    cv::Mat noisy;
    page.convertTo(noisy, CV_16S);
    noisy += noise;
    noisy.convertTo(noisy, CV_8U);
    const PreparedPage prepared = ImagePreprocessor().prepare(noisy, 300, 300);
    INFO(stepsText(prepared));
    CHECK(hasStep(prepared, "noise reduced"));
    cv::Mat background = page == 255;
    cv::erode(background, background, cv::getStructuringElement(cv::MORPH_RECT, {9, 9}));
    CHECK(cv::countNonZero(prepared.binary == 0 & background) < 0.002 * cv::countNonZero(background));
}

TEST_CASE("A 204 x 98 dpi fax page gets square pixels and stays bilevel", "[preprocess]")
{
    // Drawn at 204 dpi, then sampled at 98 lines per inch as a standard-resolution fax sends it.
    cv::Mat square = makePage(1.36); // 1734 x 2244: letter at 204 dpi
    cv::threshold(square, square, 160, 255, cv::THRESH_BINARY);
    cv::Mat fax;
    cv::resize(square, fax, {square.cols, 1078}, 0, 0, cv::INTER_NEAREST);
    cv::Mat fine;
    cv::resize(square, fine, {square.cols, 2156}, 0, 0, cv::INTER_NEAREST);

    const PreparedPage prepared = ImagePreprocessor().prepare(fax, 204, 98);
    INFO(stepsText(prepared));
    CHECK(hasStep(prepared, "fax 204x98 dpi resampled to square pixels"));
    // At the fax's own (horizontal) resolution: enlarging it to 300 dpi would add time, not detail.
    CHECK(prepared.dpi == 204);
    CHECK(prepared.gray.cols == fax.cols);
    CHECK(std::abs(prepared.gray.rows - fax.rows * 204.0 / 98) <= 1);
    // Square pixels: the page has its letter shape back (the height doubled relative to the width).
    CHECK(std::abs(static_cast<double>(prepared.gray.rows) / prepared.gray.cols - 11.0 / 8.5) < 0.02);
    // Crisp: nothing but black and white.
    CHECK(cv::countNonZero(prepared.gray != 0 & prepared.gray != 255) == 0);
    CHECK(cv::countNonZero(prepared.binary != prepared.gray) == 0);
    CHECK(similarity(square, prepared.gray) > 0.8);
    // The prepared page's far corner is the fax's far corner.
    const auto quad = prepared.originalQuad(cv::Rect2f(-0.5f, -0.5f, static_cast<float>(prepared.gray.cols),
                                                       static_cast<float>(prepared.gray.rows)));
    CHECK(std::abs(quad[2].x - (fax.cols - 0.5)) < 0.5);
    CHECK(std::abs(quad[2].y - (fax.rows - 0.5)) < 0.5);

    SECTION("fine mode 204 x 196 as well")
    {
        const PreparedPage fineMode = ImagePreprocessor().prepare(fine, 204, 196);
        CHECK(hasStep(fineMode, "fax 204x196 dpi resampled to square pixels"));
        CHECK(std::abs(static_cast<double>(fineMode.gray.rows) / fineMode.gray.cols - 11.0 / 8.5) < 0.02);
    }
}

TEST_CASE("A dark band with light print is turned over to dark print on white; a photo block is not",
          "[preprocess]")
{
    // A letter page at 300 dpi with a dark header band printed in white, and a dark picture without print.
    cv::Mat page = makePage(2.0);
    cv::rectangle(page, {0, 0}, {page.cols - 1, 119}, cv::Scalar(255), cv::FILLED);
    cv::rectangle(page, {0, 20}, {page.cols - 1, 119}, cv::Scalar(60), cv::FILLED);
    cv::putText(page, "EXAMPLE UTILITY COMPANY", {180, 95}, cv::FONT_HERSHEY_DUPLEX, 2.2, cv::Scalar(255), 4,
                cv::LINE_AA);
    const cv::Rect picture(1800, 400, 500, 400);
    page(picture).setTo(cv::Scalar(50));
    const cv::Rect band(0, 20, page.cols, 100);
    cv::Mat print = page(band) > 180;

    const PreparedPage prepared = ImagePreprocessor().prepare(page, 300, 300);
    INFO(stepsText(prepared));
    CHECK(hasStep(prepared, "1 dark panel with light print turned over"));
    // The band's print is dark now, its ground light; the picture kept its darkness.
    cv::Mat core;
    cv::erode(print, core, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
    REQUIRE(cv::countNonZero(core) > 1000);
    cv::Mat ground;
    cv::dilate(print, ground, cv::getStructuringElement(cv::MORPH_RECT, {9, 9}));
    ground = ground == 0;
    CHECK(cv::mean(prepared.gray(band), core)[0] < 90);
    CHECK(cv::mean(prepared.gray(band), ground)[0] > 200);
    CHECK(cv::mean(prepared.gray(picture))[0] < 180); // evened, as any large dark area is, but not turned over
}

TEST_CASE("A fax page whose grey areas came as dots keeps its print and loses the dots", "[preprocess]")
{
    // A fax at 204 dpi: text, and a light grey box rendered as single dots (one pixel in nine, as a
    // dithering fax machine sends it) around more text.
    cv::Mat square = makePage(1.36);
    cv::threshold(square, square, 160, 255, cv::THRESH_BINARY);
    const cv::Mat ink = square == 0;
    const cv::Rect box(60, 250, 1600, 1500);
    cv::Mat fax = square.clone();
    for (int y = box.y; y < box.y + box.height; y += 3)
        for (int x = box.x + (y / 3) % 2; x < box.x + box.width; x += 3)
            fax.at<std::uint8_t>(y, x) = 0;

    const PreparedPage prepared = ImagePreprocessor().prepare(fax, 204, 204);
    INFO(stepsText(prepared));
    CHECK(hasStep(prepared, "fax dithering removed"));
    CHECK(cv::countNonZero(prepared.gray != 0 & prepared.gray != 255) == 0);
    // Dots gone from the box's ground, strokes kept.
    cv::Mat ground;
    cv::dilate(ink, ground, cv::getStructuringElement(cv::MORPH_RECT, {7, 7}));
    ground = ground == 0;
    cv::Mat inBox = cv::Mat::zeros(fax.size(), CV_8UC1);
    inBox(box).setTo(255);
    const cv::Mat boxGround = ground & inBox;
    CHECK(cv::countNonZero(prepared.binary == 0 & boxGround) < 0.02 * cv::countNonZero(boxGround));
    CHECK(cv::countNonZero(prepared.binary == 0 & ink) > 0.7 * cv::countNonZero(ink));

    SECTION("a fax without dots is left as it came")
    {
        const PreparedPage plain = ImagePreprocessor().prepare(square, 204, 204);
        CHECK_FALSE(hasStep(plain, "fax dithering removed"));
    }
}

TEST_CASE("A flatbed scan, the page filling the frame, is not warped", "[preprocess]")
{
    const ImagePreprocessor preprocessor;
    const cv::Mat page = makePage(2.0);
    CHECK_FALSE(preprocessor.findDocument(page));

    // The same with the scanner lid's dark margin around it.
    cv::Mat lid(page.rows + 40, page.cols + 30, CV_8UC1, cv::Scalar(35));
    page.copyTo(lid(cv::Rect(12, 18, page.cols, page.rows)));
    CHECK_FALSE(preprocessor.findDocument(lid));

    const PreparedPage prepared = preprocessor.prepare(page, 300, 300);
    INFO(stepsText(prepared));
    CHECK_FALSE(prepared.flattened);
    CHECK(prepared.gray.size() == page.size());
    CHECK(cv::norm(cv::Mat(cv::Matx33d(prepared.toOriginal.clone())), cv::Mat(cv::Matx33d::eye()),
                   cv::NORM_INF) < 1e-9);
    CHECK(similarity(page, prepared.gray) > 0.95);

    SECTION("a whole page scanned at the resolution it declares is not searched for a document")
    {
        const PreparedPage scanned = preprocessor.prepare(lid, 300, 300);
        INFO(stepsText(scanned));
        CHECK(hasStep(scanned, "a whole page scanned at 300 dpi: no document to find"));
        CHECK_FALSE(scanned.flattened);
        // A camera's 72 dpi, or a size that is no page at the resolution given, leaves the search to run.
        CHECK_FALSE(hasStep(preprocessor.prepare(lid, 72, 72), "a whole page scanned"));
        CHECK_FALSE(hasStep(preprocessor.prepare(lid, 200, 200), "a whole page scanned"));
    }
    SECTION("a 150 dpi scan is brought to minDpi, a 600 dpi one down to the target")
    {
        const PreparedPage raised = preprocessor.prepare(makePage(), 150, 150);
        INFO(stepsText(raised));
        CHECK(raised.gray.size() == cv::Size(1700, 2200));
        CHECK(raised.dpi == 200);
        CHECK(hasStep(raised, "resampled from 150 to 200 dpi"));
        const PreparedPage halved = preprocessor.prepare(makePage(2.0), 600, 600);
        INFO(stepsText(halved));
        CHECK(halved.gray.size() == cv::Size(1275, 1650));
        CHECK(halved.dpi == 300);
    }
    SECTION("without a resolution, small text is enlarged")
    {
        const PreparedPage enlarged = preprocessor.prepare(makePage(0.5), 72, 72);
        INFO(stepsText(enlarged));
        CHECK(hasStep(enlarged, "resolution 72x72 dpi ignored"));
        CHECK(enlarged.gray.cols > 637 * 1.5);
    }
    SECTION("a cropped card without a resolution is sized as a card")
    {
        cv::Mat card;
        cv::resize(makeCard(), card, {428, 270}, 0, 0, cv::INTER_AREA);
        const PreparedPage sized = preprocessor.prepare(card);
        INFO(stepsText(sized));
        CHECK(hasStep(sized, "resolution unknown: sized as a card"));
        CHECK(sized.gray.cols == 1011);
    }
}

TEST_CASE("Garbage images give a clear error or a prepared page, never a crash", "[preprocess]")
{
    const ImagePreprocessor preprocessor;
    auto invalid = [&](const cv::Mat& image, const std::string& words)
    {
        try
        {
            preprocessor.prepare(image);
            FAIL("no error");
        }
        catch (const Error& e)
        {
            CHECK(e.code() == ErrorCode::InvalidInput);
            CHECK_THAT(e.what(), Catch::Matchers::Contains(words));
        }
    };
    invalid(cv::Mat(), "empty");
    invalid(cv::Mat(3, 3, CV_8UC1, cv::Scalar(0)), "3x3 pixels");
    invalid(cv::Mat(100, 100, CV_32FC1, cv::Scalar(0)), "unsupported pixel type");
    invalid(cv::Mat(100, 100, CV_8UC2, cv::Scalar(0)), "unsupported pixel type");
    CHECK_THROWS_AS(preprocessor.findDocument(cv::Mat()), Error);

    SECTION("all black")
    {
        const cv::Mat black(900, 700, CV_8UC3, cv::Scalar::all(0));
        CHECK_FALSE(preprocessor.findDocument(black));
        const PreparedPage prepared = preprocessor.prepare(black);
        CHECK(prepared.gray.size() == prepared.binary.size());
        CHECK_FALSE(prepared.gray.empty());
    }
    SECTION("a 20000 x 50 strip of noise")
    {
        cv::Mat strip(50, 20000, CV_8UC1);
        cv::randu(strip, 0, 256);
        CHECK_NOTHROW(preprocessor.findDocument(strip));
        const PreparedPage prepared = preprocessor.prepare(strip, 300, 300);
        CHECK(prepared.gray.size() == cv::Size(20000, 50));
    }
    SECTION("a tall strip and a tiny one at the size limit")
    {
        CHECK_NOTHROW(preprocessor.prepare(cv::Mat(30000, 16, CV_8UC1, cv::Scalar(200))));
        CHECK_NOTHROW(preprocessor.prepare(cv::Mat(16, 16, CV_8UC1, cv::Scalar(200)), 100, 100));
    }
    SECTION("beyond the pixel limit")
    {
        ImagePreprocessorSettings settings;
        settings.maxInputPixels = 1000;
        try
        {
            ImagePreprocessor(nullptr, settings).prepare(cv::Mat(100, 100, CV_8UC1, cv::Scalar(0)));
            FAIL("no error");
        }
        catch (const Error& e)
        {
            CHECK(e.code() == ErrorCode::TooLarge);
        }
    }
    SECTION("16-bit and BGRA images are accepted; transparency shows white")
    {
        cv::Mat deep;
        makePage(0.5).convertTo(deep, CV_16U, 257);
        CHECK(preprocessor.prepare(deep, 75 * 2, 75 * 2).gray.type() == CV_8UC1);
        const cv::Mat transparent(200, 200, CV_8UC4, cv::Scalar(0, 0, 0, 0));
        const PreparedPage prepared = preprocessor.prepare(transparent, 300, 300);
        CHECK(cv::countNonZero(prepared.gray < 250) == 0);
    }
    SECTION("bad settings are refused")
    {
        ImagePreprocessorSettings settings;
        settings.targetDpi = 50;
        CHECK_THROWS_AS(ImagePreprocessor(nullptr, settings), Error);
        settings = {};
        settings.maxUpscale = 0.5;
        CHECK_THROWS_AS(ImagePreprocessor(nullptr, settings), Error);
    }
}

TEST_CASE("prepare() runs on several threads at once with the same results", "[preprocess]")
{
    const Quad corners = cameraView(85.6, 54, -20, 12, 3.5, 0.55, {1400, 1000}, {-20, 15});
    const cv::Mat photo = photograph(makeCard(), makeBackground({1400, 1000}, 7), corners);
    const cv::Mat page = rotated(makePage(), 1.5);
    FakeOrientation engine(0, 0.99f);
    const ImagePreprocessor preprocessor(&engine);
    const PreparedPage expectedPhoto = preprocessor.prepare(photo);
    const PreparedPage expectedPage = preprocessor.prepare(page, 150, 150);

    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t)
        threads.emplace_back(
            [&]
            {
                for (int i = 0; i < 2; ++i)
                {
                    const PreparedPage a = preprocessor.prepare(photo);
                    const PreparedPage b = preprocessor.prepare(page, 150, 150);
                    if (cv::norm(a.binary, expectedPhoto.binary, cv::NORM_INF) != 0 ||
                        cv::norm(b.gray, expectedPage.gray, cv::NORM_INF) != 0 ||
                        a.steps != expectedPhoto.steps)
                        ++mismatches;
                }
            });
    for (auto& t : threads)
        t.join();
    CHECK(mismatches == 0);
    CHECK(engine.calls == 10);
}

TEST_CASE("With Tesseract, an upside-down page is turned upright and an upright one left alone",
          "[preprocess][ocr]")
{
    TesseractOcrSettings settings;
    settings.engines = 1;
    TesseractOcr tesseract(settings);
    const ImagePreprocessor preprocessor(&tesseract);
    const cv::Mat page = makePage(2.0);
    cv::Mat upsideDown;
    cv::rotate(page, upsideDown, cv::ROTATE_180);

    const PreparedPage turned = preprocessor.prepare(upsideDown, 300, 300);
    INFO(stepsText(turned));
    CHECK(turned.rotation == 180);
    CHECK(similarity(page, turned.gray) > 0.9);
    const PreparedPage upright = preprocessor.prepare(page, 300, 300);
    INFO(stepsText(upright));
    CHECK(upright.rotation == 0);
}

TEST_CASE("Phone-photo samples: documents inside the frame are found within 6 pixels",
          "[preprocess][samples]")
{
    // samples/documents holds synthetic phone photos ("hard") with each document's corners in its JSON.
    const std::filesystem::path folder =
        std::filesystem::path(PROOFDESK_SOURCE_DIR) / "samples" / "documents";
    if (!std::filesystem::is_directory(folder))
    {
        WARN("no samples in " << folder);
        return;
    }
    const ImagePreprocessor preprocessor;
    int inside = 0;
    int found = 0;
    std::string misses;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
    {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".json" || name.find("-hard-") == std::string::npos)
            continue;
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const Json truth = Json::parse(text, name);
        const Json* photo = truth.find("photo");
        const Json* file = truth.find("file");
        const Json* corners = photo ? photo->find("document_quad") : nullptr;
        if (!corners || !file || corners->items().size() != 4)
            continue;
        const cv::Mat image = cv::imread((folder / file->asString()).string(), cv::IMREAD_COLOR);
        REQUIRE_FALSE(image.empty());
        Quad expected;
        bool inFrame = true;
        for (std::size_t i = 0; i < 4; ++i)
        {
            const auto& xy = corners->items()[i].items();
            expected[i] =
                cv::Point2f(static_cast<float>(xy[0].asNumber()), static_cast<float>(xy[1].asNumber()));
            inFrame = inFrame && expected[i].x >= 2 && expected[i].y >= 2 &&
                      expected[i].x < static_cast<float>(image.cols - 2) &&
                      expected[i].y < static_cast<float>(image.rows - 2);
        }
        if (!inFrame)
            continue; // partly out of the picture: nothing to find whole
        ++inside;
        // The truth lists the document's own corners from its top left; ours start at the image's.
        double error = 1e9;
        if (const auto quad = preprocessor.findDocument(image))
            for (std::size_t shift = 0; shift < 4; ++shift)
            {
                Quad turned;
                for (std::size_t i = 0; i < 4; ++i)
                    turned[i] = (*quad)[(i + shift) % 4];
                error = std::min(error, maxCornerError(turned, expected));
            }
        if (error <= 6)
            ++found;
        else
            misses += " " + name +
                      (error < 1e9 ? " (" + std::to_string(static_cast<int>(error)) + " px)" : " (none)");
    }
    if (inside == 0)
    {
        WARN("no phone-photo samples with their corners in " << folder);
        return;
    }
    INFO(found << " of " << inside << " found; missed:" << misses);
    CHECK(found >= 0.85 * inside);
}
