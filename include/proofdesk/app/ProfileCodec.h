#pragma once

#include "proofdesk/domain/Profile.h"

#include <string>

namespace proofdesk
{

/// The profile as bytes (netstring fields) for sealing with the case key, and back.
std::string encodeProfile(const Profile& profile);
/// Throws Error(Internal) when the bytes are not an encoded profile.
Profile decodeProfile(const std::string& encoded);

} // namespace proofdesk
