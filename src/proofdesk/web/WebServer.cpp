#include "proofdesk/web/WebServer.h"

#include "proofdesk/domain/Error.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Thread.h>
#include <Poco/URI.h>

#include <chrono>
#include <iostream>
#include <thread>

namespace proofdesk
{

namespace
{

class Dispatcher : public Poco::Net::HTTPRequestHandler
{
public:
    explicit Dispatcher(WebServer& server) : _server(server) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        WebExchange ex{request, response, {}};
        _server.handle(ex);
    }

private:
    WebServer& _server;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit Factory(WebServer& server) : _server(server) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new Dispatcher(_server);
    }

private:
    WebServer& _server;
};

std::string escapeHtml(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        switch (c)
        {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

int httpStatusFor(ErrorCode code)
{
    switch (code)
    {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::TooLarge: return 413;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::Configuration:
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

WebServer::WebServer(WebServices services, const std::string& host, unsigned short port, int threads)
    : _support(services), _applicant(_support), _reviewer(_support), _status(_support), _triage(_support)
{
    _applicant.addRoutes(_router);
    _reviewer.addRoutes(_router);
    _status.addRoutes(_router);
    _triage.addRoutes(_router);
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(host, port), true);
    socket.listen(64);
    _port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(threads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(60, 0));
    params->setServerName("proofdesk");
    _server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket, params);
}

WebServer::~WebServer()
{
    stop(0);
}

void WebServer::start()
{
    _server->start();
}

void WebServer::stop(int graceSeconds)
{
    if (!_server)
        return;
    // stop() closes the listening socket; in-flight requests go on in their threads.
    _server->stop();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(graceSeconds);
    while (_server->currentConnections() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    _server->stopAll(true);
    _server.reset();
}

unsigned short WebServer::port() const
{
    return _port;
}

void WebServer::sendError(WebExchange& ex, int status, const std::string& message)
{
    if (ex.response.sent())
        return;
    bool wantsJson = ex.request.getURI().rfind("/api/", 0) == 0 || ex.request.getURI() == "/healthz";
    ex.response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    ex.response.set("Cache-Control", "no-store");
    if (wantsJson)
    {
        std::string body = "{\"error\":\"" + escapeHtml(message) + "\"}";
        ex.response.setContentType("application/json");
        ex.response.setContentLength(static_cast<std::streamsize>(body.size()));
        ex.response.send() << body;
        return;
    }
    try
    {
        TemplateData data;
        data.set("TITLE", "Something went wrong");
        data.set("STATUS", std::to_string(status));
        std::string sentence = message;
        if (!sentence.empty() && sentence[0] >= 'a' && sentence[0] <= 'z')
            sentence[0] = static_cast<char>(sentence[0] - 'a' + 'A');
        data.set("MESSAGE", sentence);
        _support.page(ex, "error", std::move(data), status);
    }
    catch (...)
    {
        // The templates themselves failed: answer in plain text rather than not at all.
        if (!ex.response.sent())
        {
            std::string body = "Error " + std::to_string(status) + ": " + message + "\n";
            ex.response.setContentType("text/plain; charset=utf-8");
            ex.response.setContentLength(static_cast<std::streamsize>(body.size()));
            ex.response.send() << body;
        }
    }
}

void WebServer::handle(WebExchange& ex)
{
    try
    {
        std::string path;
        try
        {
            path = Poco::URI(ex.request.getURI()).getPath();
        }
        catch (const Poco::Exception&)
        {
            throw Error(ErrorCode::InvalidInput, "malformed address");
        }
        bool pathMatched = false;
        const WebHandler* handler = _router.match(ex.request.getMethod(), path, ex.params, pathMatched);
        if (handler == nullptr)
        {
            if (pathMatched)
            {
                sendError(ex, 405, "this address does not accept " + ex.request.getMethod());
                return;
            }
            throw Error(ErrorCode::NotFound, "there is no page at this address");
        }
        (*handler)(ex);
    }
    catch (const Error& e)
    {
        int status = httpStatusFor(e.code());
        if (status >= 500)
            std::cerr << "proofdesk: " << ex.request.getMethod() << " request failed: " << errorCodeName(e.code())
                      << ": " << e.what() << std::endl;
        sendError(ex, status, status >= 500 && e.code() != ErrorCode::Unavailable
                                  ? "an internal error occurred; the help desk has been notified"
                                  : e.what());
    }
    catch (const Poco::Exception& e)
    {
        std::cerr << "proofdesk: request failed: " << e.displayText() << std::endl;
        sendError(ex, 500, "an internal error occurred");
    }
    catch (const std::exception& e)
    {
        std::cerr << "proofdesk: request failed: " << e.what() << std::endl;
        sendError(ex, 500, "an internal error occurred");
    }
}

} // namespace proofdesk
