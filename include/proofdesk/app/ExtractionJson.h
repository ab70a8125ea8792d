#pragma once

#include "proofdesk/domain/Extraction.h"

#include <string>

namespace proofdesk
{

/// One line of `proofdesk extract --json` (SPEC 4): {"file", "document_type", "pages", "fields": {NAME:
/// {"value", "confidence", "source"}}}, plus "regions" per field and "notes" (additions the contract allows).
std::string extractionJsonLine(const std::string& file, const Extraction& extraction);

/// The line for a file that could not be read: {"file": ..., "error": ...}.
std::string extractionErrorJsonLine(const std::string& file, const std::string& error);

/// Reads back what extractionJsonLine wrote (how the server keeps results). Throws Error(InvalidInput).
Extraction extractionFromJson(const std::string& json);

/// A JSON string literal for `text` (quotes, escapes; control characters as \u00XX).
std::string jsonString(const std::string& text);

} // namespace proofdesk
