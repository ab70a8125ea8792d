#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Json.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using proofdesk::Error;
using proofdesk::ErrorCode;
using proofdesk::Json;

namespace
{

// The message of the Error that parsing text throws; fails the test when it does not throw one.
std::string parseError(const std::string& text, std::string_view sourceName = {})
{
    try
    {
        Json::parse(text, sourceName);
    }
    catch (const Error& error)
    {
        CHECK(error.code() == ErrorCode::InvalidInput);
        return error.what();
    }
    FAIL("no error for: " << text);
    return {};
}

} // namespace

TEST_CASE("Json parses scalars", "[domain][json]")
{
    CHECK(Json::parse("null").isNull());
    CHECK(Json::parse("true").asBoolean());
    CHECK_FALSE(Json::parse(" false ").asBoolean());
    CHECK(Json::parse("\"text\"").asString() == "text");
    CHECK(Json::parse("\"\"").asString().empty());

    struct Row
    {
        const char* text;
        double value;
        std::optional<std::int64_t> integer;
    };
    const std::vector<Row> numbers{
        {"0", 0.0, 0},
        {"-0", 0.0, 0},
        {"7", 7.0, 7},
        {"-12", -12.0, -12},
        {"1.5", 1.5, std::nullopt},
        {"-12.5e3", -12500.0, -12500},
        {"1E2", 100.0, 100},
        {"1e+2", 100.0, 100},
        {"2.50e-1", 0.25, std::nullopt},
        {"3.0", 3.0, 3},
        {"9007199254740992", 9007199254740992.0, 9007199254740992},
        {"1e300", 1e300, std::nullopt},
        {"1e-400", 0.0, 0}, // underflow is zero, not an error
    };
    for (const Row& row : numbers)
    {
        INFO(row.text);
        const Json value = Json::parse(row.text);
        REQUIRE(value.isNumber());
        CHECK(value.asNumber() == row.value);
        CHECK(value.asInteger() == row.integer);
    }
    CHECK_FALSE(Json::parse("\"1\"").asInteger());
}

TEST_CASE("Json decodes every escape, surrogate pairs included, into UTF-8", "[domain][json]")
{
    const std::vector<std::pair<std::string, std::string>> rows{
        {R"("\"")", "\""},
        {R"("\\")", "\\"},
        {R"("\/")", "/"},
        {R"("\b\f\n\r\t")", "\b\f\n\r\t"},
        {R"("\u0041\u0062")", "Ab"},
        {R"("\u0000")", std::string(1, '\0')},
        {R"("\u00e9")", "\xC3\xA9"},                                          // e acute, two bytes
        {R"("\u20AC")", "\xE2\x82\xAC"},                                      // euro sign, three bytes
        {R"("\uFFFF")", "\xEF\xBF\xBF"},                                      // last of the BMP
        {R"("\uD83D\uDE00")", "\xF0\x9F\x98\x80"},                            // U+1F600 from a surrogate pair
        {R"("\uDBFF\uDFFF")", "\xF4\x8F\xBF\xBF"},                            // U+10FFFF, the last code point
        {"\"caf\xC3\xA9 \xF0\x9F\x98\x80\"", "caf\xC3\xA9 \xF0\x9F\x98\x80"}, // raw UTF-8 passes through
        {R"("a\"b\\c")", "a\"b\\c"},
    };
    for (const auto& [text, expected] : rows)
    {
        INFO(text);
        CHECK(Json::parse(text).asString() == expected);
    }
}

