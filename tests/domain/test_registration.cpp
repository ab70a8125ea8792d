#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Registration.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <random>
#include <set>

using namespace proofdesk;
using namespace std::chrono;

namespace
{

// All data here is synthetic.
const sys_days today = sys_days{2025y / June / 15};

RegistrationForm validForm()
{
    RegistrationForm form;
    form.profile.firstName = "Maria";
    form.profile.middleName = "";
    form.profile.lastName = "Testperson";
    form.profile.dateOfBirth = "1985-04-12";
    form.profile.street = "123 Example Ave";
    form.profile.unit = "Apt 4B";
    form.profile.city = "Springfield";
    form.profile.state = "VA";
    form.profile.zip = "22150";
    form.profile.email = "maria.t@example.com";
    form.profile.phone = "7035550142";
    form.userId = "mtestperson85";
    form.password = "Blue#Kettle2024";
    form.passwordConfirm = form.password;
    form.challengeQuestion = challengeQuestions().front();
    form.challengeAnswer = "Rex the dog";
    form.ssn = "";
    return form;
}

std::map<std::string, std::string> errorMap(const RegistrationForm& form, sys_days on = today)
{
    std::map<std::string, std::string> out;
    for (const auto& e : validateRegistration(form, on))
    {
        INFO("field " << e.field << " reported twice");
        CHECK(out.count(e.field) == 0);
        out[e.field] = e.message;
    }
    return out;
}

std::string repeat(std::string_view s, std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

struct FieldCase
{
    std::string field; // the form field the value goes into
    std::string value;
    std::string expected; // "" = valid; otherwise a fragment of the one message expected on `field`
};

void setField(RegistrationForm& form, const std::string& field, const std::string& value)
{
    static const std::map<std::string, std::function<std::string&(RegistrationForm&)>> fields{
        {"first_name", [](RegistrationForm& f) -> std::string& { return f.profile.firstName; }},
        {"middle_name", [](RegistrationForm& f) -> std::string& { return f.profile.middleName; }},
        {"last_name", [](RegistrationForm& f) -> std::string& { return f.profile.lastName; }},
        {"date_of_birth", [](RegistrationForm& f) -> std::string& { return f.profile.dateOfBirth; }},
        {"street", [](RegistrationForm& f) -> std::string& { return f.profile.street; }},
        {"unit", [](RegistrationForm& f) -> std::string& { return f.profile.unit; }},
        {"city", [](RegistrationForm& f) -> std::string& { return f.profile.city; }},
        {"state", [](RegistrationForm& f) -> std::string& { return f.profile.state; }},
        {"zip", [](RegistrationForm& f) -> std::string& { return f.profile.zip; }},
        {"email", [](RegistrationForm& f) -> std::string& { return f.profile.email; }},
        {"phone", [](RegistrationForm& f) -> std::string& { return f.profile.phone; }},
        {"user_id", [](RegistrationForm& f) -> std::string& { return f.userId; }},
        {"challenge_question", [](RegistrationForm& f) -> std::string& { return f.challengeQuestion; }},
        {"challenge_answer", [](RegistrationForm& f) -> std::string& { return f.challengeAnswer; }},
        {"ssn", [](RegistrationForm& f) -> std::string& { return f.ssn; }},
    };
    if (field == "password")
        form.password = form.passwordConfirm = value;
    else
        fields.at(field)(form) = value;
}

// Runs each case on an otherwise valid form: either no error at all, or exactly one error, on that field,
// whose message contains the expected fragment.
void runCases(const std::vector<FieldCase>& cases, sys_days on = today)
{
    for (const auto& c : cases)
    {
        INFO(c.field << " = \"" << c.value << "\"");
        RegistrationForm form = validForm();
        setField(form, c.field, c.value);
        auto errors = errorMap(form, on);
        if (c.expected.empty())
            CHECK(errors.empty());
        else
        {
            REQUIRE(errors.size() == 1);
            CHECK(errors.begin()->first == c.field);
            CHECK_THAT(errors.begin()->second, Catch::Contains(c.expected));
        }
    }
}

} // namespace

TEST_CASE("a valid form has no errors", "[domain][registration]")
{
    CHECK(validateRegistration(validForm(), today).empty());
}

TEST_CASE("names: required, 1-50 characters, letters and . - ' and spaces", "[domain][registration]")
{
    runCases({
        {"first_name", "", "Enter your first name"},
        {"first_name", "   ", "Enter your first name"},
        {"first_name", "A", ""},
        {"first_name", repeat("a", 50), ""},
        {"first_name", repeat("a", 51), "at most 50 characters"},
        {"first_name", repeat("\xC3\xA9", 50), ""}, // 50 characters, 100 bytes
        {"first_name", repeat("\xC3\xA9", 51), "at most 50"},
        {"first_name", "Mary-Ann", ""},
        {"first_name", "St. John", ""},
        {"first_name", "Jos\xC3\xA9", ""},       // José
        {"first_name", "Zo\xC3\xAB", ""},        // Zoë
        {"first_name", "Jose\xCC\x81", ""},      // José with a combining accent
        {"first_name", "\xC5\x81ukasz", ""},     // Łukasz
        {"first_name", "Nguy\xE1\xBB\x85n", ""}, // Nguyễn
        {"first_name", "  Maria   Luisa ", ""},
        {"first_name", "John3", "may contain only letters"},
        {"first_name", "J@ne", "may contain only letters"},
        {"first_name", "Ann\xC3\x97", "may contain only letters"},    // multiplication sign
        {"first_name", "\xCC\x81\x41nn", "may contain only letters"}, // combining accent with no letter
        {"first_name", "Ma\xC3(", "may contain only letters"},        // invalid UTF-8
        {"first_name", "Ma\x01ria", "may contain only letters"},
        {"first_name", "--", "at least one letter"},
        {"first_name", "'.", "at least one letter"},
        {"middle_name", "", ""},
        {"middle_name", "Q", ""},
        {"middle_name", "Q.", ""},
        {"middle_name", repeat("b", 50), ""},
        {"middle_name", repeat("b", 51), "Middle name must be at most 50"},
        {"middle_name", "Q3", "Middle name may contain only"},
        {"middle_name", "-", "at least one letter"},
        {"last_name", "", "Enter your last name"},
        {"last_name", "O'Brien", ""},
        {"last_name", "O\xE2\x80\x99\x42rien", ""},  // typographic apostrophe
        {"last_name", "Smith\xE2\x80\x93Jones", ""}, // en dash
        {"last_name", repeat("z", 51), "Last name must be at most 50"},
        {"last_name", "Smith_Jones", "Last name may contain only"},
    });
}

TEST_CASE("date of birth: calendar date, 13 to 125 years old", "[domain][registration]")
{
    runCases({
        {"date_of_birth", "", "Enter your date of birth"},
        {"date_of_birth", "1985-4-12", "YYYY-MM-DD"},
        {"date_of_birth", "1985/04/12", "YYYY-MM-DD"},
        {"date_of_birth", "85-04-12", "YYYY-MM-DD"},
        {"date_of_birth", "1985-04-12T00:00", "YYYY-MM-DD"},
        {"date_of_birth", "April 12, 1985", "YYYY-MM-DD"},
        {"date_of_birth", "04/12/1985", ""}, // US order, rewritten 1985-04-12
        {"date_of_birth", "4/2/1985", ""},
        {"date_of_birth", "13/12/1985", "not a real calendar date"},
        {"date_of_birth", "1985-02-30", "not a real calendar date"},
        {"date_of_birth", "1985-13-01", "not a real calendar date"},
        {"date_of_birth", "1985-00-10", "not a real calendar date"},
        {"date_of_birth", "1985-01-00", "not a real calendar date"},
        {"date_of_birth", "2001-02-29", "not a real calendar date"},
        {"date_of_birth", "1900-02-29", "not a real calendar date"}, // 1900 was not a leap year
        {"date_of_birth", "2000-02-29", ""},                         // 2000 was
        {"date_of_birth", "2025-06-16", "cannot be in the future"},
        {"date_of_birth", "2999-01-01", "cannot be in the future"},
        {"date_of_birth", "2025-06-15", "at least 13"},
        {"date_of_birth", "2012-06-15", ""},                    // 13th birthday today
        {"date_of_birth", "2012-06-16", "at least 13"},         // 13th birthday tomorrow
        {"date_of_birth", "1900-06-16", ""},                    // 124, 125 tomorrow
        {"date_of_birth", "1899-06-16", ""},                    // 125, 126 tomorrow
        {"date_of_birth", "1899-06-15", "more than 125 years"}, // 126 today
        {"date_of_birth", "0001-01-01", "more than 125 years"},
    });
}

TEST_CASE("date of birth: 29 February birthdays fall on 1 March in common years", "[domain][registration]")
{
    auto ageError = [](const char* dob, sys_days on)
    {
        RegistrationForm form = validForm();
        form.profile.dateOfBirth = dob;
        return errorMap(form, on).count("date_of_birth") == 1;
    };
    CHECK(ageError("2012-02-29", sys_days{2025y / February / 28}));
    CHECK_FALSE(ageError("2012-02-29", sys_days{2025y / March / 1}));
    CHECK(ageError("2012-02-29", sys_days{2024y / February / 29})); // 12 in a leap year
    CHECK_FALSE(ageError("2011-02-28", sys_days{2024y / February / 29}));
    CHECK(ageError("2011-03-01", sys_days{2024y / February / 29}));
    CHECK_FALSE(ageError("2011-02-28", sys_days{2024y / February / 28}));
    CHECK(ageError("2011-03-01", sys_days{2024y / February / 28}));
    // The 125 limit the same way: 126 on 1 March 2026.
    CHECK_FALSE(ageError("1900-02-28", sys_days{2025y / February / 28}));
    CHECK(ageError("1900-02-28", sys_days{2026y / February / 28}));
    CHECK_FALSE(ageError("1900-03-01", sys_days{2026y / February / 28}));
}

TEST_CASE("address: street, unit, city, state, ZIP", "[domain][registration]")
{
    runCases({
        {"street", "", "Enter your street address"},
        {"street", "PO Box 12", ""},
        {"street", "1600 Example Ave NW #4", ""},
        {"street", repeat("s", 100), ""},
        {"street", repeat("s", 101), "at most 100"},
        {"street", "12 Main\x01St", "not allowed"},
        {"street", "\xE2\x80\xAE\x31\x32 Main St", "not allowed"}, // right-to-left override
        {"street", "--- #", "letters or digits"},
        {"unit", "", ""},
        {"unit", repeat("u", 30), ""},
        {"unit", repeat("u", 31), "Unit must be at most 30"},
        {"unit", "Apt\x7F", "not allowed"},
        {"city", "", "Enter your city"},
        {"city", "Winston-Salem", ""},
        {"city", "Coeur d'Alene", ""},
        {"city", "St. Louis", ""},
        {"city", "Mayag\xC3\xBC\x65z", ""},
        {"city", repeat("c", 50), ""},
        {"city", repeat("c", 51), "at most 50"},
        {"city", "Springfield!", "may contain only"},
        {"city", "123", "at least one letter"},
        {"state", "", "Choose your state"},
        {"state", "VA", ""},
        {"state", "va", ""},
        {"state", " virginia ", ""},
        {"state", "New  York", ""},
        {"state", "DC", ""},
        {"state", "PR", ""},
        {"state", "GU", ""},
        {"state", "AE", ""},
        {"state", "XX", "Choose a U.S. state"},
        {"state", "Va.", "Choose a U.S. state"},
        {"state", "Virginia Beach", "Choose a U.S. state"},
        {"zip", "", "Enter your ZIP code"},
        {"zip", "22150", ""},
        {"zip", "22150-1234", ""},
        {"zip", "221501234", ""},
        {"zip", "22150 1234", ""},
        {"zip", "2215", "5 digits"},
        {"zip", "221501", "5 digits"},
        {"zip", "22150-123", "5 digits"},
        {"zip", "22150-12345", "5 digits"},
        {"zip", "ABCDE", "5 digits"},
        {"zip", "22150-ABCD", "5 digits"},
    });
}

TEST_CASE("email", "[domain][registration]")
{
    std::string local64 = repeat("l", 64);
    std::string domain189 = repeat("a", 63) + "." + repeat("b", 63) + "." + repeat("c", 57) + ".com";
    std::string domain190 = repeat("a", 63) + "." + repeat("b", 63) + "." + repeat("c", 58) + ".com";
    REQUIRE((local64 + "@" + domain189).size() == 254);
    runCases({
        {"email", "", "Enter your email"},
        {"email", "a@b.co", ""},
        {"email", "Maria.T@Example.COM", ""},
        {"email", "user+tag@mail.example.org", ""},
        {"email", "o'brien@example.com", ""},
        {"email", "a@xn--bcher-kva.xn--p1ai", ""},
        {"email", local64 + "@" + domain189, ""},
        {"email", local64 + "@" + domain190, "at most 254"},
        {"email", local64 + "l@example.com", "before the @"},
        {"email", "maria example.com", "must not contain spaces"},
        {"email", "maria.example.com", "exactly one @"},
        {"email", "maria@@example.com", "exactly one @"},
        {"email", "maria@home@example.com", "exactly one @"},
        {"email", "@example.com", "before the @"},
        {"email", ".maria@example.com", "before the @"},
        {"email", "maria.@example.com", "before the @"},
        {"email", "ma..ria@example.com", "before the @"},
        {"email", "ma(ria)@example.com", "before the @"},
        {"email", "maria@", "after the @"},
        {"email", "maria@example", "after the @"},
        {"email", "maria@example.", "after the @"},
        {"email", "maria@.example.com", "after the @"},
        {"email", "maria@example..com", "after the @"},
        {"email", "maria@-example.com", "after the @"},
        {"email", "maria@example-.com", "after the @"},
        {"email", "maria@example.c", "after the @"},
        {"email", "maria@example.123", "after the @"},
        {"email", "maria@exa_mple.com", "after the @"},
        {"email", "maria@" + repeat("d", 64) + ".com", "after the @"},
        {"email", "maria@b\xC3\xBC\x63her.de", "after the @"},
    });
}

TEST_CASE("phone: 10-digit U.S. number", "[domain][registration]")
{
    runCases({
        {"phone", "", "Enter your phone"},
        {"phone", "7035550142", ""},
        {"phone", "(703) 555-0142", ""},
        {"phone", "703.555.0142", ""},
        {"phone", "1-703-555-0142", ""},
        {"phone", "+1 703 555 0142", ""},
        {"phone", "+17035550142", ""},
        {"phone", "2025550142", ""},
        {"phone", "703555014", "10 digits"},
        {"phone", "70355501420", "10 digits"},
        {"phone", "1703555014", "area code"}, // 10 digits, area code 170
        {"phone", "0035550142", "area code"},
        {"phone", "7031550142", "area code and the exchange"},
        {"phone", "7030550142", "area code and the exchange"},
        {"phone", "+44 20 7946 0958", "another country code"},
        {"phone", "+47 12345678", "another country code"}, // 10 digits, but Norway
        {"phone", "1+703 555 0142", "another country code"},
        {"phone", "703-555-0142 x12", "only digits"},
        {"phone", "703-555-CALL", "only digits"},
    });
}

TEST_CASE("user ID: 6-100 characters of letters, digits and . _ - @", "[domain][registration]")
{
    runCases({
        {"user_id", "", "Choose a user ID"},
        {"user_id", "abcde", "at least 6"},
        {"user_id", "abcdef", ""},
        {"user_id", "  abcdef  ", ""},
        {"user_id", repeat("u", 100), ""},
        {"user_id", repeat("u", 101), "at most 100"},
        {"user_id", "a.b_c-d@e", ""},
        {"user_id", "maria.t@example.com", ""},
        {"user_id", "maria smith", "letters (A-Z, a-z), digits (0-9) and the characters . _ - @"},
        {"user_id", "maria+smith", "only letters"},
        {"user_id", "mar\xC3\xAD\x61\x31", "only letters"}, // maría1: 6 characters, not ASCII
        {"user_id", "......", "at least one letter or digit"},
        {"user_id", "_-_-@.", "at least one letter or digit"},
    });
}

TEST_CASE("password: length, classes, characters", "[domain][registration]")
{
    runCases({
        {"password", "", "Enter a password"},
        {"password", "Blue#Kettl24", ""},                       // 12
        {"password", "Blue#Kettl2", "at least 12 characters"},  // 11
        {"password", "Bb1!" + repeat("x", 124), ""},            // 128
        {"password", "Bb1!" + repeat("x", 125), "at most 128"}, // 129
        {"password", "BLUE#KETTLE2024", "a lowercase letter"},
        {"password", "blue#kettle2024", "an uppercase letter"},
        {"password", "Blue#Kettle#Pot", "a digit (0-9)"},
        {"password", "BlueKettle2024", "one of the symbols ! @ # $ % ^ *"},
        {"password", "Blue&Kettle2024", "one of the symbols"}, // & is allowed but does not count
        {"password", "Blue&Kettle2024!", ""},
        {"password", "Blue #Kettle 2024", ""}, // inner spaces are fine
        {"password", " Blue#Kettle2024", "begin or end with a space"},
        {"password", "Blue#Kettle2024\t", "only letters, digits, spaces"},
        {"password", "Blu\xC3\xA9#Kettle2024", "accented letters"},
        {"password", "!@#$%^*aB3xyz", ""},
    });
    for (char symbol : std::string("!@#$%^*"))
        CHECK(passwordProblems(std::string("BlueKettle2024") + symbol, "", "", "").empty());
    for (char symbol : std::string("&()-_=+[]{};:'\",.<>/?\\|`~"))
    {
        INFO(symbol);
        auto problems = passwordProblems(std::string("BlueKettle2024") + symbol, "", "", "");
        REQUIRE(problems.size() == 1);
        CHECK_THAT(problems[0], Catch::Contains("one of the symbols"));
    }
}

TEST_CASE("password: all missing classes in one sentence; problems listed in order", "[domain][registration]")
{
    auto problems = passwordProblems("kettle", "", "", "");
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "Password must be at least 12 characters long.");
    CHECK(problems[1] ==
          "Password must include an uppercase letter (A-Z), a digit (0-9) and one of the symbols "
          "! @ # $ % ^ *.");
    CHECK(passwordProblems("", "Maria", "Testperson", "mtestperson85") ==
          std::vector<std::string>{"Enter a password."});
    // Too long: the content rules are skipped.
    CHECK(passwordProblems(repeat("a", 129), "aaa", "", "aaaa").size() == 1);
}

