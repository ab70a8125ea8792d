#include "proofdesk/adapters/ImageHeaderReader.h"
#include "proofdesk/adapters/LocalDocumentInspector.h"
#include "proofdesk/adapters/MagicSniffer.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "support/SyntheticFiles.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <sstream>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace proofdesk;
using Catch::Matchers::Contains;

using proofdesk::test::crc32;
using proofdesk::test::makePdf;
using proofdesk::test::pngChunk;
using proofdesk::test::pngClaiming;
using proofdesk::test::putBigEndian32;
using proofdesk::test::PdfPage;

namespace
{

// ---- helpers

std::string encodeImage(const cv::Mat& image, const std::string& extension,
                        const std::vector<int>& params = {})
{
    std::vector<std::uint8_t> buffer;
    REQUIRE(cv::imencode(extension, image, buffer, params));
    return std::string(buffer.begin(), buffer.end());
}

cv::Mat decodePng(const std::string& png)
{
    REQUIRE(png.size() > 8);
    CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    const cv::Mat buffer(1, static_cast<int>(png.size()), CV_8UC1, const_cast<char*>(png.data()));
    cv::Mat image = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    REQUIRE_FALSE(image.empty());
    return image;
}

// Grey level of a pixel of a decoded preview, whatever its channel count.
int greyAt(const cv::Mat& image, int x, int y)
{
    if (image.channels() == 1)
        return image.at<std::uint8_t>(y, x);
    const cv::Vec3b pixel = image.at<cv::Vec3b>(y, x);
    return (pixel[0] + pixel[1] + pixel[2]) / 3;
}

// Runs `action`, which must throw Error(InvalidInput), and returns the message.
std::string invalidInputMessage(const std::function<void()>& action)
{
    try
    {
        action();
    }
    catch (const Error& error)
    {
        CHECK(error.code() == ErrorCode::InvalidInput);
        return error.what();
    }
    FAIL("no Error(InvalidInput) was thrown");
    return {};
}

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Multi-page TIFF through OpenCV's writer, which only writes files: a private temporary one.
std::string writeMultiPageTiff(const std::vector<cv::Mat>& pages)
{
    static std::atomic<int> counter{0};
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("proofdesk-inspector-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tiff");
    REQUIRE(cv::imwrite(path.string(), pages));
    std::string bytes = readFile(path);
    std::filesystem::remove(path);
    return bytes;
}

std::string randomBytes(std::size_t size, unsigned seed)
{
    std::mt19937 generator(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string bytes(size, '\0');
    for (char& c : bytes)
        c = static_cast<char>(byte(generator));
    return bytes;
}


void putLittleEndian16(std::string& out, std::uint32_t value)
{
    out.push_back(static_cast<char>(value & 0xFF));
    out.push_back(static_cast<char>((value >> 8) & 0xFF));
}

void putLittleEndian32(std::string& out, std::uint32_t value)
{
    putLittleEndian16(out, value & 0xFFFF);
    putLittleEndian16(out, value >> 16);
}

// ---- PNG by hand



// A PNG whose IHDR claims width x height RGB pixels, followed by a token IDAT and IEND.

// ---- JPEG with an EXIF orientation, by inserting an APP1 segment after SOI

std::string withExifOrientation(const std::string& jpeg, std::uint16_t orientation)
{
    std::string tiff = "II*";
    tiff.push_back('\0');
    putLittleEndian32(tiff, 8);      // first IFD right after the header
    putLittleEndian16(tiff, 1);      // one entry
    putLittleEndian16(tiff, 0x0112); // Orientation
    putLittleEndian16(tiff, 3);      // SHORT
    putLittleEndian32(tiff, 1);      // one value
    putLittleEndian16(tiff, orientation);
    putLittleEndian16(tiff, 0); // padding of the 4-byte value field
    putLittleEndian32(tiff, 0); // no next IFD
    const std::string payload = std::string("Exif\0\0", 6) + tiff;
    std::string segment = "\xFF\xE1";
    const std::size_t length = payload.size() + 2;
    segment.push_back(static_cast<char>(length >> 8));
    segment.push_back(static_cast<char>(length & 0xFF));
    segment += payload;
    return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

// ---- a CMYK JPEG by hand (OpenCV cannot write one): a uniform image whose every sample is 128

std::string jpegSegment(std::uint8_t marker, const std::string& payload)
{
    std::string segment = "\xFF";
    segment.push_back(static_cast<char>(marker));
    const std::size_t length = payload.size() + 2;
    segment.push_back(static_cast<char>(length >> 8));
    segment.push_back(static_cast<char>(length & 0xFF));
    return segment + payload;
}

std::string cmykJpeg(std::uint16_t width, std::uint16_t height)
{
    std::string jpeg = "\xFF\xD8";
    // Adobe APP14, transform 0: four channels stored as CMYK (inverted, as Photoshop writes them).
    jpeg += jpegSegment(0xEE, std::string("Adobe\x00\x64\x00\x00\x00\x00\x00", 12));
    jpeg += jpegSegment(0xDB, std::string(1, '\0') + std::string(64, '\x01'));
    std::string frame = "\x08";
    frame.push_back(static_cast<char>(height >> 8));
    frame.push_back(static_cast<char>(height & 0xFF));
    frame.push_back(static_cast<char>(width >> 8));
    frame.push_back(static_cast<char>(width & 0xFF));
    frame.push_back('\x04');
    for (char id = 1; id <= 4; ++id)
        frame += std::string{id, '\x11', '\x00'};
    jpeg += jpegSegment(0xC0, frame);
    // One-symbol Huffman tables: "DC difference 0" and "end of block", each coded as the single bit 0.
    std::string oneCode(17, '\0'); // 16 counts of codes per length (one code of length 1), then symbol 0
    oneCode[0] = '\x01';
    jpeg += jpegSegment(0xC4, std::string(1, '\x00') + oneCode + std::string(1, '\x10') + oneCode);
    std::string scan = "\x04";
    for (char id = 1; id <= 4; ++id)
        scan += std::string{id, '\x00'};
    scan += std::string("\x00\x3F\x00", 3);
    jpeg += jpegSegment(0xDA, scan);
    // Each 8 x 8 MCU is four blocks of two 0 bits: one zero byte.
    const std::size_t mcus =
        static_cast<std::size_t>((width + 7) / 8) * static_cast<std::size_t>((height + 7) / 8);
    jpeg += std::string(mcus, '\0');
    return jpeg + "\xFF\xD9";
}

// ---- TIFF by hand (one strip per page), in either byte order, classic or BigTIFF

struct TiffPage
{
    std::uint32_t width = 1;
    std::uint32_t height = 1;
    std::uint16_t bitsPerSample = 8;
    std::uint16_t compression = 1; // 1 none, 4 CCITT group 4
    std::uint16_t photometric = 1; // 0 white is zero, 1 black is zero
    std::string data = std::string(1, '\x80');
    std::uint32_t xResolution = 0; // dpi; 0 leaves the tags out
    std::uint32_t yResolution = 0;
    std::uint32_t tileWidth = 0; // 0 leaves the tile tags out
    std::uint32_t tileHeight = 0;
};

struct TiffLayout
{
    bool bigEndian = false;
    bool bigTiff = false;
    bool loopBack = false; // the last page points back at the first
};

class TiffWriter
{
public:
    explicit TiffWriter(TiffLayout layout) : _layout(layout) {}

    std::string build(const std::vector<TiffPage>& pages)
    {
        _out = _layout.bigEndian ? "MM" : "II";
        put(_layout.bigTiff ? 43 : 42, 2);
        if (_layout.bigTiff)
        {
            put(8, 2); // offset size
            put(0, 2);
        }
        std::size_t nextPointer = _out.size();
        putOffset(0);
        std::uint64_t firstDirectory = 0;
        for (const TiffPage& page : pages)
        {
            const std::uint64_t dataOffset = _out.size();
            _out += page.data;
            if (_out.size() % 2 != 0)
                _out.push_back('\0');
            std::vector<std::array<std::uint64_t, 3>> entries = {{256, 4, page.width},
                                                                 {257, 4, page.height},
                                                                 {258, 3, page.bitsPerSample},
                                                                 {259, 3, page.compression},
                                                                 {262, 3, page.photometric},
                                                                 {273, 4, dataOffset},
                                                                 {277, 3, 1},
                                                                 {278, 4, page.height},
                                                                 {279, 4, page.data.size()}};
            const std::size_t entrySize = _layout.bigTiff ? 20 : 12;
            const std::size_t countSize = _layout.bigTiff ? 8 : 2;
            const std::uint64_t directory = _out.size();
            const std::size_t entryCount =
                entries.size() + (page.xResolution != 0 ? 3 : 0) + (page.tileWidth != 0 ? 2 : 0);
            const std::uint64_t rationals = directory + countSize + entryCount * entrySize + offsetSize();
            if (page.xResolution != 0)
            {
                entries.push_back({282, 5, rationals});
                entries.push_back({283, 5, rationals + 8});
                entries.push_back({296, 3, 2}); // inches
            }
            if (page.tileWidth != 0)
            {
                entries.push_back({322, 4, page.tileWidth});
                entries.push_back({323, 4, page.tileHeight});
            }
            if (firstDirectory == 0)
                firstDirectory = directory;
            patchOffset(nextPointer, directory);
            put(entries.size(), countSize);
            for (const auto& [tag, type, value] : entries)
            {
                put(tag, 2);
                put(type, 2);
                put(1, _layout.bigTiff ? 8 : 4);
                // A value shorter than the field is left-justified in it, in file order.
                const std::size_t size = type == 3 ? 2 : type == 4 ? 4 : offsetSize();
                put(value, size);
                put(0, offsetSize() - size);
            }
            nextPointer = _out.size();
            putOffset(_layout.loopBack && &page == &pages.back() ? firstDirectory : 0);
            if (page.xResolution != 0)
            {
                put(page.xResolution, 4);
                put(1, 4);
                put(page.yResolution, 4);
                put(1, 4);
            }
        }
        return _out;
    }

private:
    std::size_t offsetSize() const { return _layout.bigTiff ? 8 : 4; }

    void put(std::uint64_t value, std::size_t size)
    {
        for (std::size_t i = 0; i < size; ++i)
        {
            const std::size_t shift = 8 * (_layout.bigEndian ? size - 1 - i : i);
            _out.push_back(static_cast<char>((value >> shift) & 0xFF));
        }
    }

    void putOffset(std::uint64_t value) { put(value, offsetSize()); }

    void patchOffset(std::size_t pos, std::uint64_t value)
    {
        const std::string tail = _out.substr(pos + offsetSize());
        _out.resize(pos);
        putOffset(value);
        _out += tail;
    }

    TiffLayout _layout;
    std::string _out;
};

std::string makeTiff(const std::vector<TiffPage>& pages, TiffLayout layout = {})
{
    return TiffWriter(layout).build(pages);
}

// CCITT group 4 (T.6) bits, most significant bit first.
class BitWriter
{
public:
    void put(const std::string& bits)
    {
        for (char bit : bits)
        {
            _current = static_cast<std::uint8_t>((_current << 1) | (bit == '1' ? 1 : 0));
            if (++_used == 8)
            {
                _bytes.push_back(static_cast<char>(_current));
                _current = 0;
                _used = 0;
            }
        }
    }
    std::string finish()
    {
        while (_used != 0)
            put("0");
        return _bytes;
    }

private:
    std::string _bytes;
    std::uint8_t _current = 0;
    int _used = 0;
};

// A 128 x 100 fax page, white except rows 40..59 whose left half (columns 0..63) is black, coded by hand
// in group 4: each line is coded against the line above it (the first against an imaginary white line).
TiffPage faxPage(std::uint32_t xResolution, std::uint32_t yResolution)
{
    const std::string vertical0 = "1", pass = "0001", horizontal = "001";
    const std::string whiteRun0 = "00110101", blackMakeUp64 = "0000001111", blackRun0 = "0000110111";
    BitWriter bits;
    for (int row = 0; row < 100; ++row)
    {
        if (row < 40 || row > 60)
            bits.put(vertical0); // white line under a white line: a1 = b1 = end of line
        else if (row == 40)
            bits.put(horizontal + whiteRun0 + blackMakeUp64 + blackRun0 + vertical0); // first black band line
        else if (row < 60)
            bits.put(vertical0 + vertical0 + vertical0); // same as the line above
        else
            bits.put(pass + vertical0); // white line under the band: pass its black run, then end of line
    }
    bits.put("000000000001000000000001"); // end of facsimile block
    TiffPage page;
    page.width = 128;
    page.height = 100;
    page.bitsPerSample = 1;
    page.compression = 4;
    page.photometric = 0;
    page.data = bits.finish();
    page.xResolution = xResolution;
    page.yResolution = yResolution;
    return page;
}

const std::string leftHalfBlack = "0 0 0 rg 0 0 306 792 re f";

std::vector<PdfPage> blankPages(int count)
{
    return std::vector<PdfPage>(static_cast<std::size_t>(count),
                                PdfPage{612, 792, 0, "0 0 0 rg 10 10 20 20 re f"});
}

} // namespace

// ---------------------------------------------------------------- type by content

TEST_CASE("the type is decided by content, and unaccepted types are reported without an error", "[documents]")
{
    LocalDocumentInspector inspector;
    const cv::Mat photo(120, 160, CV_8UC3, cv::Scalar(40, 120, 200));

    SECTION("JPEG")
    {
        const DocumentFormat format = inspector.inspect(encodeImage(photo, ".jpg"));
        CHECK(format.mediaType == "image/jpeg");
        CHECK(format.accepted);
        CHECK(format.pages == 1);
    }
    SECTION("PNG")
    {
        const DocumentFormat format = inspector.inspect(encodeImage(photo, ".png"));
        CHECK(format.mediaType == "image/png");
        CHECK(format.accepted);
        CHECK(format.pages == 1);
    }
    SECTION("multi-page TIFF counts its pages")
    {
        const std::string tiff = writeMultiPageTiff({photo, cv::Mat(50, 70, CV_8UC1, cv::Scalar(9)), photo});
        const DocumentFormat format = inspector.inspect(tiff);
        CHECK(format.mediaType == "image/tiff");
        CHECK(format.accepted);
        CHECK(format.pages == 3);
    }
    SECTION("PDF counts its pages")
    {
        const DocumentFormat one = inspector.inspect(makePdf({PdfPage{612, 792, 0, leftHalfBlack}}));
        CHECK(one.mediaType == "application/pdf");
        CHECK(one.accepted);
        CHECK(one.pages == 1);
        CHECK(inspector.inspect(makePdf(blankPages(3))).pages == 3);
    }
    SECTION("a name or extension plays no part: plain text is text")
    {
        const DocumentFormat format =
            inspector.inspect("Dear help desk,\nplease find my passport attached.\n");
        CHECK(format.mediaType == "text/plain");
        CHECK_FALSE(format.accepted);
        CHECK(format.pages == 0);
    }
    SECTION("empty content")
    {
        const DocumentFormat format = inspector.inspect("");
        CHECK(format.mediaType == "application/x-empty");
        CHECK_FALSE(format.accepted);
        CHECK(format.pages == 0);
    }
    SECTION("random bytes")
    {
        const DocumentFormat format = inspector.inspect(randomBytes(4096, 7));
        CHECK(format.mediaType == "application/octet-stream");
        CHECK_FALSE(format.accepted);
    }
    SECTION("another image type (BMP) is recognised but not accepted")
    {
        const DocumentFormat format = inspector.inspect(encodeImage(photo, ".bmp"));
        CHECK_THAT(format.mediaType, Contains("bmp"));
        CHECK_FALSE(format.accepted);
    }
}

TEST_CASE("rendering refuses types that are not accepted", "[documents]")
{
    LocalDocumentInspector inspector;
    CHECK_THAT(invalidInputMessage([&] { inspector.renderPng("", 0); }),
               Contains("application/x-empty") && Contains("accepted types are JPEG, PNG, TIFF and PDF"));
    CHECK_THAT(invalidInputMessage([&] { inspector.renderPng(randomBytes(1000, 3), 0); }),
               Contains("application/octet-stream"));
    CHECK_THAT(invalidInputMessage([&] { inspector.renderPng("just some text\n", 0); }),
               Contains("text/plain"));
}

// ---------------------------------------------------------------- images

TEST_CASE("JPEG and PNG previews keep their size up to the width limit and are scaled down beyond it",
          "[documents]")
{
    LocalDocumentInspector inspector; // maxRenderWidth 2000

    SECTION("narrower than the limit: unchanged, colours kept")
    {
        cv::Mat image(300, 800, CV_8UC3, cv::Scalar(255, 255, 255));
        image(cv::Rect(0, 0, 400, 300)).setTo(cv::Scalar(0, 0, 255)); // left half red (BGR)
        const cv::Mat preview = decodePng(inspector.renderPng(encodeImage(image, ".png"), 0));
        CHECK(preview.cols == 800);
        CHECK(preview.rows == 300);
        REQUIRE(preview.channels() == 3);
        CHECK(preview.at<cv::Vec3b>(150, 100) == cv::Vec3b(0, 0, 255));
        CHECK(preview.at<cv::Vec3b>(150, 700) == cv::Vec3b(255, 255, 255));
    }
    SECTION("exactly the limit: unchanged")
    {
        const cv::Mat image(10, 2000, CV_8UC3, cv::Scalar(1, 2, 3));
        const cv::Mat preview = decodePng(inspector.renderPng(encodeImage(image, ".png"), 0));
        CHECK(preview.cols == 2000);
        CHECK(preview.rows == 10);
    }
    SECTION("wider PNG: scaled to 2000 wide, aspect kept")
    {
        const cv::Mat image(1000, 3000, CV_8UC3, cv::Scalar(10, 20, 30));
        const cv::Mat preview = decodePng(inspector.renderPng(encodeImage(image, ".png"), 0));
        CHECK(preview.cols == 2000);
        CHECK(preview.rows == 667);
    }
    SECTION("wider JPEG: scaled to 2000 wide")
    {
        const cv::Mat image(1250, 2500, CV_8UC3, cv::Scalar(90, 90, 90));
        const cv::Mat preview = decodePng(inspector.renderPng(encodeImage(image, ".jpg"), 0));
        CHECK(preview.cols == 2000);
        CHECK(preview.rows == 1000);
        CHECK(std::abs(greyAt(preview, 1000, 500) - 90) <= 3);
    }
    SECTION("a smaller configured limit")
    {
        LocalDocumentInspector narrow(InspectionLimits{50'000'000, 50, 300});
        const cv::Mat image(200, 600, CV_8UC1, cv::Scalar(128));
        const cv::Mat preview = decodePng(narrow.renderPng(encodeImage(image, ".png"), 0));
        CHECK(preview.cols == 300);
        CHECK(preview.rows == 100);
    }
}

TEST_CASE("image previews handle grey, 16-bit, alpha and EXIF orientation", "[documents]")
{
    LocalDocumentInspector inspector;

    SECTION("greyscale JPEG stays grey")
    {
        const cv::Mat grey(64, 96, CV_8UC1, cv::Scalar(200));
        const cv::Mat preview = decodePng(inspector.renderPng(encodeImage(grey, ".jpg"), 0));
        CHECK(preview.cols == 96);
        CHECK(preview.rows == 64);
        CHECK(preview.channels() == 1);
        CHECK(std::abs(greyAt(preview, 10, 10) - 200) <= 2);
    }
    SECTION("16-bit PNG is reduced to 8 bits")
    {
        cv::Mat deep(40, 60, CV_16UC1, cv::Scalar(65535));
        deep(cv::Rect(0, 0, 30, 40)).setTo(cv::Scalar(0));
        const cv::Mat preview = decodePng(inspector.renderPng(encodeImage(deep, ".png"), 0));
        CHECK(preview.depth() == CV_8U);
        CHECK(greyAt(preview, 5, 5) == 0);
        CHECK(greyAt(preview, 50, 5) == 255);
    }
    SECTION("16-bit colour PNG")
    {
        const cv::Mat deep(40, 60, CV_16UC3, cv::Scalar(0, 32896, 65535));
        const cv::Mat preview = decodePng(inspector.renderPng(encodeImage(deep, ".png"), 0));
        REQUIRE(preview.type() == CV_8UC3);
        CHECK(preview.at<cv::Vec3b>(1, 1) == cv::Vec3b(0, 128, 255));
    }
    SECTION("alpha is composited over white")
    {
        cv::Mat rgba(40, 60, CV_8UC4, cv::Scalar(0, 0, 0, 0));          // black, fully transparent
        rgba(cv::Rect(0, 0, 20, 40)).setTo(cv::Scalar(0, 0, 255, 255)); // opaque red
        rgba(cv::Rect(20, 0, 20, 40)).setTo(cv::Scalar(0, 0, 0, 128));  // half-transparent black
        const cv::Mat preview = decodePng(inspector.renderPng(encodeImage(rgba, ".png"), 0));
        REQUIRE(preview.type() == CV_8UC3);
        CHECK(preview.at<cv::Vec3b>(10, 10) == cv::Vec3b(0, 0, 255));
        CHECK(std::abs(greyAt(preview, 30, 10) - 127) <= 1);
        CHECK(preview.at<cv::Vec3b>(10, 50) == cv::Vec3b(255, 255, 255));
    }
    SECTION("EXIF orientation 6 (rotate 90 degrees) turns a landscape photo upright")
    {
        const cv::Mat landscape(100, 200, CV_8UC3, cv::Scalar(50, 100, 150));
        const std::string jpeg = withExifOrientation(encodeImage(landscape, ".jpg"), 6);
        CHECK(inspector.inspect(jpeg).accepted);
        const cv::Mat preview = decodePng(inspector.renderPng(jpeg, 0));
        CHECK(preview.cols == 100);
        CHECK(preview.rows == 200);
    }
}

TEST_CASE("multi-page TIFF: each page renders on its own", "[documents]")
{
    LocalDocumentInspector inspector;
    const cv::Mat first(200, 300, CV_8UC3, cv::Scalar(0, 0, 255));
    const cv::Mat second(100, 400, CV_8UC1, cv::Scalar(77));
    const cv::Mat third(250, 2600, CV_8UC3, cv::Scalar(255, 0, 0));
    const std::string tiff = writeMultiPageTiff({first, second, third});

    const cv::Mat page0 = decodePng(inspector.renderPng(tiff, 0));
    CHECK(page0.cols == 300);
    CHECK(page0.rows == 200);
    CHECK(page0.at<cv::Vec3b>(10, 10) == cv::Vec3b(0, 0, 255));

    const cv::Mat page1 = decodePng(inspector.renderPng(tiff, 1));
    CHECK(page1.cols == 400);
    CHECK(page1.rows == 100);
    CHECK(greyAt(page1, 10, 10) == 77);

    const cv::Mat page2 = decodePng(inspector.renderPng(tiff, 2));
    CHECK(page2.cols == 2000);
    CHECK(page2.rows == 192);
    CHECK(page2.at<cv::Vec3b>(10, 10) == cv::Vec3b(255, 0, 0));

    CHECK_THAT(invalidInputMessage([&] { inspector.renderPng(tiff, 3); }),
               Contains("page index 3 does not exist") && Contains("3 pages"));
    CHECK_THAT(invalidInputMessage([&] { inspector.renderPng(tiff, -1); }), Contains("page index -1"));
}

TEST_CASE("fax TIFF: group 4 bilevel pages are decoded and stretched to square pixels", "[documents]")
{
    LocalDocumentInspector inspector;
    const std::string fax = makeTiff({faxPage(204, 196), faxPage(204, 98)});

    const DocumentFormat format = inspector.inspect(fax);
    CHECK(format.mediaType == "image/tiff");
    CHECK(format.pages == 2);

    const std::vector<ImageFrameHeader> frames = ImageHeaderReader::readTiff(fax, 50);
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].bitsPerSample == 1);
    CHECK(frames[0].xResolution == Approx(204));
    CHECK(frames[0].yResolution == Approx(196));
    CHECK(frames[1].yResolution == Approx(98));

