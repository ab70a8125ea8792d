#pragma once

#include "proofdesk/domain/Error.h"
#include "proofdesk/ports/Vault.h"

#include <istream>
#include <ostream>
#include <sstream>

namespace proofdesk::test
{

/// A vault that only marks what it seals, so tests can see that sealing happened and that a wrong key is
/// refused. No secrecy at all: for unit tests of the application layer only.
class FakeVault : public Vault
{
public:
    std::string newWrappedKey() override { return "key" + std::to_string(++_keys); }
    std::string seal(const std::string& wrappedKey, std::string_view plaintext) override
    {
        return "sealed[" + wrappedKey + "]" + std::string(plaintext);
    }
    std::string open(const std::string& wrappedKey, std::string_view sealed) override
    {
        std::string prefix = "sealed[" + wrappedKey + "]";
        if (sealed.substr(0, prefix.size()) != prefix)
            throw Error(ErrorCode::Internal, "cannot be decrypted");
        return std::string(sealed.substr(prefix.size()));
    }
    std::size_t encryptStream(const std::string&, std::istream& in, std::ostream& out) override
    {
        std::ostringstream buffer;
        buffer << in.rdbuf();
        out << buffer.str();
        return buffer.str().size();
    }
    std::size_t decryptStream(const std::string& key, std::istream& in, std::ostream& out) override
    {
        return encryptStream(key, in, out);
    }
    std::string keyedHash(std::string_view purpose, std::string_view value) override
    {
        return "h(" + std::string(purpose) + ":" + std::string(value) + ")";
    }

private:
    int _keys = 0;
};

} // namespace proofdesk::test
