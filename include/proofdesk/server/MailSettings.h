#pragma once

#include "proofdesk/adapters/Pop3Poller.h"
#include "proofdesk/adapters/SmtpMailTransport.h"
#include "proofdesk/ports/Clock.h"
#include "proofdesk/ports/MailTransport.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <memory>

namespace proofdesk
{

/// proofdesk.smtp.* as SmtpSettings. Throws Error(Configuration) naming the key for a bad value.
SmtpSettings smtpSettingsFrom(const Poco::Util::AbstractConfiguration& config);

/// proofdesk.pop3.* as Pop3Settings. Throws Error(Configuration) naming the key for a bad value.
Pop3Settings pop3SettingsFrom(const Poco::Util::AbstractConfiguration& config);

/// The outgoing transport the configuration asks for: the SMTP relay when proofdesk.smtp.host is set,
/// otherwise the outbox folder proofdesk.mail.outbox_dir (the embedded default).
std::unique_ptr<MailTransport> makeMailTransport(const Poco::Util::AbstractConfiguration& config, Clock& clock);

} // namespace proofdesk
