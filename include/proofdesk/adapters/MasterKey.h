#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace proofdesk
{

/// The 32-byte master key of the vault, held in locked, guarded memory (sodium_malloc) that is wiped when
/// the key is destroyed. Movable, never copyable. Read from PROOFDESK_MASTER_KEY or from a key file whose
/// text is 64 hex characters or the base64 of 32 bytes (surrounding whitespace ignored).
class MasterKey
{
public:
    static constexpr std::size_t size = 32;
    static constexpr const char* environmentVariable = "PROOFDESK_MASTER_KEY";

    /// The master key from envValue when it is non-null (the value of PROOFDESK_MASTER_KEY), else from
    /// keyFile. A missing key file is created (mode 0600, atomically, with a fresh random key) when
    /// createIfMissing; an existing one is never replaced. Throws Error(Configuration) naming the variable
    /// or the file (never the key) when the value is malformed or all zeros, when the file is missing and
    /// may not be created, when it is readable by group or others, or when it cannot be read or written.
    static MasterKey loadOrCreate(const std::string& keyFile, const char* envValue, bool createIfMissing);

    /// The key parsed from text (64 hex characters or base64 of 32 bytes); sourceName names the origin
    /// in errors. Throws Error(Configuration) naming sourceName (never the text) when it is malformed.
    static MasterKey fromText(std::string_view text, const std::string& sourceName);

    MasterKey(MasterKey&& other) noexcept;
    MasterKey& operator=(MasterKey&& other) noexcept;
    MasterKey(const MasterKey&) = delete;
    MasterKey& operator=(const MasterKey&) = delete;
    ~MasterKey();

    /// The `size` key bytes, read-only. Must not be called on a moved-from key (throws Error(Internal)).
    const unsigned char* data() const;

private:
    MasterKey();
    void seal() noexcept;

    unsigned char* _bytes = nullptr;
};

} // namespace proofdesk
