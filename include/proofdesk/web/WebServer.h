#pragma once

#include "proofdesk/domain/Error.h"
#include "proofdesk/web/ApplicantPages.h"
#include "proofdesk/web/ReviewerPages.h"
#include "proofdesk/web/StatusPages.h"
#include "proofdesk/web/TriagePages.h"

#include <memory>

namespace Poco::Net
{
class HTTPServer;
}

namespace proofdesk
{

/// The HTTP status for an error code: the one place that maps them.
int httpStatusFor(ErrorCode code);

/// The HTTP server: routes, one catch site per request, clean stop (in-flight requests finish).
class WebServer
{
public:
    WebServer(WebServices services, const std::string& host, unsigned short port, int threads);
    ~WebServer();

    void start();
    /// Stops accepting, lets in-flight requests finish (up to `graceSeconds`), then returns.
    void stop(int graceSeconds = 10);
    /// The port actually bound (useful with port 0).
    unsigned short port() const;

    /// Handles one exchange (routing + error mapping); public for the request handler.
    void handle(WebExchange& ex);

private:
    void sendError(WebExchange& ex, int status, const std::string& message);

    WebSupport _support;
    Router _router;
    ApplicantPages _applicant;
    ReviewerPages _reviewer;
    StatusPages _status;
    TriagePages _triage;
    std::unique_ptr<Poco::Net::HTTPServer> _server;
    unsigned short _port = 0;
};

} // namespace proofdesk
