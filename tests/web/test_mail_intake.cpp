// Incoming mail through the whole system (real SQLite, real MIME parser, real templates and workflow) on a
// manual clock: take, process, match, documents, receipts, replies, triage.
#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/app/CachingDocumentReader.h"
#include "proofdesk/app/ExtractionWorker.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include "support/MailBuilder.h"
#include "support/SyntheticFiles.h"
#include "support/TestSystem.h"

#include <filesystem>
#include <set>

using namespace proofdesk;
using proofdesk::test::MailBuilder;
using proofdesk::test::MailFile;
using proofdesk::test::TestSystem;

namespace
{

std::int64_t count(Proofdesk& app, const std::string& sql)
{
    return app.database().connect()->scalar(sql, {});
}

std::vector<MailFile> threePdfs(const std::string& marker)
{
    return {MailFile{"license.pdf", "application/pdf", proofdesk::test::smallPdf(marker + "id")},
            MailFile{"bank.pdf", "application/pdf", proofdesk::test::smallPdf(marker + "bank")},
            MailFile{"power bill.pdf", "application/pdf", proofdesk::test::smallPdf(marker + "power")}};
}

struct Registered
{
    std::string reference;
    std::int64_t caseId = 0;
};

Registered registerOne(TestSystem& s, int n)
{
    RegistrationOutcome outcome = s.app->registration().registerApplicant(TestSystem::form(n), "web");
    REQUIRE(outcome.errors.empty());
    return {outcome.reference, outcome.caseId};
}

// The mails written to the outbox folder since the last call (file names are not in time order).
std::vector<std::string> newMails(TestSystem& s, std::set<std::string>& seen)
{
    s.app->outbox().drainOnce();
    std::vector<std::string> fresh;
    for (const std::string& file : s.outboxFiles())
    {
        if (seen.insert(file).second)
            fresh.push_back(readWholeFile(file));
    }
    return fresh;
}

int withSubject(const std::vector<std::string>& mails, const std::string& subject)
{
    int n = 0;
    for (const std::string& mail : mails)
        n += mail.find("Subject: " + subject) != std::string::npos ? 1 : 0;
    return n;
}

// A MailStore that dies right before committing the outcome of processing, as a killed process would.
class DyingMailStore : public MailStore
{
public:
    explicit DyingMailStore(MailStore& real) : _real(real) {}
    std::optional<std::int64_t> insert(const NewInbound& m) override { return _real.insert(m); }
    std::optional<InboundRecord> claimNext(Instant now, Instant stale, int max) override
    {
        return _real.claimNext(now, stale, max);
    }
    int triageAbandoned(Instant stale, int max, Instant now) override { return _real.triageAbandoned(stale, max, now); }
    void releaseAfterFailure(std::int64_t id, const std::string& e, bool g, Instant now) override
    {
        _real.releaseAfterFailure(id, e, g, now);
    }
    bool update(const InboundUpdate&, bool&) override
    {
        throw Error(ErrorCode::Unavailable, "database: the process died here");
    }
    std::optional<InboundRecord> find(std::int64_t id) override { return _real.find(id); }
    std::vector<InboundRecord> inState(const std::string& s, int l, int o) override { return _real.inState(s, l, o); }
    int countInState(const std::string& s) override { return _real.countInState(s); }
    std::vector<InboundRecord> forCase(std::int64_t id) override { return _real.forCase(id); }
    std::vector<std::pair<std::int64_t, std::string>> casesWithEmailHash(const std::string& h) override
    {
        return _real.casesWithEmailHash(h);
    }
    int repliesSince(std::optional<std::int64_t> c, const std::string& s, const std::string& k, Instant t) override
    {
        return _real.repliesSince(c, s, k, t);
    }

private:
    MailStore& _real;
};

// A document reader that finds what it is told on every file (a fax cover page), without OCR.
class CoverPageReader : public DocumentReader
{
public:
    std::vector<std::string> references;
    int reads = 0;
    Extraction read(std::string_view) override
    {
        ++reads;
        Extraction extraction;
        extraction.caseReferences = references;
        return extraction;
    }
};

std::unique_ptr<MailIntakeService> serviceOn(Proofdesk& app, MailStore& store, DocumentReader& reader)
{
    return std::make_unique<MailIntakeService>(store, app.store(), app.cases(), app.intake(), app.notifier(),
                                               app.mailParser(), reader, app.vault(), app.clock(), app.appSettings(),
                                               app.mailSettings());
}

} // namespace

