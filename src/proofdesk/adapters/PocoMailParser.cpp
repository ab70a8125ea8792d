#include "proofdesk/adapters/PocoMailParser.h"

#include "proofdesk/domain/AsciiText.h"
#include "proofdesk/domain/Error.h"
#include "proofdesk/domain/Utf8.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/QuotedPrintableDecoder.h>
#include <Poco/TextConverter.h>
#include <Poco/TextEncoding.h>
#include <Poco/UTF8Encoding.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

namespace proofdesk
{

namespace
{

// ---- small text helpers ----

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

std::string trim(const std::string& s)
{
    const char* blanks = " \t\r\n";
    auto b = s.find_first_not_of(blanks);
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(blanks) - b + 1);
}

bool endsWith(const std::string& s, const std::string& tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string unixLines(const std::string& s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
    {
        if (s[i] == '\r')
        {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
        }
        else
            out += s[i];
    }
    return out;
}

// ---- charsets ----

std::string latin1ToUtf8(const std::string& bytes)
{
    std::string out;
    for (unsigned char c : bytes)
        appendUtf8(out, c);
    return out;
}

// Text in a declared charset as UTF-8. ISO-8859-1 and US-ASCII are read as windows-1252 (as browsers do:
// senders that say Latin-1 often mean it, and 0x80-0x9F are control codes in Latin-1 anyway). Unknown or
// missing charsets: kept when the bytes are valid UTF-8, else read as windows-1252.
std::string toUtf8(const std::string& bytes, std::string charset)
{
    charset = lowerAscii(trim(charset));
    bool asciiOnly = std::all_of(bytes.begin(), bytes.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; });
    if (asciiOnly)
        return bytes;
    if (charset == "utf-8" || charset == "utf8" || charset.empty() || charset == "us-ascii" || charset == "ascii")
    {
        if (decodeUtf8(bytes))
            return bytes;
        charset = "windows-1252";
    }
    if (charset == "iso-8859-1" || charset == "latin1" || charset == "iso8859-1" || charset == "l1")
        charset = "windows-1252";
    Poco::TextEncoding::Ptr from;
    try
    {
        from = Poco::TextEncoding::find(charset);
    }
    catch (const Poco::Exception&)
    {
    }
    if (!from)
        return decodeUtf8(bytes) ? bytes : latin1ToUtf8(bytes);
    Poco::UTF8Encoding utf8;
    Poco::TextConverter converter(*from, utf8);
    std::string out;
    converter.convert(bytes, out);
    return out;
}

// ---- transfer decodings ----

struct Decoded
{
    std::string bytes;
    bool damaged = false;
};

// Reads a decoding stream to its end, keeping what came out before any error. The stream buffer is read
// directly: istream::read would report no characters at all when the decoder throws halfway.
template <class Stream> Decoded drain(Stream& stream, std::size_t budget)
{
    Decoded d;
    std::streambuf* buffer = stream.rdbuf();
    try
    {
        while (d.bytes.size() <= budget)
        {
            int c = buffer->sbumpc();
            if (c == std::char_traits<char>::eof())
                break;
            d.bytes += static_cast<char>(c);
        }
    }
    catch (const std::exception&)
    {
        d.damaged = true;
    }
    return d;
}

Decoded decodeBase64(const std::string& text, std::size_t budget)
{
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    return drain(decoder, budget);
}

Decoded decodeQuotedPrintable(const std::string& text, std::size_t budget)
{
    std::istringstream in(text);
    Poco::Net::QuotedPrintableDecoder decoder(in);
    return drain(decoder, budget);
}

// ---- RFC 2047 encoded words ----

struct EncodedWord
{
    std::size_t end = 0;  // index after "?="
    std::string charset;
    std::string bytes;
};

std::optional<EncodedWord> readEncodedWord(const std::string& s, std::size_t at)
{
    // =?charset?E?text?=  -- no blanks or '?' inside any of the three.
    if (s.compare(at, 2, "=?") != 0)
        return std::nullopt;
    // RFC 2047 caps a word at 75 characters; some mailers write longer ones, but a window keeps a header
    // full of "=?" from costing quadratic time.
    const std::size_t window = 4096;
    std::size_t q1 = s.find('?', at + 2);
    if (q1 == std::string::npos || q1 - at > 100 || q1 + 2 >= s.size() || s[q1 + 2] != '?')
        return std::nullopt;
    std::size_t textStart = q1 + 3;
    std::size_t close = s.find("?=", textStart);
    if (close == std::string::npos || close - textStart > window)
        return std::nullopt;
    std::string charset = s.substr(at + 2, q1 - at - 2);
    std::string text = s.substr(textStart, close - textStart);
    auto hasBlank = [](const std::string& x) {
        return std::any_of(x.begin(), x.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
    };
    if (charset.empty() || hasBlank(charset) || hasBlank(text) || text.find('?') != std::string::npos)
        return std::nullopt;
    EncodedWord w;
    w.end = close + 2;
    w.charset = charset.substr(0, charset.find('*')); // RFC 2231 section 5 language suffix
    char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(s[q1 + 1])));
    if (encoding == 'B')
        w.bytes = decodeBase64(text, 1 << 20).bytes;
    else if (encoding == 'Q')
    {
        for (std::size_t i = 0; i < text.size(); ++i)
        {
            if (text[i] == '_')
                w.bytes += ' ';
            else if (text[i] == '=' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0)
            {
                w.bytes += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
                i += 2;
            }
            else
                w.bytes += text[i];
        }
    }
    else
        return std::nullopt;
    return w;
}

