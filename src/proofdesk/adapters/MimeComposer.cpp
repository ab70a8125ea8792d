#include "proofdesk/adapters/MimeComposer.h"

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/Timestamp.h>

#include <sstream>

namespace proofdesk
{

namespace
{

std::string oneLine(const std::string& value)
{
    std::string out;
    for (char c : value)
        out += (c == '\r' || c == '\n') ? ' ' : c;
    return out;
}

bool isAscii(const std::string& value)
{
    for (char c : value)
    {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

std::string word(const std::string& value)
{
    std::string line = oneLine(value);
    return isAscii(line) ? line : Poco::Net::MailMessage::encodeWord(line, "UTF-8");
}

std::string mailbox(const std::string& name, const std::string& address)
{
    std::string addr = oneLine(address);
    if (name.empty())
        return addr;
    std::string display = oneLine(name);
    if (isAscii(display))
    {
        // RFC 5322 phrase: atoms and spaces go as they are; anything else (a comma, a dot, a quote) is quoted.
        bool plain = display.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                               "!#$%&'*+-/=?^_`{|}~ ") == std::string::npos &&
                     display.front() != ' ' && display.back() != ' ' && display.find("=?") == std::string::npos;
        if (plain)
            return display + " <" + addr + ">";
        std::string quoted = "\"";
        for (char c : display)
        {
            if (c == '"' || c == '\\')
                quoted += '\\';
            quoted += c;
        }
        return quoted + "\" <" + addr + ">";
    }
    return word(display) + " <" + addr + ">";
}

// SMTP and RFC 5322 allow CR and LF only together; a bare LF from a template would also escape the
// transport's dot-stuffing (a "." line after a bare LF), so every line break becomes CRLF.
std::string crlfLines(const std::string& text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        char c = text[i];
        if (c == '\r')
        {
            out += "\r\n";
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
        }
        else if (c == '\n')
            out += "\r\n";
        else
            out += c;
    }
    return out;
}

} // namespace

std::string composeMime(const EmailMessage& m, Instant date)
{
    Poco::Net::MailMessage mail;
    mail.setSender(mailbox(m.fromName, m.from));
    // Written as a header rather than a MailRecipient: Poco would put an encoded word inside quotes (where
    // RFC 2047 forbids it) and would not escape quotes in a plain name.
    mail.set("To", mailbox(m.toName, m.to));
    mail.setSubject(word(m.subject));
    mail.setDate(Poco::Timestamp::fromEpochTime(date.time_since_epoch().count()));
    mail.set("Message-ID", "<" + oneLine(m.messageId) + ">");
    if (!m.inReplyTo.empty())
    {
        mail.set("In-Reply-To", "<" + oneLine(m.inReplyTo) + ">");
        mail.set("References", "<" + oneLine(m.inReplyTo) + ">");
    }
    // RFC 3834: every message we send is automatic, so auto-responders must not answer it.
    mail.set("Auto-Submitted", m.autoReply ? "auto-replied" : "auto-generated");
    mail.setContentType("multipart/alternative");
    mail.addContent(new Poco::Net::StringPartSource(crlfLines(m.text), "text/plain; charset=UTF-8"),
                    Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    mail.addContent(new Poco::Net::StringPartSource(crlfLines(m.html), "text/html; charset=UTF-8"),
                    Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    std::ostringstream out;
    mail.write(out);
    return out.str();
}

} // namespace proofdesk
