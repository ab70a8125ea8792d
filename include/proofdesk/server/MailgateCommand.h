#pragma once

#include <iosfwd>
#include <map>
#include <string>

namespace proofdesk
{

/// Exit codes of `proofdesk mailgate`, as MTAs read them (sysexits.h).
enum MailgateExit : int
{
    MailgateTaken = 0,       // taken (or taken before): the MTA may forget the message
    MailgateDataError = 65,  // EX_DATAERR: not a message (or over the size limit); the MTA bounces it
    MailgateTempFail = 75    // EX_TEMPFAIL: not stored now (database busy or unavailable, disk full,
                             // configuration): the MTA keeps the message and tries again
};

/// `proofdesk mailgate`: reads ONE RFC 5322 message from `in` (bounded by proofdesk.mail.max_message_mb; a
/// leading mbox "From " envelope line is dropped), takes it into the store the server uses, then processes
/// what is waiting if it can (a failure there does not change the outcome: the message is stored).
/// Never throws; every problem is one line on `err` without personal data.
int runMailgate(const std::string& configFile, const std::map<std::string, std::string>& overrides, std::istream& in,
                std::ostream& err);

} // namespace proofdesk
