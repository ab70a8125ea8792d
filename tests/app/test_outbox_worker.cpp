// The outbox worker against hand-written fakes of its ports: retries, backoff, giving up, exactly once.
#include "proofdesk/app/OutboxWorker.h"
#include "proofdesk/domain/EmailMessage.h"

#include <catch2/catch.hpp>

#include "fakes/FakeVault.h"
#include "fakes/ManualClock.h"

#include <deque>
#include <map>

using namespace proofdesk;
using namespace proofdesk::test;

namespace
{

class FakeOutboxStore : public OutboxStore
{
public:
    std::map<std::int64_t, OutboxRecord> rows;

    std::vector<OutboxRecord> due(Instant now, int limit) override
    {
        std::vector<OutboxRecord> out;
        for (const auto& [id, row] : rows)
        {
            if (row.status == "pending" && row.nextAttemptAt <= now && static_cast<int>(out.size()) < limit)
                out.push_back(row);
        }
        return out;
    }
    void markSent(std::int64_t id, Instant) override
    {
        rows[id].status = "sent";
        rows[id].attempts++;
    }
    void markAttemptFailed(std::int64_t id, const std::string& error, Instant nextAttempt, bool giveUp) override
    {
        OutboxRecord& row = rows[id];
        row.attempts++;
        row.lastError = error;
        row.nextAttemptAt = nextAttempt;
        row.status = giveUp ? "failed" : "pending";
    }
    int countByStatus(const std::string& status) override
    {
        int n = 0;
        for (const auto& [id, row] : rows)
            n += row.status == status ? 1 : 0;
        return n;
    }
};

class ScriptedTransport : public MailTransport
{
public:
    std::deque<SendOutcome> script;  // outcomes to return in order; Accepted once it runs out
    std::vector<std::string> delivered;

    SendOutcome send(const EmailMessage& message, std::string& error) override
    {
        SendOutcome outcome = SendOutcome::Accepted;
        if (!script.empty())
        {
            outcome = script.front();
            script.pop_front();
        }
        if (outcome == SendOutcome::Accepted)
            delivered.push_back(message.messageId);
        else
            error = outcome == SendOutcome::TemporaryFailure ? "451 try later" : "550 no such user";
        return outcome;
    }
    std::string describe() const override { return "scripted"; }
};

struct Rig
{
    ManualClock clock;
    FakeVault vault;
    FakeOutboxStore store;
    ScriptedTransport transport;
    AppSettings settings;
    OutboxWorker worker{store, transport, vault, clock, settings};

    std::int64_t add(const std::string& messageId)
    {
        EmailMessage message;
        message.messageId = messageId;
        message.to = "applicant@example.org";
        OutboxRecord row;
        row.id = static_cast<std::int64_t>(store.rows.size() + 1);
        row.messageId = messageId;
        row.wrappedKey = "key1";
        row.sealedMessage = vault.seal("key1", encodeEmail(message));
        row.createdAt = clock.now();
        row.nextAttemptAt = clock.now();
        store.rows[row.id] = row;
        return row.id;
    }
};

} // namespace

TEST_CASE("a message is marked sent only after the transport accepted it, and sent once", "[app]")
{
    Rig rig;
    std::int64_t id = rig.add("one@x");
    CHECK(rig.worker.drainOnce() == 1);
    CHECK(rig.store.rows[id].status == "sent");
    CHECK(rig.worker.drainOnce() == 0);
    CHECK(rig.transport.delivered == std::vector<std::string>{"one@x"});
}

TEST_CASE("temporary failures back off exponentially, then the message goes", "[app]")
{
    Rig rig;
    std::int64_t id = rig.add("retry@x");
    rig.transport.script = {SendOutcome::TemporaryFailure, SendOutcome::TemporaryFailure};
    CHECK(rig.worker.drainOnce() == 0);
    CHECK_FALSE(rig.worker.healthy());
    Instant first = rig.store.rows[id].nextAttemptAt;
    CHECK(first - rig.clock.now() == std::chrono::seconds(30));
    CHECK(rig.worker.drainOnce() == 0);  // not due yet: nothing tried
    CHECK(rig.store.rows[id].attempts == 1);
    rig.clock.advance(std::chrono::seconds(30));
    CHECK(rig.worker.drainOnce() == 0);
    CHECK(rig.store.rows[id].nextAttemptAt - rig.clock.now() == std::chrono::seconds(60));
    rig.clock.advance(std::chrono::seconds(60));
    CHECK(rig.worker.drainOnce() == 1);
    CHECK(rig.worker.healthy());
    CHECK(rig.store.rows[id].status == "sent");
    CHECK(rig.transport.delivered.size() == 1);
}

TEST_CASE("a permanent failure is recorded and never retried; a long outage gives up", "[app]")
{
    Rig rig;
    std::int64_t bounced = rig.add("bounce@x");
    rig.transport.script = {SendOutcome::PermanentFailure};
    rig.worker.drainOnce();
    CHECK(rig.store.rows[bounced].status == "failed");
    CHECK(rig.store.rows[bounced].lastError == "550 no such user");

    std::int64_t stuck = rig.add("stuck@x");
    for (int i = 0; i < 200 && rig.store.rows[stuck].status == "pending"; ++i)
    {
        rig.transport.script = {SendOutcome::TemporaryFailure};
        rig.clock.advance(std::chrono::hours(1));
        rig.worker.drainOnce();
    }
    CHECK(rig.store.rows[stuck].status == "failed");
    CHECK(rig.clock.now() - rig.store.rows[stuck].createdAt >= rig.settings.outboxGiveUpAfter);
    CHECK(rig.transport.delivered.empty());
}

TEST_CASE("a message that cannot be opened (its case purged) fails without reaching the transport", "[app]")
{
    Rig rig;
    std::int64_t id = rig.add("purged@x");
    rig.store.rows[id].wrappedKey = "another key";
    rig.worker.drainOnce();
    CHECK(rig.store.rows[id].status == "failed");
    CHECK(rig.transport.delivered.empty());
}
