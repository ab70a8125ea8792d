#include "proofdesk/adapters/MimeComposer.h"

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
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

} // namespace

std::string composeMime(const EmailMessage& m, Instant date)
{
    Poco::Net::MailMessage mail;
    mail.setSender(mailbox(m.fromName, m.from));
    mail.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, oneLine(m.to),
                                               m.toName.empty() ? std::string() : word(m.toName)));
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
    mail.addContent(new Poco::Net::StringPartSource(m.text, "text/plain; charset=UTF-8"),
                    Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    mail.addContent(new Poco::Net::StringPartSource(m.html, "text/html; charset=UTF-8"),
                    Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    std::ostringstream out;
    mail.write(out);
    return out.str();
}

} // namespace proofdesk
