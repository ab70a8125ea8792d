#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Evidence.h"
#include "proofdesk/domain/Workflow.h"
#include "proofdesk/domain/WorkflowEngine.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace proofdesk;
using namespace std::chrono_literals;

namespace
{

const std::string RealName = "manual-proofing.json";
const std::string IdLabel = "Government photo ID";
const std::string StatementLabel = "Financial statement or bill addressed to the registration address";
const std::string SsnLabel = "Last four digits of the SSN";

const std::string& realText()
{
    static const std::string text = []
    {
        std::ifstream in(PROOFDESK_SOURCE_DIR "/workflows/manual-proofing.json", std::ios::binary);
        REQUIRE(in);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }();
    return text;
}

WorkflowEngine realEngine()
{
    return WorkflowEngine(parseWorkflow(realText(), RealName));
}

std::size_t occurrences(const std::string& text, const std::string& needle)
{
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++count;
    return count;
}

// text with its one occurrence of `from` replaced; the test fails if `from` is not there exactly once.
std::string replaceOnce(std::string text, const std::string& from, const std::string& to)
{
    INFO("replacing: " << from);
    REQUIRE(occurrences(text, from) == 1);
    return text.replace(text.find(from), from.size(), to);
}

std::string replaceFirst(std::string text, const std::string& from, const std::string& to)
{
    INFO("replacing: " << from);
    REQUIRE(text.find(from) != std::string::npos);
    return text.replace(text.find(from), from.size(), to);
}

// The 1-based line of the one occurrence of needle in text.
int lineOf(const std::string& text, const std::string& needle)
{
    INFO("looking for: " << needle);
    REQUIRE(occurrences(text, needle) == 1);
    return 1 + static_cast<int>(std::count(
                   text.begin(), text.begin() + static_cast<std::ptrdiff_t>(text.find(needle)), '\n'));
}

std::string configurationError(const std::string& text, const std::string& sourceName)
{
    try
    {
        parseWorkflow(text, sourceName);
    }
    catch (const Error& error)
    {
        CHECK(error.code() == ErrorCode::Configuration);
        return error.what();
    }
    return "(accepted)";
}

EvidenceFacts completeEvidence()
{
    return EvidenceFacts{{"passport", "bank_statement", "utility_bill"}, true, false};
}

EvidenceFacts incompleteEvidence()
{
    return EvidenceFacts{{"passport", "bank_statement"}, true, false};
}

// Builds an EventContext readably: Ctx("reviewer").evidence(...).inputs({{"reason", "..."}}).
struct Ctx
{
    EventContext value;
    explicit Ctx(std::string role) { value.role = std::move(role); }
    Ctx& evidence(EvidenceFacts facts)
    {
        value.evidence = std::move(facts);
        return *this;
    }
    Ctx& failedCheck(bool failed)
    {
        value.anyCheckFailed = failed;
        return *this;
    }
    Ctx& actor(std::string id)
    {
        value.actorId = std::move(id);
        return *this;
    }
    Ctx& firstApprover(std::string id)
    {
        value.firstApproverId = std::move(id);
        return *this;
    }
    Ctx& inputs(std::map<std::string, std::string> inputs)
    {
        value.inputs = std::move(inputs);
        return *this;
    }
    operator const EventContext&() const { return value; }
};

const Instant Entered = std::chrono::sys_days{std::chrono::year{2024} / 3 / 1} + 9h;

// A small workflow whose line numbers the malformed-file table relies on.
const std::string Mini = R"({
  "name": "mini",
  "version": 1,
  "initial_state": "open",
  "on_create": {"notify": "instructions"},
  "evidence": [
    {"id": "photo_id", "label": "Photo ID", "min": 1, "strength": "STRONG", "kinds": ["passport"]}
  ],
  "states": {
    "open": {"label": "Open", "timers": [{"id": "expiry", "after_days": 30, "event": "expire"}]},
    "review": {"label": "Review", "queue": true},
    "done": {"label": "Done", "final": true},
    "expired": {"label": "Expired", "final": true}
  },
  "transitions": [
    {"from": "open", "event": "documents_added", "to": "review", "by": ["applicant"], "guards": ["evidence_complete"]},
    {"from": "open", "event": "expire", "to": "expired", "by": ["system"], "notify": "expiry"},
    {"from": "review", "event": "approve", "to": "done", "by": ["reviewer"], "actions": ["create_account"], "notify": "account_created"}
  ]
})";

} // namespace

