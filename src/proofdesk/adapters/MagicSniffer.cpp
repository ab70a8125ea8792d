#include "proofdesk/adapters/MagicSniffer.h"

#include "proofdesk/domain/Error.h"

#include <magic.h>

namespace proofdesk
{

namespace
{

magic_set* openHandle()
{
    // Looking inside compressed data would let a small upload make libmagic inflate a large one.
    magic_t handle = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
    if (handle == nullptr)
        throw Error(ErrorCode::Internal, "libmagic: cannot create a handle (out of memory)");
    if (magic_load(handle, nullptr) != 0)
    {
        const char* reason = magic_error(handle);
        std::string message = "libmagic: cannot load the default magic database: ";
        message += reason != nullptr ? reason : "unknown error";
        magic_close(handle);
        throw Error(ErrorCode::Internal, message);
    }
    return handle;
}

} // namespace

MagicSniffer::MagicSniffer()
{
    // Reserved up front so that giving a handle back never allocates.
    _idle.reserve(_maxIdle);
    _idle.push_back(openHandle());
}

MagicSniffer::~MagicSniffer()
{
    for (magic_set* handle : _idle)
        magic_close(handle);
}

std::string MagicSniffer::mediaType(std::string_view bytes)
{
    magic_set* handle = borrow();
    const char* type = magic_buffer(handle, bytes.data(), bytes.size());
    std::string result;
    if (type == nullptr)
    {
        const char* reason = magic_error(handle);
        std::string message = "libmagic: cannot classify the content: ";
        message += reason != nullptr ? reason : "unknown error";
        giveBack(handle);
        throw Error(ErrorCode::Internal, message);
    }
    // The returned text lives in the handle, so copy it before another thread may reuse the handle.
    result = type;
    giveBack(handle);
    return result;
}

magic_set* MagicSniffer::borrow()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_idle.empty())
        {
            magic_set* handle = _idle.back();
            _idle.pop_back();
            return handle;
        }
    }
    // Opened outside the lock: loading the database takes a moment and needs no shared state.
    return openHandle();
}

void MagicSniffer::giveBack(magic_set* handle) noexcept
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_idle.size() < _maxIdle)
        {
            _idle.push_back(handle);
            return;
        }
    }
    magic_close(handle);
}

} // namespace proofdesk
