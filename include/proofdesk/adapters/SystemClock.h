#pragma once

#include "proofdesk/ports/Clock.h"

namespace proofdesk
{

/// The real clock.
class SystemClock : public Clock
{
public:
    Instant now() const override { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }
};

} // namespace proofdesk
