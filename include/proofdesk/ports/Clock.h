#pragma once

#include <chrono>

namespace proofdesk
{

using Instant = std::chrono::sys_seconds;

/// The only source of the current time. Production uses the system clock; tests use a manual one.
class Clock
{
public:
    virtual ~Clock() = default;

    /// The current time, to the second, UTC.
    virtual Instant now() const = 0;
};

} // namespace proofdesk
