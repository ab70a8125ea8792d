#include "proofdesk/domain/AuthenticationResults.h"

#include "proofdesk/domain/AsciiText.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace proofdesk
{

namespace
{

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// RFC 8601 values may be quoted strings, and comments (nested, with quoted-pairs) may stand between any two
// tokens. Comments become a blank; quoted strings are kept with their quotes so that a ';' or '=' inside
// them is not taken for syntax. An unterminated comment or quote runs to the end of the value.
std::string withoutComments(const std::string& value)
{
    std::string out;
    out.reserve(value.size());
    std::size_t i = 0;
    while (i < value.size())
    {
        char c = value[i];
        if (c == '(')
        {
            int depth = 0;
            while (i < value.size())
            {
                if (value[i] == '\\')
                    i += 2;
                else
                {
                    if (value[i] == '(')
                        ++depth;
                    else if (value[i] == ')' && --depth == 0)
                    {
                        ++i;
                        break;
                    }
                    ++i;
                }
            }
            out += ' ';
        }
        else if (c == '"')
        {
            out += c;
            ++i;
            while (i < value.size() && value[i] != '"')
            {
                if (value[i] == '\\' && i + 1 < value.size())
                    out += value[i++];
                out += value[i++];
            }
            out += '"';
            if (i < value.size())
                ++i;
        }
        else
        {
            out += c;
            ++i;
        }
    }
    return out;
}

// Splits on `separator` outside quoted strings.
std::vector<std::string> splitOutsideQuotes(const std::string& s, char separator)
{
    std::vector<std::string> parts(1);
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i)
    {
        char c = s[i];
        if (quoted && c == '\\' && i + 1 < s.size())
        {
            parts.back() += c;
            parts.back() += s[++i];
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        if (c == separator && !quoted)
            parts.emplace_back();
        else
            parts.back() += c;
    }
    return parts;
}

// Words of one resinfo; blanks around '=', '.' and '/' are dropped first, since CFWS is allowed there
// ("dkim = pass", "header . d=x").
std::vector<std::string> wordsOf(const std::string& segment)
{
    std::string joined;
    bool quoted = false;
    for (std::size_t i = 0; i < segment.size(); ++i)
    {
        char c = segment[i];
        if (quoted && c == '\\' && i + 1 < segment.size())
        {
            joined += c;
            joined += segment[++i];
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        if (!quoted && isBlank(c))
        {
            std::size_t j = i;
            while (j < segment.size() && isBlank(segment[j]))
                ++j;
            bool beforeGlue = j < segment.size() && (segment[j] == '=' || segment[j] == '/' || segment[j] == '.');
            bool afterGlue = !joined.empty() && (joined.back() == '=' || joined.back() == '/' || joined.back() == '.');
            if (!beforeGlue && !afterGlue)
                joined += ' ';
            i = j - 1;
            continue;
        }
        joined += c;
    }
    std::vector<std::string> words;
    for (auto& w : splitOutsideQuotes(joined, ' '))
        if (!w.empty())
            words.push_back(w);
    return words;
}

std::string unquote(const std::string& v)
{
    if (v.size() < 2 || v.front() != '"')
        return v;
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i)
    {
        if (v[i] == '\\' && i + 2 < v.size())
            ++i;
        out += v[i];
    }
    return out;
}

bool isKnownResult(const std::string& r)
{
    static const std::array<const char*, 8> known = {"pass",    "fail", "softfail",  "neutral",
                                                     "none",    "temperror", "permerror", "policy"};
    return std::any_of(known.begin(), known.end(), [&](const char* k) { return r == k; });
}

// "pass if any signature passed, otherwise the first result given": a message with one good and one broken
// DKIM signature is authenticated by the good one (RFC 6376 section 6.1), and of several failures the first
// is as telling as any.
void offer(std::string& verdict, bool& seen, const std::string& result)
{
    if (!isKnownResult(result))
        return;
    if (!seen || result == "pass")
        verdict = result;
    seen = true;
}

AuthenticationVerdicts readHeader(const std::string& authservId, const std::vector<std::string>& segments)
{
    AuthenticationVerdicts v;
    v.authservId = authservId;
    bool seenSpf = false, seenDkim = false, seenDmarc = false;
    for (std::size_t s = 1; s < segments.size(); ++s)
    {
        std::vector<std::string> words = wordsOf(segments[s]);
        if (words.empty())
            continue;
        auto eq = words[0].find('=');
        if (eq == std::string::npos || eq == 0)
            continue; // "none" (no result) or something unreadable
        std::string method = lowerAscii(words[0].substr(0, eq));
        method = method.substr(0, method.find('/')); // method version ("dkim/1")
        std::string result = lowerAscii(unquote(words[0].substr(eq + 1)));
        if (result == "hardfail")
            result = "fail"; // pre-RFC 7001 SPF wording
        if (method.empty() || result.empty())
            continue;
        std::string line = method + "=" + result;
        for (std::size_t w = 1; w < words.size(); ++w)
        {
            auto weq = words[w].find('=');
            if (weq == std::string::npos || weq == 0)
                continue;
            std::string name = lowerAscii(words[w].substr(0, weq));
            std::string value = unquote(words[w].substr(weq + 1));
            if (name == "reason")
                line += " reason=\"" + value + "\"";
            else
                line += " " + name + "=" + value;
        }
        v.details.push_back(line);
        if (method == "spf")
            offer(v.spf, seenSpf, result);
        else if (method == "dkim")
            offer(v.dkim, seenDkim, result);
        else if (method == "dmarc")
            offer(v.dmarc, seenDmarc, result);
    }
    return v;
}

} // namespace

AuthenticationVerdicts parseAuthenticationResults(const std::vector<std::string>& headerValues,
                                                  const std::vector<std::string>& trustedAuthservIds)
{
    for (const auto& raw : headerValues)
    {
        std::string value = raw;
        static const std::string name = "authentication-results:";
        if (lowerAscii(value.substr(0, name.size())) == name)
            value = value.substr(name.size());
        std::vector<std::string> segments = splitOutsideQuotes(withoutComments(value), ';');
        // The first segment is the authserv-id, optionally followed by a version number.
        std::vector<std::string> head = wordsOf(segments[0]);
        if (head.empty())
            continue;
        std::string authservId = unquote(head[0]);
        if (authservId.find('=') != std::string::npos)
            continue; // a result where the authserv-id should be: not a header we can attribute
        if (!trustedAuthservIds.empty())
        {
            std::string id = lowerAscii(authservId);
            bool trusted = std::any_of(trustedAuthservIds.begin(), trustedAuthservIds.end(),
                                       [&](const std::string& t) { return lowerAscii(t) == id; });
            if (!trusted)
                continue;
        }
        return readHeader(authservId, segments);
    }
    return {};
}

} // namespace proofdesk
