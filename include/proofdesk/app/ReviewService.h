#pragma once

#include "proofdesk/app/AppSettings.h"
#include "proofdesk/app/CaseService.h"
#include "proofdesk/domain/Extraction.h"
#include "proofdesk/ports/DocumentInspector.h"
#include "proofdesk/ports/DocumentStore.h"
#include "proofdesk/ports/ReviewerStore.h"

#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

/// A signed-in reviewer, as a request sees them.
struct ReviewerSession
{
    ReviewerRecord reviewer;
    std::string csrfToken;
    std::string tokenHash;
};

/// Everything the case page shows.
struct CaseView
{
    CaseRecord record;
    Profile profile;
    std::vector<DocumentRecord> documents;
    std::vector<std::optional<Extraction>> extractions;  // parallel to documents: what reading found, if read
    std::vector<CaseEvent> events;
    std::vector<std::string> eventNotes;  // opened notes, parallel to events
    std::vector<AuditEntry> audit;
    EvidenceStatus evidence;
    /// The checks computed now (PII: for the page, never for a log), and the failing and missing items in the
    /// applicant's words, to pre-fill a request for information.
    CheckReport checks;
    std::vector<std::string> requestItems;
    std::vector<std::string> actions;     // events this reviewer may fire now
    bool claimedByMe = false;
    bool claimedByOther = false;
};

/// The reviewer's side: sign-in and sessions, the queue, the case page, claims and decisions.
class ReviewService
{
public:
    ReviewService(ReviewerStore& reviewers, CaseStore& store, CaseService& cases, DocumentStore& documents,
                  DocumentInspector& inspector, SecretHasher& hasher, Vault& vault, RandomSource& random,
                  Clock& clock, const AppSettings& settings);

    /// Adds a reviewer (CLI and demo seeding). Throws Error(InvalidInput) for a weak password,
    /// Error(Conflict) when the user ID exists.
    void addReviewer(const std::string& userId, const std::string& displayName, const std::string& role,
                     const std::string& password);

    /// Checks credentials; returns the session cookie value, or nullopt (same answer for unknown user,
    /// wrong password, disabled or locked account, so nothing is revealed).
    std::optional<std::string> signIn(const std::string& userId, const std::string& password);
    /// The live session for a cookie value, refreshed; nullopt when unknown or idle too long.
    std::optional<ReviewerSession> session(const std::string& cookieValue);
    void signOut(const std::string& cookieValue);

    /// The queue, oldest first; `failingOnly` keeps the cases with a failing check.
    std::vector<QueueRow> queue(int limit, int offset, bool failingOnly = false);
    int queueSize(bool failingOnly = false);

    /// The case page. Throws Error(NotFound) for an unknown reference.
    CaseView view(const ReviewerSession& who, const std::string& reference);

    /// Claims the case for the reviewer (a lease). Throws Error(Conflict) when someone else holds it.
    void claim(const ReviewerSession& who, const std::string& reference);
    void release(const ReviewerSession& who, const std::string& reference);

    /// approve / reject / request_info. The reviewer must hold the claim. Returns the outcome
    /// (refusals explain a decision the workflow does not allow).
    EventOutcome decide(const ReviewerSession& who, const std::string& reference, const std::string& event,
                        const std::map<std::string, std::string>& inputs);

    /// A page of a document as PNG, audited as a view. Throws Error(NotFound).
    std::string documentPage(const ReviewerSession& who, const std::string& reference, std::int64_t documentId,
                             int page);

private:
    CaseRecord mustFind(const std::string& reference);
    Actor actorOf(const ReviewerSession& who) const { return Actor{who.reviewer.userId, who.reviewer.role}; }

    ReviewerStore& _reviewers;
    CaseStore& _store;
    CaseService& _cases;
    DocumentStore& _documents;
    DocumentInspector& _inspector;
    SecretHasher& _hasher;
    Vault& _vault;
    RandomSource& _random;
    Clock& _clock;
    const AppSettings& _settings;
};

} // namespace proofdesk
