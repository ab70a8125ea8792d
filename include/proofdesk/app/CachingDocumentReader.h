#pragma once

#include "proofdesk/ports/DocumentReader.h"

#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <utility>

namespace proofdesk
{

/// A DocumentReader that remembers its last few readings by the SHA-256 of the bytes, so that a document
/// read once to decide what it is (an email attachment, before it joins its case) is not read again by the
/// extraction worker a moment later. Only successful readings are kept, in memory only. Thread-safe; two
/// threads asking for the same new document at once may both read it.
class CachingDocumentReader : public DocumentReader
{
public:
    CachingDocumentReader(DocumentReader& reader, std::size_t capacity = 16);

    Extraction read(std::string_view bytes) override;

    /// Readings answered from memory so far (for tests and metrics).
    std::size_t hits() const;

private:
    DocumentReader& _reader;
    std::size_t _capacity;
    mutable std::mutex _mutex;
    std::list<std::pair<std::string, Extraction>> _recent;  // most recent first
    std::size_t _hits = 0;
};

} // namespace proofdesk
