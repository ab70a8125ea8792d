// Reading accuracy on the synthetic corpus of samples/documents, by degradation, against floors.
// The floors sit just under what the reader achieves now, so a change that reads worse fails here; the
// SPEC targets (type 98 %, fields 95 % clean and scanned, 85 % hard and fax) are printed beside them.
#include "proofdesk/adapters/LocalDocumentReader.h"
#include "proofdesk/adapters/SystemClock.h"
#include "proofdesk/adapters/TesseractOcr.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "support/ReadingCorpus.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

struct Floor
{
    double type;
    double fields;
    double targetType;
    double targetFields;
};

} // namespace

TEST_CASE("reading accuracy on the synthetic corpus meets the floors per degradation", "[accuracy][ocr]")
{
    std::vector<TruthDocument> corpus = loadCorpus(std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents");
    REQUIRE(corpus.size() >= 40);
    SystemClock clock;
    TesseractOcrSettings ocrSettings;
    ocrSettings.engines = 2;
    TesseractOcr ocr(ocrSettings);
    LocalDocumentReader reader(ocr, clock);

    std::map<std::string, ReadingScore> byDegradation;
    std::map<std::string, std::vector<std::string>> misses;
    int coverPages = 0;
    int coverReferencesFound = 0;
    std::mutex mutex;
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < corpus.size(); i = next++)
        {
            const TruthDocument& truth = corpus[i];
            std::ifstream in(truth.path, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            std::vector<std::string> missed;
            ReadingScore score;
            try
            {
                Extraction reading = reader.read(bytes);
                score = scoreReading(truth, &reading, &missed);
                if (!truth.caseReference.empty())
                {
                    bool found = std::find(reading.caseReferences.begin(), reading.caseReferences.end(),
                                           truth.caseReference) != reading.caseReferences.end();
                    std::lock_guard<std::mutex> lock(mutex);
                    ++coverPages;
                    coverReferencesFound += found ? 1 : 0;
                    if (!found)
                        missed.push_back("case reference of the fax cover page not found");
                }
            }
            catch (const Error& e)
            {
                score = scoreReading(truth, nullptr);
                missed.push_back(std::string("error: ") + e.what());
            }
            std::lock_guard<std::mutex> lock(mutex);
            byDegradation[truth.degradation].add(score);
            for (const std::string& m : missed)
                misses[std::filesystem::path(truth.path).filename().string()].push_back(m);
        }
    };
    std::thread a(work), b(work);
    a.join();
    b.join();

    const std::map<std::string, Floor> floors = {
        {"clean", {0.98, 0.98, 0.98, 0.95}},
        {"scanned", {0.98, 0.98, 0.98, 0.95}},
        {"hard", {0.90, 0.88, 0.98, 0.85}},
        {"fax", {0.98, 0.95, 0.98, 0.85}},
    };
    std::printf("%-8s %5s %10s %12s   (floor type/fields; SPEC target)\n", "", "docs", "type", "fields");
    for (const auto& [degradation, score] : byDegradation)
    {
        const Floor& floor = floors.at(degradation);
        std::printf("%-8s %5d %9.1f%% %11.1f%%   (%.0f%%/%.0f%%; %.0f%%/%.0f%%)\n", degradation.c_str(), score.documents,
                    100 * score.typeAccuracy(), 100 * score.fieldAccuracy(), 100 * floor.type, 100 * floor.fields,
                    100 * floor.targetType, 100 * floor.targetFields);
    }
    for (const auto& [file, lines] : misses)
    {
        for (const std::string& line : lines)
            std::printf("  miss %s: %s\n", file.c_str(), line.c_str());
    }
    std::printf("fax cover pages: case reference found on %d of %d\n", coverReferencesFound, coverPages);
    // A floor like the others: all but one (on these fax covers Tesseract reads a J as U, and now and then splits a glyph: K read as "IC";
    // the reference repair undoes one such error, not two; doubtful words read again alone fix some more).
    CHECK(coverPages >= 4);
    CHECK(coverReferencesFound >= coverPages - 1);
    for (const auto& [degradation, score] : byDegradation)
    {
        INFO(degradation);
        CHECK(score.typeAccuracy() >= floors.at(degradation).type);
        CHECK(score.fieldAccuracy() >= floors.at(degradation).fields);
    }
}