TEST_CASE("password: must not contain the first or last name", "[domain][registration]")
{
    struct NameCase
    {
        std::string first, last, password;
        std::string expected; // "" = accepted
    };
    std::vector<NameCase> cases{
        {"Maria", "Testperson", "xMARIA#Kettle24", "first name"},
        {"Maria", "Testperson", "Mari#Kettle2024", ""}, // 4 of 5 letters is not the name
        {"Maria", "Testperson", "Kettle#2024Testperson", "last name"},
        {"Maria", "Testperson", "Kettle#2024testPERSON", "last name"},
        {"Al", "Ng", "Al#Ng#Kettle2024", ""},                    // names under 3 letters are not searched for
        {"Ann", "Ng", "Channel#Kettle24", "first name"},         // 3 letters are
        {"Jos\xC3\xA9", "Ng", "Jose#Kettle2024", "first name"},  // accents ignored
        {"Jose\xCC\x81", "Ng", "Jose#Kettle2024", "first name"}, // decomposed accent too
        {"\xC5\x81ukasz", "Ng", "Lukasz#Kettle24", "first name"},
        {"Maria", "Smith-Jones", "Jones#Kettle2024", "last name"}, // a part
        {"Maria", "Smith-Jones", "Smi#Jon#Kettle24", ""},
        {"Maria", "Smith-Jones", "SmithJones#2024", "last name"},
        {"Maria", "O'Brien", "OBrien#Kettle24", "last name"}, // without the separator
        {"Maria", "O'Brien", "O#Bri#Kettle24X", ""},
        {"Jo-Al", "Ng", "Joal#Kettle2024", "first name"}, // parts too short, the whole is not
        {"Jo-Al", "Ng", "Jo-Al#Kettle2024", "first name"},
        {"Jo-Al", "Ng", "Jo#Kettle2024Al", ""},
        {"Mary Ann", "Ng", "MaryAnn#Kettle2024", "first name"},
        {"", "", "Blue#Kettle2024", ""},
    };
    for (const auto& c : cases)
    {
        INFO(c.first << " / " << c.last << " / " << c.password);
        auto problems = passwordProblems(c.password, c.first, c.last, "");
        if (c.expected.empty())
            CHECK(problems.empty());
        else
        {
            REQUIRE(problems.size() == 1);
            CHECK(problems[0] == "Password must not contain your " + c.expected + ".");
        }
    }
    // Both names at once: both reported, first name first.
    auto both = passwordProblems("Maria#Testperson1", "Maria", "Testperson", "");
    CHECK(both == std::vector<std::string>{"Password must not contain your first name.",
                                           "Password must not contain your last name."});
    // Through the form, with the name as it will be stored.
    RegistrationForm form = validForm();
    form.profile.lastName = "  Smith\xE2\x80\x93Jones ";
    form.password = form.passwordConfirm = "Jones#Kettle2024";
    CHECK(errorMap(form)["password"] == "Password must not contain your last name.");
}

