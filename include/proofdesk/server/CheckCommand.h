#pragma once

#include <Poco/Util/AbstractConfiguration.h>

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace proofdesk
{

/// `proofdesk check --profile PROFILE.json [--today YYYY-MM-DD] [--ssn-last4 DIGITS] FILE...`: reads the
/// files as `extract` does, runs every check of include/proofdesk/domain/Checks.h against the profile with
/// the workflow (proofdesk.workflow.file) and the USPS tables (proofdesk.usps.dir), and writes one JSON
/// object to `out` (app/CheckReportJson.h; "document" is the FILE as given). Returns 0 whatever the
/// verdicts.
///
/// PROFILE.json: an object with the field names of SPEC 4 — first_name, middle_name (optional), last_name,
/// date_of_birth, address_line1, address_line2 (optional), city, state, postal_code — all strings; the
/// registration form's street, unit and zip are accepted for address_line1, address_line2 and postal_code
/// (so samples/demo/applicant-N/profile.json works as it is); other keys are ignored. It is normalised and
/// validated as a registration is (Registration.h), field by field.
///
/// SSN: the profile's optional "ssn_last4" (4 digits) stands for the SSN registered with the profile (so
/// the last-four requirement does not apply); --ssn-last4 gives the digits the applicant sent. ssn_last4 is
/// then pass/fail when both are given (compared here in the clear: the command has no vault), unknown "not
/// provided" when nothing was sent, and unknown when digits were sent without a registered SSN (which then
/// meets the requirement). `reuse` is unknown: the command has no other cases to search.
///
/// `options` holds the command's options by name without dashes ("profile", "today", "ssn-last4").
/// Throws Error(InvalidInput) (exit 64) for a usage error, a missing or unreadable profile, a profile that
/// is not such an object (naming the line, key and problem) or a bad date; Error(Configuration) for a bad
/// workflow file or USPS table. A FILE that cannot be read is reported on stderr and checked as a document
/// of unknown kind.
int runCheckCommand(const std::map<std::string, std::string>& options, const std::vector<std::string>& files,
                    const Poco::Util::AbstractConfiguration& config, std::ostream& out);

} // namespace proofdesk
