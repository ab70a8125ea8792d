#pragma once

#include "proofdesk/domain/Checks.h"
#include "proofdesk/domain/WorkflowEngine.h"
#include "proofdesk/ports/CaseStore.h"
#include "proofdesk/ports/Clock.h"
#include "proofdesk/ports/ImageFingerprint.h"
#include "proofdesk/ports/Vault.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

/// The checks of a stored case (issue 5, SPEC 2.5): builds runChecks' input from what the case holds (the
/// profile, each document's extraction and fingerprints, the SSN hashes, the same documents on other cases,
/// today from the clock) and keeps the case's failing count current for the queue.
///
/// Results are computed on demand (tens of microseconds for a case) for the case page and for decisions; only
/// the failing count is stored (CaseRecord::failingChecks), refreshed when documents arrive or are read and
/// when the SSN's last four arrive, and whenever the case page computes a different count (a day passing can
/// expire an ID).
///
/// PRIVACY: reports hold PII (expected, found, reason): for the reviewer's screen, never for a log.
class CheckService
{
public:
    CheckService(CaseStore& store, const WorkflowEngine& engine, const UspsTables& tables, Vault& vault, Clock& clock,
                 const ImageFingerprint& fingerprint);

    /// What the checks look at for the case, from the store. A document is labelled by its file name (made
    /// unique within the case); its kind is the one reading found, else the one declared. Throws Error(NotFound)
    /// for a purged case (nothing left to check), Error(Unavailable) when storage fails.
    CheckInput input(const CaseRecord& record);

    /// Runs every check of the case now (input() then runChecks()).
    CheckReport report(const CaseRecord& record);

    /// Runs the checks of the case and stores its failing count. Returns the report; nullopt for an unknown or
    /// purged case.
    std::optional<CheckReport> refresh(std::int64_t caseId);

    /// After reading a document (extraction null when reading failed): stores its fingerprints (perceptual
    /// hash of `bytes`, keyed hashes of its number and of what was read), then refreshes the case and every
    /// other case the document was found on. Never throws for a page that cannot be fingerprinted.
    void documentRead(const DocumentRecord& document, std::string_view bytes, const Extraction* extraction);

    /// The other cases holding one of this case's documents (by bytes, document number, or the same image with
    /// the same reading), as ReuseHits labelled like input()'s documents.
    std::vector<ReuseHit> reuseHits(const CaseRecord& record, const std::vector<DocumentRecord>& documents,
                                    const std::vector<std::string>& labels);

    /// The failing and missing items of a report in words for the applicant, for a request for information:
    /// no values from the documents or the registration (no digits, numbers, names or addresses), only which
    /// of their documents and what about it, e.g. "The ZIP code on your bank statement (march.pdf) does not
    /// match the address you registered."
    std::vector<std::string> requestItems(const CaseRecord& record, const CheckReport& report);

    /// The workflow whose evidence and check settings apply.
    const WorkflowEngine& engine() const { return _engine; }

private:
    CheckInput inputFor(const CaseRecord& record, const std::vector<DocumentRecord>& documents,
                        std::vector<std::string>& labels);

    CaseStore& _store;
    const WorkflowEngine& _engine;
    const UspsTables& _tables;
    Vault& _vault;
    Clock& _clock;
    const ImageFingerprint& _fingerprint;
};

/// The keyed-hash input for a document number: upper case letters and digits only; empty when fewer than 5
/// remain (too short to mean anything across cases).
std::string normalizedDocumentNumber(std::string_view number);

} // namespace proofdesk
