#pragma once

// Shared by the checks' tests: the real workflow and USPS tables from the repository, and builders for
// documents as the reader reports them. All names, addresses and numbers are synthetic.

#include "proofdesk/domain/Checks.h"
#include "proofdesk/domain/UspsTables.h"
#include "proofdesk/domain/Workflow.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>

namespace checks_fixtures
{

inline std::string sourceFile(const std::string& relative)
{
    std::ifstream in(std::string(PROOFDESK_SOURCE_DIR) + "/" + relative, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline const proofdesk::UspsTables& uspsTables()
{
    static const std::string suffixes = sourceFile("data/usps/street-suffixes.tsv");
    static const std::string units = sourceFile("data/usps/unit-designators.tsv");
    static const std::string directionals = sourceFile("data/usps/directionals.tsv");
    static const proofdesk::UspsTables tables = proofdesk::parseUspsTables(
        {suffixes, "street-suffixes.tsv"}, {units, "unit-designators.tsv"}, {directionals, "directionals.tsv"});
    return tables;
}

inline const proofdesk::WorkflowDefinition& realWorkflow()
{
    static const proofdesk::WorkflowDefinition workflow =
        proofdesk::parseWorkflow(sourceFile("workflows/manual-proofing.json"), "manual-proofing.json");
    return workflow;
}

inline std::chrono::sys_days day(int y, unsigned m, unsigned d)
{
    return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d));
}

/// A registered profile (synthetic).
inline proofdesk::Profile profile()
{
    proofdesk::Profile p;
    p.firstName = "Danielle";
    p.middleName = "Marie";
    p.lastName = "Okafor-Lindqvist";
    p.dateOfBirth = "1988-04-17";
    p.street = "1427 N Larkspur St";
    p.unit = "Apt. 3B";
    p.city = "Spokane";
    p.state = "WA";
    p.zip = "99205-1132";
    return p;
}

using Fields = std::initializer_list<std::pair<const char*, const char*>>;

inline proofdesk::CheckDocument document(const std::string& label, const std::string& type, Fields fields,
                                         proofdesk::FieldSource source = proofdesk::FieldSource::Ocr)
{
    proofdesk::CheckDocument d;
    d.label = label;
    d.extraction.documentType = type;
    d.extraction.pages = 1;
    for (const auto& [name, value] : fields)
        d.extraction.fields[name] = proofdesk::ExtractedField{value, 0.9, source, {}};
    d.sha256 = std::string(64, 'a') + label; // distinct per label unless a test says otherwise
    return d;
}

/// The license back, read from its PDF417 barcode.
inline proofdesk::CheckDocument licenseBack(const std::string& label = "id-back.png",
                                            const char* number = "WDLWAJ8XE6KH")
{
    return document(label, "drivers_license",
                    {{"first_name", "DANIELLE"}, {"middle_name", "MARIE"}, {"last_name", "OKAFOR-LINDQVIST"},
                     {"date_of_birth", "1988-04-17"}, {"address_line1", "1427 N LARKSPUR ST"},
                     {"address_line2", "APT 3B"}, {"city", "SPOKANE"}, {"state", "WA"},
                     {"postal_code", "992051132"}, {"document_number", number}, {"issuing_authority", "WA"},
                     {"expiration_date", "2029-04-17"}, {"sex", "F"}},
                    proofdesk::FieldSource::Pdf417);
}

/// The license front, read by OCR.
inline proofdesk::CheckDocument licenseFront(const std::string& label = "id-front.png",
                                             const char* number = "WDLWAJ8XE6KH", const char* type = "drivers_license")
{
    return document(label, type,
                    {{"first_name", "DANIELLE"}, {"middle_name", "MARIE"}, {"last_name", "OKAFOR LINDQVIST"},
                     {"date_of_birth", "1988-04-17"}, {"address_line1", "1427 N LARKSPUR ST APT 3B"},
                     {"city", "SPOKANE"}, {"state", "WA"}, {"postal_code", "99205"}, {"document_number", number},
                     {"expiration_date", "2029-04-17"}});
}

inline proofdesk::CheckDocument statement(const std::string& label, const char* type, const char* issuer,
                                          const char* date = "2026-10-07", const char* zip = "99205-1132")
{
    return document(label, type,
                    {{"first_name", "DANIELLE"}, {"last_name", "OKAFOR-LINDQVIST"},
                     {"address_line1", "1427 North Larkspur Street"}, {"address_line2", "Apartment 3B"},
                     {"city", "SPOKANE"}, {"state", "WA"}, {"postal_code", zip}, {"statement_date", date},
                     {"issuer_name", issuer}},
                    proofdesk::FieldSource::PdfText);
}

/// The results of one check id, in order.
inline std::vector<proofdesk::CheckOutcome> resultsOf(const proofdesk::CheckReport& report, const std::string& id)
{
    std::vector<proofdesk::CheckOutcome> out;
    for (const proofdesk::CheckOutcome& outcome : report.checks)
        if (outcome.id == id)
            out.push_back(outcome);
    return out;
}

} // namespace checks_fixtures