TEST_CASE("mail: three attachments quoting the reference become one case's three documents and one receipt",
          "[mail][system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    Registered c = registerOne(s, 1);
    std::set<std::string> seen;
    newMails(s, seen);  // the instructions

    MailBuilder mail;
    mail.from = "Helper <someone.else@example.net>";
    mail.subject = "My documents, case " + c.reference.substr(0, 7) + " " + c.reference.substr(7);  // spaced
    mail.files = threePdfs("a");
    mail.extraHeaders = {"Authentication-Results: mx.proofdesk.example; spf=pass smtp.mailfrom=example.net; "
                         "dkim=pass header.d=example.net; dmarc=pass header.from=example.net"};
    std::string raw = mail.build();
    CHECK(app.mailIntake().take(raw, "mailgate") == TakeOutcome::Taken);
    // Taken means stored and sealed, nothing else yet.
    CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail WHERE state = 'stored'") == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM documents") == 0);
    CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail WHERE instr(CAST(sealed_raw AS TEXT), 'someone.else') > 0") == 0);

    CHECK(app.mailIntake().processPending() == 1);
    std::vector<DocumentRecord> documents = app.store().documents(c.caseId);
    REQUIRE(documents.size() == 3);
    for (const DocumentRecord& d : documents)
        CHECK(d.channel == "email");
    CHECK(documents[2].displayName == "power bill.pdf");
    CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail WHERE state = 'processed' AND case_id = " +
                         std::to_string(c.caseId) + " AND wrapped_key IS NULL AND auth_summary = "
                                                    "'spf=pass dkim=pass dmarc=pass'") == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM audit WHERE action = 'mail.received' AND actor = 'mail'") == 1);

    std::vector<std::string> mails = newMails(s, seen);
    REQUIRE(mails.size() == 1);
    CHECK(withSubject(mails, "We received your documents") == 1);
    CHECK(mails[0].find("Still missing") != std::string::npos);
    CHECK(mails[0].find("SSN") != std::string::npos);  // the last four are still missing

    // The reviewer sees the message on the case, with its verdicts and text, opened with the case key.
    std::optional<CaseRecord> record = app.store().findById(c.caseId);
    std::vector<InboundView> messages = app.mailIntake().messagesForCase(*record);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].fromAddress == "someone.else@example.net");
    CHECK(messages[0].verdicts.dkim == "pass");
    CHECK(messages[0].attachments.size() == 3);
    CHECK(messages[0].bodyText.find("documents are attached") != std::string::npos);
    CHECK(messages[0].note.find("matched by reference") != std::string::npos);

    SECTION("the same message again is recognised and changes nothing")
    {
        CHECK(app.mailIntake().take(raw, "pop3") == TakeOutcome::AlreadyTaken);
        CHECK(app.mailIntake().processPending() == 0);
        CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail") == 1);
        CHECK(app.store().documents(c.caseId).size() == 3);
        CHECK(newMails(s, seen).empty());
    }
    SECTION("the same Message-ID with other bytes is a new arrival, noted, and attaches nothing twice")
    {
        MailBuilder copy = mail;
        copy.extraHeaders.push_back("Received: from relay.example.net by mx.proofdesk.example");
        CHECK(app.mailIntake().take(copy.build(), "pop3") == TakeOutcome::Taken);
        CHECK(app.mailIntake().processPending() == 1);
        CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail") == 2);
        CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail WHERE note LIKE '%same Message-ID as message%'") == 1);
        CHECK(app.store().documents(c.caseId).size() == 3);
        CHECK(newMails(s, seen).empty());  // no second receipt, and no "no attachment" reply either
    }
}

