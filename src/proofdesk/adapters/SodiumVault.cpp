#include "proofdesk/adapters/SodiumVault.h"

#include "proofdesk/domain/Error.h"

#include <sodium.h>

#include <array>
#include <istream>
#include <ostream>
#include <vector>

namespace proofdesk
{

namespace
{

// The first byte of every format, so a later format can be told apart and old data still read.
constexpr unsigned char formatVersion = 1;

constexpr std::size_t keySize = 32;
static_assert(MasterKey::size == crypto_kdf_KEYBYTES);
static_assert(keySize == crypto_kdf_KEYBYTES && keySize == crypto_secretbox_KEYBYTES &&
              keySize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES &&
              keySize == crypto_secretstream_xchacha20poly1305_KEYBYTES &&
              keySize == crypto_auth_hmacsha256_KEYBYTES && keySize == crypto_auth_hmacsha256_BYTES);

// crypto_kdf contexts: exactly crypto_kdf_CONTEXTBYTES (8) characters, one per use, so no key serves
// two purposes. Master key -> wrapping and hashing keys; data key -> seal and stream keys.
constexpr char wrapContext[] = "pdwrapky";
constexpr char hashContext[] = "pdhashky";
constexpr char sealContext[] = "pdsealky";
constexpr char streamContext[] = "pdstream";
static_assert(sizeof wrapContext - 1 == crypto_kdf_CONTEXTBYTES);

constexpr std::size_t wrappedKeySize = 1 + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + keySize;
constexpr std::size_t sealOverhead =
    1 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t streamHeaderSize = 1 + crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t streamChunkOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;

// Key material on the stack or heap, wiped whatever way the function leaves.
template <std::size_t N> struct SecretBytes
{
    std::array<unsigned char, N> bytes{};
    SecretBytes() = default;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    ~SecretBytes() { sodium_memzero(bytes.data(), bytes.size()); }
    unsigned char* data() { return bytes.data(); }
};

// A plaintext chunk buffer: documents are PII, so their bytes are wiped too.
struct WipedBuffer
{
    std::vector<unsigned char> bytes;
    explicit WipedBuffer(std::size_t size) : bytes(size) {}
    WipedBuffer(const WipedBuffer&) = delete;
    WipedBuffer& operator=(const WipedBuffer&) = delete;
    ~WipedBuffer() { sodium_memzero(bytes.data(), bytes.size()); }
};

struct StreamState
{
    crypto_secretstream_xchacha20poly1305_state state{};
    StreamState() = default;
    StreamState(const StreamState&) = delete;
    StreamState& operator=(const StreamState&) = delete;
    ~StreamState() { sodium_memzero(&state, sizeof state); }
};

// The two keys of a case, derived from its data key, so sealed values and streams never share a key.
struct CaseKeys
{
    SecretBytes<keySize> seal;
    SecretBytes<keySize> stream;
};

const unsigned char* bytesOf(std::string_view text)
{
    return reinterpret_cast<const unsigned char*>(text.data());
}

unsigned char* bytesOf(std::string& text)
{
    return reinterpret_cast<unsigned char*>(text.data());
}

Error undecryptable(const std::string& what)
{
    return Error(ErrorCode::Internal, what);
}

void unwrap(const unsigned char* wrapKey, const std::string& wrappedKey, CaseKeys& keys)
{
    if (wrappedKey.size() != wrappedKeySize || static_cast<unsigned char>(wrappedKey[0]) != formatVersion)
        throw undecryptable("the case key cannot be decrypted: it is not a wrapped key of this vault");
    const unsigned char* nonce = bytesOf(wrappedKey) + 1;
    const unsigned char* cipher = nonce + crypto_secretbox_NONCEBYTES;
    SecretBytes<keySize> dataKey;
    if (crypto_secretbox_open_easy(dataKey.data(), cipher, crypto_secretbox_MACBYTES + keySize, nonce,
                                   wrapKey) != 0)
        throw undecryptable(
            "the case key cannot be decrypted: it was modified or wrapped by another master key");
    crypto_kdf_derive_from_key(keys.seal.data(), keySize, 1, sealContext, dataKey.data());
    crypto_kdf_derive_from_key(keys.stream.data(), keySize, 1, streamContext, dataKey.data());
}

// Reads up to size bytes; fewer only at the end of the stream.
std::size_t readUpTo(std::istream& in, unsigned char* buffer, std::size_t size)
{
    in.read(reinterpret_cast<char*>(buffer), static_cast<std::streamsize>(size));
    if (in.bad())
        throw Error(ErrorCode::Unavailable, "the input stream failed while reading");
    return static_cast<std::size_t>(in.gcount());
}

bool atEnd(std::istream& in)
{
    bool end = in.peek() == std::istream::traits_type::eof();
    if (in.bad())
        throw Error(ErrorCode::Unavailable, "the input stream failed while reading");
    return end;
}

void writeAll(std::ostream& out, const unsigned char* data, std::size_t size)
{
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out)
        throw Error(ErrorCode::Unavailable, "the output stream failed while writing");
}

} // namespace

