#pragma once

#include "proofdesk/domain/Profile.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace proofdesk
{

/// The registration form ("Initiate Manual Proofing", SPEC 2.1) as submitted.
struct RegistrationForm
{
    Profile profile;
    std::string userId;
    std::string password;
    std::string passwordConfirm;
    std::string challengeQuestion;
    std::string challengeAnswer;
    std::string ssn; // optional: empty, or 9 digits with or without dashes
};

/// One problem with one form field. `field` is the HTML form name: first_name, middle_name, last_name,
/// date_of_birth, street, unit, city, state, zip, email, phone, user_id, password, password_confirm,
/// challenge_question, challenge_answer, ssn. `message` is meant for the applicant; it never repeats the
/// password or the SSN.
struct FieldError
{
    std::string field;
    std::string message;
};

/// The limits of the rules below, for the form's maxlength attributes and for tests. Lengths count
/// characters (Unicode code points), not bytes.
struct RegistrationLimits
{
    static constexpr std::size_t nameMax = 50;
    static constexpr std::size_t streetMax = 100;
    static constexpr std::size_t unitMax = 30;
    static constexpr std::size_t cityMax = 50;
    static constexpr std::size_t emailMax = 254;
    static constexpr std::size_t emailLocalMax = 64;
    static constexpr std::size_t userIdMin = 6;
    static constexpr std::size_t userIdMax = 100;
    static constexpr std::size_t passwordMin = 12;
    static constexpr std::size_t passwordMax = 128;
    static constexpr std::size_t nameInPasswordMin = 3; // shorter name parts are not searched for
    static constexpr std::size_t userIdRunMin = 4;      // "part of the user ID" = a run this long
    static constexpr std::size_t answerMin = 3;
    static constexpr std::size_t answerMax = 100;
    static constexpr int minimumAge = 13;
    static constexpr int maximumAge = 125;
};

/// Checks every rule of SPEC 2.1 on normalizeRegistration(form) (normalising first yourself is harmless:
/// it is idempotent). Returns at most ONE error per field, the first rule that fails in the order given
/// below, fields in form order; empty when the form is valid. Never throws on any input (invalid UTF-8
/// included). Uniqueness of the user ID is the app's business (storage), not checked here.
///
/// The rules, field by field:
/// - first_name, last_name: required; middle_name: optional, same rules when given. At most 50 characters;
///   only letters (ASCII, Latin-1, Latin Extended-A/B and Latin Extended Additional, with combining accents
///   after a letter), spaces, hyphens, apostrophes and periods; at least one letter.
/// - date_of_birth: required, YYYY-MM-DD, a real calendar date (leap years), not in the future, and the
///   applicant is 13 to 125 years old on `today` (age in whole years; someone born on 29 February has their
///   birthday on 1 March in common years).
/// - street: required, at most 100 characters, at least one letter or digit. unit: optional, at most 30.
///   Neither may contain control or bidirectional-override characters.
/// - city: required, at most 50 characters of letters, digits, spaces, . - ' with at least one letter.
/// - state: required, one of the codes of usStates().
/// - zip: required, 12345 or 12345-6789.
/// - email: required, at most 254 characters, no spaces, exactly one @; the part before it 1-64 characters
///   of letters, digits and !#$%&'*+/=?^_`{|}~.- (no leading, trailing or double dot); the domain ASCII
///   labels of letters, digits and hyphens (1-63 characters, no hyphen at either end) with at least one dot
///   and a top-level label of 2+ letters (or an xn-- label).
/// - phone: required, a US number: 10 digits once spaces ( ) - . are removed, optionally preceded by 1 or
///   +1; the area code and the exchange do not start with 0 or 1 (North American Numbering Plan). Other
///   country codes are refused with a message saying so.
/// - user_id: required, 6-100 characters, only ASCII letters, digits and . _ - @, at least one letter or
///   digit.
/// - password: see passwordProblems(); the field shows its first problem.
/// - password_confirm: equal to password.
/// - challenge_question: one of challengeQuestions().
/// - challenge_answer: required, 3-100 characters, no control characters, and must not equal or contain
///   the password (compared ignoring ASCII case).
/// - ssn: optional; when given, accepted by ssnDigits() and a possible SSN: the first three digits are not
///   000, 666 or 900-999, the middle two not 00, the last four not 0000.
std::vector<FieldError> validateRegistration(const RegistrationForm& form, std::chrono::sys_days today);

/// The password rules alone (also used for reviewers' passwords). One readable sentence per broken rule, in
/// this order; empty when the password is acceptable. Never echoes the password.
/// 1. not empty (when empty, that is the only problem reported);
/// 2. only printable ASCII (space to ~): accented letters, emoji and control characters are refused, so
///    the same password can be typed on any keyboard and in any downstream system;
/// 3. no space at the start or the end (they are invisible and usually a copy-paste accident);
/// 4. 12 to 128 characters (when longer, the content rules below are skipped);
/// 5. at least one lowercase letter a-z, one uppercase letter A-Z, one digit 0-9 and one symbol from
///    exactly ! @ # $ % ^ * (other printable symbols are allowed but do not count) - one sentence naming
///    whatever is missing;
/// 6. does not contain the first name, 7. nor the last name, ignoring case and accents (José = jose): a
///    name is searched for as a whole, without its separators, and part by part (parts split at spaces,
///    hyphens, apostrophes and periods); names and parts shorter than 3 letters are not searched for;
/// 8. does not contain "any part of the user ID", meaning any run of 4 or more consecutive characters of
///    the user ID, ignoring ASCII case (it suffices to look for every run of exactly 4). A user ID shorter
///    than 4 characters has no such part.
std::vector<std::string> passwordProblems(std::string_view password, std::string_view firstName,
                                          std::string_view lastName, std::string_view userId);

/// The canonical form used for uniqueness of user IDs (case-insensitive): surrounding whitespace removed,
/// ASCII letters lower-cased ("John.Smith" and "john.smith" are the same user ID).
std::string userIdKey(std::string_view userId);

/// The form with every field normalised, applied before validation and storage; idempotent.
/// - all text fields except the passwords: surrounding whitespace removed (Unicode spaces included), inner
///   runs of whitespace collapsed to one space, zero-width characters removed;
/// - names: typographic apostrophes (’ ‘ ʼ) become ', typographic hyphens and dashes become -;
/// - date_of_birth: M/D/YYYY or MM/DD/YYYY (US order) is rewritten YYYY-MM-DD;
/// - state: a full name ("virginia") becomes its code, otherwise upper-cased ("va" -> "VA");
/// - zip: when only digits, spaces and hyphens: 5 digits, or 9 digits written 12345-6789;
/// - email: the domain (after the last @) lower-cased;
/// - phone: when only digits, spaces and ( ) - . + with no foreign country code: the 10 digits alone;
/// - ssn: when accepted by ssnDigits(): the 9 digits alone;
/// - password and password_confirm: untouched.
/// Values that do not fit the patterns above are left (trimmed) for validateRegistration to refuse.
RegistrationForm normalizeRegistration(RegistrationForm form);

/// The whitespace normalisation applied to free text fields (trim, collapse inner whitespace, drop
/// zero-width characters). Use it on a challenge answer before comparing it with the registered one.
std::string normalizeText(std::string_view text);

/// The 9 digits of an SSN written "123-45-6789", "123 45 6789" or "123456789" (surrounding whitespace
/// ignored); std::nullopt for anything else. Checks the shape only, not the number ranges.
std::optional<std::string> ssnDigits(std::string_view text);

/// The last four digits of `digits` (non-digits are ignored, so "123-45-6789" gives "6789").
/// Throws Error(InvalidInput) when there are fewer than four digits.
std::string lastFour(std::string_view digits);

/// The fixed list of challenge questions offered in the form (8, none answerable from the profile).
const std::vector<std::string>& challengeQuestions();

/// USPS codes and names, in this order: the 50 states and DC (alphabetical by name), the territories
/// AS, GU, MP, PR, VI, and the military codes AA, AE, AP. 59 entries.
const std::vector<std::pair<std::string, std::string>>& usStates();

} // namespace proofdesk
