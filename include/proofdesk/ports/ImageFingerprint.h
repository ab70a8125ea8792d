#pragma once

#include <string>
#include <string_view>

namespace proofdesk
{

/// A fingerprint of what a document looks like, for finding the same image again (the checks
/// documents_distinct and reuse): 16 hex digits compared by Hamming distance (perceptualHashDistance in
/// domain/Checks.h). Implemented by adapters/PerceptualHash.
class ImageFingerprint
{
public:
    virtual ~ImageFingerprint() = default;

    /// The fingerprint of the document's first page (JPEG, PNG, TIFF or PDF). Throws Error(InvalidInput)
    /// when the bytes cannot be decoded as a page. Thread-safe.
    virtual std::string ofDocument(std::string_view bytes) const = 0;
};

} // namespace proofdesk
