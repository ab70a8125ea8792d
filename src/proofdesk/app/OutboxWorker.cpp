#include "proofdesk/app/OutboxWorker.h"

#include "proofdesk/domain/EmailMessage.h"
#include "proofdesk/domain/Error.h"

#include <algorithm>

namespace proofdesk
{

OutboxWorker::OutboxWorker(OutboxStore& outbox, MailTransport& transport, Vault& vault, Clock& clock,
                           const AppSettings& settings, CaseStore* cases)
    : _outbox(outbox), _transport(transport), _vault(vault), _clock(clock), _settings(settings), _cases(cases)
{
}

void OutboxWorker::noteUndelivered(const OutboxRecord& row, const std::string& reason, Instant now)
{
    if (_cases == nullptr || row.caseId <= 0)
        return;
    // The audit trail carries no PII: a server's reply often quotes the recipient, so addresses go.
    std::string detail = "email " + row.kind + " could not be delivered: ";
    std::size_t start = 0;
    while (start <= reason.size())
    {
        std::size_t end = reason.find(' ', start);
        if (end == std::string::npos)
            end = reason.size();
        std::string word = reason.substr(start, end - start);
        detail += word.find('@') != std::string::npos ? "<address>" : word;
        if (end < reason.size())
            detail += ' ';
        start = end + 1;
    }
    if (detail.size() > 500)
        detail = detail.substr(0, 500) + "...";
    try
    {
        _cases->audit(AuditEntry{now, "system", "email.undelivered", row.caseId, std::nullopt, detail});
    }
    catch (const Error&)
    {
        // The row is marked failed already (and counted in health); the note is not worth stopping the queue.
    }
}

int OutboxWorker::drainOnce(int limit)
{
    int sent = 0;
    for (const OutboxRecord& row : _outbox.due(_clock.now(), limit))
    {
        std::string error;
        SendOutcome outcome = SendOutcome::PermanentFailure;
        try
        {
            EmailMessage message = decodeEmail(_vault.open(row.wrappedKey, row.sealedMessage));
            outcome = _transport.send(message, error);
        }
        catch (const Error& e)
        {
            // A message we cannot open (purged case, tampered row) will never become sendable.
            error = e.what();
            outcome = e.code() == ErrorCode::Unavailable ? SendOutcome::TemporaryFailure : SendOutcome::PermanentFailure;
        }
        Instant now = _clock.now();
        switch (outcome)
        {
        case SendOutcome::Accepted:
            _outbox.markSent(row.id, now);
            _healthy = true;
            ++sent;
            break;
        case SendOutcome::TemporaryFailure:
        {
            // Exponential backoff from 30 s, capped at one hour, until the give-up time.
            int shift = std::min(row.attempts, 7);
            auto delay = std::chrono::seconds(30) * (1 << shift);
            delay = std::min<std::chrono::seconds>(delay, std::chrono::hours(1));
            bool giveUp = now - row.createdAt >= _settings.outboxGiveUpAfter;
            _outbox.markAttemptFailed(row.id, error, now + delay, giveUp);
            if (giveUp)
                noteUndelivered(row, "gave up after repeated temporary failures; last: " + error, now);
            _healthy = false;
            break;
        }
        case SendOutcome::PermanentFailure:
            _outbox.markAttemptFailed(row.id, error, now, true);
            noteUndelivered(row, error, now);
            break;
        }
    }
    return sent;
}

} // namespace proofdesk
