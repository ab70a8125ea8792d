#pragma once

#include "proofdesk/app/AppSettings.h"
#include "proofdesk/app/CaseService.h"
#include "proofdesk/ports/DocumentInspector.h"
#include "proofdesk/ports/DocumentStore.h"

#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

/// One file as it arrived.
struct IncomingFile
{
    std::string filename;      // as the sender named it; for display only
    std::string declaredKind;  // what the sender says it is (drivers_license, bank_statement, ...) or "unknown"
    std::string bytes;
};

/// What happened to each file of an arrival.
struct FileOutcome
{
    std::string filename;
    bool stored = false;
    bool duplicate = false;    // the same bytes were already on the case
    std::string error;         // why it was refused (type, size, broken file)
    std::int64_t documentId = 0;
};

struct IntakeOutcome
{
    std::vector<FileOutcome> files;
    EventOutcome workflow;     // the documents_added event fired afterwards
};

/// Takes documents into a case: checks each by content and limits, stores it durably and encrypted, then
/// records it in the case, then lets the workflow react (documents_added).
class IntakeService
{
public:
    IntakeService(CaseStore& store, DocumentStore& documents, DocumentInspector& inspector, CaseService& cases,
                  Vault& vault, Clock& clock, const AppSettings& settings);

    /// Takes the files into the case. Files that are refused are reported, never silently dropped; the
    /// others are kept. Throws Error(TooLarge) when there are too many files at once.
    IntakeOutcome takeIn(const CaseRecord& record, std::vector<IncomingFile> files, const std::string& channel,
                         const Actor& actor);

    /// The case an upload link's token belongs to, if any.
    std::optional<CaseRecord> caseForUploadToken(const std::string& token);

    /// Records the last four SSN digits sent by the applicant (kept only as a keyed hash).
    /// Returns an error message, or empty on success.
    std::string provideSsnLast4(const CaseRecord& record, const std::string& digits, const Actor& actor);

private:
    /// Updates the case's stored failing count (the queue's column) after something arrived.
    void refreshChecks(std::int64_t caseId);

    CaseStore& _store;
    DocumentStore& _documents;
    DocumentInspector& _inspector;
    CaseService& _cases;
    Vault& _vault;
    Clock& _clock;
    const AppSettings& _settings;
};

/// The document kinds a sender may declare, with their labels, in display order.
const std::vector<std::pair<std::string, std::string>>& documentKindLabels();

/// A filename made safe to display and store as text: no path, no control characters, at most 120 chars.
std::string displayFilename(const std::string& filename);

} // namespace proofdesk
