#pragma once

#include "proofdesk/domain/TextPage.h"

#include <string_view>
#include <vector>

namespace proofdesk
{

/// Reads the text layer of a born-digital PDF with poppler: words with their boxes, grouped into lines,
/// in pixels at `dpi`. Scanned PDFs (images only) give pages without lines. Throws Error(InvalidInput)
/// when the PDF cannot be opened or is locked.
std::vector<TextPage> readPdfTextLayer(std::string_view bytes, int maxPages, int dpi = 300);

/// True when the pages carry enough real text to be read without OCR.
bool hasUsableText(const std::vector<TextPage>& pages);

} // namespace proofdesk