TEST_CASE("The real workflow file loads with the process of SPEC section 2", "[domain][workflow]")
{
    const WorkflowDefinition definition = parseWorkflow(realText(), RealName);
    CHECK(definition.name() == "manual-proofing");
    CHECK(definition.version() == 1);
    CHECK(definition.initialState() == "awaiting_documents");
    CHECK(definition.onCreateNotify() == "instructions");
    CHECK(definition.notificationNames() == std::set<std::string>{"instructions", "receipt", "request_info",
                                                                  "account_created", "rejection", "reminder",
                                                                  "expiry"});
    std::vector<std::string> stateIds;
    for (const StateDef& state : definition.states())
        stateIds.push_back(state.id);
    CHECK(stateIds == std::vector<std::string>{"awaiting_documents", "ready_for_review",
                                               "more_info_requested", "awaiting_second_approval", "approved",
                                               "rejected", "expired"});
    CHECK(definition.queueStates() ==
          std::vector<std::string>{"ready_for_review", "awaiting_second_approval"});
    for (const char* id : {"approved", "rejected", "expired"})
        CHECK(definition.isFinal(id));
    CHECK_FALSE(definition.isFinal("ready_for_review"));
    CHECK_FALSE(definition.isFinal("nowhere"));
    CHECK(definition.isQueueState("ready_for_review"));
    CHECK_FALSE(definition.isQueueState("awaiting_documents"));
    CHECK(definition.state("nowhere") == nullptr);
    REQUIRE(definition.state("ready_for_review"));
    CHECK(definition.state("ready_for_review")->label == "Ready for review");
    CHECK(definition.state("ready_for_review")->sla == std::chrono::seconds(48h));
    CHECK(definition.events() == std::set<std::string>{"documents_added", "documents_read", "remind", "expire", "reject",
                                                       "approve", "request_info", "return_to_review"});

    REQUIRE(definition.evidence().size() == 3);
    const EvidenceRequirement& photo = definition.evidence()[0];
    CHECK(photo.id == "photo_id");
    CHECK(photo.min == 1);
    CHECK(photo.strength == EvidenceStrength::Strong);
    CHECK(photo.kinds == std::vector<std::string>{"drivers_license", "state_id", "passport"});
    const EvidenceRequirement& address = definition.evidence()[1];
    CHECK(address.min == 2);
    CHECK(address.strength == EvidenceStrength::Fair);
    CHECK(address.maxAge == std::chrono::seconds(std::chrono::days(90)));
    const EvidenceRequirement& ssn = definition.evidence()[2];
    CHECK(ssn.isFact());
    CHECK(ssn.fact == "ssn_last4");
    CHECK(ssn.unless == "ssn_given");
    CHECK(ssn.line == lineOf(realText(), "{\"id\": \"ssn_last4\""));

    for (const char* id : {"awaiting_documents", "more_info_requested"})
    {
        INFO(id);
        const StateDef* state = definition.state(id);
        REQUIRE(state);
        REQUIRE(state->timers.size() == 2);
        CHECK(state->timers[0].id == "reminder");
        CHECK(state->timers[0].after == std::chrono::seconds(std::chrono::days(7)));
        CHECK(state->timers[0].event == "remind");
        CHECK(state->timers[1].id == "expiry");
        CHECK(state->timers[1].after == std::chrono::seconds(std::chrono::days(30)));
        CHECK(state->timers[1].event == "expire");
    }
}

TEST_CASE("Every transition of the real workflow is taken as written", "[domain][workflow]")
{
    const WorkflowEngine engine = realEngine();
    struct Row
    {
        std::string from;
        std::string event;
        EventContext ctx;
        std::string to;
        std::string notify;
        std::vector<std::string> actions;
    };
    const std::map<std::string, std::string> reason{{"reason", "Photo ID does not match the profile"}};
    const std::map<std::string, std::string> message{{"message", "Please send a second statement."}};
    const std::vector<Row> rows{
        {"awaiting_documents",
         "documents_added",
         Ctx("applicant").evidence(completeEvidence()),
         "ready_for_review",
         "receipt",
         {}},
        {"awaiting_documents",
         "documents_added",
         Ctx("system").evidence(incompleteEvidence()),
         "awaiting_documents",
         "receipt",
         {}},
        {"awaiting_documents", "documents_read", Ctx("system").evidence(completeEvidence()), "ready_for_review", "", {}},
        {"awaiting_documents", "remind", Ctx("system"), "awaiting_documents", "reminder", {}},
        {"awaiting_documents", "expire", Ctx("system"), "expired", "expiry", {}},
        {"awaiting_documents", "reject", Ctx("reviewer").inputs(reason), "rejected", "rejection", {}},
        {"ready_for_review",
         "approve",
         Ctx("reviewer").evidence(completeEvidence()),
         "approved",
         "account_created",
         {"create_account"}},
        {"ready_for_review",
         "approve",
         Ctx("supervisor").evidence(completeEvidence()).failedCheck(true),
         "awaiting_second_approval",
         "",
         {"release_claim"}},
        {"ready_for_review", "reject", Ctx("reviewer").inputs(reason), "rejected", "rejection", {}},
        {"ready_for_review",
         "request_info",
         Ctx("reviewer").inputs(message),
         "more_info_requested",
         "request_info",
         {"release_claim"}},
        {"ready_for_review", "documents_added", Ctx("applicant"), "ready_for_review", "receipt", {}},
        {"more_info_requested",
         "documents_added",
         Ctx("applicant").evidence(incompleteEvidence()),
         "ready_for_review",
         "receipt",
         {}},
        {"more_info_requested", "remind", Ctx("system"), "more_info_requested", "reminder", {}},
        {"more_info_requested", "expire", Ctx("system"), "expired", "expiry", {}},
        {"more_info_requested", "reject", Ctx("supervisor").inputs(reason), "rejected", "rejection", {}},
        {"awaiting_second_approval",
         "approve",
         Ctx("supervisor").actor("sup-2").firstApprover("rev-1").evidence(completeEvidence()),
         "approved",
         "account_created",
         {"create_account"}},
        {"awaiting_second_approval", "reject", Ctx("supervisor").inputs(reason), "rejected", "rejection", {}},
        {"awaiting_second_approval",
         "request_info",
         Ctx("supervisor").inputs(message),
         "more_info_requested",
         "request_info",
         {}},
        {"awaiting_second_approval",
         "return_to_review",
         Ctx("supervisor").inputs(message),
         "ready_for_review",
         "",
         {}},
        {"awaiting_second_approval",
         "documents_added",
         Ctx("system"),
         "awaiting_second_approval",
         "receipt",
         {}},
    };

    std::set<std::tuple<std::string, std::string, std::string>> taken;
    for (const Row& row : rows)
    {
        INFO(row.from << " --" << row.event << "--> " << row.to);
        const Decision decision = engine.decide(row.from, row.event, row.ctx);
        CHECK(decision.refusals.empty());
        REQUIRE(decision.allowed);
        CHECK(decision.from == row.from);
        CHECK(decision.event == row.event);
        CHECK(decision.to == row.to);
        CHECK(decision.notify == row.notify);
        CHECK(decision.actions == row.actions);
        CHECK(decision.reentersState == (row.from != row.to));
        taken.insert({decision.from, decision.event, decision.to});
    }
    // The table covers the file: every transition written there was taken above.
    std::set<std::tuple<std::string, std::string, std::string>> written;
    for (const TransitionDef& transition : engine.definition().transitions())
        written.insert({transition.from, transition.event, transition.to});
    CHECK(engine.definition().transitions().size() == rows.size());
    CHECK(taken == written);
}