    SECTION("fine resolution, 204 x 196 dpi: height x 204/196")
    {
        const cv::Mat page = decodePng(inspector.renderPng(fax, 0));
        CHECK(page.cols == 128);
        CHECK(page.rows == 104);
        CHECK(greyAt(page, 10, 50 * 104 / 100) < 64);   // inside the black band
        CHECK(greyAt(page, 100, 50 * 104 / 100) > 192); // right half of the band is white
        CHECK(greyAt(page, 10, 10) > 192);
        CHECK(greyAt(page, 10, 90) > 192);
    }
    SECTION("normal resolution, 204 x 98 dpi: height doubled")
    {
        const cv::Mat page = decodePng(inspector.renderPng(fax, 1));
        CHECK(page.cols == 128);
        CHECK(page.rows == 208);
        CHECK(greyAt(page, 10, 104) < 64); // band rows 40..59 now lie near 83..123
        CHECK(greyAt(page, 10, 70) > 192);
        CHECK(greyAt(page, 10, 140) > 192);
    }
    SECTION("square pixels are not stretched")
    {
        const cv::Mat page = decodePng(inspector.renderPng(makeTiff({faxPage(200, 200)}), 0));
        CHECK(page.cols == 128);
        CHECK(page.rows == 100);
    }
    SECTION("absurd resolution ratios are ignored as broken metadata")
    {
        const cv::Mat page = decodePng(inspector.renderPng(makeTiff({faxPage(1000, 1)}), 0));
        CHECK(page.rows == 100);
    }
}

