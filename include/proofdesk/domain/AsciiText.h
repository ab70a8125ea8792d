#pragma once

#include <string>
#include <string_view>

namespace proofdesk
{

/// `text` with the ASCII letters A-Z lower-cased and every other byte (UTF-8 included) as it was: for protocol
/// tokens, header values, addresses and identifiers, where locale-dependent case mapping would be wrong.
std::string lowerAscii(std::string_view text);

/// `text` with the ASCII letters a-z upper-cased and every other byte as it was.
std::string upperAscii(std::string_view text);

/// The value of a hexadecimal digit (either case), -1 for any other character.
int hexValue(char c);

} // namespace proofdesk
