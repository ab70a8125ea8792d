#pragma once

#include "proofdesk/domain/InboundMail.h"

#include <optional>
#include <string>
#include <vector>

namespace proofdesk
{

// Mail that was itself sent by a machine (auto-replies, vacation notices, bounces, mailing lists, our own
// notifications coming back) must never get an automatic answer, or two robots answer each other forever
// (RFC 3834 section 2). The checks look only at headers the parser already extracted.

/// Why this message must never be answered automatically, or std::nullopt when it may be.
std::optional<std::string> automaticMailReason(const InboundMail& mail,
                                               const std::vector<std::string>& ownAddresses);

} // namespace proofdesk
