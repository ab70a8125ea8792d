#include "proofdesk/adapters/MasterKey.h"

#include "proofdesk/domain/Error.h"

#include <sodium.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace proofdesk
{

namespace
{

// A key file holds one line; anything much larger is not a key file.
constexpr std::size_t maxKeyFileSize = 1024;

std::string systemError(int error)
{
    return std::strerror(error);
}

Error configurationError(const std::string& message)
{
    return Error(ErrorCode::Configuration, message);
}

// Closes a file descriptor on every path out of a function.
class FileDescriptor
{
public:
    explicit FileDescriptor(int fd) : _fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor()
    {
        if (_fd >= 0)
            ::close(_fd);
    }

    int get() const { return _fd; }

    // close() can report a failed write-back, so the writer checks it.
    int release()
    {
        int rc = ::close(_fd);
        _fd = -1;
        return rc;
    }

private:
    int _fd;
};

// Wipes a buffer that held key text, whatever way the function leaves.
template <std::size_t N> struct WipedChars
{
    std::array<char, N> chars{};
    ~WipedChars() { sodium_memzero(chars.data(), chars.size()); }
};

std::string_view trimmed(std::string_view text)
{
    const char* space = " \t\r\n";
    auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos)
        return {};
    auto last = text.find_last_not_of(space);
    return text.substr(first, last - first + 1);
}

std::string modeText(mode_t mode)
{
    std::array<char, 8> text{};
    std::snprintf(text.data(), text.size(), "%04o", static_cast<unsigned>(mode & 07777));
    return text.data();
}

void writeAll(int fd, const char* data, std::size_t length, const std::string& path)
{
    while (length > 0)
    {
        ssize_t written = ::write(fd, data, length);
        if (written < 0)
        {
            if (errno == EINTR)
                continue;
            throw configurationError("cannot write the new master key file " + path + ": " +
                                     systemError(errno));
        }
        data += written;
        length -= static_cast<std::size_t>(written);
    }
}

void syncDirectory(const std::string& directory)
{
    FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0 || ::fsync(dir.get()) != 0)
        throw configurationError("cannot sync directory " + directory +
                                 " after creating the master key file: " + systemError(errno));
}

// Publishes temp as path without ever replacing an existing file: two processes starting together
// must not each create a key and have one of them encrypt with a key that is then lost.
// Returns false when path already exists.
bool publishIfAbsent(const std::string& temp, const std::string& path)
{
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0)
        return true;
    int error = errno;
    if (error == EEXIST)
        return false;
    if (error == EINVAL || error == ENOSYS || error == ENOTSUP)
    {
        // The file system cannot rename without replacing; link() has the same no-clobber semantics.
        if (::link(temp.c_str(), path.c_str()) == 0)
        {
            ::unlink(temp.c_str());
            return true;
        }
        error = errno;
        if (error == EEXIST)
            return false;
    }
    throw configurationError("cannot create the master key file " + path + ": " + systemError(error));
}

} // namespace

MasterKey::MasterKey()
{
    if (sodium_init() < 0)
        throw Error(ErrorCode::Internal, "libsodium could not be initialised");
    _bytes = static_cast<unsigned char*>(sodium_malloc(size));
    if (_bytes == nullptr)
        throw Error(ErrorCode::Internal, "cannot allocate protected memory for the master key");
}

MasterKey::MasterKey(MasterKey&& other) noexcept : _bytes(std::exchange(other._bytes, nullptr)) {}

MasterKey& MasterKey::operator=(MasterKey&& other) noexcept
{
    if (this != &other)
    {
        if (_bytes != nullptr)
            sodium_free(_bytes);
        _bytes = std::exchange(other._bytes, nullptr);
    }
    return *this;
}

MasterKey::~MasterKey()
{
    // sodium_free wipes the memory before releasing it.
    if (_bytes != nullptr)
        sodium_free(_bytes);
}

const unsigned char* MasterKey::data() const
{
    if (_bytes == nullptr)
        throw Error(ErrorCode::Internal, "use of a moved-from master key");
    return _bytes;
}

void MasterKey::seal() noexcept
{
    // Read-only from here on, so a stray write cannot corrupt the key. Failure only loses that guard.
    if (sodium_mprotect_readonly(_bytes) != 0)
    {
    }
}

