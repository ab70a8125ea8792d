#include "proofdesk/adapters/MasterKey.h"
#include "proofdesk/adapters/SodiumRandomSource.h"
#include "proofdesk/adapters/SodiumSecretHasher.h"
#include "proofdesk/adapters/SodiumVault.h"
#include "proofdesk/domain/Error.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <vector>

using namespace proofdesk;

namespace
{

namespace fs = std::filesystem;

// A fresh directory under /tmp, removed with everything in it at the end of the test.
class TempDir
{
public:
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "proofdesk-vault-XXXXXX").string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        if (::mkdtemp(name.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        _path = name.data();
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(_path, ignored);
    }

    fs::path path() const { return _path; }
    std::string file(const std::string& name) const { return (_path / name).string(); }

private:
    fs::path _path;
};

// The Error thrown by action; a test failure when nothing or something else is thrown.
template <typename Action> Error errorOf(Action&& action)
{
    try
    {
        action();
    }
    catch (const Error& error)
    {
        return error;
    }
    throw std::runtime_error("expected a proofdesk::Error, none was thrown");
}

void writeFile(const std::string& path, const std::string& content, fs::perms mode)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
    fs::permissions(path, mode);
}

fs::perms ownerOnly()
{
    return fs::perms::owner_read | fs::perms::owner_write;
}

std::string keyBytes(const MasterKey& key)
{
    return std::string(reinterpret_cast<const char*>(key.data()), MasterKey::size);
}

// Bytes 0, 1, ..., 31 as the key, in the text formats the loader accepts.
const char* const sequenceHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const char* const sequenceBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const char* const otherHex = "f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f";

std::string sequenceBytes()
{
    std::string bytes;
    for (int i = 0; i < 32; ++i)
        bytes.push_back(static_cast<char>(i));
    return bytes;
}

MasterKey keyFromHex(const char* hex)
{
    return MasterKey::fromText(hex, "test key");
}

// Synthetic document bytes: a pattern that is not periodic in the chunk size.
std::string documentOfSize(std::size_t size)
{
    std::string bytes(size, '\0');
    std::uint32_t state = 2463534242u;
    for (auto& byte : bytes)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        byte = static_cast<char>(state & 0xff);
    }
    return bytes;
}

std::string encrypt(Vault& vault, const std::string& wrappedKey, const std::string& plaintext)
{
    std::istringstream in(plaintext);
    std::ostringstream out;
    REQUIRE(vault.encryptStream(wrappedKey, in, out) == plaintext.size());
    return out.str();
}

std::string decrypt(Vault& vault, const std::string& wrappedKey, const std::string& ciphertext)
{
    std::istringstream in(ciphertext);
    std::ostringstream out;
    std::size_t size = vault.decryptStream(wrappedKey, in, out);
    REQUIRE(size == out.str().size());
    return out.str();
}

void requireUndecryptable(Vault& vault, const std::string& wrappedKey, const std::string& ciphertext)
{
    Error error = errorOf([&] { decrypt(vault, wrappedKey, ciphertext); });
    REQUIRE(error.code() == ErrorCode::Internal);
    REQUIRE_THAT(error.what(), Catch::Contains("cannot be decrypted"));
}

constexpr std::size_t chunk = SodiumVault::chunkSize;
constexpr std::size_t streamHeader = 25;  // version byte + secretstream header
constexpr std::size_t chunkOverhead = 17; // secretstream tag and MAC

} // namespace

// ---- MasterKey

TEST_CASE("a missing master key file is created with mode 0600 and reloads to the same key", "[crypto]")
{
    TempDir dir;
    std::string path = dir.file("master.key");

    MasterKey created = MasterKey::loadOrCreate(path, nullptr, true);
    struct stat status
    {
    };
    REQUIRE(::stat(path.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0600);
    CHECK(fs::file_size(path) == 65); // 64 hex characters and a newline

    MasterKey reloaded = MasterKey::loadOrCreate(path, nullptr, false);
    CHECK(keyBytes(reloaded) == keyBytes(created));
    CHECK(keyBytes(created) != std::string(32, '\0'));

    // No temporary file is left beside the key.
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);

    // Creating again with another directory gives another key.
    TempDir otherDir;
    MasterKey other = MasterKey::loadOrCreate(otherDir.file("master.key"), nullptr, true);
    CHECK(keyBytes(other) != keyBytes(created));
}

