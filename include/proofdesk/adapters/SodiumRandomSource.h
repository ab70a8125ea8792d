#pragma once

#include "proofdesk/ports/Vault.h"

#include <cstddef>
#include <cstdint>

namespace proofdesk
{

/// The RandomSource on libsodium's CSPRNG (randombytes). Safe to share between threads.
class SodiumRandomSource : public RandomSource
{
public:
    /// Tokens must carry at least this many random bytes (128 bits), so none is guessable.
    static constexpr std::size_t minimumTokenBytes = 16;

    /// Throws Error(Internal) when libsodium cannot start.
    SodiumRandomSource();

    /// n random bytes (none for n == 0).
    std::string bytes(std::size_t n) override;

    /// Uniform in [0, upperBound), without modulo bias. Throws Error(Internal) when upperBound is 0.
    std::uint32_t uniform(std::uint32_t upperBound) override;

    /// base64url without padding of entropyBytes random bytes: ceil(4 * entropyBytes / 3) characters of
    /// [A-Za-z0-9_-]. Throws Error(Internal) when entropyBytes < minimumTokenBytes.
    std::string token(std::size_t entropyBytes) override;
};

} // namespace proofdesk