TEST_CASE("password: no run of 4 or more characters of the user ID", "[domain][registration]")
{
    struct RunCase
    {
        std::string userId, password;
        bool refused;
    };
    std::vector<RunCase> cases{
        {"skywalker77", "Sky#Kettle2024", false},     // run of 3
        {"skywalker77", "Skyw#Kettle2024", true},     // run of 4
        {"skywalker77", "SKYW#Kettle2024", true},     // ignoring case
        {"skywalker77", "Blue#Kettle2024er77", true}, // run of 4 at the end of the ID
        {"skywalker77", "Blue#Kettle2024r77", false},
        {"skywalker77", "Blue#Kettle2024Walker", true},
        {"skywalker77", "Blue#Kettle2024Sky#walk", true}, // "walk"
        {"skywalker77", "Blue#Kettle2024Sky#wal", false}, // "sky" and "wal" are 3-runs, apart
        {"j.doe@mail.test", "Blue#Kettle2024.doe", true}, // ".doe"
        {"j.doe@mail.test", "Blue#Kettle2024doe@", true},
        {"j.doe@mail.test", "Blue#Kettle2024doe#", false},
        {"abc", "Blue#Kettle2024abc", false}, // a user ID shorter than 4 has no part
        {"", "Blue#Kettle2024", false},
    };
    for (const auto& c : cases)
    {
        INFO(c.userId << " / " << c.password);
        auto problems = passwordProblems(c.password, "", "", c.userId);
        if (c.refused)
        {
            REQUIRE(problems.size() == 1);
            CHECK(problems[0] ==
                  "Password must not contain 4 or more consecutive characters of your user ID.");
        }
        else
            CHECK(problems.empty());
    }
    // Exhaustive on one ID: every 4-run refused, every 3-run accepted.
    const std::string userId = "Quartz.Moon_93";
    for (std::size_t i = 0; i + 4 <= userId.size(); ++i)
    {
        INFO(i);
        CHECK(passwordProblems("Blue#Kettle2024" + userId.substr(i, 3), "", "", userId).empty());
        CHECK(passwordProblems("Blue#Kettle2024" + userId.substr(i, 4), "", "", userId).size() == 1);
    }
    // A very long user ID stays fast (the runs are looked up in a set).
    CHECK(passwordProblems("Blue#Kettle2024", "", "", repeat("abcdefghij", 100000)).empty());
}

