#pragma once

// The checks of a case (SPEC 2.5, issue 5): each document's fields compared with the registration, the
// consistency signals, and whether the evidence is sufficient. Checks advise, reviewers decide: nothing here
// changes a case; the result is shown beside the documents and a failing check makes approval need a
// supervisor's second approval.
//
// PRIVACY: CheckOutcome's expected, found and reason (and document labels) hold PII (names, addresses,
// dates of birth, document numbers). Show them to reviewers; never log them. Log ids and verdicts only.

#include "proofdesk/domain/CheckResult.h"
#include "proofdesk/domain/Evidence.h"
#include "proofdesk/domain/Extraction.h"
#include "proofdesk/domain/Profile.h"
#include "proofdesk/domain/UspsTables.h"
#include "proofdesk/domain/Workflow.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace proofdesk
{

/// The check ids, as written in the `check` command's JSON and stored with a case.
struct CheckIds
{
    static constexpr const char* NameMatch = "name_match";                  // per document with a name
    static constexpr const char* AddressMatch = "address_match";            // per address-bearing document
    static constexpr const char* DobMatch = "dob_match";                    // per ID
    static constexpr const char* IdUnexpired = "id_unexpired";              // per ID
    static constexpr const char* StatementRecent = "statement_recent";      // per statement
    static constexpr const char* IssuersDistinct = "issuers_distinct";      // case
    static constexpr const char* DocumentsDistinct = "documents_distinct";  // case
    static constexpr const char* SsnLast4 = "ssn_last4";                    // case
    static constexpr const char* BarcodeFrontAgree = "barcode_front_agree"; // per card front with a back
    static constexpr const char* MrzVisualAgree = "mrz_visual_agree";       // per passport
    static constexpr const char* Reuse = "reuse";                           // per document (case when not searched)

    /// All of them, in the order results are reported.
    static const std::vector<std::string>& all();
};

/// One document of the case as the checks see it.
struct CheckDocument
{
    /// How the document is named to the reviewer: its file name or its document id. Unique within a case.
    std::string label;
    /// What reading it produced (document_type, fields with their sources).
    Extraction extraction;
    /// Hex SHA-256 of the document's bytes (documents_distinct); empty when unknown.
    std::string sha256;
    /// 64-bit difference hash of its first page as 16 hex digits (adapters/PerceptualHash.h); empty when
    /// unknown. Compared by Hamming distance (perceptualHashDistance).
    std::string perceptualHash;
    /// The same document read from its other zone: for a passport whose fields came from the MRZ, the visual
    /// zone (mrz_visual_agree). When absent, the extraction's own visualZone (the reader's) stands for it.
    std::optional<Extraction> otherZone;
};

/// The SSN facts of a case. The caller compares keyed hashes (the vault); the checks never see digits.
struct SsnFacts
{
    /// The full SSN was given at registration.
    bool ssnGiven = false;
    /// The applicant has sent the last four digits since.
    bool last4Provided = false;
    /// When last4Provided and a registered SSN exists: whether the digits sent equal its last four.
    /// nullopt when there is nothing to compare with.
    std::optional<bool> last4Matches;
};

/// How a document of this case was found on another case (by the caller, from the case store).
enum class ReuseKind
{
    DocumentNumber,  // the same issuing authority's document number
    Image            // a perceptual hash within CheckSettings::imageMatchMaxDistance, or the same bytes
};

/// One sighting of a document of this case on another case.
struct ReuseHit
{
    std::string document;   // the label of this case's document
    std::string otherCase;  // the other case's reference, e.g. "PD-7K3M-Q9XD"
    ReuseKind kind = ReuseKind::DocumentNumber;
};

/// Everything the checks look at. Plain value.
struct CheckInput
{
    /// The registration (after normalizeRegistration).
    Profile profile;
    /// The case's documents, in the order they should be reported (e.g. arrival order).
    std::vector<CheckDocument> documents;
    /// The reviewer's day (from the Clock), for expiry and recency.
    std::chrono::sys_days today{};
    SsnFacts ssn;
    /// Hits on other cases; nullopt when no search was made (the `check` command has no case store): then
    /// `reuse` reports one Unknown result for the case.
    std::optional<std::vector<ReuseHit>> reuse;
};

/// One check's result.
struct CheckOutcome
{
    std::string id;                       // one of CheckIds
    std::optional<std::string> document;  // the document's label; nullopt for a check of the whole case
    CheckResult result = CheckResult::Unknown;
    std::string expected;                 // PII: never log
    std::string found;                    // PII: never log
    std::string reason;                   // PII: never log
};

/// The checks of a case.
struct CheckReport
{
    /// Sufficiency (evaluateEvidence) with the two sides of one card counted once.
    EvidenceStatus evidence;
    /// In CheckIds::all() order; per-document results in the documents' order.
    std::vector<CheckOutcome> checks;
    /// Pairs of labels (back read from its PDF417 barcode, front) taken for the two sides of one card.
    std::vector<std::pair<std::string, std::string>> pairedSides;

    /// How many results are Fail / Unknown.
    int failed() const noexcept;
    int unknown() const noexcept;

    /// The results, failing first, then unknown, then passing (stable within each), for the case page.
    std::vector<CheckOutcome> failingFirst() const;
};

/// Runs every check and the evidence calculus of the workflow. Pure function: no I/O, no clock; never
/// throws except std::bad_alloc, whatever the extractions hold. Kinds: IDs are drivers_license, state_id,
/// passport; cards the first two; statements bank_statement, utility_bill, payroll_statement.
/// - name_match (each document with a name, or of a known kind): matchName (NameMatch.h).
/// - address_match (each document with an address field, and every statement): matchAddress (AddressMatch.h).
/// - dob_match (each ID, and any document with a date of birth): equal; day and month swapped is Unknown.
/// - id_unexpired (each ID): Pass when the expiration date is later than today + workflow.checks()
///   .idExpiryMarginDays; Fail on or before; Unknown when not read.
/// - statement_recent (each statement): Pass when 0..N days old, N = max_age_days of the first evidence
///   requirement listing its kind (90 when none gives it); Fail when older; Unknown when dated after today or
///   not read.
/// - issuers_distinct (case): Pass when the statements name at least two issuers after normalizeIssuerName;
///   Fail when all name the same one; Unknown with fewer than two statements or an issuer not read.
/// - documents_distinct (case): Fail when two documents have the same SHA-256, or perceptual hashes within
///   workflow.checks().imageMatchMaxDistance bits unless their fields tell them apart (another number,
///   statement date, date of birth, expiry, issuer or kind); Unknown when a document has no hash.
/// - ssn_last4 (case): from SsnFacts; Unknown when nothing was sent or nothing registered to compare with.
/// - barcode_front_agree (each card front with a back: the paired one, else the case's only back of its kind):
///   number, name, date of birth, expiry, sex; a number read as a prefix or suffix of 6+ characters of the
///   other is Unknown, a different one Fail.
/// - mrz_visual_agree (each passport): the same comparison between the MRZ and CheckDocument::otherZone;
///   Unknown, saying which zone was read, when the extraction carries only one.
/// - reuse (each document, from CheckInput::reuse): Fail with the other cases, else Pass; one Unknown for the
///   case when no search was made.
/// Sufficiency: evaluateEvidence over the documents' kinds, where a card back read from its PDF417 barcode and
/// a front (OCR) with the same number (or a prefix/suffix of 6+ characters of it), or with no number read but
/// the same kind, name and date of birth, count as one document (CheckReport::pairedSides).
CheckReport runChecks(const WorkflowDefinition& workflow, const UspsTables& tables, const CheckInput& input);

/// The Hamming distance of two 16-hex-digit perceptual hashes (0..64), or nullopt when either is not
/// exactly 16 hex digits.
std::optional<int> perceptualHashDistance(std::string_view a, std::string_view b);

/// An issuer's name reduced for comparison: upper case, "&" read as AND, punctuation dropped, a leading
/// THE and corporate endings (N.A., NA, FSB, INC, LLC, CO, CORP, COMPANY, CORPORATION, LTD, PLC, LP, LLP,
/// NATIONAL ASSOCIATION) removed: "Bank of Example, N.A." -> "BANK OF EXAMPLE".
std::string normalizeIssuerName(std::string_view name);

} // namespace proofdesk
