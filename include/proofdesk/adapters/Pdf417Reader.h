#pragma once

#include "proofdesk/ports/OcrEngine.h"

#include <optional>
#include <string>

namespace proofdesk
{

/// Finds and decodes the PDF417 symbol of an image (the back of a U.S. or Canadian license or ID card)
/// with zxing-cpp, helped by OpenCV for what zxing 1.4 does not do itself: symbols skewed by more than a few
/// degrees, photographed in perspective, or drawn light on dark. Stateless and safe to use from several
/// threads at once. The caller bounds the image's size (it is read whole).
class Pdf417Reader
{
public:
    /// The content of the first PDF417 symbol found in `image` (8-bit grey, BGR or BGRA), byte for byte as
    /// the symbol holds it, control characters included (an AAMVA payload keeps its LF, RS and CR); bytes
    /// above 0x7F are those of the symbol's default character set, ISO 8859-1, except when the symbol
    /// declares an ECI, whose text is then given as UTF-8. Tries, in order and until one reads: the image
    /// as it is (two binarisers, both polarities, quarter turns), the image with its dominant skew undone,
    /// the two largest edge-dense regions cut out and flattened. nullopt when no PDF417 could be read
    /// (about 0.05 to 0.2 s for a card-sized image without one). Throws Error(InvalidInput) for an image
    /// view without data or with inconsistent dimensions.
    std::optional<std::string> read(const ImageView& image) const;
};

} // namespace proofdesk