// A header value with its encoded words decoded, as UTF-8. Blanks between adjacent encoded words are
// dropped (RFC 2047 section 6.2), and adjacent words in the same charset are joined before conversion, since
// senders split multi-byte characters across words. Broken words stay as written.
std::string decodeHeaderText(const std::string& value)
{
    std::string out;
    std::string pendingBytes, pendingCharset;
    std::string literal;
    bool lastWasWord = false;
    auto flushWord = [&]() {
        if (!pendingBytes.empty())
            out += toUtf8(pendingBytes, pendingCharset);
        pendingBytes.clear();
    };
    auto flushLiteral = [&]() {
        out += toUtf8(literal, "");
        literal.clear();
    };
    std::size_t i = 0;
    while (i < value.size())
    {
        if (value[i] == '=' && i + 1 < value.size() && value[i + 1] == '?')
        {
            if (auto word = readEncodedWord(value, i))
            {
                bool onlyBlanks = std::all_of(literal.begin(), literal.end(), [](char c) { return isWsp(c); });
                if (lastWasWord && onlyBlanks)
                    literal.clear();
                if (!literal.empty())
                {
                    flushWord();
                    flushLiteral();
                }
                if (lowerAscii(word->charset) != lowerAscii(pendingCharset))
                    flushWord();
                pendingCharset = word->charset;
                pendingBytes += word->bytes;
                lastWasWord = true;
                i = word->end;
                continue;
            }
        }
        if (!isWsp(value[i]))
        {
            flushWord();
            lastWasWord = false;
        }
        literal += value[i];
        ++i;
    }
    flushWord();
    flushLiteral();
    return out;
}

// ---- header sections ----

struct Field
{
    std::string name;
    std::string value; // unfolded, trimmed, bytes as written
};

struct Header
{
    std::vector<Field> fields;

    std::string get(const std::string& name) const
    {
        std::string n = lowerAscii(name);
        for (const auto& f : fields)
            if (lowerAscii(f.name) == n)
                return f.value;
        return {};
    }

    bool has(const std::string& name) const
    {
        std::string n = lowerAscii(name);
        return std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return lowerAscii(f.name) == n; });
    }
};

bool isFieldNameChar(char c)
{
    auto u = static_cast<unsigned char>(c);
    return u > 32 && u < 127 && c != ':';
}

// "Name:" at the start of a line (obsolete syntax allows blanks before the colon).
std::optional<std::size_t> fieldColon(const std::string& line)
{
    std::size_t i = 0;
    while (i < line.size() && i < 256 && isFieldNameChar(line[i]))
        ++i;
    if (i == 0)
        return std::nullopt;
    std::size_t j = i;
    while (j < line.size() && isWsp(line[j]))
        ++j;
    if (j < line.size() && line[j] == ':')
        return j;
    return std::nullopt;
}

struct HeaderSection
{
    Header header;
    std::size_t bodyStart = 0;
    bool noBlankLine = false;
};

