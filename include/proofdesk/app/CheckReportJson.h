#pragma once

#include "proofdesk/domain/Checks.h"

#include <string>

namespace proofdesk
{

/// The `proofdesk check` command's output (one JSON object, one line):
/// {"evidence": {"strong": N, "fair": N, "sufficient": true|false, "missing": [...]},
///  "checks": [{"id": ..., "document": LABEL|null, "result": "pass"|"fail"|"unknown", "expected": ...,
///              "found": ..., "reason": ...}, ...]}
/// in the report's order. Holds PII: for the reviewer or the operator who asked, never for a log.
std::string checkReportJson(const CheckReport& report);

} // namespace proofdesk