TEST_CASE("mail: matched by the sender's registration address; several open cases go to triage", "[mail][system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    Registered c = registerOne(s, 2);  // marisol2@example.org
    MailBuilder mail;
    mail.from = "Marisol <Marisol2@EXAMPLE.org>";  // the domain in other case; the local part as registered
    mail.subject = "documents";
    mail.files = {MailFile{"scan.pdf", "application/pdf", proofdesk::test::smallPdf("sender")}};
    REQUIRE(app.mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);
    CHECK(app.mailIntake().processPending() == 1);
    CHECK(app.store().documents(c.caseId).size() == 1);
    CHECK(app.mailIntake().messagesForCase(*app.store().findById(c.caseId)).at(0).note.find("matched by sender") !=
          std::string::npos);

    // The same address registered twice (two open cases): no guessing.
    RegistrationForm again = TestSystem::form(3);
    again.profile.email = "marisol2@example.org";
    REQUIRE(app.registration().registerApplicant(again, "web").errors.empty());
    mail.messageId = "m2@example.net";
    mail.files = {MailFile{"scan2.pdf", "application/pdf", proofdesk::test::smallPdf("sender2")}};
    REQUIRE(app.mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);
    CHECK(app.mailIntake().processPending() == 1);
    CHECK(app.mailIntake().triageCount() == 1);
    CHECK(app.mailIntake().triage(10, 0).at(0).note.find("2 open cases") != std::string::npos);
    CHECK(app.store().documents(c.caseId).size() == 1);
}

TEST_CASE("mail: not a message is refused before anything is written; too large is refused", "[mail][system]")
{
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.mail.max_message_mb", "1"}});
    Proofdesk& app = *s.app;
    CHECK(app.mailIntake().take("", "mailgate") == TakeOutcome::NotAMessage);
    CHECK(app.mailIntake().take(std::string("\x89PNG\r\n\x1a\n", 8), "mailgate") == TakeOutcome::NotAMessage);
    CHECK(app.mailIntake().take("just some words\r\n\r\nand more", "mailgate") == TakeOutcome::NotAMessage);
    CHECK(app.mailIntake().take(": no name\r\n\r\nbody", "mailgate") == TakeOutcome::NotAMessage);
    CHECK_THROWS_AS(app.mailIntake().take("Subject: big\r\n\r\n" + std::string(1024 * 1024 + 1, 'x'), "pop3"),
                    Error);
    CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail") == 0);
    // Headers only, no body at all, is still a message.
    CHECK(app.mailIntake().take("Subject: hello\r\n", "mailgate") == TakeOutcome::Taken);
    CHECK(app.mailIntake().processPending() == 1);
    // Without a From address it cannot be answered or matched by sender: kept as automatic mail.
    CHECK(app.mailIntake().countInState("automatic") == 1);
    CHECK(app.mailStore().inState("automatic", 1, 0).at(0).note.find("sender") != std::string::npos);
}

TEST_CASE("mail: a crash between take and process loses nothing and doubles nothing", "[mail][system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    Registered c = registerOne(s, 1);
    MailBuilder mail;
    mail.subject = "Case " + c.reference;
    mail.files = threePdfs("crash");
    REQUIRE(app.mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);

    // The process that took it died: a new service (a restarted process) finds it and processes it once.
    {
        SqliteMailStore store(app.database());
        auto restarted = serviceOn(app, store, app.reader());
        CHECK(restarted->processPending() == 1);
        CHECK(restarted->processPending() == 0);
    }
    CHECK(app.mailIntake().processPending() == 0);
    CHECK(app.store().documents(c.caseId).size() == 3);
    CHECK(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'receipt'") == 1);
}

TEST_CASE("mail: processing that died after attaching the documents converges without doubles", "[mail][system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    Registered c = registerOne(s, 1);
    MailBuilder mail;
    mail.subject = "Case " + c.reference;
    mail.files = threePdfs("half");
    REQUIRE(app.mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);

    SqliteMailStore real(app.database());
    DyingMailStore dying(real);
    auto doomed = serviceOn(app, dying, app.reader());
    CHECK_THROWS_AS(doomed->processPending(), Error);
    // The documents went in, the message is still stored and claimed by the dead processor.
    CHECK(app.store().documents(c.caseId).size() == 3);
    CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail WHERE state = 'stored' AND processing_started_at > 0") == 1);
    CHECK(app.mailIntake().processPending() == 0);  // the claim is still fresh

    s.clock.advance(app.mailSettings().processingTimeout + std::chrono::seconds(1));
    CHECK(app.mailIntake().processPending() == 1);
    CHECK(app.store().documents(c.caseId).size() == 3);
    CHECK(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'receipt'") == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'no_attachment'") == 0);
    CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail WHERE state = 'processed' AND attempts = 2") == 1);
}

