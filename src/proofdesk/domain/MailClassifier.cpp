#include "proofdesk/domain/MailClassifier.h"

namespace proofdesk
{

std::optional<std::string> automaticMailReason(const InboundMail& mail,
                                               const std::vector<std::string>& ownAddresses)
{
    // Minimal first version; the full rule set follows.
    if (!mail.autoSubmitted.empty() && mail.autoSubmitted != "no")
        return "Auto-Submitted: " + mail.autoSubmitted;
    (void)ownAddresses;
    return std::nullopt;
}

} // namespace proofdesk
