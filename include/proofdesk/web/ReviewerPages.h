#pragma once

#include "proofdesk/web/WebSupport.h"

namespace proofdesk
{

/// The reviewer's side under /review: sign in and out, the queue, the case page, claims, decisions and
/// document images. Every route but sign-in requires a session; every POST its CSRF token.
class ReviewerPages
{
public:
    explicit ReviewerPages(WebSupport& web) : _web(web) {}

    void addRoutes(Router& router);

private:
    void signInForm(WebExchange& ex, const std::string& error = {}, int status = 200, const std::string& userId = {});
    void signInSubmit(WebExchange& ex);
    void signOut(WebExchange& ex);
    void queue(WebExchange& ex, const ReviewerSession& who);
    void casePage(WebExchange& ex, const ReviewerSession& who);
    void caseAction(WebExchange& ex, const ReviewerSession& who, const std::string& action);
    void documentPage(WebExchange& ex, const ReviewerSession& who);

    TemplateData base(const ReviewerSession& who);

    WebSupport& _web;
};

} // namespace proofdesk