TEST_CASE("Each guard passes and fails", "[domain][workflow]")
{
    const WorkflowEngine engine = realEngine();
    const std::string stillMissing = "still missing: " + StatementLabel + " (FAIR): 1 more needed";

    SECTION("evidence_complete")
    {
        Decision decision =
            engine.decide("ready_for_review", "approve", Ctx("reviewer").evidence(incompleteEvidence()));
        CHECK_FALSE(decision.allowed);
        CHECK(decision.to.empty());
        CHECK(decision.notify.empty());
        CHECK(decision.refusals == std::vector<std::string>{stillMissing});

        EvidenceFacts nothing;
        decision = engine.decide("ready_for_review", "approve", Ctx("reviewer").evidence(nothing));
        CHECK(decision.refusals ==
              std::vector<std::string>{"still missing: " + IdLabel + " (STRONG): 1 more needed; " +
                                       StatementLabel + " (FAIR): 2 more needed; " + SsnLabel});

        // Without the guard's pass, documents_added in awaiting_documents falls through to the receipt.
        CHECK(engine.decide("awaiting_documents", "documents_added", Ctx("applicant").evidence(nothing)).to ==
              "awaiting_documents");
        CHECK(engine
                  .decide("awaiting_documents", "documents_added",
                          Ctx("applicant").evidence(completeEvidence()))
                  .to == "ready_for_review");
    }
    SECTION("has_reason")
    {
        for (const std::string state : {"awaiting_documents", "ready_for_review", "more_info_requested"})
        {
            INFO(state);
            CHECK(engine.decide(state, "reject", Ctx("reviewer")).refusals ==
                  std::vector<std::string>{"a reason is required"});
            CHECK_FALSE(
                engine.decide(state, "reject", Ctx("reviewer").inputs({{"reason", " \t\n"}})).allowed);
            CHECK_FALSE(engine.decide(state, "reject", Ctx("reviewer").inputs({{"message", "x"}})).allowed);
            CHECK(engine.decide(state, "reject", Ctx("reviewer").inputs({{"reason", "altered"}})).allowed);
        }
    }
    SECTION("has_message")
    {
        CHECK(engine.decide("ready_for_review", "request_info", Ctx("reviewer")).refusals ==
              std::vector<std::string>{"a message is required"});
        CHECK_FALSE(
            engine.decide("ready_for_review", "request_info", Ctx("reviewer").inputs({{"message", "  "}}))
                .allowed);
        CHECK(engine
                  .decide("ready_for_review", "request_info",
                          Ctx("reviewer").inputs({{"message", "Send a bill"}}))
                  .allowed);
        CHECK(engine.decide("awaiting_second_approval", "return_to_review", Ctx("supervisor")).refusals ==
              std::vector<std::string>{"a message is required"});
    }
    SECTION("no_failed_checks and failed_checks route approval through a second approval")
    {
        Decision decision = engine.decide("ready_for_review", "approve",
                                          Ctx("reviewer").evidence(completeEvidence()).failedCheck(false));
        CHECK(decision.to == "approved");
        decision = engine.decide("ready_for_review", "approve",
                                 Ctx("reviewer").evidence(completeEvidence()).failedCheck(true));
        CHECK(decision.to == "awaiting_second_approval");
        CHECK(decision.actions == std::vector<std::string>{"release_claim"});
        // Both alternatives fail: the closest one's reasons are given, not "no check failed".
        decision = engine.decide("ready_for_review", "approve",
                                 Ctx("reviewer").evidence(incompleteEvidence()).failedCheck(false));
        CHECK(decision.refusals == std::vector<std::string>{stillMissing});
        decision = engine.decide("ready_for_review", "approve",
                                 Ctx("reviewer").evidence(incompleteEvidence()).failedCheck(true));
        CHECK(decision.refusals == std::vector<std::string>{stillMissing});
    }
    SECTION("second_approver")
    {
        const std::string refusal =
            "the second approval must come from someone other than the first approver";
        const auto approve = [&](std::string actor, std::string first)
        {
            return engine.decide(
                "awaiting_second_approval", "approve",
                Ctx("supervisor").actor(actor).firstApprover(first).evidence(completeEvidence()));
        };
        CHECK(approve("sup-1", "sup-1").refusals == std::vector<std::string>{refusal});
        CHECK(approve("", "rev-1").refusals == std::vector<std::string>{refusal});
        CHECK(approve("sup-1", "").refusals == std::vector<std::string>{refusal});
        CHECK(approve("sup-1", "rev-1").to == "approved");
    }
}

TEST_CASE("Roles are refused what the workflow does not give them", "[domain][workflow]")
{
    const WorkflowEngine engine = realEngine();
    const std::map<std::string, std::string> everything{{"reason", "r"}, {"message", "m"}};
    const std::vector<std::tuple<std::string, std::string, std::string>> rows{
        {"ready_for_review", "approve", "applicant"},
        {"ready_for_review", "approve", "system"},
        {"ready_for_review", "reject", "applicant"},
        {"ready_for_review", "request_info", "system"},
        {"awaiting_second_approval", "approve", "reviewer"},
        {"awaiting_second_approval", "reject", "reviewer"},
        {"awaiting_second_approval", "return_to_review", "reviewer"},
        {"awaiting_documents", "remind", "applicant"},
        {"awaiting_documents", "expire", "reviewer"},
        {"awaiting_documents", "reject", "applicant"},
        {"more_info_requested", "expire", "supervisor"},
        {"awaiting_documents", "documents_added", "intruder"},
        {"ready_for_review", "approve", ""},
    };
    for (const auto& [state, event, role] : rows)
    {
        INFO(state << " " << event << " by " << role);
        const Decision decision =
            engine.decide(state, event, Ctx(role).evidence(completeEvidence()).inputs(everything));
        CHECK_FALSE(decision.allowed);
        CHECK(decision.refusals == std::vector<std::string>{"role '" + role + "' may not '" + event +
                                                            "' in state '" + state + "'"});
    }
}

