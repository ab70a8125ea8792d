#include "proofdesk/adapters/LocalDocumentInspector.h"
#include "proofdesk/adapters/PerceptualHash.h"
#include "proofdesk/domain/Checks.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace proofdesk;

namespace
{

std::string sample(const std::string& name)
{
    std::ifstream in(std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string encode(const cv::Mat& image, const std::string& extension, std::vector<int> parameters = {})
{
    std::vector<unsigned char> buffer;
    REQUIRE(cv::imencode(extension, image, buffer, parameters));
    return std::string(buffer.begin(), buffer.end());
}

int distance(const std::string& a, const std::string& b)
{
    const std::optional<int> d = perceptualHashDistance(a, b);
    REQUIRE(d);
    return *d;
}

} // namespace

TEST_CASE("Perceptual hash: the same image re-encoded is near, different documents are far", "[adapters][phash]")
{
    LocalDocumentInspector inspector;
    const PerceptualHash hash(inspector);
    const std::string front = sample("dl-clean-001-front.png");
    const std::string frontHash = hash.ofDocument(front);
    CHECK(frontHash.size() == 16);
    CHECK(frontHash.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(hash.ofDocument(front) == frontHash); // deterministic

    const cv::Mat pixels = cv::imdecode(cv::Mat(1, static_cast<int>(front.size()), CV_8U, const_cast<char*>(front.data())),
                                        cv::IMREAD_COLOR);
    REQUIRE_FALSE(pixels.empty());
    // Re-encoded as a poor JPEG, and scaled to half size: still the same image.
    CHECK(distance(frontHash, hash.ofDocument(encode(pixels, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 40}))) <= 6);
    cv::Mat half;
    cv::resize(pixels, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    CHECK(distance(frontHash, hash.ofDocument(encode(half, ".png"))) <= 6);
    CHECK(distance(frontHash, PerceptualHash::ofImage(pixels)) == 0);

    // Other documents: another license's front, its back, a bank statement (PDF), a passport.
    for (const char* other : {"dl-clean-002-front.png", "dl-clean-001-back.png", "bank-clean-001.pdf",
                              "passport-clean-001.png", "id-clean-001-front.png"})
    {
        INFO(other);
        CHECK(distance(frontHash, hash.ofDocument(sample(other))) > 6);
    }
}

TEST_CASE("Perceptual hash: grey, colour and alpha images; unreadable input refused", "[adapters][phash]")
{
    cv::Mat gradient(80, 90, CV_8UC1);
    for (int y = 0; y < gradient.rows; ++y)
        for (int x = 0; x < gradient.cols; ++x)
            gradient.at<unsigned char>(y, x) = static_cast<unsigned char>(x * 2);
    // Brighter to the right everywhere: every bit set.
    CHECK(PerceptualHash::ofImage(gradient) == "ffffffffffffffff");
    cv::Mat colour;
    cv::cvtColor(gradient, colour, cv::COLOR_GRAY2BGR);
    CHECK(PerceptualHash::ofImage(colour) == "ffffffffffffffff");
    cv::Mat alpha;
    cv::cvtColor(gradient, alpha, cv::COLOR_GRAY2BGRA);
    CHECK(PerceptualHash::ofImage(alpha) == "ffffffffffffffff");
    cv::Mat flipped;
    cv::flip(gradient, flipped, 1);
    CHECK(PerceptualHash::ofImage(flipped) == "0000000000000000");
    CHECK_THROWS_AS(PerceptualHash::ofImage(cv::Mat()), Error);

    LocalDocumentInspector inspector;
    const PerceptualHash hash(inspector);
    CHECK_THROWS_AS(hash.ofDocument("not an image at all"), Error);
    CHECK_THROWS_AS(hash.ofDocument(""), Error);
}