TEST_CASE("mail: unmatched mail waits in triage; a reviewer attaches it or discards it with a reason, audited",
          "[mail][system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    Registered c = registerOne(s, 1);
    MailBuilder mail;
    mail.from = "stranger@example.com";
    mail.subject = "hello";
    mail.files = {MailFile{"id.pdf", "application/pdf", proofdesk::test::smallPdf("triage")}};
    REQUIRE(app.mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);
    MailBuilder junk;
    junk.from = "other@example.com";
    junk.messageId = "junk@example.com";
    junk.subject = "cheap watches";
    REQUIRE(app.mailIntake().take(junk.build(), "pop3") == TakeOutcome::Taken);
    CHECK(app.mailIntake().processPending() == 2);
    CHECK(app.mailIntake().triageCount() == 2);
    CHECK(app.store().documents(c.caseId).empty());
    CHECK(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'no_attachment'") == 0);  // no case: no reply

    std::vector<InboundView> waiting = app.mailIntake().triage(10, 0);
    REQUIRE(waiting.size() == 2);
    const InboundView& hello = waiting[1].subject == "hello" ? waiting[1] : waiting[0];
    const InboundView& watches = waiting[1].subject == "hello" ? waiting[0] : waiting[1];
    CHECK(hello.attachments.at(0).filename == "id.pdf");
    Actor alice{"alice", "reviewer"};

    CHECK_THROWS_AS(app.mailIntake().attachToCase(alice, hello.id, "not a reference"), Error);
    CHECK_THROWS_AS(app.mailIntake().attachToCase(alice, 9999, c.reference), Error);
    IntakeOutcome attached = app.mailIntake().attachToCase(alice, hello.id, c.reference);
    REQUIRE(attached.files.size() == 1);
    CHECK(attached.files[0].stored);
    CHECK(app.store().documents(c.caseId).size() == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM audit WHERE action = 'mail.attached' AND actor = 'alice' AND case_id = " +
                         std::to_string(c.caseId)) == 1);
    try
    {
        app.mailIntake().attachToCase(alice, hello.id, c.reference);
        FAIL("attached twice");
    }
    catch (const Error& e)
    {
        CHECK(e.code() == ErrorCode::Conflict);
    }

    auto refusedWith = [&](const std::string& code, const std::string& note) {
        try
        {
            app.mailIntake().discard(alice, watches.id, code, note);
            return std::string("accepted");
        }
        catch (const Error& e)
        {
            return std::string(e.what());
        }
    };
    CHECK(refusedWith("", "").find("Choose a reason") != std::string::npos);
    CHECK(refusedWith("because", "").find("Choose a reason") != std::string::npos);
    CHECK(refusedWith("other", "   ").find("Explain") != std::string::npos);
    CHECK(refusedWith("spam", "watches again") == "accepted");
    CHECK(app.mailIntake().triageCount() == 0);
    CHECK(count(app, "SELECT COUNT(*) FROM audit WHERE action = 'mail.discarded' AND actor = 'alice' AND detail LIKE "
                     "'%spam'") == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM inbound_mail WHERE state = 'discarded' AND sealed_discard_note IS NOT NULL") ==
          1);
    CHECK(refusedWith("spam", "") .find("no longer waiting") != std::string::npos);
}