TEST_CASE("Json objects keep order and positions; arrays keep their items", "[domain][json]")
{
    const std::string text = "{\n"
                             "  \"b\": [1, {\"x\": null}],\n"
                             "  \"a\":\n"
                             "     \"value\",\n"
                             "  \"\xC3\xA9t\xC3\xA9\": true\n"
                             "}";
    const Json root = Json::parse(text);
    REQUIRE(root.isObject());
    CHECK(root.line() == 1);
    CHECK(root.column() == 1);
    const auto& members = root.members();
    REQUIRE(members.size() == 3);
    CHECK(members[0].key == "b");
    CHECK(members[1].key == "a");
    CHECK(members[2].key == "\xC3\xA9t\xC3\xA9");
    CHECK(members[0].line == 2);
    CHECK(members[0].column == 3);
    CHECK(members[1].line == 3);
    CHECK(members[1].value.line() == 4); // the value starts where it is written, not at its key
    CHECK(members[1].value.column() == 6);
    CHECK(members[2].value.column() == 10); // columns count characters (12 in bytes)

    const Json& b = *root.find("b");
    REQUIRE(b.items().size() == 2);
    CHECK(b.items()[0].asInteger() == 1);
    CHECK(b.items()[1].line() == 2);
    CHECK(b.items()[1].column() == 12);
    CHECK(b.items()[1].find("x")->isNull());
    CHECK(root.find("missing") == nullptr);
    CHECK(b.find("x") == nullptr); // not an object
    CHECK(Json::parse("[]").items().empty());
    CHECK(Json::parse("{}").members().empty());
    CHECK(Json::parse("[[]]").items()[0].items().empty());
}

TEST_CASE("Json tolerates a byte order mark and every JSON whitespace", "[domain][json]")
{
    CHECK(Json::parse("\xEF\xBB\xBF{\"a\":1}").find("a")->asInteger() == 1);
    const Json value = Json::parse("\r\n\t [\r\n 1 ]\r\n");
    CHECK(value.line() == 2);
    CHECK(value.items()[0].line() == 3);
    CHECK(value.items()[0].column() == 2);
}

TEST_CASE("Json refuses malformed text naming line and column", "[domain][json]")
{
    struct Row
    {
        std::string text;
        std::string message;
    };
    const std::vector<Row> rows{
        {"", "line 1, column 1: expected a value, found end of input"},
        {"   \n  ", "line 2, column 3: expected a value, found end of input"},
        {"{\n  \"a\": 1\n  \"b\": 2\n}", "line 3, column 3: expected ',' or '}', found '\"'"},
        {"[1 2]", "line 1, column 4: expected ',' or ']', found '2'"},
        {"[1,]", "line 1, column 4: expected a value, found ']'"},
        {"{\"a\":1,}", "line 1, column 8: expected a string key, found '}'"},
        {"{'a':1}", "line 1, column 2: expected a string key, found '''"},
        {"{\"a\" 1}", "line 1, column 6: expected ':', found '1'"},
        {"{\"a\":}", "line 1, column 6: expected a value, found '}'"},
        {"[1", "line 1, column 3: expected ',' or ']', found end of input"},
        {"{\"a\":1", "line 1, column 7: expected ',' or '}', found end of input"},
        {"1 2", "line 1, column 3: unexpected '2' after the JSON value"},
        {"{} x", "line 1, column 4: unexpected 'x' after the JSON value"},
        {"01", "line 1, column 2: leading zeros are not allowed in numbers"},
        {"-", "line 1, column 2: expected a digit, found end of input"},
        {"-x", "line 1, column 2: expected a digit, found 'x'"},
        {"+1", "line 1, column 1: expected a value, found '+'"},
        {".5", "line 1, column 1: expected a value, found '.'"},
        {"1.", "line 1, column 3: expected a digit after '.', found end of input"},
        {"1e", "line 1, column 3: expected a digit in the exponent, found end of input"},
        {"1e400", "line 1, column 1: number out of range"},
        {"[0, -1e999]", "line 1, column 5: number out of range"},
        {"NaN", "line 1, column 1: expected a value, found 'N'"},
        {"Infinity", "line 1, column 1: expected a value, found 'I'"},
        {"tru", "line 1, column 1: invalid literal, expected 'true'"},
        {"truex", "line 1, column 1: invalid literal, expected 'true'"},
        {"nul", "line 1, column 1: invalid literal, expected 'null'"},
        {"\"abc", "line 1, column 1: unterminated string"},
        {"[\"ab\\", "line 1, column 2: unterminated string"},
        {"\"a\nb\"", "line 1, column 3: control character U+000A in a string must be escaped"},
        {"\"a\tb\"", "line 1, column 3: control character U+0009 in a string must be escaped"},
        {"\"\\x\"", "line 1, column 3: invalid escape '\\x'"},
        {"\"\\u12G4\"", "line 1, column 6: expected 4 hex digits after \\u, found 'G'"},
        {"\"\\u12\"", "line 1, column 6: expected 4 hex digits after \\u, found '\"'"},
        {"\"\\uD800\"", "line 1, column 2: unpaired high surrogate in \\u escape"},
        {"\"\\uD800\\u0041\"", "line 1, column 2: unpaired high surrogate in \\u escape"},
        {"\"\\uD800x\"", "line 1, column 2: unpaired high surrogate in \\u escape"},
        {"\"\\uDC00\"", "line 1, column 2: unpaired low surrogate in \\u escape"},
        {"\"\xFF\"", "line 1, column 2: invalid UTF-8 in a string"},
        {"\"\xC3\"", "line 1, column 2: invalid UTF-8 in a string"},             // truncated sequence
        {"\"\xC0\xAF\"", "line 1, column 2: invalid UTF-8 in a string"},         // overlong '/'
        {"\"\xE0\x80\xAF\"", "line 1, column 2: invalid UTF-8 in a string"},     // overlong, three bytes
        {"\"\xED\xA0\x80\"", "line 1, column 2: invalid UTF-8 in a string"},     // an encoded surrogate
        {"\"\xF4\x90\x80\x80\"", "line 1, column 2: invalid UTF-8 in a string"}, // above U+10FFFF
        {"\xFF", "line 1, column 1: expected a value, found byte 0xFF"},
        {"[\"\xC3\xA9\", x]", "line 1, column 7: expected a value, found 'x'"},
        {"{\"a\":1,\n \"a\":2}", "line 2, column 2: duplicate key \"a\" (first at line 1)"},
        {"{\r\n\"a\":1,\r\n x}", "line 3, column 2: expected a string key, found 'x'"},
    };
    for (const Row& row : rows)
    {
        INFO(row.text);
        CHECK(parseError(row.text) == row.message);
    }
}

