// Migration 0004 (checks) on a database that already holds cases: the last four SSN digits a case was sent,
// which earlier versions wrote over the registered ones' column, move to their own column, so that the two
// keyed hashes can be compared; cases with a registered SSN keep theirs.
#include "proofdesk/adapters/SqliteCaseStore.h"
#include "proofdesk/adapters/SqliteDatabase.h"

#include <catch2/catch.hpp>

#include "support/TempDir.h"

#include <filesystem>

using namespace proofdesk;
using proofdesk::test::TempDir;

namespace
{

void insertCase(SqliteDatabase& db, int id, bool ssnGiven, const std::string& last4Hash)
{
    db.connect()->execute(
        "INSERT INTO cases (id, reference, state, user_id, channel, created_at, state_entered_at, updated_at, ssn_given, "
        "ssn_last4_hash, email_hash, upload_token_hash, password_hash, challenge_question, challenge_answer_hash, "
        "wrapped_key) VALUES (?, ?, 'ready_for_review', ?, 'web', 0, 0, 0, ?, ?, '', ?, '', '', '', x'01')",
        {SqlValue::of(std::int64_t{id}), SqlValue::text("PD-0000-000" + std::to_string(id)),
         SqlValue::text("user" + std::to_string(id)), SqlValue::of(std::int64_t{ssnGiven ? 1 : 0}),
         SqlValue::text(last4Hash), SqlValue::text("token" + std::to_string(id))});
}

} // namespace

TEST_CASE("migration 0004 moves the sent SSN digits' hash beside the registered one", "[db][checks]")
{
    TempDir dir;
    const std::filesystem::path source = std::filesystem::path(PROOFDESK_SOURCE_DIR) / "migrations/sqlite";
    const std::filesystem::path before = std::filesystem::path(dir.path()) / "before";
    std::filesystem::create_directories(before);
    for (const char* name : {"0001_initial.sql", "0002_extraction.sql", "0003_mail.sql"})
        std::filesystem::copy_file(source / name, before / name);

    SqliteDatabase db(dir.path() + "/proofdesk.db");
    REQUIRE(db.migrate(before.string()) == 3);
    insertCase(db, 1, false, "sent-hash");        // no SSN registered; the applicant sent the last four
    insertCase(db, 2, true, "registered-hash");   // SSN registered, nothing sent
    insertCase(db, 3, false, "");                 // neither
    REQUIRE(db.migrate(source.string()) >= 1);
    CHECK(db.schemaVersion() >= 4);

    SqliteCaseStore store(db);
    const CaseRecord sent = *store.findById(1);
    CHECK(sent.ssnLast4Provided);
    CHECK_FALSE(sent.ssnLast4Matches);  // nothing registered to compare with
    const CaseRecord registered = *store.findById(2);
    CHECK_FALSE(registered.ssnLast4Provided);
    CHECK_FALSE(registered.ssnLast4Matches);
    CHECK_FALSE(store.findById(3)->ssnLast4Provided);

    // Sending digits to the case with a registered SSN no longer replaces the registered hash.
    store.setSsnLast4Hash(2, "registered-hash", AuditEntry{});
    CHECK(store.findById(2)->ssnLast4Matches == std::optional<bool>(true));
    store.setSsnLast4Hash(2, "other-hash", AuditEntry{});
    CHECK(store.findById(2)->ssnLast4Matches == std::optional<bool>(false));
    CHECK(db.connect()->scalar("SELECT COUNT(*) FROM cases WHERE id = 2 AND ssn_last4_hash = 'registered-hash'", {}) == 1);
    CHECK(db.connect()->scalar("SELECT COUNT(*) FROM cases WHERE failing_checks <> 0", {}) == 0);
}
