#pragma once

#include <string>

namespace proofdesk
{

/// The verdict of one check. Checks advise, reviewers decide: Unknown means "a person must look" (a value
/// was not read, or nearly matches), never a silent pass.
enum class CheckResult
{
    Pass,
    Fail,
    Unknown
};

/// "pass", "fail" or "unknown", as the `check` command and the case page write them.
const char* checkResultName(CheckResult result) noexcept;

/// What comparing one registered value with one value read from a document gave. The strings hold PII:
/// they are for the reviewer's screen, never for a log.
struct MatchOutcome
{
    CheckResult result = CheckResult::Unknown;
    /// 0..1: 1 for an exact match (after normalisation), lower for near misses; 0 when nothing compared.
    double similarity = 0.0;
    /// The two values as compared (normalised), for display.
    std::string expected;
    std::string found;
    /// Short and readable, e.g. "one letter differs in the last name (similarity 0.92)".
    std::string reason;
};

} // namespace proofdesk