TEST_CASE("password confirmation", "[domain][registration]")
{
    RegistrationForm form = validForm();
    form.passwordConfirm = "Blue#Kettle2025";
    auto errors = errorMap(form);
    REQUIRE(errors.size() == 1);
    CHECK(errors["password_confirm"] == "The two passwords do not match.");

    form.passwordConfirm = "";
    CHECK(errorMap(form)["password_confirm"] == "Enter your password again to confirm it.");

    form.passwordConfirm = " Blue#Kettle2024"; // passwords are never trimmed
    CHECK(errorMap(form).count("password_confirm") == 1);

    form.password = form.passwordConfirm = "";
    errors = errorMap(form);
    CHECK(errors.count("password") == 1);
    CHECK(errors.count("password_confirm") == 0);
}

TEST_CASE("challenge question and answer", "[domain][registration]")
{
    runCases({
        {"challenge_question", "", "Choose a challenge question"},
        {"challenge_question", "What is your favorite color?", "one of the challenge questions offered"},
        {"challenge_question", "  What was the name of  your first pet? ", ""},
        {"challenge_answer", "", "Enter an answer"},
        {"challenge_answer", "ab", "at least 3"},
        {"challenge_answer", "  ab  ", "at least 3"},
        {"challenge_answer", "abc", ""},
        {"challenge_answer", repeat("a", 100), ""},
        {"challenge_answer", repeat("a", 101), "at most 100"},
        {"challenge_answer", "Blue#Kettle2024", "must not contain your password"},
        {"challenge_answer", "it is blue#kettle2024 ok", "must not contain your password"},
        {"challenge_answer", "Blue#Kettle202", ""},
        {"challenge_answer", "Rex\x02", "not allowed"},
    });
    // The answer is compared with the password as the answer would be normalised.
    RegistrationForm form = validForm();
    form.password = form.passwordConfirm = "Blue  #Kettle2024";
    form.challengeAnswer = "blue #kettle2024";
    CHECK(errorMap(form).count("challenge_answer") == 1);
}