TEST_CASE("a CMYK JPEG is converted to colour", "[documents]")
{
    LocalDocumentInspector inspector;
    const std::string jpeg = cmykJpeg(64, 40);
    const ImageFrameHeader header = ImageHeaderReader::readJpeg(jpeg);
    CHECK(header.samplesPerPixel == 4);
    const DocumentFormat format = inspector.inspect(jpeg);
    CHECK(format.mediaType == "image/jpeg");
    CHECK(format.accepted);
    const cv::Mat preview = decodePng(inspector.renderPng(jpeg, 0));
    CHECK(preview.cols == 64);
    CHECK(preview.rows == 40);
    REQUIRE(preview.type() == CV_8UC3);
    double low = 0;
    double high = 0;
    cv::minMaxLoc(preview.reshape(1), &low, &high);
    CHECK(low == high); // uniform, as encoded
    CHECK(low > 20);    // neither black nor white: the CMYK values were converted, not dropped
    CHECK(high < 235);
}

TEST_CASE("TIFF in big-endian byte order and in BigTIFF form", "[documents]")
{
    LocalDocumentInspector inspector;
    TiffPage first;
    first.width = 4;
    first.height = 2;
    first.data = std::string("\x00\x40\x80\xFF\xFF\x80\x40\x00", 8);
    TiffPage second;
    second.width = 3;
    second.height = 5;
    second.data = std::string(15, '\x20');
    const TiffLayout layout = GENERATE(TiffLayout{true, false, false}, TiffLayout{false, true, false},
                                       TiffLayout{true, true, false});
    INFO("big-endian " << layout.bigEndian << ", BigTIFF " << layout.bigTiff);
    const std::string tiff = makeTiff({first, second}, layout);

    const DocumentFormat format = inspector.inspect(tiff);
    CHECK(format.mediaType == "image/tiff");
    CHECK(format.pages == 2);
    const cv::Mat page0 = decodePng(inspector.renderPng(tiff, 0));
    REQUIRE(page0.cols == 4);
    REQUIRE(page0.rows == 2);
    CHECK(greyAt(page0, 1, 0) == 0x40);
    CHECK(greyAt(page0, 3, 0) == 0xFF);
    CHECK(greyAt(page0, 0, 1) == 0xFF);
    const cv::Mat page1 = decodePng(inspector.renderPng(tiff, 1));
    CHECK(page1.cols == 3);
    CHECK(page1.rows == 5);
    CHECK(greyAt(page1, 2, 4) == 0x20);
}

