#include "proofdesk/domain/FieldCandidates.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace proofdesk
{

namespace
{

double confidenceOf(const FieldCandidate& c)
{
    double line = std::isfinite(c.lineConfidence) ? std::clamp(static_cast<double>(c.lineConfidence), 0.0, 1.0) : 0.0;
    double certainty = std::isfinite(c.certainty) ? std::clamp(c.certainty, 0.0, 1.0) : 0.0;
    return certainty * line;
}

std::string percent(double value)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

} // namespace

void FieldCandidates::offer(const std::string& field, FieldCandidate candidate)
{
    if (candidate.value.empty())
        return;
    _candidates[field].push_back(std::move(candidate));
}

bool FieldCandidates::has(const std::string& field) const
{
    auto it = _candidates.find(field);
    return it != _candidates.end() && !it->second.empty();
}

std::string FieldCandidates::best(const std::string& field) const
{
    return settleField(field).value;
}

void FieldCandidates::note(const std::string& remark)
{
    if (std::find(_notes.begin(), _notes.end(), remark) == _notes.end())
        _notes.push_back(remark);
}

FieldCandidates::Settled FieldCandidates::settleField(const std::string& field) const
{
    Settled out;
    auto it = _candidates.find(field);
    if (it == _candidates.end() || it->second.empty())
        return out;
    // Sum the confidence per distinct value; the strongest single reading breaks ties, then the first.
    struct Group
    {
        std::string value;
        double top = 0;
        double combined = 0;
        std::vector<Region> regions;
        std::string how;
        std::size_t order = 0;
    };
    std::vector<Group> groups;
    for (std::size_t i = 0; i < it->second.size(); ++i)
    {
        const FieldCandidate& c = it->second[i];
        double confidence = confidenceOf(c);
        auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) { return x.value == c.value; });
        if (g == groups.end())
        {
            groups.push_back(Group{c.value, confidence, confidence, c.regions, c.how, i});
            continue;
        }
        if (confidence > g->top)
        {
            g->top = confidence;
            g->regions = c.regions;
            g->how = c.how;
        }
        // Agreeing readings: each closes part of the remaining doubt.
        g->combined = g->combined + (1.0 - g->combined) * confidence * 0.5;
    }
    std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
        if (std::fabs(a.combined - b.combined) > 1e-9)
            return a.combined > b.combined;
        return a.order < b.order;
    });
    const Group& winner = groups.front();
    out.value = winner.value;
    out.regions = winner.regions;
    double confidence = winner.combined;
    for (std::size_t i = 1; i < groups.size(); ++i)
    {
        const Group& rival = groups[i];
        out.rivals.push_back(field + ": also read \"" + rival.value + "\" (" + rival.how + ", " +
                             percent(rival.combined) + ") against \"" + winner.value + "\" (" + winner.how + ")");
        // A close rival means the reading is in doubt.
        if (rival.combined > winner.combined * 0.6)
            confidence *= 0.8;
    }
    out.confidence = std::clamp(confidence, 0.0, 0.99);
    if (confidence > 0 && out.confidence < 0.01)
        out.confidence = 0.01;
    return out;
}

void FieldCandidates::settle(Extraction& out) const
{
    for (const auto& [field, candidates] : _candidates)
    {
        if (candidates.empty())
            continue;
        Settled settled = settleField(field);
        ExtractedField value;
        value.value = settled.value;
        value.confidence = settled.confidence;
        value.source = _source;
        value.regions = settled.regions;
        out.fields[field] = std::move(value);
        for (const std::string& rival : settled.rivals)
            out.notes.push_back(rival);
    }
    for (const std::string& remark : _notes)
        out.notes.push_back(remark);
}

} // namespace proofdesk
