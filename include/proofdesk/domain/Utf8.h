#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace proofdesk
{

/// Strict UTF-8 decoding (RFC 3629): overlong forms, surrogates, truncated sequences and code points above
/// U+10FFFF give nullopt, so no character can slip past a check in an alternative encoding.
std::optional<std::u32string> decodeUtf8(std::string_view s);

/// Appends the UTF-8 encoding of one code point.
void appendUtf8(std::string& out, char32_t cp);

/// The UTF-8 encoding of a string of code points.
std::string encodeUtf8(const std::u32string& text);

} // namespace proofdesk