TEST_CASE("an existing master key file is read, never replaced", "[crypto]")
{
    TempDir dir;
    std::string path = dir.file("master.key");
    writeFile(path, std::string("\n  ") + sequenceHex + "\r\n", ownerOnly());

    MasterKey key = MasterKey::loadOrCreate(path, nullptr, true);
    CHECK(keyBytes(key) == sequenceBytes());
    std::ifstream in(path);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(content == std::string("\n  ") + sequenceHex + "\r\n");
}

TEST_CASE("processes creating the same master key file together end with one key", "[crypto]")
{
    for (int round = 0; round < 5; ++round)
    {
        TempDir dir;
        std::string path = dir.file("master.key");
        std::vector<std::string> keys(6);
        std::vector<std::thread> threads;
        for (auto& result : keys)
            threads.emplace_back([&result, &path]
                                 { result = keyBytes(MasterKey::loadOrCreate(path, nullptr, true)); });
        for (auto& thread : threads)
            thread.join();
        for (const auto& result : keys)
            CHECK(result == keys.front());
        CHECK(keyBytes(MasterKey::loadOrCreate(path, nullptr, false)) == keys.front());
        CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
    }
}

TEST_CASE("a master key file readable by group or others is refused with the fix", "[crypto]")
{
    TempDir dir;
    std::string path = dir.file("master.key");
    for (auto mode :
         {fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read,
          fs::perms::owner_read | fs::perms::group_read, fs::perms::owner_read | fs::perms::others_write})
    {
        writeFile(path, sequenceHex, mode);
        Error error = errorOf([&] { MasterKey::loadOrCreate(path, nullptr, true); });
        CHECK(error.code() == ErrorCode::Configuration);
        CHECK_THAT(error.what(), Catch::Contains(path) && Catch::Contains("chmod 600"));
        CHECK_THAT(error.what(), !Catch::Contains(sequenceHex));
    }
    fs::permissions(path, fs::perms::owner_read);
    CHECK(keyBytes(MasterKey::loadOrCreate(path, nullptr, false)) == sequenceBytes());
}

TEST_CASE("a missing master key file is refused when it may not be created", "[crypto]")
{
    TempDir dir;
    std::string path = dir.file("master.key");
    Error error = errorOf([&] { MasterKey::loadOrCreate(path, nullptr, false); });
    CHECK(error.code() == ErrorCode::Configuration);
    CHECK_THAT(error.what(), Catch::Contains(path) && Catch::Contains("PROOFDESK_MASTER_KEY"));
    CHECK_FALSE(fs::exists(path));

    Error noDirectory =
        errorOf([&] { MasterKey::loadOrCreate(dir.file("missing/master.key"), nullptr, true); });
    CHECK(noDirectory.code() == ErrorCode::Configuration);
    CHECK_THAT(noDirectory.what(), Catch::Contains("missing/master.key"));

    Error nothing = errorOf([&] { MasterKey::loadOrCreate("", nullptr, true); });
    CHECK(nothing.code() == ErrorCode::Configuration);
    CHECK_THAT(nothing.what(), Catch::Contains("PROOFDESK_MASTER_KEY"));

    Error directory = errorOf(
        [&]
        {
            fs::permissions(dir.path(), fs::perms::owner_all);
            MasterKey::loadOrCreate(dir.path().string(), nullptr, false);
        });
    CHECK(directory.code() == ErrorCode::Configuration);
    CHECK_THAT(directory.what(), Catch::Contains("not a regular file"));
}

TEST_CASE("a master key file with bad content is refused without showing it", "[crypto]")
{
    TempDir dir;
    std::string path = dir.file("master.key");
    std::string shortHex = std::string(sequenceHex).substr(0, 62);
    for (const std::string& content :
         {std::string(), std::string("hunter2-SECRETCONTENT"), shortHex, std::string(sequenceHex) + "00",
          std::string(64, '0'), std::string(2000, 'a')})
    {
        INFO("content size " << content.size());
        writeFile(path, content, ownerOnly());
        Error error = errorOf([&] { MasterKey::loadOrCreate(path, nullptr, true); });
        CHECK(error.code() == ErrorCode::Configuration);
        CHECK_THAT(error.what(), Catch::Contains(path));
        if (!content.empty())
            CHECK_THAT(error.what(), !Catch::Contains(content));
    }
}

