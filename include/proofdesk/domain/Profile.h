#pragma once

#include <string>

namespace proofdesk
{

/// The applicant's profile as registered (after normalizeRegistration, see Registration.h). Plain value.
/// Every field is PII except the state: never log it, seal it at rest.
struct Profile
{
    std::string firstName;
    std::string middleName; // may be empty
    std::string lastName;
    std::string dateOfBirth; // YYYY-MM-DD
    std::string street;
    std::string unit; // apartment, suite...; may be empty
    std::string city;
    std::string state; // USPS two-letter code (states, DC, territories, AA/AE/AP)
    std::string zip;   // 12345 or 12345-6789
    std::string email; // domain part lower case
    std::string phone; // 10 digits, no punctuation, no leading 1
};

} // namespace proofdesk
