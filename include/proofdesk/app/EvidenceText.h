#pragma once

#include "proofdesk/domain/Workflow.h"

#include <string>
#include <vector>

namespace proofdesk
{

/// One requirement as an applicant reads it.
struct EvidenceLine
{
    std::string label;   // "Government photo ID (2)" when more than one is needed
    std::string detail;  // the workflow's description, and when a fact applies
};

/// What an applicant must send, one line per requirement of the workflow. With `ssnGiven` known
/// (`generic` false), facts that do not apply are left out; on a generic page they say when they apply.
std::vector<EvidenceLine> evidenceToSend(const WorkflowDefinition& definition, bool ssnGiven, bool generic = false);

} // namespace proofdesk