TEST_CASE("PROOFDESK_MASTER_KEY wins over the file, as hex or base64", "[crypto]")
{
    TempDir dir;
    std::string path = dir.file("master.key");

    CHECK(keyBytes(MasterKey::loadOrCreate(path, sequenceHex, true)) == sequenceBytes());
    CHECK_FALSE(fs::exists(path)); // the environment won: no file was created
    std::string upperHex = sequenceHex;
    std::transform(upperHex.begin(), upperHex.end(), upperHex.begin(), ::toupper);
    CHECK(keyBytes(MasterKey::loadOrCreate(path, upperHex.c_str(), true)) == sequenceBytes());
    CHECK(keyBytes(MasterKey::loadOrCreate(path, sequenceBase64, true)) == sequenceBytes());
    std::string unpadded = std::string(sequenceBase64).substr(0, 43);
    CHECK(keyBytes(MasterKey::loadOrCreate(path, unpadded.c_str(), true)) == sequenceBytes());

    writeFile(path, otherHex, ownerOnly());
    CHECK(keyBytes(MasterKey::loadOrCreate(path, sequenceHex, true)) == sequenceBytes());
    CHECK(keyBytes(MasterKey::loadOrCreate(path, nullptr, true)) != sequenceBytes());
}

TEST_CASE("a bad PROOFDESK_MASTER_KEY is refused with a message that does not contain it", "[crypto]")
{
    std::string shortHex = std::string(sequenceHex).substr(0, 62);
    std::string longBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ=="; // 34 bytes
    std::string shortBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==";    // 31 bytes
    for (const std::string& value :
         {std::string("correct-horse-SECRETVALUE"), shortHex, longBase64, shortBase64,
          std::string(sequenceHex).replace(10, 1, "g"), std::string(64, '0'), std::string("   ")})
    {
        INFO("value size " << value.size());
        Error error =
            errorOf([&] { MasterKey::loadOrCreate("/nonexistent/master.key", value.c_str(), true); });
        CHECK(error.code() == ErrorCode::Configuration);
        CHECK_THAT(error.what(), Catch::Contains("PROOFDESK_MASTER_KEY"));
        if (value.find_first_not_of(' ') != std::string::npos)
            CHECK_THAT(error.what(), !Catch::Contains(value));
    }
}

TEST_CASE("a moved-from master key refuses to be used", "[crypto]")
{
    MasterKey key = keyFromHex(sequenceHex);
    MasterKey moved = std::move(key);
    CHECK(keyBytes(moved) == sequenceBytes());
    CHECK(errorOf([&] { (void)key.data(); }).code() ==
          ErrorCode::Internal); // NOLINT(bugprone-use-after-move)
    key = keyFromHex(otherHex);
    CHECK(keyBytes(key) != sequenceBytes());
}

// ---- SodiumVault: wrapped keys and sealed values

TEST_CASE("sealed values round-trip and hide the plaintext", "[crypto]")
{
    MasterKey master = keyFromHex(sequenceHex);
    SodiumVault vault(master);
    std::string caseKey = vault.newWrappedKey();
    CHECK(caseKey.size() == 73);

    std::string binary("\0\x01\xff ssn 123-45-6789 \0", 21);
    for (const std::string& plaintext :
         {std::string(), std::string("1980-02-29"), binary, documentOfSize(100000)})
    {
        std::string sealed = vault.seal(caseKey, plaintext);
        CHECK(sealed.size() == plaintext.size() + 41);
        CHECK(vault.open(caseKey, sealed) == plaintext);
        if (plaintext.size() > 4)
            CHECK(sealed.find(plaintext) == std::string::npos);
        CHECK(vault.seal(caseKey, plaintext) != sealed); // a fresh nonce each time
    }
}

