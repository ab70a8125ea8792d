#pragma once

#include "proofdesk/domain/DocumentLayout.h"

#include <map>
#include <string>

namespace proofdesk
{

/// The kind of a document decided from its words.
struct Classification
{
    std::string documentType = "unknown";  // a document type of the extract contract (SPEC 4)
    std::map<std::string, double> scores;  // every kind's score, for notes and tests
    bool clear = false;                    // the winner stood out from the runner-up
};

/// Scores each kind of document by weighted cues found in its text (keywords and phrases matched the
/// tolerant way of DocumentLayout::findLabels, each cue counted once) and picks the best; "unknown" when
/// no kind reaches the minimum score, or two kinds of different families (card, passport, statement) tie.
/// Negations that matter are understood ("NOT A LICENSE TO DRIVE" makes an ID card).
Classification classifyDocument(const DocumentLayout& layout);

} // namespace proofdesk
