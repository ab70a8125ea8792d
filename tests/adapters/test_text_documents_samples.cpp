// Born-digital PDFs read through their text layer (poppler) and parseTextDocument, against the ground truth
// the sample generator writes beside each document (samples/README.md). OCR plays no part here: these
// documents are the clean end of the corpus, so the floors are high (type 100 %, fields 95 %).
#include "proofdesk/adapters/PdfTextLayer.h"
#include "proofdesk/domain/Json.h"
#include "proofdesk/domain/TextDocumentParser.h"

#include <catch2/catch.hpp>

#include "support/SyntheticFiles.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace proofdesk;
using namespace proofdesk::test;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace
{

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

struct TextLayerSample
{
    fs::path pdf;
    std::string documentType;
    std::map<std::string, std::string> fields;
    sys_days asOf;
};

// The day the generator dated the documents against: "as_of" of the nearest index.json, else its default.
sys_days asOfFor(const fs::path& directory, const fs::path& root)
{
    for (fs::path dir = directory; !dir.empty(); dir = dir.parent_path())
    {
        fs::path index = dir / "index.json";
        if (fs::exists(index))
        {
            Json json = Json::parse(readFile(index), index.string());
            if (const Json* asOf = json.find("as_of"); asOf && asOf->isString() && asOf->asString().size() == 10)
            {
                const std::string& s = asOf->asString();
                return sys_days{year{std::stoi(s.substr(0, 4))} / std::stoi(s.substr(5, 2)) / std::stoi(s.substr(8, 2))};
            }
        }
        if (dir == root || dir == dir.parent_path())
            break;
    }
    return sys_days{2026y / November / 1};  // samples/generate.py's default --as-of
}

// Every ground-truth JSON under `root` that describes a PDF with a text layer, with the PDF beside it or,
// for the demo applicants, one directory up (truth/ holds the JSON).
std::vector<TextLayerSample> findSamples(const fs::path& root)
{
    std::vector<TextLayerSample> out;
    if (!fs::is_directory(root))
        return out;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root))
    {
        if (!entry.is_regular_file() || entry.path().extension() != ".json" || entry.path().filename() == "index.json")
            continue;
        Json truth;
        try
        {
            truth = Json::parse(readFile(entry.path()), entry.path().string());
        }
        catch (const std::exception&)
        {
            continue;  // not a ground-truth file (profile.json and the like may be anything)
        }
        const Json* textLayer = truth.find("text_layer");
        const Json* file = truth.find("file");
        const Json* type = truth.find("document_type");
        const Json* fields = truth.find("fields");
        if (!textLayer || !textLayer->isBoolean() || !textLayer->asBoolean() || !file || !file->isString() || !type ||
            !type->isString() || !fields || !fields->isObject())
            continue;
        fs::path pdf = entry.path().parent_path() / file->asString();
        if (!fs::exists(pdf))
            pdf = entry.path().parent_path().parent_path() / file->asString();
        if (!fs::exists(pdf) || pdf.extension() != ".pdf")
            continue;
        TextLayerSample sample;
        sample.pdf = pdf;
        sample.documentType = type->asString();
        for (const JsonMember& member : fields->members())
            if (member.value.isString())
                sample.fields[member.key] = member.value.asString();
        sample.asOf = asOfFor(entry.path().parent_path(), root);
        out.push_back(std::move(sample));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.pdf < b.pdf; });
    return out;
}

std::string fieldValue(const Extraction& e, const std::string& field)
{
    auto it = e.fields.find(field);
    return it == e.fields.end() ? std::string() : it->second.value;
}

} // namespace

