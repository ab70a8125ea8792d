#pragma once

#include "proofdesk/domain/InboundMail.h"

#include <string>

namespace proofdesk
{

/// Turns raw RFC 5322 bytes into an InboundMail (MIME decoded, nested multiparts and forwarded messages
/// walked, limits on depth, part count and size applied).
class MailParser
{
public:
    virtual ~MailParser() = default;

    /// Parses one message. Throws Error(InvalidInput) when the bytes are not a message at all (no header
    /// section); a message with broken parts is still returned, with notes saying what was skipped. Never
    /// crashes or hangs on any input.
    virtual InboundMail parse(const std::string& raw) const = 0;
};

} // namespace proofdesk
