#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <thread>

namespace proofdesk::test
{

/// A TCP proxy on 127.0.0.1 in front of a server, for one connection at a time: it forwards both ways
/// and, when told to, cuts the connection (both sides, at once) after exactly N bytes of server-to-client
/// data, as a network failure would in the middle of a reply. Stopped by the destructor.
class CuttingProxy
{
public:
    explicit CuttingProxy(std::uint16_t targetPort)
        : _targetPort(targetPort), _listener(Poco::Net::SocketAddress("127.0.0.1", 0))
    {
        _thread = std::thread([this] { run(); });
    }

    ~CuttingProxy()
    {
        _stopping = true;
        _thread.join();
    }

    CuttingProxy(const CuttingProxy&) = delete;
    CuttingProxy& operator=(const CuttingProxy&) = delete;

    std::uint16_t port() const { return _listener.address().port(); }

    /// The next connections are cut after `bytes` bytes from the server; 0 = never cut.
    void cutAfter(std::size_t bytes) { _cutAfter = bytes; }

    /// Server-to-client bytes forwarded on the last connection.
    std::size_t lastConnectionBytes() const { return _lastBytes; }

private:
    void run()
    {
        const Poco::Timespan tick(0, 20'000);
        while (!_stopping)
        {
            if (!_listener.poll(tick, Poco::Net::Socket::SELECT_READ))
                continue;
            Poco::Net::StreamSocket client = _listener.acceptConnection();
            try
            {
                Poco::Net::StreamSocket server(Poco::Net::SocketAddress("127.0.0.1", _targetPort));
                relay(client, server, _cutAfter.load());
                server.close();
            }
            catch (const Poco::Exception&)
            {
                // The other side went away; the next connection starts afresh.
            }
            client.close();
        }
    }

    void relay(Poco::Net::StreamSocket& client, Poco::Net::StreamSocket& server, std::size_t limit)
    {
        const Poco::Timespan tick(0, 20'000);
        char buffer[16384];
        std::size_t forwarded = 0;
        _lastBytes = 0;
        while (!_stopping)
        {
            if (client.poll(tick, Poco::Net::Socket::SELECT_READ))
            {
                int n = client.receiveBytes(buffer, sizeof buffer);
                if (n <= 0)
                    return;
                server.sendBytes(buffer, n);
            }
            if (server.poll(tick, Poco::Net::Socket::SELECT_READ))
            {
                int n = server.receiveBytes(buffer, sizeof buffer);
                if (n <= 0)
                    return;
                std::size_t count = static_cast<std::size_t>(n);
                if (limit > 0 && forwarded + count >= limit)
                {
                    std::size_t last = limit - forwarded;
                    if (last > 0)
                        client.sendBytes(buffer, static_cast<int>(last));
                    _lastBytes = limit;
                    client.shutdown();
                    return;  // both sockets are closed by the caller: a cut, not a goodbye
                }
                client.sendBytes(buffer, n);
                forwarded += count;
                _lastBytes = forwarded;
            }
        }
    }

    std::uint16_t _targetPort;
    Poco::Net::ServerSocket _listener;
    std::atomic<bool> _stopping{false};
    std::atomic<std::size_t> _cutAfter{0};
    std::atomic<std::size_t> _lastBytes{0};
    std::thread _thread;
};

} // namespace proofdesk::test
