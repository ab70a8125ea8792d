#pragma once

#include "proofdesk/ports/Clock.h"

#include <atomic>

namespace proofdesk::test
{

/// A clock that moves only when the test says so.
class ManualClock : public Clock
{
public:
    explicit ManualClock(Instant start = Instant(std::chrono::seconds(1'800'000'000))) : _now(start.time_since_epoch().count()) {}

    Instant now() const override { return Instant(std::chrono::seconds(_now.load())); }
    void advance(std::chrono::seconds by) { _now += by.count(); }

private:
    std::atomic<long long> _now;
};

} // namespace proofdesk::test
