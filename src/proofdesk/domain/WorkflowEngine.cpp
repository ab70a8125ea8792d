#include "proofdesk/domain/WorkflowEngine.h"

#include <algorithm>
#include <utility>

namespace proofdesk
{

namespace
{

std::string quotedWord(const std::string& word)
{
    return "'" + word + "'";
}

bool hasText(const std::map<std::string, std::string>& inputs, const std::string& key)
{
    const auto found = inputs.find(key);
    return found != inputs.end() && found->second.find_first_not_of(" \t\r\n") != std::string::npos;
}

bool roleMayTake(const TransitionDef& transition, const std::string& role)
{
    return std::find(transition.by.begin(), transition.by.end(), role) != transition.by.end();
}

} // namespace

WorkflowEngine::WorkflowEngine(WorkflowDefinition definition) : _definition(std::move(definition)) {}

std::vector<std::string> WorkflowEngine::guardFailures(const TransitionDef& transition,
                                                       const EventContext& ctx) const
{
    std::vector<std::string> failures;
    for (const std::string& guard : transition.guards)
    {
        if (guard == "evidence_complete")
        {
            const EvidenceStatus status = evaluateEvidence(_definition, ctx.evidence);
            if (!status.complete)
            {
                std::string text = "still missing: ";
                for (std::size_t i = 0; i < status.missing.size(); ++i)
                    text += (i ? "; " : "") + status.missing[i];
                failures.push_back(text);
            }
        }
        else if (guard == "has_reason")
        {
            if (!hasText(ctx.inputs, "reason"))
                failures.push_back("a reason is required");
        }
        else if (guard == "has_message")
        {
            if (!hasText(ctx.inputs, "message"))
                failures.push_back("a message is required");
        }
        else if (guard == "no_failed_checks")
        {
            if (ctx.anyCheckFailed)
                failures.push_back("a check failed");
        }
        else if (guard == "failed_checks")
        {
            if (!ctx.anyCheckFailed)
                failures.push_back("no check failed");
        }
        else if (guard == "second_approver")
        {
            if (ctx.actorId.empty() || ctx.firstApproverId.empty() || ctx.actorId == ctx.firstApproverId)
                failures.push_back(
                    "the second approval must come from someone other than the first approver");
        }
        else
        {
            // parseWorkflow() admits only the guards above; a new one must be taught here too.
            failures.push_back("unknown guard " + quotedWord(guard));
        }
    }
    return failures;
}

Decision WorkflowEngine::decide(const std::string& state, const std::string& event,
                                const EventContext& ctx) const
{
    Decision decision;
    decision.from = state;
    decision.event = event;
    if (!_definition.state(state))
    {
        decision.refusals.push_back("unknown state " + quotedWord(state));
        return decision;
    }

    bool anyCandidate = false;
    bool roleAllowed = false;
    std::vector<std::string> closest;
    for (const TransitionDef& transition : _definition.transitions())
    {
        if (transition.from != state || transition.event != event)
            continue;
        anyCandidate = true;
        if (!roleMayTake(transition, ctx.role))
            continue;
        std::vector<std::string> failures = guardFailures(transition, ctx);
        if (failures.empty())
        {
            decision.allowed = true;
            decision.to = transition.to;
            decision.notify = transition.notify;
            decision.actions = transition.actions;
            decision.reentersState = transition.to != transition.from;
            return decision;
        }
        // Report the candidate that came closest, so "approve" with missing evidence says what is missing
        // rather than also "no check failed" from the four-eyes alternative.
        if (!roleAllowed || failures.size() < closest.size())
            closest = std::move(failures);
        roleAllowed = true;
    }
    if (!anyCandidate)
        decision.refusals.push_back("no transition " + quotedWord(event) + " from state " +
                                    quotedWord(state));
    else if (!roleAllowed)
        decision.refusals.push_back("role " + quotedWord(ctx.role) + " may not " + quotedWord(event) +
                                    " in state " + quotedWord(state));
    else
        decision.refusals = std::move(closest);
    return decision;
}

std::vector<std::string> WorkflowEngine::eventsFor(const std::string& state, const std::string& role) const
{
    std::vector<std::string> events;
    for (const TransitionDef& transition : _definition.transitions())
        if (transition.from == state && roleMayTake(transition, role) &&
            std::find(events.begin(), events.end(), transition.event) == events.end())
            events.push_back(transition.event);
    return events;
}

std::vector<DueTimer> WorkflowEngine::dueTimers(const std::string& state, Instant enteredAt, Instant now,
                                                const std::set<std::string>& firedTimerIds) const
{
    std::vector<DueTimer> due;
    const StateDef* found = _definition.state(state);
    if (!found)
        return due;
    for (const TimerDef& timer : found->timers)
    {
        const Instant dueAt = enteredAt + timer.after;
        if (dueAt <= now && !firedTimerIds.count(timer.id))
            due.push_back({timer.id, timer.event, dueAt});
    }
    std::stable_sort(due.begin(), due.end(),
                     [](const DueTimer& a, const DueTimer& b) { return a.dueAt < b.dueAt; });
    return due;
}

std::optional<Instant> WorkflowEngine::nextTimerAt(const std::string& state, Instant enteredAt,
                                                   const std::set<std::string>& firedTimerIds) const
{
    std::optional<Instant> next;
    const StateDef* found = _definition.state(state);
    if (!found)
        return next;
    for (const TimerDef& timer : found->timers)
        if (!firedTimerIds.count(timer.id) && (!next || enteredAt + timer.after < *next))
            next = enteredAt + timer.after;
    return next;
}

std::optional<Instant> WorkflowEngine::slaDueAt(const std::string& state, Instant enteredAt) const
{
    const StateDef* found = _definition.state(state);
    if (!found || !found->sla)
        return std::nullopt;
    return enteredAt + *found->sla;
}

EvidenceStatus WorkflowEngine::evidenceStatus(const EvidenceFacts& facts) const
{
    return evaluateEvidence(_definition, facts);
}

} // namespace proofdesk
