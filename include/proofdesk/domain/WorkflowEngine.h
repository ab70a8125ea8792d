#pragma once

#include "proofdesk/domain/Evidence.h"
#include "proofdesk/domain/Workflow.h"
#include "proofdesk/ports/Clock.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace proofdesk
{

/// What the engine needs to know about an event besides the case's state.
struct EventContext
{
    /// The actor's role: applicant, reviewer, supervisor or system.
    std::string role;
    /// The actor's id (a reviewer's user id); used by the guard second_approver.
    std::string actorId;
    /// Who gave the first approval of a case awaiting a second one; used by the guard second_approver.
    std::string firstApproverId;
    /// The case's evidence; used by the guard evidence_complete.
    EvidenceFacts evidence;
    /// Whether any check of the case failed (unknown is not failed); used by the guards no_failed_checks and
    /// failed_checks (SPEC 2.6: approving against a failed check needs a second approval).
    bool anyCheckFailed = false;
    /// Form inputs: "reason" (guard has_reason), "message" (guard has_message).
    std::map<std::string, std::string> inputs;
};

/// The engine's answer to "may this event happen to a case in this state, and what follows?".
struct Decision
{
    bool allowed = false;
    std::string from;
    std::string to;
    std::string event;
    /// The notification to send, "" for none.
    std::string notify;
    std::vector<std::string> actions;
    /// True when the case moves to another state. False for a self-transition (e.g. a reminder), which
    /// must not reset the time the case entered its state, or the expiry timer would never fire.
    bool reentersState = false;
    /// Why not, readable, when not allowed: "no transition 'approve' from state 'approved'",
    /// "still missing: ...", "a reason is required", "role 'applicant' may not 'approve' in state ...".
    std::vector<std::string> refusals;
};

/// A timer whose time has come.
struct DueTimer
{
    std::string timerId;
    std::string event;
    Instant dueAt;
};

/// Interprets a WorkflowDefinition: decides transitions, lists the events an actor may try, and says which
/// timers are due. A value without I/O or clock; every method is const and thread-safe.
class WorkflowEngine
{
public:
    /// Takes a definition made by parseWorkflow() (hence valid).
    explicit WorkflowEngine(WorkflowDefinition definition);

    /// The definition interpreted.
    const WorkflowDefinition& definition() const noexcept { return _definition; }

    /// Decides event in state for ctx: the first transition (in file order) from state on event whose
    /// roles include ctx.role and whose guards all pass wins. When none does, allowed is false and refusals
    /// say why (for the candidate closest to passing). Never throws for unknown states or events; they are
    /// refused.
    Decision decide(const std::string& state, const std::string& event, const EventContext& ctx) const;

    /// The distinct events a role may try in state, in file order (for showing buttons); guards are not
    /// evaluated, decide() explains a refusal.
    std::vector<std::string> eventsFor(const std::string& state, const std::string& role) const;

    /// The timers of state due at now (dueAt <= now) that have not fired since the case entered the state
    /// at enteredAt, earliest first (file order on ties). Firing one may change the state, so a caller
    /// fires the first, then asks again. Empty for unknown or final states.
    std::vector<DueTimer> dueTimers(const std::string& state, Instant enteredAt, Instant now,
                                    const std::set<std::string>& firedTimerIds) const;

    /// When the next timer of state not yet fired falls due (possibly in the past), for scheduling a
    /// wake-up; nullopt when none remains.
    std::optional<Instant> nextTimerAt(const std::string& state, Instant enteredAt,
                                       const std::set<std::string>& firedTimerIds) const;

    /// When review of a case that entered the queue state at enteredAt is due under the state's SLA;
    /// nullopt when the state has no SLA.
    std::optional<Instant> slaDueAt(const std::string& state, Instant enteredAt) const;

    /// The evidence calculus of the definition for facts (same as evaluateEvidence()).
    EvidenceStatus evidenceStatus(const EvidenceFacts& facts) const;

private:
    std::vector<std::string> guardFailures(const TransitionDef& transition, const EventContext& ctx) const;

    WorkflowDefinition _definition;
};

} // namespace proofdesk
