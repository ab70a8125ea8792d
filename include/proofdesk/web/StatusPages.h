#pragma once

#include "proofdesk/web/WebSupport.h"

namespace proofdesk
{

/// /healthz (JSON per component), /status (the public status page with the legend and the help desk's
/// contact table) and the static assets (USWDS from npm, our own CSS and JS).
class StatusPages
{
public:
    explicit StatusPages(WebSupport& web) : _web(web) {}

    void addRoutes(Router& router);

private:
    void healthz(WebExchange& ex);
    void status(WebExchange& ex);
    void asset(WebExchange& ex, const std::string& root);

    WebSupport& _web;
};

/// The label of a status ("operational" -> "OPERATIONAL", "issues_reported" -> "ISSUES REPORTED").
std::string statusLabel(const std::string& status);

} // namespace proofdesk
