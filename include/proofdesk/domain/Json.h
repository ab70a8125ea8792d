#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proofdesk
{

struct JsonMember;

/// A parsed JSON value (RFC 8259) that remembers where it started in its text, so that a reader of a
/// configuration file can name the line of a value it refuses. Made for small configuration files
/// (the workflow), not for speed; the web layer uses Poco::JSON for request bodies.
///
/// Lines and columns count from 1; a column counts characters (UTF-8 code points), a tab is one.
/// Objects keep their members in document order; a key that appears twice in one object is an error.
class Json
{
public:
    enum class Type
    {
        Null,
        Boolean,
        Number,
        String,
        Array,
        Object
    };

    /// The deepest nesting of arrays and objects parse() accepts, so hostile input cannot exhaust the stack.
    static constexpr std::size_t MaxDepth = 64;

    /// A null value at line 0, column 0 (a value that did not come from a text).
    Json() = default;

    /// Parses one JSON text (an optional UTF-8 byte order mark, whitespace, one value, whitespace).
    /// Throws Error(InvalidInput, "line 12, column 5: expected ',' or '}', found ']'"); when sourceName
    /// is given the place reads "<sourceName>:12:5: ..." instead, as compilers write it.
    static Json parse(std::string_view text, std::string_view sourceName = {});

    /// "null", "boolean", "number", "string", "array" or "object", for messages.
    static const char* typeName(Type type) noexcept;

    /// The kind of value.
    Type type() const noexcept { return _type; }

    bool isNull() const noexcept { return _type == Type::Null; }
    bool isBoolean() const noexcept { return _type == Type::Boolean; }
    bool isNumber() const noexcept { return _type == Type::Number; }
    bool isString() const noexcept { return _type == Type::String; }
    bool isArray() const noexcept { return _type == Type::Array; }
    bool isObject() const noexcept { return _type == Type::Object; }

    /// The line (from 1) where the value starts; 0 when it did not come from a text.
    int line() const noexcept { return _line; }

    /// The column (from 1, in characters) where the value starts; 0 when it did not come from a text.
    int column() const noexcept { return _column; }

    /// The value of a boolean. Throws Error(InvalidInput) naming the place when it is not a boolean.
    bool asBoolean() const;

    /// The value of a number. Throws Error(InvalidInput) naming the place when it is not a number.
    double asNumber() const;

    /// The value of a number when it is a whole number within +-2^53 (exactly representable), else nullopt;
    /// nullopt for anything that is not a number. "3", "3.0" and "3e0" are all 3.
    std::optional<std::int64_t> asInteger() const noexcept;

    /// The (UTF-8) text of a string. Throws Error(InvalidInput) naming the place when it is not a string.
    const std::string& asString() const;

    /// The elements of an array, in order. Throws Error(InvalidInput) naming the place when not an array.
    const std::vector<Json>& items() const;

    /// The members of an object, in document order. Throws Error(InvalidInput) naming the place when not
    /// an object.
    const std::vector<JsonMember>& members() const;

    /// The value of an object's member, or nullptr when the object has no such key or this is not an object.
    const Json* find(std::string_view key) const noexcept;

private:
    friend class JsonParser;

    [[noreturn]] void wrongType(Type expected) const;

    Type _type = Type::Null;
    int _line = 0;
    int _column = 0;
    bool _boolean = false;
    double _number = 0.0;
    std::string _string;
    std::vector<Json> _items;
    std::vector<JsonMember> _members;
};

/// One member of a JSON object: its key, where the key starts, and its value.
struct JsonMember
{
    std::string key;
    int line = 0;
    int column = 0;
    Json value;
};

} // namespace proofdesk
