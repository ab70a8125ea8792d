#pragma once

#include "proofdesk/ports/Clock.h"
#include "proofdesk/ports/MailTransport.h"

namespace proofdesk
{

/// The embedded default's outgoing mail: each message becomes <folder>/<Message-ID>.eml, written durably.
/// Sending the same Message-ID again finds the file there and changes nothing, so a crash between the
/// write and the outbox update can never produce a second copy.
class FolderMailTransport : public MailTransport
{
public:
    FolderMailTransport(const std::string& folder, Clock& clock);

    SendOutcome send(const EmailMessage& message, std::string& error) override;
    std::string describe() const override;

    /// The file a message with this Message-ID is written to.
    std::string pathFor(const std::string& messageId) const;

private:
    std::string _folder;
    Clock& _clock;
};

} // namespace proofdesk
