#include "proofdesk/domain/MailClassifier.h"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

using namespace proofdesk;

namespace
{

InboundMail ordinaryMail()
{
    InboundMail m;
    m.messageId = "abc.123@mail.example.org";
    m.fromAddress = "applicant.one@example.org";
    m.toAddress = "helpdesk@proofdesk.example";
    m.subject = "My documents PD-7K3M-Q9XD";
    m.topContentType = "multipart/mixed";
    m.returnPath = "<applicant.one@example.org>";
    return m;
}

struct Row
{
    const char* name;
    std::function<void(InboundMail&)> change;
    const char* reasonPart; // nullptr: may be answered
};

const std::vector<std::string> own = {"helpdesk@proofdesk.example", "Proof Desk <NoReply@Proofdesk.Example>"};

} // namespace

TEST_CASE("automaticMailReason tells automatic mail from mail a person sent", "[domain][mail][classifier]")
{
    const std::vector<Row> rows = {
        {"an ordinary message", [](InboundMail&) {}, nullptr},
        {"Auto-Submitted: no", [](InboundMail& m) { m.autoSubmitted = "no"; }, nullptr},
        {"Auto-Submitted: auto-replied", [](InboundMail& m) { m.autoSubmitted = "auto-replied"; },
         "Auto-Submitted: auto-replied"},
        {"Auto-Submitted: auto-generated", [](InboundMail& m) { m.autoSubmitted = "auto-generated"; },
         "Auto-Submitted: auto-generated"},
        {"Auto-Submitted with parameters and a comment",
         [](InboundMail& m) { m.autoSubmitted = "Auto-Notified; owner-email=\"x@example.org\" (c)"; },
         "Auto-Submitted: auto-notified"},
        {"Auto-Submitted: no with a comment", [](InboundMail& m) { m.autoSubmitted = "no (a person)"; }, nullptr},
        {"Precedence: bulk", [](InboundMail& m) { m.precedence = "bulk"; }, "Precedence: bulk"},
        {"Precedence: junk", [](InboundMail& m) { m.precedence = "junk"; }, "Precedence: junk"},
        {"Precedence: list", [](InboundMail& m) { m.precedence = "List"; }, "Precedence: list"},
        {"Precedence: first-class is a person", [](InboundMail& m) { m.precedence = "first-class"; }, nullptr},
        {"List-Id", [](InboundMail& m) { m.listHeaders = {"List-Id"}; }, "mailing list message (List-Id)"},
        {"List-Unsubscribe", [](InboundMail& m) { m.listHeaders = {"List-Unsubscribe", "List-Post"}; },
         "List-Unsubscribe"},
        {"a DSN", [](InboundMail& m) {
             m.topContentType = "multipart/report";
             m.reportType = "delivery-status";
         },
         "delivery status notification"},
        {"a read receipt (MDN)", [](InboundMail& m) {
             m.topContentType = "multipart/report";
             m.reportType = "disposition-notification";
         },
         "report-type=disposition-notification"},
        {"Return-Path <>", [](InboundMail& m) { m.returnPath = "<>"; }, "null Return-Path"},
        {"Return-Path < > with blanks", [](InboundMail& m) { m.returnPath = " < > "; }, "null Return-Path"},
        {"no From address", [](InboundMail& m) { m.fromAddress = ""; }, "no usable sender address"},
        {"mailer-daemon", [](InboundMail& m) { m.fromAddress = "MAILER-DAEMON@mx.example.net"; },
         "mailer-daemon"},
        {"postmaster", [](InboundMail& m) { m.fromAddress = "postmaster@example.net"; }, "postmaster"},
        {"our own address", [](InboundMail& m) { m.fromAddress = "helpdesk@proofdesk.example"; },
         "our own address"},
        {"our own address in another case and from a Name <addr> entry",
         [](InboundMail& m) { m.fromAddress = "noreply@proofdesk.example"; }, "our own address"},
        {"a look-alike of our address is a person", [](InboundMail& m) { m.fromAddress = "helpdesk@proofdesk.example.net"; },
         nullptr},
        {"X-Autoreply: yes", [](InboundMail& m) { m.autoReplyHeaders = {"X-Autoreply: yes"}; }, "X-Autoreply"},
        {"X-Autorespond", [](InboundMail& m) { m.autoReplyHeaders = {"X-Autorespond: vacation"}; },
         "X-Autorespond"},
        {"X-Autoreply: no", [](InboundMail& m) { m.autoReplyHeaders = {"X-Autoreply: no"}; }, nullptr},
        {"X-Auto-Response-Suppress: All",
         [](InboundMail& m) { m.autoReplyHeaders = {"X-Auto-Response-Suppress: all"}; }, "X-Auto-Response-Suppress"},
        {"X-Auto-Response-Suppress: DR only",
         [](InboundMail& m) { m.autoReplyHeaders = {"X-Auto-Response-Suppress: dr"}; }, nullptr},
        {"X-Loop with our address", [](InboundMail& m) { m.autoReplyHeaders = {"X-Loop: helpdesk@proofdesk.example"}; },
         "X-Loop"},
        {"X-Loop of some list", [](InboundMail& m) { m.autoReplyHeaders = {"X-Loop: list@example.net"}; }, nullptr},
        {"Auto-Submitted wins over the rest", [](InboundMail& m) {
             m.autoSubmitted = "auto-replied";
             m.precedence = "bulk";
         },
         "Auto-Submitted"},
    };
    for (const auto& row : rows)
    {
        INFO(row.name);
        InboundMail m = ordinaryMail();
        row.change(m);
        auto reason = automaticMailReason(m, own);
        if (row.reasonPart == nullptr)
        {
            CHECK_FALSE(reason.has_value());
            if (reason)
                INFO(*reason);
        }
        else
        {
            REQUIRE(reason.has_value());
            CHECK_THAT(*reason, Catch::Contains(row.reasonPart));
        }
    }
}

TEST_CASE("automaticMailReason without own addresses still knows robots", "[domain][mail][classifier]")
{
    InboundMail m = ordinaryMail();
    CHECK_FALSE(automaticMailReason(m, {}).has_value());
    m.fromAddress = "helpdesk@proofdesk.example";
    CHECK_FALSE(automaticMailReason(m, {}).has_value());
    CHECK_FALSE(automaticMailReason(m, {"", "  "}).has_value());
    m.precedence = "bulk";
    CHECK(automaticMailReason(m, {}).has_value());
}