TEST_CASE("the header reader reports what the headers declare", "[documents]")
{
    const std::string jpeg = encodeImage(cv::Mat(120, 160, CV_8UC3, cv::Scalar(1, 2, 3)), ".jpg");
    const ImageFrameHeader jpegHeader = ImageHeaderReader::readJpeg(jpeg);
    CHECK(jpegHeader.width == 160);
    CHECK(jpegHeader.height == 120);
    CHECK(jpegHeader.samplesPerPixel == 3);
    CHECK_NOTHROW(ImageHeaderReader::checkJpegComplete(jpeg));

    const std::string png = encodeImage(cv::Mat(30, 50, CV_16UC1, cv::Scalar(7)), ".png");
    const ImageFrameHeader pngHeader = ImageHeaderReader::readPng(png);
    CHECK(pngHeader.width == 50);
    CHECK(pngHeader.height == 30);
    CHECK(pngHeader.bitsPerSample == 16);
    CHECK(pngHeader.samplesPerPixel == 1);
    CHECK_NOTHROW(ImageHeaderReader::checkPngComplete(png));

    // The copy that starts at page 2 is what a first-page-only decoder then reads.
    const std::string tiff = writeMultiPageTiff(
        {cv::Mat(10, 20, CV_8UC1, cv::Scalar(1)), cv::Mat(30, 40, CV_8UC1, cv::Scalar(2))});
    const std::vector<ImageFrameHeader> pages = ImageHeaderReader::readTiff(tiff, 50);
    REQUIRE(pages.size() == 2);
    CHECK(pages[1].width == 40);
    CHECK(pages[1].height == 30);
    const std::string second = ImageHeaderReader::tiffStartingAt(tiff, pages[1]);
    CHECK(second.size() == tiff.size());
    const cv::Mat decoded =
        cv::imdecode(cv::Mat(1, static_cast<int>(second.size()), CV_8UC1, const_cast<char*>(second.data())),
                     cv::IMREAD_UNCHANGED);
    CHECK(decoded.cols == 40);
    CHECK(decoded.rows == 30);

    CHECK_THROWS_AS(ImageHeaderReader::readTiff(tiff, 1), Error);
    CHECK_THROWS_AS(ImageHeaderReader::readPng(jpeg), Error);
    CHECK_THROWS_AS(ImageHeaderReader::readJpeg(png), Error);
    CHECK_THROWS_AS(ImageHeaderReader::readTiff("II*", 5), Error);
}

