#pragma once

#include <string>
#include <string_view>

namespace proofdesk
{

/// The SHA-256 digest (FIPS 180-4) of `bytes`, as 64 lower-case hex characters. Used where a plain,
/// unkeyed content hash is wanted (recognising the same incoming message twice), not for secrets.
std::string sha256Hex(std::string_view bytes);

} // namespace proofdesk
