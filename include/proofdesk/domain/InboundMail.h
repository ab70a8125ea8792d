#pragma once

#include <string>
#include <vector>

namespace proofdesk
{

/// One part of an incoming message that carries a file (an attachment, an inline image, or a part of a
/// forwarded message). Plain value; its bytes are decoded (base64 / quoted-printable undone).
struct MailAttachment
{
    std::string filename;     // decoded (RFC 2047 / RFC 2231), for display only; may be empty
    std::string contentType;  // as declared, lower case, without parameters ("image/jpeg")
    std::string bytes;
    bool inlinePart = false;  // Content-Disposition: inline (an image in the body)
    std::string origin;       // "" for the message itself, else e.g. "forwarded message 1" / "attached .eml 1"
};

/// An incoming RFC 5322 message as proofdesk uses it: decoded headers that matter, the readable body and
/// the files. Plain value; every string is untrusted input and must be escaped wherever it is shown.
struct InboundMail
{
    std::string messageId;    // without angle brackets; empty when the message has none
    std::string fromAddress;  // lower-cased domain part; empty when unparsable
    std::string fromName;     // decoded display name
    std::string toAddress;
    std::string subject;      // decoded (RFC 2047)
    std::string date;         // the Date header as written
    std::string inReplyTo;    // without angle brackets
    std::string references;   // as written
    std::string autoSubmitted;            // the Auto-Submitted header value, lower case ("" when absent)
    std::string precedence;               // the Precedence header value, lower case
    std::vector<std::string> authenticationResults;  // each Authentication-Results header, unfolded
    std::vector<std::string> listHeaders;  // names of List-* headers present (List-Id, List-Unsubscribe...)
    std::vector<std::string> autoReplyHeaders;  // vendor auto-reply markers present, "Name: value" with the
                                                // value lower case (X-Autoreply, X-Autorespond,
                                                // X-Auto-Response-Suppress, X-Loop)
    std::string returnPath;               // "<>" for bounces
    std::string topContentType;           // lower case, e.g. "multipart/report" for a DSN
    std::string reportType;               // multipart/report's report-type parameter ("delivery-status")
    std::string bodyText;     // the text/plain body (or text from text/html when there is no plain part)
    std::vector<MailAttachment> attachments;
    std::vector<std::string> notes;  // readable remarks: "winmail.dat (TNEF) is not supported", "part 3 is
                                     // truncated", ... never PII
};

} // namespace proofdesk
