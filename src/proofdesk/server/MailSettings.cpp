#include "proofdesk/server/MailSettings.h"

#include "proofdesk/adapters/FolderMailTransport.h"
#include "proofdesk/domain/Error.h"

#include <Poco/Exception.h>

namespace proofdesk
{

namespace
{

int wholeNumber(const Poco::Util::AbstractConfiguration& config, const std::string& key, int min, int max)
{
    int value = 0;
    try
    {
        value = config.getInt(key);
    }
    catch (const Poco::Exception&)
    {
        throw Error(ErrorCode::Configuration, "setting " + key + " must be a whole number");
    }
    if (value < min || value > max)
        throw Error(ErrorCode::Configuration,
                    "setting " + key + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    return value;
}

} // namespace

SmtpSettings smtpSettingsFrom(const Poco::Util::AbstractConfiguration& config)
{
    SmtpSettings s;
    s.host = config.getString("proofdesk.smtp.host");
    s.port = static_cast<std::uint16_t>(wholeNumber(config, "proofdesk.smtp.port", 1, 65535));
    s.tls = parseSmtpTls(config.getString("proofdesk.smtp.tls"));
    s.user = config.getString("proofdesk.smtp.user");
    s.password = config.getString("proofdesk.smtp.password");
    s.authMethod = config.getString("proofdesk.smtp.auth");
    s.timeout = std::chrono::seconds(wholeNumber(config, "proofdesk.smtp.timeout_seconds", 1, 3600));
    s.heloName = config.getString("proofdesk.smtp.helo_name");
    s.caFile = config.getString("proofdesk.smtp.ca_file");
    return s;
}

Pop3Settings pop3SettingsFrom(const Poco::Util::AbstractConfiguration& config)
{
    Pop3Settings s;
    s.host = config.getString("proofdesk.pop3.host");
    s.port = static_cast<std::uint16_t>(wholeNumber(config, "proofdesk.pop3.port", 1, 65535));
    s.tls = parsePop3Tls(config.getString("proofdesk.pop3.tls"));
    s.user = config.getString("proofdesk.pop3.user");
    s.password = config.getString("proofdesk.pop3.password");
    s.timeout = std::chrono::seconds(wholeNumber(config, "proofdesk.pop3.timeout_seconds", 1, 3600));
    s.maxMessageBytes =
        static_cast<std::size_t>(wholeNumber(config, "proofdesk.pop3.max_message_bytes", 1024, 1024 * 1024 * 1024));
    s.maxMessagesPerPoll = wholeNumber(config, "proofdesk.pop3.max_messages_per_poll", 1, 100000);
    s.caFile = config.getString("proofdesk.pop3.ca_file");
    return s;
}

std::unique_ptr<MailTransport> makeMailTransport(const Poco::Util::AbstractConfiguration& config, Clock& clock)
{
    if (config.getString("proofdesk.smtp.host").empty())
        return std::make_unique<FolderMailTransport>(config.getString("proofdesk.mail.outbox_dir"), clock);
    return std::make_unique<SmtpMailTransport>(smtpSettingsFrom(config), clock);
}

} // namespace proofdesk
