#include "proofdesk/domain/Evidence.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

namespace proofdesk
{

namespace
{

constexpr std::array<EvidenceStrength, 4> StrongestFirst{EvidenceStrength::Superior, EvidenceStrength::Strong,
                                                         EvidenceStrength::Fair, EvidenceStrength::Weak};

bool accepts(const EvidenceRequirement& requirement, const std::string& kind)
{
    return std::find(requirement.kinds.begin(), requirement.kinds.end(), kind) != requirement.kinds.end();
}

// Maximum bipartite matching (augmenting paths) between the required slots (a requirement with min 2 has two)
// and the documents. Greedy assignment in arrival order is not enough: with a kind that two requirements
// accept, the first document could take the slot that only it can fill elsewhere.
class SlotMatcher
{
public:
    SlotMatcher(const std::vector<const EvidenceRequirement*>& slots, const std::vector<std::string>& kinds)
        : _slots(slots), _kinds(kinds), _slotOfDocument(kinds.size())
    {
    }

    void run()
    {
        for (std::size_t slot = 0; slot < _slots.size(); ++slot)
        {
            std::vector<bool> visited(_kinds.size(), false);
            augment(slot, visited);
        }
    }

    /// The slot each document fills, if any.
    const std::vector<std::optional<std::size_t>>& slotOfDocument() const { return _slotOfDocument; }

private:
    bool augment(std::size_t slot, std::vector<bool>& visited)
    {
        for (std::size_t document = 0; document < _kinds.size(); ++document)
        {
            if (visited[document] || !accepts(*_slots[slot], _kinds[document]))
                continue;
            visited[document] = true;
            const std::optional<std::size_t> holder = _slotOfDocument[document];
            if (!holder || augment(*holder, visited))
            {
                _slotOfDocument[document] = slot;
                return true;
            }
        }
        return false;
    }

    const std::vector<const EvidenceRequirement*>& _slots;
    const std::vector<std::string>& _kinds;
    std::vector<std::optional<std::size_t>> _slotOfDocument;
};

int& counter(EvidenceStatus& status, EvidenceStrength strength)
{
    switch (strength)
    {
    case EvidenceStrength::Superior:
        return status.superior;
    case EvidenceStrength::Strong:
        return status.strong;
    case EvidenceStrength::Fair:
        return status.fair;
    case EvidenceStrength::Weak:
        break;
    }
    return status.weak;
}

// "1 STRONG + 2 FAIR", listing the strengths in `shown`, strongest first.
std::string strengthList(const std::array<int, 4>& counts, const std::array<bool, 4>& shown)
{
    std::string out;
    for (std::size_t i = 0; i < StrongestFirst.size(); ++i)
        if (shown[i])
            out += (out.empty() ? "" : " + ") + std::to_string(counts[i]) + " " +
                   evidenceStrengthName(StrongestFirst[i]);
    return out;
}

std::size_t strengthIndex(EvidenceStrength strength)
{
    return static_cast<std::size_t>(std::find(StrongestFirst.begin(), StrongestFirst.end(), strength) -
                                    StrongestFirst.begin());
}

bool factHolds(const std::string& fact, const EvidenceFacts& facts)
{
    if (fact == "ssn_last4")
        return facts.ssnLast4Provided;
    if (fact == "ssn_given")
        return facts.ssnGiven;
    return false;
}

} // namespace

EvidenceStatus evaluateEvidence(const WorkflowDefinition& workflow, const EvidenceFacts& facts)
{
    const std::vector<EvidenceRequirement>& requirements = workflow.evidence();
    std::vector<const EvidenceRequirement*> slots;
    for (const EvidenceRequirement& requirement : requirements)
        if (!requirement.isFact())
            slots.insert(slots.end(), static_cast<std::size_t>(requirement.min), &requirement);

    SlotMatcher matcher(slots, facts.documentKinds);
    matcher.run();

    // Documents counted per requirement: those filling its slots, then the surplus.
    std::vector<int> counted(requirements.size(), 0);
    std::vector<int> filled(requirements.size(), 0);
    const auto indexOf = [&](const EvidenceRequirement* requirement)
    { return static_cast<std::size_t>(requirement - requirements.data()); };
    for (std::size_t document = 0; document < facts.documentKinds.size(); ++document)
    {
        if (const std::optional<std::size_t> slot = matcher.slotOfDocument()[document])
        {
            ++filled[indexOf(slots[*slot])];
            ++counted[indexOf(slots[*slot])];
            continue;
        }
        for (std::size_t r = 0; r < requirements.size(); ++r)
            if (!requirements[r].isFact() && accepts(requirements[r], facts.documentKinds[document]))
            {
                ++counted[r];
                break;
            }
    }

    EvidenceStatus status;
    status.complete = true;
    std::array<int, 4> countedByStrength{};
    std::array<int, 4> missingByStrength{};
    std::array<bool, 4> shown{};
    std::vector<std::string> missingFacts;
    for (std::size_t r = 0; r < requirements.size(); ++r)
    {
        const EvidenceRequirement& requirement = requirements[r];
        RequirementStatus item;
        item.id = requirement.id;
        item.label = requirement.label;
        if (requirement.isFact())
        {
            item.applies = requirement.unless.empty() || !factHolds(requirement.unless, facts);
            item.met = !item.applies || factHolds(requirement.fact, facts);
            if (!item.met)
            {
                status.missing.push_back(requirement.label);
                missingFacts.push_back(requirement.label);
            }
        }
        else
        {
            const std::size_t strength = strengthIndex(requirement.strength);
            item.required = requirement.min;
            item.counted = counted[r];
            item.met = filled[r] >= requirement.min;
            shown[strength] = true;
            countedByStrength[strength] += counted[r];
            counter(status, requirement.strength) += counted[r];
            if (!item.met)
            {
                const int needed = requirement.min - filled[r];
                missingByStrength[strength] += needed;
                status.missing.push_back(requirement.label + " (" +
                                         evidenceStrengthName(requirement.strength) +
                                         "): " + std::to_string(needed) + " more needed");
            }
        }
        status.complete = status.complete && item.met;
        status.requirements.push_back(std::move(item));
    }

    const bool anyDocumentRequirement = std::find(shown.begin(), shown.end(), true) != shown.end();
    if (anyDocumentRequirement)
    {
        status.summary = strengthList(countedByStrength, shown) + ": ";
        std::array<bool, 4> missingShown{};
        for (std::size_t i = 0; i < missingShown.size(); ++i)
            missingShown[i] = missingByStrength[i] > 0;
        const bool documentsMet =
            std::find(missingShown.begin(), missingShown.end(), true) == missingShown.end();
        status.summary += documentsMet ? "met" : "missing " + strengthList(missingByStrength, missingShown);
    }
    else
    {
        status.summary = "no documents required";
    }
    for (const std::string& label : missingFacts)
        status.summary += "; " + label + ": missing";
    return status;
}

} // namespace proofdesk