TEST_CASE("a sealed value modified anywhere or truncated cannot be opened", "[crypto]")
{
    MasterKey master = keyFromHex(sequenceHex);
    SodiumVault vault(master);
    std::string caseKey = vault.newWrappedKey();
    std::string sealed = vault.seal(caseKey, "123-45-6789");

    for (std::size_t i = 0; i < sealed.size(); ++i)
    {
        INFO("byte " << i);
        std::string tampered = sealed;
        tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
        Error error = errorOf([&] { vault.open(caseKey, tampered); });
        CHECK(error.code() == ErrorCode::Internal);
        CHECK_THAT(error.what(), Catch::Contains("cannot be decrypted"));
    }
    for (std::size_t length = 0; length < sealed.size(); ++length)
    {
        INFO("length " << length);
        CHECK(errorOf([&] { vault.open(caseKey, sealed.substr(0, length)); }).code() == ErrorCode::Internal);
    }
    CHECK(errorOf([&] { vault.open(caseKey, sealed + "x"); }).code() == ErrorCode::Internal);
    CHECK(errorOf([&] { vault.open(vault.newWrappedKey(), sealed); }).code() == ErrorCode::Internal);
}

TEST_CASE("wrapped keys are random, bound to their master key and checked", "[crypto]")
{
    MasterKey master = keyFromHex(sequenceHex);
    SodiumVault vault(master);
    std::string first = vault.newWrappedKey();
    std::string second = vault.newWrappedKey();
    CHECK(first != second);
    std::string sealed = vault.seal(first, "value");
    // Two keys differ in what they decrypt, not only in their wrapping.
    CHECK(errorOf([&] { vault.open(second, sealed); }).code() == ErrorCode::Internal);

    // The same master key loaded again (a restart) opens what was sealed before.
    MasterKey reloaded = keyFromHex(sequenceHex);
    SodiumVault restarted(reloaded);
    CHECK(restarted.open(first, sealed) == "value");

    MasterKey otherMaster = keyFromHex(otherHex);
    SodiumVault otherVault(otherMaster);
    Error error = errorOf([&] { otherVault.open(first, sealed); });
    CHECK(error.code() == ErrorCode::Internal);
    CHECK_THAT(error.what(), Catch::Contains("cannot be decrypted"));
    CHECK(errorOf([&] { otherVault.seal(first, "x"); }).code() == ErrorCode::Internal);

    for (std::size_t i = 0; i < first.size(); ++i)
    {
        INFO("byte " << i);
        std::string tampered = first;
        tampered[i] = static_cast<char>(tampered[i] ^ 0x80);
        CHECK(errorOf([&] { vault.seal(tampered, "x"); }).code() == ErrorCode::Internal);
    }
    for (const std::string& malformed : {std::string(), first.substr(0, 72), first + '\0', sealed})
        CHECK(errorOf([&] { vault.open(malformed, sealed); }).code() == ErrorCode::Internal);
}

TEST_CASE("the vault works after its master key object is gone", "[crypto]")
{
    std::unique_ptr<SodiumVault> vault;
    {
        MasterKey master = keyFromHex(sequenceHex);
        vault = std::make_unique<SodiumVault>(master);
    }
    std::string caseKey = vault->newWrappedKey();
    CHECK(vault->open(caseKey, vault->seal(caseKey, "still here")) == "still here");
}

// ---- SodiumVault: streams

TEST_CASE("streams round-trip at chunk boundaries", "[crypto]")
{
    MasterKey master = keyFromHex(sequenceHex);
    SodiumVault vault(master);
    std::string caseKey = vault.newWrappedKey();
    for (std::size_t size :
         {std::size_t{0}, std::size_t{1}, chunk - 1, chunk, chunk + 1, std::size_t{1024 * 1024 + 7}})
    {
        INFO("size " << size);
        std::string plaintext = documentOfSize(size);
        std::string ciphertext = encrypt(vault, caseKey, plaintext);
        std::size_t chunks = std::max<std::size_t>(1, (size + chunk - 1) / chunk);
        CHECK(ciphertext.size() == streamHeader + size + chunks * chunkOverhead);
        CHECK(decrypt(vault, caseKey, ciphertext) == plaintext);
        CHECK(encrypt(vault, caseKey, plaintext) != ciphertext); // fresh stream header each time
    }
}

