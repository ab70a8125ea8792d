#include "proofdesk/server/CheckCommand.h"

#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/adapters/LocalDocumentInspector.h"
#include "proofdesk/adapters/PerceptualHash.h"
#include "proofdesk/adapters/SystemClock.h"
#include "proofdesk/adapters/UspsTableFiles.h"
#include "proofdesk/app/CheckReportJson.h"
#include "proofdesk/domain/Checks.h"
#include "proofdesk/domain/DateText.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Json.h"
#include "proofdesk/domain/Registration.h"
#include "proofdesk/domain/Sha256.h"
#include "proofdesk/server/DocumentFiles.h"
#include "proofdesk/server/Proofdesk.h"

#include <iostream>
#include <optional>

namespace proofdesk
{

namespace
{

// A profile key, or its registration-form synonym, and where it goes.
struct ProfileKey
{
    const char* name;
    const char* synonym;
    std::string Profile::*member;
    bool required;
    const char* formField;  // the field name validateRegistration reports
};

const std::vector<ProfileKey>& profileKeys()
{
    static const std::vector<ProfileKey> keys{
        {"first_name", nullptr, &Profile::firstName, true, "first_name"},
        {"middle_name", nullptr, &Profile::middleName, false, "middle_name"},
        {"last_name", nullptr, &Profile::lastName, true, "last_name"},
        {"date_of_birth", nullptr, &Profile::dateOfBirth, true, "date_of_birth"},
        {"address_line1", "street", &Profile::street, true, "street"},
        {"address_line2", "unit", &Profile::unit, false, "unit"},
        {"city", nullptr, &Profile::city, true, "city"},
        {"state", nullptr, &Profile::state, true, "state"},
        {"postal_code", "zip", &Profile::zip, true, "zip"},
    };
    return keys;
}

std::optional<std::chrono::sys_days> parseDay(const std::string& text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(std::stoi(text.substr(0, 4))),
                                           std::chrono::month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
                                           std::chrono::day(static_cast<unsigned>(std::stoi(text.substr(8, 2))))};
    if (!date.ok())
        return std::nullopt;
    return std::chrono::sys_days(date);
}

bool isFourDigits(const std::string& text)
{
    return text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos;
}

struct ProfileFile
{
    Profile profile;
    std::optional<std::string> ssnLast4;
};

ProfileFile readProfile(const std::string& path, std::chrono::sys_days today)
{
    std::string text;
    try
    {
        text = readWholeFile(path);
    }
    catch (const Error& e)
    {
        throw Error(ErrorCode::InvalidInput, "cannot read the profile " + path + ": " + e.what());
    }
    const Json root = Json::parse(text, path);  // Error(InvalidInput, "<path>:<line>:<column>: ...")
    const auto fail = [&](int line, const std::string& problem) {
        throw Error(ErrorCode::InvalidInput, path + ":" + std::to_string(line) + ": " + problem);
    };
    if (!root.isObject())
        fail(root.line(), std::string("the profile must be a JSON object, found ") + Json::typeName(root.type()));

    RegistrationForm form;
    for (const ProfileKey& key : profileKeys())
    {
        const Json* value = root.find(key.name);
        const char* written = key.name;
        if (!value && key.synonym)
        {
            value = root.find(key.synonym);
            written = key.synonym;
        }
        if (!value)
        {
            if (key.required)
                fail(root.line(), std::string("missing \"") + key.name + "\"" +
                                      (key.synonym ? std::string(" (or \"") + key.synonym + "\")" : std::string()));
            continue;
        }
        if (!value->isString())
            fail(value->line(), std::string("\"") + written + "\" must be a string, found " + Json::typeName(value->type()));
        form.profile.*key.member = value->asString();
    }
    ProfileFile result;
    if (const Json* ssn = root.find("ssn_last4"))
    {
        if (!ssn->isString() || !isFourDigits(ssn->asString()))
            fail(ssn->line(), "\"ssn_last4\" must be a string of 4 digits");
        result.ssnLast4 = ssn->asString();
    }

    // The registration's own rules, for the profile's fields only (no account fields here). The messages
    // name the field, not its value.
    form = normalizeRegistration(form);
    for (const FieldError& error : validateRegistration(form, today))
        for (const ProfileKey& key : profileKeys())
            if (error.field == key.formField)
            {
                const Json* value = root.find(key.name) ? root.find(key.name) : root.find(key.synonym ? key.synonym : "");
                fail(value ? value->line() : root.line(), std::string(key.name) + ": " + error.message);
            }
    result.profile = form.profile;
    return result;
}

} // namespace

int runCheckCommand(const std::map<std::string, std::string>& options, const std::vector<std::string>& files,
                    const Poco::Util::AbstractConfiguration& config, std::ostream& out)
{
    for (const auto& [name, value] : options)
        if (name != "profile" && name != "today" && name != "ssn-last4")
            throw Error(ErrorCode::InvalidInput, "check does not take --" + name + " (see proofdesk --help)");
    const auto profileOption = options.find("profile");
    if (profileOption == options.end())
        throw Error(ErrorCode::InvalidInput, "check needs --profile PROFILE.json");
    if (files.empty())
        throw Error(ErrorCode::InvalidInput, "check needs at least one FILE");

    std::chrono::sys_days today = std::chrono::floor<std::chrono::days>(SystemClock().now());
    if (const auto option = options.find("today"); option != options.end())
    {
        const std::optional<std::chrono::sys_days> day = parseDay(option->second);
        if (!day)
            throw Error(ErrorCode::InvalidInput, "--today needs a date written YYYY-MM-DD");
        today = *day;
    }
    std::optional<std::string> sent;
    if (const auto option = options.find("ssn-last4"); option != options.end())
    {
        if (!isFourDigits(option->second))
            throw Error(ErrorCode::InvalidInput, "--ssn-last4 needs exactly 4 digits");
        sent = option->second;
    }

    // Everything that can be refused is checked before the slow reading starts.
    const ProfileFile profile = readProfile(profileOption->second, today);
    const WorkflowDefinition workflow = loadWorkflowFile(config.getString("proofdesk.workflow.file"));
    const UspsTables tables = loadUspsTables(config.getString("proofdesk.usps.dir"));

    CheckInput input;
    input.profile = profile.profile;
    input.today = today;
    input.ssn.ssnGiven = profile.ssnLast4.has_value();
    input.ssn.last4Provided = sent.has_value();
    if (sent && profile.ssnLast4)
        input.ssn.last4Matches = *sent == *profile.ssnLast4;

    LocalDocumentInspector inspector(readerSettingsFrom(config).limits);
    const PerceptualHash perceptualHash(inspector);
    readDocumentFiles(files, config, true, [&](FileReading& reading) {
        CheckDocument document;
        document.label = reading.file;
        if (reading.extraction)
            document.extraction = std::move(*reading.extraction);
        else
            std::cerr << "proofdesk: " << reading.file << ": " << reading.error << std::endl;
        if (!reading.bytes.empty())
        {
            document.sha256 = sha256Hex(reading.bytes);
            try
            {
                document.perceptualHash = perceptualHash.ofDocument(reading.bytes);
            }
            catch (const Error&)
            {
                // Read but not decodable as a page (cannot happen for what the reader accepted): no hash.
            }
        }
        input.documents.push_back(std::move(document));
    });

    out << checkReportJson(runChecks(workflow, tables, input)) << "\n" << std::flush;
    return 0;
}

} // namespace proofdesk
