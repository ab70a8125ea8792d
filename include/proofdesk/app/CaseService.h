#pragma once

#include "proofdesk/app/CheckService.h"
#include "proofdesk/app/Notifier.h"
#include "proofdesk/domain/Evidence.h"
#include "proofdesk/domain/WorkflowEngine.h"
#include "proofdesk/ports/CaseStore.h"
#include "proofdesk/ports/DocumentStore.h"

#include <map>
#include <optional>
#include <string>

namespace proofdesk
{

/// Who asks for something: a reviewer's user ID and role, or "applicant"/"system".
struct Actor
{
    std::string id;
    std::string role;  // applicant, reviewer, supervisor, system
};

/// What firing an event did.
struct EventOutcome
{
    bool changed = false;
    std::string from;
    std::string to;
    std::vector<std::string> refusals;  // why nothing changed
};

/// Moves cases through the workflow: decides with the engine, then commits the new state, its notification,
/// its audit row and its actions (account creation) in one transaction.
class CaseService
{
public:
    CaseService(CaseStore& store, const WorkflowEngine& engine, Notifier& notifier, Vault& vault, Clock& clock,
                CheckService& checks);

    /// Fires `event` on the case. Returns changed=false with refusals when the workflow does not allow it
    /// now (wrong state, guard failed, role not allowed). `inputs` carries "reason" / "message".
    /// `requireClaim` makes the commit fail unless the actor holds a live lease on the case.
    /// The guards no_failed_checks / failed_checks get the case's checks computed now (CheckService), and
    /// second_approver the reviewer whose approval moved the case into its current state. A transition taken
    /// because a check failed (guard failed_checks) also needs a written "reason" (refused without one), marks
    /// the case as needing a second approval, and names the failing check ids in the audit row.
    /// Throws Error(NotFound) for an unknown case, Error(Conflict) when the case kept changing under us.
    EventOutcome fire(std::int64_t caseId, const std::string& event, const Actor& actor,
                      const std::map<std::string, std::string>& inputs, bool requireClaim = false,
                      const std::optional<std::string>& timerId = std::nullopt);

    /// Purges a case: removes its document files, then destroys its key and sealed values (the audit trail
    /// stays, without PII). Throws Error(NotFound) for an unknown case.
    void purge(std::int64_t caseId, DocumentStore& documents, const Actor& actor);

    /// Fires documents_read for cases holding documents whose kind only reading found, in the states where the
    /// workflow has that event: the extraction worker fires it after each such reading, and a process killed
    /// in between would otherwise leave a complete case waiting. Run at start-up. Returns transitions made.
    int settleReadDocuments(int limit = 1000);

    /// Fires every timer that is due now. Returns the number of transitions made.
    int runDueTimers(int limit = 500);

    /// The evidence the case holds, in the workflow's terms.
    EvidenceFacts evidenceFacts(const CaseRecord& record);
    EvidenceStatus evidenceStatus(const CaseRecord& record);

    /// The documents of the case, in arrival order.
    std::vector<DocumentRecord> documents(const CaseRecord& record) { return _store.documents(record.id); }

    /// The case's profile, opened with its key.
    Profile profile(const CaseRecord& record);
    /// The upload token of the case's upload link, opened with its key.
    std::string uploadToken(const CaseRecord& record);

    const WorkflowEngine& engine() const { return _engine; }
    CheckService& checks() { return _checks; }

private:
    TemplateData notificationData(const CaseRecord& record, const std::string& kind,
                                  const std::map<std::string, std::string>& inputs);

    CaseStore& _store;
    const WorkflowEngine& _engine;
    Notifier& _notifier;
    Vault& _vault;
    Clock& _clock;
    CheckService& _checks;
};

} // namespace proofdesk
