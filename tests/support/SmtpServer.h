#pragma once

#include "support/TempDir.h"
#include "support/TestCertificate.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/wait.h>

namespace proofdesk::test
{

/// How the throwaway SMTP server behaves (see tests/support/smtp_server.py).
struct SmtpServerOptions
{
    std::uint16_t port = 0;    // 0: the system picks one
    bool starttls = false;     // offer STARTTLS and require it
    bool implicitTls = false;  // TLS from the first byte
    std::string user;          // non-empty: AUTH (PLAIN and LOGIN) required with this user...
    std::string password;      // ...and password
    int tempfailFirst = 0;     // answer 451 to the first N DATA commands
    bool reject = false;       // answer 550 to every DATA
    int dropAfterData = 0;     // keep the first N messages but cut the connection before the 250
};

/// A real SMTP server (aiosmtpd, Debian's /usr/bin/python3) on 127.0.0.1, capturing what it accepts into a
/// Maildir in its own temporary folder. Stopped (stdin closed, then SIGKILL if need be) by the destructor.
class SmtpServer
{
public:
    explicit SmtpServer(SmtpServerOptions options = {}) : _options(std::move(options))
    {
        if (!std::filesystem::exists("/usr/bin/python3"))
            throw std::runtime_error("/usr/bin/python3 is missing: run scripts/install-deps.sh");
        std::vector<std::string> args = {std::string(PROOFDESK_SOURCE_DIR) + "/tests/support/smtp_server.py",
                                         "--maildir", maildir(), "--log", _dir / "server.log",
                                         "--port", std::to_string(_options.port)};
        if (_options.starttls || _options.implicitTls)
        {
            _certificate = std::make_unique<TestCertificate>(_dir.path());
            args.insert(args.end(), {"--cert", _certificate->certFile, "--key", _certificate->keyFile});
            args.push_back(_options.starttls ? "--starttls" : "--implicit-tls");
        }
        if (!_options.user.empty())
            args.insert(args.end(), {"--auth", _options.user + ":" + _options.password});
        if (_options.tempfailFirst > 0)
            args.insert(args.end(), {"--tempfail-first", std::to_string(_options.tempfailFirst)});
        if (_options.reject)
            args.push_back("--reject");
        if (_options.dropAfterData > 0)
            args.insert(args.end(), {"--drop-after-data", std::to_string(_options.dropAfterData)});

        _handle = std::make_unique<Poco::ProcessHandle>(
            Poco::Process::launch("/usr/bin/python3", args, &_stdin, &_stdout, nullptr));
        Poco::PipeInputStream out(_stdout);
        std::string line;
        if (std::getline(out, line) && line.rfind("PORT ", 0) == 0)
        {
            _port = static_cast<std::uint16_t>(std::stoi(line.substr(5)));
            return;
        }
        std::string log = readFile(_dir / "server.log");
        stop();
        throw std::runtime_error("the aiosmtpd test server did not start (is python3-aiosmtpd installed? run "
                                 "scripts/install-deps.sh):\n" + log);
    }

    ~SmtpServer() { stop(); }

    SmtpServer(const SmtpServer&) = delete;
    SmtpServer& operator=(const SmtpServer&) = delete;

    std::uint16_t port() const { return _port; }
    /// The server's certificate (PEM), for the client's CA file; empty without TLS.
    std::string certFile() const { return _certificate ? _certificate->certFile : std::string(); }
    std::string maildir() const { return _dir / "maildir"; }

    /// Every accepted message, byte for byte, in the order accepted.
    std::vector<std::string> messages() const
    {
        std::vector<std::string> names;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(maildir() + "/new", ec))
            names.push_back(entry.path().string());
        std::sort(names.begin(), names.end());
        std::vector<std::string> out;
        for (const std::string& name : names)
            out.push_back(readFile(name));
        return out;
    }

    /// One line per accepted message: "<file> <mail from> <rcpt to> <auth user or ->".
    std::vector<std::string> envelopes() const
    {
        std::vector<std::string> lines;
        std::istringstream in(readFile(maildir() + "/envelopes.log"));
        for (std::string line; std::getline(in, line);)
            lines.push_back(line);
        return lines;
    }

    /// Stops the server now (the port is free again afterwards).
    void stop()
    {
        if (!_handle)
            return;
        _stdin.close(Poco::Pipe::CLOSE_WRITE);
        pid_t pid = static_cast<pid_t>(_handle->id());
        int status = 0;
        bool reaped = false;
        for (int i = 0; i < 100 && !reaped; ++i)
        {
            reaped = ::waitpid(pid, &status, WNOHANG) == pid;
            if (!reaped)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (!reaped)
        {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
        }
        _handle.reset();
    }

private:
    static std::string readFile(const std::string& path)
    {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }

    SmtpServerOptions _options;
    TempDir _dir;
    std::unique_ptr<TestCertificate> _certificate;
    Poco::Pipe _stdin;
    Poco::Pipe _stdout;
    std::unique_ptr<Poco::ProcessHandle> _handle;
    std::uint16_t _port = 0;
};

} // namespace proofdesk::test
