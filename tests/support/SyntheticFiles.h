#pragma once

#include <cstdint>
#include <cstdio>
#include <string_view>
#include <string>
#include <vector>

namespace proofdesk::test
{

// ---- PNG by hand (header-level tests: bombs, truncation)

inline void putBigEndian32(std::string& out, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

inline std::uint32_t crc32(std::string_view bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char c : bytes)
    {
        crc ^= static_cast<std::uint8_t>(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1u) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFu;
}

inline std::string pngChunk(const std::string& type, const std::string& data)
{
    std::string chunk;
    putBigEndian32(chunk, static_cast<std::uint32_t>(data.size()));
    chunk += type + data;
    putBigEndian32(chunk, crc32(type + data));
    return chunk;
}

/// A PNG whose header claims width x height (a decompression bomb's shape), with valid CRCs.
inline std::string pngClaiming(std::uint32_t width, std::uint32_t height)
{
    std::string header;
    putBigEndian32(header, width);
    putBigEndian32(header, height);
    header += std::string("\x08\x02\x00\x00\x00", 5); // 8 bits, RGB, deflate, no filter, no interlace
    return std::string("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", header) +
           pngChunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) + pngChunk("IEND", "");
}

/// A page of a hand-made PDF (with a correct cross-reference table): size, rotation, content stream.
struct PdfPage
{
    int width = 612;
    int height = 792;
    int rotate = 0;
    std::string content;
    std::string resources = "<< >>";
};

inline std::string makePdf(const std::vector<PdfPage>& pages, const std::string& encryptDictionary = "")
{
    std::vector<std::string> objects;
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    std::string kids;
    for (std::size_t i = 0; i < pages.size(); ++i)
        kids += std::to_string(3 + 2 * i) + " 0 R ";
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
    for (std::size_t i = 0; i < pages.size(); ++i)
    {
        const PdfPage& page = pages[i];
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(page.width) + " " +
                          std::to_string(page.height) + "] /Rotate " + std::to_string(page.rotate) +
                           " /Resources " + page.resources + " /Contents " + std::to_string(4 + 2 * i) + " 0 R >>");
        objects.push_back("<< /Length " + std::to_string(page.content.size()) + " >>\nstream\n" +
                          page.content + "\nendstream");
    }
    std::string trailerExtra;
    if (!encryptDictionary.empty())
    {
        objects.push_back(encryptDictionary);
        trailerExtra = "/Encrypt " + std::to_string(objects.size()) +
                       " 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] ";
    }
    std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i)
    {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets)
    {
        char line[21];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " + trailerExtra +
           ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

/// A born-digital PDF page with a text layer: each line drawn in Helvetica at (x, y) points from the
/// bottom left, `size` points high.
struct PdfTextLine
{
    double x;
    double y;
    double size;
    std::string text;  // ASCII; parentheses and backslashes are escaped
};

inline std::string textPdf(const std::vector<std::vector<PdfTextLine>>& pages)
{
    std::vector<PdfPage> out;
    for (const auto& lines : pages)
    {
        std::string content;
        for (const PdfTextLine& line : lines)
        {
            std::string escaped;
            for (char c : line.text)
            {
                if (c == '(' || c == ')' || c == '\\')
                    escaped += '\\';
                escaped += c;
            }
            content += "BT /F1 " + std::to_string(line.size) + " Tf " + std::to_string(line.x) + " " +
                       std::to_string(line.y) + " Td (" + escaped + ") Tj ET\n";
        }
        PdfPage page{612, 792, 0, content};
        page.resources = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>";
        out.push_back(page);
    }
    return makePdf(out);
}

/// A one-page PDF whose page shows a dark square: a small valid document for intake tests.
inline std::string smallPdf(const std::string& marker = "")
{
    return makePdf({PdfPage{612, 792, 0, "0 0 0 rg 100 100 200 200 re f % " + marker}});
}

} // namespace proofdesk::test
