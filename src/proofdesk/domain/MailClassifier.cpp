#include "proofdesk/domain/MailClassifier.h"

#include "proofdesk/domain/AsciiText.h"

#include <algorithm>
#include <cctype>

namespace proofdesk
{

namespace
{

std::string trim(const std::string& s)
{
    const char* blanks = " \t\r\n";
    auto b = s.find_first_not_of(blanks);
    if (b == std::string::npos)
        return {};
    auto e = s.find_last_not_of(blanks);
    return s.substr(b, e - b + 1);
}

// The first token of a header value, before any parameter or comment: "auto-replied; owner=x" -> "auto-replied".
std::string firstToken(const std::string& value)
{
    std::string v = lowerAscii(trim(value));
    auto end = v.find_first_of(";( \t");
    return end == std::string::npos ? v : v.substr(0, end);
}

// "Name <a@b>", "<a@b>" and "a@b" all compare as "a@b", case-insensitively (local parts are case-sensitive in
// theory, but no MTA treats them so, and a false "own address" only means we do not answer).
std::string bareAddress(const std::string& text)
{
    std::string t = trim(text);
    auto open = t.find('<');
    if (open != std::string::npos)
    {
        auto close = t.find('>', open);
        t = t.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
    }
    return lowerAscii(trim(t));
}

std::string localPart(const std::string& address)
{
    auto at = address.rfind('@');
    return at == std::string::npos ? address : address.substr(0, at);
}

bool headerNamed(const std::string& entry, const std::string& name)
{
    return lowerAscii(entry.substr(0, entry.find(':'))) == name;
}

std::string headerValue(const std::string& entry)
{
    auto colon = entry.find(':');
    return colon == std::string::npos ? std::string() : lowerAscii(trim(entry.substr(colon + 1)));
}

} // namespace

std::optional<std::string> automaticMailReason(const InboundMail& mail,
                                               const std::vector<std::string>& ownAddresses)
{
    // RFC 3834 section 5: any Auto-Submitted value other than "no" marks automatic mail.
    std::string autoSubmitted = firstToken(mail.autoSubmitted);
    if (!autoSubmitted.empty() && autoSubmitted != "no")
        return "Auto-Submitted: " + autoSubmitted + " (RFC 3834)";

    // Delivery status notifications and other machine reports.
    if (lowerAscii(mail.topContentType) == "multipart/report")
    {
        std::string type = lowerAscii(trim(mail.reportType));
        if (type == "delivery-status")
            return std::string("delivery status notification (bounce)");
        return "automatic report (multipart/report" + (type.empty() ? std::string() : "; report-type=" + type) +
               ")";
    }
    std::string returnPath = trim(mail.returnPath);
    returnPath.erase(std::remove_if(returnPath.begin(), returnPath.end(),
                                    [](unsigned char c) { return std::isspace(c) != 0; }),
                     returnPath.end());
    if (returnPath == "<>")
        return std::string("null Return-Path <> (bounce or other automatic message)");

    std::string from = bareAddress(mail.fromAddress);
    if (from.empty())
        return std::string("no usable sender address in From");
    std::string local = localPart(from);
    if (local == "mailer-daemon" || local == "postmaster")
        return "sent by " + local + " (bounce)";

    for (const auto& own : ownAddresses)
    {
        std::string ours = bareAddress(own);
        if (!ours.empty() && ours == from)
            return std::string("sent from our own address (mail loop)");
    }

    std::string precedence = firstToken(mail.precedence);
    if (precedence == "bulk" || precedence == "junk" || precedence == "list")
        return "Precedence: " + precedence;

    if (!mail.listHeaders.empty())
        return "mailing list message (" + mail.listHeaders.front() + ")";

    for (const auto& entry : mail.autoReplyHeaders)
    {
        std::string value = headerValue(entry);
        if (headerNamed(entry, "x-autoreply") || headerNamed(entry, "x-autorespond") ||
            headerNamed(entry, "x-autoresponder"))
        {
            if (value != "no" && value != "false" && value != "0")
                return std::string("vendor auto-reply header (") + entry.substr(0, entry.find(':')) + ")";
        }
        else if (headerNamed(entry, "x-auto-response-suppress"))
        {
            // Exchange sets this on its own automatic mail and asks not to be answered automatically.
            if (value.find("all") != std::string::npos || value.find("autoreply") != std::string::npos ||
                value.find("oof") != std::string::npos)
                return std::string("X-Auto-Response-Suppress asks for no automatic reply");
        }
        else if (headerNamed(entry, "x-loop"))
        {
            std::string looped = bareAddress(headerValue(entry));
            for (const auto& own : ownAddresses)
                if (!looped.empty() && bareAddress(own) == looped)
                    return std::string("X-Loop names our own address (mail loop)");
        }
    }
    return std::nullopt;
}

} // namespace proofdesk
