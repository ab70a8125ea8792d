#include "proofdesk/domain/Registration.h"

#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Utf8.h"

#include <algorithm>
#include <unordered_set>

namespace proofdesk
{

namespace
{

using Limits = RegistrationLimits;

// Characters, not bytes; invalid UTF-8 counts its bytes (it is refused anyway).
std::size_t characterCount(std::string_view s)
{
    if (auto decoded = decodeUtf8(s))
        return decoded->size();
    return s.size();
}

// ---- character classes ----------------------------------------------------------------------------

bool isAsciiSpace(char32_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

bool isSpace(char32_t c)
{
    return isAsciiSpace(c) || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Invisible characters that copy-paste brings along; they would make two equal-looking values differ.
bool isZeroWidth(char32_t c)
{
    return c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

// Control characters, and the bidirectional overrides that can make a value display differently from
// what it is (reviewers compare these fields with documents).
bool isForbiddenControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

bool isAsciiLetter(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAsciiDigit(char32_t c)
{
    return c >= '0' && c <= '9';
}

bool isLatinLetter(char32_t c)
{
    return isAsciiLetter(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

bool isCombiningMark(char32_t c)
{
    return c >= 0x300 && c <= 0x36F;
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

char asciiUpper(char c)
{
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool allDigits(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), isDigit);
}

std::string digitsOf(std::string_view s)
{
    std::string out;
    for (char c : s)
        if (isDigit(c))
            out += c;
    return out;
}

std::string_view trimAscii(std::string_view s)
{
    while (!s.empty() && isAsciiSpace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && isAsciiSpace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

// ---- accent folding (for "the password contains the name") -------------------------------------------

// U+00C0..U+00FF and U+0100..U+017F mapped to their base ASCII letter; '*' marks the few that fold to two
// letters, handled in foldLetter(); '.' marks the two non-letters (multiplication and division signs).
constexpr std::string_view latin1Fold = "aaaaaa*ceeeeiiii"
                                        "dnooooo.ouuuuy**"
                                        "aaaaaa*ceeeeiiii"
                                        "dnooooo.ouuuuy*y";
constexpr std::string_view latinExtAFold = "aaaaaaccccccccdd"
                                           "ddeeeeeeeeeegggg"
                                           "gggghhhhiiiiiiii"
                                           "ii**jjkkklllllll"
                                           "lllnnnnnnnnnoooo"
                                           "oo**rrrrrrssssss"
                                           "ssttttttuuuuuuuu"
                                           "uuuuwwyyyzzzzzzs";
static_assert(latin1Fold.size() == 64 && latinExtAFold.size() == 128);

// Lower-case ASCII spelling of a Latin letter, or the empty string when it has none.
std::string foldLetter(char32_t c)
{
    if (isAsciiLetter(c))
        return std::string(1, asciiLower(static_cast<char>(c)));
    if (c == 0xC6 || c == 0xE6)
        return "ae";
    if (c == 0xDE || c == 0xFE)
        return "th";
    if (c == 0xDF)
        return "ss";
    if (c == 0x132 || c == 0x133)
        return "ij";
    if (c == 0x152 || c == 0x153)
        return "oe";
    if (c >= 0xC0 && c <= 0xFF)
    {
        char f = latin1Fold[c - 0xC0];
        return f == '.' || f == '*' ? std::string() : std::string(1, f);
    }
    if (c >= 0x100 && c <= 0x17F)
        return std::string(1, latinExtAFold[c - 0x100]);
    return {};
}

// The strings of a name that a password must not contain (see passwordProblems()).
std::vector<std::string> nameFragments(std::string_view name)
{
    std::vector<std::string> parts;
    std::string current;
    bool unfoldable = false; // a part with a letter we cannot spell in ASCII can never be in a password
    auto endPart = [&]
    {
        if (!current.empty() && !unfoldable)
            parts.push_back(current);
        current.clear();
        unfoldable = false;
    };
    std::u32string chars;
    if (auto decoded = decodeUtf8(name))
        chars = std::move(*decoded);
    else
        for (char c : name)
            chars.push_back(static_cast<unsigned char>(c));
    for (char32_t c : chars)
    {
        if (isCombiningMark(c))
            continue; // a decomposed accent: the base letter before it already counted
        std::string folded = foldLetter(c);
        if (!folded.empty())
            current += folded;
        else if (isSpace(c) || c == '-' || c == '\'' || c == '.' || c == 0x2019 || c == 0x2018 ||
                 c == 0x2BC || c == 0x2010 || c == 0x2011)
            endPart();
        else if (c < 0x80)
            current += asciiLower(static_cast<char>(c)); // digits and the like: kept, matched as is
        else
            unfoldable = true;
    }
    endPart();

    std::vector<std::string> fragments;
    std::string joined;
    for (const auto& part : parts)
    {
        joined += part;
        if (part.size() >= Limits::nameInPasswordMin)
            fragments.push_back(part);
    }
    if (parts.size() > 1 && joined.size() >= Limits::nameInPasswordMin)
        fragments.push_back(joined);
    // With separators as typed (O'Brien): only adds something when every part is shorter than 3 letters.
    std::string typed = lowerAscii(trimAscii(name));
    if (parts.size() > 1 && joined.size() >= Limits::nameInPasswordMin &&
        std::all_of(typed.begin(), typed.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        fragments.push_back(typed);
    return fragments;
}

// ---- normalisation helpers --------------------------------------------------------------------------

std::u32string normalizeChars(const std::u32string& in)
{
    std::u32string out;
    out.reserve(in.size());
    bool pendingSpace = false;
    for (char32_t c : in)
    {
        if (isZeroWidth(c))
            continue;
        if (isSpace(c))
        {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace)
            out.push_back(' ');
        pendingSpace = false;
        out.push_back(c);
    }
    return out;
}

std::string normalizeName(std::string_view text)
{
    auto decoded = decodeUtf8(text);
    if (!decoded)
        return normalizeText(text);
    std::u32string chars = normalizeChars(*decoded);
    for (char32_t& c : chars)
    {
        if (c == 0x2018 || c == 0x2019 || c == 0x2BC)
            c = '\'';
        else if (c >= 0x2010 && c <= 0x2015)
            c = '-';
    }
    return encodeUtf8(chars);
}

// "3/7/1980" or "03/07/1980" -> "1980-03-07"; anything else unchanged.
std::string normalizeDate(std::string text)
{
    auto firstSlash = text.find('/');
    if (firstSlash == std::string::npos)
        return text;
    auto secondSlash = text.find('/', firstSlash + 1);
    if (secondSlash == std::string::npos)
        return text;
    std::string_view s = text;
    std::string_view month = s.substr(0, firstSlash);
    std::string_view day = s.substr(firstSlash + 1, secondSlash - firstSlash - 1);
    std::string_view year = s.substr(secondSlash + 1);
    auto ok = [](std::string_view part, std::size_t minLength, std::size_t maxLength)
    { return part.size() >= minLength && part.size() <= maxLength && allDigits(part); };
    if (!ok(month, 1, 2) || !ok(day, 1, 2) || !ok(year, 4, 4))
        return text;
    auto pad = [](std::string_view part)
    { return part.size() == 1 ? "0" + std::string(part) : std::string(part); };
    return std::string(year) + "-" + pad(month) + "-" + pad(day);
}

std::string normalizeState(std::string text)
{
    for (const auto& [code, name] : usStates())
        if (lowerAscii(text) == lowerAscii(name))
            return code;
    return upperAscii(text);
}

std::string normalizeZip(std::string text)
{
    if (!std::all_of(text.begin(), text.end(), [](char c) { return isDigit(c) || c == ' ' || c == '-'; }))
        return text;
    std::string digits = digitsOf(text);
    if (digits.size() == 5)
        return digits;
    if (digits.size() == 9)
        return digits.substr(0, 5) + "-" + digits.substr(5);
    return text;
}

std::string normalizeEmail(std::string text)
{
    auto at = text.rfind('@');
    if (at == std::string::npos)
        return text;
    return text.substr(0, at + 1) + lowerAscii(std::string_view(text).substr(at + 1));
}

std::string normalizePhone(std::string text)
{
    if (!std::all_of(text.begin(), text.end(),
                     [](char c) {
                         return isDigit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
                                c == '+';
                     }))
        return text;
    auto plus = text.find('+');
    if (plus != std::string::npos)
    {
        // Only a leading +1 is ours; any other country code is left for validation to refuse.
        if (plus != 0 || text.find('+', 1) != std::string::npos)
            return text;
        std::string rest = digitsOf(text);
        if (rest.empty() || rest[0] != '1')
            return text;
    }
    std::string digits = digitsOf(text);
    if (digits.size() == 11 && digits[0] == '1')
        digits.erase(0, 1);
    if (digits.size() != 10)
        return text;
    return digits;
}

// ---- field rules ------------------------------------------------------------------------------------

using Message = std::optional<std::string>;

Message checkName(const std::string& value, const std::string& label, bool required)
{
    std::string capitalised = label;
    capitalised[0] = asciiUpper(capitalised[0]);
    if (value.empty())
        return required ? Message("Enter your " + label + ".") : std::nullopt;
    auto chars = decodeUtf8(value);
    if (chars && chars->size() > Limits::nameMax)
        return capitalised + " must be at most " + std::to_string(Limits::nameMax) + " characters.";
    bool allowed = chars.has_value();
    bool hasLetter = false;
    if (chars)
        for (std::size_t i = 0; i < chars->size() && allowed; ++i)
        {
            char32_t c = (*chars)[i];
            if (isLatinLetter(c))
                hasLetter = true;
            else if (isCombiningMark(c))
                allowed = i > 0 && (isLatinLetter((*chars)[i - 1]) || isCombiningMark((*chars)[i - 1]));
            else
                allowed = c == ' ' || c == '-' || c == '\'' || c == '.';
        }
    if (!allowed)
        return capitalised +
               " may contain only letters, spaces, hyphens (-), apostrophes (') and periods (.).";
    if (!hasLetter)
        return capitalised + " must contain at least one letter.";
    return std::nullopt;
}

std::optional<std::chrono::year_month_day> parseIsoDate(std::string_view s)
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s.substr(0, 4)) ||
        !allDigits(s.substr(5, 2)) || !allDigits(s.substr(8, 2)))
        return std::nullopt;
    auto number = [&](std::size_t pos, std::size_t length)
    {
        int n = 0;
        for (std::size_t i = pos; i < pos + length; ++i)
            n = n * 10 + (s[i] - '0');
        return n;
    };
    return std::chrono::year_month_day{std::chrono::year{number(0, 4)},
                                       std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                       std::chrono::day{static_cast<unsigned>(number(8, 2))}};
}

// Whole years completed on `today`. Comparing (month, day) pairs makes a 29 February birthday fall on
// 1 March in common years: on 28 February the pair (2, 28) is still before (2, 29).
int ageOn(const std::chrono::year_month_day& birth, const std::chrono::year_month_day& today)
{
    int age = int(today.year()) - int(birth.year());
    unsigned todayMonth = unsigned(today.month());
    unsigned birthMonth = unsigned(birth.month());
    if (todayMonth < birthMonth ||
        (todayMonth == birthMonth && unsigned(today.day()) < unsigned(birth.day())))
        --age;
    return age;
}

Message checkDateOfBirth(const std::string& value, std::chrono::sys_days today)
{
    if (value.empty())
        return "Enter your date of birth.";
    auto date = parseIsoDate(value);
    if (!date)
        return "Enter your date of birth as YYYY-MM-DD (for example 1980-07-31).";
    if (!date->ok())
        return "Date of birth is not a real calendar date.";
    if (std::chrono::sys_days{*date} > today)
        return "Date of birth cannot be in the future.";
    int age = ageOn(*date, std::chrono::year_month_day{today});
    if (age < Limits::minimumAge)
        return "You must be at least " + std::to_string(Limits::minimumAge) + " years old to register.";
    if (age > Limits::maximumAge)
        return "Date of birth is more than " + std::to_string(Limits::maximumAge) +
               " years ago; please check the year.";
    return std::nullopt;
}

// Street and unit: free text, but no control or bidi characters.
Message checkAddressText(const std::string& value, const std::string& label, bool required, std::size_t max)
{
    std::string capitalised = label;
    capitalised[0] = asciiUpper(capitalised[0]);
    if (value.empty())
        return required ? Message("Enter your " + label + ".") : std::nullopt;
    auto chars = decodeUtf8(value);
    if (!chars || std::any_of(chars->begin(), chars->end(), isForbiddenControl))
        return capitalised + " contains characters that are not allowed.";
    if (chars->size() > max)
        return capitalised + " must be at most " + std::to_string(max) + " characters.";
    if (required && !std::any_of(chars->begin(), chars->end(),
                                 [](char32_t c) { return isLatinLetter(c) || isAsciiDigit(c); }))
        return capitalised + " must contain letters or digits.";
    return std::nullopt;
}

Message checkCity(const std::string& value)
{
    if (value.empty())
        return "Enter your city.";
    auto chars = decodeUtf8(value);
    if (chars && chars->size() > Limits::cityMax)
        return "City must be at most " + std::to_string(Limits::cityMax) + " characters.";
    bool allowed = chars.has_value() && std::all_of(chars->begin(), chars->end(),
                                                    [](char32_t c)
                                                    {
                                                        return isLatinLetter(c) || isCombiningMark(c) ||
                                                               isAsciiDigit(c) || c == ' ' || c == '-' ||
                                                               c == '\'' || c == '.';
                                                    });
    if (!allowed)
        return "City may contain only letters, digits, spaces, hyphens (-), apostrophes (') and periods (.).";
    if (!std::any_of(chars->begin(), chars->end(), isLatinLetter))
        return "City must contain at least one letter.";
    return std::nullopt;
}

Message checkState(const std::string& value)
{
    if (value.empty())
        return "Choose your state or territory.";
    for (const auto& entry : usStates())
        if (entry.first == value)
            return std::nullopt;
    return "Choose a U.S. state, territory or military (AA, AE, AP) code.";
}

Message checkZip(const std::string& value)
{
    if (value.empty())
        return "Enter your ZIP code.";
    bool five = value.size() == 5 && allDigits(value);
    bool nine =
        value.size() == 10 && value[5] == '-' && allDigits(value.substr(0, 5)) && allDigits(value.substr(6));
    if (!five && !nine)
        return "ZIP code must be 5 digits, or ZIP+4 written 12345-6789.";
    return std::nullopt;
}

bool isDomainLabel(std::string_view label)
{
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
        return false;
    return std::all_of(label.begin(), label.end(),
                       [](char c)
                       { return isAsciiLetter(static_cast<unsigned char>(c)) || isDigit(c) || c == '-'; });
}

Message checkEmail(const std::string& value)
{
    if (value.empty())
        return "Enter your email address.";
    if (characterCount(value) > Limits::emailMax)
        return "Email address must be at most " + std::to_string(Limits::emailMax) + " characters.";
    if (std::any_of(value.begin(), value.end(),
                    [](char c) { return isAsciiSpace(static_cast<unsigned char>(c)); }))
        return "Email address must not contain spaces.";
    if (std::count(value.begin(), value.end(), '@') != 1)
        return "Email address must contain exactly one @, as in name@example.com.";
    std::string_view s = value;
    auto at = s.find('@');
    std::string_view local = s.substr(0, at);
    std::string_view domain = s.substr(at + 1);
    constexpr std::string_view localSymbols = "!#$%&'*+/=?^_`{|}~.-";
    bool localOk = !local.empty() && local.size() <= Limits::emailLocalMax && local.front() != '.' &&
                   local.back() != '.' && local.find("..") == std::string_view::npos &&
                   std::all_of(local.begin(), local.end(),
                               [&](char c)
                               {
                                   return isAsciiLetter(static_cast<unsigned char>(c)) || isDigit(c) ||
                                          localSymbols.find(c) != std::string_view::npos;
                               });
    if (!localOk)
        return "The part of the email address before the @ is not valid.";
    bool domainOk = domain.find('.') != std::string_view::npos;
    std::string_view lastLabel;
    for (std::size_t start = 0; domainOk;)
    {
        auto dot = domain.find('.', start);
        std::string_view label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
        domainOk = isDomainLabel(label);
        lastLabel = label;
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    if (domainOk)
        domainOk = lastLabel.substr(0, 4) == "xn--" ||
                   (lastLabel.size() >= 2 &&
                    std::all_of(lastLabel.begin(), lastLabel.end(),
                                [](char c) { return isAsciiLetter(static_cast<unsigned char>(c)); }));
    if (!domainOk)
        return "The part of the email address after the @ must be a domain such as example.com.";
    return std::nullopt;
}

Message checkPhone(const std::string& value)
{
    if (value.empty())
        return "Enter your phone number.";
    if (value.find('+') != std::string::npos && !allDigits(value))
        return "Enter a U.S. phone number (10 digits); numbers with another country code are not accepted.";
    if (!std::all_of(value.begin(), value.end(),
                     [](char c)
                     { return isDigit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'; }))
        return "Phone number may contain only digits, spaces and ( ) - . characters.";
    if (value.size() != 10 || !allDigits(value))
        return "Phone number must have 10 digits: area code and number.";
    if (value[0] < '2' || value[3] < '2')
        return "This is not a valid U.S. phone number: the area code and the exchange cannot start with 0 or "
               "1.";
    return std::nullopt;
}

Message checkUserId(const std::string& value)
{
    if (value.empty())
        return "Choose a user ID.";
    std::size_t length = characterCount(value);
    if (length < Limits::userIdMin)
        return "User ID must be at least " + std::to_string(Limits::userIdMin) + " characters.";
    if (length > Limits::userIdMax)
        return "User ID must be at most " + std::to_string(Limits::userIdMax) + " characters.";
    if (!std::all_of(value.begin(), value.end(),
                     [](char c)
                     {
                         return isAsciiLetter(static_cast<unsigned char>(c)) || isDigit(c) || c == '.' ||
                                c == '_' || c == '-' || c == '@';
                     }))
        return "User ID may contain only letters (A-Z, a-z), digits (0-9) and the characters . _ - @";
    if (!std::any_of(value.begin(), value.end(),
                     [](char c) { return isAsciiLetter(static_cast<unsigned char>(c)) || isDigit(c); }))
        return "User ID must contain at least one letter or digit.";
    return std::nullopt;
}

Message checkPasswordConfirm(const std::string& password, const std::string& confirm)
{
    if (confirm.empty())
        return password.empty() ? std::nullopt : Message("Enter your password again to confirm it.");
    if (confirm != password)
        return "The two passwords do not match.";
    return std::nullopt;
}

Message checkChallengeQuestion(const std::string& value)
{
    if (value.empty())
        return "Choose a challenge question.";
    const auto& questions = challengeQuestions();
    if (std::find(questions.begin(), questions.end(), value) == questions.end())
        return "Choose one of the challenge questions offered.";
    return std::nullopt;
}

Message checkChallengeAnswer(const std::string& answer, const std::string& password)
{
    if (answer.empty())
        return "Enter an answer to your challenge question.";
    auto chars = decodeUtf8(answer);
    if (!chars || std::any_of(chars->begin(), chars->end(), isForbiddenControl))
        return "Challenge answer contains characters that are not allowed.";
    if (chars->size() < Limits::answerMin)
        return "Challenge answer must be at least " + std::to_string(Limits::answerMin) + " characters.";
    if (chars->size() > Limits::answerMax)
        return "Challenge answer must be at most " + std::to_string(Limits::answerMax) + " characters.";
    // Compared with the password as typed and as the answer would be normalised, ignoring case: an
    // answer is recovered more easily than a password, so it must not reveal it.
    std::string lowerAnswer = lowerAscii(answer);
    for (const std::string& form : {password, normalizeText(password)})
        if (!form.empty() && lowerAnswer.find(lowerAscii(form)) != std::string::npos)
            return "Challenge answer must not contain your password.";
    return std::nullopt;
}

Message checkSsn(const std::string& value)
{
    if (value.empty())
        return std::nullopt;
    auto digits = ssnDigits(value);
    if (!digits)
        return "Enter the SSN as 9 digits (###-##-####), or leave it empty.";
    std::string_view d = *digits;
    if (d.substr(0, 3) == "000" || d.substr(0, 3) == "666" || d[0] == '9')
        return "This is not a valid SSN: it cannot begin with 000, 666 or 9.";
    if (d.substr(3, 2) == "00")
        return "This is not a valid SSN: the middle two digits cannot be 00.";
    if (d.substr(5, 4) == "0000")
        return "This is not a valid SSN: the last four digits cannot be 0000.";
    return std::nullopt;
}

} // namespace

std::string normalizeText(std::string_view text)
{
    if (auto decoded = decodeUtf8(text))
        return encodeUtf8(normalizeChars(*decoded));
    // Not UTF-8: collapse ASCII whitespace only and leave the bytes for validation to refuse.
    std::string out;
    bool pendingSpace = false;
    for (char c : text)
    {
        if (isAsciiSpace(static_cast<unsigned char>(c)))
        {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

RegistrationForm normalizeRegistration(RegistrationForm form)
{
    Profile& p = form.profile;
    p.firstName = normalizeName(p.firstName);
    p.middleName = normalizeName(p.middleName);
    p.lastName = normalizeName(p.lastName);
    p.dateOfBirth = normalizeDate(normalizeText(p.dateOfBirth));
    p.street = normalizeText(p.street);
    p.unit = normalizeText(p.unit);
    p.city = normalizeName(p.city);
    p.state = normalizeState(normalizeText(p.state));
    p.zip = normalizeZip(normalizeText(p.zip));
    p.email = normalizeEmail(normalizeText(p.email));
    p.phone = normalizePhone(normalizeText(p.phone));
    form.userId = normalizeText(form.userId);
    form.challengeQuestion = normalizeText(form.challengeQuestion);
    form.challengeAnswer = normalizeText(form.challengeAnswer);
    form.ssn = normalizeText(form.ssn);
    if (auto digits = ssnDigits(form.ssn))
        form.ssn = *digits;
    return form;
}

std::vector<FieldError> validateRegistration(const RegistrationForm& submitted, std::chrono::sys_days today)
{
    const RegistrationForm form = normalizeRegistration(submitted);
    const Profile& p = form.profile;
    std::vector<FieldError> errors;
    auto add = [&](const char* field, Message message)
    {
        if (message)
            errors.push_back({field, std::move(*message)});
    };
    add("first_name", checkName(p.firstName, "first name", true));
    add("middle_name", checkName(p.middleName, "middle name", false));
    add("last_name", checkName(p.lastName, "last name", true));
    add("date_of_birth", checkDateOfBirth(p.dateOfBirth, today));
    add("street", checkAddressText(p.street, "street address", true, Limits::streetMax));
    add("unit", checkAddressText(p.unit, "unit", false, Limits::unitMax));
    add("city", checkCity(p.city));
    add("state", checkState(p.state));
    add("zip", checkZip(p.zip));
    add("email", checkEmail(p.email));
    add("phone", checkPhone(p.phone));
    add("user_id", checkUserId(form.userId));
    auto problems = passwordProblems(form.password, p.firstName, p.lastName, form.userId);
    add("password", problems.empty() ? std::nullopt : Message(problems.front()));
    add("password_confirm", checkPasswordConfirm(form.password, form.passwordConfirm));
    add("challenge_question", checkChallengeQuestion(form.challengeQuestion));
    add("challenge_answer", checkChallengeAnswer(form.challengeAnswer, form.password));
    add("ssn", checkSsn(form.ssn));
    return errors;
}

std::vector<std::string> passwordProblems(std::string_view password, std::string_view firstName,
                                          std::string_view lastName, std::string_view userId)
{
    if (password.empty())
        return {"Enter a password."};
    std::vector<std::string> problems;
    if (!std::all_of(password.begin(), password.end(), [](char c) { return c >= 0x20 && c <= 0x7E; }))
        problems.emplace_back("Password may contain only letters, digits, spaces and the symbols of a U.S. "
                              "keyboard; accented letters, emoji and control characters are not accepted.");
    if (password.front() == ' ' || password.back() == ' ')
        problems.emplace_back("Password must not begin or end with a space.");
    // Characters, not bytes, so that a password refused above for an accent is not also called long.
    std::size_t length = static_cast<std::size_t>(
        std::count_if(password.begin(), password.end(),
                      [](char c) { return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u; }));
    if (length < Limits::passwordMin)
        problems.push_back("Password must be at least " + std::to_string(Limits::passwordMin) +
                           " characters long.");
    if (length > Limits::passwordMax)
    {
        // The content rules below are skipped: they would only add noise (and work) to an unusable value.
        problems.push_back("Password must be at most " + std::to_string(Limits::passwordMax) +
                           " characters long.");
        return problems;
    }

    auto has = [&](auto predicate) { return std::any_of(password.begin(), password.end(), predicate); };
    std::vector<std::string> missing;
    if (!has([](char c) { return c >= 'a' && c <= 'z'; }))
        missing.emplace_back("a lowercase letter (a-z)");
    if (!has([](char c) { return c >= 'A' && c <= 'Z'; }))
        missing.emplace_back("an uppercase letter (A-Z)");
    if (!has(isDigit))
        missing.emplace_back("a digit (0-9)");
    if (!has([](char c) { return std::string_view("!@#$%^*").find(c) != std::string_view::npos; }))
        missing.emplace_back("one of the symbols ! @ # $ % ^ *");
    if (!missing.empty())
    {
        std::string sentence = "Password must include ";
        for (std::size_t i = 0; i < missing.size(); ++i)
        {
            if (i > 0)
                sentence += i + 1 == missing.size() ? " and " : ", ";
            sentence += missing[i];
        }
        problems.push_back(sentence + ".");
    }

    const std::string lower = lowerAscii(password);
    auto containsAny = [&](const std::vector<std::string>& fragments)
    {
        return std::any_of(fragments.begin(), fragments.end(),
                           [&](const std::string& f) { return lower.find(f) != std::string::npos; });
    };
    if (containsAny(nameFragments(firstName)))
        problems.emplace_back("Password must not contain your first name.");
    if (containsAny(nameFragments(lastName)))
        problems.emplace_back("Password must not contain your last name.");

    // Every run of 4+ characters contains a run of exactly 4, so comparing 4-character windows suffices;
    // a set keeps this linear however long the user ID is.
    const std::string key = lowerAscii(trimAscii(userId));
    constexpr std::size_t run = Limits::userIdRunMin;
    if (key.size() >= run && lower.size() >= run)
    {
        std::unordered_set<std::string_view> runs;
        for (std::size_t i = 0; i + run <= key.size(); ++i)
            runs.insert(std::string_view(key).substr(i, run));
        for (std::size_t i = 0; i + run <= lower.size(); ++i)
            if (runs.count(std::string_view(lower).substr(i, run)))
            {
                problems.push_back("Password must not contain " + std::to_string(run) +
                                   " or more consecutive characters of your user ID.");
                break;
            }
    }
    return problems;
}

std::string userIdKey(std::string_view userId)
{
    return lowerAscii(trimAscii(userId));
}

std::optional<std::string> ssnDigits(std::string_view text)
{
    std::string_view s = trimAscii(text);
    if (s.size() == 9 && allDigits(s))
        return std::string(s);
    auto separator = [](char c) { return c == '-' || c == ' '; };
    if (s.size() == 11 && separator(s[3]) && separator(s[6]) && allDigits(s.substr(0, 3)) &&
        allDigits(s.substr(4, 2)) && allDigits(s.substr(7, 4)))
        return std::string(s.substr(0, 3)) + std::string(s.substr(4, 2)) + std::string(s.substr(7, 4));
    return std::nullopt;
}

std::string lastFour(std::string_view digits)
{
    std::string only = digitsOf(digits);
    if (only.size() < 4)
        throw Error(ErrorCode::InvalidInput, "the last four digits of an SSN need at least four digits");
    return only.substr(only.size() - 4);
}

const std::vector<std::string>& challengeQuestions()
{
    // None of these can be answered from the profile or the identity documents we collect.
    static const std::vector<std::string> questions{
        "What was the name of your first pet?",
        "What was the make and model of your first car?",
        "In what city or town did your parents meet?",
        "What was the name of the street you grew up on?",
        "What was the last name of your favorite teacher?",
        "What was the first concert you attended?",
        "What is the middle name of your oldest sibling?",
        "In what city or town was your first job?",
    };
    return questions;
}

const std::vector<std::pair<std::string, std::string>>& usStates()
{
    static const std::vector<std::pair<std::string, std::string>> states{
        {"AL", "Alabama"},
        {"AK", "Alaska"},
        {"AZ", "Arizona"},
        {"AR", "Arkansas"},
        {"CA", "California"},
        {"CO", "Colorado"},
        {"CT", "Connecticut"},
        {"DE", "Delaware"},
        {"DC", "District of Columbia"},
        {"FL", "Florida"},
        {"GA", "Georgia"},
        {"HI", "Hawaii"},
        {"ID", "Idaho"},
        {"IL", "Illinois"},
        {"IN", "Indiana"},
        {"IA", "Iowa"},
        {"KS", "Kansas"},
        {"KY", "Kentucky"},
        {"LA", "Louisiana"},
        {"ME", "Maine"},
        {"MD", "Maryland"},
        {"MA", "Massachusetts"},
        {"MI", "Michigan"},
        {"MN", "Minnesota"},
        {"MS", "Mississippi"},
        {"MO", "Missouri"},
        {"MT", "Montana"},
        {"NE", "Nebraska"},
        {"NV", "Nevada"},
        {"NH", "New Hampshire"},
        {"NJ", "New Jersey"},
        {"NM", "New Mexico"},
        {"NY", "New York"},
        {"NC", "North Carolina"},
        {"ND", "North Dakota"},
        {"OH", "Ohio"},
        {"OK", "Oklahoma"},
        {"OR", "Oregon"},
        {"PA", "Pennsylvania"},
        {"RI", "Rhode Island"},
        {"SC", "South Carolina"},
        {"SD", "South Dakota"},
        {"TN", "Tennessee"},
        {"TX", "Texas"},
        {"UT", "Utah"},
        {"VT", "Vermont"},
        {"VA", "Virginia"},
        {"WA", "Washington"},
        {"WV", "West Virginia"},
        {"WI", "Wisconsin"},
        {"WY", "Wyoming"},
        {"AS", "American Samoa"},
        {"GU", "Guam"},
        {"MP", "Northern Mariana Islands"},
        {"PR", "Puerto Rico"},
        {"VI", "U.S. Virgin Islands"},
        {"AA", "Armed Forces Americas"},
        {"AE", "Armed Forces Europe"},
        {"AP", "Armed Forces Pacific"},
    };
    return states;
}

} // namespace proofdesk
