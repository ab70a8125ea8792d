// The reviewer's mail triage over HTTP: the real web server in-process on a loopback port, the whole system
// behind it on a manual clock.
#include "proofdesk/web/WebServer.h"

#include <catch2/catch.hpp>

#include "support/MailBuilder.h"
#include "support/ServerProcess.h"
#include "support/SyntheticFiles.h"
#include "support/TestSystem.h"

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

std::int64_t count(Proofdesk& app, const std::string& sql)
{
    return app.database().connect()->scalar(sql, {});
}

} // namespace

TEST_CASE("triage pages: list, read, attach to a case and discard with a reason, signed in, CSRF-checked, escaped",
          "[mail][web]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    RegistrationOutcome registered = app.registration().registerApplicant(TestSystem::form(1), "web");
    REQUIRE(registered.errors.empty());

    MailBuilder hostile;
    hostile.from = "stranger@example.com";
    hostile.subject = "<script>alert(1)</script> scans";
    hostile.body = "Here are my papers <b>bold</b>";
    hostile.extraHeaders = {"Authentication-Results: mx.proofdesk.example; spf=softfail smtp.mailfrom=example.com; "
                            "dkim=none; dmarc=fail header.from=example.com"};
    hostile.files = {MailFile{"id<1>.pdf", "application/pdf", smallPdf("web")}};
    REQUIRE(app.mailIntake().take(hostile.build(), "pop3") == TakeOutcome::Taken);
    MailBuilder junk;
    junk.from = "other@example.com";
    junk.messageId = "junk@example.com";
    junk.subject = "offer";
    REQUIRE(app.mailIntake().take(junk.build(), "pop3") == TakeOutcome::Taken);
    REQUIRE(app.mailIntake().processPending() == 2);
    std::vector<InboundView> waiting = app.mailIntake().triage(10, 0);
    REQUIRE(waiting.size() == 2);
    std::string hostileId = std::to_string(waiting[0].subject == "offer" ? waiting[1].id : waiting[0].id);
    std::string junkId = std::to_string(waiting[0].subject == "offer" ? waiting[0].id : waiting[1].id);

    app.review().addReviewer("alice", "Alice Reviewer", "reviewer", "Lantern#Quartz2026");
    WebServer web(app.webServices(), "127.0.0.1", 0, 4);
    web.start();
    HttpClient browser(web.port());

    HttpResult anonymous = browser.get("/review/triage");
    CHECK(anonymous.status == 303);
    CHECK(anonymous.location == "/review/signin");
    REQUIRE(signInReviewer(browser, "alice", "Lantern#Quartz2026").status == 303);

    HttpResult queue = browser.get("/review");
    REQUIRE(queue.status == 200);
    CHECK(queue.body.find("<span id=\"triage-count\">2</span>") != std::string::npos);
    std::string csrf = csrfOf(queue.body);

    HttpResult list = browser.get("/review/triage");
    REQUIRE(list.status == 200);
    CHECK(list.body.find("<script>alert") == std::string::npos);
    CHECK(list.body.find("&lt;script&gt;alert(1)&lt;/script&gt; scans") != std::string::npos);
    CHECK(list.body.find("id&lt;1&gt;.pdf") != std::string::npos);
    CHECK(list.body.find("softfail / none / fail") != std::string::npos);
    CHECK(list.body.find("stranger@example.com") != std::string::npos);

    HttpResult page = browser.get("/review/triage/" + hostileId);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("Here are my papers &lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
    CHECK(count(app, "SELECT COUNT(*) FROM audit WHERE action = 'mail.viewed' AND actor = 'alice'") == 1);
    CHECK(browser.get("/review/triage/99999").status == 404);
    CHECK(browser.get("/review/triage/abc").status == 404);

    // Attach: refused without the session's CSRF token, then done and audited.
    Poco::Net::HTMLForm forged;
    forged.set("csrf", "forged");
    forged.set("reference", registered.reference);
    CHECK(browser.post("/review/triage/" + hostileId + "/attach", forged).status == 403);
    Poco::Net::HTMLForm wrongReference;
    wrongReference.set("csrf", csrf);
    wrongReference.set("reference", "PD-0000-0000");
    CHECK(browser.post("/review/triage/" + hostileId + "/attach", wrongReference).status == 404);
    Poco::Net::HTMLForm attach;
    attach.set("csrf", csrf);
    attach.set("reference", registered.reference);
    HttpResult attached = browser.post("/review/triage/" + hostileId + "/attach", attach);
    CHECK(attached.status == 303);
    CHECK(attached.location == "/review/cases/" + registered.reference + "?done=attached");
    CHECK(app.store().documents(registered.caseId).size() == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM audit WHERE action = 'mail.attached' AND actor = 'alice'") == 1);
    HttpResult casePage = browser.get("/review/cases/" + registered.reference);
    REQUIRE(casePage.status == 200);
    CHECK(casePage.body.find("&lt;script&gt;alert(1)&lt;/script&gt; scans") != std::string::npos);
    CHECK(casePage.body.find("Here are my papers &lt;b&gt;bold&lt;/b&gt;") != std::string::npos);

    // Discard: a reason is required.
    Poco::Net::HTMLForm noReason;
    noReason.set("csrf", csrf);
    CHECK(browser.post("/review/triage/" + junkId + "/discard", noReason).status == 400);
    Poco::Net::HTMLForm discard;
    discard.set("csrf", csrf);
    discard.set("reason_code", "spam");
    HttpResult discarded = browser.post("/review/triage/" + junkId + "/discard", discard);
    CHECK(discarded.status == 303);
    CHECK(discarded.location == "/review/triage?done=discarded");
    CHECK(count(app, "SELECT COUNT(*) FROM audit WHERE action = 'mail.discarded' AND actor = 'alice'") == 1);
    HttpResult empty = browser.get("/review/triage?done=discarded");
    CHECK(empty.body.find("<span id=\"triage-total\">0</span>") != std::string::npos);
    CHECK(empty.body.find("The message was discarded.") != std::string::npos);
    // Done is done: a second discard conflicts.
    CHECK(browser.post("/review/triage/" + junkId + "/discard", discard).status == 409);
    web.stop(1);
}
