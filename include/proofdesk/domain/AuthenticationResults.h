#pragma once

#include <string>
#include <vector>

namespace proofdesk
{

/// What the receiving MTA said about a message's sender (RFC 8601 Authentication-Results). Each verdict is
/// lower case: "pass", "fail", "softfail", "neutral", "none", "temperror", "permerror", "policy", or ""
/// when the method is absent. `details` holds one readable line per result ("dkim=pass header.d=example.org").
struct AuthenticationVerdicts
{
    std::string authservId;  // the header's authserv-id; empty when no header was used
    std::string spf;
    std::string dkim;        // the best result when several signatures were checked ("pass" if any passed)
    std::string dmarc;
    std::vector<std::string> details;
};

/// Reads the Authentication-Results headers of one message, topmost first (as the parser lists them). When
/// `trustedAuthservIds` is non-empty only headers whose authserv-id is one of them (case-insensitive) are
/// used, since anything further down could have been written by the sender; of several usable headers the
/// first one is read. Never throws: malformed input gives whatever could be read.
AuthenticationVerdicts parseAuthenticationResults(const std::vector<std::string>& headerValues,
                                                  const std::vector<std::string>& trustedAuthservIds);

} // namespace proofdesk