TEST_CASE("Json names the source as compilers do when given one", "[domain][json]")
{
    CHECK(parseError("{\n  \"a\": 1\n  \"b\": 2\n}", "flow.json") ==
          "flow.json:3:3: expected ',' or '}', found '\"'");
}

TEST_CASE("Json nesting is limited", "[domain][json]")
{
    const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    Json value = Json::parse(nested(Json::MaxDepth));
    std::size_t depth = 1;
    for (const Json* level = &value; !level->items().empty(); level = &level->items()[0])
        ++depth;
    CHECK(depth == Json::MaxDepth);
    CHECK(parseError(nested(Json::MaxDepth + 1)) == "line 1, column 65: nesting deeper than 64 levels");
    CHECK(parseError(std::string(100000, '[')) == "line 1, column 65: nesting deeper than 64 levels");

    std::string objects;
    for (std::size_t i = 0; i < Json::MaxDepth + 1; ++i)
        objects += "{\"k\":";
    CHECK(parseError(objects).find("nesting deeper than 64 levels") != std::string::npos);
}

TEST_CASE("Json accessors refuse the wrong type naming the place", "[domain][json]")
{
    const Json root = Json::parse("{\n \"n\": 5}");
    const Json& n = *root.find("n");
    const auto message = [](auto&& call) -> std::string
    {
        try
        {
            call();
        }
        catch (const Error& error)
        {
            CHECK(error.code() == ErrorCode::InvalidInput);
            return error.what();
        }
        return "no error";
    };
    CHECK(message([&] { (void)n.asString(); }) == "line 2, column 7: expected string, found number");
    CHECK(message([&] { (void)n.asBoolean(); }) == "line 2, column 7: expected boolean, found number");
    CHECK(message([&] { (void)n.items(); }) == "line 2, column 7: expected array, found number");
    CHECK(message([&] { (void)n.members(); }) == "line 2, column 7: expected object, found number");
    CHECK(message([&] { (void)root.asNumber(); }) == "line 1, column 1: expected number, found object");
    CHECK(std::string(Json::typeName(Json::Type::Null)) == "null");
    CHECK(Json().line() == 0);
    CHECK(Json().isNull());
}
