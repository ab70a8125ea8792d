#pragma once

#include "proofdesk/domain/Extraction.h"

#include <cstdint>
#include <string>
#include <vector>

namespace proofdesk
{

/// A borrowed 8-bit image: grey (1 channel) or BGR (3 channels), rows `stride` bytes apart.
struct ImageView
{
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0;
    int channels = 1;
};

/// How the text in an image is laid out, so the engine segments it the right way.
enum class TextLayout
{
    Auto,         // a page: find blocks, columns, lines
    SingleBlock,  // one uniform block (an address block, a card's field area)
    SingleLine,   // one line (an MRZ line, a label's value)
    Sparse        // scattered text with no order (a card front, a form)
};

/// One recognised word with where it is, in the image's pixels.
struct OcrWord
{
    std::string text;
    float confidence = 0.0f;  // 0..1
    Region box;
    int line = 0;             // words of the same text line share a number
};

struct OcrResult
{
    std::string text;
    float confidence = 0.0f;  // mean word confidence, 0..1
    std::vector<OcrWord> words;
};

/// Optical character recognition. Implementations keep their engines warm and are safe to call from
/// several threads at once (each call uses an engine no other thread is using).
class OcrEngine
{
public:
    virtual ~OcrEngine() = default;

    /// Recognises the text of `image` at `dpi`, restricted to `characters` when not empty (e.g. an MRZ's
    /// A-Z0-9<). Throws Error(Unavailable) when no engine can be had, Error(InvalidInput) for an empty image.
    virtual OcrResult recognize(const ImageView& image, TextLayout layout, int dpi,
                                const std::string& characters = {}) = 0;

    /// The clockwise rotation (0, 90, 180, 270) that makes the page upright, with a confidence 0..1;
    /// {0, 0} when it cannot tell.
    virtual std::pair<int, float> orientation(const ImageView& image, int dpi) = 0;
};

} // namespace proofdesk
