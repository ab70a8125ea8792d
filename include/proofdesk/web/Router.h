#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace Poco::Net
{
class HTTPServerRequest;
class HTTPServerResponse;
} // namespace Poco::Net

namespace proofdesk
{

/// One request as a handler sees it: Poco's request and response, plus the path parameters.
struct WebExchange
{
    Poco::Net::HTTPServerRequest& request;
    Poco::Net::HTTPServerResponse& response;
    std::map<std::string, std::string> params;
};

using WebHandler = std::function<void(WebExchange&)>;

/// Maps method and path patterns ("/review/cases/{ref}") to handlers.
class Router
{
public:
    void add(const std::string& method, const std::string& pattern, WebHandler handler);

    /// The handler for a request, filling `params`; nullptr when nothing matches. `methodAllowed` is set
    /// false when the path matches but not the method.
    const WebHandler* match(const std::string& method, const std::string& path,
                            std::map<std::string, std::string>& params, bool& pathMatched) const;

private:
    struct Route
    {
        std::string method;
        std::vector<std::string> segments;
        bool prefix = false;  // pattern ended with "/*": matches any deeper path, rest in params["*"]
        WebHandler handler;
    };
    std::vector<Route> _routes;
};

} // namespace proofdesk