namespace
{

std::uint32_t pngCrcOf(std::string_view bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char c : bytes)
    {
        crc ^= static_cast<std::uint8_t>(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

std::string bigEndian(std::uint32_t value, int bytes)
{
    std::string out;
    for (int i = bytes - 1; i >= 0; --i)
        out += static_cast<char>((value >> (8 * i)) & 0xFF);
    return out;
}

// `png` with a pHYs chunk after its header: `perUnit` pixels across and down, in `unit` (1: the metre).
std::string withPhys(const std::string& png, std::uint32_t perUnit, int unit)
{
    const std::string body = "pHYs" + bigEndian(perUnit, 4) + bigEndian(perUnit, 4) + static_cast<char>(unit);
    return png.substr(0, 33) + bigEndian(9, 4) + body + bigEndian(pngCrcOf(body), 4) + png.substr(33);
}

// `jpeg` with its JFIF header's density set to `density` in `unit` (1: per inch, 2: per centimetre).
std::string withDensity(std::string jpeg, std::uint32_t density, int unit)
{
    const std::size_t at = jpeg.find(std::string("JFIF\0", 5));
    REQUIRE(at != std::string::npos);
    jpeg[at + 7] = static_cast<char>(unit);
    jpeg.replace(at + 8, 2, bigEndian(density, 2));
    jpeg.replace(at + 10, 2, bigEndian(density, 2));
    return jpeg;
}

} // namespace

TEST_CASE("the resolution a PNG or JPEG declares is read in dots per inch, and none when it has no unit",
          "[documents]")
{
    const std::string png = encodeImage(cv::Mat(30, 50, CV_8UC1, cv::Scalar(7)), ".png");
    const std::string scanned = withPhys(png, 11811, 1); // 300 dpi
    CHECK_NOTHROW(ImageHeaderReader::checkPngComplete(scanned));
    CHECK(ImageHeaderReader::readPng(scanned).xResolution == Approx(300).epsilon(0.001));
    CHECK(ImageHeaderReader::readPng(scanned).yResolution == Approx(300).epsilon(0.001));
    CHECK(ImageHeaderReader::readPng(withPhys(png, 11811, 0)).xResolution == 0); // aspect only
    CHECK(ImageHeaderReader::readPng(png).xResolution == 0);
    // A pHYs chunk cut short ends the search; checkPngComplete names the damage.
    const std::string cut = scanned.substr(0, 40);
    CHECK(ImageHeaderReader::readPng(cut).xResolution == 0);
    CHECK_THROWS_AS(ImageHeaderReader::checkPngComplete(cut), Error);

    const std::string jpeg = encodeImage(cv::Mat(40, 60, CV_8UC1, cv::Scalar(9)), ".jpg");
    CHECK(ImageHeaderReader::readJpeg(withDensity(jpeg, 200, 1)).xResolution == Approx(200));
    CHECK(ImageHeaderReader::readJpeg(withDensity(jpeg, 118, 2)).yResolution == Approx(299.72));
    CHECK(ImageHeaderReader::readJpeg(withDensity(jpeg, 1, 0)).xResolution == 0);

    // What the inspector hands the preprocessor.
    LocalDocumentInspector inspector;
    const auto decoded = inspector.decodePage(scanned, 0, 300);
    CHECK(decoded.xDpi == Approx(300).epsilon(0.001));
    CHECK(inspector.decodePage(withDensity(jpeg, 200, 1), 0, 300).yDpi == Approx(200));
}

// ---------------------------------------------------------------- pixel limits (decompression bombs)

TEST_CASE("images larger than the pixel limit are refused from their header", "[documents]")
{
    LocalDocumentInspector inspector; // maxPixels 50,000,000

    SECTION("a PNG claiming 60000 x 60000")
    {
        const std::string bomb = pngClaiming(60000, 60000);
        CHECK(crc32("IEND") == 0xAE426082u); // the CRC used to build the chunks is the PNG one
        const std::string expected = "image is 60000 x 60000 pixels; the limit is 50000000 pixels";
        CHECK(invalidInputMessage([&] { inspector.inspect(bomb); }) == expected);
        CHECK(invalidInputMessage([&] { inspector.renderPng(bomb, 0); }) == expected);
    }
    SECTION("the limit itself is allowed, one pixel more is not")
    {
        LocalDocumentInspector small(InspectionLimits{1'000'000, 50, 2000});
        const std::string atLimit = encodeImage(cv::Mat(1000, 1000, CV_8UC1, cv::Scalar(0)), ".png");
        const std::string overLimit = encodeImage(cv::Mat(1000, 1001, CV_8UC1, cv::Scalar(0)), ".png");
        CHECK(small.inspect(atLimit).accepted);
        CHECK(decodePng(small.renderPng(atLimit, 0)).cols == 1000);
        CHECK(invalidInputMessage([&] { small.inspect(overLimit); }) ==
              "image is 1001 x 1000 pixels; the limit is 1000000 pixels");
        const std::string jpeg = encodeImage(cv::Mat(1000, 1001, CV_8UC3, cv::Scalar(0, 0, 0)), ".jpg");
        CHECK(invalidInputMessage([&] { small.renderPng(jpeg, 0); }) ==
              "image is 1001 x 1000 pixels; the limit is 1000000 pixels");
    }
    SECTION("a TIFF page with absurd dimensions")
    {
        TiffPage huge;
        huge.width = 1'000'000;
        huge.height = 1'000'000;
        const std::string tiff = makeTiff({TiffPage{}, huge});
        CHECK(invalidInputMessage([&] { inspector.inspect(tiff); }) ==
              "TIFF page 2 is 1000000 x 1000000 pixels; the limit is 50000000 pixels");
        CHECK_THAT(invalidInputMessage([&] { inspector.renderPng(tiff, 1); }), Contains("1000000 x 1000000"));
        // The sane first page can still be shown.
        CHECK(decodePng(inspector.renderPng(tiff, 0)).cols == 1);
    }
    SECTION("a small TIFF page with huge tiles")
    {
        TiffPage tiled;
        tiled.tileWidth = 100'000;
        tiled.tileHeight = 100'000;
        CHECK(invalidInputMessage([&] { inspector.inspect(makeTiff({tiled})); }) ==
              "TIFF page 1 uses tiles of 100000 x 100000 pixels; the limit is 50000000 pixels");
    }
    SECTION("a TIFF with the largest possible dimensions does not overflow the check")
    {
        TiffPage huge;
        huge.width = 0xFFFFFFFFu;
        huge.height = 0xFFFFFFFFu;
        CHECK_THAT(invalidInputMessage([&] { inspector.inspect(makeTiff({huge})); }),
                   Contains("4294967295 x 4294967295 pixels"));
    }
}

TEST_CASE("TIFF page chains are bounded", "[documents]")
{
    LocalDocumentInspector inspector(InspectionLimits{50'000'000, 5, 2000});
    CHECK(inspector.inspect(makeTiff(std::vector<TiffPage>(5))).pages == 5);
    CHECK(invalidInputMessage([&] { inspector.inspect(makeTiff(std::vector<TiffPage>(6))); }) ==
          "TIFF has more than 5 pages; the limit is 5");
    CHECK_THAT(invalidInputMessage(
                   [&] {
                       inspector.inspect(makeTiff(std::vector<TiffPage>(3), TiffLayout{false, false, true}));
                   }),
               Contains("loops"));
    CHECK_THAT(
        invalidInputMessage(
            [&] {
                inspector.renderPng(makeTiff(std::vector<TiffPage>(2), TiffLayout{false, false, true}), 0);
            }),
        Contains("loops"));
}

// ---------------------------------------------------------------- PDF

TEST_CASE("PDF pages render at the width limit", "[documents]")
{
    LocalDocumentInspector inspector;
    const std::string pdf =
        makePdf({PdfPage{612, 792, 0, leftHalfBlack},                 // US Letter
                 PdfPage{595, 842, 0, "0 0 0 rg 0 421 595 421 re f"}, // A4, top half black
                 PdfPage{612, 792, 90, ""}});                         // Letter turned to landscape
    REQUIRE(inspector.inspect(pdf).pages == 3);

    SECTION("letter page: 2000 wide, drawn content visible")
    {
        const cv::Mat page = decodePng(inspector.renderPng(pdf, 0));
        CHECK(page.cols == 2000);
        CHECK(std::abs(page.rows - 2588) <= 1);
        CHECK(greyAt(page, 500, 1200) < 32);
        CHECK(greyAt(page, 1500, 1200) > 224);
    }
    SECTION("A4 page")
    {
        const cv::Mat page = decodePng(inspector.renderPng(pdf, 1));
        CHECK(page.cols == 2000);
        CHECK(std::abs(page.rows - 2830) <= 1);
        CHECK(greyAt(page, 1000, 500) < 32);
        CHECK(greyAt(page, 1000, 2500) > 224);
    }
    SECTION("a page with /Rotate 90 is measured turned")
    {
        const cv::Mat page = decodePng(inspector.renderPng(pdf, 2));
        CHECK(page.cols == 2000);
        CHECK(std::abs(page.rows - 1545) <= 1);
    }
    SECTION("the area limit lowers the resolution further")
    {
        LocalDocumentInspector small(InspectionLimits{1'000'000, 50, 2000});
        const cv::Mat page = decodePng(small.renderPng(pdf, 0));
        CHECK(static_cast<long>(page.cols) * page.rows <= 1'000'000);
        CHECK(page.cols >= 870);
        CHECK(page.cols / static_cast<double>(page.rows) == Approx(612.0 / 792.0).epsilon(0.01));
    }
    SECTION("pages out of range")
    {
        CHECK(invalidInputMessage([&] { inspector.renderPng(pdf, 3); }) ==
              "page index 3 does not exist: the document has 3 pages (indices 0 to 2)");
        CHECK_THAT(invalidInputMessage([&] { inspector.renderPng(pdf, -1); }), Contains("page index -1"));
    }
}

TEST_CASE("PDF page count limit", "[documents]")
{
    LocalDocumentInspector inspector; // maxPages 50
    CHECK(inspector.inspect(makePdf(blankPages(50))).pages == 50);
    const std::string tooMany = makePdf(blankPages(51));
    CHECK(invalidInputMessage([&] { inspector.inspect(tooMany); }) == "PDF has 51 pages; the limit is 50");
    CHECK(invalidInputMessage([&] { inspector.renderPng(tooMany, 0); }) ==
          "PDF has 51 pages; the limit is 50");
}

TEST_CASE("broken and locked PDFs are refused with a clear message", "[documents]")
{
    LocalDocumentInspector inspector;

    SECTION("a PDF header followed by garbage")
    {
        const std::string junk = "%PDF-1.7\n" + randomBytes(2000, 11);
        REQUIRE(MagicSniffer().mediaType(junk) == "application/pdf");
        CHECK_THAT(invalidInputMessage([&] { inspector.inspect(junk); }), Contains("PDF cannot be opened"));
        CHECK_THAT(invalidInputMessage([&] { inspector.renderPng(junk, 0); }),
                   Contains("PDF cannot be opened"));
    }
    SECTION("a truncated PDF")
    {
        const std::string pdf = makePdf({PdfPage{612, 792, 0, leftHalfBlack}});
        const std::string truncated = pdf.substr(0, 40);
        CHECK_THAT(invalidInputMessage([&] { inspector.inspect(truncated); }),
                   Contains("PDF cannot be opened"));
    }
    SECTION("an encrypted PDF that needs a password")
    {
        const std::string hex32(64, 'A');
        const std::string pdf =
            makePdf({PdfPage{612, 792, 0, leftHalfBlack}},
                    "<< /Filter /Standard /V 1 /R 2 /O <" + hex32 + "> /U <" + hex32 + "> /P -4 >>");
        CHECK(invalidInputMessage([&] { inspector.inspect(pdf); }) ==
              "PDF is encrypted and needs a password; it must be sent without a password");
        CHECK_THAT(invalidInputMessage([&] { inspector.renderPng(pdf, 0); }), Contains("encrypted"));
    }
    SECTION("a PDF without pages")
    {
        CHECK_THAT(invalidInputMessage([&] { inspector.inspect(makePdf({})); }),
                   Contains("PDF has no pages"));
    }
}

// ---------------------------------------------------------------- hostile input

TEST_CASE("truncated images are refused, naming the problem", "[documents]")
{
    LocalDocumentInspector inspector;
    const cv::Mat photo(200, 300, CV_8UC3, cv::Scalar(30, 60, 90));

    SECTION("JPEG cut in its image data")
    {
        const std::string jpeg = encodeImage(photo, ".jpg");
        const std::string cut = jpeg.substr(0, jpeg.size() / 2);
        CHECK(invalidInputMessage([&] { inspector.inspect(cut); }) ==
              "JPEG is truncated: the end-of-image marker is missing");
        CHECK(invalidInputMessage([&] { inspector.renderPng(cut, 0); }) ==
              "JPEG is truncated: the end-of-image marker is missing");
    }
    SECTION("JPEG cut in its headers")
    {
        const std::string jpeg = encodeImage(photo, ".jpg");
        CHECK_THAT(invalidInputMessage([&] { inspector.inspect(jpeg.substr(0, 30)); }),
                   Contains("JPEG is truncated"));
    }
    SECTION("PNG with a damaged byte")
    {
        std::string png = encodeImage(photo, ".png");
        png[png.size() / 2] = static_cast<char>(png[png.size() / 2] ^ 0x55);
        CHECK_THAT(invalidInputMessage([&] { inspector.inspect(png); }),
                   Contains("PNG is damaged: the IDAT chunk") && Contains("fails its checksum"));
        CHECK_THAT(invalidInputMessage([&] { inspector.renderPng(png, 0); }), Contains("fails its checksum"));
    }
    SECTION("PNG cut in its image data")
    {
        const std::string png = encodeImage(photo, ".png");
        CHECK_THAT(invalidInputMessage([&] { inspector.inspect(png.substr(0, png.size() - 30)); }),
                   Contains("PNG is truncated"));
    }
}

TEST_CASE("damaged files never crash the inspector", "[documents]")
{
    // Every truncation and many corruptions of valid files must end in a result or Error(InvalidInput).
    LocalDocumentInspector inspector(InspectionLimits{4'000'000, 10, 200});
    cv::Mat photo(60, 80, CV_8UC3);
    cv::randu(photo, cv::Scalar::all(0), cv::Scalar::all(255));
    const std::vector<std::string> originals = {
        encodeImage(photo, ".jpg"), encodeImage(photo, ".png"), writeMultiPageTiff({photo, photo}),
        makeTiff({faxPage(204, 98)}), makePdf({PdfPage{612, 792, 0, leftHalfBlack}})};
    std::mt19937 generator(2024);
    int outcomes = 0;
    for (const std::string& original : originals)
    {
        std::vector<std::string> variants;
        for (std::size_t length = 0; length < original.size();
             length += std::max<std::size_t>(1, original.size() / 40))
            variants.push_back(original.substr(0, length));
        for (int i = 0; i < 40; ++i)
        {
            std::string corrupted = original;
            std::uniform_int_distribution<std::size_t> position(0, corrupted.size() - 1);
            for (int flips = 0; flips < 4; ++flips)
                corrupted[position(generator)] = static_cast<char>(generator() & 0xFF);
            variants.push_back(corrupted);
        }
        for (const std::string& variant : variants)
        {
            for (int page = 0; page < 2; ++page)
            {
                try
                {
                    if (page == 0)
                        inspector.inspect(variant);
                    inspector.renderPng(variant, page);
                }
                catch (const Error& error)
                {
                    INFO(error.what());
                    CHECK(error.code() == ErrorCode::InvalidInput);
                }
                ++outcomes;
            }
        }
    }
    CHECK(outcomes > 400);
}

// ---------------------------------------------------------------- construction and threads

TEST_CASE("limits must be positive", "[documents]")
{
    const auto codeOf = [](InspectionLimits limits)
    {
        try
        {
            LocalDocumentInspector inspector(limits);
        }
        catch (const Error& error)
        {
            return error.code();
        }
        return ErrorCode::Internal;
    };
    CHECK(codeOf(InspectionLimits{0, 50, 2000}) == ErrorCode::Configuration);
    CHECK(codeOf(InspectionLimits{1000, 0, 2000}) == ErrorCode::Configuration);
    CHECK(codeOf(InspectionLimits{1000, 50, -1}) == ErrorCode::Configuration);
    LocalDocumentInspector fine(InspectionLimits{1, 1, 1});
    CHECK(fine.limits().maxRenderWidth == 1);
}

TEST_CASE("a missing magic database stops construction with Error(Internal)", "[documents]")
{
    // libmagic's default database can be redirected with MAGIC; nothing else runs in this process meanwhile.
    REQUIRE(::setenv("MAGIC", "/nonexistent/proofdesk-test.mgc", 1) == 0);
    ErrorCode code = ErrorCode::InvalidInput;
    std::string message;
    try
    {
        MagicSniffer sniffer;
    }
    catch (const Error& error)
    {
        code = error.code();
        message = error.what();
    }
    ::unsetenv("MAGIC");
    CHECK(code == ErrorCode::Internal);
    CHECK_THAT(message, Contains("magic database"));
}

TEST_CASE("one inspector serves several threads at once", "[documents]")
{
    LocalDocumentInspector inspector(InspectionLimits{50'000'000, 50, 400});
    const std::vector<std::string> inputs = {
        encodeImage(cv::Mat(300, 500, CV_8UC3, cv::Scalar(1, 2, 3)), ".png"),
        encodeImage(cv::Mat(300, 500, CV_8UC3, cv::Scalar(9, 8, 7)), ".jpg"),
        makeTiff({faxPage(204, 98), faxPage(204, 196)}),
        makePdf({PdfPage{612, 792, 0, leftHalfBlack}, PdfPage{595, 842, 0, leftHalfBlack}})};
    std::vector<std::string> expected;
    for (const std::string& input : inputs)
        expected.push_back(inspector.renderPng(input, 0));

    std::atomic<int> mismatches{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
    {
        threads.emplace_back(
            [&, t]
            {
                for (int round = 0; round < 6; ++round)
                {
                    const std::size_t which = static_cast<std::size_t>(t + round) % inputs.size();
                    try
                    {
                        if (!inspector.inspect(inputs[which]).accepted)
                            ++failures;
                        if (inspector.renderPng(inputs[which], 0) != expected[which])
                            ++mismatches;
                    }
                    catch (...)
                    {
                        ++failures;
                    }
                }
            });
    }
    for (std::thread& thread : threads)
        thread.join();
    CHECK(mismatches == 0);
    CHECK(failures == 0);
}
