#pragma once

#include <string>
#include <utility>
#include <vector>

namespace proofdesk
{

/// An outgoing email as the application means it; adapters turn it into RFC 5322 bytes.
struct EmailMessage
{
    std::string messageId;   // without angle brackets: "abc@proofdesk.example"
    std::string from;        // address
    std::string fromName;
    std::string to;          // address
    std::string toName;
    std::string subject;
    std::string text;        // text/plain part
    std::string html;        // text/html part
    std::string inReplyTo;   // Message-ID this replies to, or empty
    bool autoReply = false;  // adds Auto-Submitted: auto-replied
};

/// Encodes fields as netstrings ("5:hello,"), so any bytes survive; used to seal structured values.
std::string encodeFields(const std::vector<std::pair<std::string, std::string>>& fields);

/// Reverses encodeFields. Throws Error(Internal) on malformed input.
std::vector<std::pair<std::string, std::string>> decodeFields(const std::string& encoded);

std::string encodeEmail(const EmailMessage& message);
EmailMessage decodeEmail(const std::string& encoded);

} // namespace proofdesk
