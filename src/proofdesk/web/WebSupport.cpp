#include "proofdesk/web/WebSupport.h"

#include "proofdesk/domain/Error.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>

#include <ctime>
#include <istream>

namespace proofdesk
{

namespace
{

// Keeps uploaded parts in memory, refusing any over the size or count limit as soon as it is exceeded.
class LimitedPartHandler : public Poco::Net::PartHandler
{
public:
    LimitedPartHandler(std::size_t maxFileBytes, std::size_t maxFiles) : _maxFileBytes(maxFileBytes), _maxFiles(maxFiles)
    {
    }

    void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override
    {
        std::string disposition;
        Poco::Net::NameValueCollection params;
        if (header.has("Content-Disposition"))
            Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition"), disposition, params);
        std::string name = params.get("name", "");
        std::string filename = params.get("filename", "");
        std::string bytes;
        char buffer[65536];
        while (stream)
        {
            stream.read(buffer, sizeof buffer);
            bytes.append(buffer, static_cast<std::size_t>(stream.gcount()));
            if (bytes.size() > _maxFileBytes)
                throw Error(ErrorCode::TooLarge, "the file \"" + filename.substr(0, 80) + "\" is larger than " +
                                                     std::to_string(_maxFileBytes / (1024 * 1024)) +
                                                     " MB, the limit for one file");
        }
        // A file input left empty still sends a part, with no name and no bytes: skip it.
        if (filename.empty() && bytes.empty())
            return;
        if (files.size() >= _maxFiles)
            throw Error(ErrorCode::TooLarge, "too many files at once; send at most " + std::to_string(_maxFiles));
        IncomingFile file;
        file.filename = filename;
        file.bytes = std::move(bytes);
        files.emplace_back(name, std::move(file));
    }

