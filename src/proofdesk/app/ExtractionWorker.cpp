#include "proofdesk/app/ExtractionWorker.h"

#include "proofdesk/app/ExtractionJson.h"
#include "proofdesk/domain/Error.h"

#include <optional>

namespace proofdesk
{

ExtractionWorker::ExtractionWorker(CaseStore& store, DocumentStore& documents, DocumentReader& reader, Vault& vault,
                                   Clock& clock, CheckService& checks, CaseService& cases, std::chrono::seconds lease,
                                   int maxAttempts)
    : _store(store), _documents(documents), _reader(reader), _vault(vault), _clock(clock), _checks(checks),
      _cases(cases), _lease(lease), _maxAttempts(maxAttempts)
{
}

bool ExtractionWorker::readOne()
{
    Instant now = _clock.now();
    _store.failAbandonedReads(now - _lease, _maxAttempts);
    auto claimed = _store.claimDocumentToRead(now, now - _lease, _maxAttempts);
    if (!claimed)
        return false;
    const DocumentRecord& document = claimed->first;
    const std::string& wrappedKey = claimed->second;
    std::string bytes;
    std::optional<Extraction> extraction;
    try
    {
        bytes = _documents.get(document.storageKey, wrappedKey);
        extraction = _reader.read(bytes);
        std::string sealed = _vault.seal(wrappedKey, extractionJsonLine(document.displayName, *extraction));
        _store.finishReading(document.id, "read", extraction->documentType, sealed, "");
    }
    catch (const Error& e)
    {
        // Storage trouble is not the document's fault: leave it to be claimed again after the lease.
        if (e.code() == ErrorCode::Unavailable)
            throw;
        extraction.reset();
        _store.finishReading(document.id, "failed", "", "", e.what());
    }
    catch (const std::exception& e)
    {
        extraction.reset();
        _store.finishReading(document.id, "failed", "", "", std::string("the reader failed: ") + e.what());
    }
    // The reading is recorded whatever happens next: checks that cannot be refreshed now are refreshed when
    // the case is next looked at.
    try
    {
        if (!bytes.empty())
            _checks.documentRead(document, bytes, extraction ? &*extraction : nullptr);
        else
            _checks.refresh(document.caseId);
    }
    catch (const Error& e)
    {
        if (e.code() == ErrorCode::Unavailable)
            throw;
    }
    // Only a read kind nobody declared changes the evidence; the workflow decides what that means (in the
    // shipped workflow: awaiting documents -> ready for review once the evidence is complete). No transition
    // for the event in the case's state is an ordinary outcome, not an error.
    if (extraction && document.kind == "unknown" && extraction->documentType != "unknown")
    {
        try
        {
            _cases.fire(document.caseId, "documents_read", Actor{"system", "system"}, {});
        }
        catch (const Error& e)
        {
            if (e.code() == ErrorCode::Unavailable)
                throw;
        }
    }
    return true;
}

} // namespace proofdesk
