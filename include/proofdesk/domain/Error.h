#pragma once

#include <stdexcept>
#include <string>

namespace proofdesk
{

/// What kind of failure an Error is; the web layer maps each to one HTTP status in one place.
enum class ErrorCode
{
    InvalidInput,   // the caller sent something we refuse (a form field, an upload, a workflow file)
    NotFound,       // the object does not exist, or the caller may not know that it does
    Conflict,       // the object changed under the caller, or the action is not allowed in its state
    Unauthorized,   // not signed in, or bad credentials
    Forbidden,      // signed in but not allowed
    TooLarge,       // a size or count limit was exceeded
    Unavailable,    // a dependency (database, disk, mail) failed; retrying may help
    Configuration,  // bad start-up configuration; the process should not start
    Internal        // a broken invariant of ours
};

/// The one exception type of proofdesk: a code and a message an operator or user can act on.
/// Adapters translate third-party failures into it, keeping their text.
class Error : public std::runtime_error
{
public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), _code(code) {}

    ErrorCode code() const noexcept { return _code; }

private:
    ErrorCode _code;
};

/// A short stable name for a code ("invalid_input", ...), used in JSON errors and logs.
const char* errorCodeName(ErrorCode code) noexcept;

} // namespace proofdesk
