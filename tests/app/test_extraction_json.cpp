#include "proofdesk/app/ExtractionJson.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Json.h"

#include <catch2/catch.hpp>

using namespace proofdesk;

TEST_CASE("extract JSON lines follow the contract and read back", "[app]")
{
    Extraction e;
    e.documentType = "drivers_license";
    e.pages = 2;
    e.fields["last_name"] = ExtractedField{"O'NEIL \"JR\"", 0.99, FieldSource::Pdf417, {}};
    e.fields["date_of_birth"] = ExtractedField{"1979-06-14", 0.5, FieldSource::Ocr, {Region{1, 10, 20, 300, 40}}};
    e.notes.push_back("front and barcode disagree on\tthe ZIP");
    e.pageSizes = {PageSize{2550, 3300}, PageSize{1012, 638}};
    e.regionsOnOriginal = false;
    PageTransform flattened;
    flattened.matrix = {0.716, -0.0699, 298.9, 0.1037, 0.7144, 156.1, 4.81e-06, 4.63e-05, 1.0093};
    flattened.originalWidth = 1500;
    flattened.originalHeight = 2000;
    e.pageTransforms = {flattened, PageTransform{}};
    e.visualZone["last_name"] = ExtractedField{"O'NEIL", 0.81, FieldSource::Ocr, {}};
    std::string line = extractionJsonLine("scans/a b.png", e);
    CHECK(line.find('\n') == std::string::npos);
    Json parsed = Json::parse(line);
    CHECK(parsed.find("file")->asString() == "scans/a b.png");
    CHECK(parsed.find("document_type")->asString() == "drivers_license");
    CHECK(*parsed.find("pages")->asInteger() == 2);
    const Json* name = parsed.find("fields")->find("last_name");
    REQUIRE(name != nullptr);
    CHECK(name->find("value")->asString() == "O'NEIL \"JR\"");
    CHECK(name->find("source")->asString() == "pdf417");
    CHECK(name->find("confidence")->asNumber() == Approx(0.99));
    // Fields come in the contract's order.
    CHECK(parsed.find("fields")->members().front().key == "last_name");
    CHECK(parsed.find("fields")->members().back().key == "date_of_birth");

    Extraction back = extractionFromJson(line);
    CHECK(back.documentType == e.documentType);
    CHECK(back.pages == 2);
    CHECK(back.fields.at("last_name").value == "O'NEIL \"JR\"");
    CHECK(back.fields.at("date_of_birth").regions.size() == 1);
    CHECK(back.fields.at("date_of_birth").regions[0].width == 300);
    CHECK(back.notes == e.notes);
    REQUIRE(back.pageSizes.size() == 2);
    CHECK(back.pageSizes[1].width == 1012);
    CHECK(back.pageSizes[1].height == 638);
    CHECK_FALSE(back.regionsOnOriginal);
    REQUIRE(back.visualZone.size() == 1);
    CHECK(back.visualZone.at("last_name").value == "O'NEIL");
    CHECK(back.visualZone.at("last_name").confidence == Approx(0.81));
    CHECK(parsed.find("visual_zone")->find("last_name")->find("value")->asString() == "O'NEIL");
    REQUIRE(back.pageTransforms.size() == 2);
    CHECK(back.pageTransforms[0].originalWidth == 1500);
    CHECK(back.pageTransforms[0].originalHeight == 2000);
    for (std::size_t i = 0; i < 9; ++i)
        CHECK(back.pageTransforms[0].matrix[i] == Approx(flattened.matrix[i]).epsilon(1e-8));
    // A corner of the page as read lands where the transform says on the photo.
    auto [x, y] = mapToOriginal(back.pageTransforms[0], 0, 0);
    CHECK(x == Approx(298.9 / 1.0093));
    CHECK(y == Approx(156.1 / 1.0093));
    auto [ix, iy] = mapToOriginal(back.pageTransforms[1], 12, 34);  // identity
    CHECK(ix == 12);
    CHECK(iy == 34);
}

TEST_CASE("an unreadable file gets its own line with the error", "[app]")
{
    std::string line = extractionErrorJsonLine("bad.pdf", "PDF cannot be opened: \x01 damaged");
    Json parsed = Json::parse(line);
    CHECK(parsed.find("error")->asString() == "PDF cannot be opened: \x01 damaged");
    CHECK(parsed.find("fields") == nullptr);
    CHECK_THROWS_AS(extractionFromJson("{\"fields\": {\"x\": {\"source\": \"guess\"}}}"), Error);
}