TEST_CASE("Events without a transition are refused", "[domain][workflow]")
{
    const WorkflowEngine engine = realEngine();
    const EventContext supervisor = Ctx("supervisor").evidence(completeEvidence()).inputs({{"reason", "r"}});
    const std::vector<std::pair<std::string, std::string>> rows{
        {"approved", "approve"},           {"approved", "reject"},
        {"rejected", "documents_added"},   {"expired", "documents_added"},
        {"awaiting_documents", "approve"}, {"more_info_requested", "approve"},
        {"ready_for_review", "expire"},    {"ready_for_review", "fly"},
    };
    for (const auto& [state, event] : rows)
    {
        INFO(state << " " << event);
        const Decision decision = engine.decide(state, event, supervisor);
        CHECK_FALSE(decision.allowed);
        CHECK(decision.refusals ==
              std::vector<std::string>{"no transition '" + event + "' from state '" + state + "'"});
    }
    CHECK(engine.decide("nowhere", "approve", supervisor).refusals ==
          std::vector<std::string>{"unknown state 'nowhere'"});
}

TEST_CASE("eventsFor lists the buttons a role may press", "[domain][workflow]")
{
    const WorkflowEngine engine = realEngine();
    using Events = std::vector<std::string>;
    CHECK(engine.eventsFor("ready_for_review", "reviewer") ==
          Events{"approve", "reject", "request_info", "documents_added"});
    CHECK(engine.eventsFor("ready_for_review", "applicant") == Events{"documents_added"});
    CHECK(engine.eventsFor("awaiting_documents", "system") == Events{"documents_added", "documents_read", "remind", "expire"});
    CHECK(engine.eventsFor("awaiting_documents", "reviewer") == Events{"documents_added", "reject"});
    CHECK(engine.eventsFor("awaiting_second_approval", "reviewer") == Events{"documents_added"});
    CHECK(engine.eventsFor("awaiting_second_approval", "supervisor") ==
          Events{"approve", "reject", "request_info", "return_to_review", "documents_added"});
    CHECK(engine.eventsFor("approved", "supervisor").empty());
    CHECK(engine.eventsFor("nowhere", "supervisor").empty());
    CHECK(engine.eventsFor("ready_for_review", "intruder").empty());
}

TEST_CASE("Every timer is due exactly from its time, once per stay", "[domain][workflow][timers]")
{
    const WorkflowEngine engine = realEngine();
    std::size_t timersSeen = 0;
    for (const StateDef& state : engine.definition().states())
        for (const TimerDef& timer : state.timers)
        {
            ++timersSeen;
            INFO(state.id << "." << timer.id);
            const Instant due = Entered + timer.after;
            const auto ids = [&](Instant now, std::set<std::string> fired)
            {
                std::vector<std::string> out;
                for (const DueTimer& d : engine.dueTimers(state.id, Entered, now, fired))
                    out.push_back(d.timerId);
                return out;
            };
            const auto has = [&](const std::vector<std::string>& list)
            { return std::find(list.begin(), list.end(), timer.id) != list.end(); };
            CHECK_FALSE(has(ids(due - 1s, {})));
            CHECK(has(ids(due, {})));
            CHECK(has(ids(due + 1s, {})));
            CHECK(has(ids(due + std::chrono::days(365), {})));
            CHECK_FALSE(has(ids(due + 1s, {timer.id})));
            for (const DueTimer& d : engine.dueTimers(state.id, Entered, due, {}))
                if (d.timerId == timer.id)
                {
                    CHECK(d.event == timer.event);
                    CHECK(d.dueAt == due);
                }
            // The timer's event is one the system may take in this state.
            CHECK(engine.decide(state.id, timer.event, Ctx("system")).allowed);
        }
    CHECK(timersSeen == 4);

    CHECK(engine.dueTimers("approved", Entered, Entered + std::chrono::days(400), {}).empty());
    CHECK(engine.dueTimers("nowhere", Entered, Entered + std::chrono::days(400), {}).empty());
    CHECK(engine.dueTimers("ready_for_review", Entered, Entered + std::chrono::days(400), {}).empty());

    // Both overdue (the server was down): earliest first.
    const auto both = engine.dueTimers("awaiting_documents", Entered, Entered + std::chrono::days(31), {});
    REQUIRE(both.size() == 2);
    CHECK(both[0].timerId == "reminder");
    CHECK(both[0].dueAt == Entered + std::chrono::days(7));
    CHECK(both[1].timerId == "expiry");
    CHECK(both[1].dueAt == Entered + std::chrono::days(30));

    CHECK(engine.nextTimerAt("awaiting_documents", Entered, {}) == Entered + std::chrono::days(7));
    CHECK(engine.nextTimerAt("awaiting_documents", Entered, {"reminder"}) == Entered + std::chrono::days(30));
    CHECK_FALSE(engine.nextTimerAt("awaiting_documents", Entered, {"reminder", "expiry"}));
    CHECK_FALSE(engine.nextTimerAt("approved", Entered, {}));

    CHECK(engine.slaDueAt("ready_for_review", Entered) == Entered + 48h);
    CHECK(engine.slaDueAt("awaiting_second_approval", Entered) == Entered + 24h);
    CHECK_FALSE(engine.slaDueAt("awaiting_documents", Entered));
    CHECK_FALSE(engine.slaDueAt("nowhere", Entered));
}

TEST_CASE("A reminder does not re-enter the state, so expiry still fires on time",
          "[domain][workflow][timers]")
{
    const WorkflowEngine engine = realEngine();
    for (const std::string state : {"awaiting_documents", "more_info_requested"})
    {
        INFO(state);
        std::set<std::string> fired;
        Instant now = Entered + std::chrono::days(7);
        auto due = engine.dueTimers(state, Entered, now, fired);
        REQUIRE(due.size() == 1);
        const Decision remind = engine.decide(state, due[0].event, Ctx("system"));
        REQUIRE(remind.allowed);
        CHECK(remind.to == state);
        CHECK(remind.notify == "reminder");
        CHECK_FALSE(remind.reentersState); // the caller keeps Entered and records the fired id
        fired.insert(due[0].timerId);

        CHECK(engine.dueTimers(state, Entered, Entered + std::chrono::days(14), fired)
                  .empty()); // once per stay
        CHECK(engine.dueTimers(state, Entered, Entered + std::chrono::days(30) - 1s, fired).empty());
        now = Entered + std::chrono::days(30);
        due = engine.dueTimers(state, Entered, now, fired);
        REQUIRE(due.size() == 1);
        CHECK(due[0].timerId == "expiry");
        const Decision expire = engine.decide(state, due[0].event, Ctx("system"));
        CHECK(expire.to == "expired");
        CHECK(expire.reentersState);
        CHECK(expire.notify == "expiry");
    }
    // An incomplete arrival is acknowledged without re-entering either.
    const Decision receipt =
        engine.decide("awaiting_documents", "documents_added", Ctx("system").evidence(incompleteEvidence()));
    CHECK(receipt.to == "awaiting_documents");
    CHECK_FALSE(receipt.reentersState);
}

