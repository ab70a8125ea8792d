#include "proofdesk/domain/TextDocumentParser.h"

#include "proofdesk/domain/CardReader.h"
#include "proofdesk/domain/DocumentClassifier.h"
#include "proofdesk/domain/DocumentLayout.h"
#include "proofdesk/domain/FieldCandidates.h"
#include "proofdesk/domain/PassportZoneReader.h"
#include "proofdesk/domain/StatementReader.h"

#include <cstdio>

namespace proofdesk
{

namespace
{

std::string scoreText(const Classification& c)
{
    std::string out;
    for (const auto& [kind, score] : c.scores)
    {
        if (score <= 0)
            continue;
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%s%s %.1f", out.empty() ? "" : ", ", kind.c_str(), score);
        out += buffer;
    }
    return out.empty() ? "no cues" : out;
}

} // namespace

Extraction parseTextDocument(const std::vector<TextPage>& pages, FieldSource source, std::chrono::sys_days today)
{
    Extraction out;
    out.pages = static_cast<int>(pages.size());
    DocumentLayout layout(pages);
    Classification kind = classifyDocument(layout);
    out.documentType = kind.documentType;
    if (kind.documentType == "unknown")
    {
        if (!layout.lines().empty())
            out.notes.push_back("document type not recognised (" + scoreText(kind) + ")");
        return out;
    }
    if (!kind.clear)
        out.notes.push_back("document type " + kind.documentType + " is a close call (" + scoreText(kind) + ")");
    FieldCandidates fields(source);
    if (kind.documentType == "drivers_license" || kind.documentType == "state_id")
        readCardFields(layout, today, fields);
    else if (kind.documentType == "passport")
        readPassportZoneFields(layout, today, fields);
    else
        readStatementFields(layout, kind.documentType, today, fields);
    fields.settle(out);
    return out;
}

} // namespace proofdesk
