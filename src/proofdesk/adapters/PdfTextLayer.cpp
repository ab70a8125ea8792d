#include "proofdesk/adapters/PdfTextLayer.h"

#include "proofdesk/domain/Error.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace proofdesk
{

namespace
{

struct Word
{
    std::string text;
    double x0, y0, x1, y1;
    double size;
    bool spaceAfter;
};

std::string utf8(const poppler::ustring& text)
{
    poppler::byte_array bytes = text.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

} // namespace

std::vector<TextPage> readPdfTextLayer(std::string_view bytes, int maxPages, int dpi)
{
    std::vector<char> data(bytes.begin(), bytes.end());
    std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
    if (!document)
        throw Error(ErrorCode::InvalidInput, "PDF cannot be opened");
    if (document->is_locked())
        throw Error(ErrorCode::InvalidInput, "PDF is encrypted and needs a password");
    const double scale = dpi / 72.0;
    std::vector<TextPage> pages;
    int count = std::min(document->pages(), maxPages);
    for (int index = 0; index < count; ++index)
    {
        std::unique_ptr<poppler::page> page(document->create_page(index));
        TextPage out;
        out.page = index;
        if (!page)
        {
            pages.push_back(out);
            continue;
        }
        poppler::rectf media = page->page_rect(poppler::crop_box);
        out.width = static_cast<int>(std::lround(media.width() * scale));
        out.height = static_cast<int>(std::lround(media.height() * scale));
        std::vector<Word> words;
        for (const poppler::text_box& box : page->text_list(poppler::page::text_list_include_font))
        {
            std::string text = utf8(box.text());
            if (text.empty())
                continue;
            poppler::rectf r = box.bbox();
            words.push_back({text, r.left() * scale, r.top() * scale, r.right() * scale, r.bottom() * scale,
                             box.get_font_size() * scale, box.has_space_after()});
        }
        // Rows: words whose vertical centres lie within half a glyph of the row's first word.
        std::sort(words.begin(), words.end(),
                  [](const Word& p, const Word& q) { return p.y0 + p.y1 < q.y0 + q.y1; });
        std::vector<std::vector<Word>> rows;
        double rowCentre = 0;
        for (const Word& w : words)
        {
            double centre = (w.y0 + w.y1) / 2;
            if (rows.empty() || std::fabs(centre - rowCentre) > (w.y1 - w.y0) / 2)
            {
                rows.emplace_back();
                rowCentre = centre;
            }
            rows.back().push_back(w);
        }
        // Each row left to right; a wide gap splits it, so two columns side by side stay separate lines.
        for (std::vector<Word>& row : rows)
        {
            std::sort(row.begin(), row.end(), [](const Word& p, const Word& q) { return p.x0 < q.x0; });
            TextLine* line = nullptr;
            double lastRight = 0;
            for (const Word& w : row)
            {
                double height = w.y1 - w.y0;
                if (line == nullptr || w.x0 - lastRight > height * 3)
                {
                    out.lines.push_back(TextLine{});
                    line = &out.lines.back();
                    line->box = Region{index, static_cast<int>(w.x0), static_cast<int>(w.y0), 0, 0};
                    line->height = static_cast<float>(height);
                }
                else if (!line->text.empty() && line->text.back() != ' ')
                    line->text += ' ';
                line->text += w.text;
                int right = static_cast<int>(std::lround(w.x1));
                int bottom = static_cast<int>(std::lround(w.y1));
                int top = std::min(line->box.y, static_cast<int>(w.y0));
                line->box.width = std::max(line->box.width, right - line->box.x);
                line->box.height = std::max(line->box.y + line->box.height, bottom) - top;
                line->box.y = top;
                lastRight = w.x1;
            }
        }
        std::sort(out.lines.begin(), out.lines.end(), [](const TextLine& p, const TextLine& q) {
            return p.box.y != q.box.y ? p.box.y < q.box.y : p.box.x < q.box.x;
        });
        pages.push_back(std::move(out));
    }
    return pages;
}

bool hasUsableText(const std::vector<TextPage>& pages)
{
    std::size_t letters = 0;
    for (const TextPage& page : pages)
    {
        for (const TextLine& line : page.lines)
        {
            for (char c : line.text)
                letters += std::isalnum(static_cast<unsigned char>(c)) ? 1 : 0;
        }
    }
    return letters >= 40;
}

} // namespace proofdesk
