#include "proofdesk/adapters/Pdf417Reader.h"
#include "proofdesk/domain/Aamva.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "support/AamvaPayloadBuilder.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <vector>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

// A symbol drawn by zxing's own writer, `scale` pixels per module, black on white.
cv::Mat symbolImage(const std::string& text, int scale,
                    ZXing::BarcodeFormat format = ZXing::BarcodeFormat::PDF417,
                    ZXing::CharacterSet encoding = ZXing::CharacterSet::Unknown)
{
    ZXing::BitMatrix bits =
        ZXing::MultiFormatWriter(format).setMargin(0).setEncoding(encoding).encode(text, 0, 0);
    cv::Mat modules(bits.height(), bits.width(), CV_8UC1);
    for (int y = 0; y < bits.height(); ++y)
        for (int x = 0; x < bits.width(); ++x)
            modules.at<unsigned char>(y, x) = bits.get(x, y) ? 0 : 255;
    cv::Mat scaled;
    cv::resize(modules, scaled, cv::Size(), scale, scale, cv::INTER_NEAREST);
    return scaled;
}

// The back of a card at about 300 dpi: a light ground, some printed lines, the symbol (if any) below them.
cv::Mat cardBack(const cv::Mat& symbol)
{
    cv::Mat card(720, 1140, CV_8UC1, cv::Scalar(235));
    cv::putText(card, "RESTRICTIONS: NONE   ENDORSEMENTS: NONE", {40, 60}, cv::FONT_HERSHEY_SIMPLEX, 0.9,
                cv::Scalar(40), 2);
    cv::putText(card, "ORGAN DONOR  VETERAN", {40, 110}, cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(40), 2);
    if (!symbol.empty())
    {
        REQUIRE(symbol.cols <= card.cols - 80);
        REQUIRE(symbol.rows <= card.rows - 180);
        symbol.copyTo(card(cv::Rect((card.cols - symbol.cols) / 2, 160, symbol.cols, symbol.rows)));
    }
    return card;
}

ImageView viewOf(const cv::Mat& m)
{
    return ImageView{m.data, m.cols, m.rows, static_cast<int>(m.step), m.channels()};
}

cv::Mat rotated(const cv::Mat& m, double degrees)
{
    cv::Point2f centre(static_cast<float>(m.cols) / 2.0f, static_cast<float>(m.rows) / 2.0f);
    cv::Mat rotation = cv::getRotationMatrix2D(centre, degrees, 1.0);
    cv::Mat out;
    cv::warpAffine(m, out, rotation, m.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(235));
    return out;
}

cv::Mat degraded(const cv::Mat& m)
{
    cv::Mat blurred;
    cv::GaussianBlur(m, blurred, cv::Size(5, 5), 1.2);
    cv::Mat noise(m.size(), CV_16SC1);
    cv::theRNG().state = 417;
    cv::randn(noise, 0, 18);
    cv::Mat noisy;
    blurred.convertTo(noisy, CV_16SC1);
    noisy += noise;
    noisy.convertTo(noisy, CV_8UC1); // saturates
    std::vector<unsigned char> jpeg;
    cv::imencode(".jpg", noisy, jpeg, {cv::IMWRITE_JPEG_QUALITY, 35});
    return cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
}

} // namespace

TEST_CASE("an AAMVA payload survives PDF417 byte for byte and parses", "[adapters][pdf417]")
{
    const std::string payload = sampleLicense().build();
    REQUIRE(payload.find('\x1e') != std::string::npos);
    cv::Mat card = cardBack(symbolImage(payload, 2));
    Pdf417Reader reader;

    std::optional<std::string> text = reader.read(viewOf(card));
    REQUIRE(text);
    CHECK(*text == payload); // LF, RS and CR intact
    AamvaResult r = parseAamva(*text);
    REQUIRE(r.found);
    CHECK(r.notes.empty());
    Extraction e = aamvaExtraction(r);
    CHECK(e.documentType == "drivers_license");
    CHECK(e.fields.at("last_name").value == "QUINTERO-HALE");
    CHECK(e.fields.at("date_of_birth").value == "1989-03-14");
    CHECK(e.fields.at("postal_code").value == "94043");

    SECTION("a colour image whose rows are padded")
    {
        cv::Mat colour;
        cv::cvtColor(card, colour, cv::COLOR_GRAY2BGR);
        cv::Mat wider(colour.rows, colour.cols + 13, CV_8UC3, cv::Scalar(0, 0, 255));
        colour.copyTo(wider(cv::Rect(0, 0, colour.cols, colour.rows)));
        cv::Mat view = wider(cv::Rect(0, 0, colour.cols, colour.rows)); // stride > width * 3
        REQUIRE(view.step > static_cast<std::size_t>(view.cols * 3));
        CHECK(reader.read(viewOf(view)) == payload);
        cv::Mat withAlpha;
        cv::cvtColor(card, withAlpha, cv::COLOR_GRAY2BGRA);
        CHECK(reader.read(viewOf(withAlpha)) == payload);
    }
    SECTION("rotated a quarter turn, upside down, and skewed")
    {
        cv::Mat turned;
        cv::rotate(card, turned, cv::ROTATE_90_CLOCKWISE);
        CHECK(reader.read(viewOf(turned)) == payload);
        cv::rotate(card, turned, cv::ROTATE_180);
        CHECK(reader.read(viewOf(turned)) == payload);
        cv::rotate(card, turned, cv::ROTATE_90_COUNTERCLOCKWISE);
        CHECK(reader.read(viewOf(turned)) == payload);
        CHECK(reader.read(viewOf(rotated(card, 7.0))) == payload);
        CHECK(reader.read(viewOf(rotated(card, -12.0))) == payload);
    }
    SECTION("blurred, noisy and JPEG-compressed")
    {
        // Modules 3 pixels wide: 0.25 mm, the smallest AAMVA allows, at 300 dpi. (At 2 pixels this blur
        // merges the bars beyond any reader.)
        cv::Mat larger = cardBack(symbolImage(payload, 3));
        CHECK(reader.read(viewOf(degraded(larger))) == payload);
    }
    SECTION("photographed: in perspective on a textured table, card a third of the picture")
    {
        cv::Mat photo(1200, 1600, CV_8UC1);
        cv::theRNG().state = 1600;
        cv::randn(photo, 110, 25);
        cv::GaussianBlur(photo, photo, cv::Size(3, 3), 0);
        std::vector<cv::Point2f> from = {{0, 0}, {1140, 0}, {1140, 720}, {0, 720}};
        std::vector<cv::Point2f> to = {{420, 260}, {1230, 340}, {1190, 820}, {380, 700}};
        cv::warpPerspective(card, photo, cv::getPerspectiveTransform(from, to), photo.size(), cv::INTER_AREA,
                            cv::BORDER_TRANSPARENT);
        CHECK(reader.read(viewOf(photo)) == payload);
    }
    SECTION("light bars on a dark ground")
    {
        cv::Mat negative = 255 - card;
        CHECK(reader.read(viewOf(negative)) == payload);
    }
}

