#pragma once

// The workflow file: a case's process as data (SPEC section 2, "The workflow"). A help desk changes its
// process by editing workflows/manual-proofing.json; parseWorkflow() validates it completely when it is
// loaded and refuses it with "<file>:<line>: <json path>: <problem>", so a typo stops start-up instead of
// silently changing behaviour.
//
// Format (JSON, UTF-8). Every object may also carry "description": a string for human readers, kept but
// never interpreted (JSON has no comments). Any other key not listed here is an error.
//
//   {
//     "name": "manual-proofing",          required, [a-z0-9_-]+
//     "version": 1,                       required, integer >= 1
//     "initial_state": "awaiting_documents",   required, a state below, not final
//     "on_create": {"notify": "instructions"}, optional; the notification sent when a case is created
//     "evidence": [ requirement, ... ],   required (may be empty); what a case must hold, see below
//     "checks": { ... },                  optional; margins and thresholds of the checks, see below
//     "states": { "<state id>": state, ... },  required, at least one; ids [a-z][a-z0-9_]*
//     "transitions": [ transition, ... ]  required; order matters, see WorkflowEngine::decide()
//   }
//
// A requirement is either a document requirement:
//     {"id": "photo_id", "label": "Government photo ID", "min": 1, "strength": "STRONG",
//      "kinds": ["drivers_license", "state_id", "passport"], "max_age_days": 90}
//   id [a-z][a-z0-9_]* unique; label non-empty; min an integer 1..100; strength one of WEAK, FAIR, STRONG,
//   SUPERIOR (NIST SP 800-63A-3 section 5.2.1); kinds a non-empty list of distinct document kinds from
//   drivers_license, state_id, passport, bank_statement, utility_bill, payroll_statement (a kind may appear
//   in several requirements, a document still counts for one); max_age_days optional, 1..3650: how recent
//   the document must be (statement or issue date), for the checks.
// or a fact requirement:
//     {"id": "ssn_last4", "label": "Last four digits of the SSN", "fact": "ssn_last4", "unless": "ssn_given"}
//   fact one of: ssn_last4; unless optional, one of: ssn_given (the requirement does not apply then).
//
// The checks (include/proofdesk/domain/Checks.h), every key optional, defaults shown:
//     {"id_expiry_margin_days": 2,        0..365: id_unexpired passes when the expiration date is later than
//                                         today plus this many days
//      "image_match_max_distance": 6}     0..32: documents_distinct and reuse take two first pages whose
//                                         64-bit perceptual hashes differ in at most this many bits for the
//                                         same image
//   The statements' window is not here: statement_recent uses the max_age_days of the evidence requirement
//   listing the statement's kind (90 days when that requirement gives none), so there is one source of truth.
//
// A state:
//     {"label": "Awaiting documents",     required, non-empty
//      "final": false,                    optional; a final state has no outgoing transitions and no timers
//      "queue": false,                    optional; cases in this state appear in the reviewers' queue
//      "sla_hours": 48,                   optional, queue states only, 1..8760: review due this long after
//                                         the case entered the state (queue order, SLA breach marking)
//      "timers": [ {"id": "reminder", "after_days": 7, "event": "remind"}, ... ]}   optional
//   A timer has an id [a-z][a-z0-9_]* unique within its state, exactly one of "after_days" (1..3650) or
//   "after_hours" (1..87600), counted from when the case entered the state, and an event that some
//   transition from this state lets the "system" role take. A timer fires at most once per stay.
//
// A transition:
//     {"from": "ready_for_review", "event": "approve", "to": "approved",    required; states must exist,
//                                                                           events [a-z][a-z0-9_]*
//      "by": ["reviewer", "supervisor"],   required, non-empty, distinct, from: applicant, reviewer,
//                                          supervisor, system
//      "guards": ["evidence_complete"],    optional, all must pass, from: evidence_complete, has_reason,
//                                          has_message, no_failed_checks, failed_checks, second_approver
//      "actions": ["create_account"],      optional, from: create_account, release_claim
//      "notify": "account_created"}        optional, a template name [a-z0-9_]+
//   Guards (see EventContext in WorkflowEngine.h): evidence_complete, every applicable evidence
//   requirement is met; has_reason / has_message, the input "reason" / "message" is not blank;
//   no_failed_checks / failed_checks, no check / some check of the case failed (unknown is not failed);
//   second_approver, the actor is known and is not the first approver (four-eyes).
//   Actions, carried out by the application: create_account, provision the applicant's account;
//   release_claim, drop the reviewer's claim on the case so it returns to the shared queue.
//
// Also refused: a final initial state, a non-final state without outgoing transitions (cases would be
// stuck), a state that cannot be reached from the initial state, and a transition that can never be taken
// because an earlier one with the same "from" and "event", no guards, and all of its roles catches it.

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

/// Strength of a piece of evidence, NIST SP 800-63A-3 section 5.2.1 (UNACCEPTABLE evidence is not listed).
enum class EvidenceStrength
{
    Weak,
    Fair,
    Strong,
    Superior
};

/// "WEAK", "FAIR", "STRONG" or "SUPERIOR", as written in the workflow file and shown to reviewers.
const char* evidenceStrengthName(EvidenceStrength strength) noexcept;

