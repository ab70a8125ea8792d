#pragma once

#include "proofdesk/adapters/MasterKey.h"
#include "proofdesk/ports/Vault.h"

#include <cstddef>

namespace proofdesk
{

/// The Vault on libsodium. Data keys are wrapped with XSalsa20-Poly1305 (crypto_secretbox) under a
/// wrapping key derived from the master key; sealed values use XChaCha20-Poly1305, streams use
/// crypto_secretstream in 64 KiB chunks; keyed hashes are HMAC-SHA-256 under a per-purpose key derived
/// from the master key. Every format starts with a version byte. Holds no mutable state: safe to share
/// between threads. The master key is only read in the constructor and may be destroyed afterwards.
class SodiumVault : public Vault
{
public:
    /// Plaintext bytes per stream chunk.
    static constexpr std::size_t chunkSize = 64 * 1024;

    /// Derives the vault's subkeys from masterKey. Throws Error(Internal) when libsodium cannot start.
    explicit SodiumVault(const MasterKey& masterKey);
    SodiumVault(const SodiumVault&) = delete;
    SodiumVault& operator=(const SodiumVault&) = delete;
    ~SodiumVault() override;

    /// A new random 32-byte data key, wrapped: version byte, 24-byte nonce, secretbox ciphertext (73 bytes).
    std::string newWrappedKey() override;

    /// Version byte, 24-byte nonce, ciphertext with its 16-byte tag. Throws Error(Internal) when the
    /// wrapped key cannot be unwrapped (another master key, or tampered with).
    std::string seal(const std::string& wrappedKey, std::string_view plaintext) override;

    /// Reverses seal(). Throws Error(Internal, "... cannot be decrypted ...") when the key or the sealed
    /// value was tampered with, truncated, or belongs to another key.
    std::string open(const std::string& wrappedKey, std::string_view sealed) override;

    /// Writes a version byte and the secretstream header, then one encrypted chunk per 64 KiB of input,
    /// the last one (possibly empty) tagged FINAL. Returns the plaintext size. Reads and writes one chunk
    /// at a time. Throws Error(Unavailable) when in cannot be read or out cannot be written,
    /// Error(Internal) when the wrapped key cannot be unwrapped.
    std::size_t encryptStream(const std::string& wrappedKey, std::istream& in, std::ostream& out) override;

    /// Reverses encryptStream(), writing each chunk once it is authenticated. Throws Error(Internal) when
    /// the data was modified, reordered, truncated (no FINAL chunk) or followed by anything; what was
    /// already written to out must then be discarded. Throws Error(Unavailable) on a stream failure.
    std::size_t decryptStream(const std::string& wrappedKey, std::istream& in, std::ostream& out) override;

    /// 64 lowercase hex characters: HMAC-SHA-256 of value under a key derived from the master key and
    /// purpose. Throws Error(Internal) when purpose is empty.
    std::string keyedHash(std::string_view purpose, std::string_view value) override;

private:
    // Locked memory (sodium_malloc) holding the key-wrapping key then the keyed-hash key.
    unsigned char* _keys = nullptr;
};

} // namespace proofdesk
