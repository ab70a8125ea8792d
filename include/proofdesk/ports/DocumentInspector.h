#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace proofdesk
{

/// Limits applied to untrusted document bytes before and while decoding them.
struct InspectionLimits
{
    std::size_t maxPixels = 50'000'000;  // width x height of one page/frame, against decompression bombs
    int maxPages = 50;                   // pages of a PDF or frames of a TIFF
    int maxRenderWidth = 2000;           // rendered previews are scaled down to at most this width
};

/// What the content of an upload is, decided by its bytes, never by its name.
struct DocumentFormat
{
    std::string mediaType;  // "image/jpeg", "image/png", "image/tiff", "application/pdf", or what libmagic said
    bool accepted = false;  // one of the four accepted types
    int pages = 0;          // pages (PDF) or frames (TIFF); 1 for JPEG and PNG; 0 when not accepted
};

/// Reads untrusted document bytes: sniffs their type and renders pages to PNG for display.
class DocumentInspector
{
public:
    virtual ~DocumentInspector() = default;

    /// Sniffs the content and, for accepted types, counts pages and checks the limits.
    /// Throws Error(InvalidInput) naming the problem when the file is broken, too large in pixels or has
    /// too many pages; returns accepted=false (no throw) for a type that is simply not accepted.
    virtual DocumentFormat inspect(std::string_view bytes) = 0;

    /// Renders page `page` (0-based) of an accepted document to PNG bytes, scaled to the width limit.
    /// Throws Error(InvalidInput) when the page does not exist or the file cannot be decoded.
    virtual std::string renderPng(std::string_view bytes, int page) = 0;
};

} // namespace proofdesk
