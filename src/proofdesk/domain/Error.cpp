#include "proofdesk/domain/Error.h"

namespace proofdesk
{

const char* errorCodeName(ErrorCode code) noexcept
{
    switch (code)
    {
    case ErrorCode::InvalidInput: return "invalid_input";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Unauthorized: return "unauthorized";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::TooLarge: return "too_large";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::Configuration: return "configuration";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

} // namespace proofdesk
