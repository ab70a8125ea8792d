#include "proofdesk/server/MailgateCommand.h"

#include "proofdesk/domain/Error.h"
#include "proofdesk/server/Proofdesk.h"
#include "proofdesk/server/Settings.h"

#include <Poco/Exception.h>

#include <istream>
#include <ostream>

namespace proofdesk
{

namespace
{

enum class ReadResult
{
    Complete,
    TooLarge,
    Failed
};

// Reads all of `in`, but never more than maxBytes + 1 bytes (so an endless input cannot exhaust memory).
ReadResult readBounded(std::istream& in, std::size_t maxBytes, std::string& out)
{
    std::streambuf* buffer = in.rdbuf();
    if (buffer == nullptr)
        return ReadResult::Failed;
    char chunk[65536];
    while (true)
    {
        std::streamsize n = buffer->sgetn(chunk, sizeof chunk);
        if (n <= 0)
            break;
        out.append(chunk, static_cast<std::size_t>(n));
        if (out.size() > maxBytes)
            return ReadResult::TooLarge;
    }
    return ReadResult::Complete;
}

// Local delivery to a command (Postfix local(8), .forward) starts the message with the mbox envelope line
// "From sender date"; it is not part of the message.
void dropEnvelopeLine(std::string& raw)
{
    if (raw.rfind("From ", 0) != 0)
        return;
    std::size_t end = raw.find('\n');
    raw.erase(0, end == std::string::npos ? raw.size() : end + 1);
}

} // namespace

int runMailgate(const std::string& configFile, const std::map<std::string, std::string>& overrides, std::istream& in,
                std::ostream& err)
{
    try
    {
        auto config = loadConfiguration(configFile, overrides);
        int maxMb = config->getInt("proofdesk.mail.max_message_mb");
        if (maxMb <= 0)
            throw Error(ErrorCode::Configuration, "proofdesk.mail.max_message_mb must be greater than 0");
        std::size_t maxBytes = static_cast<std::size_t>(maxMb) * 1024 * 1024;
        std::string raw;
        switch (readBounded(in, maxBytes, raw))
        {
        case ReadResult::TooLarge:
            err << "proofdesk mailgate: the message is larger than " << maxMb << " MB; not taken" << std::endl;
            return MailgateDataError;
        case ReadResult::Failed:
            err << "proofdesk mailgate: cannot read standard input" << std::endl;
            return MailgateTempFail;
        case ReadResult::Complete:
            break;
        }
        dropEnvelopeLine(raw);
        // Decided before anything is opened, so garbage never touches the database.
        if (!looksLikeMessage(raw))
        {
            err << "proofdesk mailgate: the input is not an RFC 5322 message (" << (raw.empty() ? "empty" : "no header section")
                << "); not taken" << std::endl;
            return MailgateDataError;
        }

        Proofdesk app(*config);
        app.migrate();
        TakeOutcome outcome = app.mailIntake().take(raw, "mailgate");
        if (outcome == TakeOutcome::NotAMessage)
        {
            err << "proofdesk mailgate: the input is not an RFC 5322 message; not taken" << std::endl;
            return MailgateDataError;
        }
        try
        {
            // The message is committed; processing now saves the server a round, and if it fails the server
            // (or the next mailgate) processes it later.
            app.mailIntake().processPending(5);
        }
        catch (const std::exception& e)
        {
            err << "proofdesk mailgate: taken; processing deferred: " << e.what() << std::endl;
        }
        return MailgateTaken;
    }
    catch (const Error& e)
    {
        if (e.code() == ErrorCode::TooLarge)
        {
            err << "proofdesk mailgate: " << e.what() << "; not taken" << std::endl;
            return MailgateDataError;
        }
        err << "proofdesk mailgate: not taken, try again later: " << e.what() << std::endl;
        return MailgateTempFail;
    }
    catch (const Poco::Exception& e)
    {
        err << "proofdesk mailgate: not taken, try again later: " << e.displayText() << std::endl;
        return MailgateTempFail;
    }
    catch (const std::exception& e)
    {
        err << "proofdesk mailgate: not taken, try again later: " << e.what() << std::endl;
        return MailgateTempFail;
    }
}

} // namespace proofdesk
