// Checks benchmark: how many times per second every check of a three-document case runs (a license back
// read from its barcode, a bank statement and a utility bill, all extractions built in memory), against two
// baselines measured in the same run: parsing those three extractions from their JSON (what the server does
// before it can check a case) and reading one document by OCR (what a case costs anyway). The point: checks
// cost nothing next to reading.
// Usage: bench_check [--no-ocr]
#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/adapters/LocalDocumentReader.h"
#include "proofdesk/adapters/OcrThreads.h"
#include "proofdesk/adapters/SystemClock.h"
#include "proofdesk/adapters/TesseractOcr.h"
#include "proofdesk/adapters/UspsTableFiles.h"
#include "proofdesk/app/ExtractionJson.h"
#include "proofdesk/domain/Checks.h"
#include "proofdesk/domain/Sha256.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using namespace proofdesk;
using Stopwatch = std::chrono::steady_clock;

namespace
{

CheckDocument document(const std::string& label, const std::string& type, FieldSource source,
                       const std::vector<std::pair<std::string, std::string>>& fields)
{
    CheckDocument d;
    d.label = label;
    d.extraction.documentType = type;
    d.extraction.pages = 1;
    for (const auto& [name, value] : fields)
        d.extraction.fields[name] = ExtractedField{value, 0.9, source, {Region{0, 10, 20, 300, 40}}};
    // Stand-ins for the bytes' hashes: distinct per document, as in a real case.
    d.sha256 = sha256Hex(label);
    d.perceptualHash = sha256Hex(label + " page").substr(0, 16);
    return d;
}

// A synthetic case: the license back, a bank statement (text layer) and a utility bill (OCR).
CheckInput syntheticCase()
{
    CheckInput input;
    input.profile = Profile{"Danielle", "Marie", "Okafor-Lindqvist", "1988-04-17", "1427 N Larkspur St", "Apt. 3B",
                            "Spokane", "WA", "99205-1132", "", ""};
    input.today = std::chrono::sys_days(std::chrono::year(2026) / 11 / 1);
    input.ssn = SsnFacts{false, true, std::nullopt};
    input.reuse = std::vector<ReuseHit>{};
    input.documents.push_back(document(
        "id-back.png", "drivers_license", FieldSource::Pdf417,
        {{"first_name", "DANIELLE"}, {"middle_name", "MARIE"}, {"last_name", "OKAFOR-LINDQVIST"},
         {"date_of_birth", "1988-04-17"}, {"address_line1", "1427 N LARKSPUR ST"}, {"address_line2", "APT 3B"},
         {"city", "SPOKANE"}, {"state", "WA"}, {"postal_code", "99205-1132"}, {"document_number", "WDLWAJ8XE6KH"},
         {"issuing_authority", "WA"}, {"issue_date", "2021-01-17"}, {"expiration_date", "2029-04-17"}, {"sex", "F"}}));
    input.documents.push_back(document(
        "statement-1.pdf", "bank_statement", FieldSource::PdfText,
        {{"first_name", "DANIELLE"}, {"last_name", "OKAFOR-LINDQVIST"}, {"address_line1", "1427 North Larkspur Street"},
         {"address_line2", "Apartment 3B"}, {"city", "SPOKANE"}, {"state", "WA"}, {"postal_code", "99205-1132"},
         {"statement_date", "2026-10-07"}, {"issuer_name", "Blue Heron Savings Bank, N.A."}}));
    input.documents.push_back(document(
        "statement-2.jpg", "utility_bill", FieldSource::Ocr,
        {{"first_name", "DANIELLE"}, {"middle_name", "M"}, {"last_name", "OKAFOR-LINDQVIST"},
         {"address_line1", "1427 N LARKSPUR ST APT 3B"}, {"city", "SPOKANE"}, {"state", "WA"}, {"postal_code", "99205"},
         {"statement_date", "2026-09-09"}, {"issuer_name", "RIVERBEND POWER & LIGHT"}}));
    return input;
}

// Runs `work` repeatedly for at least `seconds`; returns the mean seconds per run.
double timePerRun(const std::function<void()>& work, double seconds)
{
    long runs = 0;
    const auto start = Stopwatch::now();
    double elapsed = 0;
    do
    {
        for (int i = 0; i < 100; ++i)
            work();
        runs += 100;
        elapsed = std::chrono::duration<double>(Stopwatch::now() - start).count();
    } while (elapsed < seconds);
    return elapsed / static_cast<double>(runs);
}

} // namespace

int main(int argc, char** argv)
{
    ensureSingleThreadedOcr(argc, argv);
    bool ocr = true;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--no-ocr")
            ocr = false;
    const std::string source = PROOFDESK_SOURCE_DIR;
    const WorkflowDefinition workflow =
        parseWorkflow(readWholeFile(source + "/workflows/manual-proofing.json"), "manual-proofing.json");
    const UspsTables tables = loadUspsTables(source + "/data/usps");
    const CheckInput input = syntheticCase();

    std::size_t results = 0;
    int failed = 0;
    const double perCase = timePerRun(
        [&] {
            const CheckReport report = runChecks(workflow, tables, input);
            results = report.checks.size();
            failed += report.failed();
        },
        2.0);
    std::printf("checks: %zu results per case (3 documents), %.1f us per case, %.0f cases/s, %.0f check results/s%s\n",
                results, perCase * 1e6, 1.0 / perCase, static_cast<double>(results) / perCase,
                failed ? " (SOME FAILED: the synthetic case is wrong)" : ", none failing");

    std::vector<std::string> lines;
    for (const CheckDocument& d : input.documents)
        lines.push_back(extractionJsonLine(d.label, d.extraction));
    const double perParse = timePerRun(
        [&] {
            for (const std::string& line : lines)
                (void)extractionFromJson(line);
        },
        1.0);
    std::printf("baseline: parsing the case's 3 extraction JSON lines: %.1f us; checks / parsing = %.2f\n",
                perParse * 1e6, perCase / perParse);

    if (!ocr)
        return 0;
    // One statement read by OCR (a PNG page, no text layer): the median of 3 reads after a warm-up.
    const std::string page = readWholeFile(source + "/samples/documents/bank-clean-002.png");
    SystemClock clock;
    TesseractOcrSettings settings;
    settings.engines = 1;
    TesseractOcr engine(settings);
    LocalDocumentReader reader(engine, clock);
    (void)reader.read(page);
    std::vector<double> reads;
    for (int i = 0; i < 3; ++i)
    {
        const auto start = Stopwatch::now();
        (void)reader.read(page);
        reads.push_back(std::chrono::duration<double>(Stopwatch::now() - start).count());
    }
    std::sort(reads.begin(), reads.end());
    const double read = reads[1];
    std::printf("baseline: reading one statement page by OCR: %.0f ms; checks / one read = 1/%.0f (%.4f %%)\n",
                read * 1e3, read / perCase, 100.0 * perCase / read);
    return 0;
}
