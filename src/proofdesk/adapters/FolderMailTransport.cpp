#include "proofdesk/adapters/FolderMailTransport.h"

#include "proofdesk/adapters/DurableFile.h"
#include "proofdesk/adapters/MimeComposer.h"
#include "proofdesk/domain/Error.h"

#include <filesystem>

namespace proofdesk
{

FolderMailTransport::FolderMailTransport(const std::string& folder, Clock& clock) : _folder(folder), _clock(clock)
{
    std::error_code ec;
    std::filesystem::create_directories(_folder, ec);
    if (ec)
        throw Error(ErrorCode::Configuration, "cannot create the outbox folder " + _folder + ": " + ec.message());
}

std::string FolderMailTransport::pathFor(const std::string& messageId) const
{
    std::string name;
    for (char c : messageId)
    {
        bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == '@';
        name += safe ? c : '_';
    }
    if (name.empty() || name.front() == '.')
        name = "_" + name;
    return _folder + "/" + name + ".eml";
}

SendOutcome FolderMailTransport::send(const EmailMessage& message, std::string& error)
{
    std::string path = pathFor(message.messageId);
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        return SendOutcome::Accepted;
    try
    {
        writeFileDurably(path, composeMime(message, _clock.now()), 0640);
        return SendOutcome::Accepted;
    }
    catch (const Error& e)
    {
        error = e.what();
        return SendOutcome::TemporaryFailure;
    }
}

std::string FolderMailTransport::describe() const
{
    return "folder " + _folder;
}

} // namespace proofdesk
