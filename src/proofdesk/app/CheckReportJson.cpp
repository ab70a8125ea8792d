#include "proofdesk/app/CheckReportJson.h"

#include "proofdesk/app/ExtractionJson.h"

namespace proofdesk
{

std::string checkReportJson(const CheckReport& report)
{
    const EvidenceStatus& evidence = report.evidence;
    std::string out = "{\"evidence\": {\"strong\": " + std::to_string(evidence.strong) +
                      ", \"fair\": " + std::to_string(evidence.fair) +
                      ", \"sufficient\": " + (evidence.complete ? "true" : "false") + ", \"missing\": [";
    for (std::size_t i = 0; i < evidence.missing.size(); ++i)
        out += (i ? ", " : "") + jsonString(evidence.missing[i]);
    out += "]}, \"checks\": [";
    for (std::size_t i = 0; i < report.checks.size(); ++i)
    {
        const CheckOutcome& check = report.checks[i];
        out += std::string(i ? ", " : "") + "{\"id\": " + jsonString(check.id) +
               ", \"document\": " + (check.document ? jsonString(*check.document) : "null") +
               ", \"result\": " + jsonString(checkResultName(check.result)) +
               ", \"expected\": " + jsonString(check.expected) + ", \"found\": " + jsonString(check.found) +
               ", \"reason\": " + jsonString(check.reason) + "}";
    }
    return out + "]}";
}

} // namespace proofdesk