TEST_CASE("bytes above 0x7F come back as the symbol's ISO 8859-1 and are read as such", "[adapters][pdf417]")
{
    AamvaPayloadBuilder b;
    b.iin = "604428";
    b.add("DAQ", "L1234-567890-12")
        .add("DCS", "B\xC3\x89LANGER")
        .add("DAC", "ZO\xC3\x8B")
        .add("DBB", "19900704");
    // zxing's writer takes UTF-8 and, with no ECI, encodes the default character set, ISO 8859-1.
    std::optional<std::string> text = Pdf417Reader().read(viewOf(cardBack(symbolImage(b.build(), 2))));
    REQUIRE(text);
    CHECK(text->find("DCSB\xC9LANGER\n") != std::string::npos);
    AamvaResult r = parseAamva(*text);
    REQUIRE(r.found);
    Extraction e = aamvaExtraction(r);
    CHECK(e.fields.at("last_name").value == "B\xC3\x89LANGER");
    CHECK(e.fields.at("date_of_birth").value == "1990-07-04");
}

TEST_CASE("a symbol that declares an ECI comes back as UTF-8", "[adapters][pdf417]")
{
    // "\xC5\x81" is U+0141, written 0xA3 in the ISO 8859-2 the symbol declares: raw bytes would be wrong.
    const std::string payload = "@\n\x1e\rANSI 636001100001DL00310033DLDAQL1\nDCS\xC5\x81UKASZ\r";
    cv::Mat card =
        cardBack(symbolImage(payload, 2, ZXing::BarcodeFormat::PDF417, ZXing::CharacterSet::ISO8859_2));
    CHECK(Pdf417Reader().read(viewOf(card)) == payload);
}

TEST_CASE("no PDF417, no text; a bad image view is refused", "[adapters][pdf417]")
{
    Pdf417Reader reader;
    CHECK_FALSE(reader.read(viewOf(cardBack(cv::Mat()))));

    cv::Mat noise(600, 800, CV_8UC1);
    cv::theRNG().state = 7;
    cv::randu(noise, 0, 256);
    CHECK_FALSE(reader.read(viewOf(noise)));

    // A QR code is not what is asked for.
    CHECK_FALSE(
        reader.read(viewOf(cardBack(symbolImage("@\n\x1e\rANSI 636014", 6, ZXing::BarcodeFormat::QRCode)))));

    cv::Mat tiny(1, 1, CV_8UC1, cv::Scalar(255));
    CHECK_FALSE(reader.read(viewOf(tiny)));

    unsigned char pixel = 0;
    CHECK_THROWS_AS(reader.read(ImageView{nullptr, 10, 10, 10, 1}), Error);
    CHECK_THROWS_AS(reader.read(ImageView{&pixel, 0, 1, 1, 1}), Error);
    CHECK_THROWS_AS(reader.read(ImageView{&pixel, 1, 1, 1, 2}), Error);
    CHECK_THROWS_AS(reader.read(ImageView{&pixel, 4, 1, 3, 1}), Error);
    try
    {
        reader.read(ImageView{&pixel, 4, 1, 3, 1});
    }
    catch (const Error& e)
    {
        CHECK(e.code() == ErrorCode::InvalidInput);
        CHECK(std::string(e.what()).find("stride") != std::string::npos);
    }
}

TEST_CASE("a photographed card back whose print lies close under the symbol is decoded", "[adapters][pdf417]")
{
    // The print joins the symbol's edge-dense region; the symbol is outlined within it (tests/data/README.md).
    const cv::Mat photo =
        cv::imread((std::filesystem::path(PROOFDESK_SOURCE_DIR) / "tests/data/pdf417-print-below-photo.jpg").string(),
                   cv::IMREAD_GRAYSCALE);
    REQUIRE_FALSE(photo.empty());
    Pdf417Reader reader;
    std::optional<std::string> text = reader.read(viewOf(photo));
    REQUIRE(text);
    AamvaResult r = parseAamva(*text);
    REQUIRE(r.found);
    CHECK(aamvaExtraction(r).fields.at("last_name").value == "JACKSON");
}
