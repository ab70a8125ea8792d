#pragma once

#include "proofdesk/ports/Vault.h"

#include <cstddef>

namespace proofdesk
{

/// The SecretHasher on libsodium: Argon2id (crypto_pwhash_str_alg, ARGON2ID13) with a random salt,
/// producing "$argon2id$v=19$m=...,t=...,p=1$salt$hash" strings. Safe to share between threads.
class SodiumSecretHasher : public SecretHasher
{
public:
    /// libsodium's crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (checked in the source).
    static constexpr unsigned long long interactiveOpsLimit = 2;
    static constexpr std::size_t interactiveMemLimit = 64 * 1024 * 1024;
    /// libsodium's crypto_pwhash_OPSLIMIT_MIN / MEMLIMIT_MIN: fast, for tests only.
    static constexpr unsigned long long minimumOpsLimit = 1;
    static constexpr std::size_t minimumMemLimit = 8 * 1024;

    /// Hashes with these costs (passes, bytes of memory). Throws Error(Configuration) when they are
    /// outside libsodium's limits, Error(Internal) when libsodium cannot start.
    explicit SodiumSecretHasher(unsigned long long opsLimit = interactiveOpsLimit,
                                std::size_t memLimit = interactiveMemLimit);

    /// A new Argon2id hash string of secret with a fresh salt. Throws Error(Unavailable) when the memory
    /// for the hash cannot be had.
    std::string hash(std::string_view secret) override;

    /// True when candidate produced stored (constant time in the comparison). False, never a throw, when
    /// stored is malformed, empty or of another algorithm.
    bool verify(const std::string& stored, std::string_view candidate) override;

    /// True when stored was not made by this hasher's algorithm and costs (or is malformed), so it
    /// should be replaced by hash() after the next successful verify().
    bool needsRehash(const std::string& stored) const;

private:
    unsigned long long _opsLimit;
    std::size_t _memLimit;
};

} // namespace proofdesk
