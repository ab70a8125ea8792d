#include "proofdesk/adapters/FileDocumentStore.h"

#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/domain/Error.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <filesystem>
#include <sstream>

namespace proofdesk
{

FileDocumentStore::FileDocumentStore(const std::string& root, Vault& vault, RandomSource& random)
    : _root(root), _vault(vault), _random(random)
{
    std::error_code ec;
    std::filesystem::create_directories(_root, ec);
    if (ec)
        throw Error(ErrorCode::Configuration, "cannot create the document folder " + _root + ": " + ec.message());
}

std::string FileDocumentStore::pathOf(const std::string& storageKey) const
{
    // Keys are ours ("<case>/<hex>"), but refuse anything that could leave the folder all the same.
    if (storageKey.empty() || storageKey.find("..") != std::string::npos || storageKey.front() == '/')
        throw Error(ErrorCode::Internal, "malformed storage key");
    return _root + "/" + storageKey + ".pdx";
}

StoredBlob FileDocumentStore::put(std::int64_t caseId, const std::string& wrappedKey, const std::string& bytes)
{
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    StoredBlob blob;
    blob.sha256 = Poco::DigestEngine::digestToHex(sha.digest());
    blob.size = static_cast<std::int64_t>(bytes.size());
    std::string name;
    for (unsigned char c : _random.bytes(16))
    {
        static const char hex[] = "0123456789abcdef";
        name += hex[c >> 4];
        name += hex[c & 15];
    }
    blob.storageKey = std::to_string(caseId) + "/" + name;
    std::istringstream in(bytes);
    std::ostringstream out;
    _vault.encryptStream(wrappedKey, in, out);
    writeFileDurably(pathOf(blob.storageKey), out.str());
    return blob;
}

std::string FileDocumentStore::get(const std::string& storageKey, const std::string& wrappedKey)
{
    std::string encrypted = readWholeFile(pathOf(storageKey));
    std::istringstream in(encrypted);
    std::ostringstream out;
    _vault.decryptStream(wrappedKey, in, out);
    return out.str();
}

void FileDocumentStore::remove(const std::string& storageKey)
{
    std::error_code ec;
    std::filesystem::remove(pathOf(storageKey), ec);
}

bool FileDocumentStore::healthy()
{
    std::error_code ec;
    auto space = std::filesystem::space(_root, ec);
    return !ec && space.available > 50ull * 1024 * 1024;
}

} // namespace proofdesk
