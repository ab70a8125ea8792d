#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace proofdesk::test
{

/// A self-signed certificate for localhost and 127.0.0.1, valid for a day, made by openssl in `dir`
/// (cert.pem and key.pem). Clients trust it by naming cert.pem as their CA file.
struct TestCertificate
{
    std::string certFile;
    std::string keyFile;

    explicit TestCertificate(const std::string& dir) : certFile(dir + "/cert.pem"), keyFile(dir + "/key.pem")
    {
        std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                              "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout '" +
                              keyFile + "' -out '" + certFile + "' >/dev/null 2>&1";
        if (std::system(command.c_str()) != 0)
            throw std::runtime_error("openssl could not make a test certificate: run scripts/install-deps.sh");
    }
};

/// A loopback port free at the moment of the call (the system picks it; the socket is closed again).
inline std::uint16_t freeLoopbackPort()
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    std::uint16_t port = socket.address().port();
    socket.close();
    return port;
}

} // namespace proofdesk::test
