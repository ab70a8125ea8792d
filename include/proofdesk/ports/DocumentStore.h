#pragma once

#include <cstdint>
#include <string>

namespace proofdesk
{

/// Where a stored document ended up.
struct StoredBlob
{
    std::string storageKey;  // opaque, chosen by the store (never derived from a user-supplied name)
    std::string sha256;      // hex digest of the plaintext
    std::int64_t size = 0;   // plaintext bytes
};

/// Durable, encrypted storage of document bytes.
class DocumentStore
{
public:
    virtual ~DocumentStore() = default;

    /// Encrypts `bytes` with the case key and makes them durable (temp file, fsync, rename, fsync dir)
    /// before returning. Throws Error(Unavailable) when the disk refuses.
    virtual StoredBlob put(std::int64_t caseId, const std::string& wrappedKey, const std::string& bytes) = 0;

    /// Reads and decrypts. Throws Error(NotFound) when missing, Error(Internal) when tampered with.
    virtual std::string get(const std::string& storageKey, const std::string& wrappedKey) = 0;

    /// Removes the encrypted bytes (purge). Missing is not an error.
    virtual void remove(const std::string& storageKey) = 0;

    /// True when the store can write (for health checks).
    virtual bool healthy() = 0;
};

} // namespace proofdesk