SodiumVault::SodiumVault(const MasterKey& masterKey)
{
    if (sodium_init() < 0)
        throw Error(ErrorCode::Internal, "libsodium could not be initialised");
    _keys = static_cast<unsigned char*>(sodium_malloc(2 * keySize));
    if (_keys == nullptr)
        throw Error(ErrorCode::Internal, "cannot allocate protected memory for the vault keys");
    crypto_kdf_derive_from_key(_keys, keySize, 1, wrapContext, masterKey.data());
    crypto_kdf_derive_from_key(_keys + keySize, keySize, 1, hashContext, masterKey.data());
    // Read-only from here on; failure only loses that guard.
    if (sodium_mprotect_readonly(_keys) != 0)
    {
    }
}

SodiumVault::~SodiumVault()
{
    sodium_free(_keys);
}

std::string SodiumVault::newWrappedKey()
{
    SecretBytes<keySize> dataKey;
    crypto_secretbox_keygen(dataKey.data());
    std::string wrapped(wrappedKeySize, '\0');
    unsigned char* out = bytesOf(wrapped);
    out[0] = formatVersion;
    unsigned char* nonce = out + 1;
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, dataKey.data(), keySize, nonce, _keys);
    return wrapped;
}

std::string SodiumVault::seal(const std::string& wrappedKey, std::string_view plaintext)
{
    CaseKeys keys;
    unwrap(_keys, wrappedKey, keys);
    std::string sealed(sealOverhead + plaintext.size(), '\0');
    unsigned char* out = bytesOf(sealed);
    out[0] = formatVersion;
    unsigned char* nonce = out + 1;
    randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    unsigned long long cipherSize = 0;
    // The version byte is authenticated as associated data.
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                               &cipherSize, bytesOf(plaintext), plaintext.size(), out, 1,
                                               nullptr, nonce, keys.seal.data());
    return sealed;
}

std::string SodiumVault::open(const std::string& wrappedKey, std::string_view sealed)
{
    CaseKeys keys;
    unwrap(_keys, wrappedKey, keys);
    if (sealed.size() < sealOverhead || static_cast<unsigned char>(sealed[0]) != formatVersion)
        throw undecryptable("the sealed value cannot be decrypted: it is truncated or not a sealed value");
    const unsigned char* nonce = bytesOf(sealed) + 1;
    const unsigned char* cipher = nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    std::size_t cipherSize = sealed.size() - 1 - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    std::string plaintext(sealed.size() - sealOverhead, '\0');
    unsigned long long plainSize = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(bytesOf(plaintext), &plainSize, nullptr, cipher,
                                                   cipherSize, bytesOf(sealed), 1, nonce,
                                                   keys.seal.data()) != 0)
        throw undecryptable(
            "the sealed value cannot be decrypted: it was modified or sealed with another key");
    return plaintext;
}