TEST_CASE("mail: a loop of auto-replies is never answered", "[mail][system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    Registered c = registerOne(s, 1);
    std::int64_t before = count(app, "SELECT COUNT(*) FROM outbox");
    for (int i = 0; i < 10; ++i)
    {
        MailBuilder reply;
        reply.from = "marisol1@example.org";  // even from the applicant's own address
        reply.subject = "Out of office: " + c.reference;
        reply.messageId = "ooo" + std::to_string(i) + "@example.org";
        reply.extraHeaders = {"Auto-Submitted: auto-replied"};
        REQUIRE(app.mailIntake().take(reply.build(), "pop3") == TakeOutcome::Taken);
        s.clock.advance(std::chrono::hours(1));
    }
    // Our own notifications bouncing back, and a mailing list, too.
    MailBuilder own;
    own.from = "helpdesk@proofdesk.example";
    own.messageId = "own@proofdesk.example";
    own.subject = "Re: " + c.reference;
    REQUIRE(app.mailIntake().take(own.build(), "pop3") == TakeOutcome::Taken);
    MailBuilder bulk;
    bulk.messageId = "bulk@example.org";
    bulk.subject = c.reference;
    bulk.extraHeaders = {"Precedence: bulk"};
    REQUIRE(app.mailIntake().take(bulk.build(), "pop3") == TakeOutcome::Taken);

    CHECK(app.mailIntake().processPending(50) == 12);
    CHECK(app.mailIntake().countInState("automatic") == 12);
    CHECK(count(app, "SELECT COUNT(*) FROM outbox") == before);
    CHECK(count(app, "SELECT COUNT(*) FROM mail_replies") == 0);
}

TEST_CASE("mail: no usable attachment gets one polite reply per case per day, threaded and marked automatic",
          "[mail][system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    Registered c = registerOne(s, 1);
    std::set<std::string> seen;
    newMails(s, seen);
    auto send = [&](const std::string& id, std::vector<MailFile> files = {}) {
        MailBuilder mail;
        mail.from = "marisol1@example.org";
        mail.subject = "question about " + c.reference;
        mail.messageId = id;
        mail.files = std::move(files);
        REQUIRE(app.mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);
        REQUIRE(app.mailIntake().processPending() == 1);
    };
    send("q1@example.org");
    std::vector<std::string> mails = newMails(s, seen);
    REQUIRE(mails.size() == 1);
    CHECK(withSubject(mails, "We found no documents in your email") == 1);
    CHECK(mails[0].find("In-Reply-To: <q1@example.org>") != std::string::npos);
    CHECK(mails[0].find("Auto-Submitted: auto-replied") != std::string::npos);
    CHECK(mails[0].find("To: ") != std::string::npos);

    // The same day: a second text-only mail, and one whose only file is not a document (refused by type).
    s.clock.advance(std::chrono::hours(3));
    send("q2@example.org");
    send("q3@example.org", {MailFile{"notes.txt", "text/plain", "just text, not a scan"}});
    CHECK(newMails(s, seen).empty());
    CHECK(count(app, "SELECT COUNT(*) FROM mail_replies") == 1);

    // The next day, one more.
    s.clock.advance(std::chrono::hours(24));
    send("q4@example.org");
    CHECK(withSubject(newMails(s, seen), "We found no documents in your email") == 1);
    CHECK(count(app, "SELECT COUNT(*) FROM mail_replies") == 2);
}

