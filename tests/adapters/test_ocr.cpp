#include "proofdesk/adapters/OcrThreads.h"
#include "proofdesk/adapters/TesseractOcr.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "support/TempDir.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <dlfcn.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <future>
#include <string>
#include <thread>
#include <vector>

using namespace proofdesk;
using Catch::Matchers::Contains;

namespace
{

constexpr int dpi = 300;
const std::string reference = "PD-7K3M-Q9XD";
const std::string street = "418 LARKSPUR AVE APT 3B";
const std::string city = "DAYTON OH 45402";

// Where a line of text was drawn.
struct DrawnLine
{
    std::string text;
    cv::Rect box;
};

struct Drawing
{
    cv::Mat image;
    std::vector<DrawnLine> lines;
};

// Black Hershey text on white, one line under the other; large enough for Tesseract at 300 dpi
// (capitals about 33 pixels, like 11-point type).
Drawing drawLines(const std::vector<std::string>& lines, double scale = 1.5, int margin = 60)
{
    constexpr int thickness = 3;
    constexpr int font = cv::FONT_HERSHEY_SIMPLEX;
    int width = 0;
    int lineHeight = 0;
    for (const std::string& line : lines)
    {
        int baseline = 0;
        const cv::Size size = cv::getTextSize(line, font, scale, thickness, &baseline);
        width = std::max(width, size.width);
        lineHeight = std::max(lineHeight, size.height + baseline);
    }
    const int spacing = lineHeight + lineHeight / 2;
    Drawing drawing;
    drawing.image = cv::Mat(2 * margin + spacing * static_cast<int>(lines.size()), width + 2 * margin, CV_8UC1,
                            cv::Scalar(255));
    int y = margin + lineHeight;
    for (const std::string& line : lines)
    {
        int baseline = 0;
        const cv::Size size = cv::getTextSize(line, font, scale, thickness, &baseline);
        cv::putText(drawing.image, line, {margin, y}, font, scale, cv::Scalar(0), thickness, cv::LINE_AA);
        drawing.lines.push_back({line, cv::Rect(margin, y - size.height, size.width, size.height + baseline)});
        y += spacing;
    }
    return drawing;
}

ImageView view(const cv::Mat& image)
{
    return ImageView{image.data, image.cols, image.rows, static_cast<int>(image.step), image.channels()};
}

// Upper case, runs of white space as one space, trimmed, dashes as hyphens: tolerant of Tesseract's line
// and block breaks and of its reading Hershey's long hyphen as an em dash.
std::string normalised(std::string text)
{
    for (const std::string dash : {"\u2010", "\u2013", "\u2014"})
        for (auto at = text.find(dash); at != std::string::npos; at = text.find(dash, at))
            text.replace(at, dash.size(), "-");
    std::string out;
    for (const char c : text)
    {
        if (std::isspace(static_cast<unsigned char>(c)))
        {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        }
        else
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// One engine set for the tests that need no special settings: initialising costs a fraction of a second.
TesseractOcr& sharedOcr()
{
    static TesseractOcr ocr(TesseractOcrSettings{.engines = 2});
    return ocr;
}

const OcrWord* findWord(const OcrResult& result, const std::string& text)
{
    for (const OcrWord& word : result.words)
        if (normalised(word.text) == text)
            return &word;
    return nullptr;
}

bool inside(const Region& box, const cv::Rect& drawn, int slack)
{
    return box.x >= drawn.x - slack && box.y >= drawn.y - slack &&
           box.x + box.width <= drawn.x + drawn.width + slack &&
           box.y + box.height <= drawn.y + drawn.height + slack;
}

ErrorCode codeOf(const std::function<void()>& action)
{
    try
    {
        action();
    }
    catch (const Error& e)
    {
        return e.code();
    }
    FAIL("no proofdesk::Error was thrown");
    return ErrorCode::Internal;
}

} // namespace

TEST_CASE("OCR reads a case reference and an address block", "[ocr]")
{
    const Drawing drawing = drawLines({reference, street, city});
    const OcrResult result = sharedOcr().recognize(view(drawing.image), TextLayout::SingleBlock, dpi);
    const std::string text = normalised(result.text);
    CHECK_THAT(text, Contains(reference));
    CHECK_THAT(text, Contains(street));
    CHECK_THAT(text, Contains(city));
    CHECK(result.confidence > 0.8f);
    CHECK(result.confidence <= 1.0f);
    REQUIRE(result.words.size() >= 9);
    for (const OcrWord& word : result.words)
    {
        CHECK(word.confidence >= 0.0f);
        CHECK(word.confidence <= 1.0f);
    }
}

TEST_CASE("OCR word boxes lie where the text was drawn, with one line number per text line", "[ocr]")
{
    const Drawing drawing = drawLines({reference, street, city});
    const OcrResult result = sharedOcr().recognize(view(drawing.image), TextLayout::SingleBlock, dpi);

    const OcrWord* larkspur = findWord(result, "LARKSPUR");
    const OcrWord* apt = findWord(result, "APT");
    const OcrWord* dayton = findWord(result, "DAYTON");
    const OcrWord* zip = findWord(result, "45402");
    REQUIRE(larkspur != nullptr);
    REQUIRE(apt != nullptr);
    REQUIRE(dayton != nullptr);
    REQUIRE(zip != nullptr);

    const cv::Rect& streetBox = drawing.lines[1].box;
    const cv::Rect& cityBox = drawing.lines[2].box;
    CHECK(inside(larkspur->box, streetBox, 6));
    CHECK(inside(apt->box, streetBox, 6));
    CHECK(inside(dayton->box, cityBox, 6));
    CHECK(inside(zip->box, cityBox, 6));
    CHECK(larkspur->box.page == 0);
    // A word is not a sliver: LARKSPUR covers a good part of the street line's height and its share of width.
    CHECK(larkspur->box.height > streetBox.height / 2);
    CHECK(larkspur->box.width > streetBox.width / 5);
    // Reading order and positions agree: DAYTON starts the city line, the ZIP code ends it.
    CHECK(dayton->box.x < zip->box.x);
    CHECK(std::abs(dayton->box.x - cityBox.x) < 10);

    CHECK(larkspur->line == apt->line);
    CHECK(dayton->line == zip->line);
    CHECK(larkspur->line + 1 == dayton->line);
    CHECK(result.words.front().line == 0);
    CHECK(result.words.back().line == 2);
}

TEST_CASE("OCR keeps to the allowed characters, and only for that call", "[ocr]")
{
    // One engine, so the second call is sure to run on the engine the first one restricted.
    TesseractOcr ocr(TesseractOcrSettings{.engines = 1});
    const Drawing drawing = drawLines({reference});

    const OcrResult digits = ocr.recognize(view(drawing.image), TextLayout::SingleLine, dpi, "0123456789");
    const std::string digitText = normalised(digits.text);
    REQUIRE_FALSE(digitText.empty());
    for (const char c : digitText)
        CHECK((std::isdigit(static_cast<unsigned char>(c)) || c == ' '));
    for (const OcrWord& word : digits.words)
        for (const char c : word.text)
            CHECK(std::isdigit(static_cast<unsigned char>(c)));

    const OcrResult free = ocr.recognize(view(drawing.image), TextLayout::SingleLine, dpi);
    CHECK_THAT(normalised(free.text), Contains(reference));
}

TEST_CASE("OCR takes BGR images and all page segmentation modes", "[ocr]")
{
    const Drawing drawing = drawLines({street, city});
    cv::Mat bgr;
    cv::cvtColor(drawing.image, bgr, cv::COLOR_GRAY2BGR);
    // Colour on the letters, so that a wrong channel order or a grey view of colour bytes would show.
    bgr.setTo(cv::Scalar(120, 30, 0), drawing.image < 128);

    for (const TextLayout layout : {TextLayout::Auto, TextLayout::SingleBlock, TextLayout::Sparse})
    {
        const OcrResult result = sharedOcr().recognize(view(bgr), layout, dpi);
        CAPTURE(static_cast<int>(layout), result.text);
        const std::string text = normalised(result.text);
        CHECK_THAT(text, Contains("418 LARKSPUR AVE"));
        CHECK_THAT(text, Contains("45402"));
    }

    // A view into part of a larger image (stride wider than the row): only the city line.
    const cv::Rect cityBand(0, drawing.lines[1].box.y - 20, drawing.image.cols - 20, drawing.lines[1].box.height + 40);
    const cv::Mat band = drawing.image(cityBand);
    REQUIRE(band.step > static_cast<std::size_t>(band.cols));
    const OcrResult line = sharedOcr().recognize(view(band), TextLayout::SingleLine, dpi);
    CHECK(normalised(line.text) == city);
    for (const OcrWord& word : line.words)
        CHECK(word.line == 0);
}

TEST_CASE("OCR of a blank image gives no words and no error", "[ocr]")
{
    const cv::Mat blank(200, 400, CV_8UC1, cv::Scalar(255));
    const OcrResult result = sharedOcr().recognize(view(blank), TextLayout::Auto, dpi);
    CHECK(result.words.empty());
    CHECK(normalised(result.text).empty());
    CHECK(result.confidence == 0.0f);
    CHECK(sharedOcr().orientation(view(blank), dpi) == std::pair<int, float>{0, 0.0f});
}

TEST_CASE("OCR reports the turn that makes a rotated page upright", "[ocr]")
{
    // Orientation detection needs some lines of ordinary mixed-case text.
    const Drawing page = drawLines({"Statement of account for March", "Jane Sample, 418 Larkspur Avenue",
                                    "Dayton, Ohio 45402 - United States", "Opening balance and closing balance",
                                    "Thank you for banking with us today"},
                                   1.2);
    struct Case
    {
        int rotateCode;  // how the page is turned (-1: not at all)
        int expected;    // the clockwise turn that makes it upright again
    };
    for (const Case& c : {Case{-1, 0}, Case{cv::ROTATE_90_CLOCKWISE, 270}, Case{cv::ROTATE_180, 180},
                          Case{cv::ROTATE_90_COUNTERCLOCKWISE, 90}})
    {
        cv::Mat turned = page.image;
        if (c.rotateCode >= 0)
            cv::rotate(page.image, turned, c.rotateCode);
        const auto [turn, confidence] = sharedOcr().orientation(view(turned), dpi);
        CAPTURE(c.expected, turn, confidence);
        CHECK(turn == c.expected);
        CHECK(confidence > 0.3f);
        CHECK(confidence <= 1.0f);

        // Turning by the answer gives back the upright page.
        cv::Mat upright = turned;
        if (turn == 90)
            cv::rotate(turned, upright, cv::ROTATE_90_CLOCKWISE);
        else if (turn == 180)
            cv::rotate(turned, upright, cv::ROTATE_180);
        else if (turn == 270)
            cv::rotate(turned, upright, cv::ROTATE_90_COUNTERCLOCKWISE);
        REQUIRE(upright.size() == page.image.size());
        CHECK(cv::norm(upright, page.image, cv::NORM_L1) == 0.0);
    }
}

TEST_CASE("OCR from two threads at once gives each thread its own text", "[ocr]")
{
    const Drawing first = drawLines({reference});
    const Drawing second = drawLines({street, city});
    std::atomic<int> ready{0};
    auto readRepeatedly = [&ready](const cv::Mat& image, TextLayout layout)
    {
        ++ready;
        while (ready.load() < 2)
            std::this_thread::yield();
        std::vector<std::string> texts;
        for (int i = 0; i < 3; ++i)
            texts.push_back(normalised(sharedOcr().recognize(view(image), layout, dpi).text));
        return texts;
    };
    auto a = std::async(std::launch::async, readRepeatedly, std::cref(first.image), TextLayout::SingleLine);
    auto b = std::async(std::launch::async, readRepeatedly, std::cref(second.image), TextLayout::SingleBlock);
    for (const std::string& text : a.get())
        CHECK(text == reference);
    for (const std::string& text : b.get())
        CHECK(text == street + " " + city);
}

TEST_CASE("OCR callers wait for a busy engine, and give up after the lease timeout", "[ocr]")
{
    TesseractOcr ocr(TesseractOcrSettings{.engines = 1, .leaseTimeout = std::chrono::milliseconds(150)});
    CHECK(ocr.engines() == 1);
    // A page long enough to keep the only engine busy well beyond the timeout.
    std::vector<std::string> many;
    for (int i = 0; i < 14; ++i)
        many.push_back(street + " " + city + " " + reference);
    const Drawing page = drawLines(many);
    const Drawing small = drawLines({"45402"});

    auto longCall = std::async(std::launch::async,
                               [&]
                               {
                                   // Should the short calls below hold the engine for longer than the timeout
                                   // (a loaded machine), try again.
                                   for (;;)
                                   {
                                       try
                                       {
                                           return ocr.recognize(view(page.image), TextLayout::Auto, dpi);
                                       }
                                       catch (const Error& e)
                                       {
                                           if (e.code() != ErrorCode::Unavailable)
                                               throw;
                                       }
                                   }
                               });
    bool refused = false;
    while (!refused && longCall.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready)
    {
        try
        {
            // While the long call holds the engine this waits 150 ms, then gives up. The pause above lets
            // the long call take the engine between two tries.
            ocr.recognize(view(small.image), TextLayout::SingleLine, dpi);
        }
        catch (const Error& e)
        {
            CHECK(e.code() == ErrorCode::Unavailable);
            CHECK_THAT(e.what(), Contains("150 ms"));
            refused = true;
        }
    }
    CHECK(refused);
    CHECK_THAT(normalised(longCall.get().text), Contains(street));
    // The engine came back: the next call is served.
    CHECK(normalised(ocr.recognize(view(small.image), TextLayout::SingleLine, dpi).text) == "45402");
}

TEST_CASE("OCR refuses empty and malformed images with InvalidInput", "[ocr]")
{
    TesseractOcr& ocr = sharedOcr();
    const cv::Mat image(100, 120, CV_8UC1, cv::Scalar(255));
    const ImageView good = view(image);

    auto refuses = [&](ImageView bad, int resolution = dpi)
    {
        CHECK(codeOf([&] { ocr.recognize(bad, TextLayout::Auto, resolution); }) == ErrorCode::InvalidInput);
        CHECK(codeOf([&] { ocr.orientation(bad, resolution); }) == ErrorCode::InvalidInput);
    };
    refuses(ImageView{});
    ImageView bad = good;
    bad.data = nullptr;
    refuses(bad);
    bad = good;
    bad.width = 0;
    refuses(bad);
    bad = good;
    bad.height = -1;
    refuses(bad);
    bad = good;
    bad.channels = 4;
    refuses(bad);
    bad = good;
    bad.stride = good.width - 1;
    refuses(bad);
    bad = good;
    bad.width = 32768;  // the data is never read: the size is refused first
    bad.stride = 32768;
    refuses(bad);
    refuses(good, 69);
    refuses(good, 2401);
    refuses(good, 0);

    try
    {
        ocr.recognize(ImageView{}, TextLayout::Auto, dpi);
    }
    catch (const Error& e)
    {
        CHECK_THAT(e.what(), Contains("empty"));
    }
    // The boundaries themselves are accepted.
    CHECK_NOTHROW(ocr.recognize(good, TextLayout::Auto, 70));
    CHECK_NOTHROW(ocr.recognize(good, TextLayout::Auto, 2400));
    const cv::Mat onePixel(1, 1, CV_8UC1, cv::Scalar(0));
    CHECK_NOTHROW(ocr.recognize(view(onePixel), TextLayout::Auto, dpi));
}

TEST_CASE("OCR set-up errors name what is wrong", "[ocr]")
{
    try
    {
        TesseractOcr ocr(TesseractOcrSettings{.tessdataPath = "/nonexistent/tessdata", .engines = 1});
        FAIL("a missing tessdata folder was accepted");
    }
    catch (const Error& e)
    {
        CHECK(e.code() == ErrorCode::Configuration);
        CHECK_THAT(e.what(), Contains("/nonexistent/tessdata"));
        CHECK_THAT(e.what(), Contains("eng"));
    }
    CHECK(codeOf([] { TesseractOcr ocr(TesseractOcrSettings{.engines = -1}); }) == ErrorCode::Configuration);
    CHECK(codeOf([] { TesseractOcr ocr(TesseractOcrSettings{.engines = 1, .leaseTimeout = {}}); }) ==
          ErrorCode::Configuration);
    CHECK(codeOf([] { TesseractOcr ocr(TesseractOcrSettings{.language = "", .engines = 1}); }) ==
          ErrorCode::Configuration);
}

TEST_CASE("OCR worker count is what the machine can run in parallel", "[ocr]")
{
    const int workers = parallelOcrWorkers();
    CHECK(workers >= 1);
    CHECK(workers <= static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    CHECK(TesseractOcr(TesseractOcrSettings{.engines = 0}).engines() == workers);
}

namespace
{

constexpr const char* probeVariable = "PROOFDESK_OCR_PROBE";

std::string environmentValue(const char* name)
{
    const char* value = std::getenv(name);
    return value == nullptr ? "(unset)" : value;
}

// What libgomp itself took as its thread limit (it is in the process through Tesseract).
int openMpThreadLimit()
{
    using GetThreadLimit = int (*)();
    void* symbol = ::dlsym(RTLD_DEFAULT, "omp_get_thread_limit");
    if (symbol == nullptr)
        return -1;
    GetThreadLimit function = nullptr;
    std::memcpy(&function, &symbol, sizeof(function));
    return function();
}

// Runs this test program on the hidden probe test below with exactly `environment`; returns the lines the
// probe wrote, one per time the probe started and one when it got past ensureSingleThreadedOcr.
std::vector<std::string> runProbe(std::vector<std::string> environment)
{
    test::TempDir dir;
    const std::string probeFile = dir.path() + "/probe.txt";
    environment.push_back(std::string(probeVariable) + "=" + probeFile);
    std::vector<char*> envp;
    for (std::string& entry : environment)
        envp.push_back(entry.data());
    envp.push_back(nullptr);
    std::string program = "test_adapters";
    std::string filter = "[.ocr-probe]";
    char* argv[] = {program.data(), filter.data(), nullptr};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t child = 0;
    const int spawned = ::posix_spawn(&child, "/proc/self/exe", &actions, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    std::ifstream in(probeFile);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

} // namespace

// Run only by the test below, in a process of its own: ensureSingleThreadedOcr may replace the process.
TEST_CASE("OCR thread probe", "[.ocr-probe]")
{
    const std::string probeFile = environmentValue(probeVariable);
    REQUIRE(probeFile != "(unset)");
    std::ofstream(probeFile, std::ios::app) << "start\n";

    // main's argv, as the kernel keeps it.
    std::ifstream cmdline("/proc/self/cmdline");
    const std::string all((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    std::vector<std::string> arguments;
    std::istringstream split(all);
    for (std::string argument; std::getline(split, argument, '\0');)
        arguments.push_back(argument);
    std::vector<char*> argv;
    for (std::string& argument : arguments)
        argv.push_back(argument.data());
    argv.push_back(nullptr);

    ensureSingleThreadedOcr(static_cast<int>(arguments.size()), argv.data());
    std::ofstream(probeFile, std::ios::app) << "after OMP_THREAD_LIMIT=" << environmentValue("OMP_THREAD_LIMIT")
                                            << " marker=" << environmentValue("PROOFDESK_OMP_REEXEC")
                                            << " libgomp=" << openMpThreadLimit() << "\n";
}

TEST_CASE("ensureSingleThreadedOcr restarts the program once so that libgomp starts with one thread", "[ocr]")
{
    // Unset: one restart, and libgomp (loaded before main) took the limit.
    CHECK(runProbe({}) ==
          std::vector<std::string>{"start", "start", "after OMP_THREAD_LIMIT=1 marker=(unset) libgomp=1"});
    // An operator's value is kept, without a restart.
    CHECK(runProbe({"OMP_THREAD_LIMIT=3"}) ==
          std::vector<std::string>{"start", "after OMP_THREAD_LIMIT=3 marker=(unset) libgomp=3"});
    // The marker without the variable (someone removed it after the restart): no second restart.
    // libgomp's own default is no limit (reported as INT_MAX).
    CHECK(runProbe({"PROOFDESK_OMP_REEXEC=1"}) ==
          std::vector<std::string>{"start", "after OMP_THREAD_LIMIT=(unset) marker=(unset) libgomp=2147483647"});
}