std::size_t SodiumVault::encryptStream(const std::string& wrappedKey, std::istream& in, std::ostream& out)
{
    CaseKeys keys;
    unwrap(_keys, wrappedKey, keys);
    // A stream already failed would otherwise read as empty and be "encrypted" as an empty document.
    if (!in)
        throw Error(ErrorCode::Unavailable, "the input stream cannot be read");

    StreamState stream;
    std::array<unsigned char, streamHeaderSize> header{};
    header[0] = formatVersion;
    crypto_secretstream_xchacha20poly1305_init_push(&stream.state, header.data() + 1, keys.stream.data());
    writeAll(out, header.data(), header.size());

    WipedBuffer plain(chunkSize);
    std::vector<unsigned char> cipher(chunkSize + streamChunkOverhead);
    std::size_t total = 0;
    bool last = false;
    while (!last)
    {
        std::size_t size = readUpTo(in, plain.bytes.data(), chunkSize);
        // Always end with a FINAL chunk, empty if the input was empty or a multiple of the chunk size,
        // so the reader can tell a complete stream from a truncated one.
        last = size < chunkSize || atEnd(in);
        unsigned long long cipherSize = 0;
        crypto_secretstream_xchacha20poly1305_push(&stream.state, cipher.data(), &cipherSize,
                                                   plain.bytes.data(), size, nullptr, 0,
                                                   last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                        : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        writeAll(out, cipher.data(), static_cast<std::size_t>(cipherSize));
        total += size;
    }
    return total;
}

std::size_t SodiumVault::decryptStream(const std::string& wrappedKey, std::istream& in, std::ostream& out)
{
    CaseKeys keys;
    unwrap(_keys, wrappedKey, keys);
    if (!in)
        throw Error(ErrorCode::Unavailable, "the input stream cannot be read");

    std::array<unsigned char, streamHeaderSize> header{};
    if (readUpTo(in, header.data(), header.size()) < header.size())
        throw undecryptable("the encrypted stream cannot be decrypted: it is truncated (incomplete header)");
    if (header[0] != formatVersion)
        throw undecryptable("the encrypted stream cannot be decrypted: unknown format version");
    StreamState stream;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&stream.state, header.data() + 1,
                                                        keys.stream.data()) != 0)
        throw undecryptable("the encrypted stream cannot be decrypted: invalid header");

    WipedBuffer plain(chunkSize);
    std::vector<unsigned char> cipher(chunkSize + streamChunkOverhead);
    std::size_t total = 0;
    for (;;)
    {
        std::size_t size = readUpTo(in, cipher.data(), cipher.size());
        if (size < streamChunkOverhead)
            throw undecryptable("the encrypted stream cannot be decrypted: it is truncated (no final chunk)");
        unsigned long long plainSize = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&stream.state, plain.bytes.data(), &plainSize, &tag,
                                                       cipher.data(), size, nullptr, 0) != 0)
            throw undecryptable("the encrypted stream cannot be decrypted: it was modified, reordered or "
                                "encrypted with another key");
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        {
            if (!atEnd(in))
                throw undecryptable(
                    "the encrypted stream cannot be decrypted: unexpected data after its end");
            writeAll(out, plain.bytes.data(), static_cast<std::size_t>(plainSize));
            return total + static_cast<std::size_t>(plainSize);
        }
        // encryptStream writes only full MESSAGE chunks before the FINAL one.
        if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE || size < cipher.size())
            throw undecryptable("the encrypted stream cannot be decrypted: it is truncated or malformed");
        writeAll(out, plain.bytes.data(), static_cast<std::size_t>(plainSize));
        total += static_cast<std::size_t>(plainSize);
    }
}

std::string SodiumVault::keyedHash(std::string_view purpose, std::string_view value)
{
    if (purpose.empty())
        throw Error(ErrorCode::Internal, "keyedHash needs a purpose");
    // One key per purpose (HMAC of the purpose under the hashing key), so hashes of the same value for
    // different purposes cannot be linked, and no purpose/value split is ambiguous.
    SecretBytes<keySize> purposeKey;
    crypto_auth_hmacsha256(purposeKey.data(), bytesOf(purpose), purpose.size(), _keys + keySize);
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256(mac.data(), bytesOf(value), value.size(), purposeKey.data());
    std::array<char, 2 * crypto_auth_hmacsha256_BYTES + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
    return std::string(hex.data(), 2 * crypto_auth_hmacsha256_BYTES);
}

} // namespace proofdesk