TEST_CASE("a stream modified anywhere cannot be decrypted", "[crypto]")
{
    MasterKey master = keyFromHex(sequenceHex);
    SodiumVault vault(master);
    std::string caseKey = vault.newWrappedKey();

    SECTION("every byte of a small stream")
    {
        std::string ciphertext = encrypt(vault, caseKey, documentOfSize(100));
        for (std::size_t i = 0; i < ciphertext.size(); ++i)
        {
            INFO("byte " << i);
            std::string tampered = ciphertext;
            tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
            requireUndecryptable(vault, caseKey, tampered);
        }
    }
    SECTION("bytes spread over a stream of three chunks, including each chunk's first and last")
    {
        std::string ciphertext = encrypt(vault, caseKey, documentOfSize(2 * chunk + 100));
        std::set<std::size_t> positions{0, 1, streamHeader - 1, ciphertext.size() - 1};
        for (std::size_t c = 0; c < 3; ++c)
        {
            std::size_t start = streamHeader + c * (chunk + chunkOverhead);
            positions.insert({start, start + 1, start + chunkOverhead, start + chunk + chunkOverhead - 1});
        }
        for (std::size_t i = 0; i < ciphertext.size(); i += 4099)
            positions.insert(i);
        for (std::size_t i : positions)
        {
            if (i >= ciphertext.size())
                continue;
            INFO("byte " << i);
            std::string tampered = ciphertext;
            tampered[i] = static_cast<char>(tampered[i] ^ 0x40);
            requireUndecryptable(vault, caseKey, tampered);
        }
    }
}

TEST_CASE("a truncated, extended, reordered or spliced stream cannot be decrypted", "[crypto]")
{
    MasterKey master = keyFromHex(sequenceHex);
    SodiumVault vault(master);
    std::string caseKey = vault.newWrappedKey();
    std::string plaintext = documentOfSize(2 * chunk + 100);
    std::string ciphertext = encrypt(vault, caseKey, plaintext);
    const std::size_t sealedChunk = chunk + chunkOverhead;
    auto chunkAt = [&](std::size_t c)
    { return ciphertext.substr(streamHeader + c * sealedChunk, sealedChunk); };
    std::string header = ciphertext.substr(0, streamHeader);

    SECTION("truncated at chunk boundaries and inside chunks")
    {
        for (std::size_t length :
             {std::size_t{0}, std::size_t{1}, streamHeader - 1, streamHeader, streamHeader + 1,
              streamHeader + sealedChunk, streamHeader + 2 * sealedChunk, streamHeader + 2 * sealedChunk + 16,
              streamHeader + sealedChunk / 2, ciphertext.size() - 1})
        {
            INFO("length " << length);
            requireUndecryptable(vault, caseKey, ciphertext.substr(0, length));
        }
        std::string empty = encrypt(vault, caseKey, "");
        requireUndecryptable(vault, caseKey, empty.substr(0, streamHeader));
        requireUndecryptable(vault, caseKey, empty.substr(0, empty.size() - 1));
    }
    SECTION("garbage after the final chunk")
    {
        requireUndecryptable(vault, caseKey, ciphertext + '\0');
        requireUndecryptable(vault, caseKey, ciphertext + std::string(chunkOverhead, 'x'));
        requireUndecryptable(vault, caseKey, ciphertext + chunkAt(1));
        std::string empty = encrypt(vault, caseKey, "");
        requireUndecryptable(vault, caseKey, empty + "x");
        requireUndecryptable(vault, caseKey, empty + empty);
        // A final chunk of full size: the garbage cannot hide inside its read.
        for (std::size_t size : {chunk, 2 * chunk})
        {
            INFO("size " << size);
            std::string full = encrypt(vault, caseKey, documentOfSize(size));
            requireUndecryptable(vault, caseKey, full + '\0');
            requireUndecryptable(vault, caseKey, full + full.substr(streamHeader));
        }
    }
    SECTION("chunks swapped, repeated or dropped")
    {
        std::string last = ciphertext.substr(streamHeader + 2 * sealedChunk);
        requireUndecryptable(vault, caseKey, header + chunkAt(1) + chunkAt(0) + last);
        requireUndecryptable(vault, caseKey, header + chunkAt(0) + chunkAt(0) + chunkAt(1) + last);
        requireUndecryptable(vault, caseKey, header + chunkAt(0) + last);
        requireUndecryptable(vault, caseKey, header + last);
    }
    SECTION("chunks of another stream under the same key, or another key")
    {
        std::string other = encrypt(vault, caseKey, plaintext);
        requireUndecryptable(vault, caseKey, header + other.substr(streamHeader));
        requireUndecryptable(vault, caseKey,
                             ciphertext.substr(0, streamHeader + sealedChunk) +
                                 other.substr(streamHeader + sealedChunk));
        requireUndecryptable(vault, vault.newWrappedKey(), ciphertext);
    }
    SECTION("a sealed value is not a stream and a stream is not a sealed value")
    {
        requireUndecryptable(vault, caseKey, vault.seal(caseKey, plaintext.substr(0, 100)));
        CHECK(errorOf([&] { vault.open(caseKey, ciphertext); }).code() == ErrorCode::Internal);
    }
}