TEST_CASE("SSN: optional, 9 digits, possible numbers only", "[domain][registration]")
{
    runCases({
        {"ssn", "", ""},
        {"ssn", "   ", ""},
        {"ssn", "123-45-6789", ""},
        {"ssn", "123456789", ""},
        {"ssn", "123 45 6789", ""},
        {"ssn", "899-45-6789", ""},
        {"ssn", "665-45-6789", ""},
        {"ssn", "12-345-6789", "9 digits"},
        {"ssn", "12345678", "9 digits"},
        {"ssn", "1234567890", "9 digits"},
        {"ssn", "123-45-678a", "9 digits"},
        {"ssn", "123--45-6789", "9 digits"},
        {"ssn", "000-45-6789", "cannot begin with 000, 666 or 9"},
        {"ssn", "666-45-6789", "cannot begin with 000, 666 or 9"},
        {"ssn", "900-45-6789", "cannot begin with 000, 666 or 9"},
        {"ssn", "999-45-6789", "cannot begin with"},
        {"ssn", "123-00-6789", "middle two digits cannot be 00"},
        {"ssn", "123-45-0000", "last four digits cannot be 0000"},
    });
}

TEST_CASE("SSN helpers", "[domain][registration]")
{
    CHECK(ssnDigits("123-45-6789") == "123456789");
    CHECK(ssnDigits(" 123456789 ") == "123456789");
    CHECK(ssnDigits("123 45 6789") == "123456789");
    CHECK(ssnDigits("123-45 6789") == "123456789");
    CHECK_FALSE(ssnDigits(""));
    CHECK_FALSE(ssnDigits("12345678"));
    CHECK_FALSE(ssnDigits("1234567890"));
    CHECK_FALSE(ssnDigits("123_45_6789"));
    CHECK_FALSE(ssnDigits("1234-5-6789"));
    CHECK_FALSE(ssnDigits("abc-de-fghi"));
    CHECK(lastFour("123456789") == "6789");
    CHECK(lastFour("123-45-6789") == "6789");
    CHECK(lastFour("6789") == "6789");
    CHECK_THROWS_AS(lastFour("789"), Error);
    CHECK_THROWS_AS(lastFour("ab-cd"), Error);
    try
    {
        lastFour("");
    }
    catch (const Error& e)
    {
        CHECK(e.code() == ErrorCode::InvalidInput);
    }
}

