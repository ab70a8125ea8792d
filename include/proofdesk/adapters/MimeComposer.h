#pragma once

#include "proofdesk/domain/EmailMessage.h"
#include "proofdesk/ports/Clock.h"

#include <string>

namespace proofdesk
{

/// The RFC 5322 bytes of a message: multipart/alternative (text, then HTML, quoted-printable UTF-8),
/// Date, Message-ID, In-Reply-To/References when replying, Auto-Submitted, RFC 2047 words for non-ASCII
/// names and subjects. Header values are stripped of CR and LF so no value can inject a header.
std::string composeMime(const EmailMessage& message, Instant date);

} // namespace proofdesk