// Reads the header section of a message leniently: CRLF or LF, folded lines joined, an mbox "From " line
// skipped. Throws Error(InvalidInput) when the text does not start with a header field or the section is
// larger than `limit`.
HeaderSection readHeaderSection(const std::string& raw, std::size_t limit)
{
    HeaderSection h;
    std::size_t pos = 0;
    if (raw.compare(0, 5, "From ") == 0)
    {
        std::size_t nl = raw.find('\n');
        pos = nl == std::string::npos ? raw.size() : nl + 1;
    }
    std::size_t headerStart = pos;
    while (pos < raw.size())
    {
        std::size_t nl = raw.find('\n', pos);
        std::size_t lineEnd = nl == std::string::npos ? raw.size() : nl;
        std::size_t next = nl == std::string::npos ? raw.size() : nl + 1;
        if (lineEnd - headerStart > limit)
            throw Error(ErrorCode::InvalidInput, "the message's header section is larger than " +
                                                     std::to_string(limit) + " bytes");
        std::string line = raw.substr(pos, lineEnd - pos);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
        {
            h.bodyStart = next;
            break;
        }
        if (isWsp(line[0]) && !h.header.fields.empty())
            h.header.fields.back().value += line; // unfolding: the line break goes, the blank stays
        else if (auto colon = fieldColon(line))
        {
            Field f;
            f.name = line.substr(0, line.find_first_of(" \t:"));
            f.value = line.substr(*colon + 1);
            h.header.fields.push_back(std::move(f));
        }
        else if (h.header.fields.empty())
            throw Error(ErrorCode::InvalidInput, "not an RFC 5322 message: the input does not start with "
                                                 "header fields");
        else
        {
            // A line that is no field: the sender forgot the blank line before the body.
            h.noBlankLine = true;
            h.bodyStart = pos;
            break;
        }
        pos = next;
    }
    if (pos >= raw.size())
        h.bodyStart = raw.size();
    for (auto& f : h.header.fields)
        f.value = trim(f.value);
    return h;
}

Header fromPoco(const Poco::Net::MessageHeader& mh)
{
    Header h;
    for (auto it = mh.begin(); it != mh.end(); ++it)
        h.fields.push_back({it->first, trim(it->second)});
    return h;
}

// ---- structured values ----

struct ParameterizedValue
{
    std::string value; // lower case ("multipart/mixed", "attachment")
    Poco::Net::NameValueCollection parameters;
};

ParameterizedValue splitValue(const std::string& text)
{
    ParameterizedValue p;
    std::string value;
    Poco::Net::MessageHeader::splitParameters(text, value, p.parameters);
    p.value = lowerAscii(trim(value));
    return p;
}

std::string percentDecode(const std::string& s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i)
    {
        if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0)
        {
            out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
            i += 2;
        }
        else
            out += s[i];
    }
    return out;
}

// A parameter as UTF-8: RFC 2231 forms first (name*=charset'lang'value, continuations name*0*= name*1=
// ...), else the plain form with any RFC 2047 words decoded (a common, if irregular, habit of mailers).
std::string parameter(const Poco::Net::NameValueCollection& params, const std::string& name)
{
    std::string charset;
    auto splitCharset = [&](const std::string& v) {
        auto q1 = v.find('\'');
        auto q2 = q1 == std::string::npos ? std::string::npos : v.find('\'', q1 + 1);
        if (q2 == std::string::npos)
            return v;
        charset = v.substr(0, q1);
        return v.substr(q2 + 1);
    };
    if (params.has(name + "*"))
        return toUtf8(percentDecode(splitCharset(params.get(name + "*"))), charset);
    std::string joined;
    bool found = false;
    for (int i = 0; i < 1000; ++i)
    {
        std::string base = name + "*" + std::to_string(i);
        if (params.has(base + "*"))
        {
            std::string v = params.get(base + "*");
            joined += percentDecode(i == 0 ? splitCharset(v) : v);
        }
        else if (params.has(base))
            joined += params.get(base);
        else
            break;
        found = true;
    }
    if (found)
        return toUtf8(joined, charset);
    if (params.has(name))
        return decodeHeaderText(params.get(name));
    return {};
}

// File names are for display only, but never carry a path, control characters or unbounded length.
std::string cleanFilename(const std::string& name)
{
    std::string base = name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
    std::string out;
    for (char c : base)
        if (static_cast<unsigned char>(c) >= 32 && c != 127)
            out += c;
    out = trim(out);
    if (out.size() > 255)
    {
        std::size_t cut = 255;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut;
        out.resize(cut);
    }
    return out;
}

