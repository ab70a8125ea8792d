// bench_ocr: TesseractOcr against the plain `tesseract IMAGE stdout` command on the same page, in the same run.
//
//   bench_ocr [--image FILE --dpi N [--region X,Y,W,H]] [--runs N] [--docs N]
//
// Without --image it renders a synthetic letter-size bank statement at 300 dpi (all text invented) and uses
// its address block (the window-envelope position) as the region. Prints medians and the ratios ours / CLI,
// then documents per second with 1 and 2 threads sharing one engine pool. Times depend on the machine and
// its load: compare the ratios, which come from the same run.

#include "proofdesk/adapters/OcrThreads.h"
#include "proofdesk/adapters/TesseractOcr.h"
#include "proofdesk/domain/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace proofdesk;

namespace
{

using Clock = std::chrono::steady_clock;

double secondsOf(const std::function<void()>& work)
{
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

struct Page
{
    cv::Mat grey;
    int dpi = 300;
    cv::Rect region;  // the part that matters (an address block)
    std::string description;
};

// A letter-size statement at 300 dpi: issuer header, the recipient's address in the window-envelope
// position, a summary, some 45 transaction lines and small print. Everything in it is made up.
Page syntheticStatement()
{
    Page page;
    page.grey = cv::Mat(3300, 2550, CV_8UC1, cv::Scalar(255));
    page.description = "synthetic letter-size bank statement, 300 dpi (2550 x 3300)";
    const int font = cv::FONT_HERSHEY_SIMPLEX;
    auto text = [&](const std::string& s, int x, int y, double scale, int thickness = 2)
    { cv::putText(page.grey, s, {x, y}, font, scale, cv::Scalar(0), thickness, cv::LINE_AA); };

    text("NORTHWIND COMMUNITY BANK", 225, 230, 2.0, 4);
    text("PO Box 9100, Springfield Falls, ZZ 00000", 225, 300, 1.0);
    text("Account statement", 1700, 230, 1.4, 3);
    text("Statement date: March 31, 2026", 1700, 300, 1.0);
    text("Account number: XXXX-XXXX-0417", 1700, 350, 1.0);
    text("Page 1 of 1", 1700, 400, 1.0);

    // The window of a #10 envelope: about 0.9 in from the left, 2 in from the top.
    const std::vector<std::string> address = {"JANE Q SAMPLE", "418 LARKSPUR AVE APT 3B", "DAYTON OH 45402"};
    int y = 660;
    for (const std::string& line : address)
    {
        text(line, 270, y, 1.3, 3);
        y += 62;
    }
    page.region = cv::Rect(220, 600, 1050, 250);

    text("Summary", 225, 1050, 1.4, 3);
    const std::vector<std::pair<std::string, std::string>> summary = {
        {"Opening balance on March 1, 2026", "2,418.07"}, {"Deposits and other credits", "3,905.50"},
        {"Withdrawals and other debits", "3,112.84"},     {"Closing balance on March 31, 2026", "3,210.73"}};
    y = 1110;
    for (const auto& [label, amount] : summary)
    {
        text(label, 225, y, 1.0);
        text(amount, 1900, y, 1.0);
        y += 50;
    }

    text("Date", 225, 1400, 1.1, 3);
    text("Description", 450, 1400, 1.1, 3);
    text("Amount", 1650, 1400, 1.1, 3);
    text("Balance", 2000, 1400, 1.1, 3);
    const std::vector<std::string> payees = {"Grocery market purchase", "Electric utility payment",
                                             "Payroll deposit ACME WIDGETS", "Coffee shop card purchase",
                                             "Transfer to savings", "Pharmacy purchase", "Fuel station purchase",
                                             "Online bookstore order", "ATM withdrawal Main Street"};
    double balance = 2418.07;
    y = 1460;
    for (int i = 0; i < 45 && y < 3050; ++i)
    {
        const bool credit = i % 7 == 2;
        const double amount = credit ? 1302.50 : 12.35 + (i * 37 % 190) + (i % 5) * 0.41;
        balance += credit ? amount : -amount;
        char date[16];
        char money[32];
        char total[32];
        std::snprintf(date, sizeof(date), "03/%02d", 1 + i * 30 / 45);
        std::snprintf(money, sizeof(money), "%s%.2f", credit ? "" : "-", amount);
        std::snprintf(total, sizeof(total), "%.2f", balance);
        text(date, 225, y, 0.95);
        text(payees[static_cast<std::size_t>(i) % payees.size()] + " ref " + std::to_string(700120 + i * 13), 450, y,
             0.95);
        text(money, 1650, y, 0.95);
        text(total, 2000, y, 0.95);
        y += 36;
    }
    text("Questions about your account? Call the number on the back of your card or visit any branch.", 225,
         3150, 0.9);
    text("Member of a made-up deposit insurance scheme. This statement is synthetic test data.", 225, 3200, 0.9);
    return page;
}

std::string shellQuoted(const std::string& s)
{
    std::string out = "'";
    for (const char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs the plain command and returns its standard output; throws when it fails.
std::string plainTesseract(const std::string& imagePath)
{
    const std::string command = "OMP_THREAD_LIMIT=1 tesseract " + shellQuoted(imagePath) + " stdout 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr)
        throw std::runtime_error("cannot run: " + command);
    std::string output;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0)
        output.append(buffer, n);
    if (::pclose(pipe) != 0)
        throw std::runtime_error("failed: " + command);
    return output;
}

ImageView view(const cv::Mat& image)
{
    return ImageView{image.data, image.cols, image.rows, static_cast<int>(image.step), image.channels()};
}

bool mentions(const std::string& text, const std::string& needle)
{
    return text.find(needle) != std::string::npos;
}

// Documents per second when `threads` threads share `ocr` and read `count` documents between them.
double throughput(TesseractOcr& ocr, int threads, int count, const std::function<void(TesseractOcr&)>& readOne)
{
    std::atomic<int> next{0};
    const double seconds = secondsOf(
        [&]
        {
            std::vector<std::thread> workers;
            for (int t = 0; t < threads; ++t)
                workers.emplace_back(
                    [&]
                    {
                        while (next++ < count)
                            readOne(ocr);
                    });
            for (std::thread& worker : workers)
                worker.join();
        });
    return count / seconds;
}

void usage()
{
    std::cerr << "usage: bench_ocr [--image FILE --dpi N [--region X,Y,W,H]] [--runs N] [--docs N]\n";
    std::exit(2);
}

} // namespace

int main(int argc, char** argv)
{
    // Before anything else (and before any output): OMP_THREAD_LIMIT must be in place when libgomp loads.
    ensureSingleThreadedOcr(argc, argv);
    try
    {
        std::string imagePath;
        int dpi = 300;
        int runs = 3;
        int docs = 4;
        cv::Rect region;
        for (int i = 1; i < argc; ++i)
        {
            const std::string arg = argv[i];
            if (i + 1 >= argc)
                usage();
            const std::string value = argv[++i];
            if (arg == "--image")
                imagePath = value;
            else if (arg == "--dpi")
                dpi = std::stoi(value);
            else if (arg == "--runs")
                runs = std::max(1, std::stoi(value));
            else if (arg == "--docs")
                docs = std::max(1, std::stoi(value));
            else if (arg == "--region")
            {
                char comma = 0;
                std::istringstream in(value);
                if (!(in >> region.x >> comma >> region.y >> comma >> region.width >> comma >> region.height))
                    usage();
            }
            else
                usage();
        }

        Page page;
        std::string tempDir;
        if (imagePath.empty())
        {
            page = syntheticStatement();
            char pattern[] = "/tmp/bench-ocr-XXXXXX";
            if (::mkdtemp(pattern) == nullptr)
                throw std::runtime_error("mkdtemp failed");
            tempDir = pattern;
            imagePath = tempDir + "/statement.png";
            if (!cv::imwrite(imagePath, page.grey))
                throw std::runtime_error("cannot write " + imagePath);
        }
        else
        {
            page.grey = cv::imread(imagePath, cv::IMREAD_GRAYSCALE);
            if (page.grey.empty())
                throw std::runtime_error("cannot read " + imagePath);
            page.dpi = dpi;
            page.description = imagePath;
            // Without a region, the top third (where letters put the address).
            page.region = region.area() > 0 ? region : cv::Rect(0, 0, page.grey.cols, page.grey.rows / 3);
            page.region &= cv::Rect(0, 0, page.grey.cols, page.grey.rows);
        }
        const cv::Mat regionPixels = page.grey(page.region);
        const cv::Rect topThird(0, 0, page.grey.cols, page.grey.rows / 3);
        const cv::Mat topPixels = page.grey(topThird);

        double load[3] = {0, 0, 0};
        ::getloadavg(load, 3);
        std::printf("bench_ocr: %s\n", page.description.c_str());
        std::printf("machine: %u hardware threads, parallelOcrWorkers() = %d, OMP_THREAD_LIMIT=%s, load average "
                    "%.2f %.2f %.2f\n",
                    std::thread::hardware_concurrency(), parallelOcrWorkers(),
                    std::getenv("OMP_THREAD_LIMIT") ? std::getenv("OMP_THREAD_LIMIT") : "(unset)", load[0], load[1],
                    load[2]);
        std::printf("runs per figure: %d (median)\n\n", runs);

        // (a) the plain command, as an operator would run it, and (b), (c) our engine, warm; taken in turns so
        // that a change in the machine's load touches every figure alike.
        std::vector<double> cli;
        std::string cliText;
        double initSeconds = 0;
        std::unique_ptr<TesseractOcr> ocr;
        initSeconds = secondsOf([&] { ocr = std::make_unique<TesseractOcr>(TesseractOcrSettings{.engines = 2}); });
        OcrResult full;
        ocr->recognize(view(page.grey), TextLayout::Auto, page.dpi);  // warm-up, not timed
        std::vector<double> fullTimes, topTimes, regionTimes, osdTimes;
        OcrResult top, block;
        std::pair<int, float> turn;
        for (int i = 0; i < runs; ++i)
        {
            cli.push_back(secondsOf([&] { cliText = plainTesseract(imagePath); }));
            fullTimes.push_back(secondsOf([&] { full = ocr->recognize(view(page.grey), TextLayout::Auto, page.dpi); }));
            topTimes.push_back(secondsOf([&] { top = ocr->recognize(view(topPixels), TextLayout::Auto, page.dpi); }));
            regionTimes.push_back(secondsOf(
                [&] { block = ocr->recognize(view(regionPixels), TextLayout::SingleBlock, page.dpi); }));
            osdTimes.push_back(secondsOf([&] { turn = ocr->orientation(view(page.grey), page.dpi); }));
        }

        const double cliMedian = median(cli);
        auto row = [&](const char* what, double seconds, const std::string& text)
        {
            std::printf("%-44s %7.3f s  %6.2fx  address %s\n", what, seconds, seconds / cliMedian,
                        mentions(text, "LARKSPUR") ? "read" : "MISSED");
        };
        std::printf("%-44s %9s  %7s\n", "per document (median)", "time", "vs CLI");
        row("(a) OMP_THREAD_LIMIT=1 tesseract IMAGE stdout", cliMedian, cliText);
        row("(b) TesseractOcr, full page, PSM_AUTO", median(fullTimes), full.text);
        row("(c) TesseractOcr, top third, PSM_AUTO", median(topTimes), top.text);
        row("(c) TesseractOcr, address block, SINGLE_BLOCK", median(regionTimes), block.text);
        std::printf("%-44s %7.3f s  %6.2fx  (turn %d, confidence %.2f)\n", "    orientation (OSD), full page",
                    median(osdTimes), median(osdTimes) / cliMedian, turn.first, turn.second);
        std::printf("%-44s %7.3f s  (2 engines, once at start-up)\n\n", "    engine pool initialisation", initSeconds);

        // Throughput: the same pool shared by 1 and 2 threads.
        std::printf("%-44s %9s %9s %8s\n", "throughput (documents/second)", "1 thread", "2 threads", "2 vs 1");
        auto throughputRow = [&](const char* what, int count, const std::function<void(TesseractOcr&)>& readOne)
        {
            const double one = throughput(*ocr, 1, count, readOne);
            const double two = throughput(*ocr, 2, count, readOne);
            std::printf("%-44s %9.3f %9.3f %7.2fx\n", what, one, two, two / one);
        };
        throughputRow("TesseractOcr, full page", docs,
                      [&](TesseractOcr& o) { o.recognize(view(page.grey), TextLayout::Auto, page.dpi); });
        throughputRow("TesseractOcr, address block", docs * 8,
                      [&](TesseractOcr& o) { o.recognize(view(regionPixels), TextLayout::SingleBlock, page.dpi); });
        {
            // The plain command as two processes at once, for comparison with its single run.
            std::atomic<int> next{0};
            const double two = secondsOf(
                [&]
                {
                    std::vector<std::thread> workers;
                    for (int t = 0; t < 2; ++t)
                        workers.emplace_back(
                            [&]
                            {
                                while (next++ < docs)
                                    plainTesseract(imagePath);
                            });
                    for (std::thread& worker : workers)
                        worker.join();
                });
            std::printf("%-44s %9.3f %9.3f %7.2fx\n", "plain tesseract CLI", 1.0 / cliMedian, docs / two,
                        docs / two * cliMedian);
        }
        if (!tempDir.empty())
            std::filesystem::remove_all(tempDir);
        return 0;
    }
    catch (const Error& e)
    {
        std::fprintf(stderr, "bench_ocr: %s (%s)\n", e.what(), errorCodeName(e.code()));
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "bench_ocr: %s\n", e.what());
    }
    return 1;
}
