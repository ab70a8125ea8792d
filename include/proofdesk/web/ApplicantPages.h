#pragma once

#include "proofdesk/web/WebSupport.h"

namespace proofdesk
{

/// The applicant's side: the home page with what manual proofing needs, registration, and the upload page
/// reached through the case's upload link.
class ApplicantPages
{
public:
    explicit ApplicantPages(WebSupport& web) : _web(web) {}

    void addRoutes(Router& router);

private:
    void home(WebExchange& ex);
    void registerForm(WebExchange& ex);
    void registerSubmit(WebExchange& ex);
    void uploadPage(WebExchange& ex);
    void uploadSubmit(WebExchange& ex);

    void renderRegistration(WebExchange& ex, const FormData& values, const std::vector<FieldError>& errors,
                            int status);
    void renderUpload(WebExchange& ex, const CaseRecord& record, const std::string& token, TemplateData data,
                      int status);
    TemplateData evidenceList();

    WebSupport& _web;
};

} // namespace proofdesk
