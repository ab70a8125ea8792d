#pragma once

#include "proofdesk/ports/Clock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

struct ReviewerRecord
{
    std::int64_t id = 0;
    std::string userId;
    std::string displayName;
    std::string role;          // reviewer, supervisor
    std::string passwordHash;  // Argon2id
    bool disabled = false;
    int failedSignIns = 0;
    Instant createdAt{};
};

struct SessionRecord
{
    std::string tokenHash;     // keyed hash of the cookie value
    std::int64_t reviewerId = 0;
    std::string csrfToken;
    Instant createdAt{};
    Instant lastSeenAt{};
};

/// Reviewers (staff accounts) and their sign-in sessions.
class ReviewerStore
{
public:
    virtual ~ReviewerStore() = default;

    /// Inserts a reviewer. Throws Error(Conflict) when the user ID exists.
    virtual std::int64_t addReviewer(const ReviewerRecord& reviewer) = 0;
    virtual std::optional<ReviewerRecord> findReviewer(const std::string& userId) = 0;
    virtual std::optional<ReviewerRecord> findReviewerById(std::int64_t id) = 0;
    virtual std::vector<ReviewerRecord> reviewers() = 0;
    virtual void setDisabled(const std::string& userId, bool disabled) = 0;
    virtual void recordSignIn(std::int64_t reviewerId, bool success) = 0;

    virtual void createSession(const SessionRecord& session) = 0;
    virtual std::optional<SessionRecord> findSession(const std::string& tokenHash) = 0;
    virtual void touchSession(const std::string& tokenHash, Instant at) = 0;
    virtual void deleteSession(const std::string& tokenHash) = 0;
};

} // namespace proofdesk
