#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

struct magic_set;

namespace proofdesk
{

/// Decides the media type of bytes from their content with libmagic (MAGIC_MIME_TYPE), never from a name.
/// A libmagic handle is not thread-safe, so the sniffer keeps a small pool: each call borrows a handle that
/// no other thread uses meanwhile and gives it back afterwards. Safe to call from several threads at once.
class MagicSniffer
{
public:
    /// Opens one handle with libmagic's default database at once so that a missing or broken database
    /// stops start-up. Throws Error(Internal) with libmagic's message when it cannot be loaded.
    MagicSniffer();
    ~MagicSniffer();
    MagicSniffer(const MagicSniffer&) = delete;
    MagicSniffer& operator=(const MagicSniffer&) = delete;

    /// The MIME type of `bytes` ("image/png", "application/pdf", "application/x-empty", ...).
    /// Archives are not looked into (MAGIC_NO_CHECK_COMPRESS). Throws Error(Internal) when libmagic fails.
    std::string mediaType(std::string_view bytes);

private:
    magic_set* borrow();
    void giveBack(magic_set* handle) noexcept;

    static constexpr std::size_t _maxIdle = 16;
    std::mutex _mutex;
    std::vector<magic_set*> _idle; // guarded by _mutex
};

} // namespace proofdesk
