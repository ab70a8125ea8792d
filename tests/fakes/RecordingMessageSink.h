#pragma once

#include "proofdesk/domain/Error.h"
#include "proofdesk/ports/MessageSink.h"

#include <set>
#include <string>
#include <vector>

namespace proofdesk::test
{

/// Thrown by RecordingMessageSink to stand for the process being killed right after a commit. Not a
/// std::exception, so nothing in the code under test handles it: the test catches it.
struct SimulatedKill
{
};

/// A MessageSink that keeps every raw message it takes, recognises a repeat by its content (the real sink
/// uses Message-ID plus content hash), refuses bytes without a header line as NotAMessage, and can be told
/// to fail: Error(Unavailable) on the Nth call, or a SimulatedKill after committing on the Nth call.
class RecordingMessageSink : public MessageSink
{
public:
    std::vector<std::string> taken;   // committed, in order
    int calls = 0;
    int alreadyTaken = 0;
    int notMessages = 0;
    int unavailableOnCall = 0;        // 1-based; 0 = never
    int killAfterCommitOnCall = 0;    // 1-based; 0 = never

    TakeOutcome take(const std::string& raw, const std::string& channel) override
    {
        ++calls;
        channels.insert(channel);
        if (calls == unavailableOnCall)
            throw Error(ErrorCode::Unavailable, "the message store is offline (simulated)");
        if (!looksLikeMessage(raw))
        {
            ++notMessages;
            return TakeOutcome::NotAMessage;
        }
        if (!_seen.insert(raw).second)
        {
            ++alreadyTaken;
            return TakeOutcome::AlreadyTaken;
        }
        taken.push_back(raw);
        if (calls == killAfterCommitOnCall)
            throw SimulatedKill{};
        return TakeOutcome::Taken;
    }

    std::set<std::string> channels;

private:
    // A first line "Name: value" with a printable field name (RFC 5322 2.2).
    static bool looksLikeMessage(const std::string& raw)
    {
        std::size_t colon = raw.find(':');
        std::size_t eol = raw.find('\n');
        if (colon == std::string::npos || colon == 0 || (eol != std::string::npos && eol < colon))
            return false;
        for (std::size_t i = 0; i < colon; ++i)
        {
            unsigned char c = static_cast<unsigned char>(raw[i]);
            if (c < 33 || c > 126)
                return false;
        }
        return true;
    }

    std::set<std::string> _seen;
};

} // namespace proofdesk::test