TEST_CASE("Evidence calculus for every combination of IDs, statements and SSN", "[domain][evidence]")
{
    const WorkflowEngine engine = realEngine();
    const std::vector<std::string> idKinds{"drivers_license", "state_id", "passport"};
    const std::vector<std::string> statementKinds{"bank_statement", "utility_bill", "payroll_statement"};
    enum class Ssn
    {
        Given,
        Last4Provided,
        Neither
    };
    for (int ids = 0; ids <= 3; ++ids)
        for (int statements = 0; statements <= 3; ++statements)
            for (const Ssn ssn : {Ssn::Given, Ssn::Last4Provided, Ssn::Neither})
            {
                EvidenceFacts facts;
                // Interleave kinds and add an unclassified document, which must not count for anything.
                for (int i = 0; i < std::max(ids, statements); ++i)
                {
                    if (i < statements)
                        facts.documentKinds.push_back(statementKinds[static_cast<std::size_t>(i)]);
                    if (i < ids)
                        facts.documentKinds.push_back(idKinds[static_cast<std::size_t>(i)]);
                }
                facts.documentKinds.push_back("unknown");
                facts.ssnGiven = ssn == Ssn::Given;
                facts.ssnLast4Provided = ssn == Ssn::Last4Provided;
                INFO(ids << " IDs, " << statements << " statements, ssn " << static_cast<int>(ssn));

                const EvidenceStatus status = evaluateEvidence(engine.definition(), facts);
                const int missingIds = std::max(0, 1 - ids);
                const int missingStatements = std::max(0, 2 - statements);
                const bool ssnMissing = ssn == Ssn::Neither;
                const bool complete = missingIds == 0 && missingStatements == 0 && !ssnMissing;

                CHECK(status.complete == complete);
                CHECK(status.strong == ids);
                CHECK(status.fair == statements);
                CHECK(status.superior == 0);
                CHECK(status.weak == 0);

                std::vector<std::string> missing;
                if (missingIds)
                    missing.push_back(IdLabel + " (STRONG): 1 more needed");
                if (missingStatements)
                    missing.push_back(StatementLabel + " (FAIR): " + std::to_string(missingStatements) +
                                      " more needed");
                if (ssnMissing)
                    missing.push_back(SsnLabel);
                CHECK(status.missing == missing);

                std::string summary =
                    std::to_string(ids) + " STRONG + " + std::to_string(statements) + " FAIR: ";
                if (!missingIds && !missingStatements)
                    summary += "met";
                else if (missingIds && missingStatements)
                    summary += "missing 1 STRONG + " + std::to_string(missingStatements) + " FAIR";
                else if (missingIds)
                    summary += "missing 1 STRONG";
                else
                    summary += "missing " + std::to_string(missingStatements) + " FAIR";
                if (ssnMissing)
                    summary += "; " + SsnLabel + ": missing";
                CHECK(status.summary == summary);

                REQUIRE(status.requirements.size() == 3);
                CHECK(status.requirements[0].id == "photo_id");
                CHECK(status.requirements[0].required == 1);
                CHECK(status.requirements[0].counted == ids);
                CHECK(status.requirements[0].met == (ids >= 1));
                CHECK(status.requirements[1].counted == statements);
                CHECK(status.requirements[1].met == (statements >= 2));
                CHECK(status.requirements[2].applies == (ssn != Ssn::Given));
                CHECK(status.requirements[2].met == !ssnMissing);

                // The engine's guard agrees with the calculus.
                const Decision decision =
                    engine.decide("awaiting_documents", "documents_added", Ctx("applicant").evidence(facts));
                CHECK(decision.to == (complete ? "ready_for_review" : "awaiting_documents"));
            }
    CHECK(evaluateEvidence(engine.definition(), completeEvidence()).summary == "1 STRONG + 2 FAIR: met");
    CHECK(engine.evidenceStatus(incompleteEvidence()).summary == "1 STRONG + 1 FAIR: missing 1 FAIR");
}

TEST_CASE("A document counts for one requirement, placed where it is needed", "[domain][evidence]")
{
    // passport is accepted by both requirements; only it can fill "secondary".
    const std::string text = replaceOnce(
        Mini,
        R"({"id": "photo_id", "label": "Photo ID", "min": 1, "strength": "STRONG", "kinds": ["passport"]})",
        R"({"id": "primary", "label": "Primary ID", "min": 1, "strength": "STRONG", "kinds": ["passport", "drivers_license"]},
    {"id": "secondary", "label": "Second ID", "min": 1, "strength": "FAIR", "kinds": ["passport"]})");
    const WorkflowDefinition definition = parseWorkflow(text, "mini.json");

    EvidenceStatus status = evaluateEvidence(definition, {{"passport", "drivers_license"}, false, false});
    CHECK(status.complete);
    CHECK(status.strong == 1);
    CHECK(status.fair == 1);
    CHECK(status.summary == "1 STRONG + 1 FAIR: met");

    status = evaluateEvidence(definition, {{"passport"}, false, false});
    CHECK_FALSE(status.complete);
    CHECK(status.strong + status.fair == 1); // one document, counted once
    CHECK(status.missing.size() == 1);

    status = evaluateEvidence(definition, {{"drivers_license", "drivers_license"}, false, false});
    CHECK_FALSE(status.complete);
    CHECK(status.strong == 2); // the surplus license still counts, once
    CHECK(status.missing == std::vector<std::string>{"Second ID (FAIR): 1 more needed"});
    CHECK(status.summary == "2 STRONG + 0 FAIR: missing 1 FAIR");

    const WorkflowDefinition none = parseWorkflow(
        replaceOnce(
            Mini,
            R"({"id": "photo_id", "label": "Photo ID", "min": 1, "strength": "STRONG", "kinds": ["passport"]})",
            ""),
        "mini.json");
    status = evaluateEvidence(none, {});
    CHECK(status.complete);
    CHECK(status.summary == "no documents required");
}