std::string unquote(const std::string& s)
{
    std::string t = trim(s);
    if (t.size() < 2 || t.front() != '"' || t.back() != '"')
        return t;
    std::string out;
    for (std::size_t i = 1; i + 1 < t.size(); ++i)
    {
        if (t[i] == '\\' && i + 2 < t.size())
            ++i;
        out += t[i];
    }
    return out;
}

struct Mailbox
{
    std::string name;
    std::string address;
};

std::string normalizeAddress(std::string a)
{
    a.erase(std::remove_if(a.begin(), a.end(), [](char c) { return isWsp(c) || c == '\r' || c == '\n'; }), a.end());
    auto at = a.rfind('@');
    if (at == std::string::npos || at == 0 || at + 1 == a.size())
        return {};
    if (std::any_of(a.begin(), a.end(), [](char c) {
            auto u = static_cast<unsigned char>(c);
            return u < 33 || u == 127 || c == '<' || c == '>' || c == ',' || c == ';' || c == '(' || c == ')';
        }))
        return {};
    return a.substr(0, at) + "@" + lowerAscii(a.substr(at + 1));
}

// The first mailbox of an address list: "Name <a@b>", "\"Name\" <a@b>", "a@b (Name)" or "a@b".
Mailbox firstMailbox(const std::string& value)
{
    // Cut at the first ',' outside quotes, comments and angle brackets.
    std::string first;
    bool quoted = false, angle = false;
    int comment = 0;
    for (std::size_t i = 0; i < value.size(); ++i)
    {
        char c = value[i];
        if (c == '\\' && i + 1 < value.size())
        {
            first += c;
            first += value[++i];
            continue;
        }
        if (!comment && c == '"')
            quoted = !quoted;
        else if (!quoted && c == '(')
            ++comment;
        else if (!quoted && c == ')' && comment > 0)
            --comment;
        else if (!quoted && !comment && c == '<')
            angle = true;
        else if (!quoted && !comment && c == '>')
            angle = false;
        else if (!quoted && !comment && !angle && c == ',')
            break;
        first += c;
    }
    // Group syntax "Group: a@b;" -- take the member list.
    Mailbox m;
    auto open = first.find('<');
    if (open != std::string::npos)
    {
        auto close = first.find('>', open);
        m.address = normalizeAddress(first.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
        m.name = decodeHeaderText(unquote(first.substr(0, open)));
    }
    else
    {
        std::string bare, commentText;
        int depth = 0;
        for (char c : first)
        {
            if (c == '(' && depth++ == 0)
                continue;
            if (c == ')' && depth > 0 && --depth == 0)
                continue;
            (depth > 0 ? commentText : bare) += c;
        }
        m.address = normalizeAddress(bare);
        m.name = decodeHeaderText(trim(commentText));
    }
    m.name = trim(m.name);
    return m;
}

std::string messageIdOf(const std::string& value)
{
    auto open = value.find('<');
    if (open != std::string::npos)
    {
        auto close = value.find('>', open);
        if (close != std::string::npos)
            return trim(value.substr(open + 1, close - open - 1));
    }
    std::string t = trim(value);
    auto blank = t.find_first_of(" \t");
    return blank == std::string::npos ? t : t.substr(0, blank);
}

std::string oneLine(const std::string& s)
{
    std::string out;
    for (char c : s)
        out += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
    return trim(out);
}

// ---- HTML to text ----

void appendEntity(std::string& out, const std::string& entity)
{
    static const std::array<std::pair<const char*, char32_t>, 12> named = {{{"amp", U'&'},
                                                                          {"lt", U'<'},
                                                                          {"gt", U'>'},
                                                                          {"quot", U'"'},
                                                                          {"apos", U'\''},
                                                                          {"nbsp", U' '},
                                                                          {"copy", U'\u00A9'},
                                                                          {"reg", U'\u00AE'},
                                                                          {"euro", U'\u20AC'},
                                                                          {"ndash", U'\u2013'},
                                                                          {"mdash", U'\u2014'},
                                                                          {"hellip", U'\u2026'}}};
    if (!entity.empty() && entity[0] == '#')
    {
        bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
        std::string digits = entity.substr(hex ? 2 : 1);
        unsigned long cp = 0;
        bool ok = !digits.empty() && digits.size() <= 8;
        for (char c : digits)
        {
            int v = hex ? hexValue(c) : (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : -1);
            if (v < 0)
                ok = false;
            else
                cp = cp * (hex ? 16u : 10u) + static_cast<unsigned long>(v);
        }
        if (ok && cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF))
        {
            appendUtf8(out, static_cast<char32_t>(cp));
            return;
        }
    }
    for (const auto& [name, cp] : named)
        if (lowerAscii(entity) == name)
        {
            appendUtf8(out, cp);
            return;
        }
    out += "&" + entity + ";";
}

