#include "proofdesk/domain/Json.h"

#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Utf8.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>
#include <utility>

namespace proofdesk
{

namespace
{

std::string place(std::string_view sourceName, int line, int column)
{
    if (sourceName.empty())
        return "line " + std::to_string(line) + ", column " + std::to_string(column);
    return std::string(sourceName) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The length of the well-formed UTF-8 sequence at the start of s (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when it is malformed.
std::size_t utf8SequenceLength(std::string_view s)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto continuation = [&](std::size_t i) { return i < s.size() && (byte(i) & 0xC0) == 0x80; };
    const unsigned char b0 = byte(0);
    if (b0 < 0x80)
        return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF)
        return continuation(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF)
    {
        if (!continuation(1) || !continuation(2))
            return 0;
        if (b0 == 0xE0 && byte(1) < 0xA0)
            return 0; // overlong
        if (b0 == 0xED && byte(1) >= 0xA0)
            return 0; // UTF-16 surrogate
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4)
    {
        if (!continuation(1) || !continuation(2) || !continuation(3))
            return 0;
        if (b0 == 0xF0 && byte(1) < 0x90)
            return 0; // overlong
        if (b0 == 0xF4 && byte(1) >= 0x90)
            return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

// The power of ten of the leading digit of a syntactically valid JSON number ("123" -> 2, "0.05" -> -2),
// saturating, to tell an overflow from an underflow.
long long decimalMagnitude(std::string_view number)
{
    std::size_t i = number.front() == '-' ? 1 : 0;
    long long magnitude = 0;
    bool found = false;
    long long integerDigits = 0;
    for (; i < number.size() && isDigit(number[i]); ++i, ++integerDigits)
        if (!found && number[i] != '0')
        {
            found = true;
            magnitude = -integerDigits; // corrected by the count of integer digits below
        }
    if (found)
        magnitude += integerDigits - 1;
    if (i < number.size() && number[i] == '.')
        for (long long fraction = 1; ++i < number.size() && isDigit(number[i]); ++fraction)
            if (!found && number[i] != '0')
            {
                found = true;
                magnitude = -fraction;
            }
    if (!found)
        return 0;
    if (i < number.size() && (number[i] == 'e' || number[i] == 'E'))
    {
        ++i;
        const bool negative = number[i] == '-';
        if (number[i] == '+' || number[i] == '-')
            ++i;
        long long exponent = 0;
        for (; i < number.size() && isDigit(number[i]); ++i)
            exponent = std::min(exponent * 10 + (number[i] - '0'), 1000000000LL);
        magnitude += negative ? -exponent : exponent;
    }
    return magnitude;
}

} // namespace

// A recursive-descent parser over the text, tracking the line and the start of the current line so that
// every value and every error can be placed.
class JsonParser
{
public:
    JsonParser(std::string_view text, std::string_view sourceName) : _text(text), _source(sourceName)
    {
        // A byte order mark is not JSON, but editors on some desks write one; RFC 8259 lets us ignore it.
        if (_text.substr(0, 3) == "\xEF\xBB\xBF")
            _pos = 3;
        _lineStart = _pos;
    }

    Json parseDocument()
    {
        skipWhitespace();
        Json value = parseValue(0);
        skipWhitespace();
        if (_pos < _text.size())
            fail("unexpected " + describeCurrent() + " after the JSON value");
        return value;
    }

private:
    [[noreturn]] void failAt(int line, int column, const std::string& problem) const
    {
        throw Error(ErrorCode::InvalidInput, place(_source, line, column) + ": " + problem);
    }

    [[noreturn]] void fail(const std::string& problem) const { failAt(_line, column(), problem); }

    int column() const { return columnOf(_pos); }

    int columnOf(std::size_t pos) const
    {
        int column = 1;
        for (std::size_t i = _lineStart; i < pos && i < _text.size(); ++i)
            if ((static_cast<unsigned char>(_text[i]) & 0xC0) != 0x80)
                ++column;
        return column;
    }

    bool atEnd() const { return _pos >= _text.size(); }

    char current() const { return _text[_pos]; }

    std::string describeCurrent() const
    {
        if (atEnd())
            return "end of input";
        const auto c = static_cast<unsigned char>(current());
        if (c >= 0x20 && c < 0x7F)
            return std::string("'") + current() + "'";
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "byte 0x%02X", static_cast<unsigned>(c));
        return buffer;
    }

    [[noreturn]] void expected(const std::string& what) const
    {
        fail("expected " + what + ", found " + describeCurrent());
    }

    void skipWhitespace()
    {
        while (!atEnd())
        {
            const char c = current();
            if (c == '\n')
            {
                ++_line;
                ++_pos;
                _lineStart = _pos;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                ++_pos;
            }
            else
            {
                break;
            }
        }
    }

    Json startValue(Json::Type type) const
    {
        Json value;
        value._type = type;
        value._line = _line;
        value._column = column();
        return value;
    }

    Json parseValue(std::size_t depth)
    {
        if (atEnd())
            expected("a value");
        switch (current())
        {
        case '{':
            return parseObject(depth + 1);
        case '[':
            return parseArray(depth + 1);
        case '"':
        {
            Json value = startValue(Json::Type::String);
            value._string = parseString();
            return value;
        }
        case 't':
            return parseLiteral("true", Json::Type::Boolean, true);
        case 'f':
            return parseLiteral("false", Json::Type::Boolean, false);
        case 'n':
            return parseLiteral("null", Json::Type::Null, false);
        default:
            if (current() == '-' || isDigit(current()))
                return parseNumber();
            expected("a value");
        }
    }

    Json parseLiteral(std::string_view word, Json::Type type, bool boolean)
    {
        Json value = startValue(type);
        const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
        // "truex" is one bad word, not true followed by garbage.
        if (_text.substr(_pos, word.size()) != word ||
            (_pos + word.size() < _text.size() && letter(_text[_pos + word.size()])))
            fail("invalid literal, expected '" + std::string(word) + "'");
        _pos += word.size();
        value._boolean = boolean;
        return value;
    }

    Json parseNumber()
    {
        Json value = startValue(Json::Type::Number);
        const std::size_t start = _pos;
        if (current() == '-')
            ++_pos;
        if (atEnd() || !isDigit(current()))
            expected("a digit");
        if (current() == '0')
        {
            ++_pos;
            if (!atEnd() && isDigit(current()))
                fail("leading zeros are not allowed in numbers");
        }
        else
        {
            while (!atEnd() && isDigit(current()))
                ++_pos;
        }
        if (!atEnd() && current() == '.')
        {
            ++_pos;
            if (atEnd() || !isDigit(current()))
                expected("a digit after '.'");
            while (!atEnd() && isDigit(current()))
                ++_pos;
        }
        if (!atEnd() && (current() == 'e' || current() == 'E'))
        {
            ++_pos;
            if (!atEnd() && (current() == '+' || current() == '-'))
                ++_pos;
            if (atEnd() || !isDigit(current()))
                expected("a digit in the exponent");
            while (!atEnd() && isDigit(current()))
                ++_pos;
        }
        const char* first = _text.data() + start;
        const char* last = _text.data() + _pos;
        const auto [end, ec] = std::from_chars(first, last, value._number);
        if (ec == std::errc::result_out_of_range)
        {
            // Underflow (1e-400) is harmlessly zero; overflow would silently become infinity.
            if (decimalMagnitude(std::string_view(first, static_cast<std::size_t>(last - first))) > 0)
                failAt(value._line, value._column, "number out of range");
            value._number = 0.0;
        }
        else if (ec != std::errc() || end != last)
        {
            failAt(value._line, value._column, "invalid number");
        }
        return value;
    }

    std::uint32_t parseHex4()
    {
        std::uint32_t cp = 0;
        for (int i = 0; i < 4; ++i)
        {
            const int digit = atEnd() ? -1 : hexValue(current());
            if (digit < 0)
                expected("4 hex digits after \\u");
            cp = cp * 16 + static_cast<std::uint32_t>(digit);
            ++_pos;
        }
        return cp;
    }

    std::string parseString()
    {
        const int line = _line;
        const int startColumn = column();
        ++_pos; // the opening quote
        std::string out;
        for (;;)
        {
            if (atEnd())
                failAt(line, startColumn, "unterminated string");
            const auto c = static_cast<unsigned char>(current());
            if (c == '"')
            {
                ++_pos;
                return out;
            }
            if (c < 0x20)
            {
                char buffer[64];
                std::snprintf(buffer, sizeof buffer, "control character U+%04X in a string must be escaped",
                              static_cast<unsigned>(c));
                fail(buffer);
            }
            if (c == '\\')
            {
                if (_pos + 1 >= _text.size())
                    failAt(line, startColumn, "unterminated string");
                parseEscape(out);
                continue;
            }
            const std::size_t length = utf8SequenceLength(_text.substr(_pos));
            if (length == 0)
                fail("invalid UTF-8 in a string");
            out.append(_text.substr(_pos, length));
            _pos += length;
        }
    }

    void parseEscape(std::string& out)
    {
        const std::size_t escapeStart = _pos;
        ++_pos; // the backslash; parseString() made sure a character follows
        const char c = current();
        ++_pos;
        switch (c)
        {
        case '"':
            out += '"';
            return;
        case '\\':
            out += '\\';
            return;
        case '/':
            out += '/';
            return;
        case 'b':
            out += '\b';
            return;
        case 'f':
            out += '\f';
            return;
        case 'n':
            out += '\n';
            return;
        case 'r':
            out += '\r';
            return;
        case 't':
            out += '\t';
            return;
        case 'u':
            break;
        default:
            --_pos;
            fail("invalid escape '\\" +
                 (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F
                      ? std::string(1, c)
                      : describeCurrent()) +
                 "'");
        }
        std::uint32_t cp = parseHex4();
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            failAt(_line, columnOf(escapeStart), "unpaired low surrogate in \\u escape");
        if (cp >= 0xD800 && cp <= 0xDBFF)
        {
            // A character outside the BMP is written as a UTF-16 surrogate pair of two \u escapes.
            if (_text.substr(_pos, 2) != "\\u")
                failAt(_line, columnOf(escapeStart), "unpaired high surrogate in \\u escape");
            _pos += 2;
            const std::uint32_t low = parseHex4();
            if (low < 0xDC00 || low > 0xDFFF)
                failAt(_line, columnOf(escapeStart), "unpaired high surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(out, static_cast<char32_t>(cp));
    }

    void checkDepth(std::size_t depth) const
    {
        if (depth > Json::MaxDepth)
            fail("nesting deeper than " + std::to_string(Json::MaxDepth) + " levels");
    }

    Json parseArray(std::size_t depth)
    {
        checkDepth(depth);
        Json value = startValue(Json::Type::Array);
        ++_pos;
        skipWhitespace();
        if (!atEnd() && current() == ']')
        {
            ++_pos;
            return value;
        }
        for (;;)
        {
            skipWhitespace();
            value._items.push_back(parseValue(depth));
            skipWhitespace();
            if (atEnd())
                expected("',' or ']'");
            if (current() == ']')
            {
                ++_pos;
                return value;
            }
            if (current() != ',')
                expected("',' or ']'");
            ++_pos;
        }
    }

    Json parseObject(std::size_t depth)
    {
        checkDepth(depth);
        Json value = startValue(Json::Type::Object);
        ++_pos;
        skipWhitespace();
        if (!atEnd() && current() == '}')
        {
            ++_pos;
            return value;
        }
        for (;;)
        {
            skipWhitespace();
            if (atEnd() || current() != '"')
                expected("a string key");
            JsonMember member;
            member.line = _line;
            member.column = column();
            member.key = parseString();
            for (const JsonMember& earlier : value._members)
                if (earlier.key == member.key)
                    failAt(member.line, member.column,
                           "duplicate key \"" + member.key + "\" (first at line " +
                               std::to_string(earlier.line) + ")");
            skipWhitespace();
            if (atEnd() || current() != ':')
                expected("':'");
            ++_pos;
            skipWhitespace();
            member.value = parseValue(depth);
            value._members.push_back(std::move(member));
            skipWhitespace();
            if (atEnd())
                expected("',' or '}'");
            if (current() == '}')
            {
                ++_pos;
                return value;
            }
            if (current() != ',')
                expected("',' or '}'");
            ++_pos;
        }
    }

    std::string_view _text;
    std::string_view _source;
    std::size_t _pos = 0;
    std::size_t _lineStart = 0;
    int _line = 1;
};

Json Json::parse(std::string_view text, std::string_view sourceName)
{
    return JsonParser(text, sourceName).parseDocument();
}

const char* Json::typeName(Type type) noexcept
{
    switch (type)
    {
    case Type::Null:
        return "null";
    case Type::Boolean:
        return "boolean";
    case Type::Number:
        return "number";
    case Type::String:
        return "string";
    case Type::Array:
        return "array";
    case Type::Object:
        return "object";
    }
    return "null";
}

void Json::wrongType(Type expected) const
{
    throw Error(ErrorCode::InvalidInput, place({}, _line, _column) + ": expected " + typeName(expected) +
                                             ", found " + typeName(_type));
}

bool Json::asBoolean() const
{
    if (_type != Type::Boolean)
        wrongType(Type::Boolean);
    return _boolean;
}

double Json::asNumber() const
{
    if (_type != Type::Number)
        wrongType(Type::Number);
    return _number;
}

std::optional<std::int64_t> Json::asInteger() const noexcept
{
    constexpr double limit = 9007199254740992.0; // 2^53: beyond it not every integer is a double
    if (_type != Type::Number || std::floor(_number) != _number || std::fabs(_number) > limit)
        return std::nullopt;
    return static_cast<std::int64_t>(_number);
}

const std::string& Json::asString() const
{
    if (_type != Type::String)
        wrongType(Type::String);
    return _string;
}

const std::vector<Json>& Json::items() const
{
    if (_type != Type::Array)
        wrongType(Type::Array);
    return _items;
}

const std::vector<JsonMember>& Json::members() const
{
    if (_type != Type::Object)
        wrongType(Type::Object);
    return _members;
}

const Json* Json::find(std::string_view key) const noexcept
{
    if (_type != Type::Object)
        return nullptr;
    for (const JsonMember& member : _members)
        if (member.key == key)
            return &member.value;
    return nullptr;
}

} // namespace proofdesk