TEST_CASE("Malformed workflow files are refused naming the line and path", "[domain][workflow][config]")
{
    CHECK(configurationError(Mini, "mini.json") == "(accepted)");
    struct Row
    {
        std::string what;
        std::string from;
        std::string to;
        std::string message; // the start of the error message
    };
    const std::vector<Row> rows{
        {"bad JSON", "\"version\": 1,", "\"version\": 1", "mini.json:4:3: expected ',' or '}', found '\"'"},
        {"not an object", Mini, "[]", "mini.json:1: expected an object, found array"},
        {"unknown top-level key", "\"version\": 1", "\"verison\": 1",
         "mini.json:3: verison: unknown key (did you mean \"version\"?) (allowed: name, version, "
         "description, "
         "initial_state, on_create, evidence, checks, states, transitions)"},
        {"missing initial state", "  \"initial_state\": \"open\",\n", "",
         "mini.json:1: missing required key \"initial_state\""},
        {"unknown initial state", "\"initial_state\": \"open\"", "\"initial_state\": \"opne\"",
         "mini.json:4: initial_state: unknown state \"opne\" (did you mean \"open\"?)"},
        {"final initial state", "\"initial_state\": \"open\"", "\"initial_state\": \"done\"",
         "mini.json:4: initial_state: the initial state cannot be final"},
        {"version as text", "\"version\": 1", "\"version\": \"1\"",
         "mini.json:3: version: expected a number, found string"},
        {"bad workflow name", "\"name\": \"mini\"", "\"name\": \"Mini Flow\"",
         "mini.json:2: name: invalid workflow name \"Mini Flow\""},
        {"unknown state in to", "\"to\": \"done\"", "\"to\": \"dnoe\"",
         "mini.json:18: transitions[2].to: unknown state \"dnoe\" (did you mean \"done\"?)"},
        {"unknown state in from", "\"from\": \"review\"", "\"from\": \"reveiw\"",
         "mini.json:18: transitions[2].from: unknown state \"reveiw\""},
        {"unknown guard", "\"evidence_complete\"", "\"evidence_completed\"",
         "mini.json:16: transitions[0].guards[0]: unknown guard \"evidence_completed\" (did you mean "
         "\"evidence_complete\"?) (known: evidence_complete, has_reason, has_message, no_failed_checks, "
         "failed_checks, second_approver)"},
        {"unknown action", "\"create_account\"", "\"create_acount\"",
         "mini.json:18: transitions[2].actions[0]: unknown action \"create_acount\" (did you mean "
         "\"create_account\"?)"},
        {"unknown role", "\"by\": [\"reviewer\"]", "\"by\": [\"reviewer\", \"admin\"]",
         "mini.json:18: transitions[2].by[1]: unknown role \"admin\" (known: applicant, reviewer, "
         "supervisor, system)"},
        {"duplicate role", "\"by\": [\"reviewer\"]", "\"by\": [\"reviewer\", \"reviewer\"]",
         "mini.json:18: transitions[2].by[1]: role \"reviewer\" listed twice"},
        {"no roles", "\"by\": [\"reviewer\"]", "\"by\": []",
         "mini.json:18: transitions[2].by: must list at least one role"},
        {"missing event", "\"event\": \"approve\", ", "",
         "mini.json:18: transitions[2]: missing required key \"event\""},
        {"bad event name", "\"event\": \"approve\"", "\"event\": \"Approve!\"",
         "mini.json:18: transitions[2].event: invalid event \"Approve!\""},
        {"unknown key in a transition", "\"notify\": \"expiry\"", "\"notfiy\": \"expiry\"",
         "mini.json:17: transitions[1].notfiy: unknown key (did you mean \"notify\"?)"},
        {"bad notification name", "\"notify\": \"account_created\"", "\"notify\": \"../account\"",
         "mini.json:18: transitions[2].notify: invalid notification name \"../account\""},
        {"bad on_create", "{\"notify\": \"instructions\"}", "{\"notify\": \"\"}",
         "mini.json:5: on_create.notify: invalid notification name \"\""},
        {"unknown key in a state", "\"queue\": true", "\"queu\": true",
         "mini.json:11: states.review.queu: unknown key (did you mean \"queue\"?)"},
        {"state as text", "\"review\": {\"label\": \"Review\", \"queue\": true}", "\"review\": \"Review\"",
         "mini.json:11: states.review: expected an object, found string"},
        {"empty label", "\"label\": \"Review\"", "\"label\": \" \"",
         "mini.json:11: states.review.label: must not be empty"},
        {"bad state id", "\"review\": {", "\"Review\": {",
         "mini.json:11: states[\"Review\"]: invalid state id"},
        {"duplicate key", "\"label\": \"Review\", ", "\"label\": \"Review\", \"label\": \"Again\", ",
         "mini.json:11:35: duplicate key \"label\" (first at line 11)"},
        {"queue flag not boolean", "\"queue\": true", "\"queue\": \"yes\"",
         "mini.json:11: states.review.queue: expected a boolean, found string"},
        {"final queue state", "\"label\": \"Done\", \"final\": true}",
         "\"label\": \"Done\", \"final\": true, \"queue\": true}",
         "mini.json:12: states.done.queue: a final state cannot be a queue state"},
        {"SLA outside the queue", "\"label\": \"Open\", ", "\"label\": \"Open\", \"sla_hours\": 4, ",
         "mini.json:10: states.open.sla_hours: an SLA needs a queue state"},
        {"zero SLA", "\"queue\": true}", "\"queue\": true, \"sla_hours\": 0}",
         "mini.json:11: states.review.sla_hours: expected a whole number from 1 to 8760, found 0"},
        {"negative duration", "\"after_days\": 30", "\"after_days\": -3",
         "mini.json:10: states.open.timers[0].after_days: expected a whole number from 1 to 3650, found -3"},
        {"zero duration", "\"after_days\": 30", "\"after_days\": 0",
         "mini.json:10: states.open.timers[0].after_days: expected a whole number from 1 to 3650, found 0"},
        {"fractional duration", "\"after_days\": 30", "\"after_days\": 1.5",
         "mini.json:10: states.open.timers[0].after_days: expected a whole number from 1 to 3650, found 1.5"},
        {"too long a duration", "\"after_days\": 30", "\"after_hours\": 100000",
         "mini.json:10: states.open.timers[0].after_hours: expected a whole number from 1 to 87600, found "
         "100000"},
        {"two durations", "\"after_days\": 30", "\"after_days\": 30, \"after_hours\": 2",
         "mini.json:10: states.open.timers[0]: give either \"after_days\" or \"after_hours\", not both"},
        {"no duration", "\"after_days\": 30, ", "",
         "mini.json:10: states.open.timers[0]: missing required key \"after_days\" or \"after_hours\""},
        {"timer event without transition", "\"event\": \"expire\"}]", "\"event\": \"expired\"}]",
         "mini.json:10: states.open.timers[0].event: no transition from \"open\" on event \"expired\" that "
         "the "
         "\"system\" role may take"},
        {"timer event not for the system", "\"by\": [\"system\"]", "\"by\": [\"reviewer\"]",
         "mini.json:10: states.open.timers[0].event: no transition from \"open\" on event \"expire\""},
        {"duplicate timer id", "\"event\": \"expire\"}]",
         "\"event\": \"expire\"}, {\"id\": \"expiry\", \"after_days\": 40, \"event\": \"expire\"}]",
         "mini.json:10: states.open.timers[1].id: timer id \"expiry\" used twice in this state"},
        {"final state with timers", "\"label\": \"Done\", \"final\": true}",
         "\"label\": \"Done\", \"final\": true, \"timers\": [{\"id\": \"x\", \"after_days\": 1, \"event\": "
         "\"x\"}]}",
         "mini.json:12: states.done.timers: a final state cannot have timers"},
        {"final state with outgoing transition", "\"from\": \"review\"", "\"from\": \"done\"",
         "mini.json:18: transitions[2].from: final state \"done\" cannot have outgoing transitions"},
        {"stuck state", "\"label\": \"Done\", \"final\": true}", "\"label\": \"Done\"}",
         "mini.json:12: states.done: state has no outgoing transitions"},
        {"unreachable state", "\"expired\": {\"label\": \"Expired\", \"final\": true}",
         "\"expired\": {\"label\": \"Expired\", \"final\": true},\n    \"limbo\": {\"label\": \"Limbo\", "
         "\"final\": true}",
         "mini.json:14: states.limbo: no transition leads to this state from the initial state \"open\""},
        {"unreachable transition",
         "    {\"from\": \"open\", \"event\": \"expire\", \"to\": \"expired\", \"by\": [\"system\"], "
         "\"notify\": \"expiry\"},\n",
         "    {\"from\": \"open\", \"event\": \"expire\", \"to\": \"expired\", \"by\": [\"system\"], "
         "\"notify\": \"expiry\"},\n"
         "    {\"from\": \"open\", \"event\": \"expire\", \"to\": \"review\", \"by\": [\"system\"]},\n",
         "mini.json:18: transitions[2]: can never be taken: transitions[1] (line 17) has no guards and "
         "already takes "
         "event \"expire\" from \"open\" for these roles"},
        {"no states", Mini.substr(Mini.find("\"states\"")), "\"states\": {}, \"transitions\": []}",
         "mini.json:9: states: must define at least one state"},
        {"unknown document kind", "[\"passport\"]", "[\"pasport\"]",
         "mini.json:7: evidence[0].kinds[0]: unknown document kind \"pasport\" (did you mean \"passport\"?)"},
        {"no document kinds", "[\"passport\"]", "[]",
         "mini.json:7: evidence[0].kinds: must list at least one document kind"},
        {"zero minimum", "\"min\": 1", "\"min\": 0",
         "mini.json:7: evidence[0].min: expected a whole number from 1 to 100, found 0"},
        {"unknown strength", "\"STRONG\"", "\"MEDIUM\"",
         "mini.json:7: evidence[0].strength: unknown strength \"MEDIUM\" (known: WEAK, FAIR, STRONG, "
         "SUPERIOR)"},
        {"lower-case strength", "\"STRONG\"", "\"strong\"",
         "mini.json:7: evidence[0].strength: unknown strength \"strong\""},
        {"missing strength", "\"strength\": \"STRONG\", ", "",
         "mini.json:7: evidence[0]: missing required key \"strength\""},
        {"unknown fact", "\"kinds\": [\"passport\"]}",
         "\"kinds\": [\"passport\"]},\n    {\"id\": \"dob\", \"label\": \"DOB\", \"fact\": "
         "\"date_of_birth\"}",
         "mini.json:8: evidence[1].fact: unknown fact \"date_of_birth\" (known: ssn_last4)"},
        {"fact with a count", "\"kinds\": [\"passport\"]}",
         "\"kinds\": [\"passport\"]},\n    {\"id\": \"ssn\", \"label\": \"SSN\", \"fact\": \"ssn_last4\", "
         "\"min\": 1}",
         "mini.json:8: evidence[1].min: a fact requirement (with \"fact\") cannot have \"min\""},
        {"unknown unless", "\"kinds\": [\"passport\"]}",
         "\"kinds\": [\"passport\"]},\n    {\"id\": \"ssn\", \"label\": \"SSN\", \"fact\": \"ssn_last4\", "
         "\"unless\": \"ssn_known\"}",
         "mini.json:8: evidence[1].unless: unknown condition \"ssn_known\" (known: ssn_given)"},
        {"unless on documents", "\"min\": 1,", "\"min\": 1, \"unless\": \"ssn_given\",",
         "mini.json:7: evidence[0].unless: \"unless\" applies only to a fact requirement"},
        {"duplicate evidence id", "\"kinds\": [\"passport\"]}",
         "\"kinds\": [\"passport\"]},\n    {\"id\": \"photo_id\", \"label\": \"Again\", \"fact\": "
         "\"ssn_last4\"}",
         "mini.json:8: evidence[1].id: evidence id \"photo_id\" used twice"},
        {"evidence not a list",
         Mini.substr(Mini.find("\"evidence\""), Mini.find("  \"states\"") - Mini.find("\"evidence\"")),
         "\"evidence\": {},\n", "mini.json:6: evidence: expected an array, found object"},
    };
    for (const Row& row : rows)
    {
        INFO(row.what);
        const std::string text = row.from == Mini ? row.to : replaceOnce(Mini, row.from, row.to);
        const std::string message = configurationError(text, "mini.json");
        CHECK(message.substr(0, row.message.size()) == row.message);
    }
}