std::string htmlToText(const std::string& html)
{
    const std::string lowered = lowerAscii(html);
    std::string out;
    std::size_t i = 0;
    while (i < html.size())
    {
        char c = html[i];
        if (c == '<')
        {
            if (html.compare(i, 4, "<!--") == 0)
            {
                auto end = html.find("-->", i + 4);
                i = end == std::string::npos ? html.size() : end + 3;
                continue;
            }
            auto end = html.find('>', i);
            if (end == std::string::npos)
                break;
            std::string tag = lowerAscii(html.substr(i + 1, end - i - 1));
            std::string name = tag.substr(0, tag.find_first_of(" \t\r\n/>"));
            if (name.empty() && tag.size() > 1 && tag[0] == '/')
                name = tag.substr(0, tag.find_first_of(" \t\r\n>", 1));
            i = end + 1;
            if (name == "script" || name == "style" || name == "head" || name == "title")
            {
                auto close = lowered.find("</" + name, i);
                if (close == std::string::npos)
                    break;
                auto closeEnd = html.find('>', close);
                i = closeEnd == std::string::npos ? html.size() : closeEnd + 1;
                continue;
            }
            static const std::array<const char*, 14> breaking = {"br", "p", "/p", "div", "/div", "tr", "/tr",
                                                                 "li", "h1", "h2", "h3", "/h1", "/h2", "/h3"};
            if (std::any_of(breaking.begin(), breaking.end(), [&](const char* b) { return name == b; }))
                out += '\n';
            else if (name == "td" || name == "th")
                out += ' ';
            continue;
        }
        if (c == '&')
        {
            auto semi = html.substr(i, 12).find(';');
            if (semi != std::string::npos)
                semi += i;
            if (semi != std::string::npos && semi - i <= 10)
            {
                appendEntity(out, html.substr(i + 1, semi - i - 1));
                i = semi + 1;
                continue;
            }
        }
        out += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
        ++i;
    }
    // Blanks collapsed, at most one empty line in a row.
    std::string tidy;
    int newlines = 0;
    bool space = false;
    for (char c : out)
    {
        if (c == '\n')
        {
            while (!tidy.empty() && tidy.back() == ' ')
                tidy.pop_back();
            if (++newlines <= 2 && !tidy.empty())
                tidy += '\n';
            space = false;
        }
        else if (c == ' ')
            space = true;
        else
        {
            if (space && !tidy.empty() && tidy.back() != '\n')
                tidy += ' ';
            space = false;
            newlines = 0;
            tidy += c;
        }
    }
    return trim(tidy);
}

// ---- the walk ----

struct Context
{
    std::string origin;          // "" for the message itself
    bool collectText = true;     // false in alternatives that were not chosen
    std::string parentType;      // the enclosing multipart's type
    bool inReport = false;       // inside multipart/report: the returned message is not the sender's
    std::string* text = nullptr; // where body text goes
};

class Walker
{
public:
    Walker(const MailParserLimits& limits, InboundMail& mail) : _limits(limits), _mail(mail) {}

    void walkMessageBody(const Header& header, std::string body, int depth, Context ctx)
    {
        walkEntity(header, std::move(body), depth, ctx);
    }

    void finish()
    {
        for (const auto& section : _appendix)
            _mail.bodyText += section;
        _mail.bodyText = trim(_mail.bodyText);
    }

    std::string partType(const Header& h, const Context& ctx) const
    {
        std::string ct = h.get("Content-Type");
        if (ct.empty())
            return ctx.parentType == "multipart/digest" ? "message/rfc822" : "text/plain";
        std::string type = splitValue(ct).value;
        if (type.find('/') == std::string::npos)
            return "text/plain"; // RFC 2045 section 5.2: an unreadable type is plain text
        return type;
    }

private:
    void note(const std::string& text)
    {
        if (std::find(_mail.notes.begin(), _mail.notes.end(), text) == _mail.notes.end())
            _mail.notes.push_back(text);
    }

