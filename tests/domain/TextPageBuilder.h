#pragma once

#include "proofdesk/domain/TextPage.h"

#include <string>
#include <vector>

namespace proofdesk::test
{

/// One line of a hand-made page: where it starts (300-dpi pixels from the top left), its text, its glyph
/// height and its confidence. The width is estimated from the text (0.55 of the height per character),
/// as a text layer or OCR would report it.
struct PlacedLine
{
    int x = 0;
    int y = 0;
    std::string text;
    int size = 36;
    float confidence = 1.0f;
};

/// A page from lines, in the order given (the reader must not rely on it); letter size by default.
inline TextPage makePage(const std::vector<PlacedLine>& lines, int width = 2550, int height = 3300, int page = 0)
{
    TextPage out;
    out.page = page;
    out.width = width;
    out.height = height;
    for (const PlacedLine& l : lines)
    {
        TextLine line;
        line.text = l.text;
        line.box = Region{page, l.x, l.y, static_cast<int>(static_cast<double>(l.text.size()) * l.size * 0.55),
                          l.size + l.size / 4};
        line.confidence = l.confidence;
        line.height = static_cast<float>(l.size);
        out.lines.push_back(line);
    }
    return out;
}

/// An ID-1 card front (85.6 x 54 mm at 300 dpi).
inline TextPage makeCard(const std::vector<PlacedLine>& lines)
{
    return makePage(lines, 1011, 638);
}

} // namespace proofdesk::test