TEST_CASE("messages never repeat the password or the SSN", "[domain][registration]")
{
    std::vector<std::string> passwords{"Maria#Testperson1", "mtestperson85Aa!", "short",
                                       "Blue&Kettle2024",   " Blue#Kettle2024", "BLUE#KETTLE2024"};
    for (const auto& password : passwords)
    {
        RegistrationForm form = validForm();
        form.password = password;
        form.passwordConfirm = password + "x";
        form.challengeAnswer = "my " + password;
        form.ssn = "666-12-3456";
        for (const auto& e : validateRegistration(form, today))
        {
            INFO(e.field << ": " << e.message);
            CHECK(e.message.find(password) == std::string::npos);
            CHECK(e.message.find("3456") == std::string::npos);
        }
    }
}

TEST_CASE("at most one message per field, in form order", "[domain][registration]")
{
    RegistrationForm form;
    form.profile.firstName = "1";
    form.profile.middleName = "2";
    form.profile.lastName = "3";
    form.profile.dateOfBirth = "x";
    form.profile.street = "\x01";
    form.profile.unit = repeat("u", 31);
    form.profile.city = "!";
    form.profile.state = "ZZ";
    form.profile.zip = "1";
    form.profile.email = "x";
    form.profile.phone = "1";
    form.userId = "a b";
    form.password = "a\x01";
    form.passwordConfirm = "b";
    form.challengeQuestion = "?";
    form.challengeAnswer = "a";
    form.ssn = "1";
    auto errors = validateRegistration(form, today);
    std::vector<std::string> fields;
    for (const auto& e : errors)
        fields.push_back(e.field);
    CHECK(fields == std::vector<std::string>{"first_name", "middle_name", "last_name", "date_of_birth",
                                             "street", "unit", "city", "state", "zip", "email", "phone",
                                             "user_id", "password", "password_confirm", "challenge_question",
                                             "challenge_answer", "ssn"});
    for (const auto& e : errors)
        CHECK_FALSE(e.message.empty());

    // An empty form: every required field once, the optional ones (middle name, unit, SSN) not at all.
    errors = validateRegistration(RegistrationForm{}, today);
    fields.clear();
    for (const auto& e : errors)
        fields.push_back(e.field);
    CHECK(fields == std::vector<std::string>{"first_name", "last_name", "date_of_birth", "street", "city",
                                             "state", "zip", "email", "phone", "user_id", "password",
                                             "challenge_question", "challenge_answer"});
}

