#pragma once

#include "proofdesk/adapters/LocalDocumentInspector.h"
#include "proofdesk/ports/ImageFingerprint.h"

#include <opencv2/core.hpp>

#include <string>
#include <string_view>

namespace proofdesk
{

/// A 64-bit difference hash (dHash) of a document's first page, as 16 lower-case hex digits, for the checks
/// documents_distinct and reuse (compared by Hamming distance: perceptualHashDistance in domain/Checks.h).
/// The page is made grey and shrunk to 9 x 8 pixels (area averaging); each bit says whether a pixel is
/// darker than its right neighbour, row by row, most significant first. Re-encoding (JPEG quality), scaling
/// and mild noise move few bits; a different document moves about half of them. Rotation, cropping and
/// perspective are not undone: a phone photo and a scan of one card are different images to it.
/// Thread-safe (the inspector is).
class PerceptualHash : public ImageFingerprint
{
public:
    /// Uses `inspector` to decode pages (its limits apply).
    explicit PerceptualHash(const LocalDocumentInspector& inspector);

    /// The hash of the first page of a JPEG, PNG, TIFF or PDF (PDFs rendered at 72 dpi: 9 x 8 pixels need
    /// no more). Throws Error(InvalidInput) as LocalDocumentInspector::decodePage does for a file it cannot
    /// decode.
    std::string ofDocument(std::string_view bytes) const override;

    /// The hash of an 8-bit grey, BGR or BGRA image. Throws Error(InvalidInput) for an empty image.
    static std::string ofImage(const cv::Mat& image);

private:
    const LocalDocumentInspector& _inspector;
};

} // namespace proofdesk
