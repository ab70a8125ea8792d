#pragma once

#include "proofdesk/app/CaseService.h"
#include "proofdesk/app/CheckService.h"
#include "proofdesk/ports/CaseStore.h"
#include "proofdesk/ports/Clock.h"
#include "proofdesk/ports/DocumentReader.h"
#include "proofdesk/ports/DocumentStore.h"
#include "proofdesk/ports/Vault.h"

#include <chrono>

namespace proofdesk
{

/// Reads stored documents in the background, as a durable job: a document is claimed (queued -> reading),
/// read, and its extraction sealed and recorded (read, or failed with the reason). A reader that dies
/// mid-document leaves it "reading"; after the lease it is claimed again, and after `maxAttempts` such
/// deaths it is failed with a reason rather than retried for ever. Nothing is ever left reading for good.
/// After each document, its fingerprints are stored and its case's checks refreshed (CheckService), and the
/// case is told (event documents_read): a document whose kind nobody declared (an email attachment) counts
/// for the evidence once reading has found it, and the workflow may then move the case on.
class ExtractionWorker
{
public:
    ExtractionWorker(CaseStore& store, DocumentStore& documents, DocumentReader& reader, Vault& vault, Clock& clock,
                     CheckService& checks, CaseService& cases, std::chrono::seconds lease = std::chrono::minutes(10), int maxAttempts = 3);

    /// Reads at most one document. Returns false when there was nothing to read.
    bool readOne();

private:
    CaseStore& _store;
    DocumentStore& _documents;
    DocumentReader& _reader;
    Vault& _vault;
    Clock& _clock;
    CheckService& _checks;
    CaseService& _cases;
    std::chrono::seconds _lease;
    int _maxAttempts;
};

} // namespace proofdesk