TEST_CASE("normalisation", "[domain][registration]")
{
    RegistrationForm raw;
    raw.profile.firstName = "  Mary \t Ann\xE2\x80\x8B "; // tab and zero-width space
    raw.profile.middleName = "\xC2\xA0Q.\xC2\xA0";        // no-break spaces
    raw.profile.lastName = "O\xE2\x80\x99\x42rien\xE2\x80\x90Smith";
    raw.profile.dateOfBirth = " 4/2/1985 ";
    raw.profile.street = " 123   Example   Ave ";
    raw.profile.unit = " Apt  4B ";
    raw.profile.city = " Winston \xE2\x80\x93 Salem ";
    raw.profile.state = "new york";
    raw.profile.zip = " 22150 1234 ";
    raw.profile.email = " Maria.T@Example.COM ";
    raw.profile.phone = "+1 (703) 555-0142";
    raw.userId = "  Maria.T ";
    raw.password = " Pass  word ";
    raw.passwordConfirm = " Pass  word ";
    raw.challengeQuestion = challengeQuestions()[2] + "  ";
    raw.challengeAnswer = "  Rex   the dog ";
    raw.ssn = " 123-45-6789 ";

    RegistrationForm n = normalizeRegistration(raw);
    CHECK(n.profile.firstName == "Mary Ann");
    CHECK(n.profile.middleName == "Q.");
    CHECK(n.profile.lastName == "O'Brien-Smith");
    CHECK(n.profile.dateOfBirth == "1985-04-02");
    CHECK(n.profile.street == "123 Example Ave");
    CHECK(n.profile.unit == "Apt 4B");
    CHECK(n.profile.city == "Winston - Salem");
    CHECK(n.profile.state == "NY");
    CHECK(n.profile.zip == "22150-1234");
    CHECK(n.profile.email == "Maria.T@example.com");
    CHECK(n.profile.phone == "7035550142");
    CHECK(n.userId == "Maria.T");
    CHECK(n.password == " Pass  word "); // untouched
    CHECK(n.passwordConfirm == " Pass  word ");
    CHECK(n.challengeQuestion == challengeQuestions()[2]);
    CHECK(n.challengeAnswer == "Rex the dog");
    CHECK(n.ssn == "123456789");

    // Idempotent.
    RegistrationForm twice = normalizeRegistration(n);
    CHECK(twice.profile.firstName == n.profile.firstName);
    CHECK(twice.profile.lastName == n.profile.lastName);
    CHECK(twice.profile.dateOfBirth == n.profile.dateOfBirth);
    CHECK(twice.profile.city == n.profile.city);
    CHECK(twice.profile.state == n.profile.state);
    CHECK(twice.profile.zip == n.profile.zip);
    CHECK(twice.profile.email == n.profile.email);
    CHECK(twice.profile.phone == n.profile.phone);
    CHECK(twice.ssn == n.ssn);

    // Values that fit no pattern are only trimmed.
    RegistrationForm odd;
    odd.profile.zip = " 22-15 ";
    odd.profile.phone = " +44 20 7946 0958 ";
    odd.profile.state = " Ontario ";
    odd.profile.dateOfBirth = "31.12.1980";
    odd.ssn = "12-345-6789";
    odd.profile.firstName = "Ma\xC3("; // invalid UTF-8 survives to be refused
    RegistrationForm o = normalizeRegistration(odd);
    CHECK(o.profile.zip == "22-15");
    CHECK(o.profile.phone == "+44 20 7946 0958");
    CHECK(o.profile.state == "ONTARIO");
    CHECK(o.profile.dateOfBirth == "31.12.1980");
    CHECK(o.ssn == "12-345-6789");
    CHECK(o.profile.firstName == "Ma\xC3(");

    CHECK(normalizeText("  a \t\n b\xE2\x80\x83\x63  ") == "a b c"); // em space
    CHECK(normalizeText("\xEF\xBB\xBF\x61\x62\x63") == "abc");       // byte-order mark
    CHECK(normalizeText("") == "");
    CHECK(normalizeText(" \xFF  x ") == "\xFF x");
}

