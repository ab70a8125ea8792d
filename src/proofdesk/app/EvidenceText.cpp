#include "proofdesk/app/EvidenceText.h"

namespace proofdesk
{

std::vector<std::string> evidenceToSend(const WorkflowDefinition& definition, bool ssnGiven)
{
    std::vector<std::string> lines;
    for (const EvidenceRequirement& requirement : definition.evidence())
    {
        if (requirement.isFact())
        {
            if (!(requirement.unless == "ssn_given" && ssnGiven))
                lines.push_back(requirement.label);
            continue;
        }
        lines.push_back(requirement.min > 1 ? requirement.label + " - send " + std::to_string(requirement.min)
                                            : requirement.label);
    }
    return lines;
}

} // namespace proofdesk
