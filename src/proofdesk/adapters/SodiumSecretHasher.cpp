#include "proofdesk/adapters/SodiumSecretHasher.h"

#include "proofdesk/domain/Error.h"

#include <sodium.h>

#include <array>

namespace proofdesk
{

static_assert(SodiumSecretHasher::interactiveOpsLimit == crypto_pwhash_OPSLIMIT_INTERACTIVE);
static_assert(SodiumSecretHasher::interactiveMemLimit == crypto_pwhash_MEMLIMIT_INTERACTIVE);
static_assert(SodiumSecretHasher::minimumOpsLimit == crypto_pwhash_OPSLIMIT_MIN);
static_assert(SodiumSecretHasher::minimumMemLimit == crypto_pwhash_MEMLIMIT_MIN);

namespace
{

// libsodium reads stored hashes as C strings in a buffer of crypto_pwhash_STRBYTES; anything longer or
// with an embedded NUL is not one of ours and would be read only in part.
bool wellFormed(const std::string& stored)
{
    return !stored.empty() && stored.size() < crypto_pwhash_STRBYTES &&
           stored.find('\0') == std::string::npos;
}

} // namespace

SodiumSecretHasher::SodiumSecretHasher(unsigned long long opsLimit, std::size_t memLimit)
    : _opsLimit(opsLimit), _memLimit(memLimit)
{
    if (sodium_init() < 0)
        throw Error(ErrorCode::Internal, "libsodium could not be initialised");
    if (opsLimit < crypto_pwhash_OPSLIMIT_MIN || opsLimit > crypto_pwhash_OPSLIMIT_MAX)
        throw Error(ErrorCode::Configuration, "Argon2id opslimit " + std::to_string(opsLimit) +
                                                  " is outside libsodium's limits (at least " +
                                                  std::to_string(crypto_pwhash_OPSLIMIT_MIN) + ")");
    if (memLimit < crypto_pwhash_MEMLIMIT_MIN || memLimit > crypto_pwhash_MEMLIMIT_MAX)
        throw Error(ErrorCode::Configuration, "Argon2id memlimit " + std::to_string(memLimit) +
                                                  " bytes is outside libsodium's limits (at least " +
                                                  std::to_string(crypto_pwhash_MEMLIMIT_MIN) + ")");
}

std::string SodiumSecretHasher::hash(std::string_view secret)
{
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), secret.data(), secret.size(), _opsLimit, _memLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw Error(ErrorCode::Unavailable,
                    "Argon2id hashing failed: not enough memory for " + std::to_string(_memLimit) + " bytes");
    return std::string(out.data());
}

bool SodiumSecretHasher::verify(const std::string& stored, std::string_view candidate)
{
    if (!wellFormed(stored))
        return false;
    return crypto_pwhash_str_verify(stored.c_str(), candidate.data(), candidate.size()) == 0;
}

bool SodiumSecretHasher::needsRehash(const std::string& stored) const
{
    if (!wellFormed(stored))
        return true;
    // 1: other costs; -1: malformed or another algorithm (argon2i). Either way, hash again.
    return crypto_pwhash_str_needs_rehash(stored.c_str(), _opsLimit, _memLimit) != 0;
}

} // namespace proofdesk
