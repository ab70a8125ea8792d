#include "proofdesk/web/TriagePages.h"

#include "proofdesk/domain/CaseReference.h"
#include "proofdesk/domain/Error.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

namespace proofdesk
{

namespace
{

std::string queryValue(const Poco::Net::HTTPServerRequest& request, const std::string& name)
{
    Poco::URI uri(request.getURI());
    for (const auto& [key, value] : uri.getQueryParameters())
    {
        if (key == name)
            return value;
    }
    return {};
}

std::int64_t messageIdOf(WebExchange& ex)
{
    Poco::Int64 id = 0;
    if (!Poco::NumberParser::tryParse64(ex.params["id"], id) || id <= 0)
        throw Error(ErrorCode::NotFound, "no such message");
    return id;
}

std::string verdictOrDash(const std::string& verdict)
{
    return verdict.empty() ? "none reported" : verdict;
}

std::string sizeText(std::size_t bytes)
{
    if (bytes >= 1024 * 1024)
        return std::to_string(bytes / (1024 * 1024)) + " MB";
    if (bytes >= 1024)
        return std::to_string(bytes / 1024) + " KB";
    return std::to_string(bytes) + " bytes";
}

} // namespace

void fillInboundMessage(TemplateData& item, const InboundView& m, bool withBody)
{
    item.set("ID", std::to_string(m.id))
        .set("RECEIVED", WebSupport::isoDateTime(m.receivedAt))
        .set("CHANNEL", m.channel)
        .set("FROM", m.fromAddress.empty() ? "(no sender)" : m.fromAddress)
        .set("FROM_NAME", m.fromName)
        .set("SUBJECT", m.subject.empty() ? "(no subject)" : m.subject)
        .set("DATE", m.date)
        .set("SPF", verdictOrDash(m.verdicts.spf))
        .set("DKIM", verdictOrDash(m.verdicts.dkim))
        .set("DMARC", verdictOrDash(m.verdicts.dmarc))
        .set("AUTHSERV", m.verdicts.authservId)
        .set("NOTE", m.note)
        .set("ATTACHMENT_COUNT", std::to_string(m.attachments.size()));
    for (const InboundAttachmentInfo& a : m.attachments)
        item.add("ATTACHMENTS")
            .set("NAME", a.filename)
            .set("TYPE", a.contentType)
            .set("SIZE", sizeText(a.size))
            .set("ORIGIN", a.origin);
    if (withBody)
    {
        item.set("BODY", m.bodyText);
        for (const std::string& detail : m.verdicts.details)
            item.add("AUTH_DETAILS").set("TEXT", detail);
        for (const std::string& note : m.parserNotes)
            item.add("PARSER_NOTES").set("TEXT", note);
    }
}

void TriagePages::addRoutes(Router& router)
{
    router.add("GET", "/review/triage", _web.signedIn([this](WebExchange& ex, const ReviewerSession& who) { list(ex, who); }));
    router.add("GET", "/review/triage/{id}",
               _web.signedIn([this](WebExchange& ex, const ReviewerSession& who) { messagePage(ex, who); }));
    router.add("POST", "/review/triage/{id}/attach",
               _web.signedIn([this](WebExchange& ex, const ReviewerSession& who) { attach(ex, who); }));
    router.add("POST", "/review/triage/{id}/discard",
               _web.signedIn([this](WebExchange& ex, const ReviewerSession& who) { discard(ex, who); }));
}

TemplateData TriagePages::base(const ReviewerSession& who)
{
    TemplateData data;
    data.add("LAYOUT_SIGNED_IN").set("REVIEWER", who.reviewer.displayName).set("CSRF", who.csrfToken);
    data.set("CSRF", who.csrfToken);
    return data;
}

void TriagePages::list(WebExchange& ex, const ReviewerSession& who)
{
    MailIntakeService& mail = _web.services().mail;
    int page = 0;
    Poco::NumberParser::tryParse(queryValue(ex.request, "page"), page);
    page = std::max(0, page);
    const int perPage = 50;
    TemplateData data = base(who);
    data.set("TITLE", "Mail triage");
    int total = mail.triageCount();
    data.set("TOTAL", std::to_string(total));
    for (const InboundView& message : mail.triage(perPage, page * perPage))
        fillInboundMessage(data.add("MESSAGES"), message, false);
    data.show("EMPTY", total == 0);
    if (page > 0)
        data.add("PREVIOUS").set("PAGE", std::to_string(page - 1));
    if ((page + 1) * perPage < total)
        data.add("NEXT").set("PAGE", std::to_string(page + 1));
    if (queryValue(ex.request, "done") == "discarded")
        data.add("NOTICE").set("MESSAGE", "The message was discarded.");
    _web.page(ex, "triage", std::move(data));
}

void TriagePages::messagePage(WebExchange& ex, const ReviewerSession& who)
{
    InboundView message =
        _web.services().mail.message(Actor{who.reviewer.userId, who.reviewer.role}, messageIdOf(ex));
    TemplateData data = base(who);
    data.set("TITLE", "Incoming message " + std::to_string(message.id));
    fillInboundMessage(data, message, true);
    data.set("STATE", message.state);
    if (!message.caseReference.empty())
        data.add("CASE").set("REFERENCE", message.caseReference);
    if (message.state == "triage" || message.state == "automatic")
    {
        TemplateData& actions = data.add("ACTIONS");
        for (const auto& [code, label] : discardReasons())
            actions.add("REASONS").set("CODE", code).set("TEXT", label);
    }
    _web.page(ex, "triage_message", std::move(data));
}

void TriagePages::attach(WebExchange& ex, const ReviewerSession& who)
{
    FormData form = _web.readForm(ex, who.csrfToken);
    std::string reference = form.get("reference");
    _web.services().mail.attachToCase(Actor{who.reviewer.userId, who.reviewer.role}, messageIdOf(ex), reference);
    std::optional<std::string> canonical = normalizeCaseReference(reference);
    _web.redirect(ex, "/review/cases/" + (canonical ? *canonical : std::string()) + "?done=attached");
}

void TriagePages::discard(WebExchange& ex, const ReviewerSession& who)
{
    FormData form = _web.readForm(ex, who.csrfToken);
    _web.services().mail.discard(Actor{who.reviewer.userId, who.reviewer.role}, messageIdOf(ex),
                                 form.get("reason_code"), form.get("note"));
    _web.redirect(ex, "/review/triage?done=discarded");
}

} // namespace proofdesk