/// One item of the evidence a case must hold: documents of some kinds, or a fact about the applicant.
struct EvidenceRequirement
{
    std::string id;
    std::string label;
    std::string description;
    int line = 0; // where the requirement starts in the workflow file

    // A document requirement (fact is empty).
    int min = 0;
    EvidenceStrength strength = EvidenceStrength::Fair;
    std::vector<std::string> kinds;
    std::optional<std::chrono::seconds> maxAge;

    // A fact requirement: fact is "ssn_last4"; unless is "" or "ssn_given".
    std::string fact;
    std::string unless;

    bool isFact() const noexcept { return !fact.empty(); }
};

/// The "checks" object of the workflow file (see the format above).
struct CheckSettings
{
    int idExpiryMarginDays = 2;
    int imageMatchMaxDistance = 6;
    std::string description;
};

/// A timer of a state: after `after` in the state, the system sends `event`.
struct TimerDef
{
    std::string id;
    std::chrono::seconds after{0};
    std::string event;
    std::string description;
};

/// A state of the process.
struct StateDef
{
    std::string id;
    std::string label;
    std::string description;
    bool final = false;
    bool queue = false;
    std::optional<std::chrono::seconds> sla;
    std::vector<TimerDef> timers;
    int line = 0;
};

/// A transition: in state `from`, event `event` taken by one of the roles `by`, when all guards pass,
/// moves the case to `to`, runs the actions and sends the notification `notify` (empty for none).
struct TransitionDef
{
    std::string from;
    std::string event;
    std::string to;
    std::vector<std::string> by;
    std::vector<std::string> guards;
    std::vector<std::string> actions;
    std::string notify;
    std::string description;
    int line = 0;
};

/// A validated workflow. Only parseWorkflow() makes one, so every instance satisfies the rules in the
/// comment at the top of this header; it is an immutable value, safe to share between threads.
class WorkflowDefinition
{
public:
    /// The workflow's name ("manual-proofing").
    const std::string& name() const noexcept { return _name; }

    /// The workflow's version, for the record of which process a case followed.
    int version() const noexcept { return _version; }

    /// The human description of the whole file, or "".
    const std::string& description() const noexcept { return _description; }

    /// The state a new case starts in.
    const std::string& initialState() const noexcept { return _initialState; }

    /// The notification sent when a case is created, or "" for none.
    const std::string& onCreateNotify() const noexcept { return _onCreateNotify; }

    /// The evidence requirements, in file order.
    const std::vector<EvidenceRequirement>& evidence() const noexcept { return _evidence; }

    /// The states, in file order.
    const std::vector<StateDef>& states() const noexcept { return _states; }

    /// The checks' margins and thresholds (defaults when the file has no "checks").
    const CheckSettings& checks() const noexcept { return _checks; }

    /// The transitions, in file order (the order in which WorkflowEngine::decide() tries them).
    const std::vector<TransitionDef>& transitions() const noexcept { return _transitions; }

    /// The state with this id, or nullptr when there is none.
    const StateDef* state(const std::string& id) const noexcept;

    /// Whether id names a final state (false for an unknown id).
    bool isFinal(const std::string& id) const noexcept;

    /// Whether id names a state whose cases appear in the reviewers' queue (false for an unknown id).
    bool isQueueState(const std::string& id) const noexcept;

    /// The ids of the queue states, in file order.
    std::vector<std::string> queueStates() const;

    /// Every notification name used (on_create and transitions), so the server can check at start-up
    /// that a template exists for each.
    std::set<std::string> notificationNames() const;

    /// Every event name used by a transition.
    std::set<std::string> events() const;

private:
    friend WorkflowDefinition parseWorkflow(std::string_view jsonText, const std::string& sourceName);

    WorkflowDefinition() = default;

    std::string _name;
    int _version = 0;
    std::string _description;
    std::string _initialState;
    std::string _onCreateNotify;
    std::vector<EvidenceRequirement> _evidence;
    CheckSettings _checks;
    std::vector<StateDef> _states;
    std::vector<TransitionDef> _transitions;
};

/// Parses and validates a workflow file (format at the top of this header). sourceName names the file in
/// messages (e.g. "manual-proofing.json"). Throws Error(Configuration, "<sourceName>:<line>: <json path>:
/// <problem>"), e.g. `manual-proofing.json:41: transitions[3].to: unknown state "aproved"`, and for bad
/// JSON syntax Error(Configuration, "<sourceName>:<line>:<column>: <problem>").
WorkflowDefinition parseWorkflow(std::string_view jsonText, const std::string& sourceName);

/// The words a workflow file may use, which the engine understands; anything else is refused on load.
struct WorkflowVocabulary
{
    /// applicant, reviewer, supervisor, system.
    static const std::vector<std::string>& roles();
    /// evidence_complete, has_reason, has_message, no_failed_checks, failed_checks, second_approver.
    static const std::vector<std::string>& guards();
    /// create_account, release_claim.
    static const std::vector<std::string>& actions();
    /// drivers_license, state_id, passport, bank_statement, utility_bill, payroll_statement.
    static const std::vector<std::string>& documentKinds();
    /// ssn_last4.
    static const std::vector<std::string>& facts();
    /// ssn_given.
    static const std::vector<std::string>& unlessConditions();
};

} // namespace proofdesk
