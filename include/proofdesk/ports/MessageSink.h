#pragma once

#include <string>

namespace proofdesk
{

/// What taking one raw message did.
enum class TakeOutcome
{
    Taken,         // stored durably and committed (it will be processed even if the process dies now)
    AlreadyTaken,  // the same message (Message-ID plus content hash) was taken before; nothing written
    NotAMessage    // the bytes are not an RFC 5322 message; nothing written (the caller may drop it)
};

/// Where incoming mail goes: the POP3 poller and the mailgate command hand each raw message here and
/// remove it from its source (DELE, exit 0) only after take() returned.
class MessageSink
{
public:
    virtual ~MessageSink() = default;

    /// Stores the raw message durably and commits it before returning. `channel` names where it came from
    /// ("pop3", "mailgate"). Throws Error(Unavailable) when it could not be stored (the caller must keep
    /// the message at its source and retry later).
    virtual TakeOutcome take(const std::string& raw, const std::string& channel) = 0;
};

} // namespace proofdesk
