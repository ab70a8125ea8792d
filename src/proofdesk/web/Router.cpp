#include "proofdesk/web/Router.h"

namespace proofdesk
{

namespace
{

std::vector<std::string> split(const std::string& path)
{
    std::vector<std::string> segments;
    std::string current;
    for (char c : path)
    {
        if (c == '/')
        {
            if (!current.empty())
                segments.push_back(current);
            current.clear();
        }
        else
            current += c;
    }
    if (!current.empty())
        segments.push_back(current);
    return segments;
}

} // namespace

void Router::add(const std::string& method, const std::string& pattern, WebHandler handler)
{
    Route route;
    route.method = method;
    route.segments = split(pattern);
    if (!route.segments.empty() && route.segments.back() == "*")
    {
        route.prefix = true;
        route.segments.pop_back();
    }
    route.handler = std::move(handler);
    _routes.push_back(std::move(route));
}

const WebHandler* Router::match(const std::string& method, const std::string& path,
                                std::map<std::string, std::string>& params, bool& pathMatched) const
{
    std::vector<std::string> segments = split(path);
    pathMatched = false;
    for (const Route& route : _routes)
    {
        if (route.prefix ? segments.size() <= route.segments.size() : segments.size() != route.segments.size())
            continue;
        std::map<std::string, std::string> found;
        bool ok = true;
        for (std::size_t i = 0; i < route.segments.size() && ok; ++i)
        {
            const std::string& want = route.segments[i];
            if (want.size() > 2 && want.front() == '{' && want.back() == '}')
                found[want.substr(1, want.size() - 2)] = segments[i];
            else
                ok = want == segments[i];
        }
        if (!ok)
            continue;
        if (route.prefix)
        {
            std::string rest;
            for (std::size_t i = route.segments.size(); i < segments.size(); ++i)
                rest += (rest.empty() ? "" : "/") + segments[i];
            found["*"] = rest;
        }
        pathMatched = true;
        if (route.method != method && !(route.method == "GET" && method == "HEAD"))
            continue;
        params = std::move(found);
        return &route.handler;
    }
    return nullptr;
}

} // namespace proofdesk