TEST_CASE("mail: the per-sender limit is the last guard against loops", "[mail][system]")
{
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.mail.replies_per_sender_per_day", "2"}});
    Proofdesk& app = *s.app;
    std::vector<Registered> cases;
    for (int n = 1; n <= 4; ++n)
        cases.push_back(registerOne(s, n));
    // One robot that does not say it is one writes about four cases in a day.
    for (int i = 0; i < 4; ++i)
    {
        MailBuilder mail;
        mail.from = "robot@example.net";
        mail.messageId = "robot" + std::to_string(i) + "@example.net";
        mail.subject = "status " + cases[static_cast<std::size_t>(i)].reference;
        REQUIRE(app.mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);
    }
    CHECK(app.mailIntake().processPending() == 4);
    CHECK(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'no_attachment'") == 2);
}

TEST_CASE("mail: a fax gateway's mail is matched by the reference on its cover page", "[mail][system]")
{
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.mail.fax_gateways", "Fax@Gateway.example, other@gateway.example"}});
    Proofdesk& app = *s.app;
    Registered c = registerOne(s, 1);
    std::string cover = proofdesk::test::textPdf(
        {{{72, 700, 24, "FAX COVER SHEET"}, {72, 650, 14, "To: Identity Proofing Help Desk"},
          {72, 620, 14, "Case reference: " + c.reference}, {72, 590, 14, "Pages: 2"}},
         {{72, 700, 14, "Statement page"}}});
    auto faxMail = [&](const std::string& id) {
        MailBuilder mail;
        mail.from = "Fax Service <fax@gateway.example>";
        mail.subject = "Fax from 555-0100";
        mail.messageId = id;
        mail.body = "You have received a 2 page fax.";
        mail.extraHeaders = {"Auto-Submitted: auto-generated"};  // gateways often say so
        mail.files = {MailFile{"fax.pdf", "application/pdf", cover}};
        return mail.build();
    };

    SECTION("with the real reader (text layer)")
    {
        REQUIRE(app.mailIntake().take(faxMail("fax1@gateway.example"), "pop3") == TakeOutcome::Taken);
        CHECK(app.mailIntake().processPending() == 1);
        std::vector<DocumentRecord> documents = app.store().documents(c.caseId);
        REQUIRE(documents.size() == 1);
        CHECK(documents[0].channel == "fax");
        CHECK(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'no_attachment'") == 0);
    }
    SECTION("an unreadable cover page goes to triage, never answered")
    {
        SqliteMailStore store(app.database());
        CoverPageReader reader;
        auto service = serviceOn(app, store, reader);
        REQUIRE(service->take(faxMail("fax2@gateway.example"), "pop3") == TakeOutcome::Taken);
        CHECK(service->processPending() == 1);
        CHECK(reader.reads == 1);
        CHECK(service->triageCount() == 1);
        CHECK(service->triage(1, 0).at(0).note.find("cover page") != std::string::npos);

        reader.references = {"PD-0000-0000", c.reference};  // the first names no case
        REQUIRE(service->take(faxMail("fax3@gateway.example"), "pop3") == TakeOutcome::Taken);
        CHECK(service->processPending() == 1);
        CHECK(app.store().documents(c.caseId).size() == 1);
        CHECK(count(app, "SELECT COUNT(*) FROM outbox WHERE kind = 'no_attachment'") == 0);
    }
}

TEST_CASE("mail: a purged case's messages can no longer be read", "[mail][system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    Registered c = registerOne(s, 1);
    MailBuilder mail;
    mail.subject = c.reference;
    mail.files = {MailFile{"a.pdf", "application/pdf", proofdesk::test::smallPdf("purge")}};
    REQUIRE(app.mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);
    REQUIRE(app.mailIntake().processPending() == 1);
    app.cases().purge(c.caseId, app.documentStore(), Actor{"operator", "system"});
    std::vector<InboundView> messages = app.mailIntake().messagesForCase(*app.store().findById(c.caseId));
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].subject.empty());
    CHECK(messages[0].note.find("purged") != std::string::npos);
}

TEST_CASE("mail: mail quoting a closed case goes to triage", "[mail][system]")
{
    TestSystem s;
    Proofdesk& app = *s.app;
    MailBuilder mail;
    mail.files = {MailFile{"a.pdf", "application/pdf", proofdesk::test::smallPdf("closed")}};
    Registered d = registerOne(s, 2);
    s.clock.advance(std::chrono::hours(24 * 31));
    app.cases().runDueTimers();
    REQUIRE(app.store().findById(d.caseId)->state == "expired");
    mail.subject = d.reference;
    mail.messageId = "late@example.net";
    REQUIRE(app.mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);
    CHECK(app.mailIntake().processPending() == 1);
    CHECK(app.store().documents(d.caseId).empty());
    CHECK(app.mailIntake().triage(1, 0).at(0).note.find("is closed") != std::string::npos);
}

