#pragma once

#include "proofdesk/adapters/SqliteDatabase.h"
#include "proofdesk/ports/MailStore.h"

namespace proofdesk
{

/// MailStore on the SQLite database (tables inbound_mail and mail_replies, migration 0003).
class SqliteMailStore : public MailStore
{
public:
    explicit SqliteMailStore(SqliteDatabase& db);

    std::optional<std::int64_t> insert(const NewInbound& message) override;
    std::optional<InboundRecord> claimNext(Instant now, Instant staleBefore, int maxAttempts) override;
    int triageAbandoned(Instant staleBefore, int maxAttempts, Instant now) override;
    void releaseAfterFailure(std::int64_t id, const std::string& error, bool giveUp, Instant now) override;
    bool update(const InboundUpdate& update, bool& replied) override;
    std::optional<InboundRecord> find(std::int64_t id) override;
    std::vector<InboundRecord> inState(const std::string& state, int limit, int offset) override;
    int countInState(const std::string& state) override;
    std::vector<InboundRecord> forCase(std::int64_t caseId) override;
    std::vector<std::pair<std::int64_t, std::string>> casesWithEmailHash(const std::string& emailHash) override;
    int repliesSince(std::optional<std::int64_t> caseId, const std::string& senderHash, const std::string& kind,
                     Instant since) override;

private:
    std::vector<InboundRecord> select(const std::string& where, const std::vector<SqlValue>& values);

    SqliteDatabase& _db;
};

} // namespace proofdesk
