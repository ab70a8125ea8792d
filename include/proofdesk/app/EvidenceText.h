#pragma once

#include "proofdesk/domain/Workflow.h"

#include <string>
#include <vector>

namespace proofdesk
{

/// What an applicant must send, one readable line per requirement of the workflow ("Government photo ID",
/// "Financial statement ... - send 2"); facts that do not apply (SSN last four when the SSN was given) left out.
std::vector<std::string> evidenceToSend(const WorkflowDefinition& definition, bool ssnGiven);

} // namespace proofdesk