TEST_CASE("user ID key: case-insensitive", "[domain][registration]")
{
    CHECK(userIdKey("Maria.T@Example.com") == "maria.t@example.com");
    CHECK(userIdKey("  MTestPerson85 ") == "mtestperson85");
    CHECK(userIdKey("mtestperson85") == userIdKey("MTESTPERSON85"));
    CHECK(userIdKey("") == "");
}

TEST_CASE("challenge questions and states", "[domain][registration]")
{
    const auto& questions = challengeQuestions();
    CHECK(questions.size() >= 6);
    CHECK(questions.size() <= 8);
    CHECK(std::set<std::string>(questions.begin(), questions.end()).size() == questions.size());
    for (const auto& q : questions)
        CHECK(normalizeText(q) == q); // a question survives normalisation unchanged

    const auto& states = usStates();
    CHECK(states.size() == 59);
    std::set<std::string> codes;
    for (const auto& [code, name] : states)
    {
        CHECK(code.size() == 2);
        CHECK((code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z'));
        CHECK_FALSE(name.empty());
        codes.insert(code);
    }
    CHECK(codes.size() == 59);
    for (const char* code : {"DC", "PR", "GU", "VI", "AS", "MP", "AA", "AE", "AP", "AK", "HI", "WY"})
        CHECK(codes.count(code) == 1);
    // Every full name normalises to its code.
    for (const auto& [code, name] : states)
    {
        RegistrationForm form;
        form.profile.state = name;
        CHECK(normalizeRegistration(form).profile.state == code);
    }
}

TEST_CASE("validation never throws and reports at most one message per field on any input",
          "[domain][registration]")
{
    std::mt19937 rng(20250615);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 40);
    auto randomText = [&]
    {
        std::string s;
        int n = length(rng);
        for (int i = 0; i < n; ++i)
            s += static_cast<char>(byte(rng));
        return s;
    };
    for (int round = 0; round < 2000; ++round)
    {
        RegistrationForm form = validForm();
        for (const char* field : {"first_name", "middle_name", "last_name", "date_of_birth", "street", "unit",
                                  "city", "state", "zip", "email", "phone", "user_id", "password",
                                  "challenge_question", "challenge_answer", "ssn"})
            if (round % 2 == 0 || byte(rng) < 40)
                setField(form, field, randomText());
        std::vector<FieldError> errors;
        REQUIRE_NOTHROW(errors = validateRegistration(form, today));
        std::set<std::string> fields;
        for (const auto& e : errors)
            CHECK(fields.insert(e.field).second);
        RegistrationForm once = normalizeRegistration(form);
        RegistrationForm twice = normalizeRegistration(once);
        CHECK(once.profile.firstName == twice.profile.firstName);
        CHECK(once.profile.phone == twice.profile.phone);
        CHECK(once.profile.zip == twice.profile.zip);
        CHECK(once.profile.email == twice.profile.email);
        CHECK(once.challengeAnswer == twice.challengeAnswer);
    }
    // Huge values are refused quickly, not processed at length.
    RegistrationForm huge = validForm();
    std::string big(1 << 20, 'a');
    for (const char* field :
         {"first_name", "street", "city", "email", "user_id", "password", "challenge_answer"})
        setField(huge, field, big);
    auto errors = errorMap(huge);
    CHECK(errors.count("first_name") == 1);
    CHECK(errors.count("password") == 1);
    CHECK(errors.count("challenge_answer") == 1);
}
