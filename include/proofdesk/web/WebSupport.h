#pragma once

#include "proofdesk/app/AppSettings.h"
#include "proofdesk/app/CaseService.h"
#include "proofdesk/app/IntakeService.h"
#include "proofdesk/app/MailIntakeService.h"
#include "proofdesk/app/RegistrationService.h"
#include "proofdesk/app/ReviewService.h"
#include "proofdesk/ports/TemplateRenderer.h"
#include "proofdesk/web/HealthSource.h"
#include "proofdesk/web/Router.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace proofdesk
{

/// Settings of the web layer, read by the composition root.
struct WebSettings
{
    bool secureCookies = false;        // behind TLS: cookies get Secure
    std::string uswdsDir;              // node_modules/@uswds/uswds/dist
    std::string staticDir;             // web/static (our own CSS and JS)
    std::size_t maxRequestBytes = 110 * 1024 * 1024;
    std::size_t maxFormFields = 60;
};

/// The application services the pages call.
struct WebServices
{
    RegistrationService& registration;
    IntakeService& intake;
    ReviewService& review;
    CaseService& cases;
    TemplateRenderer& templates;
    HealthSource& health;
    RandomSource& random;
    Clock& clock;
    const AppSettings& app;
    const WebSettings& web;
    MailIntakeService& mail;
};

/// A parsed form: fields (first value of each name, and all values) and uploaded files.
struct FormData
{
    std::map<std::string, std::string> fields;
    std::vector<std::pair<std::string, IncomingFile>> files;  // part name, file

    std::string get(const std::string& name) const
    {
        auto it = fields.find(name);
        return it == fields.end() ? std::string() : it->second;
    }
};

/// What the page classes share: rendering with the layout, cookies, CSRF, forms, redirects.
class WebSupport
{
public:
    explicit WebSupport(WebServices services) : _s(services) {}

    WebServices& services() { return _s; }

    /// Renders a page into the layout and sends it (HTML, no caching of personal pages).
    void page(WebExchange& ex, const std::string& name, TemplateData data, int status = 200);
    void redirect(WebExchange& ex, const std::string& location);
    void sendBytes(WebExchange& ex, const std::string& contentType, const std::string& bytes, bool cacheable);

    std::string cookie(WebExchange& ex, const std::string& name) const;
    void setCookie(WebExchange& ex, const std::string& name, const std::string& value, int maxAgeSeconds = -1);

    /// The anonymous visitor's CSRF token (double-submit cookie), created when missing.
    std::string visitorCsrf(WebExchange& ex);
    /// Reads the form of a POST and checks its CSRF field against `expected`. Throws Error(Forbidden).
    FormData readForm(WebExchange& ex, const std::string& expectedCsrf, std::size_t maxFileBytes = 0,
                      std::size_t maxFiles = 0);
    /// The visitor CSRF value expected for anonymous forms (the cookie as sent).
    std::string postedVisitorCsrf(WebExchange& ex) const;

    /// The signed-in reviewer, if any.
    std::optional<ReviewerSession> reviewer(WebExchange& ex);

    /// A handler for reviewers only: a GET without a session is sent to sign in; any other request without
    /// one is refused with Error(Unauthorized).
    WebHandler signedIn(std::function<void(WebExchange&, const ReviewerSession&)> handler);

    /// The age of something as a reviewer reads it: "3 days", "5 hours", "12 minutes".
    std::string age(Instant since) const;
    static std::string isoDate(Instant at);
    static std::string isoDateTime(Instant at);

private:
    WebServices _s;
};

} // namespace proofdesk
