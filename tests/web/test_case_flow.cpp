// The whole system as the server assembles it (SQLite, encrypted files, templates, the real workflow file),
// driven through its services on a manual clock.
#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/app/ExtractionWorker.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "support/SyntheticFiles.h"
#include "support/TestSystem.h"

#include <filesystem>
#include <fstream>
#include <thread>

using namespace proofdesk;
using proofdesk::test::TestSystem;

namespace
{

std::string slurp(const std::string& path)
{
    return readWholeFile(path);
}

// The text of a quoted-printable message with its soft line breaks joined, enough to search it.
std::string unfolded(const std::string& mail)
{
    std::string out;
    for (std::size_t i = 0; i < mail.size(); ++i)
    {
        if (mail[i] == '=' && i + 1 < mail.size() && mail[i + 1] == '\n')
            ++i;
        else if (mail[i] == '=' && i + 2 < mail.size() && mail[i + 1] == '\r' && mail[i + 2] == '\n')
            i += 2;
        else
            out += mail[i];
    }
    return out;
}

std::vector<IncomingFile> fullSet(const std::string& marker)
{
    return {IncomingFile{"license-front.pdf", "drivers_license", proofdesk::test::smallPdf(marker + "id")},
            IncomingFile{"bank.pdf", "bank_statement", proofdesk::test::smallPdf(marker + "bank")},
            IncomingFile{"power.pdf", "utility_bill", proofdesk::test::smallPdf(marker + "power")}};
}

ReviewerSession signIn(Proofdesk& app, const std::string& user)
{
    app.review().addReviewer(user, user, "reviewer", "Lantern#Quartz2026");
    auto token = app.review().signIn(user, "Lantern#Quartz2026");
    REQUIRE(token);
    auto session = app.review().session(*token);
    REQUIRE(session);
    return *session;
}

std::int64_t rows(Proofdesk& app, const std::string& sql)
{
    return app.database().connect()->scalar(sql, {});
}

} // namespace

