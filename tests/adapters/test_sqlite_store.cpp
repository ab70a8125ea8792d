#include "proofdesk/adapters/SqliteCaseStore.h"
#include "proofdesk/adapters/SqliteDatabase.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "support/TempDir.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace proofdesk;
using proofdesk::test::TempDir;

namespace
{

const std::string migrations = std::string(PROOFDESK_SOURCE_DIR) + "/migrations/sqlite";

Instant at(long long s)
{
    return Instant(std::chrono::seconds(s));
}

NewCase newCase(const std::string& reference, const std::string& userId)
{
    NewCase n;
    n.record.reference = reference;
    n.record.state = "awaiting_documents";
    n.record.userId = userId;
    n.record.channel = "web";
    n.record.createdAt = at(1000);
    n.record.stateEnteredAt = at(1000);
    n.record.updatedAt = at(1000);
    n.record.wrappedKey = std::string("\x01\x00key", 5);
    n.record.sealedProfile = std::string("\x00\xffprofile", 9);
    n.record.sealedUploadToken = "token";
    n.userIdKey = userId;
    n.emailHash = "e-" + userId;
    n.uploadTokenHash = "u-" + reference;
    n.passwordHash = "pw";
    n.challengeQuestion = "q";
    n.challengeAnswerHash = "a";
    OutboxRecord o;
    o.messageId = "m-" + reference + "@x";
    o.kind = "instructions";
    o.sealedMessage = "sealed";
    o.createdAt = at(1000);
    o.nextAttemptAt = at(1000);
    n.outbox.push_back(o);
    n.audit = AuditEntry{at(1000), "applicant", "case.created", std::nullopt, std::nullopt, ""};
    return n;
}

struct Db
{
    TempDir dir;
    SqliteDatabase db{dir / "pd.db"};
    SqliteCaseStore store{db};
    Db() { db.migrate(migrations); }
    std::int64_t count(const std::string& table)
    {
        return db.connect()->scalar("SELECT COUNT(*) FROM " + table, {});
    }
};

} // namespace

TEST_CASE("migrations run from an empty database once, and again apply nothing", "[db]")
{
    TempDir dir;
    SqliteDatabase db(dir / "pd.db");
    CHECK(db.schemaVersion() == 0);
    CHECK(db.migrate(migrations) >= 1);
    int version = db.schemaVersion();
    CHECK(version >= 1);
    CHECK(db.migrate(migrations) == 0);
    CHECK(db.schemaVersion() == version);
    auto c = db.connect();
    for (const char* table : {"cases", "documents", "outbox", "audit", "accounts", "reviewers", "sessions", "user_ids"})
        CHECK(c->scalar(std::string("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='") + table + "'",
                        {}) == 1);
    // WAL and foreign keys are on for every connection.
    std::string mode;
    c->query("PRAGMA journal_mode", {}, [&](const SqlRow& row) { mode = row.text("journal_mode"); });
    CHECK(mode == "wal");
    CHECK(c->scalar("PRAGMA foreign_keys", {}) == 1);
}

