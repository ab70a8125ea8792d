#pragma once

#include <Poco/Net/Context.h>

#include <string>

namespace proofdesk
{

/// A TLS client context for the mail adapters: the system's CAs plus `caFile` (PEM, may be empty), peer
/// certificate and host name verified unless `verify` is false. The first call also installs a handler that
/// rejects invalid certificates (Poco would otherwise look for an Application's configuration inside the
/// handshake). Throws Error(Configuration) when the CA file cannot be loaded.
Poco::Net::Context::Ptr makeTlsClientContext(const std::string& caFile, bool verify);

} // namespace proofdesk