    bool budgetLeft(std::size_t more)
    {
        if (_decoded + more > _limits.maxDecodedBytes)
        {
            note("stopped after " + std::to_string(_limits.maxDecodedBytes) +
                 " bytes of decoded content; the rest was not read");
            _stopped = true;
            return false;
        }
        _decoded += more;
        return true;
    }

    std::optional<std::string> decodeBody(const Header& h, const std::string& raw)
    {
        std::string cte = lowerAscii(trim(h.get("Content-Transfer-Encoding")));
        cte = cte.substr(0, cte.find_first_of(" \t;("));
        Decoded d;
        std::size_t budget = _limits.maxDecodedBytes - std::min(_decoded, _limits.maxDecodedBytes);
        if (cte == "base64")
            d = decodeBase64(raw, budget);
        else if (cte == "quoted-printable")
            d = decodeQuotedPrintable(raw, budget);
        else
        {
            if (!cte.empty() && cte != "7bit" && cte != "8bit" && cte != "binary")
                note("part " + std::to_string(_partNumber) + " has an unknown transfer encoding; kept as sent");
            d.bytes = raw;
        }
        if (d.damaged)
            note("part " + std::to_string(_partNumber) + " is damaged (" + cte + " decoding failed); " +
                 std::to_string(d.bytes.size()) + " bytes kept");
        if (!budgetLeft(d.bytes.size()))
            return std::nullopt;
        return std::move(d.bytes);
    }

    void walkEntity(const Header& h, std::string body, int depth, const Context& ctx)
    {
        if (_stopped)
            return;
        if (depth > _limits.maxDepth)
        {
            note("parts nested deeper than " + std::to_string(_limits.maxDepth) + " levels were not read");
            return;
        }
        std::string type = partType(h, ctx);
        ParameterizedValue contentType = splitValue(h.get("Content-Type"));
        ParameterizedValue disposition = splitValue(h.get("Content-Disposition"));
        std::string filename = cleanFilename(parameter(disposition.parameters, "filename"));
        if (filename.empty())
            filename = cleanFilename(parameter(contentType.parameters, "name"));
        std::string lowerName = lowerAscii(filename);

        if (type.rfind("multipart/", 0) == 0)
        {
            walkMultipart(type, contentType, std::move(body), depth, ctx);
            return;
        }
        bool isEml = endsWith(lowerName, ".eml") &&
                     (type == "application/octet-stream" || type == "message/rfc822" || type == "text/plain");
        if (type == "message/rfc822" || isEml)
        {
            if (ctx.inReport)
            {
                note("the returned message inside the delivery report was not read");
                return;
            }
            auto decoded = decodeBody(h, body);
            if (!decoded)
                return;
            bool attachedEml = isEml;
            std::string origin = attachedEml ? "attached .eml " + std::to_string(++_emlCount)
                                             : "forwarded message " + std::to_string(++_forwardCount);
            walkEmbedded(*decoded, origin, depth, ctx, filename, type);
            return;
        }
        if (type == "application/ms-tnef" || type == "application/vnd.ms-tnef" || lowerName == "winmail.dat")
        {
            note("winmail.dat (TNEF) is not supported; its contents were not read");
            return;
        }
        if (ctx.inReport && (type == "message/delivery-status" || type == "text/rfc822-headers" ||
                             type == "message/disposition-notification" || type == "message/feedback-report"))
            return; // machine-readable parts of a report
        if (type == "message/partial" || type == "message/external-body")
        {
            note("a " + type + " part is not supported and was not read");
            return;
        }
        auto decoded = decodeBody(h, body);
        if (!decoded)
            return;
        bool isText = type == "text/plain" || type == "text/html";
        if (isText && filename.empty() && disposition.value != "attachment")
        {
            if (!ctx.collectText || ctx.text == nullptr)
                return;
            std::string text = unixLines(toUtf8(*decoded, contentType.parameters.get("charset", "")));
            if (type == "text/html")
                text = htmlToText(text);
            text = trim(text);
            if (text.empty())
                return;
            if (!ctx.text->empty())
                *ctx.text += "\n\n";
            *ctx.text += text;
            return;
        }
        MailAttachment a;
        a.filename = filename;
        a.contentType = type;
        a.bytes = std::move(*decoded);
        a.inlinePart = disposition.value == "inline" ||
                       (disposition.value.empty() && ctx.parentType == "multipart/related");
        a.origin = ctx.origin;
        _mail.attachments.push_back(std::move(a));
    }

