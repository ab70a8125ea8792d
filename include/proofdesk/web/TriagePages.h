#pragma once

#include "proofdesk/web/WebSupport.h"

namespace proofdesk
{

/// The triage queue under /review/triage: incoming messages that matched no case, each with its sender,
/// subject, attachments and the receiving MTA's SPF/DKIM/DMARC verdicts; a reviewer attaches one to a case
/// by reference or discards it with a reason. Every route requires a reviewer session; every POST its CSRF
/// token; everything shown from a message is untrusted and auto-escaped.
class TriagePages
{
public:
    explicit TriagePages(WebSupport& web) : _web(web) {}

    void addRoutes(Router& router);

private:
    void list(WebExchange& ex, const ReviewerSession& who);
    void messagePage(WebExchange& ex, const ReviewerSession& who);
    void attach(WebExchange& ex, const ReviewerSession& who);
    void discard(WebExchange& ex, const ReviewerSession& who);

    TemplateData base(const ReviewerSession& who);

    WebSupport& _web;
};

/// Fills a template section with one message's sender, subject, verdicts, attachments and body (shared by
/// the triage pages and the case page).
void fillInboundMessage(TemplateData& item, const InboundView& message, bool withBody);

} // namespace proofdesk
