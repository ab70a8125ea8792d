#include "proofdesk/web/ApplicantPages.h"

#include "proofdesk/app/EvidenceText.h"
#include "proofdesk/domain/Error.h"

#include <Poco/Net/HTTPServerRequest.h>

namespace proofdesk
{

namespace
{

struct FieldSpec
{
    const char* name;
    const char* label;
    const char* type;  // text, email, tel, password, date, select-state, select-question
    const char* autocomplete;
    const char* hint;
    bool required;
};

struct GroupSpec
{
    const char* legend;
    const char* hint;
    std::vector<FieldSpec> fields;
};

const std::vector<GroupSpec>& registrationGroups()
{
    static const std::vector<GroupSpec> groups = {
        {"Your legal name", "Enter your name exactly as it appears on your government photo ID.",
         {{"first_name", "First name", "text", "given-name", "", true},
          {"middle_name", "Middle name (optional)", "text", "additional-name", "", false},
          {"last_name", "Last name", "text", "family-name", "", true}}},
        {"Date of birth", "",
         {{"date_of_birth", "Date of birth", "date", "bday", "For example: 1984-04-28", true}}},
        {"Home address",
         "Use the address that appears on the two statements you will send.",
         {{"street", "Street address", "text", "address-line1", "", true},
          {"unit", "Apartment, suite or unit (optional)", "text", "address-line2", "", false},
          {"city", "City", "text", "address-level2", "", true},
          {"state", "State, territory or military post", "select-state", "address-level1", "", true},
          {"zip", "ZIP code", "text", "postal-code", "5 digits, or ZIP+4 such as 20001-1234", true}}},
        {"Contact information", "We send your case reference and our decision to this email address.",
         {{"email", "Email address", "email", "email", "", true},
          {"phone", "Phone number", "tel", "tel", "10 digits, for example 202-555-0143", true}}},
        {"Sign-in details", "You cannot change your user ID after registration.",
         {{"user_id", "User ID", "text", "username",
           "6 to 100 characters: letters, digits, and . _ - @", true},
          {"password", "Password", "password", "new-password",
           "At least 12 characters, with a lowercase letter, an uppercase letter, a digit (0-9) and a symbol "
           "from ! @ # $ % ^ *. It cannot contain your first name, your last name, or any 4 characters in a row "
           "of your user ID.",
           true},
          {"password_confirm", "Confirm password", "password", "new-password", "", true},
          {"challenge_question", "Challenge question", "select-question", "off", "", true},
          {"challenge_answer", "Challenge question answer", "text", "off", "", true}}},
        {"Social Security number (optional)",
         "Manual proofing does not require your SSN. If you leave it empty, you will send only its last four "
         "digits with your documents.",
         {{"ssn", "Social Security number (optional)", "password", "off", "9 digits", false}}},
    };
    return groups;
}

RegistrationForm formFrom(const FormData& f)
{
    return registrationFormFromFields([&f](const std::string& name) { return f.get(name); });
}

std::string kindLabel(const std::string& kind)
{
    for (const auto& [id, label] : documentKindLabels())
    {
        if (id == kind)
            return label;
    }
    return kind;
}

} // namespace

void ApplicantPages::addRoutes(Router& router)
{
    router.add("GET", "/", [this](WebExchange& ex) { home(ex); });
    router.add("GET", "/register", [this](WebExchange& ex) { registerForm(ex); });
    router.add("POST", "/register", [this](WebExchange& ex) { registerSubmit(ex); });
    router.add("GET", "/upload/{token}", [this](WebExchange& ex) { uploadPage(ex); });
    router.add("POST", "/upload/{token}", [this](WebExchange& ex) { uploadSubmit(ex); });
}

TemplateData ApplicantPages::evidenceList()
{
    TemplateData data;
    for (const EvidenceLine& line : evidenceToSend(_web.services().cases.engine().definition(), false, true))
        data.add("EVIDENCE").set("ITEM", line.label).set("DETAIL", line.detail);
    return data;
}

void ApplicantPages::home(WebExchange& ex)
{
    TemplateData data = evidenceList();
    const HelpDeskInfo& desk = _web.services().app.helpDesk;
    data.set("TITLE", "Verify your identity by sending documents");
    data.set("HELPDESK_FAX", desk.fax).set("HELPDESK_POSTAL", desk.postalAddress).set("HELPDESK_HOURS", desk.hours);
    _web.page(ex, "home", std::move(data));
}

void ApplicantPages::registerForm(WebExchange& ex)
{
    renderRegistration(ex, FormData{}, {}, 200);
}

void ApplicantPages::renderRegistration(WebExchange& ex, const FormData& values, const std::vector<FieldError>& errors,
                                        int status)
{
    TemplateData data;
    data.set("TITLE", errors.empty() ? "Initiate manual proofing" : "Error: initiate manual proofing");
    data.set("CSRF", _web.visitorCsrf(ex));
    std::map<std::string, std::string> messages;
    if (!errors.empty())
    {
        TemplateData& summary = data.add("ERROR_SUMMARY");
        for (const FieldError& error : errors)
        {
            if (messages.emplace(error.field, error.message).second)
                summary.add("ERRORS").set("FIELD", error.field).set("MESSAGE", error.message);
        }
        summary.set("COUNT", std::to_string(messages.size()));
    }
    for (const GroupSpec& group : registrationGroups())
    {
        TemplateData& g = data.add("GROUPS");
        // A group of one field needs no legend: its label says it all (and says it once).
        if (group.fields.size() > 1)
            g.add("LEGEND_SECTION").set("LEGEND", group.legend);
        g.set("HINT", group.hint);
        g.show("HAS_HINT", group.hint[0] != '\0');
        for (const FieldSpec& spec : group.fields)
        {
            TemplateData& f = g.add("FIELDS");
            std::string type = spec.type;
            std::string name = spec.name;
            // Secrets are never sent back to the browser; everything else is kept as typed.
            bool secret = type == "password";
            std::string value = secret ? std::string() : values.get(name);
            // Field keys are prefixed: ctemplate looks names up in enclosing sections too.
            f.set("NAME", name).set("LABEL", spec.label).set("F_HINT", spec.hint).set("VALUE", value);
            f.set("AUTOCOMPLETE", spec.autocomplete);
            f.show("F_HAS_HINT", spec.hint[0] != '\0');
            f.show("REQUIRED", spec.required);
            auto message = messages.find(name);
            if (message != messages.end())
                f.add("ERROR").set("MESSAGE", message->second);
            std::string describedBy = spec.hint[0] != '\0' ? name + "-hint" : "";
            if (message != messages.end())
                describedBy += (describedBy.empty() ? "" : " ") + name + "-error";
            if (!describedBy.empty())
                f.add("DESCRIBED").set("IDS", describedBy);
            if (type == "select-state")
            {
                TemplateData& select = f.add("SELECT");
                select.add("OPTIONS").set("VALUE", "").set("TEXT", "- Select -");
                for (const auto& [code, stateName] : usStates())
                {
                    TemplateData& o = select.add("OPTIONS");
                    o.set("VALUE", code).set("TEXT", stateName);
                    o.show("SELECTED", value == code);
                }
            }
            else if (type == "select-question")
            {
                TemplateData& select = f.add("SELECT");
                select.add("OPTIONS").set("VALUE", "").set("TEXT", "- Select -");
                for (const std::string& question : challengeQuestions())
                {
                    TemplateData& o = select.add("OPTIONS");
                    o.set("VALUE", question).set("TEXT", question);
                    o.show("SELECTED", value == question);
                }
            }
            else
            {
                f.add("INPUT").set("TYPE", type == "date" ? "text" : type);
                if (secret && message == messages.end() && !errors.empty() && name != "ssn")
                    f.set("F_HINT", std::string(spec.hint) + (spec.hint[0] ? " " : "") +
                                        "For your security, enter it again.")
                        .show("F_HAS_HINT", spec.hint[0] == '\0');
            }
        }
    }
    _web.page(ex, "register", std::move(data), status);
}

void ApplicantPages::registerSubmit(WebExchange& ex)
{
    FormData form = _web.readForm(ex, _web.postedVisitorCsrf(ex));
    RegistrationOutcome outcome = _web.services().registration.registerApplicant(formFrom(form), "web");
    if (!outcome.errors.empty())
    {
        renderRegistration(ex, form, outcome.errors, 422);
        return;
    }
    TemplateData data = evidenceList();
    data.set("TITLE", "Your case reference");
    data.set("REFERENCE", outcome.reference);
    data.set("UPLOAD_PATH", "/upload/" + outcome.uploadToken);
    data.set("EMAIL", form.get("email"));
    const HelpDeskInfo& desk = _web.services().app.helpDesk;
    data.set("HELPDESK_FAX", desk.fax).set("HELPDESK_POSTAL", desk.postalAddress);
    _web.page(ex, "registered", std::move(data));
}

void ApplicantPages::renderUpload(WebExchange& ex, const CaseRecord& record, const std::string& token,
                                  TemplateData data, int status)
{
    CaseService& cases = _web.services().cases;
    data.set("TITLE", "Send your documents");
    data.set("REFERENCE", record.reference);
    data.set("CSRF", _web.visitorCsrf(ex));
    data.set("UPLOAD_PATH", "/upload/" + token);
    data.set("MAX_MB", std::to_string(_web.services().app.maxFileBytes / (1024 * 1024)));
    data.set("MAX_FILES", std::to_string(_web.services().app.maxFilesPerUpload));
    const StateDef* state = cases.engine().definition().state(record.state);
    data.set("STATE_LABEL", state ? state->label : record.state);
    bool open = state != nullptr && !state->final;
    data.show("OPEN", open);
    data.show("CLOSED", !open);
    EvidenceStatus evidence = cases.evidenceStatus(record);
    data.show("EVIDENCE_COMPLETE", evidence.complete);
    // The applicant reads plain words per requirement, not the reviewer's STRONG/FAIR calculus.
    for (const RequirementStatus& requirement : evidence.requirements)
    {
        if (!requirement.applies)
            continue;
        std::string progress;
        if (requirement.met)
            progress = "received";
        else if (requirement.required <= 1)
            progress = "still needed";
        else
            progress = std::to_string(requirement.counted) + " of " + std::to_string(requirement.required) +
                     " received";
        data.add("REQUIREMENTS").set("LABEL", requirement.label).set("STATUS", progress).show("MET", requirement.met);
    }
    for (const DocumentRecord& document : cases.documents(record))
    {
        data.add("DOCUMENTS")
            .set("NAME", document.displayName)
            .set("KIND", kindLabel(document.kind))
            .set("RECEIVED", WebSupport::isoDateTime(document.receivedAt))
            .set("PAGES", std::to_string(document.pages));
    }
    data.show("HAS_DOCUMENTS", data.lists.count("DOCUMENTS") != 0);
    data.show("SSN_NEEDED", !record.ssnGiven && !record.ssnLast4Provided);
    for (const char* group : {"ID", "S1", "S2"})
    {
        std::string g = group;
        TemplateData& kinds = data.add("KINDS_" + g);
        for (const auto& [kind, label] : documentKindLabels())
        {
            bool isId = kind == "drivers_license" || kind == "state_id" || kind == "passport";
            if ((g == "ID") != isId || kind == "unknown")
                continue;
            kinds.add("OPTIONS").set("VALUE", kind).set("TEXT", label);
        }
    }
    _web.page(ex, "upload", std::move(data), status);
}

void ApplicantPages::uploadPage(WebExchange& ex)
{
    std::string token = ex.params["token"];
    std::optional<CaseRecord> record = _web.services().intake.caseForUploadToken(token);
    if (!record)
        throw Error(ErrorCode::NotFound, "this upload link is not valid; check the link in your email");
    renderUpload(ex, *record, token, {}, 200);
}

void ApplicantPages::uploadSubmit(WebExchange& ex)
{
    std::string token = ex.params["token"];
    WebServices& s = _web.services();
    std::optional<CaseRecord> record = s.intake.caseForUploadToken(token);
    if (!record)
        throw Error(ErrorCode::NotFound, "this upload link is not valid; check the link in your email");
    const StateDef* state = s.cases.engine().definition().state(record->state);
    if (state == nullptr || state->final)
        throw Error(ErrorCode::Conflict, "this case is closed and cannot take more documents");
    FormData form = _web.readForm(ex, _web.postedVisitorCsrf(ex), s.app.maxFileBytes, s.app.maxFilesPerUpload);
    Actor applicant{"applicant", "applicant"};
    TemplateData data;
    int status = 200;
    std::string ssn = form.get("ssn_last4");
    if (!ssn.empty())
    {
        std::string problem = s.intake.provideSsnLast4(*record, ssn, applicant);
        if (!problem.empty())
        {
            data.add("ERRORS").set("MESSAGE", problem);
            status = 422;
        }
        else
            data.add("NOTICES").set("MESSAGE", "We received the last four digits of your SSN.");
    }
    std::vector<IncomingFile> files;
    for (auto& [part, file] : form.files)
    {
        if (part == "photo_id")
            file.declaredKind = form.get("photo_id_kind");
        else if (part == "statement_1")
            file.declaredKind = form.get("statement_1_kind");
        else if (part == "statement_2")
            file.declaredKind = form.get("statement_2_kind");
        else
            file.declaredKind = "unknown";
        files.push_back(std::move(file));
    }
    if (files.empty() && ssn.empty())
    {
        data.add("ERRORS").set("MESSAGE", "Choose at least one file to send.");
        status = 422;
    }
    if (!files.empty())
    {
        std::optional<CaseRecord> fresh = s.intake.caseForUploadToken(token);
        IntakeOutcome outcome = s.intake.takeIn(*fresh, std::move(files), "upload", applicant);
        for (const FileOutcome& file : outcome.files)
        {
            if (file.stored)
                data.add("NOTICES").set("MESSAGE", "Received " + file.filename + ".");
            else if (file.duplicate)
                data.add("NOTICES").set("MESSAGE", file.filename + " was already received; it was not added twice.");
            else
            {
                data.add("ERRORS").set("MESSAGE", file.filename + ": " + file.error);
                status = 422;
            }
        }
    }
    std::optional<CaseRecord> after = s.intake.caseForUploadToken(token);
    renderUpload(ex, *after, token, std::move(data), status);
}

} // namespace proofdesk