MasterKey MasterKey::fromText(std::string_view text, const std::string& sourceName)
{
    MasterKey key;
    std::string_view value = trimmed(text);
    bool parsed = false;
    std::size_t length = 0;
    const char* end = nullptr;
    if (value.size() == 2 * size)
    {
        parsed = sodium_hex2bin(key._bytes, size, value.data(), value.size(), nullptr, &length, &end) == 0 &&
                 length == size && end == value.data() + value.size();
    }
    for (int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
                        sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING})
    {
        if (parsed)
            break;
        parsed = sodium_base642bin(key._bytes, size, value.data(), value.size(), nullptr, &length, &end,
                                   variant) == 0 &&
                 length == size && end == value.data() + value.size();
    }
    if (!parsed)
        throw configurationError(sourceName +
                                 " is not a valid master key: expected 64 hex characters or the base64 of 32 "
                                 "bytes (generate one with: openssl rand -hex 32)");
    if (sodium_is_zero(key._bytes, size))
        throw configurationError(
            sourceName + " is all zeros, which is not a usable master key (generate one with: openssl "
                         "rand -hex 32)");
    key.seal();
    return key;
}

MasterKey MasterKey::loadOrCreate(const std::string& keyFile, const char* envValue, bool createIfMissing)
{
    if (envValue != nullptr)
        return fromText(envValue, std::string("the environment variable ") + environmentVariable);
    if (keyFile.empty())
        throw configurationError(std::string("no master key: set ") + environmentVariable +
                                 " or configure a master key file");

    // Two attempts: when a concurrent process publishes the file first, read the one it made.
    for (int attempt = 0; attempt < 2; ++attempt)
    {
        FileDescriptor file(::open(keyFile.c_str(), O_RDONLY | O_CLOEXEC));
        if (file.get() >= 0)
        {
            struct stat status
            {
            };
            if (::fstat(file.get(), &status) != 0)
                throw configurationError("cannot stat master key file " + keyFile + ": " +
                                         systemError(errno));
            if (!S_ISREG(status.st_mode))
                throw configurationError("master key file " + keyFile + " is not a regular file");
            if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0)
                throw configurationError(
                    "master key file " + keyFile + " has mode " + modeText(status.st_mode) +
                    " and is accessible by group or others; restrict it with: chmod 600 " + keyFile);
            WipedChars<maxKeyFileSize + 1> buffer;
            std::size_t filled = 0;
            while (filled < buffer.chars.size())
            {
                ssize_t got = ::read(file.get(), buffer.chars.data() + filled, buffer.chars.size() - filled);
                if (got < 0 && errno == EINTR)
                    continue;
                if (got < 0)
                    throw configurationError("cannot read master key file " + keyFile + ": " +
                                             systemError(errno));
                if (got == 0)
                    break;
                filled += static_cast<std::size_t>(got);
            }
            if (filled > maxKeyFileSize)
                throw configurationError("master key file " + keyFile + " is too large to be a key file");
            return fromText(std::string_view(buffer.chars.data(), filled), "master key file " + keyFile);
        }
        if (errno != ENOENT)
            throw configurationError("cannot open master key file " + keyFile + ": " + systemError(errno));
        if (!createIfMissing)
            throw configurationError("master key file " + keyFile +
                                     " does not exist; create it (64 hex "
                                     "characters, mode 0600, e.g. openssl rand -hex 32) or set " +
                                     std::string(environmentVariable));
        if (attempt > 0)
            break;

        std::filesystem::path path(keyFile);
        std::string directory = path.has_parent_path() ? path.parent_path().string() : std::string(".");
        std::string tempTemplate = directory + "/." + path.filename().string() + ".tmp-XXXXXX";
        std::vector<char> tempName(tempTemplate.begin(), tempTemplate.end());
        tempName.push_back('\0');
        // mkostemp creates the file with mode 0600 and fails rather than reuse an existing name.
        FileDescriptor temp(::mkostemp(tempName.data(), O_CLOEXEC));
        if (temp.get() < 0)
            throw configurationError("cannot create the master key file " + keyFile + " in " + directory +
                                     ": " + systemError(errno));
        std::string tempPath(tempName.data());
        try
        {
            if (::fchmod(temp.get(), S_IRUSR | S_IWUSR) != 0)
                throw configurationError("cannot set mode 0600 on " + tempPath + ": " + systemError(errno));
            MasterKey key;
            randombytes_buf(key._bytes, size);
            WipedChars<2 * size + 2> text;
            sodium_bin2hex(text.chars.data(), text.chars.size(), key._bytes, size);
            text.chars[2 * size] = '\n';
            writeAll(temp.get(), text.chars.data(), 2 * size + 1, keyFile);
            if (::fsync(temp.get()) != 0 || temp.release() != 0)
                throw configurationError("cannot write the new master key file " + keyFile + ": " +
                                         systemError(errno));
            if (publishIfAbsent(tempPath, keyFile))
            {
                syncDirectory(directory);
                key.seal();
                return key;
            }
            ::unlink(tempPath.c_str());
        }
        catch (...)
        {
            ::unlink(tempPath.c_str());
            throw;
        }
    }
    throw configurationError("master key file " + keyFile + " disappeared while it was being created");
}

} // namespace proofdesk
