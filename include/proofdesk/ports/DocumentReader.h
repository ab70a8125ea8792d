#pragma once

#include "proofdesk/domain/Extraction.h"

#include <string_view>

namespace proofdesk
{

/// Reads a document: decides its type and pre-extracts its fields (barcode, MRZ, PDF text, OCR).
/// Safe to call from several threads at once.
class DocumentReader
{
public:
    virtual ~DocumentReader() = default;

    /// Classifies and reads one document. A document that yields nothing gives documentType "unknown" and
    /// no fields; one that cannot be read at all (broken, hostile, over a limit) throws Error(InvalidInput)
    /// with the reason. Never crashes, hangs or exhausts memory on bad input.
    virtual Extraction read(std::string_view bytes) = 0;
};

} // namespace proofdesk