    void walkEmbedded(const std::string& raw, const std::string& origin, int depth, const Context& ctx,
                      const std::string& filename, const std::string& type)
    {
        HeaderSection section;
        try
        {
            section = readHeaderSection(raw, _limits.maxHeaderBytes);
        }
        catch (const Error&)
        {
            note(origin + " is not a readable message; kept as a file");
            MailAttachment a;
            a.filename = filename;
            a.contentType = type;
            a.bytes = raw;
            a.origin = ctx.origin;
            _mail.attachments.push_back(std::move(a));
            return;
        }
        const Header& h = section.header;
        // Reserve the place now so that an outer forwarded message reads before the ones inside it.
        std::size_t slot = _appendix.size();
        _appendix.emplace_back();
        std::string text;
        Context inner;
        inner.origin = origin;
        inner.text = &text;
        walkEntity(h, raw.substr(section.bodyStart), depth + 1, inner);
        Mailbox from = firstMailbox(h.get("From"));
        std::string separator = "\n\n---------- " + origin + " ----------\n";
        if (!from.address.empty() || !from.name.empty())
            separator += "From: " + oneLine(from.name.empty() ? from.address
                                                              : from.name + " <" + from.address + ">") + "\n";
        if (h.has("Date"))
            separator += "Date: " + oneLine(h.get("Date")) + "\n";
        if (h.has("Subject"))
            separator += "Subject: " + oneLine(decodeHeaderText(h.get("Subject"))) + "\n";
        _appendix[slot] = separator + "\n" + text;
    }

    void walkMultipart(const std::string& type, const ParameterizedValue& contentType, std::string body, int depth,
                       const Context& ctx)
    {
        std::string boundary = contentType.parameters.get("boundary", "");
        // Poco's reader asserts on boundaries near its buffer size; RFC 2046 allows 70 characters.
        if (boundary.empty() || boundary.size() > 200)
        {
            note("a " + type + " part has no usable boundary; its contents were not read");
            return;
        }
        struct Part
        {
            Header header;
            std::string body;
        };
        std::vector<Part> parts;
        bool bodyEndsWithFF = !body.empty() && body.back() == '\xFF';
        {
            std::istringstream in(std::move(body));
            body = std::string();
            Poco::Net::MultipartReader reader(in, boundary);
            bool closed = false;
            try
            {
                while (reader.hasNextPart())
                {
                    if (_parts >= _limits.maxParts)
                    {
                        note("the message has more than " + std::to_string(_limits.maxParts) +
                             " parts; the rest were not read");
                        _stopped = true;
                        closed = true;
                        break;
                    }
                    ++_parts;
                    Poco::Net::MessageHeader mh;
                    mh.setFieldLimit(1000);
                    reader.nextPart(mh);
                    Part p;
                    p.header = fromPoco(mh);
                    std::ostringstream content;
                    content << reader.stream().rdbuf();
                    p.body = content.str();
                    auto* stream = dynamic_cast<Poco::Net::MultipartInputStream*>(&reader.stream());
                    closed = stream != nullptr && stream->lastPart();
                    bool atEnd = in.peek() == std::char_traits<char>::eof();
                    if (!closed && atEnd)
                    {
                        // The input ended inside this part. Poco's MultipartStreamBuf then stores the
                        // end-of-file marker as one 0xFF byte, and would offer one more, empty, part.
                        if (!bodyEndsWithFF && !p.body.empty() && p.body.back() == '\xFF')
                            p.body.pop_back();
                        parts.push_back(std::move(p));
                        break;
                    }
                    parts.push_back(std::move(p));
                }
                if (parts.empty())
                    closed = true;
            }
            catch (const Poco::Exception& e)
            {
                note("a " + type + " part could not be read completely (" + e.message() + ")");
                closed = true;
            }
            catch (const std::exception& e)
            {
                note("a " + type + " part could not be read completely (" + std::string(e.what()) + ")");
                closed = true;
            }
            if (!closed)
                note("a " + type + " part ends without its closing boundary");
        }

        std::optional<std::size_t> chosen;
        if (type == "multipart/alternative")
        {
            // Plain text is what reviewers read; else the richest multipart; else the HTML.
            std::optional<std::size_t> plain, multi, html;
            for (std::size_t i = 0; i < parts.size(); ++i)
            {
                std::string t = partType(parts[i].header, ctx);
                bool attachment = lowerAscii(splitValue(parts[i].header.get("Content-Disposition")).value) == "attachment";
                if (t == "text/plain" && !attachment && !plain)
                    plain = i;
                else if (t.rfind("multipart/", 0) == 0)
                    multi = i;
                else if (t == "text/html" && !attachment)
                    html = i;
            }
            chosen = plain ? plain : multi ? multi : html;
        }
        for (std::size_t i = 0; i < parts.size() && !_stopped; ++i)
        {
            Context inner = ctx;
            inner.parentType = type;
            inner.inReport = ctx.inReport || type == "multipart/report";
            if (type == "multipart/alternative")
                inner.collectText = ctx.collectText && chosen && *chosen == i;
            ++_partNumber;
            walkEntity(parts[i].header, std::move(parts[i].body), depth + 1, inner);
        }
    }

