// The whole system with proofdesk.smtp.host set: notifications go to a real aiosmtpd (started here), not to
// the outbox folder; a relay that refuses a message leaves its mark on the case and in health.
#include <catch2/catch.hpp>

#include "support/SmtpServer.h"
#include "support/TestSystem.h"

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

std::map<std::string, std::string> relay(const SmtpServer& server)
{
    return {{"proofdesk.smtp.host", "127.0.0.1"},
            {"proofdesk.smtp.port", std::to_string(server.port())},
            {"proofdesk.smtp.tls", "none"},
            {"proofdesk.smtp.timeout_seconds", "10"}};
}

} // namespace

TEST_CASE("system: with an SMTP relay configured, the instructions email goes to it once", "[mail]")
{
    SmtpServer server;
    TestSystem s(relay(server));
    RegistrationOutcome registered = s.app->registration().registerApplicant(TestSystem::form(), "web");
    REQUIRE(registered.errors.empty());
    CHECK(s.app->outbox().drainOnce() == 1);
    CHECK(s.app->outbox().drainOnce() == 0);
    auto captured = server.messages();
    REQUIRE(captured.size() == 1);
    CHECK(captured[0].find(registered.reference) != std::string::npos);
    CHECK(captured[0].find("Auto-Submitted: auto-generated") != std::string::npos);
    CHECK(s.outboxFiles().empty());
}

TEST_CASE("system: a relay answering 550 fails the message for good, flagged on the case and in health", "[mail]")
{
    SmtpServerOptions options;
    options.reject = true;
    SmtpServer server(options);
    TestSystem s(relay(server));
    RegistrationOutcome registered = s.app->registration().registerApplicant(TestSystem::form(), "web");
    REQUIRE(registered.errors.empty());
    CHECK(s.app->outbox().drainOnce() == 0);
    s.clock.advance(std::chrono::hours(2));
    CHECK(s.app->outbox().drainOnce() == 0);
    CHECK(server.messages().empty());

    bool flagged = false;
    for (const AuditEntry& entry : s.app->store().auditTrail(registered.caseId))
        flagged = flagged || (entry.action == "email.undelivered" &&
                              entry.detail.find("could not be delivered") != std::string::npos &&
                              entry.detail.find("550") != std::string::npos);
    CHECK(flagged);
    bool reported = false;
    for (const ComponentHealth& component : s.app->health())
        reported = reported || (component.id == "outgoing_mail" && component.status == "issues_reported");
    CHECK(reported);
}
