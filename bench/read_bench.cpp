// Reading benchmark on the synthetic corpus (samples/documents, or a folder given as the argument):
// per kind and degradation, document-type accuracy, field exact-match accuracy, and the median time per
// document as a ratio against the plain `OMP_THREAD_LIMIT=1 tesseract IMAGE stdout` command on the same
// image in the same run; then documents per second with 1, 2 and N workers.
// Usage: bench_read [CORPUS_DIR] [--no-cli] [--each]
// --each prints one line per document (seconds ours and plain, ratio, fields right of expected) and the
// fields it missed (synthetic values only: this corpus is generated).
#include "proofdesk/adapters/LocalDocumentInspector.h"
#include "proofdesk/adapters/LocalDocumentReader.h"
#include "proofdesk/adapters/OcrThreads.h"
#include "proofdesk/adapters/SystemClock.h"
#include "proofdesk/adapters/TesseractOcr.h"
#include "proofdesk/domain/Error.h"

#include "support/ReadingCorpus.h"

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <unistd.h>

using namespace proofdesk;
using namespace proofdesk::test;
using Stopwatch = std::chrono::steady_clock;

namespace
{

std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

double elapsed(Stopwatch::time_point from)
{
    return std::chrono::duration<double>(Stopwatch::now() - from).count();
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string kindOf(const TruthDocument& doc)
{
    return doc.documentType;
}

// The image the plain command gets: the file itself, or a PDF's first page rendered at 300 dpi.
std::string cliImage(const TruthDocument& doc, LocalDocumentInspector& inspector, const std::string& tmp)
{
    if (doc.path.size() < 4 || doc.path.compare(doc.path.size() - 4, 4, ".pdf") != 0)
        return doc.path;
    std::string bytes = slurp(doc.path);
    std::string png = tmp + "/" + std::filesystem::path(doc.path).stem().string() + ".png";
    cv::imwrite(png, inspector.decodePage(bytes, 0, 300).image);
    return png;
}

double throughput(LocalDocumentReader& reader, const std::vector<std::string>& files, int workers)
{
    std::atomic<std::size_t> next{0};
    auto start = Stopwatch::now();
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w)
    {
        threads.emplace_back([&] {
            for (std::size_t i = next++; i < files.size(); i = next++)
            {
                try
                {
                    reader.read(files[i]);
                }
                catch (const Error&)
                {
                }
            }
        });
    }
    for (auto& t : threads)
        t.join();
    return static_cast<double>(files.size()) / elapsed(start);
}

} // namespace

