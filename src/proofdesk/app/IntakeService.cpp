#include "proofdesk/app/IntakeService.h"

#include "proofdesk/domain/Error.h"

#include <algorithm>
#include <set>

namespace proofdesk
{

const std::vector<std::pair<std::string, std::string>>& documentKindLabels()
{
    static const std::vector<std::pair<std::string, std::string>> labels = {
        {"drivers_license", "Driver's license"},
        {"state_id", "State or federal photo ID card"},
        {"passport", "U.S. passport"},
        {"bank_statement", "Bank or credit card statement"},
        {"utility_bill", "Utility bill"},
        {"payroll_statement", "Payroll statement (pay stub)"},
        {"unknown", "Other or not sure"},
    };
    return labels;
}

std::string displayFilename(const std::string& filename)
{
    std::string name = filename;
    std::size_t slash = name.find_last_of("/\\");
    if (slash != std::string::npos)
        name = name.substr(slash + 1);
    std::string clean;
    for (char c : name)
    {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            continue;
        clean += c;
    }
    if (clean.size() > 120)
    {
        // Keep whole UTF-8 sequences: never cut inside a multi-byte character.
        std::size_t cut = 120;
        while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80)
            --cut;
        clean.resize(cut);
    }
    if (clean.empty() || clean == "." || clean == "..")
        clean = "document";
    return clean;
}

IntakeService::IntakeService(CaseStore& store, DocumentStore& documents, DocumentInspector& inspector,
                             CaseService& cases, Vault& vault, Clock& clock, const AppSettings& settings)
    : _store(store), _documents(documents), _inspector(inspector), _cases(cases), _vault(vault), _clock(clock),
      _settings(settings)
{
}

IntakeOutcome IntakeService::takeIn(const CaseRecord& record, std::vector<IncomingFile> files,
                                    const std::string& channel, const Actor& actor)
{
    if (files.size() > _settings.maxFilesPerUpload)
        throw Error(ErrorCode::TooLarge, "too many files at once: " + std::to_string(files.size()) +
                                             "; send at most " + std::to_string(_settings.maxFilesPerUpload));
    std::vector<DocumentRecord> existing = _store.documents(record.id);
    if (existing.size() + files.size() > _settings.maxDocumentsPerCase)
        throw Error(ErrorCode::TooLarge, "this case cannot hold more than " +
                                             std::to_string(_settings.maxDocumentsPerCase) + " documents");
    std::set<std::string> knownDigests;
    for (const DocumentRecord& document : existing)
        knownDigests.insert(document.sha256);
    std::set<std::string> kinds;
    for (const auto& [kind, label] : documentKindLabels())
        kinds.insert(kind);

    IntakeOutcome outcome;
    std::vector<DocumentRecord> accepted;
    std::vector<std::size_t> acceptedIndex;
    std::vector<AuditEntry> audit;
    Instant now = _clock.now();
    for (IncomingFile& file : files)
    {
        FileOutcome result;
        result.filename = displayFilename(file.filename);
        try
        {
            if (file.bytes.empty())
                throw Error(ErrorCode::InvalidInput, "the file is empty");
            if (file.bytes.size() > _settings.maxFileBytes)
                throw Error(ErrorCode::TooLarge, "the file is " + std::to_string(file.bytes.size() / (1024 * 1024)) +
                                                     " MB; the limit is " +
                                                     std::to_string(_settings.maxFileBytes / (1024 * 1024)) + " MB");
            DocumentFormat format = _inspector.inspect(file.bytes);
            if (!format.accepted)
                throw Error(ErrorCode::InvalidInput, "this is not a JPEG, PNG, TIFF or PDF file (it looks like " +
                                                         format.mediaType + ")");
            StoredBlob blob = _documents.put(record.id, record.wrappedKey, file.bytes);
            if (knownDigests.count(blob.sha256) != 0)
            {
                _documents.remove(blob.storageKey);
                result.duplicate = true;
                outcome.files.push_back(result);
                continue;
            }
            knownDigests.insert(blob.sha256);
            DocumentRecord document;
            document.caseId = record.id;
            document.kind = kinds.count(file.declaredKind) != 0 ? file.declaredKind : "unknown";
            document.mediaType = format.mediaType;
            document.displayName = result.filename;
            document.storageKey = blob.storageKey;
            document.sha256 = blob.sha256;
            document.size = blob.size;
            document.pages = format.pages;
            document.channel = channel;
            document.receivedAt = now;
            accepted.push_back(document);
            acceptedIndex.push_back(outcome.files.size());
            audit.push_back(AuditEntry{now, actor.id, "document.received", record.id, std::nullopt,
                                       channel + ", " + format.mediaType + ", " + std::to_string(format.pages) +
                                           " page(s)"});
        }
        catch (const Error& error)
        {
            if (error.code() == ErrorCode::Unavailable || error.code() == ErrorCode::Internal)
                throw;
            result.error = error.what();
        }
        outcome.files.push_back(result);
    }
    if (!accepted.empty())
    {
        std::vector<std::int64_t> ids;
        try
        {
            ids = _store.addDocuments(record.id, accepted, audit);
        }
        catch (...)
        {
            // The database refused: nothing refers to the stored bytes, so remove them and report failure.
            for (const DocumentRecord& document : accepted)
                _documents.remove(document.storageKey);
            throw;
        }
        for (std::size_t i = 0; i < ids.size(); ++i)
        {
            outcome.files[acceptedIndex[i]].stored = true;
            outcome.files[acceptedIndex[i]].documentId = ids[i];
        }
        outcome.workflow = _cases.fire(record.id, "documents_added", actor, {});
        refreshChecks(record.id);
    }
    return outcome;
}

void IntakeService::refreshChecks(std::int64_t caseId)
{
    try
    {
        _cases.checks().refresh(caseId);
    }
    catch (const Error&)
    {
        // What arrived is stored and acknowledged; the queue's count catches up at the next reading or view.
    }
}

std::optional<CaseRecord> IntakeService::caseForUploadToken(const std::string& token)
{
    if (token.size() < 16 || token.size() > 64)
        return std::nullopt;
    return _store.findByUploadToken(_vault.keyedHash("upload", token));
}

std::string IntakeService::provideSsnLast4(const CaseRecord& record, const std::string& digits, const Actor& actor)
{
    std::string clean;
    for (char c : digits)
    {
        if (c >= '0' && c <= '9')
            clean += c;
        else if (c != ' ' && c != '-')
            return "Enter only the last four digits of your Social Security number.";
    }
    if (clean.size() != 4)
        return "Enter exactly four digits: the last four of your Social Security number.";
    _store.setSsnLast4Hash(record.id, _vault.keyedHash("ssn_last4", clean),
                           AuditEntry{_clock.now(), actor.id, "case.ssn_last4_received", record.id, std::nullopt, ""});
    _cases.fire(record.id, "documents_added", actor, {});
    refreshChecks(record.id);
    return {};
}

} // namespace proofdesk
