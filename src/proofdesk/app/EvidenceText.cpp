#include "proofdesk/app/EvidenceText.h"

namespace proofdesk
{

std::vector<EvidenceLine> evidenceToSend(const WorkflowDefinition& definition, bool ssnGiven, bool generic)
{
    std::vector<EvidenceLine> lines;
    for (const EvidenceRequirement& requirement : definition.evidence())
    {
        EvidenceLine line{requirement.label, requirement.description};
        if (requirement.isFact())
        {
            if (requirement.unless == "ssn_given")
            {
                if (!generic && ssnGiven)
                    continue;
                if (generic)
                    line.detail += std::string(line.detail.empty() ? "" : " ") +
                                   "Only if you do not enter your Social Security number when you register.";
            }
        }
        else if (requirement.min > 1)
            line.label += " (" + std::to_string(requirement.min) + ")";
        lines.push_back(line);
    }
    return lines;
}

} // namespace proofdesk
