#include "proofdesk/adapters/SodiumRandomSource.h"

#include "proofdesk/domain/Error.h"

#include <sodium.h>

#include <vector>

namespace proofdesk
{

SodiumRandomSource::SodiumRandomSource()
{
    if (sodium_init() < 0)
        throw Error(ErrorCode::Internal, "libsodium could not be initialised");
}

std::string SodiumRandomSource::bytes(std::size_t n)
{
    std::string out(n, '\0');
    randombytes_buf(out.data(), n);
    return out;
}

std::uint32_t SodiumRandomSource::uniform(std::uint32_t upperBound)
{
    if (upperBound == 0)
        throw Error(ErrorCode::Internal, "uniform() needs an upper bound above 0");
    return randombytes_uniform(upperBound);
}

std::string SodiumRandomSource::token(std::size_t entropyBytes)
{
    if (entropyBytes < minimumTokenBytes)
        throw Error(ErrorCode::Internal, "a token needs at least " + std::to_string(minimumTokenBytes) +
                                             " random bytes, not " + std::to_string(entropyBytes));
    std::vector<unsigned char> raw(entropyBytes);
    randombytes_buf(raw.data(), raw.size());
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::vector<char> text(sodium_base64_ENCODED_LEN(entropyBytes, variant));
    sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), variant);
    return std::string(text.data());
}

} // namespace proofdesk