TEST_CASE("Errors in the real file name its real line", "[domain][workflow][config]")
{
    const std::string needle =
        "{\"from\": \"ready_for_review\", \"event\": \"approve\", \"to\": \"approved\"";
    const std::string text = replaceOnce(
        realText(), needle, "{\"from\": \"ready_for_review\", \"event\": \"approve\", \"to\": \"aproved\"");
    CHECK(configurationError(text, RealName) ==
          RealName + ":" + std::to_string(lineOf(realText(), needle)) +
              ": transitions[6].to: unknown state \"aproved\" (did you mean \"approved\"?)");

    const std::string guard =
        replaceOnce(realText(), "\"guards\": [\"evidence_complete\", \"second_approver\"]",
                    "\"guards\": [\"evidence_complete\", \"second_aprover\"]");
    CHECK(configurationError(guard, RealName) == RealName + ":" +
                                                     std::to_string(lineOf(guard, "second_aprover")) +
                                                     ": transitions[15].guards[1]: unknown guard "
                                                     "\"second_aprover\" (did you mean \"second_approver\"?) "
                                                     "(known: evidence_complete, has_reason, has_message, "
                                                     "no_failed_checks, failed_checks, second_approver)");

    const std::string truncated = realText().substr(0, realText().size() / 2);
    CHECK(configurationError(truncated, RealName).rfind(RealName + ":", 0) == 0);
}

