#include "proofdesk/web/StatusPages.h"

#include "proofdesk/domain/Error.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace proofdesk
{

namespace
{

std::string contentTypeOf(const std::string& path)
{
    static const std::vector<std::pair<std::string, std::string>> types = {
        {".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},           {".png", "image/png"},
        {".woff2", "font/woff2"},            {".woff", "font/woff"},
        {".ttf", "font/ttf"},                {".ico", "image/x-icon"},
        {".map", "application/json"},
    };
    for (const auto& [extension, type] : types)
    {
        if (path.size() >= extension.size() && path.compare(path.size() - extension.size(), extension.size(), extension) == 0)
            return type;
    }
    return {};
}

const std::vector<std::pair<std::string, std::string>>& legend()
{
    static const std::vector<std::pair<std::string, std::string>> items = {
        {"operational", "All services are working. No issues reported."},
        {"issues_reported", "Issues have been reported. There may be some service interruptions or general access issues."},
        {"planned_outage", "Current or scheduled outage is underway."},
        {"system_outage", "System is currently down. Some or all services are interrupted."},
    };
    return items;
}

} // namespace

std::string statusLabel(const std::string& status)
{
    std::string label;
    for (char c : status)
        label += c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return label;
}

void StatusPages::addRoutes(Router& router)
{
    router.add("GET", "/healthz", [this](WebExchange& ex) { healthz(ex); });
    router.add("GET", "/status", [this](WebExchange& ex) { status(ex); });
    std::string uswds = _web.services().web.uswdsDir;
    std::string own = _web.services().web.staticDir;
    router.add("GET", "/assets/uswds/*", [this, uswds](WebExchange& ex) { asset(ex, uswds); });
    router.add("GET", "/assets/app/*", [this, own](WebExchange& ex) { asset(ex, own); });
}

void StatusPages::healthz(WebExchange& ex)
{
    Poco::JSON::Object root;
    Poco::JSON::Object components;
    bool down = false;
    bool degraded = false;
    for (const ComponentHealth& c : _web.services().health.health())
    {
        Poco::JSON::Object component;
        component.set("status", c.status);
        component.set("detail", c.detail);
        components.set(c.id, component);
        down = down || c.status == "system_outage";
        degraded = degraded || c.status != "operational";
    }
    root.set("status", down ? "down" : (degraded ? "degraded" : "ok"));
    root.set("components", components);
    std::ostringstream out;
    root.stringify(out);
    std::string body = out.str();
    ex.response.setStatus(down ? Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE : Poco::Net::HTTPResponse::HTTP_OK);
    ex.response.setContentType("application/json");
    ex.response.set("Cache-Control", "no-store");
    ex.response.setContentLength(static_cast<std::streamsize>(body.size()));
    ex.response.send() << body;
}

void StatusPages::status(WebExchange& ex)
{
    TemplateData data;
    data.set("TITLE", "System status");
    for (const ComponentHealth& c : _web.services().health.health())
    {
        data.add("COMPONENTS")
            .set("NAME", c.name)
            .set("STATUS", statusLabel(c.status))
            .set("CLASS", c.status)
            .set("DETAIL", c.detail);
    }
    for (const auto& [status, text] : legend())
        data.add("LEGEND").set("STATUS", statusLabel(status)).set("CLASS", status).set("TEXT", text);
    for (const ContactRow& row : _web.services().app.helpDesk.contacts)
        data.add("CONTACTS").set("TOPIC", row.topic).set("HOW", row.how);
    data.set("CHECKED", WebSupport::isoDateTime(_web.services().clock.now()));
    _web.page(ex, "status", std::move(data));
}

void StatusPages::asset(WebExchange& ex, const std::string& root)
{
    const std::string& rest = ex.params["*"];
    // Only plain relative paths inside the asset folder, with a known type.
    if (rest.empty() || rest.find("..") != std::string::npos || rest.find('\\') != std::string::npos ||
        rest.find('\0') != std::string::npos)
        throw Error(ErrorCode::NotFound, "no such file");
    std::string type = contentTypeOf(rest);
    std::string path = root + "/" + rest;
    if (type.empty() || !std::filesystem::is_regular_file(path))
        throw Error(ErrorCode::NotFound, "no such file");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    _web.sendBytes(ex, type, bytes.str(), true);
}

} // namespace proofdesk
