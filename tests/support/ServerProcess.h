#pragma once

#include "support/TempDir.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include <signal.h>
#include <sys/wait.h>

namespace proofdesk::test
{

/// Runs the proofdesk binary once (a CLI command) and returns its exit code and output.
struct CommandResult
{
    int exitCode = -1;
    std::string out;
};

inline CommandResult runProofdesk(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {})
{
    Poco::Pipe outPipe;
    Poco::Process::Env environment(env.begin(), env.end());
    Poco::ProcessHandle handle =
        Poco::Process::launch(PROOFDESK_BINARY, args, "", nullptr, &outPipe, &outPipe, environment);
    Poco::PipeInputStream in(outPipe);
    CommandResult result;
    Poco::StreamCopier::copyToString(in, result.out);
    result.exitCode = handle.wait();
    return result;
}

/// A throwaway `proofdesk serve --port 0` in a temporary data folder; stopped with SIGTERM on destruction.
class ServerProcess
{
public:
    explicit ServerProcess(const std::string& dataDir, std::vector<std::string> extra = {})
    {
        std::vector<std::string> args = {"serve", "--port", "0", "--data-dir", dataDir};
        args.insert(args.end(), extra.begin(), extra.end());
        _handle = std::make_unique<Poco::ProcessHandle>(
            Poco::Process::launch(PROOFDESK_BINARY, args, nullptr, &_out, &_out));
        _in = std::make_unique<Poco::PipeInputStream>(_out);
        std::string line;
        std::regex portLine("listening port ([0-9]+)");
        while (std::getline(*_in, line))
        {
            _log += line + "\n";
            std::smatch m;
            if (std::regex_search(line, m, portLine))
            {
                _port = static_cast<unsigned short>(std::stoi(m[1]));
                return;
            }
        }
        throw std::runtime_error("the server did not start:\n" + _log);
    }

    ~ServerProcess()
    {
        if (_handle)
            stop();
    }

    unsigned short port() const { return _port; }

    /// Sends SIGTERM without waiting (stop() then collects the exit code).
    void terminate() { ::kill(static_cast<pid_t>(_handle->id()), SIGTERM); }

    /// SIGTERM, then the exit code; the remaining output is appended to log().
    int stop()
    {
        ::kill(static_cast<pid_t>(_handle->id()), SIGTERM);
        std::string rest;
        Poco::StreamCopier::copyToString(*_in, rest);
        _log += rest;
        int code = _handle->wait();
        _handle.reset();
        return code;
    }

    const std::string& log() const { return _log; }

private:
    Poco::Pipe _out;
    std::unique_ptr<Poco::ProcessHandle> _handle;
    std::unique_ptr<Poco::PipeInputStream> _in;
    std::string _log;
    unsigned short _port = 0;
};

/// An HTTP response as the tests read it.
struct HttpResult
{
    int status = 0;
    std::string body;
    std::string location;
    std::string contentType;
};

/// A small browser: one keep-alive connection, a cookie jar, GET and form POSTs (urlencoded or multipart).
class HttpClient
{
public:
    explicit HttpClient(unsigned short port) : _session("127.0.0.1", port) {}

    HttpResult get(const std::string& path) { return send(Poco::Net::HTTPRequest::HTTP_GET, path, nullptr); }

    HttpResult post(const std::string& path, Poco::Net::HTMLForm& form)
    {
        return send(Poco::Net::HTTPRequest::HTTP_POST, path, &form);
    }

    std::string cookie(const std::string& name) const
    {
        auto it = _cookies.find(name);
        return it == _cookies.end() ? std::string() : it->second;
    }

private:
    HttpResult send(const std::string& method, const std::string& path, Poco::Net::HTMLForm* form)
    {
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        Poco::Net::NameValueCollection cookies;
        for (const auto& [name, value] : _cookies)
            cookies.add(name, value);
        if (!cookies.empty())
            request.setCookies(cookies);
        if (form != nullptr)
        {
            form->prepareSubmit(request);
            std::ostream& body = _session.sendRequest(request);
            form->write(body);
        }
        else
            _session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& in = _session.receiveResponse(response);
        HttpResult result;
        result.status = static_cast<int>(response.getStatus());
        Poco::StreamCopier::copyToString(in, result.body);
        result.location = response.get("Location", "");
        result.contentType = response.getContentType();
        std::vector<Poco::Net::HTTPCookie> set;
        response.getCookies(set);
        for (const auto& c : set)
        {
            if (c.getMaxAge() == 0)
                _cookies.erase(c.getName());
            else
                _cookies[c.getName()] = c.getValue();
        }
        return result;
    }

    Poco::Net::HTTPClientSession _session;
    std::map<std::string, std::string> _cookies;
};

/// The value of the first `name="csrf" value="..."` in a page.
inline std::string csrfOf(const std::string& html)
{
    std::smatch m;
    if (!std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([^\"]+)\"")))
        throw std::runtime_error("no CSRF field in the page");
    return m[1];
}

/// Signs a reviewer in through the sign-in form (its CSRF token included); returns the answer to the POST
/// (303 to the queue when the credentials are right).
inline HttpResult signInReviewer(HttpClient& client, const std::string& userId, const std::string& password)
{
    HttpResult signin = client.get("/review/signin");
    Poco::Net::HTMLForm credentials;
    credentials.set("csrf", csrfOf(signin.body));
    credentials.set("user_id", userId);
    credentials.set("password", password);
    return client.post("/review/signin", credentials);
}

} // namespace proofdesk::test
