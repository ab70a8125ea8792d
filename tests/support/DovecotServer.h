#pragma once

#include "support/TempDir.h"
#include "support/TestCertificate.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
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

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proofdesk::test
{

/// A real Dovecot POP3 server on 127.0.0.1 from a private configuration in its own temporary folder:
/// one port with STLS available (plain login allowed too) and one implicit-TLS port, a test certificate
/// made by openssl, the user helpdesk / secret, and a Maildir the test fills by writing files into new/.
/// Run in the foreground (dovecot -F) as a child of the test; stopped with SIGTERM by the destructor.
class DovecotServer
{
public:
    static constexpr const char* user = "helpdesk";
    static constexpr const char* password = "secret";

    DovecotServer() : _certificate(_dir.path())
    {
        if (!std::filesystem::exists("/usr/sbin/dovecot"))
            throw std::runtime_error("dovecot is missing (Debian package dovecot-pop3d): run scripts/install-deps.sh");
        // Dovecot's login process refuses root; as root it switches to its own users, otherwise it runs as us.
        bool root = ::geteuid() == 0;
        std::string internalUser = root ? "dovecot" : currentUserName();
        std::string loginUser = root ? "dovenull" : internalUser;
        const passwd* owner = ::getpwnam(internalUser.c_str());
        if (owner == nullptr)
            throw std::runtime_error("no user " + internalUser + " (dovecot-pop3d not installed?): run scripts/install-deps.sh");
        _uid = owner->pw_uid;
        _gid = owner->pw_gid;

        std::filesystem::create_directories(_dir / "run");
        std::filesystem::create_directories(_dir / "state");
        for (const char* sub : {"new", "cur", "tmp"})
            std::filesystem::create_directories(maildir() + "/" + sub);
        ::chmod(_dir.path().c_str(), 0755);
        chownTree(_dir / "mail");
        ::chmod(_certificate.keyFile.c_str(), 0644);  // read by dovecot's config process as root anyway

        _pop3Port = freeLoopbackPort();
        _pop3sPort = freeLoopbackPort();
        std::ofstream(_dir / "passwd") << user << ":{PLAIN}" << password << "\n";
        std::ofstream conf(_dir / "dovecot.conf");
        conf << "base_dir = " << (_dir / "run") << "\n"
             << "state_dir = " << (_dir / "state") << "\n"
             << "log_path = " << (_dir / "dovecot.log") << "\n"
             << "instance_name = proofdesk-test-" << ::getpid() << "-" << _pop3Port << "\n"
             << "protocols = pop3\n"
             << "listen = 127.0.0.1\n"
             << "default_internal_user = " << internalUser << "\n"
             << "default_login_user = " << loginUser << "\n"
             << "first_valid_uid = 1\nfirst_valid_gid = 1\n"
             << "disable_plaintext_auth = no\n"
             << "auth_failure_delay = 0\n"
             << "ssl = yes\n"
             << "ssl_cert = <" << _certificate.certFile << "\n"
             << "ssl_key = <" << _certificate.keyFile << "\n"
             << "mail_location = maildir:~/Maildir\n"
             << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " << (_dir / "passwd")
             << "\n}\n"
             << "userdb {\n  driver = static\n  args = uid=" << _uid << " gid=" << _gid << " home=" << (_dir / "mail")
             << "/%u\n}\n"
             << "service pop3-login {\n"
             << "  inet_listener pop3 {\n    port = " << _pop3Port << "\n  }\n"
             << "  inet_listener pop3s {\n    port = " << _pop3sPort << "\n    ssl = yes\n  }\n"
             << "}\n"
             << "service anvil {\n  chroot =\n}\n";
        conf.close();

        _handle = std::make_unique<Poco::ProcessHandle>(
            Poco::Process::launch("/usr/sbin/dovecot", {"-F", "-c", _dir / "dovecot.conf"}));
        waitUntilReady();
    }

    ~DovecotServer() { stop(); }

    DovecotServer(const DovecotServer&) = delete;
    DovecotServer& operator=(const DovecotServer&) = delete;

    /// The POP3 port: plain, and STLS.
    std::uint16_t pop3Port() const { return _pop3Port; }
    /// The pop3s port: TLS from the first byte.
    std::uint16_t pop3sPort() const { return _pop3sPort; }
    /// The server's certificate (PEM), for the client's CA file.
    const std::string& certFile() const { return _certificate.certFile; }
    std::string maildir() const { return _dir / "mail/helpdesk/Maildir"; }

    /// Puts a message (any bytes) into the mailbox, as a delivery agent would.
    void addMessage(const std::string& bytes)
    {
        std::string name = std::to_string(1'700'000'000 + _sequence) + ".M" + std::to_string(_sequence) + ".test";
        ++_sequence;
        std::string tmp = maildir() + "/tmp/" + name;
        std::ofstream(tmp, std::ios::binary) << bytes;
        if (::chown(tmp.c_str(), _uid, _gid) != 0 && ::geteuid() == 0)
            throw std::runtime_error("cannot give " + tmp + " to dovecot");
        std::filesystem::rename(tmp, maildir() + "/new/" + name);
    }

    /// The messages still in the mailbox (new/ and cur/), as stored.
    std::vector<std::string> messages() const
    {
        std::vector<std::string> names;
        for (const char* sub : {"/new", "/cur"})
        {
            std::error_code ec;
            for (const auto& entry : std::filesystem::directory_iterator(maildir() + sub, ec))
                names.push_back(entry.path().string());
        }
        std::sort(names.begin(), names.end());
        std::vector<std::string> out;
        for (const std::string& name : names)
        {
            std::ifstream in(name, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            out.push_back(text.str());
        }
        return out;
    }

    std::string log() const
    {
        std::ifstream in(_dir / "dovecot.log");
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    void stop()
    {
        if (!_handle)
            return;
        pid_t pid = static_cast<pid_t>(_handle->id());
        ::kill(pid, SIGTERM);
        int status = 0;
        bool reaped = false;
        for (int i = 0; i < 200 && !reaped; ++i)
        {
            reaped = ::waitpid(pid, &status, WNOHANG) == pid;
            if (!reaped)
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        if (!reaped)
        {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
        }
        _handle.reset();
    }

private:
    static std::string currentUserName()
    {
        const passwd* me = ::getpwuid(::geteuid());
        return me ? me->pw_name : "nobody";
    }

    void chownTree(const std::string& root) const
    {
        if (::geteuid() != 0)
            return;
        [[maybe_unused]] int ignored = ::chown(root.c_str(), _uid, _gid);
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
            ignored = ::chown(entry.path().c_str(), _uid, _gid);
    }

    void waitUntilReady()
    {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (std::chrono::steady_clock::now() < deadline)
        {
            int status = 0;
            if (::waitpid(static_cast<pid_t>(_handle->id()), &status, WNOHANG) != 0)
            {
                _handle.reset();
                throw std::runtime_error("dovecot exited at start:\n" + log());
            }
            try
            {
                Poco::Net::StreamSocket probe(Poco::Net::SocketAddress("127.0.0.1", _pop3Port));
                probe.setReceiveTimeout(Poco::Timespan(2, 0));
                char buffer[64] = {};
                if (probe.receiveBytes(buffer, sizeof buffer - 1) > 0 && buffer[0] == '+')
                {
                    Poco::Net::StreamSocket probeTls(Poco::Net::SocketAddress("127.0.0.1", _pop3sPort));
                    return;
                }
            }
            catch (const Poco::Exception&)
            {
                // Not listening yet.
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        stop();
        throw std::runtime_error("dovecot did not answer on port " + std::to_string(_pop3Port) + ":\n" + log());
    }

    TempDir _dir;
    TestCertificate _certificate;
    std::unique_ptr<Poco::ProcessHandle> _handle;
    std::uint16_t _pop3Port = 0;
    std::uint16_t _pop3sPort = 0;
    uid_t _uid = 0;
    gid_t _gid = 0;
    int _sequence = 0;
};

} // namespace proofdesk::test
