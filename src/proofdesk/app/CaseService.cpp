#include "proofdesk/app/CaseService.h"

#include "proofdesk/app/EvidenceText.h"
#include "proofdesk/app/ProfileCodec.h"
#include "proofdesk/domain/Error.h"

#include <algorithm>
#include <set>

namespace proofdesk
{

namespace
{

bool hasText(const std::map<std::string, std::string>& inputs, const std::string& key)
{
    const auto found = inputs.find(key);
    return found != inputs.end() && found->second.find_first_not_of(" \t\r\n") != std::string::npos;
}

// Whether a transition from `state` on `event` that `role` may take has `guard`.
bool anyTransitionGuards(const WorkflowDefinition& definition, const std::string& state, const std::string& event,
                         const std::string& role, const std::string& guard)
{
    for (const TransitionDef& transition : definition.transitions())
        if (transition.from == state && transition.event == event &&
            std::find(transition.by.begin(), transition.by.end(), role) != transition.by.end() &&
            std::find(transition.guards.begin(), transition.guards.end(), guard) != transition.guards.end())
            return true;
    return false;
}

// The transition the engine took: the first in file order from the state on the event to the decided state
// that the role may take and whose guards passed.
const TransitionDef* takenTransition(const WorkflowDefinition& definition, const Decision& decision,
                                     const std::string& role)
{
    for (const TransitionDef& transition : definition.transitions())
        if (transition.from == decision.from && transition.event == decision.event && transition.to == decision.to &&
            std::find(transition.by.begin(), transition.by.end(), role) != transition.by.end())
            return &transition;
    return nullptr;
}

} // namespace

CaseService::CaseService(CaseStore& store, const WorkflowEngine& engine, Notifier& notifier, Vault& vault,
                         Clock& clock, CheckService& checks)
    : _store(store), _engine(engine), _notifier(notifier), _vault(vault), _clock(clock), _checks(checks)
{
}

Profile CaseService::profile(const CaseRecord& record)
{
    return decodeProfile(_vault.open(record.wrappedKey, record.sealedProfile));
}

std::string CaseService::uploadToken(const CaseRecord& record)
{
    return _vault.open(record.wrappedKey, record.sealedUploadToken);
}

EvidenceFacts CaseService::evidenceFacts(const CaseRecord& record)
{
    EvidenceFacts facts;
    // What the sender declared, else what reading found (an email attachment declares nothing).
    for (const DocumentRecord& document : _store.documents(record.id))
        facts.documentKinds.push_back(document.kind != "unknown" || document.readType.empty() ? document.kind
                                                                                             : document.readType);
    facts.ssnGiven = record.ssnGiven;
    facts.ssnLast4Provided = record.ssnLast4Provided;
    return facts;
}

EvidenceStatus CaseService::evidenceStatus(const CaseRecord& record)
{
    return evaluateEvidence(_engine.definition(), evidenceFacts(record));
}

TemplateData CaseService::notificationData(const CaseRecord& record, const std::string& /*kind*/,
                                           const std::map<std::string, std::string>& inputs)
{
    TemplateData data;
    EvidenceStatus status = evidenceStatus(record);
    for (const std::string& missing : status.missing)
        data.add("MISSING").set("ITEM", missing);
    data.values["EVIDENCE_SUMMARY"] = status.summary;
    for (const EvidenceLine& line : evidenceToSend(_engine.definition(), record.ssnGiven))
        data.add("EVIDENCE").set("ITEM", line.label).set("DETAIL", line.detail);
    for (const DocumentRecord& document : _store.documents(record.id))
        data.add("DOCUMENTS").set("NAME", document.displayName).set("KIND", document.kind);
    if (auto it = inputs.find("reason"); it != inputs.end())
        data.values["REASON"] = it->second;
    if (auto it = inputs.find("message"); it != inputs.end())
        data.values["MESSAGE"] = it->second;
    return data;
}

EventOutcome CaseService::fire(std::int64_t caseId, const std::string& event, const Actor& actor,
                               const std::map<std::string, std::string>& inputs, bool requireClaim,
                               const std::optional<std::string>& timerId)
{
    // Optimistic concurrency: decide on a snapshot, commit only if the case did not move meanwhile.
    for (int attempt = 0; attempt < 5; ++attempt)
    {
        std::optional<CaseRecord> record = _store.findById(caseId);
        if (!record)
            throw Error(ErrorCode::NotFound, "no such case");
        EventContext context;
        context.role = actor.role;
        context.actorId = actor.id;
        context.evidence = evidenceFacts(*record);
        context.inputs = inputs;
        const WorkflowDefinition& definition = _engine.definition();
        // The checks are computed only when a guard of this event looks at them (a decision, not an arrival).
        std::string failingIds;  // the ids of the failing checks, "a, b" (no values: fit for the audit trail)
        if (anyTransitionGuards(definition, record->state, event, actor.role, "no_failed_checks") ||
            anyTransitionGuards(definition, record->state, event, actor.role, "failed_checks"))
        {
            if (std::optional<CheckReport> report = _checks.refresh(record->id))
            {
                std::set<std::string> seen;
                for (const CheckOutcome& check : report->checks)
                    if (check.result == CheckResult::Fail && seen.insert(check.id).second)
                        failingIds += (failingIds.empty() ? "" : ", ") + check.id;
                context.anyCheckFailed = report->failed() > 0;
            }
        }
        if (anyTransitionGuards(definition, record->state, event, actor.role, "second_approver"))
        {
            // The first approval is the last event that brought the case into the state it is in.
            for (const CaseEvent& past : _store.events(record->id))
                if (past.toState == record->state && past.fromState != record->state)
                    context.firstApproverId = past.event == event ? past.actor : std::string();
        }
        Decision decision = _engine.decide(record->state, event, context);
        const TransitionDef* taken = decision.allowed ? takenTransition(definition, decision, actor.role) : nullptr;
        const bool againstFailedChecks =
            taken != nullptr &&
            std::find(taken->guards.begin(), taken->guards.end(), "failed_checks") != taken->guards.end();
        if (againstFailedChecks && !hasText(inputs, "reason"))
        {
            decision.allowed = false;
            decision.refusals = {"failing check(s) " + failingIds + ": approving anyway needs a written reason for the "
                                 "supervisor who gives the second approval"};
        }
        EventOutcome outcome;
        outcome.from = record->state;
        if (!decision.allowed)
        {
            outcome.to = record->state;
            outcome.refusals = decision.refusals;
            return outcome;
        }

        Instant now = _clock.now();
        TransitionCommit commit;
        commit.caseId = record->id;
        commit.expectedVersion = record->version;
        commit.toState = decision.to;
        commit.reentersState = decision.reentersState;
        commit.at = now;
        commit.event.at = now;
        commit.event.actor = actor.id;
        commit.event.event = event;
        commit.event.fromState = decision.from;
        commit.event.toState = decision.to;
        std::string note;
        if (auto it = inputs.find("reason"); it != inputs.end())
            note = it->second;
        if (auto it = inputs.find("message"); it != inputs.end())
            note += (note.empty() ? "" : "\n") + it->second;
        if (!note.empty())
            commit.event.sealedNote = _vault.seal(record->wrappedKey, note);
        commit.audit = AuditEntry{now, actor.id, "case." + event, record->id, std::nullopt,
                                  decision.from + " -> " + decision.to};
        if (againstFailedChecks)
        {
            // Check ids only (no values): the reason itself is kept sealed with the event, as notes are.
            commit.audit->detail += "; approved against failing checks (" + failingIds + ") with a written reason; "
                                    "second approval needed";
            commit.needsSecondApproval = true;
        }
        else if (taken != nullptr &&
                 std::find(taken->guards.begin(), taken->guards.end(), "second_approver") != taken->guards.end())
            commit.needsSecondApproval = false;
        if (!decision.notify.empty())
        {
            Profile applicant = profile(*record);
            TemplateData data = notificationData(*record, decision.notify, inputs);
            if (!record->sealedUploadToken.empty())
                data.values["UPLOAD_PATH"] = "/upload/" + uploadToken(*record);
            commit.outbox.push_back(_notifier.compose(decision.notify, *record, applicant, std::move(data)));
        }
        for (const std::string& action : decision.actions)
        {
            if (action == "create_account")
                commit.createAccount = AccountRecord{record->userId, record->id, "active", now};
            else if (action == "release_claim")
                commit.releaseClaim = true;
        }
        const StateDef* target = _engine.definition().state(decision.to);
        if (target != nullptr && target->final)
            commit.releaseClaim = true;
        if (requireClaim)
            commit.requireClaimBy = actor.id;
        commit.firedTimerId = timerId;

        if (_store.commitTransition(commit))
        {
            outcome.changed = true;
            outcome.to = decision.to;
            return outcome;
        }
        if (requireClaim)
        {
            std::optional<CaseRecord> now2 = _store.findById(caseId);
            if (now2 && (!now2->claimedBy || *now2->claimedBy != actor.id || now2->claimExpiresAt <= now))
                throw Error(ErrorCode::Conflict, "you no longer hold this case; claim it again");
        }
    }
    throw Error(ErrorCode::Conflict, "the case kept changing; try again");
}

void CaseService::purge(std::int64_t caseId, DocumentStore& documents, const Actor& actor)
{
    std::optional<CaseRecord> record = _store.findById(caseId);
    if (!record)
        throw Error(ErrorCode::NotFound, "no such case");
    std::vector<DocumentRecord> held = _store.documents(caseId);
    // The key goes first: from then on the files are unreadable even if removing one fails.
    _store.purgeCase(caseId, AuditEntry{_clock.now(), actor.id, "case.purged", caseId, std::nullopt,
                                        std::to_string(held.size()) + " document(s)"});
    for (const DocumentRecord& document : held)
        documents.remove(document.storageKey);
}

int CaseService::settleReadDocuments(int limit)
{
    std::set<std::string> states;
    for (const TransitionDef& transition : _engine.definition().transitions())
        if (transition.event == "documents_read")
            states.insert(transition.from);
    if (states.empty())
        return 0;
    int moved = 0;
    for (std::int64_t caseId :
         _store.casesWithUndeclaredReadDocuments(std::vector<std::string>(states.begin(), states.end()), limit))
        moved += fire(caseId, "documents_read", Actor{"system", "system"}, {}).changed ? 1 : 0;
    return moved;
}

int CaseService::runDueTimers(int limit)
{
    const WorkflowDefinition& definition = _engine.definition();
    std::vector<std::string> timedStates;
    std::chrono::seconds shortest = std::chrono::seconds::max();
    for (const StateDef& state : definition.states())
    {
        if (state.timers.empty())
            continue;
        timedStates.push_back(state.id);
        for (const TimerDef& timer : state.timers)
            shortest = std::min(shortest, timer.after);
    }
    if (timedStates.empty())
        return 0;
    Instant now = _clock.now();
    int fired = 0;
    for (const CaseRecord& record : _store.casesInStatesSince(timedStates, now - shortest, limit))
    {
        std::vector<std::string> firedIds = _store.firedTimers(record.id, record.stateEnteredAt);
        std::set<std::string> already(firedIds.begin(), firedIds.end());
        for (const DueTimer& due : _engine.dueTimers(record.state, record.stateEnteredAt, now, already))
        {
            EventOutcome outcome = fire(record.id, due.event, Actor{"system", "system"}, {}, false, due.timerId);
            if (outcome.changed)
                ++fired;
            // After a transition that leaves the state, the other timers of the old state no longer apply.
            if (outcome.changed && outcome.to != record.state)
                break;
        }
    }
    return fired;
}

} // namespace proofdesk
