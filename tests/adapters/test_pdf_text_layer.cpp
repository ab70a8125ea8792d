#include "proofdesk/adapters/PdfTextLayer.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "support/SyntheticFiles.h"

using namespace proofdesk;
using namespace proofdesk::test;

TEST_CASE("the text layer of a born-digital PDF comes out as positioned lines", "[documents]")
{
    std::string pdf = textPdf({{
        {72, 720, 18, "First Prairie Credit Union"},
        {72, 600, 10, "MARISOL QUINTERO-HALE"},
        {72, 588, 10, "418 LARKSPUR AVE APT 3B"},
        {72, 576, 10, "DAYTON OH 45402"},
        {400, 600, 10, "Statement Date: 03/14/2026"},
    }});
    std::vector<TextPage> pages = readPdfTextLayer(pdf, 10);
    REQUIRE(pages.size() == 1);
    const TextPage& page = pages[0];
    CHECK(page.width == 2550);  // 8.5 in at 300 dpi
    CHECK(page.height == 3300);
    std::vector<std::string> texts;
    for (const TextLine& line : page.lines)
        texts.push_back(line.text);
    REQUIRE(texts.size() == 5);
    CHECK(texts[0] == "First Prairie Credit Union");
    // The address block and the date beside it stay separate lines, top to bottom.
    CHECK(texts[1] == "MARISOL QUINTERO-HALE");
    CHECK(texts[2] == "Statement Date: 03/14/2026");
    CHECK(texts[3] == "418 LARKSPUR AVE APT 3B");
    CHECK(texts[4] == "DAYTON OH 45402");
    // Boxes in 300-dpi pixels from the top left: the name line sits at y = (792 - 600 - ~10) pt.
    const TextLine& name = page.lines[1];
    CHECK(name.box.x == Approx(300).margin(5));
    CHECK(name.box.y == Approx((792 - 610) * 300.0 / 72).margin(25));
    CHECK(name.height > 20);
    CHECK(hasUsableText(pages));
}

TEST_CASE("a PDF without a text layer has no lines; a broken one is refused", "[documents]")
{
    std::vector<TextPage> pages = readPdfTextLayer(smallPdf(), 10);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].lines.empty());
    CHECK_FALSE(hasUsableText(pages));
    CHECK_THROWS_AS(readPdfTextLayer("%PDF-1.4 garbage", 10), Error);
    // The page limit bounds the work.
    std::string many = textPdf(std::vector<std::vector<PdfTextLine>>(5, {{72, 700, 12, "page"}}));
    CHECK(readPdfTextLayer(many, 2).size() == 2);
}
