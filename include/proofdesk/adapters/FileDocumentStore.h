#pragma once

#include "proofdesk/ports/DocumentStore.h"
#include "proofdesk/ports/Vault.h"

namespace proofdesk
{

/// Documents as encrypted files under a folder: <root>/<case id>/<random key>.pdx. The file name is
/// random, never the sender's.
class FileDocumentStore : public DocumentStore
{
public:
    FileDocumentStore(const std::string& root, Vault& vault, RandomSource& random);

    StoredBlob put(std::int64_t caseId, const std::string& wrappedKey, const std::string& bytes) override;
    std::string get(const std::string& storageKey, const std::string& wrappedKey) override;
    void remove(const std::string& storageKey) override;
    bool healthy() override;

private:
    std::string pathOf(const std::string& storageKey) const;

    std::string _root;
    Vault& _vault;
    RandomSource& _random;
};

} // namespace proofdesk
