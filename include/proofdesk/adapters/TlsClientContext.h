#pragma once

#include <Poco/Net/Context.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <cstdint>

#include <string>

namespace proofdesk
{

/// A TLS client context for the mail adapters: the system's CAs plus `caFile` (PEM, may be empty), peer
/// certificate and host name verified unless `verify` is false. The first call also installs a handler that
/// rejects invalid certificates (Poco would otherwise look for an Application's configuration inside the
/// handshake). Throws Error(Configuration) when the CA file cannot be loaded.
Poco::Net::Context::Ptr makeTlsClientContext(const std::string& caFile, bool verify);

/// A connected client socket to host:port, with `timeout` on the connection and on every read and write;
/// with `implicitTls`, TLS from the first byte (the server's certificate checked against `host` through
/// `context`). Throws Poco's network and TLS exceptions, for the caller to map to its own outcome.
Poco::Net::StreamSocket connectClientSocket(const std::string& host, std::uint16_t port, bool implicitTls,
                                            const Poco::Net::Context::Ptr& context, const Poco::Timespan& timeout);

} // namespace proofdesk
