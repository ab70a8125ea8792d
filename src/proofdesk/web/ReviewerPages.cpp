#include "proofdesk/web/ReviewerPages.h"

#include "proofdesk/domain/Error.h"
#include "proofdesk/web/TriagePages.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <algorithm>
#include <map>

namespace proofdesk
{

namespace
{

const std::vector<std::pair<std::string, std::string>>& rejectionReasons()
{
    static const std::vector<std::pair<std::string, std::string>> reasons = {
        {"unreadable", "The documents could not be read."},
        {"name_mismatch", "The name on the documents does not match the registration."},
        {"address_mismatch", "The address on the statements does not match the registration."},
        {"id_expired", "The photo ID has expired."},
        {"not_accepted", "The documents are not among the accepted kinds."},
        {"suspected_fraud", "The documents could not be verified as authentic."},
        {"other", "Another reason, explained below."},
    };
    return reasons;
}

std::string queryParameter(const Poco::Net::HTTPServerRequest& request, const std::string& name)
{
    Poco::URI uri(request.getURI());
    for (const auto& [key, value] : uri.getQueryParameters())
    {
        if (key == name)
            return value;
    }
    return {};
}

// Each check in the reviewer's words.
std::string checkLabel(const std::string& id)
{
    static const std::map<std::string, std::string> labels{
        {"name_match", "Name matches the registration"},
        {"address_match", "Address matches the registration"},
        {"dob_match", "Date of birth matches the registration"},
        {"id_unexpired", "ID not expired"},
        {"statement_recent", "Statement is recent"},
        {"issuers_distinct", "Statements from different issuers"},
        {"documents_distinct", "No document sent twice"},
        {"ssn_last4", "SSN last four match"},
        {"barcode_front_agree", "Barcode agrees with the printed front"},
        {"mrz_visual_agree", "MRZ agrees with the visual zone"},
        {"reuse", "Not seen on another case"}};
    const auto found = labels.find(id);
    return found == labels.end() ? id : found->second;
}

std::string actionLabel(const std::string& event)
{
    if (event == "approve")
        return "Approve";
    if (event == "reject")
        return "Reject";
    if (event == "request_info")
        return "Request more information";
    return event;
}

} // namespace

void ReviewerPages::addRoutes(Router& router)
{
    router.add("GET", "/review/signin", [this](WebExchange& ex) { signInForm(ex); });
    router.add("POST", "/review/signin", [this](WebExchange& ex) { signInSubmit(ex); });
    router.add("POST", "/review/signout", [this](WebExchange& ex) { signOut(ex); });
    router.add("GET", "/review", _web.signedIn([this](WebExchange& ex, const ReviewerSession& who) { queue(ex, who); }));
    router.add("GET", "/review/cases/{ref}",
               _web.signedIn([this](WebExchange& ex, const ReviewerSession& who) { casePage(ex, who); }));
    for (const char* action : {"claim", "release", "approve", "reject", "request_info"})
    {
        std::string a = action;
        router.add("POST", "/review/cases/{ref}/" + a,
                   _web.signedIn([this, a](WebExchange& ex, const ReviewerSession& who) { caseAction(ex, who, a); }));
    }
    router.add("GET", "/review/cases/{ref}/documents/{doc}/pages/{page}",
               _web.signedIn([this](WebExchange& ex, const ReviewerSession& who) { documentPage(ex, who); }));
}

TemplateData ReviewerPages::base(const ReviewerSession& who)
{
    TemplateData data;
    TemplateData& signedInAs = data.add("LAYOUT_SIGNED_IN");
    signedInAs.set("REVIEWER", who.reviewer.displayName).set("CSRF", who.csrfToken);
    data.set("CSRF", who.csrfToken);
    return data;
}

void ReviewerPages::signInForm(WebExchange& ex, const std::string& error, int status, const std::string& userId)
{
    TemplateData data;
    data.set("USER_ID", userId);
    data.set("TITLE", "Reviewer sign in");
    data.set("CSRF", _web.visitorCsrf(ex));
    if (!error.empty())
        data.add("ERROR").set("MESSAGE", error);
    _web.page(ex, "signin", std::move(data), status);
}

void ReviewerPages::signInSubmit(WebExchange& ex)
{
    FormData form = _web.readForm(ex, _web.postedVisitorCsrf(ex));
    std::optional<std::string> token = _web.services().review.signIn(form.get("user_id"), form.get("password"));
    if (!token)
    {
        signInForm(ex, "The user ID or password is not correct, or the account is locked.", 401,
                   form.get("user_id").substr(0, 100));
        return;
    }
    _web.setCookie(ex, "pd_session", *token);
    _web.redirect(ex, "/review");
}

void ReviewerPages::signOut(WebExchange& ex)
{
    std::optional<ReviewerSession> who = _web.reviewer(ex);
    if (who)
    {
        _web.readForm(ex, who->csrfToken);
        _web.services().review.signOut(_web.cookie(ex, "pd_session"));
    }
    _web.setCookie(ex, "pd_session", "", 0);
    _web.redirect(ex, "/review/signin");
}

void ReviewerPages::queue(WebExchange& ex, const ReviewerSession& who)
{
    ReviewService& review = _web.services().review;
    const WorkflowDefinition& definition = _web.services().cases.engine().definition();
    int page = 0;
    Poco::NumberParser::tryParse(queryParameter(ex.request, "page"), page);
    page = std::max(0, page);
    const int perPage = 50;
    const bool failingOnly = queryParameter(ex.request, "failing") == "1";
    TemplateData data = base(who);
    data.set("TITLE", "Review queue");
    data.show("FAILING_ONLY", failingOnly);
    data.set("FAILING_VALUE", failingOnly ? "1" : "0");
    int total = review.queueSize(failingOnly);
    data.set("TOTAL", std::to_string(total));
    data.set("TRIAGE_COUNT", std::to_string(_web.services().mail.triageCount()));
    Instant now = _web.services().clock.now();
    for (const QueueRow& row : review.queue(perPage, page * perPage, failingOnly))
    {
        TemplateData& item = data.add("ROWS");
        const StateDef* state = definition.state(row.state);
        item.set("REFERENCE", row.reference)
            .set("STATE", state ? state->label : row.state)
            .set("CHANNEL", row.channel)
            .set("AGE", _web.age(row.stateEnteredAt))
            .set("WAITING_SINCE", WebSupport::isoDateTime(row.stateEnteredAt))
            .set("DOCUMENTS", std::to_string(row.documentCount))
            .set("FAILING", std::to_string(row.failingChecks));
        item.show("HAS_FAILING", row.failingChecks > 0);
        item.show("NO_FAILING", row.failingChecks == 0);
        bool claimed = row.claimedBy && row.claimExpiresAt > now;
        item.set("CLAIMED_BY", claimed ? *row.claimedBy : "");
        item.show("CLAIMED", claimed);
    }
    data.show("EMPTY", data.lists.count("ROWS") == 0);
    if (page > 0)
        data.add("PREVIOUS").set("PAGE", std::to_string(page - 1));
    if ((page + 1) * perPage < total)
        data.add("NEXT").set("PAGE", std::to_string(page + 1));
    _web.page(ex, "queue", std::move(data));
}

void ReviewerPages::casePage(WebExchange& ex, const ReviewerSession& who)
{
    WebServices& s = _web.services();
    CaseView view = s.review.view(who, ex.params["ref"]);
    const WorkflowDefinition& definition = s.cases.engine().definition();
    TemplateData data = base(who);
    const CaseRecord& r = view.record;
    data.set("TITLE", "Case " + r.reference);
    data.set("REFERENCE", r.reference);
    const StateDef* state = definition.state(r.state);
    data.set("STATE", state ? state->label : r.state);
    data.set("CREATED", WebSupport::isoDateTime(r.createdAt));
    data.set("AGE", _web.age(r.stateEnteredAt));
    data.set("USER_ID", r.userId);
    data.set("CHANNEL", r.channel);
    const Profile& p = view.profile;
    auto row = [&](const std::string& label, const std::string& value) {
        data.add("PROFILE").set("LABEL", label).set("VALUE", value.empty() ? "-" : value);
    };
    row("First name", p.firstName);
    row("Middle name", p.middleName);
    row("Last name", p.lastName);
    row("Date of birth", p.dateOfBirth);
    row("Street address", p.street);
    row("Unit", p.unit);
    row("City", p.city);
    row("State", p.state);
    row("ZIP code", p.zip);
    row("Email", p.email);
    row("Phone", p.phone.size() == 10 ? "(" + p.phone.substr(0, 3) + ") " + p.phone.substr(3, 3) + "-" + p.phone.substr(6)
                                      : p.phone);
    row("SSN", r.ssnGiven ? "given at registration (kept only as a keyed hash)"
                          : (r.ssnLast4Provided ? "last four received (kept only as a keyed hash)" : "not yet received"));
    data.set("EVIDENCE_SUMMARY", view.evidence.summary);
    data.show("EVIDENCE_COMPLETE", view.evidence.complete);
    for (const std::string& missing : view.evidence.missing)
        data.add("MISSING").set("ITEM", missing);
    for (std::size_t index = 0; index < view.documents.size(); ++index)
    {
        const DocumentRecord& d = view.documents[index];
        TemplateData& doc = data.add("DOCUMENTS");
        if (!d.readError.empty())
            doc.add("READ_ERROR").set("MESSAGE", d.readError);
        if (const std::optional<Extraction>& extraction = view.extractions[index])
        {
            TemplateData& read = doc.add("EXTRACTION");
            read.set("TYPE", extraction->documentType);
            for (const std::string& name : extractionFieldNames())
            {
                auto field = extraction->fields.find(name);
                if (field == extraction->fields.end())
                    continue;
                char confidence[16];
                std::snprintf(confidence, sizeof confidence, "%.0f%%", field->second.confidence * 100.0);
                TemplateData& line = read.add("FIELDS");
                line.set("FIELD", name).set("VALUE", field->second.value).set("CONFIDENCE", confidence);
                line.set("SOURCE", fieldSourceName(field->second.source));
                line.show("LOW", field->second.confidence < 0.8);
            }
            for (const std::string& note : extraction->notes)
                read.add("NOTES").set("TEXT", note);
        }
        std::string label = d.kind;
        for (const auto& [kind, text] : documentKindLabels())
            if (kind == d.kind)
                label = text;
        doc.set("ID", std::to_string(d.id))
            .set("NAME", d.displayName)
            .set("KIND", label)
            .set("MEDIA", d.mediaType)
            .set("RECEIVED", WebSupport::isoDateTime(d.receivedAt))
            .set("CHANNEL", d.channel)
            .set("READ_STATE", d.readState)
            .set("PAGE_COUNT", std::to_string(d.pages));
        const std::optional<Extraction>& read = view.extractions[index];
        for (int page = 0; page < std::max(1, d.pages); ++page)
        {
            TemplateData& shown = doc.add("PAGES");
            shown.set("SRC", "/review/cases/" + r.reference + "/documents/" + std::to_string(d.id) + "/pages/" +
                                 std::to_string(page))
                .set("NUMBER", std::to_string(page + 1));
            // The regions each field was read from, outlined over the page: an SVG in the original image's
            // pixels, stretched over it. A page flattened from a photo, deskewed or turned maps its rectangles
            // through its transform (they become quadrilaterals); otherwise the page as read is the original.
            if (!read)
                continue;
            const auto pageIndex = static_cast<std::size_t>(page);
            const PageTransform* transform =
                pageIndex < read->pageTransforms.size() && read->pageTransforms[pageIndex].originalWidth > 0
                    ? &read->pageTransforms[pageIndex]
                    : nullptr;
            if (!transform && (!read->regionsOnOriginal || pageIndex >= read->pageSizes.size()))
                continue;
            TemplateData outlines;
            for (const auto& [name, field] : read->fields)
            {
                for (const Region& region : field.regions)
                {
                    if (region.page != page)
                        continue;
                    const double corners[4][2] = {{double(region.x), double(region.y)},
                                                  {double(region.x + region.width), double(region.y)},
                                                  {double(region.x + region.width), double(region.y + region.height)},
                                                  {double(region.x), double(region.y + region.height)}};
                    std::string points;
                    for (const auto& corner : corners)
                    {
                        auto [x, y] = transform ? mapToOriginal(*transform, corner[0], corner[1])
                                                : std::pair<double, double>(corner[0], corner[1]);
                        points += (points.empty() ? "" : " ") + std::to_string(static_cast<long>(x + 0.5)) + "," +
                                  std::to_string(static_cast<long>(y + 0.5));
                    }
                    outlines.add("SHAPES").set("POINTS", points).set("FIELD", name);
                }
            }
            const int width = transform ? transform->originalWidth : read->pageSizes[pageIndex].width;
            const int height = transform ? transform->originalHeight : read->pageSizes[pageIndex].height;
            if (outlines.lists.count("SHAPES") != 0 && width > 0 && height > 0)
            {
                outlines.set("VIEWBOX", "0 0 " + std::to_string(width) + " " + std::to_string(height));
                shown.lists["OUTLINES"].push_back(std::move(outlines));
            }
        }
    }
    data.show("NO_DOCUMENTS", view.documents.empty());
    // The checklist, failing first. Everything shown is text escaped by the template (OCR text is untrusted).
    data.set("CHECKS_EVIDENCE", view.checks.evidence.summary);
    data.set("CHECKS_FAILED", std::to_string(view.checks.failed()));
    data.set("CHECKS_UNKNOWN", std::to_string(view.checks.unknown()));
    for (const CheckOutcome& check : view.checks.failingFirst())
    {
        static const std::map<CheckResult, std::pair<std::string, std::string>> shown{
            {CheckResult::Fail, {"Fail", "cancel"}},
            {CheckResult::Unknown, {"Look", "help"}},
            {CheckResult::Pass, {"Pass", "check_circle"}}};
        const auto& [text, icon] = shown.at(check.result);
        data.add("CHECKS")
            .set("ID", check.id)
            .set("LABEL", checkLabel(check.id))
            .set("RESULT", checkResultName(check.result))
            .set("RESULT_TEXT", text)
            .set("ICON", icon)
            .set("DOCUMENT", check.document ? *check.document : "")
            .set("DOCUMENT_TEXT", check.document ? *check.document : "whole case")
            .set("EXPECTED", check.expected.empty() ? "-" : check.expected)
            .set("FOUND", check.found.empty() ? "-" : check.found)
            .set("REASON", check.reason);
    }
    for (const auto& [back, front] : view.checks.pairedSides)
        data.add("PAIRED").set("BACK", back).set("FRONT", front);
    for (const InboundView& message : s.mail.messagesForCase(r))
        fillInboundMessage(data.add("MESSAGES"), message, true);
    for (std::size_t i = 0; i < view.events.size(); ++i)
    {
        const CaseEvent& e = view.events[i];
        const StateDef* to = definition.state(e.toState);
        data.add("HISTORY")
            .set("AT", WebSupport::isoDateTime(e.at))
            .set("ACTOR", e.actor)
            .set("EVENT", e.event)
            .set("TO", to ? to->label : e.toState)
            .set("NOTE", view.eventNotes[i]);
    }
    for (const AuditEntry& a : view.audit)
        data.add("AUDIT").set("AT", WebSupport::isoDateTime(a.at)).set("ACTOR", a.actor).set("ACTION", a.action).set("DETAIL", a.detail);
    if (view.claimedByMe)
        data.show("CLAIMED_BY_ME");
    else if (view.claimedByOther)
        data.add("CLAIMED_BY_OTHER").set("WHO", *r.claimedBy);
    else if (state && !state->final)
        data.show("UNCLAIMED");
    // Whether approving here may go against a failing check (the workflow's four-eyes transition).
    bool approveAgainstChecks = false;
    for (const TransitionDef& transition : definition.transitions())
        if (transition.from == r.state && transition.event == "approve" &&
            std::find(transition.guards.begin(), transition.guards.end(), "failed_checks") != transition.guards.end())
            approveAgainstChecks = true;
    if (view.claimedByMe)
    {
        for (const std::string& action : view.actions)
        {
            if (action != "approve" && action != "reject" && action != "request_info")
                continue;
            TemplateData& a = data.add("ACTION_" + action);
            a.set("LABEL", actionLabel(action));
            // Approving against a failing check (four-eyes): a written reason for the supervisor.
            if (action == "approve" && view.checks.failed() > 0 && approveAgainstChecks)
                a.add("NEEDS_REASON").set("FAILED", std::to_string(view.checks.failed()));
            else if (action == "approve")
                a.show("PLAIN_APPROVE");
            if (action == "reject")
                for (const auto& [code, text] : rejectionReasons())
                    a.add("REASONS").set("CODE", code).set("TEXT", text);
            if (action == "request_info")
            {
                // What is missing and what failed, in the applicant's words (no values from the documents).
                std::vector<std::string> items = view.requestItems;
                for (const std::string& missing : view.evidence.missing)
                    if (std::find(items.begin(), items.end(), missing) == items.end())
                        items.insert(items.begin(), missing);
                std::string message = "Please send or correct the following:\n";
                for (const std::string& item : items)
                    message += "- " + item + "\n";
                a.set("MESSAGE", items.empty() ? "" : message);
            }
        }
    }
    std::string done = queryParameter(ex.request, "done");
    if (!done.empty() && done != "claim")
        data.add("NOTICE").set("MESSAGE", "Done: " + done + ".");
    std::string problem = queryParameter(ex.request, "problem");
    if (!problem.empty())
        data.add("PROBLEM").set("MESSAGE", problem.substr(0, 300));
    _web.page(ex, "case", std::move(data));
}

void ReviewerPages::caseAction(WebExchange& ex, const ReviewerSession& who, const std::string& action)
{
    FormData form = _web.readForm(ex, who.csrfToken);
    std::string reference = ex.params["ref"];
    ReviewService& review = _web.services().review;
    std::string back = "/review/cases/" + Poco::URI(reference).toString();
    if (action == "claim")
    {
        review.claim(who, reference);
        _web.redirect(ex, back + "?done=claim");
        return;
    }
    if (action == "release")
    {
        review.release(who, reference);
        _web.redirect(ex, "/review");
        return;
    }
    std::map<std::string, std::string> inputs;
    if (action == "reject")
    {
        std::string code = form.get("reason_code");
        std::string text;
        for (const auto& [c, t] : rejectionReasons())
            if (c == code)
                text = t;
        std::string details = form.get("details");
        if (text.empty() || (code == "other" && details.empty()))
            text.clear();
        else if (!details.empty())
            text += " " + details;
        if (!text.empty())
            inputs["reason"] = text;
    }
    if (action == "request_info" && !form.get("message").empty())
        inputs["message"] = form.get("message");
    if (action == "approve" && !form.get("reason").empty())
        inputs["reason"] = form.get("reason");
    EventOutcome outcome = review.decide(who, reference, action, inputs);
    if (!outcome.changed)
    {
        std::string why;
        for (const std::string& refusal : outcome.refusals)
            why += (why.empty() ? "" : "; ") + refusal;
        std::string encoded;
        Poco::URI::encode(why, "&=?#+", encoded);
        _web.redirect(ex, back + "?problem=" + encoded);
        return;
    }
    _web.redirect(ex, "/review?done=" + action);
}

void ReviewerPages::documentPage(WebExchange& ex, const ReviewerSession& who)
{
    Poco::Int64 documentId = 0;
    int page = 0;
    if (!Poco::NumberParser::tryParse64(ex.params["doc"], documentId) ||
        !Poco::NumberParser::tryParse(ex.params["page"], page))
        throw Error(ErrorCode::NotFound, "no such document page");
    std::string png = _web.services().review.documentPage(who, ex.params["ref"], documentId, page);
    _web.sendBytes(ex, "image/png", png, false);
}

} // namespace proofdesk