TEST_CASE("mail: an emailed set is read on arrival, so the receipt lists what is really missing and the case is "
          "ready for review; documents of unknown kind count once read", "[mail][system]")
{
    TestSystem s(std::map<std::string, std::string>{{"proofdesk.extraction.workers", "1"}});
    RegistrationOutcome registered = s.app->registration().registerApplicant(TestSystem::form(1, true), "web");
    REQUIRE(registered.errors.empty());
    std::set<std::string> seen;
    newMails(s, seen);  // the instructions
    const auto statementPdf = [](const std::string& issuer, const std::string& kindLine) {
        return proofdesk::test::textPdf({{{72, 720, 18, issuer},
                                          {72, 700, 12, kindLine},
                                          {72, 600, 10, "MARISOL QUINTERO-HALE"},
                                          {72, 588, 10, "418 LARKSPUR AVE APT 3B"},
                                          {72, 576, 10, "DAYTON OH 45402"},
                                          {400, 600, 10, "Statement Date: 01/04/2027"},
                                          {72, 500, 12, "Account summary"},
                                          {72, 488, 10, "Ending balance $1,388.52"}}});
    };
    const std::string back =
        readWholeFile(std::string(PROOFDESK_SOURCE_DIR) + "/samples/documents/dl-clean-001-back.png");
    const std::string bank = statementPdf("First Prairie Credit Union", "Account Statement");
    const std::string power = statementPdf("Dayton Power and Light", "Electric Bill");

    SECTION("by email: read on arrival")
    {
        MailBuilder mail;
        mail.subject = "Case " + registered.reference;
        mail.messageId = "emailed-set@example.net";
        mail.files = {MailFile{"back.png", "image/png", back}, MailFile{"bank.pdf", "application/pdf", bank},
                      MailFile{"power.pdf", "application/pdf", power}};
        REQUIRE(s.app->mailIntake().take(mail.build(), "pop3") == TakeOutcome::Taken);
        s.app->mailIntake().processPending();
        REQUIRE(s.app->store().documents(registered.caseId).size() == 3);
        CHECK(s.app->store().findById(registered.caseId)->state == "ready_for_review");
        std::vector<std::string> mails = newMails(s, seen);
        REQUIRE(withSubject(mails, "We received your documents for case " + registered.reference) == 1);
        for (const std::string& m : mails)
        {
            CHECK(m.find("1 STRONG + 2 FAIR: met") != std::string::npos);
            CHECK(m.find("Still missing") == std::string::npos);
        }
        // The worker finds the readings done (the reader remembers them) and records them.
        ExtractionWorker& worker = s.app->extraction();
        for (int i = 0; i < 3; ++i)
            CHECK(worker.readOne());
        CHECK_FALSE(worker.readOne());
        CHECK(s.app->store().countReadState("read") == 3);
        auto* caching = dynamic_cast<CachingDocumentReader*>(&s.app->reader());
        REQUIRE(caching != nullptr);
        CHECK(caching->hits() == 3);
    }
    SECTION("taken in with no kind declared: ready for review once read")
    {
        s.app->intake().takeIn(*s.app->store().findById(registered.caseId),
                               {IncomingFile{"back.png", "unknown", back}, IncomingFile{"bank.pdf", "unknown", bank},
                                IncomingFile{"power.pdf", "unknown", power}},
                               "postal", Actor{"rita", "reviewer"});
        CHECK(s.app->store().findById(registered.caseId)->state == "awaiting_documents");
        ExtractionWorker& worker = s.app->extraction();
        for (int i = 0; i < 3; ++i)
            CHECK(worker.readOne());
        CHECK_FALSE(worker.readOne());
        auto record = *s.app->store().findById(registered.caseId);
        CHECK(s.app->cases().evidenceStatus(record).summary == "1 STRONG + 2 FAIR: met");
        CHECK(record.state == "ready_for_review");
        std::vector<CaseEvent> events = s.app->store().events(registered.caseId);
        REQUIRE_FALSE(events.empty());
        CHECK(events.back().event == "documents_read");
        CHECK(events.back().actor == "system");
    }
}