    std::vector<std::pair<std::string, IncomingFile>> files;

private:
    std::size_t _maxFileBytes;
    std::size_t _maxFiles;
};

bool constantTimeEqual(const std::string& a, const std::string& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

void WebSupport::page(WebExchange& ex, const std::string& name, TemplateData data, int status)
{
    data.values["HELPDESK_NAME"] = _s.app.helpDesk.name;
    data.values["HELPDESK_PHONE"] = _s.app.helpDesk.phone;
    data.values["HELPDESK_EMAIL"] = _s.app.helpDesk.email;
    if (data.lists.count("LAYOUT_SIGNED_IN") == 0)
        data.show("LAYOUT_SIGNED_OUT");
    if (data.values.find("TITLE") == data.values.end())
        data.values["TITLE"] = _s.app.helpDesk.name;
    std::string html = _s.templates.renderPage(name, data);
    ex.response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    ex.response.setContentType("text/html; charset=utf-8");
    ex.response.set("Cache-Control", "no-store");
    ex.response.set("X-Content-Type-Options", "nosniff");
    ex.response.set("X-Frame-Options", "DENY");
    ex.response.set("Referrer-Policy", "no-referrer");
    ex.response.set("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    ex.response.setContentLength(static_cast<std::streamsize>(html.size()));
    ex.response.send() << html;
}

void WebSupport::redirect(WebExchange& ex, const std::string& location)
{
    ex.response.setStatus(Poco::Net::HTTPResponse::HTTP_SEE_OTHER);
    ex.response.set("Location", location);
    ex.response.setContentLength(0);
    ex.response.send();
}

void WebSupport::sendBytes(WebExchange& ex, const std::string& contentType, const std::string& bytes, bool cacheable)
{
    ex.response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    ex.response.setContentType(contentType);
    ex.response.set("Cache-Control", cacheable ? "public, max-age=3600" : "no-store");
    ex.response.set("X-Content-Type-Options", "nosniff");
    ex.response.setContentLength(static_cast<std::streamsize>(bytes.size()));
    if (ex.request.getMethod() == "HEAD")
        ex.response.send();
    else
        ex.response.send() << bytes;
}

std::string WebSupport::cookie(WebExchange& ex, const std::string& name) const
{
    Poco::Net::NameValueCollection cookies;
    ex.request.getCookies(cookies);
    return cookies.get(name, "");
}

void WebSupport::setCookie(WebExchange& ex, const std::string& name, const std::string& value, int maxAgeSeconds)
{
    Poco::Net::HTTPCookie c(name, value);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSecure(_s.web.secureCookies);
    c.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    if (maxAgeSeconds >= 0)
        c.setMaxAge(maxAgeSeconds);
    ex.response.addCookie(c);
}

std::string WebSupport::visitorCsrf(WebExchange& ex)
{
    std::string token = cookie(ex, "pd_csrf");
    if (token.size() < 20 || token.size() > 64)
    {
        token = _s.random.token(24);
        setCookie(ex, "pd_csrf", token);
    }
    return token;
}

std::string WebSupport::postedVisitorCsrf(WebExchange& ex) const
{
    return cookie(ex, "pd_csrf");
}

FormData WebSupport::readForm(WebExchange& ex, const std::string& expectedCsrf, std::size_t maxFileBytes,
                              std::size_t maxFiles)
{
    if (ex.request.hasContentLength() && ex.request.getContentLength64() > static_cast<Poco::Int64>(_s.web.maxRequestBytes))
        throw Error(ErrorCode::TooLarge, "the upload is larger than " +
                                             std::to_string(_s.web.maxRequestBytes / (1024 * 1024)) + " MB in total");
    LimitedPartHandler parts(maxFileBytes, maxFiles);
    Poco::Net::HTMLForm form;
    form.setFieldLimit(static_cast<int>(_s.web.maxFormFields));
    try
    {
        form.load(ex.request, ex.request.stream(), parts);
    }
    catch (const Error&)
    {
        throw;
    }
    catch (const Poco::Exception& e)
    {
        throw Error(ErrorCode::InvalidInput, "the form could not be read: " + e.message());
    }
    FormData data;
    for (const auto& [name, value] : form)
    {
        if (data.fields.find(name) == data.fields.end())
            data.fields[name] = value;
    }
    data.files = std::move(parts.files);
    if (expectedCsrf.empty() || !constantTimeEqual(data.get("csrf"), expectedCsrf))
        throw Error(ErrorCode::Forbidden,
                    "this form has expired or did not come from this site; reload the page and try again");
    return data;
}

WebHandler WebSupport::signedIn(std::function<void(WebExchange&, const ReviewerSession&)> handler)
{
    return [this, handler](WebExchange& ex) {
        std::optional<ReviewerSession> who = reviewer(ex);
        if (!who)
        {
            if (ex.request.getMethod() == "GET")
            {
                redirect(ex, "/review/signin");
                return;
            }
            throw Error(ErrorCode::Unauthorized, "your session has ended; sign in again");
        }
        handler(ex, *who);
    };
}

std::optional<ReviewerSession> WebSupport::reviewer(WebExchange& ex)
{
    return _s.review.session(cookie(ex, "pd_session"));
}

std::string WebSupport::age(Instant since) const
{
    auto seconds = (_s.clock.now() - since).count();
    if (seconds < 0)
        seconds = 0;
    auto plural = [](long long n, const char* unit) {
        return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
    };
    if (seconds >= 86400)
        return plural(seconds / 86400, "day");
    if (seconds >= 3600)
        return plural(seconds / 3600, "hour");
    return plural(seconds / 60, "minute");
}

namespace
{

std::string utcText(Instant at, const char* format)
{
    std::time_t t = at.time_since_epoch().count();
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &tm);
    return buffer;
}

} // namespace

std::string WebSupport::isoDate(Instant at)
{
    return utcText(at, "%Y-%m-%d");
}

std::string WebSupport::isoDateTime(Instant at)
{
    return utcText(at, "%Y-%m-%d %H:%M UTC");
}

} // namespace proofdesk
