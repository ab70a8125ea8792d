#pragma once

#include <string>
#include <utility>
#include <vector>

namespace proofdesk::test
{

/// A file attached to a synthetic message.
struct MailFile
{
    std::string filename;
    std::string contentType;
    std::string bytes;
    bool inlinePart = false;
};

inline std::string base64Lines(const std::string& bytes)
{
    static const char* const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out, line;
    for (std::size_t i = 0; i < bytes.size(); i += 3)
    {
        unsigned value = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size())
            value |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size())
            value |= static_cast<unsigned char>(bytes[i + 2]);
        line += alphabet[(value >> 18) & 63];
        line += alphabet[(value >> 12) & 63];
        line += i + 1 < bytes.size() ? alphabet[(value >> 6) & 63] : '=';
        line += i + 2 < bytes.size() ? alphabet[value & 63] : '=';
        if (line.size() >= 76)
        {
            out += line + "\r\n";
            line.clear();
        }
    }
    if (!line.empty())
        out += line + "\r\n";
    return out;
}

/// A synthetic RFC 5322 message (CRLF line ends): plain text, or multipart/mixed with base64 attachments.
/// `extraHeaders` are written as given ("Auto-Submitted: auto-replied").
struct MailBuilder
{
    std::string from = "Sender Example <sender@example.net>";
    std::string to = "helpdesk@proofdesk.example";
    std::string subject = "Documents";
    std::string messageId = "m1@example.net";
    std::string date = "Tue, 14 Jan 2026 10:00:00 +0000";
    std::string body = "Hello, my documents are attached.";
    std::vector<std::string> extraHeaders;
    std::vector<MailFile> files;

    std::string build() const
    {
        std::string m = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: " + date + "\r\n";
        if (!messageId.empty())
            m += "Message-ID: <" + messageId + ">\r\n";
        for (const std::string& header : extraHeaders)
            m += header + "\r\n";
        m += "MIME-Version: 1.0\r\n";
        if (files.empty())
            return m + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
        const std::string boundary = "=_proofdesk_test_boundary";
        m += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
        m += "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
        for (const MailFile& f : files)
        {
            m += "--" + boundary + "\r\nContent-Type: " + f.contentType + "; name=\"" + f.filename + "\"\r\n" +
                 "Content-Disposition: " + (f.inlinePart ? "inline" : "attachment") + "; filename=\"" + f.filename +
                 "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64Lines(f.bytes);
        }
        return m + "--" + boundary + "--\r\n";
    }
};

} // namespace proofdesk::test