TEST_CASE("Changing the file changes the behaviour", "[domain][workflow]")
{
    const WorkflowEngine original = realEngine();
    const EvidenceFacts oneStatement{{"passport", "bank_statement"}, true, false};

    SECTION("one address proof instead of two")
    {
        const WorkflowEngine changed(
            parseWorkflow(replaceOnce(realText(), "\"min\": 2", "\"min\": 1"), RealName));
        const EventContext ctx = Ctx("applicant").evidence(oneStatement);
        CHECK(original.decide("awaiting_documents", "documents_added", ctx).to == "awaiting_documents");
        CHECK(changed.decide("awaiting_documents", "documents_added", ctx).to == "ready_for_review");
        CHECK(original.evidenceStatus(oneStatement).summary == "1 STRONG + 1 FAIR: missing 1 FAIR");
        CHECK(changed.evidenceStatus(oneStatement).summary == "1 STRONG + 1 FAIR: met");
    }
    SECTION("a reminder after 3 days instead of 7")
    {
        const std::string reminder = "{\"id\": \"reminder\", \"after_days\": 7, \"event\": \"remind\"}";
        const WorkflowEngine changed(
            parseWorkflow(replaceFirst(realText(), reminder,
                                       "{\"id\": \"reminder\", \"after_hours\": 72, \"event\": \"remind\"}"),
                          RealName));
        const Instant day3 = Entered + std::chrono::days(3);
        CHECK(original.dueTimers("awaiting_documents", Entered, day3, {}).empty());
        const auto due = changed.dueTimers("awaiting_documents", Entered, day3, {});
        REQUIRE(due.size() == 1);
        CHECK(due[0].timerId == "reminder");
        CHECK(due[0].dueAt == day3);
        // Only the first state was edited.
        CHECK(changed.dueTimers("more_info_requested", Entered, day3, {}).empty());
    }
    SECTION("only supervisors approve")
    {
        const std::string approve =
            "{\"from\": \"ready_for_review\", \"event\": \"approve\", \"to\": \"approved\",\n"
            "     \"by\": [\"reviewer\", \"supervisor\"]";
        const WorkflowEngine changed(parseWorkflow(
            replaceOnce(realText(), approve,
                        "{\"from\": \"ready_for_review\", \"event\": \"approve\", \"to\": \"approved\",\n"
                        "     \"by\": [\"supervisor\"]"),
            RealName));
        const EventContext reviewer = Ctx("reviewer").evidence(completeEvidence());
        CHECK(original.decide("ready_for_review", "approve", reviewer).allowed);
        CHECK_FALSE(changed.decide("ready_for_review", "approve", reviewer).allowed);
        CHECK(changed.decide("ready_for_review", "approve", Ctx("supervisor").evidence(completeEvidence()))
                  .allowed);
    }
    SECTION("a renamed notification")
    {
        const std::string text =
            replaceOnce(realText(),
                        "\"actions\": [\"create_account\"], \"notify\": \"account_created\"},\n"
                        "    {\"from\": \"ready_for_review\", \"event\": \"approve\"",
                        "\"actions\": [\"create_account\"], \"notify\": \"welcome\"},\n"
                        "    {\"from\": \"ready_for_review\", \"event\": \"approve\"");
        const WorkflowEngine changed(parseWorkflow(text, RealName));
        const EventContext reviewer = Ctx("reviewer").evidence(completeEvidence());
        CHECK(changed.decide("ready_for_review", "approve", reviewer).notify == "welcome");
        CHECK(changed.definition().notificationNames().count("welcome") == 1);
        CHECK(changed.definition().notificationNames().count("account_created") ==
              1); // still used by the second approval
    }
}
