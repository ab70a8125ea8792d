// Outlines on the case page: where each field was read, drawn over the document as stored. A phone photo is
// read flattened; its outlines come back onto the photo through the page's transform.
#include "proofdesk/app/ExtractionWorker.h"
#include "proofdesk/domain/Json.h"
#include "proofdesk/web/WebServer.h"

#include <catch2/catch.hpp>

#include "support/ServerProcess.h"
#include "support/TestSystem.h"

#include <Poco/Net/HTMLForm.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

std::string sample(const std::string& name)
{
    std::ifstream in(std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents/" + name, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// True when (x, y) lies inside the convex quadrilateral `quad` (corners in order, either winding).
bool inside(const std::vector<std::pair<double, double>>& quad, double x, double y)
{
    int positive = 0;
    int negative = 0;
    for (std::size_t i = 0; i < quad.size(); ++i)
    {
        const auto& [ax, ay] = quad[i];
        const auto& [bx, by] = quad[(i + 1) % quad.size()];
        const double cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        (cross >= 0 ? positive : negative)++;
    }
    return positive == 0 || negative == 0;
}

} // namespace

TEST_CASE("a phone photo's fields are outlined on the photo itself, inside the document", "[system][ocr]")
{
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.extraction.workers", "1"}});
    Proofdesk& app = *s.app;
    auto registered = app.registration().registerApplicant(TestSystem::form(), "web");
    auto record = *app.intake().caseForUploadToken(registered.uploadToken);
    app.intake().takeIn(record, {IncomingFile{"photo.jpg", "bank_statement", sample("bank-hard-002.jpg")}}, "upload",
                        Actor{"applicant", "applicant"});
    REQUIRE(app.extraction().readOne());

    // Where the document lies in the photo, from the sample's ground truth.
    std::ifstream truthFile(std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents/bank-hard-002.json");
    std::stringstream truthText;
    truthText << truthFile.rdbuf();
    const Json truth = Json::parse(truthText.str(), "bank-hard-002.json");
    std::vector<std::pair<double, double>> document;
    for (const Json& corner : truth.find("photo")->find("document_quad")->items())
        document.emplace_back(corner.items()[0].asNumber(), corner.items()[1].asNumber());
    REQUIRE(document.size() == 4);

    WebServer web(app.webServices(), "127.0.0.1", 0, 2);
    web.start();
    app.review().addReviewer("olive", "Olive", "reviewer", "Lantern#Quartz2026");
    HttpClient browser(web.port());
    REQUIRE(signInReviewer(browser, "olive", "Lantern#Quartz2026").status == 303);
    HttpResult page = browser.get("/review/cases/" + registered.reference);
    REQUIRE(page.status == 200);

    // The SVG is in the photo's own pixels (1600 x 1200 or as stored), and each outline a quadrilateral.
    std::smatch box;
    REQUIRE(std::regex_search(page.body, box, std::regex(R"re(class="pd-outlines" viewBox="0 0 (\d+) (\d+)")re")));
    const double width = std::stod(box[1].str());
    const double height = std::stod(box[2].str());
    std::regex polygon(R"re(<polygon points="(-?\d+),(-?\d+) (-?\d+),(-?\d+) (-?\d+),(-?\d+) (-?\d+),(-?\d+)"><title>([a-z_0-9]+)</title>)re");
    int shapes = 0;
    int skewed = 0;
    std::set<std::string> fields;
    for (auto it = std::sregex_iterator(page.body.begin(), page.body.end(), polygon); it != std::sregex_iterator(); ++it)
    {
        const std::smatch& m = *it;
        ++shapes;
        fields.insert(m[9].str());
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < 4; ++i)
        {
            cx += std::stod(m[1 + 2 * i].str()) / 4;
            cy += std::stod(m[2 + 2 * i].str()) / 4;
        }
        INFO(m[9].str() << " centred at " << cx << "," << cy);
        CHECK(cx >= 0);
        CHECK(cy >= 0);
        CHECK(cx <= width);
        CHECK(cy <= height);
        CHECK(inside(document, cx, cy));
        // The photo was taken at an angle: the outline's top edge is not horizontal.
        if (std::stod(m[2].str()) != std::stod(m[4].str()))
            ++skewed;
    }
    INFO(page.body.substr(0, 200));
    CHECK(shapes >= 3);
    CHECK(skewed == shapes);
    CHECK(fields.count("postal_code") == 1);
    web.stop(2);
}