TEST_CASE("a migration that fails leaves the schema where it was and names the file", "[db]")
{
    TempDir dir;
    std::filesystem::create_directories(dir / "m");
    std::filesystem::copy_file(migrations + "/0001_initial.sql", dir / "m/0001_initial.sql");
    {
        std::ofstream bad(dir / "m/0002_broken.sql");
        bad << "CREATE TABLE extra (id INTEGER PRIMARY KEY);\nTHIS IS NOT SQL;\n";
    }
    SqliteDatabase db(dir / "pd.db");
    try
    {
        db.migrate(dir / "m");
        FAIL("the broken migration was applied");
    }
    catch (const Error& e)
    {
        CHECK(std::string(e.what()).find("0002_broken.sql") != std::string::npos);
    }
    CHECK(db.schemaVersion() == 1);
    // The first statement of the failed file was rolled back with it.
    CHECK(db.connect()->scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'extra'", {}) == 0);
}

TEST_CASE("a transaction that throws leaves nothing behind", "[db]")
{
    Db t;
    REQUIRE_THROWS_AS(t.db.transaction([&](SqliteDatabase::Connection& c) {
        c.execute("INSERT INTO reviewers (user_id, display_name, role, password_hash, created_at) VALUES "
                  "('r1', 'R', 'reviewer', 'h', 1)");
        throw Error(ErrorCode::Internal, "boom");
    }),
                      Error);
    CHECK(t.count("reviewers") == 0);
    // The connection went back to the pool in a usable state.
    t.db.transaction([&](SqliteDatabase::Connection& c) {
        c.execute("INSERT INTO reviewers (user_id, display_name, role, password_hash, created_at) VALUES "
                  "('r2', 'R', 'reviewer', 'h', 1)");
    });
    CHECK(t.count("reviewers") == 1);
}

TEST_CASE("a case, its reserved user ID, outbox row and audit row are written together", "[db]")
{
    Db t;
    std::int64_t id = 0;
    REQUIRE(t.store.createCase(newCase("PD-AAAA-AAAA", "user.one"), id) == CreateCaseResult::Created);
    CHECK(id > 0);
    CHECK(t.count("cases") == 1);
    CHECK(t.count("outbox") == 1);
    CHECK(t.count("audit") == 1);
    CHECK(t.store.userIdTaken("user.one"));
    auto found = t.store.findByReference("PD-AAAA-AAAA");
    REQUIRE(found);
    CHECK(found->wrappedKey == std::string("\x01\x00key", 5));  // binary survives
    CHECK(found->sealedProfile == std::string("\x00\xffprofile", 9));

    std::int64_t other = 0;
    CHECK(t.store.createCase(newCase("PD-BBBB-BBBB", "user.one"), other) == CreateCaseResult::UserIdTaken);
    CHECK(t.store.createCase(newCase("PD-AAAA-AAAA", "user.two"), other) == CreateCaseResult::ReferenceTaken);
    CHECK(t.count("cases") == 1);
    CHECK(t.count("outbox") == 1);  // the refused ones wrote nothing
}

TEST_CASE("a transition commits only against the version it was decided on", "[db]")
{
    Db t;
    std::int64_t id = 0;
    t.store.createCase(newCase("PD-AAAA-AAAA", "user.one"), id);
    TransitionCommit commit;
    commit.caseId = id;
    commit.expectedVersion = 0;
    commit.toState = "ready_for_review";
    commit.at = at(2000);
    commit.event = CaseEvent{at(2000), "applicant", "documents_added", "awaiting_documents", "ready_for_review", ""};
    OutboxRecord o;
    o.messageId = "receipt@x";
    o.kind = "receipt";
    o.sealedMessage = "s";
    o.createdAt = at(2000);
    o.nextAttemptAt = at(2000);
    commit.outbox.push_back(o);
    REQUIRE(t.store.commitTransition(commit));
    auto after = t.store.findById(id);
    CHECK(after->state == "ready_for_review");
    CHECK(after->version == 1);
    CHECK(after->stateEnteredAt == at(2000));

    // The same decision replayed (a retried request) finds the version moved on and writes nothing.
    commit.outbox[0].messageId = "receipt-again@x";
    CHECK_FALSE(t.store.commitTransition(commit));
    CHECK(t.count("outbox") == 2);
    CHECK(t.count("case_events") == 1);

    // A self-transition (reminder) keeps the time the case entered its state, and records the timer once.
    TransitionCommit reminder;
    reminder.caseId = id;
    reminder.expectedVersion = 1;
    reminder.toState = "ready_for_review";
    reminder.reentersState = false;
    reminder.at = at(9000);
    reminder.firedTimerId = "reminder";
    reminder.event = CaseEvent{at(9000), "system", "remind", "ready_for_review", "ready_for_review", ""};
    REQUIRE(t.store.commitTransition(reminder));
    CHECK(t.store.findById(id)->stateEnteredAt == at(2000));
    CHECK(t.store.firedTimers(id, at(2000)) == std::vector<std::string>{"reminder"});
}

TEST_CASE("a decision that requires the claim fails when the reviewer does not hold it", "[db]")
{
    Db t;
    std::int64_t id = 0;
    t.store.createCase(newCase("PD-AAAA-AAAA", "user.one"), id);
    TransitionCommit commit;
    commit.caseId = id;
    commit.toState = "approved";
    commit.at = at(2000);
    commit.requireClaimBy = "alice";
    commit.event = CaseEvent{at(2000), "alice", "approve", "awaiting_documents", "approved", ""};
    commit.createAccount = AccountRecord{"user.one", id, "active", at(2000)};
    CHECK_FALSE(t.store.commitTransition(commit));
    REQUIRE(t.store.claim(id, "alice", at(1999), at(2100)));
    CHECK(t.store.commitTransition(commit));
    auto account = t.store.findAccount("user.one");
    REQUIRE(account);
    CHECK(account->status == "active");
    CHECK(account->caseId == id);
}

TEST_CASE("two reviewers claiming the same case at once: exactly one wins", "[db]")
{
    Db t;
    std::int64_t id = 0;
    t.store.createCase(newCase("PD-AAAA-AAAA", "user.one"), id);
    for (int round = 0; round < 20; ++round)
    {
        t.db.connect()->execute("UPDATE cases SET claimed_by = NULL, claim_expires_at = 0");
        std::atomic<int> ready{0};
        std::atomic<int> wins{0};
        std::vector<std::thread> threads;
        for (const char* who : {"alice", "bob"})
        {
            threads.emplace_back([&, who] {
                SqliteCaseStore store(t.db);
                ++ready;
                while (ready.load() < 2)
                    std::this_thread::yield();
                if (store.claim(id, who, at(5000), at(5000 + 1800)))
                    ++wins;
            });
        }
        for (auto& thread : threads)
            thread.join();
        CHECK(wins.load() == 1);
    }
    // The loser cannot claim while the lease lives, can after it expires; the holder can renew.
    std::string holder = *t.store.findById(id)->claimedBy;
    std::string other = holder == "alice" ? "bob" : "alice";
    CHECK_FALSE(t.store.claim(id, other, at(6000), at(7000)));
    CHECK(t.store.claim(id, holder, at(6000), at(8000)));
    CHECK(t.store.claim(id, other, at(8000), at(9000)));
    CHECK_FALSE(t.store.release(id, holder));
    CHECK(t.store.release(id, other));
}

TEST_CASE("the audit trail is append-only", "[db]")
{
    Db t;
    t.store.audit(AuditEntry{at(1), "alice", "document.viewed", std::nullopt, std::nullopt, "page 1"});
    CHECK_THROWS_AS(t.db.connect()->execute("UPDATE audit SET actor = 'mallory'"), Error);
    CHECK_THROWS_AS(t.db.connect()->execute("DELETE FROM audit"), Error);
    CHECK(t.count("audit") == 1);
}

TEST_CASE("the outbox hands out due rows with their case key and records attempts", "[db]")
{
    Db t;
    std::int64_t id = 0;
    t.store.createCase(newCase("PD-AAAA-AAAA", "user.one"), id);
    auto due = t.store.due(at(999), 10);
    CHECK(due.empty());
    due = t.store.due(at(1000), 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].wrappedKey == std::string("\x01\x00key", 5));
    t.store.markAttemptFailed(due[0].id, "connection refused", at(1060), false);
    CHECK(t.store.due(at(1059), 10).empty());
    REQUIRE(t.store.due(at(1060), 10).size() == 1);
    t.store.markSent(due[0].id, at(1061));
    CHECK(t.store.due(at(99999), 10).empty());
    CHECK(t.store.countByStatus("sent") == 1);
}