TEST_CASE("registration to approval: one case, each email written once, the account created", "[system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    RegistrationOutcome registered = app.registration().registerApplicant(TestSystem::form(), "web");
    REQUIRE(registered.errors.empty());
    CHECK(registered.reference.rfind("PD-", 0) == 0);
    app.outbox().drainOnce();
    auto files = s.outboxFiles();
    REQUIRE(files.size() == 1);
    std::string instructions = slurp(files[0]);
    CHECK(instructions.find(registered.reference) != std::string::npos);
    CHECK(instructions.find("multipart/alternative") != std::string::npos);
    CHECK(instructions.find("text/html") != std::string::npos);
    CHECK(instructions.find("/upload/" + registered.uploadToken) != std::string::npos);

    // The profile, the upload token and the email are never stored in clear.
    auto c = app.database().connect();
    CHECK(c->scalar("SELECT COUNT(*) FROM cases WHERE instr(CAST(sealed_profile AS TEXT), 'Quintero') > 0", {}) == 0);
    CHECK(c->scalar("SELECT COUNT(*) FROM cases WHERE upload_token_hash = '" + registered.uploadToken + "'", {}) == 0);

    auto record = app.intake().caseForUploadToken(registered.uploadToken);
    REQUIRE(record);
    IntakeOutcome taken = app.intake().takeIn(*record, fullSet("a"), "upload", Actor{"applicant", "applicant"});
    REQUIRE(taken.files.size() == 3);
    for (const FileOutcome& f : taken.files)
        CHECK(f.stored);
    // Documents are complete but the SSN's last four are missing: the case waits (with a receipt).
    CHECK(app.store().findById(record->id)->state == "awaiting_documents");
    CHECK(app.intake().provideSsnLast4(*record, "12345", Actor{"applicant", "applicant"}).find("four") !=
          std::string::npos);
    CHECK(app.intake().provideSsnLast4(*record, "9999", Actor{"applicant", "applicant"}).empty());
    CHECK(app.store().findById(record->id)->state == "ready_for_review");

    // The stored bytes are encrypted: the PDF header is nowhere in the documents folder.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(s.dir / "documents"))
    {
        if (entry.is_regular_file())
            CHECK(slurp(entry.path().string()).find("%PDF") == std::string::npos);
    }

    ReviewerSession alice = signIn(app, "alice");
    CHECK_THROWS_AS(app.review().decide(alice, registered.reference, "approve", {}), Error);  // not claimed
    app.review().claim(alice, registered.reference);
    CaseView view = app.review().view(alice, registered.reference);
    CHECK(view.profile.lastName == "Quintero-Hale");
    CHECK(view.documents.size() == 3);
    CHECK(view.evidence.complete);
    std::string png = app.review().documentPage(alice, registered.reference, view.documents[0].id, 0);
    CHECK(png.substr(1, 3) == "PNG");

    EventOutcome approved = app.review().decide(alice, registered.reference, "approve", {});
    CHECK(approved.changed);
    CHECK(approved.to == "approved");
    // A retried approval changes nothing and writes no second email.
    CHECK_THROWS_AS(app.review().decide(alice, registered.reference, "approve", {}), Error);
    auto account = app.store().findAccount(TestSystem::form().userId);
    REQUIRE(account);
    CHECK(account->status == "active");

    app.outbox().drainOnce();
    app.outbox().drainOnce();
    files = s.outboxFiles();
    // instructions, a receipt for the documents, a receipt when the case became complete, account created
    CHECK(files.size() == 4);
    CHECK(rows(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'instructions'") == 1);
    CHECK(rows(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'receipt'") == 2);
    CHECK(rows(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'account_created'") == 1);
    bool created = false;
    for (const std::string& f : files)
    {
        std::string mail = unfolded(slurp(f));
        if (mail.find("Subject: Your account has been created") != std::string::npos)
        {
            created = true;
            CHECK(mail.find(TestSystem::form().userId) != std::string::npos);
            CHECK(mail.find("two-factor") != std::string::npos);
        }
    }
    CHECK(created);
    CHECK(rows(app, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0);

    // Every state change and every document view is in the audit trail.
    CHECK(rows(app, "SELECT COUNT(*) FROM audit WHERE action = 'document.viewed'") == 1);
    CHECK(rows(app, "SELECT COUNT(*) FROM audit WHERE action = 'case.approve' AND actor = 'alice'") == 1);
}

TEST_CASE("each registration rule is enforced with one message per field, and nothing is written", "[system]")
{
    TestSystem s;
    RegistrationForm form = TestSystem::form();
    form.password = "short";
    form.passwordConfirm = "different";
    form.profile.zip = "1234";
    RegistrationOutcome outcome = s.app->registration().registerApplicant(form, "web");
    std::map<std::string, int> perField;
    for (const FieldError& e : outcome.errors)
        perField[e.field]++;
    CHECK(perField["password"] == 1);
    CHECK(perField["zip"] == 1);
    for (const auto& [field, count] : perField)
        CHECK(count == 1);
    CHECK(rows(*s.app, "SELECT COUNT(*) FROM cases") == 0);
    CHECK(rows(*s.app, "SELECT COUNT(*) FROM outbox") == 0);

    // A user ID is unique, also against pending registrations and regardless of case.
    REQUIRE(s.app->registration().registerApplicant(TestSystem::form(1), "web").errors.empty());
    RegistrationForm again = TestSystem::form(2);
    again.userId = TestSystem::form(1).userId;
    for (char& ch : again.userId)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    RegistrationOutcome duplicate = s.app->registration().registerApplicant(again, "web");
    REQUIRE(duplicate.errors.size() == 1);
    CHECK(duplicate.errors[0].field == "user_id");
}

TEST_CASE("a notification committed before a crash is written exactly once after restart", "[system]")
{
    TestSystem s;
    auto registered = s.app->registration().registerApplicant(TestSystem::form(), "web");
    REQUIRE(registered.errors.empty());
    // The process died after the commit, before the outbox worker ran: the row waits in the database.
    CHECK(rows(*s.app, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 1);
    CHECK(s.outboxFiles().empty());
    s.app->outbox().drainOnce();
    REQUIRE(s.outboxFiles().size() == 1);
    // The process died after writing the file, before marking the row sent: the retry rewrites nothing.
    s.app->database().connect()->execute("UPDATE outbox SET status = 'pending'");
    std::string before = slurp(s.outboxFiles()[0]);
    s.app->outbox().drainOnce();
    REQUIRE(s.outboxFiles().size() == 1);
    CHECK(slurp(s.outboxFiles()[0]) == before);
    CHECK(rows(*s.app, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'") == 1);
}

TEST_CASE("uploads: type by content, duplicates, limits, closed cases", "[system]")
{
    TestSystem s({{"proofdesk.upload.max_files", "3"}, {"proofdesk.upload.max_file_mb", "1"}});
    auto registered = s.app->registration().registerApplicant(TestSystem::form(), "web");
    auto record = *s.app->intake().caseForUploadToken(registered.uploadToken);
    Actor applicant{"applicant", "applicant"};
    std::vector<IncomingFile> files = {
        IncomingFile{"statement.pdf", "bank_statement", proofdesk::test::smallPdf("one")},
        IncomingFile{"notes.pdf", "bank_statement", "this is plain text, named .pdf"},
        IncomingFile{"huge.pdf", "utility_bill", proofdesk::test::smallPdf("x") + std::string(1100 * 1024, ' ')},
    };
    IntakeOutcome outcome = s.app->intake().takeIn(record, files, "upload", applicant);
    REQUIRE(outcome.files.size() == 3);
    CHECK(outcome.files[0].stored);
    CHECK_FALSE(outcome.files[1].stored);
    CHECK(outcome.files[1].error.find("not a JPEG, PNG, TIFF or PDF") != std::string::npos);
    CHECK_FALSE(outcome.files[2].stored);
    CHECK(outcome.files[2].error.find("limit") != std::string::npos);

    IntakeOutcome again = s.app->intake().takeIn(
        record, {IncomingFile{"same.pdf", "bank_statement", proofdesk::test::smallPdf("one")}}, "upload", applicant);
    CHECK(again.files[0].duplicate);
    CHECK(s.app->store().documents(record.id).size() == 1);

    std::vector<IncomingFile> four(4, IncomingFile{"a.pdf", "unknown", proofdesk::test::smallPdf("z")});
    CHECK_THROWS_AS(s.app->intake().takeIn(record, four, "upload", applicant), Error);

    // Filenames are never used as paths.
    IntakeOutcome sneaky = s.app->intake().takeIn(
        record, {IncomingFile{"../../etc/passwd.pdf", "unknown", proofdesk::test::smallPdf("p")}}, "upload", applicant);
    REQUIRE(sneaky.files[0].stored);
    CHECK(s.app->store().documents(record.id).back().displayName == "passwd.pdf");
}

TEST_CASE("timers: a reminder once, then expiry, on the manual clock", "[system]")
{
    TestSystem s;
    auto registered = s.app->registration().registerApplicant(TestSystem::form(), "web");
    s.app->outbox().drainOnce();
    REQUIRE(s.outboxFiles().size() == 1);
    using std::chrono::hours;
    s.clock.advance(hours(24 * 7) - std::chrono::seconds(1));
    CHECK(s.app->cases().runDueTimers() == 0);
    s.clock.advance(std::chrono::seconds(1));
    CHECK(s.app->cases().runDueTimers() == 1);
    CHECK(s.app->cases().runDueTimers() == 0);  // once per stay
    s.app->outbox().drainOnce();
    REQUIRE(s.outboxFiles().size() == 2);
    CHECK(s.app->store().findByReference(registered.reference)->state == "awaiting_documents");
    s.clock.advance(hours(24 * 23));
    CHECK(s.app->cases().runDueTimers() == 1);
    CHECK(s.app->store().findByReference(registered.reference)->state == "expired");
    s.app->outbox().drainOnce();
    CHECK(s.outboxFiles().size() == 3);
}

TEST_CASE("changing the workflow file changes the behaviour, without a rebuild", "[system]")
{
    proofdesk::test::TempDir dir;
    std::string text = readWholeFile(std::string(PROOFDESK_SOURCE_DIR) + "/workflows/manual-proofing.json");
    // The help desk sends reminders after 2 days instead of 7.
    auto at = text.find("\"after_days\": 7");
    REQUIRE(at != std::string::npos);
    text.replace(at, 15, "\"after_days\": 2");
    writeFileDurably(dir / "custom.json", text);
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.workflow.file", dir / "custom.json"}});
    s.app->registration().registerApplicant(TestSystem::form(), "web");
    s.clock.advance(std::chrono::hours(48));
    CHECK(s.app->cases().runDueTimers() == 1);

    TestSystem standard;
    standard.app->registration().registerApplicant(TestSystem::form(), "web");
    standard.clock.advance(std::chrono::hours(48));
    CHECK(standard.app->cases().runDueTimers() == 0);
}

TEST_CASE("a malformed workflow file is refused at start with the place named", "[system]")
{
    proofdesk::test::TempDir dir;
    std::string text = readWholeFile(std::string(PROOFDESK_SOURCE_DIR) + "/workflows/manual-proofing.json");
    auto at = text.find("\"to\": \"approved\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 16, "\"to\": \"aproved\"");
    writeFileDurably(dir / "bad.json", text);
    try
    {
        TestSystem s(std::map<std::string, std::string>{{"proofdesk.workflow.file", dir / "bad.json"}});
        FAIL("the bad workflow was accepted");
    }
    catch (const Error& e)
    {
        std::string message = e.what();
        CHECK(e.code() == ErrorCode::Configuration);
        CHECK(message.find("bad.json:") != std::string::npos);
        CHECK(message.find("aproved") != std::string::npos);
    }
}

TEST_CASE("reviewer sign-in: wrong passwords lock the account, sessions end on sign-out and idle", "[system]")
{
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.review.max_failed_sign_ins", "3"}});
    s.app->review().addReviewer("carol", "Carol", "reviewer", "Lantern#Quartz2026");
    CHECK_FALSE(s.app->review().signIn("nobody", "Lantern#Quartz2026"));
    auto token = s.app->review().signIn("carol", "Lantern#Quartz2026");
    REQUIRE(token);
    CHECK(s.app->review().session(*token));
    s.app->review().signOut(*token);
    CHECK_FALSE(s.app->review().session(*token));

    token = s.app->review().signIn("carol", "Lantern#Quartz2026");
    s.clock.advance(std::chrono::minutes(31));
    CHECK_FALSE(s.app->review().session(*token));

    for (int i = 0; i < 3; ++i)
        CHECK_FALSE(s.app->review().signIn("carol", "wrong"));
    CHECK_FALSE(s.app->review().signIn("carol", "Lantern#Quartz2026"));  // locked
    CHECK_THROWS_AS(s.app->review().addReviewer("dave", "Dave", "reviewer", "weak"), Error);
}

TEST_CASE("purging a case destroys its key: nothing it held can be read afterwards", "[system]")
{
    TestSystem s;
    auto registered = s.app->registration().registerApplicant(TestSystem::form(), "web");
    auto record = *s.app->intake().caseForUploadToken(registered.uploadToken);
    s.app->intake().takeIn(record, fullSet("p"), "upload", Actor{"applicant", "applicant"});
    auto documents = s.app->store().documents(record.id);
    REQUIRE(documents.size() == 3);
    REQUIRE(s.app->documentStore().get(documents[0].storageKey, record.wrappedKey).rfind("%PDF", 0) == 0);

    s.app->cases().purge(record.id, s.app->documentStore(), Actor{"operator", "system"});
    auto after = s.app->store().findById(record.id);
    REQUIRE(after);
    CHECK(after->wrappedKey.empty());
    CHECK(after->sealedProfile.empty());
    CHECK_FALSE(s.app->intake().caseForUploadToken(registered.uploadToken));
    CHECK_THROWS_AS(s.app->documentStore().get(documents[0].storageKey, record.wrappedKey), Error);
    // Even with the old wrapped key kept somewhere, the profile seal is gone from the database.
    CHECK(rows(*s.app, "SELECT COUNT(*) FROM cases WHERE sealed_profile IS NOT NULL") == 0);
    CHECK(rows(*s.app, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0);
    CHECK(rows(*s.app, "SELECT COUNT(*) FROM audit WHERE action = 'case.purged'") == 1);
    CHECK(rows(*s.app, "SELECT COUNT(*) FROM audit WHERE action = 'case.created'") == 1);  // the trail stays
}

TEST_CASE("documents read just before a crash still move their case on after the restart", "[system]")
{
    TestSystem s;
    auto registered = s.app->registration().registerApplicant(TestSystem::form(1, true), "web");
    auto record = *s.app->intake().caseForUploadToken(registered.uploadToken);
    // A postal set scanned by the help desk: nobody says what each file is.
    std::vector<IncomingFile> files = fullSet("crash");
    for (IncomingFile& file : files)
        file.declaredKind = "unknown";
    s.app->intake().takeIn(record, files, "postal", Actor{"rita", "reviewer"});
    REQUIRE(s.app->store().findById(record.id)->state == "awaiting_documents");
    CHECK(s.app->cases().settleReadDocuments() == 0);  // nothing read yet

    // The worker recorded each reading, then the process died before it told the case.
    const char* types[] = {"drivers_license", "bank_statement", "utility_bill"};
    std::vector<DocumentRecord> documents = s.app->store().documents(record.id);
    REQUIRE(documents.size() == 3);
    for (std::size_t i = 0; i < documents.size(); ++i)
        s.app->store().finishReading(documents[i].id, "read", types[i], "", "");
    CHECK(s.app->store().findById(record.id)->state == "awaiting_documents");

    // Start-up settles it, once.
    CHECK(s.app->cases().settleReadDocuments() == 1);
    CHECK(s.app->store().findById(record.id)->state == "ready_for_review");
    CHECK(s.app->cases().settleReadDocuments() == 0);
    CHECK(s.app->store().events(record.id).back().event == "documents_read");
}

TEST_CASE("a case purged before its decision: its timers stop instead of failing on the missing key", "[system]")
{
    TestSystem s;
    auto registered = s.app->registration().registerApplicant(TestSystem::form(), "web");
    auto record = *s.app->intake().caseForUploadToken(registered.uploadToken);
    auto other = s.app->registration().registerApplicant(TestSystem::form(2), "web");
    s.app->cases().purge(record.id, s.app->documentStore(), Actor{"operator", "system"});
    s.clock.advance(std::chrono::hours(24 * 7));
    // The other case still gets its reminder; the purged one is left alone, in its state.
    CHECK(s.app->cases().runDueTimers() == 1);
    CHECK(s.app->store().findById(record.id)->state == "awaiting_documents");
    s.clock.advance(std::chrono::hours(24 * 30));
    CHECK_NOTHROW(s.app->cases().runDueTimers());
    CHECK(s.app->store().findById(other.caseId)->state == "expired");
}

TEST_CASE("uploaded documents are read in the background and their fields shown on the case", "[system][ocr]")
{
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.extraction.workers", "1"}});
    auto registered = s.app->registration().registerApplicant(TestSystem::form(), "web");
    auto record = *s.app->intake().caseForUploadToken(registered.uploadToken);
    std::string back = readWholeFile(std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents/dl-clean-001-back.png");
    s.app->intake().takeIn(record,
                           {IncomingFile{"back.png", "drivers_license", back},
                            IncomingFile{"broken.pdf", "bank_statement", proofdesk::test::smallPdf("x").substr(0, 60)}},
                           "upload", Actor{"applicant", "applicant"});
    // The truncated PDF was refused at intake; only the card back waits to be read.
    CHECK(s.app->store().countReadState("queued") == 1);
    ExtractionWorker& worker = s.app->extraction();
    CHECK(worker.readOne());
    CHECK_FALSE(worker.readOne());
    CHECK(s.app->store().countReadState("read") == 1);

    ReviewerSession who{ReviewerRecord{}, "", ""};
    who.reviewer.userId = "tester";
    who.reviewer.role = "reviewer";
    CaseView view = s.app->review().view(who, registered.reference);
    REQUIRE(view.extractions.size() == 1);
    REQUIRE(view.extractions[0]);
    CHECK(view.extractions[0]->documentType == "drivers_license");
    CHECK(view.extractions[0]->fields.at("last_name").value == "ZIMMERMAN-LI");
    // A born-digital statement: its fields carry the regions they came from, on the page as shown.
    std::string statement = readWholeFile(std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents/bank-clean-001.pdf");
    s.app->intake().takeIn(*s.app->store().findById(record.id), {IncomingFile{"bank.pdf", "bank_statement", statement}},
                           "upload", Actor{"applicant", "applicant"});
    CHECK(worker.readOne());
    CaseView again = s.app->review().view(who, registered.reference);
    REQUIRE(again.extractions.size() == 2);
    REQUIRE(again.extractions[1]);
    const Extraction& read = *again.extractions[1];
    CHECK(read.documentType == "bank_statement");
    CHECK(read.regionsOnOriginal);
    REQUIRE_FALSE(read.pageSizes.empty());
    REQUIRE(read.fields.count("postal_code") == 1);
    REQUIRE_FALSE(read.fields.at("postal_code").regions.empty());
    const Region& zip = read.fields.at("postal_code").regions.front();
    CHECK(zip.x + zip.width <= read.pageSizes[0].width);
    CHECK(zip.y + zip.height <= read.pageSizes[0].height);
    // The extraction is sealed with the case key: the name is not in the database in clear.
    CHECK(rows(*s.app, "SELECT COUNT(*) FROM documents WHERE instr(CAST(sealed_extraction AS TEXT), 'ZIMMERMAN') > 0") == 0);
}

TEST_CASE("a reader that dies mid-document: the document is read again, and failed after repeated deaths", "[system]")
{
    TestSystem s;
    auto registered = s.app->registration().registerApplicant(TestSystem::form(), "web");
    auto record = *s.app->intake().caseForUploadToken(registered.uploadToken);
    s.app->intake().takeIn(record, {IncomingFile{"a.pdf", "bank_statement", proofdesk::test::smallPdf("a")}}, "upload",
                           Actor{"applicant", "applicant"});
    SqliteCaseStore& store = s.app->store();
    // Claimed, then the process died: still "reading", and not claimable until the lease runs out.
    Instant now = s.clock.now();
    auto claimed = store.claimDocumentToRead(now, now - std::chrono::minutes(10), 3);
    REQUIRE(claimed);
    CHECK_FALSE(store.claimDocumentToRead(now, now - std::chrono::minutes(10), 3));
    for (int death = 2; death <= 3; ++death)
    {
        s.clock.advance(std::chrono::minutes(11));
        now = s.clock.now();
        auto again = store.claimDocumentToRead(now, now - std::chrono::minutes(10), 3);
        REQUIRE(again);
        CHECK(again->first.readAttempts == death);
    }
    s.clock.advance(std::chrono::minutes(11));
    now = s.clock.now();
    CHECK(store.failAbandonedReads(now - std::chrono::minutes(10), 3) == 1);
    CHECK_FALSE(store.claimDocumentToRead(now, now - std::chrono::minutes(10), 3));
    auto document = store.documents(record.id).front();
    CHECK(document.readState == "failed");
    CHECK(document.readError.find("3 times") != std::string::npos);
}