    const MailParserLimits& _limits;
    InboundMail& _mail;
    std::vector<std::string> _appendix;
    std::size_t _parts = 0;
    std::size_t _partNumber = 0;
    std::size_t _decoded = 0;
    int _forwardCount = 0;
    int _emlCount = 0;
    bool _stopped = false;
};

bool isStandardField(const std::string& name)
{
    static const std::array<const char*, 16> known = {
        "from",         "to",       "cc",         "subject",     "date",          "message-id",
        "mime-version", "received", "return-path", "content-type", "reply-to",     "sender",
        "delivered-to", "in-reply-to", "references", "x-mailer"};
    std::string n = lowerAscii(name);
    return std::any_of(known.begin(), known.end(), [&](const char* k) { return n == k; });
}

} // namespace

PocoMailParser::PocoMailParser() = default;

PocoMailParser::PocoMailParser(const MailParserLimits& limits) : _limits(limits) {}

InboundMail PocoMailParser::parse(const std::string& raw) const
{
    if (trim(raw).empty())
        throw Error(ErrorCode::InvalidInput, "not a message: the input is empty");
    HeaderSection section = readHeaderSection(raw, _limits.maxHeaderBytes);
    const Header& h = section.header;
    if (std::none_of(h.fields.begin(), h.fields.end(), [](const Field& f) { return isStandardField(f.name); }))
        throw Error(ErrorCode::InvalidInput,
                    "not an RFC 5322 message: none of From, To, Subject, Date, Message-ID, Received or "
                    "Content-Type in its header section");

    InboundMail mail;
    mail.messageId = messageIdOf(h.get("Message-ID"));
    Mailbox from = firstMailbox(h.get("From"));
    mail.fromAddress = from.address;
    mail.fromName = from.name;
    mail.toAddress = firstMailbox(h.get("To")).address;
    mail.subject = oneLine(decodeHeaderText(h.get("Subject")));
    mail.date = h.get("Date");
    mail.inReplyTo = messageIdOf(h.get("In-Reply-To"));
    mail.references = h.get("References");
    mail.autoSubmitted = lowerAscii(h.get("Auto-Submitted"));
    mail.precedence = lowerAscii(h.get("Precedence"));
    mail.returnPath = h.get("Return-Path");
    for (const auto& f : h.fields)
    {
        std::string n = lowerAscii(f.name);
        if (n == "authentication-results")
            mail.authenticationResults.push_back(f.value);
        else if (n.rfind("list-", 0) == 0 &&
                 std::find(mail.listHeaders.begin(), mail.listHeaders.end(), f.name) == mail.listHeaders.end())
            mail.listHeaders.push_back(f.name);
        else if (n == "x-autoreply" || n == "x-autorespond" || n == "x-autoresponder" ||
                 n == "x-auto-response-suppress" || n == "x-loop")
            mail.autoReplyHeaders.push_back(f.name + ": " + lowerAscii(f.value));
    }

    Walker walker(_limits, mail);
    Context top;
    top.text = &mail.bodyText;
    mail.topContentType = walker.partType(h, top);
    if (mail.topContentType == "multipart/report")
        mail.reportType = lowerAscii(splitValue(h.get("Content-Type")).parameters.get("report-type", ""));
    if (section.noBlankLine)
        mail.notes.push_back("the header section does not end with a blank line");
    walker.walkMessageBody(h, raw.substr(section.bodyStart), 0, top);
    walker.finish();
    return mail;
}

} // namespace proofdesk
