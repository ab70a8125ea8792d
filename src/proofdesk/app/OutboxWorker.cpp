#include "proofdesk/app/OutboxWorker.h"

#include "proofdesk/domain/EmailMessage.h"
#include "proofdesk/domain/Error.h"

#include <algorithm>

namespace proofdesk
{

OutboxWorker::OutboxWorker(OutboxStore& outbox, MailTransport& transport, Vault& vault, Clock& clock,
                           const AppSettings& settings)
    : _outbox(outbox), _transport(transport), _vault(vault), _clock(clock), _settings(settings)
{
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
            _healthy = false;
            break;
        }
        case SendOutcome::PermanentFailure:
            _outbox.markAttemptFailed(row.id, error, now, true);
            break;
        }
    }
    return sent;
}

} // namespace proofdesk
