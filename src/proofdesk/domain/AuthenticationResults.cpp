#include "proofdesk/domain/AuthenticationResults.h"

namespace proofdesk
{

AuthenticationVerdicts parseAuthenticationResults(const std::vector<std::string>& headerValues,
                                                  const std::vector<std::string>& trustedAuthservIds)
{
    // Minimal first version; the RFC 8601 reader follows.
    (void)headerValues;
    (void)trustedAuthservIds;
    return {};
}

} // namespace proofdesk
