#include "proofdesk/adapters/TlsClientContext.h"

#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "proofdesk/domain/Error.h"

#include <Poco/Exception.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>

#include <filesystem>
#include <mutex>

namespace proofdesk
{

Poco::Net::Context::Ptr makeTlsClientContext(const std::string& caFile, bool verify)
{
    if (!caFile.empty() && !std::filesystem::is_regular_file(caFile))
        throw Error(ErrorCode::Configuration, "the CA file " + caFile + " does not exist");
    Poco::Net::Context::Params params;
    params.caLocation = caFile;
    params.verificationMode = verify ? Poco::Net::Context::VERIFY_RELAXED : Poco::Net::Context::VERIFY_NONE;
    params.loadDefaultCAs = true;
    Poco::Net::Context::Ptr context;
    try
    {
        context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    }
    catch (const Poco::Exception& e)
    {
        throw Error(ErrorCode::Configuration, "cannot set up TLS (CA file '" + caFile + "'): " + e.displayText());
    }
    static std::once_flag once;
    std::call_once(once, [&context] {
        Poco::Net::SSLManager::InvalidCertificateHandlerPtr reject(new Poco::Net::RejectCertificateHandler(false));
        Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, context);
    });
    return context;
}

Poco::Net::StreamSocket connectClientSocket(const std::string& host, std::uint16_t port, bool implicitTls,
                                            const Poco::Net::Context::Ptr& context, const Poco::Timespan& timeout)
{
    Poco::Net::SocketAddress address(host, port);
    Poco::Net::StreamSocket socket;
    if (implicitTls)
    {
        Poco::Net::SecureStreamSocket secure(context);
        secure.setPeerHostName(host);
        secure.connect(address, timeout);
        socket = secure;
    }
    else
        socket.connect(address, timeout);
    socket.setReceiveTimeout(timeout);
    socket.setSendTimeout(timeout);
    return socket;
}

} // namespace proofdesk
