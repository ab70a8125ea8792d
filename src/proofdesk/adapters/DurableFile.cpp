#include "proofdesk/adapters/DurableFile.h"

#include "proofdesk/domain/Error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace proofdesk
{

namespace
{

[[noreturn]] void fail(const std::string& what, const std::string& path, int err)
{
    throw Error(ErrorCode::Unavailable, what + " " + path + ": " + std::strerror(err));
}

void fsyncDirectory(const std::string& dir)
{
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        fail("cannot open directory", dir, errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0)
        fail("cannot sync directory", dir, err);
}

} // namespace

void writeFileDurably(const std::string& path, const std::string& bytes, unsigned mode)
{
    std::filesystem::path target(path);
    std::string dir = target.parent_path().string();
    std::error_code ec;
    if (!dir.empty())
        std::filesystem::create_directories(dir, ec);
    // A hidden name in the same directory: readers of the folder skip dot files, and rename stays atomic.
    std::string temp = (dir.empty() ? std::string() : dir + "/") + "." + target.filename().string() + ".tmp." +
                       std::to_string(::getpid()) + "." +
                       std::to_string(reinterpret_cast<std::uintptr_t>(&bytes) & 0xffffff);
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
    if (fd < 0)
        fail("cannot create", temp, errno);
    const char* data = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0)
    {
        ssize_t n = ::write(fd, data, left);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            int err = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            fail("cannot write", temp, err);
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0)
    {
        int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        fail("cannot sync", temp, err);
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0)
    {
        int err = errno;
        ::unlink(temp.c_str());
        fail("cannot rename into", path, err);
    }
    fsyncDirectory(dir);
}

std::string readWholeFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        if (errno == ENOENT)
            throw Error(ErrorCode::NotFound, "no file " + path);
        fail("cannot read", path, errno);
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace proofdesk
