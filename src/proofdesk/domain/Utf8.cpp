#include "proofdesk/domain/Utf8.h"

namespace proofdesk
{

// Strict decoding: overlong forms, surrogates and truncated sequences are refused, so that a field can
// never smuggle a character past the checks below in an alternative encoding.
std::optional<std::u32string> decodeUtf8(std::string_view s)
{
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size())
    {
        const auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = 0;
        std::size_t length = 0;
        if (c < 0x80)
        {
            cp = c;
            length = 1;
        }
        else if (c >= 0xC2 && c <= 0xDF)
        {
            cp = static_cast<char32_t>(c & 0x1Fu);
            length = 2;
        }
        else if (c >= 0xE0 && c <= 0xEF)
        {
            cp = static_cast<char32_t>(c & 0x0Fu);
            length = 3;
        }
        else if (c >= 0xF0 && c <= 0xF4)
        {
            cp = static_cast<char32_t>(c & 0x07u);
            length = 4;
        }
        else
            return std::nullopt;
        if (i + length > s.size())
            return std::nullopt;
        for (std::size_t k = 1; k < length; ++k)
        {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0u) != 0x80u)
                return std::nullopt;
            cp = (cp << 6) | static_cast<char32_t>(cc & 0x3Fu);
        }
        if (length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
            return std::nullopt;
        if (length == 4 && (cp < 0x10000 || cp > 0x10FFFF))
            return std::nullopt;
        out.push_back(cp);
        i += length;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80)
        out += static_cast<char>(cp);
    else if (cp < 0x800)
    {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    else if (cp < 0x10000)
    {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    else
    {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string encodeUtf8(const std::u32string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text)
        appendUtf8(out, cp);
    return out;
}

} // namespace proofdesk
