#pragma once

#include "proofdesk/domain/Workflow.h"

#include <string>
#include <vector>

namespace proofdesk
{

/// What a case holds, as far as the evidence requirements of a workflow care.
struct EvidenceFacts
{
    /// The kind of each document attached to the case (one entry per document, repeats allowed);
    /// kinds no requirement lists (e.g. "unknown") are ignored.
    std::vector<std::string> documentKinds;
    /// The applicant gave the full SSN at registration.
    bool ssnGiven = false;
    /// The last four SSN digits were provided since.
    bool ssnLast4Provided = false;
};

/// How one requirement of the workflow stands.
struct RequirementStatus
{
    std::string id;
    std::string label;
    /// False when the requirement does not apply (a fact with "unless" whose condition holds).
    bool applies = true;
    bool met = false;
    /// Documents required (min), 0 for a fact.
    int required = 0;
    /// Documents counted toward it, including any beyond min; 0 for a fact.
    int counted = 0;
};

/// The evidence calculus of a case (SPEC 2.2: one STRONG plus two FAIR pieces of evidence, NIST SP
/// 800-63A-3), for the guard evidence_complete and for showing on the case.
struct EvidenceStatus
{
    /// Every applicable requirement is met.
    bool complete = false;
    /// Counted documents by strength; a document counts once, for one requirement.
    int superior = 0;
    int strong = 0;
    int fair = 0;
    int weak = 0;
    /// One entry per requirement, in workflow order.
    std::vector<RequirementStatus> requirements;
    /// Readable, one per unmet requirement, e.g. "Government photo ID (STRONG): 1 more needed" or
    /// "Last four digits of the SSN"; empty when complete.
    std::vector<std::string> missing;
    /// E.g. "1 STRONG + 2 FAIR: met" or "1 STRONG + 1 FAIR: missing 1 FAIR", followed by
    /// "; <fact label>: missing" for each missing fact.
    std::string summary;
};

/// Matches the case's documents to the workflow's evidence requirements, each document to at most one
/// requirement, so that as many required slots as possible are filled (a kind listed by two requirements
/// goes where it is needed); documents beyond the minimum count for the first requirement listing their
/// kind. Pure function; never throws except std::bad_alloc.
EvidenceStatus evaluateEvidence(const WorkflowDefinition& workflow, const EvidenceFacts& facts);

} // namespace proofdesk
