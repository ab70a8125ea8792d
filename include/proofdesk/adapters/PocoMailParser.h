#pragma once

#include "proofdesk/ports/MailParser.h"

#include <cstddef>

namespace proofdesk
{

/// How far PocoMailParser goes into a message before it stops walking and says so in a note.
struct MailParserLimits
{
    int maxDepth = 8;                                // nested multiparts and forwarded messages
    std::size_t maxParts = 100;                      // MIME parts in the whole message
    std::size_t maxDecodedBytes = 50 * 1024 * 1024;  // body text and attachments, after decoding
    std::size_t maxHeaderBytes = 1024 * 1024;        // the message's header section (larger: not taken)
};

/// MailParser on Poco's MIME classes: MultipartReader and MessageHeader split the parts, Base64Decoder and
/// QuotedPrintableDecoder undo the transfer encodings, TextConverter turns declared charsets into UTF-8.
/// Walks nested multiparts, forwarded messages (message/rfc822) and attached .eml files; RFC 2047 words
/// and RFC 2231 parameters decoded; winmail.dat noted as unsupported; HTML-only bodies reduced to text.
/// Stateless, so one instance may be shared between threads.
class PocoMailParser : public MailParser
{
public:
    PocoMailParser();
    explicit PocoMailParser(const MailParserLimits& limits);

    /// See MailParser::parse. Throws Error(InvalidInput) for empty input, input that does not start with
    /// header fields, and a header section larger than maxHeaderBytes.
    InboundMail parse(const std::string& raw) const override;

private:
    MailParserLimits _limits;
};

} // namespace proofdesk