TEST_CASE("stream failures are reported as unavailable", "[crypto]")
{
    MasterKey master = keyFromHex(sequenceHex);
    SodiumVault vault(master);
    std::string caseKey = vault.newWrappedKey();

    std::istringstream failedIn("data");
    failedIn.setstate(std::ios::failbit);
    std::ostringstream out;
    CHECK(errorOf([&] { vault.encryptStream(caseKey, failedIn, out); }).code() == ErrorCode::Unavailable);
    CHECK(errorOf([&] { vault.decryptStream(caseKey, failedIn, out); }).code() == ErrorCode::Unavailable);

    std::istringstream in("data");
    std::ostringstream failedOut;
    failedOut.setstate(std::ios::badbit);
    CHECK(errorOf([&] { vault.encryptStream(caseKey, in, failedOut); }).code() == ErrorCode::Unavailable);
    std::istringstream encrypted(encrypt(vault, caseKey, "data"));
    CHECK(errorOf([&] { vault.decryptStream(caseKey, encrypted, failedOut); }).code() ==
          ErrorCode::Unavailable);
}

// ---- SodiumVault: keyed hashes

TEST_CASE("keyed hashes are stable, lowercase hex, and separated by purpose and master key", "[crypto]")
{
    MasterKey master = keyFromHex(sequenceHex);
    SodiumVault vault(master);
    std::string hash = vault.keyedHash("ssn", "123-45-6789");
    CHECK(hash.size() == 64);
    CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(vault.keyedHash("ssn", "123-45-6789") == hash);

    MasterKey reloaded = keyFromHex(sequenceHex);
    CHECK(SodiumVault(reloaded).keyedHash("ssn", "123-45-6789") == hash);

    CHECK(vault.keyedHash("email", "123-45-6789") != hash);
    CHECK(vault.keyedHash("ssn", "123-45-6788") != hash);
    CHECK(vault.keyedHash("ab", "c") != vault.keyedHash("a", "bc"));
    CHECK(vault.keyedHash("ssn", "").size() == 64);
    CHECK(vault.keyedHash("ssn", "") != vault.keyedHash("email", ""));

    MasterKey other = keyFromHex(otherHex);
    CHECK(SodiumVault(other).keyedHash("ssn", "123-45-6789") != hash);

    CHECK(errorOf([&] { vault.keyedHash("", "123-45-6789"); }).code() == ErrorCode::Internal);
}

// ---- SodiumSecretHasher

TEST_CASE("Argon2id hashes verify the right secret only", "[crypto]")
{
    SodiumSecretHasher hasher(SodiumSecretHasher::minimumOpsLimit, SodiumSecretHasher::minimumMemLimit);
    std::string hash = hasher.hash("correct horse battery staple");
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hasher.verify(hash, "correct horse battery staple"));
    CHECK_FALSE(hasher.verify(hash, "correct horse battery stapl"));
    CHECK_FALSE(hasher.verify(hash, ""));
    CHECK(hasher.hash("correct horse battery staple") != hash); // a fresh salt each time

    std::string empty = hasher.hash("");
    CHECK(hasher.verify(empty, ""));
    CHECK_FALSE(hasher.verify(empty, " "));

    std::string withNul("pass\0word", 9);
    std::string binary = hasher.hash(withNul);
    CHECK(hasher.verify(binary, withNul));
    CHECK_FALSE(hasher.verify(binary, "pass"));
}

