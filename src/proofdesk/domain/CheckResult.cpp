#include "proofdesk/domain/CheckResult.h"

namespace proofdesk
{

const char* checkResultName(CheckResult result) noexcept
{
    switch (result)
    {
    case CheckResult::Pass:
        return "pass";
    case CheckResult::Fail:
        return "fail";
    case CheckResult::Unknown:
        break;
    }
    return "unknown";
}

} // namespace proofdesk