TEST_CASE("a born-digital statement PDF is read end to end through its text layer", "[documents][text]")
{
    // Points from the bottom left, as PDF writes them; all of it synthetic.
    std::string pdf = textPdf({{
        {54, 730, 18, "Prairie Lantern Bank"},
        {54, 712, 8, "1 Bank Plaza"},
        {54, 702, 8, "Topeka, KS 66601"},
        {380, 730, 9, "Statement Date"},
        {500, 730, 9, "10/20/2026"},
        {72, 630, 10, "MARISOL QUINTERO-HALE"},
        {72, 618, 10, "418 LARKSPUR AVE APT 3B"},
        {72, 606, 10, "DAYTON OH 45402-1187"},
        {54, 500, 9, "Beginning balance"},
        {300, 500, 9, "$1,204.55"},
        {54, 488, 9, "Withdrawals and other debits"},
        {54, 476, 9, "Ending balance"},
    }});
    std::vector<TextPage> pages = readPdfTextLayer(pdf, 10);
    Extraction e = parseTextDocument(pages, FieldSource::PdfText, sys_days{2026y / November / 1});
    CHECK(e.documentType == "bank_statement");
    CHECK(e.pages == 1);
    CHECK(fieldValue(e, "first_name") == "MARISOL");
    CHECK(fieldValue(e, "last_name") == "QUINTERO-HALE");
    CHECK(fieldValue(e, "address_line1") == "418 LARKSPUR AVE");
    CHECK(fieldValue(e, "address_line2") == "APT 3B");
    CHECK(fieldValue(e, "city") == "DAYTON");
    CHECK(fieldValue(e, "state") == "OH");
    CHECK(fieldValue(e, "postal_code") == "45402-1187");
    CHECK(fieldValue(e, "statement_date") == "2026-10-20");
    CHECK(fieldValue(e, "issuer_name") == "PRAIRIE LANTERN BANK");
    for (const auto& [name, field] : e.fields)
    {
        INFO(name);
        CHECK(field.source == FieldSource::PdfText);
        REQUIRE_FALSE(field.regions.empty());
        // Regions are in the page's 300-dpi pixels, on the page.
        CHECK(field.regions[0].x >= 0);
        CHECK(field.regions[0].x < pages[0].width);
        CHECK(field.regions[0].y < pages[0].height);
    }
}

TEST_CASE("born-digital sample PDFs: document type and fields against their ground truth",
          "[documents][text][accuracy]")
{
    // The committed samples, and a bigger generated corpus when PROOFDESK_TEXT_SAMPLES names one
    // (e.g. /usr/bin/python3 samples/generate.py --out /tmp/corpus --count 50 --kinds bank_statement,...).
    std::vector<TextLayerSample> samples = findSamples(fs::path(PROOFDESK_SOURCE_DIR) / "samples");
    if (const char* extra = std::getenv("PROOFDESK_TEXT_SAMPLES"))
    {
        std::vector<TextLayerSample> more = findSamples(extra);
        samples.insert(samples.end(), more.begin(), more.end());
    }
    if (samples.empty())
    {
        WARN("no born-digital samples with ground truth under samples/: nothing to measure");
        return;
    }
    std::size_t typesRight = 0;
    std::map<std::string, std::pair<std::size_t, std::size_t>> byField;  // right, total
    std::vector<std::string> misses;
    for (const TextLayerSample& sample : samples)
    {
        std::vector<TextPage> pages = readPdfTextLayer(readFile(sample.pdf), 50);
        Extraction e = parseTextDocument(pages, FieldSource::PdfText, sample.asOf);
        if (e.documentType == sample.documentType)
            ++typesRight;
        else
            misses.push_back(sample.pdf.filename().string() + ": type " + e.documentType + ", want " +
                             sample.documentType);
        // Every field of the truth, and the optional fields the truth leaves out (a value there is wrong).
        std::map<std::string, std::string> expected = sample.fields;
        for (const char* optional : {"middle_name", "address_line2"})
            if (!expected.count(optional) && e.fields.count(optional))
                expected[optional] = "";
        for (const auto& [field, want] : expected)
        {
            std::string got = fieldValue(e, field);
            auto& [right, total] = byField[field];
            ++total;
            if (got == want)
                ++right;
            else
                misses.push_back(sample.pdf.filename().string() + ": " + field + " \"" + got + "\", want \"" + want + "\"");
        }
    }
    std::size_t right = 0, total = 0;
    std::printf("text-layer samples: %zu documents, type %zu/%zu\n", samples.size(), typesRight, samples.size());
    for (const auto& [field, counts] : byField)
    {
        std::printf("  %-18s %zu/%zu\n", field.c_str(), counts.first, counts.second);
        right += counts.first;
        total += counts.second;
    }
    const double typeRate = static_cast<double>(typesRight) / static_cast<double>(samples.size());
    const double fieldRate = total == 0 ? 1.0 : static_cast<double>(right) / static_cast<double>(total);
    std::printf("  fields %zu/%zu = %.3f\n", right, total, fieldRate);
    for (const std::string& miss : misses)
        std::printf("  miss: %s\n", miss.c_str());
    // Clean text, no OCR: every type right, and fields at the SPEC's clean-document target or better.
    CHECK(typeRate == 1.0);
    CHECK(fieldRate >= 0.95);
}