int main(int argc, char** argv)
{
    ensureSingleThreadedOcr(argc, argv);
    std::string dir = std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents";
    bool cli = true;
    bool each = false;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        if (a == "--no-cli")
            cli = false;
        else if (a == "--each")
            each = true;
        else if (!a.empty() && a[0] == '-')
        {
            std::fprintf(stderr, "bench_read: unknown option %s\nusage: bench_read [CORPUS_DIR] [--no-cli] [--each]\n",
                         a.c_str());
            return a == "--help" ? 0 : 2;
        }
        else
            dir = a;
    }
    if (!std::filesystem::is_directory(dir))
    {
        std::fprintf(stderr, "bench_read: %s is not a folder of documents with ground truth\n", dir.c_str());
        return 2;
    }
    std::vector<TruthDocument> corpus = loadCorpus(dir);
    if (corpus.empty())
    {
        std::fprintf(stderr, "no documents with ground truth under %s\n", dir.c_str());
        return 1;
    }
    char tmpTemplate[] = "/tmp/proofdesk-bench-XXXXXX";
    std::string tmp = ::mkdtemp(tmpTemplate);
    SystemClock clock;
    int maxWorkers = parallelOcrWorkers();
    TesseractOcrSettings settings;
    settings.engines = std::max(2, maxWorkers);
    TesseractOcr ocr(settings);
    LocalDocumentReader reader(ocr, clock);
    LocalDocumentInspector inspector;

    struct Group
    {
        ReadingScore score;
        std::vector<double> ratios;
        std::vector<double> ours;
    };
    std::map<std::string, Group> groups;
    std::vector<std::string> files;
    std::vector<double> allRatios;
    std::fprintf(stderr, "reading %zu documents, each also with the plain tesseract command...\n", corpus.size());
    for (std::size_t i = 0; i < corpus.size(); ++i)
    {
        const TruthDocument& doc = corpus[i];
        std::string bytes = slurp(doc.path);
        files.push_back(bytes);
        auto start = Stopwatch::now();
        ReadingScore score;
        std::string readAs;
        std::vector<std::string> missed;
        try
        {
            Extraction e = reader.read(bytes);
            score = scoreReading(doc, &e, &missed);
            readAs = e.documentType;
            for (const std::string& note : e.notes)
                readAs += "; " + note;
        }
        catch (const Error&)
        {
            score = scoreReading(doc, nullptr);
        }
        double ours = elapsed(start);
        Group& g = groups[kindOf(doc) + " / " + doc.degradation];
        g.score.add(score);
        g.ours.push_back(ours);
        double plain = 0;
        if (cli)
        {
            std::string image = cliImage(doc, inspector, tmp);
            std::string command = "OMP_THREAD_LIMIT=1 tesseract '" + image + "' stdout >/dev/null 2>&1";
            auto cliStart = Stopwatch::now();
            int rc = std::system(command.c_str());
            plain = elapsed(cliStart);
            if (rc == 0 && plain > 0)
            {
                g.ratios.push_back(ours / plain);
                allRatios.push_back(ours / plain);
            }
        }
        if (each)
            std::fprintf(stderr, "\r%-44s %6.2f s %6.2f s %5.2f  type %s  fields %d/%d\n",
                         std::filesystem::path(doc.path).lexically_relative(dir).c_str(), ours, plain,
                         plain > 0 ? ours / plain : 0.0, score.typesRight ? "ok" : ("WRONG: " + readAs).c_str(),
                         score.fieldsRight, score.fields);
        if (each)
            for (const std::string& miss : missed)
                if (miss.rfind("document_type", 0) != 0)
                    std::fprintf(stderr, "    %s\n", miss.c_str());
        std::fprintf(stderr, "\r%zu/%zu", i + 1, corpus.size());
    }
    std::fprintf(stderr, "\n");

    std::printf("%-32s %5s %8s %8s %10s %14s\n", "kind / degradation", "docs", "type", "fields", "median s",
                "ours/tesseract");
    ReadingScore total;
    for (const auto& [name, g] : groups)
    {
        total.add(g.score);
        std::printf("%-32s %5d %7.0f%% %7.0f%% %10.2f %14s\n", name.c_str(), g.score.documents,
                    100 * g.score.typeAccuracy(), 100 * g.score.fieldAccuracy(), median(g.ours),
                    g.ratios.empty() ? "-" : (std::to_string(median(g.ratios)).substr(0, 4)).c_str());
    }
    std::printf("%-32s %5d %7.0f%% %7.0f%% %10s %14s\n", "all", total.documents, 100 * total.typeAccuracy(),
                100 * total.fieldAccuracy(), "",
                allRatios.empty() ? "-" : std::to_string(median(allRatios)).substr(0, 4).c_str());

    double one = throughput(reader, files, 1);
    double two = throughput(reader, files, 2);
    std::printf("\nthroughput: 1 worker %.2f docs/s; 2 workers %.2f docs/s (x%.2f)", one, two, two / one);
    if (maxWorkers > 2)
        std::printf("; %d workers %.2f docs/s", maxWorkers, throughput(reader, files, maxWorkers));
    std::printf("\ndefault worker count on this machine: %d\n", maxWorkers);
    std::filesystem::remove_all(tmp);
    return 0;
}
