#include "proofdesk/domain/EmailMessage.h"

#include "proofdesk/domain/Error.h"

#include <map>

namespace proofdesk
{

namespace
{

void appendNetstring(std::string& out, const std::string& value)
{
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += ',';
}

std::string readNetstring(const std::string& in, std::size_t& pos)
{
    std::size_t colon = in.find(':', pos);
    if (colon == std::string::npos || colon == pos || colon - pos > 12)
        throw Error(ErrorCode::Internal, "malformed field encoding (length)");
    std::size_t length = 0;
    for (std::size_t i = pos; i < colon; ++i)
    {
        if (in[i] < '0' || in[i] > '9')
            throw Error(ErrorCode::Internal, "malformed field encoding (digit)");
        length = length * 10 + static_cast<std::size_t>(in[i] - '0');
    }
    std::size_t start = colon + 1;
    if (length >= in.size() || start + length >= in.size())
        throw Error(ErrorCode::Internal, "malformed field encoding (truncated)");
    if (in[start + length] != ',')
        throw Error(ErrorCode::Internal, "malformed field encoding (terminator)");
    pos = start + length + 1;
    return in.substr(start, length);
}

} // namespace

std::string encodeFields(const std::vector<std::pair<std::string, std::string>>& fields)
{
    std::string out;
    for (const auto& [name, value] : fields)
    {
        appendNetstring(out, name);
        appendNetstring(out, value);
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> decodeFields(const std::string& encoded)
{
    std::vector<std::pair<std::string, std::string>> fields;
    std::size_t pos = 0;
    while (pos < encoded.size())
    {
        std::string name = readNetstring(encoded, pos);
        if (pos >= encoded.size())
            throw Error(ErrorCode::Internal, "malformed field encoding (missing value)");
        std::string value = readNetstring(encoded, pos);
        fields.emplace_back(std::move(name), std::move(value));
    }
    return fields;
}

std::string encodeEmail(const EmailMessage& m)
{
    return encodeFields({{"message_id", m.messageId},
                         {"from", m.from},
                         {"from_name", m.fromName},
                         {"to", m.to},
                         {"to_name", m.toName},
                         {"subject", m.subject},
                         {"text", m.text},
                         {"html", m.html},
                         {"in_reply_to", m.inReplyTo},
                         {"auto_reply", m.autoReply ? "1" : "0"}});
}

EmailMessage decodeEmail(const std::string& encoded)
{
    std::map<std::string, std::string> f;
    for (auto& [name, value] : decodeFields(encoded))
        f[name] = std::move(value);
    EmailMessage m;
    m.messageId = f["message_id"];
    m.from = f["from"];
    m.fromName = f["from_name"];
    m.to = f["to"];
    m.toName = f["to_name"];
    m.subject = f["subject"];
    m.text = f["text"];
    m.html = f["html"];
    m.inReplyTo = f["in_reply_to"];
    m.autoReply = f["auto_reply"] == "1";
    return m;
}

} // namespace proofdesk