TEST_CASE("a malformed stored hash verifies false without throwing", "[crypto]")
{
    SodiumSecretHasher hasher(SodiumSecretHasher::minimumOpsLimit, SodiumSecretHasher::minimumMemLimit);
    std::string hash = hasher.hash("secret");
    // A character inside the digest changed: well formed, wrong.
    std::string flipped = hash;
    char& inDigest = flipped[flipped.size() - 10];
    inDigest = inDigest == 'A' ? 'B' : 'A';
    CHECK_FALSE(hasher.verify(flipped, "secret"));
    CHECK_FALSE(hasher.needsRehash(flipped));
    // A shortened digest may still parse (Argon2 allows shorter outputs), so it only has to fail.
    std::string shortened = hash.substr(0, hash.size() - 5);
    CHECK_NOTHROW(hasher.verify(shortened, "secret"));
    CHECK_FALSE(hasher.verify(shortened, "secret"));
    for (const std::string& stored : {std::string(), std::string("secret"), std::string("$argon2id$"),
                                      std::string("$argon2id$v=19$m=8,t=1,p=1$zz$zz"), hash.substr(0, 20),
                                      hash + std::string(1, '\0') + "junk", hash + std::string(200, 'A'),
                                      std::string("$2b$12$abcdefghijklmnopqrstuv")})
    {
        INFO("stored " << stored.size() << " bytes");
        CHECK_NOTHROW(hasher.verify(stored, "secret"));
        CHECK_FALSE(hasher.verify(stored, "secret"));
        CHECK(hasher.needsRehash(stored));
    }
}

TEST_CASE("hashes made with other costs need a rehash", "[crypto]")
{
    SodiumSecretHasher fast(SodiumSecretHasher::minimumOpsLimit, SodiumSecretHasher::minimumMemLimit);
    SodiumSecretHasher slower(SodiumSecretHasher::minimumOpsLimit + 1, SodiumSecretHasher::minimumMemLimit);
    SodiumSecretHasher interactive;
    std::string hash = fast.hash("secret");
    CHECK_FALSE(fast.needsRehash(hash));
    CHECK(slower.needsRehash(hash));
    CHECK(interactive.needsRehash(hash));
    CHECK(slower.verify(hash, "secret")); // verification uses the costs stored in the hash

    CHECK(errorOf([] { SodiumSecretHasher(0, SodiumSecretHasher::minimumMemLimit); }).code() ==
          ErrorCode::Configuration);
    CHECK(errorOf([] { SodiumSecretHasher(1, 1024); }).code() == ErrorCode::Configuration);
}

// ---- SodiumRandomSource

TEST_CASE("random bytes, numbers and tokens", "[crypto]")
{
    SodiumRandomSource random;
    CHECK(random.bytes(0).empty());
    CHECK(random.bytes(32).size() == 32);
    CHECK(random.bytes(32) != random.bytes(32));

    CHECK(errorOf([&] { random.uniform(0); }).code() == ErrorCode::Internal);
    std::set<std::uint32_t> seen;
    for (int i = 0; i < 2000; ++i)
    {
        CHECK(random.uniform(1) == 0);
        std::uint32_t value = random.uniform(10);
        REQUIRE(value < 10);
        seen.insert(value);
    }
    CHECK(seen.size() == 10);

    for (auto [bytes, length] : {std::pair<std::size_t, std::size_t>{16, 22}, {18, 24}, {32, 43}, {33, 44}})
    {
        INFO("entropy bytes " << bytes);
        std::string token = random.token(bytes);
        CHECK(token.size() == length);
        CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
              std::string::npos);
        CHECK(random.token(bytes) != token);
    }
    CHECK(errorOf([&] { random.token(15); }).code() == ErrorCode::Internal);
    CHECK(errorOf([&] { random.token(0); }).code() == ErrorCode::Internal);
}
