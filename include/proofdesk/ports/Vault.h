#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace proofdesk
{

/// Encryption at rest. Every case has its own random data key; the vault hands it out only wrapped
/// (encrypted) by the master key, which never leaves the vault and is never stored in the database.
/// Destroying a case's wrapped key makes its documents and sealed fields unreadable (purge).
/// All byte strings are raw bytes in std::string.
class Vault
{
public:
    virtual ~Vault() = default;

    /// A new random data key, wrapped by the master key. Opaque; store it beside the case.
    virtual std::string newWrappedKey() = 0;

    /// Encrypts and authenticates a small value (a profile, a field) with the case key.
    virtual std::string seal(const std::string& wrappedKey, std::string_view plaintext) = 0;

    /// Reverses seal(). Throws Error(Internal) when the key or the ciphertext was tampered with.
    virtual std::string open(const std::string& wrappedKey, std::string_view sealed) = 0;

    /// Encrypts a whole stream (a document) with the case key, in chunks, authenticated to its end.
    /// Returns the number of plaintext bytes. Throws Error(Unavailable) on a stream failure.
    virtual std::size_t encryptStream(const std::string& wrappedKey, std::istream& in, std::ostream& out) = 0;

    /// Reverses encryptStream(). Throws Error(Internal) when the data is truncated or was modified.
    virtual std::size_t decryptStream(const std::string& wrappedKey, std::istream& in, std::ostream& out) = 0;

    /// A keyed hash (HMAC with a server secret derived from the master key) of value, separated by
    /// purpose ("ssn", "email"...), as lowercase hex. Equal inputs give equal outputs; never reversible.
    virtual std::string keyedHash(std::string_view purpose, std::string_view value) = 0;
};

/// Slow one-way hashing of secrets (passwords, challenge answers): Argon2id.
class SecretHasher
{
public:
    virtual ~SecretHasher() = default;

    /// A self-describing hash string of secret (algorithm, parameters, salt included).
    virtual std::string hash(std::string_view secret) = 0;

    /// True when candidate is the secret that produced stored. False (never throws) on a malformed hash.
    virtual bool verify(const std::string& stored, std::string_view candidate) = 0;
};

/// Cryptographically secure randomness.
class RandomSource
{
public:
    virtual ~RandomSource() = default;

    /// n random bytes.
    virtual std::string bytes(std::size_t n) = 0;

    /// A uniformly random number in [0, upperBound).
    virtual std::uint32_t uniform(std::uint32_t upperBound) = 0;

    /// An unguessable URL-safe token carrying `entropyBytes` random bytes (base64url, no padding).
    virtual std::string token(std::size_t entropyBytes) = 0;
};

} // namespace proofdesk
