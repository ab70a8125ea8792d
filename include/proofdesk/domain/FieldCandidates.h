#pragma once

#include "proofdesk/domain/Extraction.h"

#include <map>
#include <string>
#include <vector>

namespace proofdesk
{

/// One reading of a field: the value, how sure the parse is, where it was read.
struct FieldCandidate
{
    std::string value;
    double certainty = 0;          // 0..1: a labelled value ~0.95, a positional guess 0.5-0.75
    float lineConfidence = 1.0f;   // the source line's confidence (1 for a text layer)
    std::vector<Region> regions;
    std::string how;               // a few words for notes: "labelled 'Statement Date'", "address block"
};

/// Collects the candidate readings of each field and settles them: the most confident wins, readings that
/// agree raise the confidence, readings that disagree lower it and leave a note.
class FieldCandidates
{
public:
    explicit FieldCandidates(FieldSource source) : _source(source) {}

    /// Adds a reading; an empty value is ignored.
    void offer(const std::string& field, FieldCandidate candidate);

    /// Whether any reading of the field was offered.
    bool has(const std::string& field) const;

    /// The value the field would settle to now ("" when none).
    std::string best(const std::string& field) const;

    /// Adds a remark for the notes (kept once, in order).
    void note(const std::string& remark);

    /// Writes the settled fields and the notes into `out`. Confidence = certainty x line confidence,
    /// raised a little by agreeing readings, lowered when a close rival disagrees; always within 0..1.
    void settle(Extraction& out) const;

private:
    struct Settled
    {
        std::string value;
        double confidence = 0;
        std::vector<Region> regions;
        std::vector<std::string> rivals;
    };
    Settled settleField(const std::string& field) const;

    FieldSource _source;
    std::map<std::string, std::vector<FieldCandidate>> _candidates;
    std::vector<std::string> _notes;
};

} // namespace proofdesk
