#pragma once

#include "proofdesk/domain/Extraction.h"

#include <string>
#include <vector>

namespace proofdesk
{

/// A line of text read from a page (from a PDF's text layer or from OCR), with where it is.
/// Coordinates are pixels at the reading resolution (300 dpi), origin top left.
struct TextLine
{
    std::string text;         // UTF-8, words separated by single spaces
    Region box;
    float confidence = 1.0f;  // 1 for a text layer; OCR's mean word confidence otherwise
    float height = 0.0f;      // typical glyph height in pixels (font size), 0 when unknown
};

/// The text of one page, lines in reading order (top to bottom, then left to right).
struct TextPage
{
    int page = 0;
    int width = 0;   // page size in pixels at the reading resolution
    int height = 0;
    std::vector<TextLine> lines;
};

} // namespace proofdesk
