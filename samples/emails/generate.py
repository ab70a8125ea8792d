#!/usr/bin/python3
"""Writes the synthetic MIME torture set: NAME.eml and NAME.json (ground truth) for each case.

Standard library only and deterministic: running it twice gives identical files.
    /usr/bin/python3 samples/emails/generate.py [--out samples/emails]
Every name and address is invented; domains are example.org/.net and *.example (RFC 2606).
"""

import argparse
import base64
import hashlib
import json
import os
import quopri
import struct
import zlib

OWN = "helpdesk@proofdesk.example"  # the help desk's own address (the test passes it as ownAddresses)
TRUSTED_AUTHSERV = "mx.proofdesk.example"  # our receiving MTA

# ---------------------------------------------------------------- tiny synthetic files


def png_bytes(width, height, shade):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([(shade + x + y) % 256 for x in range(width)]) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def jpeg_bytes():
    """An 8x8 mid-grey baseline JPEG: every coefficient 0, one-code Huffman tables."""
    soi = b"\xff\xd8"
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 8, 8, 1) + b"\x01\x11\x00"
    counts = bytes([1] + [0] * 15)
    dht_dc = b"\xff\xc4" + struct.pack(">H", 3 + 16 + 1) + b"\x00" + counts + b"\x00"
    dht_ac = b"\xff\xc4" + struct.pack(">H", 3 + 16 + 1) + b"\x10" + counts + b"\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00" + b"\x00\x3f\x00"
    scan = b"\x3f"  # DC diff 0 (code '0'), EOB (code '0'), padded with ones
    return soi + app0 + dqt + sof + dht_dc + dht_ac + sos + scan + b"\xff\xd9"


def tiff_bytes(width, height, seed):
    """Uncompressed bilevel TIFF at fax resolution (204x196 dpi), a few stripes of 'ink'."""
    row_bytes = (width + 7) // 8
    pixels = bytearray()
    for y in range(height):
        for x in range(row_bytes):
            pixels.append(0xFF if (y + seed) % 7 == 0 and x % 3 else 0x00)
    entries = []
    ifd_offset = 8 + len(pixels)
    n = 11
    after_ifd = ifd_offset + 2 + n * 12 + 4
    xres, yres = after_ifd, after_ifd + 8

    def entry(tag, typ, count, value):
        return struct.pack("<HHII", tag, typ, count, value)

    entries = [entry(256, 4, 1, width), entry(257, 4, 1, height), entry(258, 3, 1, 1), entry(259, 3, 1, 1),
               entry(262, 3, 1, 0), entry(273, 4, 1, 8), entry(278, 4, 1, height),
               entry(279, 4, 1, len(pixels)), entry(282, 5, 1, xres), entry(283, 5, 1, yres),
               entry(296, 3, 1, 2)]
    ifd = struct.pack("<H", n) + b"".join(entries) + struct.pack("<I", 0)
    return (b"II*\x00" + struct.pack("<I", ifd_offset) + bytes(pixels) + ifd + struct.pack("<II", 204, 1) +
            struct.pack("<II", 196, 1))


def pdf_bytes(text):
    stream = ("BT /F1 18 Tf 72 720 Td (%s) Tj ET" % text).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


JPEG = jpeg_bytes()
PNG = png_bytes(16, 12, 40)
PNG2 = png_bytes(8, 8, 200)
PDF = pdf_bytes("SYNTHETIC TEST STATEMENT - NOT A REAL DOCUMENT")
PDF2 = pdf_bytes("SYNTHETIC UTILITY BILL - SAMPLE ONLY")
TIFF = tiff_bytes(64, 40, 1)
TIFF_FAX = tiff_bytes(128, 60, 3)

# ---------------------------------------------------------------- MIME building helpers


def b64(data):
    return base64.encodebytes(data).decode("ascii")


def qp(text, charset="utf-8"):
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def headers(pairs):
    return "".join("%s: %s\n" % (k, v) for k, v in pairs)


def leaf(pairs, body):
    if not body.endswith("\n"):
        body += "\n"
    return headers(pairs) + "\n" + body


def multipart(boundary, parts, preamble="", close=True):
    out = preamble
    for p in parts:
        out += "--%s\n%s" % (boundary, p)
    if close:
        out += "--%s--\n" % boundary
    return out


def attachment_part(filename, ctype, data, disposition="attachment", extra=()):
    pairs = [("Content-Type", '%s; name="%s"' % (ctype, filename)),
             ("Content-Disposition", '%s; filename="%s"' % (disposition, filename)),
             ("Content-Transfer-Encoding", "base64")] + list(extra)
    return leaf(pairs, b64(data))


def text_part(text, subtype="plain", charset="utf-8", encoding="7bit"):
    body = text if encoding != "quoted-printable" else qp(text, charset)
    return leaf([("Content-Type", "text/%s; charset=%s" % (subtype, charset)),
                 ("Content-Transfer-Encoding", encoding)], body)


def base_headers(subject, sender='"Sample Applicant" <applicant.one@example.org>', msgid=None, extra=()):
    return [("Return-Path", "<applicant.one@example.org>"),
            ("Received", "from mail.example.org (mail.example.org [192.0.2.10])\n\tby mx.proofdesk.example with "
                         "ESMTPS id 4ABC123; Mon, 2 Mar 2026 09:00:00 +0000"),
            ("From", sender), ("To", "Proof Desk <%s>" % OWN), ("Subject", subject),
            ("Date", "Mon, 2 Mar 2026 09:00:00 +0000"),
            ("Message-ID", msgid or "<sample.%s@mail.example.org>" % abs(hash_str(subject)))] + list(extra) + [
                ("MIME-Version", "1.0")]


def hash_str(s):
    return int(hashlib.sha256(s.encode("utf-8")).hexdigest()[:8], 16)


def message(pairs, ctype, body):
    return headers(pairs + [("Content-Type", ctype)]) + "\n" + body


def att(filename, ctype, data, inline=False, origin=""):
    return {"filename": filename, "contentType": ctype, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "inline": inline, "origin": origin}


def truth(description, subject, body_contains, attachments, **kw):
    t = {"description": description, "subject": subject,
         "from": kw.get("sender", "applicant.one@example.org"), "fromName": kw.get("fromName", "Sample Applicant"),
         "messageId": kw.get("messageId"), "bodyContains": body_contains,
         "bodyNotContains": kw.get("bodyNotContains", []), "attachments": attachments,
         "notes": kw.get("notes", []), "automaticReason": kw.get("automaticReason"),
         "topContentType": kw.get("topContentType"), "reportType": kw.get("reportType", ""),
         "auth": kw.get("auth"), "invalid": kw.get("invalid", False)}
    if "inReplyTo" in kw:
        t["inReplyTo"] = kw["inReplyTo"]
    return t


# ---------------------------------------------------------------- the cases

CASES = []


def case(name, eml, t, line_ending="\r\n"):
    if isinstance(eml, str):
        eml = eml.encode("utf-8")
    if line_ending == "\r\n":
        eml = eml.replace(b"\n", b"\r\n")
    if t.get("messageId") is None and not t["invalid"]:
        for line in eml.split(b"\n"):
            if line.lower().startswith(b"message-id:"):
                t["messageId"] = line.split(b":", 1)[1].strip().strip(b"<>").decode()
                break
    CASES.append((name, eml, t))


def build():
    # 01 plain text with one PDF
    b = "b01-plain"
    body = multipart(b, [text_part("Hello,\nplease find my bank statement attached.\nReference PD-7K3M-Q9XD\n"),
                         attachment_part("statement.pdf", "application/pdf", PDF)])
    case("01-plain-one-attachment",
         message(base_headers("My documents PD-7K3M-Q9XD"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("text body and one PDF", "My documents PD-7K3M-Q9XD",
               ["please find my bank statement attached.", "PD-7K3M-Q9XD"],
               [att("statement.pdf", "application/pdf", PDF)], topContentType="multipart/mixed"))

    # 02 three attachments: JPEG, PDF, TIFF
    b = "b02-three"
    body = multipart(b, [text_part("Three files: my ID and two statements.\n"),
                         attachment_part("id-front.jpg", "image/jpeg", JPEG),
                         attachment_part("statement-1.pdf", "application/pdf", PDF),
                         attachment_part("statement-2.tif", "image/tiff", TIFF)])
    case("02-three-attachments",
         message(base_headers("Three documents"), "multipart/mixed; boundary=%s" % b, body),
         truth("one JPEG, one PDF, one TIFF", "Three documents", ["Three files: my ID and two statements."],
               [att("id-front.jpg", "image/jpeg", JPEG), att("statement-1.pdf", "application/pdf", PDF),
                att("statement-2.tif", "image/tiff", TIFF)], topContentType="multipart/mixed"))

    # 03 mixed > mixed > alternative
    alt = multipart("b03-alt", [text_part("Plain version of the letter.\n"),
                                text_part("<html><body><p>HTML <b>version</b> of the letter.</p></body></html>\n",
                                          "html")])
    inner = multipart("b03-inner", [
        leaf([("Content-Type", 'multipart/alternative; boundary="b03-alt"')], alt),
        attachment_part("inner.png", "image/png", PNG)])
    outer = multipart("b03-outer", [
        leaf([("Content-Type", 'multipart/mixed; boundary="b03-inner"')], inner),
        attachment_part("outer.pdf", "application/pdf", PDF2)], preamble="This is a multi-part message in MIME format.\n")
    case("03-nested-alternative",
         message(base_headers("Nested parts"), 'multipart/mixed; boundary="b03-outer"', outer),
         truth("alternative inside mixed inside mixed; plain text chosen", "Nested parts",
               ["Plain version of the letter."], [att("inner.png", "image/png", PNG),
                                                  att("outer.pdf", "application/pdf", PDF2)],
               bodyNotContains=["HTML", "<b>", "multi-part message"], topContentType="multipart/mixed"))

    # 04 quoted-printable body (UTF-8 and a Latin-1 second text part, long soft-broken line)
    long_line = "This line is long enough that quoted-printable has to break it softly " * 3
    text = "Caf\u00e9 cr\u00e8me \u2014 r\u00e9sum\u00e9 attached.\n" + long_line.strip() + "\nTotal = 100%\n"
    b = "b04-qp"
    body = multipart(b, [text_part(text, encoding="quoted-printable"),
                         text_part("Gr\u00fc\u00dfe aus M\u00fcnchen\n", charset="iso-8859-1",
                                   encoding="quoted-printable"),
                         attachment_part("resume.pdf", "application/pdf", PDF)])
    case("04-quoted-printable-body",
         message(base_headers("Quoted-printable"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("quoted-printable UTF-8 and ISO-8859-1 text parts", "Quoted-printable",
               ["Caf\u00e9 cr\u00e8me \u2014 r\u00e9sum\u00e9 attached.", long_line.strip(), "Total = 100%",
                "Gr\u00fc\u00dfe aus M\u00fcnchen"], [att("resume.pdf", "application/pdf", PDF)],
               bodyNotContains=["=C3", "=\n"], topContentType="multipart/mixed"))

    # 05 RFC 2047: B UTF-8 subject split mid-character, Q Latin-1 display name, encoded filenames
    subject = "Pi\u00e8ces justificatives \u2713 n\u00b0 PD-7K3M-Q9XD"
    raw = subject.encode("utf-8")
    cut = raw.index("\u2713".encode("utf-8")) + 1  # split inside the check mark's three bytes
    subj_header = "=?UTF-8?B?%s?=\n =?UTF-8?B?%s?=" % (base64.b64encode(raw[:cut]).decode(),
                                                       base64.b64encode(raw[cut:]).decode())
    name_q = "=?ISO-8859-1?Q?Ren=E9e_Exemplar?="
    fn_b = "\u00e9tat-de-compte.pdf"
    fn_q = "re\u00e7u.png"
    b = "b05-2047"
    body = multipart(b, [
        text_part("Bonjour,\nvoici mes pi\u00e8ces.\n", charset="utf-8", encoding="8bit"),
        leaf([("Content-Type", 'application/pdf; name="=?UTF-8?B?%s?="' % base64.b64encode(fn_b.encode()).decode()),
              ("Content-Disposition", 'attachment; filename="=?UTF-8?B?%s?="' %
               base64.b64encode(fn_b.encode()).decode()), ("Content-Transfer-Encoding", "base64")], b64(PDF)),
        leaf([("Content-Type", "image/png"),
              ("Content-Disposition", 'attachment; filename="=?iso-8859-1?q?re=E7u.png?="'),
              ("Content-Transfer-Encoding", "base64")], b64(PNG))])
    case("05-rfc2047-words",
         message(base_headers(subj_header, sender="%s <rexemplar@Mail.Example.ORG>" % name_q),
                 'multipart/mixed; boundary="%s"' % b, body),
         truth("RFC 2047: B UTF-8 subject split inside a character, Q Latin-1 name, B and Q filenames",
               subject, ["voici mes pi\u00e8ces."], [att(fn_b, "application/pdf", PDF), att(fn_q, "image/png", PNG)],
               sender="rexemplar@mail.example.org", fromName="Ren\u00e9e Exemplar", topContentType="multipart/mixed"))

    # 06 RFC 2047 Q UTF-8 subject mixed with plain words, Latin-1 B word, lower-case q
    case("06-rfc2047-subject-mixed",
         message(base_headers("Re: =?utf-8?q?F=C3=BCr_die_Akte?= und =?ISO-8859-1?B?Y2Fm6Q==?= heute",
                              sender='"=?utf-8?Q?Zo=C3=AB_Example?=" <zoe.example@example.net>'),
                 "text/plain; charset=us-ascii", "Just text.\n"),
         truth("encoded words between plain words keep their blanks", "Re: F\u00fcr die Akte und caf\u00e9 heute",
               ["Just text."], [], sender="zoe.example@example.net", fromName="Zo\u00eb Example",
               topContentType="text/plain"))

    # 07 RFC 2231 filenames: single extended value and continuations
    fn_single = "\u00dcbersicht 2026.pdf"
    fn_cont = "Kontoauszug M\u00e4rz 2026 \u2013 Seite 1.tif"
    enc = "".join("%%%02X" % c if c > 127 or c in b" %'" else chr(c) for c in fn_cont.encode("utf-8"))
    half = enc.index("%20Seite")
    b = "b07-2231"
    body = multipart(b, [
        text_part("Two files with long names.\n"),
        leaf([("Content-Type", "application/pdf"),
              ("Content-Disposition", "attachment; filename*=UTF-8''%s" % "".join(
                  "%%%02X" % c if c > 127 or c == 32 else chr(c) for c in fn_single.encode("utf-8"))),
              ("Content-Transfer-Encoding", "base64")], b64(PDF2)),
        leaf([("Content-Type", "image/tiff"),
              ("Content-Disposition", "attachment;\n filename*0*=UTF-8'de'%s;\n filename*1*=%s" % (enc[:half],
                                                                                                enc[half:])),
              ("Content-Transfer-Encoding", "base64")], b64(TIFF))])
    case("07-rfc2231-filenames",
         message(base_headers("Long file names"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("RFC 2231 filename*= and filename*0*= / filename*1*= continuations", "Long file names",
               ["Two files with long names."], [att(fn_single, "application/pdf", PDF2),
                                                att(fn_cont, "image/tiff", TIFF)], topContentType="multipart/mixed"))

    # 08 filename only in Content-Type name=, no Content-Disposition at all; path stripped
    b = "b08-name"
    body = multipart(b, [
        text_part("Scanner output.\n"),
        leaf([("Content-Type", 'image/jpeg; name="C:\\\\Scans\\\\scan0001.jpg"'), ("Content-Transfer-Encoding",
                                                                               "base64")], b64(JPEG))])
    case("08-content-type-name",
         message(base_headers("Scan"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("filename from Content-Type name=, Windows path removed", "Scan", ["Scanner output."],
               [att("scan0001.jpg", "image/jpeg", JPEG)], topContentType="multipart/mixed"))

    # 09 inline image in multipart/related, plus a real attachment
    related = multipart("b09-rel", [
        text_part('<html><body><p>My license:</p><img src="cid:img1@example.org"></body></html>', "html"),
        leaf([("Content-Type", "image/png"), ("Content-ID", "<img1@example.org>"),
              ("Content-Disposition", 'inline; filename="pasted.png"'),
              ("Content-Transfer-Encoding", "base64")], b64(PNG)),
        leaf([("Content-Type", "image/png"), ("Content-ID", "<img2@example.org>"),
              ("Content-Transfer-Encoding", "base64")], b64(PNG2))])
    alt = multipart("b09-alt", [text_part("My license: [image]\n"),
                                leaf([("Content-Type", 'multipart/related; boundary="b09-rel"')], related)])
    outer = multipart("b09-mix", [leaf([("Content-Type", 'multipart/alternative; boundary="b09-alt"')], alt),
                                  attachment_part("bill.pdf", "application/pdf", PDF2)])
    case("09-inline-image",
         message(base_headers("Inline image"), 'multipart/mixed; boundary="b09-mix"', outer),
         truth("inline images (Content-Disposition inline; no disposition inside related)", "Inline image",
               ["My license: [image]"], [att("pasted.png", "image/png", PNG, inline=True),
                                         att("", "image/png", PNG2, inline=True),
                                         att("bill.pdf", "application/pdf", PDF2)],
               bodyNotContains=["<img"], topContentType="multipart/mixed"))

    # 10 forwarded message/rfc822 with its own attachment
    fwd_b = "b10-inner"
    forwarded = message([("From", "Bank Example <statements@bank.example>"), ("To", "applicant.one@example.org"),
                         ("Subject", "Your March statement"), ("Date", "Sun, 1 Mar 2026 08:00:00 +0000"),
                         ("Message-ID", "<stmt.0301@bank.example>"), ("MIME-Version", "1.0")],
                        'multipart/mixed; boundary="%s"' % fwd_b,
                        multipart(fwd_b, [text_part("Your statement for March is attached.\n"),
                                          attachment_part("march.pdf", "application/pdf", PDF)]))
    b = "b10-outer"
    body = multipart(b, [text_part("Forwarding the statement from my bank.\n"),
                         leaf([("Content-Type", "message/rfc822"), ("Content-Disposition", "inline")], forwarded),
                         attachment_part("license.jpg", "image/jpeg", JPEG)])
    case("10-forwarded-message",
         message(base_headers("Fwd: Your March statement"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("message/rfc822 walked; its attachment has origin 'forwarded message 1'", "Fwd: Your March statement",
               ["Forwarding the statement from my bank.", "---------- forwarded message 1 ----------",
                "Subject: Your March statement", "Your statement for March is attached."],
               [att("march.pdf", "application/pdf", PDF, origin="forwarded message 1"),
                att("license.jpg", "image/jpeg", JPEG)], topContentType="multipart/mixed"))

    # 11 .eml attached as application/octet-stream (itself with a base64 TIFF and QP text)
    eml = message([("From", "Utility Example <billing@utility.example>"), ("To", "applicant.one@example.org"),
                   ("Subject", "Bill ready"), ("Date", "Sat, 28 Feb 2026 10:00:00 +0000"),
                   ("Message-ID", "<bill.0228@utility.example>"), ("MIME-Version", "1.0")],
                  'multipart/mixed; boundary="b11-eml"',
                  multipart("b11-eml", [text_part("Your bill \u2014 see attached.\n", encoding="quoted-printable"),
                                        attachment_part("bill.tif", "image/tiff", TIFF)]))
    b = "b11-outer"
    body = multipart(b, [text_part("I saved the bill email and attached it.\n"),
                         attachment_part("bill email.eml", "application/octet-stream", eml.replace("\n", "\r\n").encode())])
    case("11-eml-attachment",
         message(base_headers("Saved email"), 'multipart/mixed; boundary="%s"' % b, body),
         truth(".eml file sent as application/octet-stream is read as a message", "Saved email",
               ["I saved the bill email and attached it.", "---------- attached .eml 1 ----------",
                "Your bill \u2014 see attached."],
               [att("bill.tif", "image/tiff", TIFF, origin="attached .eml 1")], topContentType="multipart/mixed"))

    # 12 winmail.dat
    tnef = b"\x78\x9f\x3e\x22" + bytes(range(64))
    b = "b12-tnef"
    body = multipart(b, [text_part("Sent from a desktop client.\n"),
                         attachment_part("winmail.dat", "application/ms-tnef", tnef),
                         attachment_part("passport.png", "image/png", PNG)])
    case("12-winmail-dat",
         message(base_headers("Outlook"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("winmail.dat is a note, not an attachment", "Outlook", ["Sent from a desktop client."],
               [att("passport.png", "image/png", PNG)], notes=["winmail.dat (TNEF) is not supported"],
               topContentType="multipart/mixed"))

    # 13 DSN bounce
    returned = message([("From", "Proof Desk <%s>" % OWN), ("To", "nobody@unknown.example"),
                        ("Subject", "Your case PD-7K3M-Q9XD"), ("Message-ID", "<out.1@proofdesk.example>"),
                        ("MIME-Version", "1.0")], "text/plain; charset=utf-8", "Instructions.\n")
    b = "b13-dsn"
    body = multipart(b, [
        text_part("This is the mail system at host mx.proofdesk.example.\nI'm sorry to have to inform you that "
                  "your message could not be delivered.\n"),
        leaf([("Content-Type", "message/delivery-status")],
             "Reporting-MTA: dns; mx.proofdesk.example\n\nFinal-Recipient: rfc822; nobody@unknown.example\n"
             "Action: failed\nStatus: 5.1.1\n"),
        leaf([("Content-Type", "message/rfc822")], returned)])
    dsn_headers = [("Return-Path", "<>"), ("From", "MAILER-DAEMON@mx.proofdesk.example (Mail Delivery System)"),
                   ("To", OWN), ("Subject", "Undelivered Mail Returned to Sender"),
                   ("Date", "Mon, 2 Mar 2026 09:05:00 +0000"), ("Message-ID", "<dsn.1@mx.proofdesk.example>"),
                   ("Auto-Submitted", "auto-replied"), ("MIME-Version", "1.0")]
    case("13-dsn-bounce",
         message(dsn_headers, 'multipart/report; report-type=delivery-status; boundary="%s"' % b, body),
         truth("multipart/report delivery-status", "Undelivered Mail Returned to Sender",
               ["could not be delivered"], [], sender="MAILER-DAEMON@mx.proofdesk.example",
               fromName="Mail Delivery System", automaticReason="Auto-Submitted",
               notes=["returned message"], bodyNotContains=["Instructions.", "Reporting-MTA"],
               topContentType="multipart/report", reportType="delivery-status"))

    # 13b DSN without Auto-Submitted: the report itself is the reason
    case("13b-dsn-no-auto-submitted",
         message([p for p in dsn_headers if p[0] not in ("Auto-Submitted", "Return-Path")],
                 'multipart/report; report-type="delivery-status"; boundary="%s"' % b, body),
         truth("a DSN recognised by its type alone", "Undelivered Mail Returned to Sender", ["could not be delivered"],
               [], sender="MAILER-DAEMON@mx.proofdesk.example", fromName="Mail Delivery System",
               automaticReason="delivery status notification", notes=["returned message"],
               topContentType="multipart/report", reportType="delivery-status"))

    # 14 auto-reply
    case("14-auto-reply",
         message(base_headers("Out of office: Re: Your case PD-7K3M-Q9XD",
                              extra=[("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes"),
                                     ("In-Reply-To", "<out.2@proofdesk.example>")]),
                 "text/plain; charset=utf-8", "I am away until Monday.\n"),
         truth("RFC 3834 auto-reply", "Out of office: Re: Your case PD-7K3M-Q9XD", ["I am away until Monday."], [],
               automaticReason="Auto-Submitted: auto-replied", inReplyTo="out.2@proofdesk.example",
               topContentType="text/plain"))

    # 15 Precedence: bulk
    case("15-precedence-bulk",
         message(base_headers("Newsletter", sender="News <news@shop.example>", extra=[("Precedence", "Bulk")]),
                 "text/plain", "Offers of the week.\n"),
         truth("Precedence: bulk", "Newsletter", ["Offers of the week."], [], sender="news@shop.example",
               fromName="News", automaticReason="Precedence: bulk", topContentType="text/plain"))

    # 16 mailing list
    case("16-mailing-list",
         message(base_headers("[forum] weekly digest", sender="Forum <forum@lists.example.net>",
                              extra=[("List-Id", "Forum <forum.lists.example.net>"),
                                     ("List-Unsubscribe", "<mailto:leave@lists.example.net>")]),
                 "text/plain", "Digest text.\n"),
         truth("List-* headers", "[forum] weekly digest", ["Digest text."], [], sender="forum@lists.example.net",
               fromName="Forum", automaticReason="mailing list message (List-Id)", topContentType="text/plain"))

    # 17 from our own address
    case("17-own-address",
         message(base_headers("Your case PD-7K3M-Q9XD", sender="Proof Desk <HelpDesk@ProofDesk.Example>"),
                 "text/plain", "Looped notification.\n"),
         truth("our own From address (domain lower-cased)", "Your case PD-7K3M-Q9XD", ["Looped notification."], [],
               sender="HelpDesk@proofdesk.example", fromName="Proof Desk", automaticReason="our own address",
               topContentType="text/plain"))

    # 18 fax gateway
    b = "b18-fax"
    body = multipart(b, [text_part("You have received a 2 page fax from 555-0100.\n"),
                         attachment_part("fax-20260302-0900.tif", "image/tiff", TIFF_FAX)])
    case("18-fax-gateway",
         message(base_headers("Fax from 555-0100", sender="Fax Gateway <fax@gateway.example>"),
                 'multipart/mixed; boundary="%s"' % b, body),
         truth("fax-to-email gateway with a TIFF", "Fax from 555-0100", ["2 page fax from 555-0100"],
               [att("fax-20260302-0900.tif", "image/tiff", TIFF_FAX)], sender="fax@gateway.example",
               fromName="Fax Gateway", topContentType="multipart/mixed"))

    # 19 Authentication-Results: pass (folded, with comments)
    ar = ("%s;\n\tspf=pass (sender IP is 192.0.2.10) smtp.mailfrom=applicant.one@example.org;\n"
          "\tdkim=pass (2048-bit key) header.d=example.org header.s=sel1;\n\tdmarc=pass (p=reject) "
          "header.from=example.org" % TRUSTED_AUTHSERV)
    case("19-auth-results-pass",
         message(base_headers("Signed", extra=[("Authentication-Results", ar)]), "text/plain", "Signed mail.\n"),
         truth("Authentication-Results from our MTA: all pass", "Signed", ["Signed mail."], [],
               auth={"trusted": [TRUSTED_AUTHSERV], "authservId": TRUSTED_AUTHSERV, "spf": "pass", "dkim": "pass",
                     "dmarc": "pass"}, topContentType="text/plain"))

    # 20 a forged Authentication-Results (written by the sender, below ours)
    ours = "%s; spf=softfail smtp.mailfrom=applicant.one@example.org; dkim=none; dmarc=fail" % TRUSTED_AUTHSERV
    forged = "mx.forger.example; spf=pass; dkim=pass header.d=example.org; dmarc=pass"
    pairs = base_headers("Trust me")
    pairs.insert(0, ("Authentication-Results", ours))
    pairs.append(("Authentication-Results", forged))
    case("20-auth-results-forged",
         message(pairs, "text/plain", "Forged verdicts below.\n"),
         truth("the sender's own Authentication-Results header is ignored", "Trust me", ["Forged verdicts below."],
               [], auth={"trusted": [TRUSTED_AUTHSERV], "authservId": TRUSTED_AUTHSERV, "spf": "softfail",
                         "dkim": "none", "dmarc": "fail"}, topContentType="text/plain"))

    # 21 HTML only
    html = ("<!DOCTYPE html><html><head><title>ignored title</title><style>p{color:red}</style></head><body>"
            "<p>Dear help desk,</p><p>my ID &amp; two bills are <b>attached</b>&nbsp;&lt;3 &#8212; "
            "&#x2713;</p><script>var x = 1;</script><div>Thanks</div></body></html>")
    b = "b21-html"
    body = multipart(b, [text_part(html, "html", encoding="quoted-printable"),
                         attachment_part("id.png", "image/png", PNG)])
    case("21-html-only",
         message(base_headers("HTML only"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("text/html reduced to text", "HTML only",
               ["Dear help desk,", "my ID & two bills are attached <3 \u2014 \u2713", "Thanks"],
               [att("id.png", "image/png", PNG)], bodyNotContains=["<p>", "color:red", "var x", "ignored title"],
               topContentType="multipart/mixed"))

    # 22 missing closing boundary
    b = "b22-open"
    body = multipart(b, [text_part("The closing boundary never comes.\n"),
                         attachment_part("open.pdf", "application/pdf", PDF)], close=False)
    case("22-malformed-missing-closing-boundary",
         message(base_headers("Unclosed"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("the last part runs to the end; a note says so", "Unclosed", ["The closing boundary never comes."],
               [att("open.pdf", "application/pdf", PDF)], notes=["closing boundary"],
               topContentType="multipart/mixed"))

    # 23 truncated base64
    flat = base64.b64encode(PDF).decode("ascii")[:200]  # whole quanta, then half a quantum
    truncated = "\n".join((flat + "QU")[i:i + 76] for i in range(0, len(flat) + 2, 76)) + "\n"
    cut_bytes = base64.b64decode(flat)
    b = "b23-trunc"
    body = multipart(b, [text_part("The attachment was cut off.\n"),
                         leaf([("Content-Type", "application/pdf"),
                               ("Content-Disposition", 'attachment; filename="cut.pdf"'),
                               ("Content-Transfer-Encoding", "base64")], truncated),
                         attachment_part("whole.png", "image/png", PNG)])
    case("23-malformed-truncated-base64",
         message(base_headers("Truncated"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("base64 ending mid-quantum: what decoded is kept, with a note", "Truncated",
               ["The attachment was cut off."],
               [att("cut.pdf", "application/pdf", cut_bytes), att("whole.png", "image/png", PNG)],
               notes=["damaged"], topContentType="multipart/mixed"))

    # 24 broken encoded words stay as written
    case("24-malformed-encoded-word",
         message(base_headers("=?UTF-8?B?broken and =?UTF-8?X?abc?= and =?utf-8?q?ok?="),
                 "text/plain; charset=utf-8", "Broken words.\n"),
         truth("broken encoded words are left as written, good ones decoded", "=?UTF-8?B?broken and "
               "=?UTF-8?X?abc?= and ok", ["Broken words."], [], topContentType="text/plain"))

    # 25 LF line endings throughout (as an MTA's pipe delivers)
    b = "b25-lf"
    body = multipart(b, [text_part("Unix line endings.\n"), attachment_part("lf.png", "image/png", PNG)])
    case("25-lf-line-endings",
         message(base_headers("LF only"), 'multipart/mixed; boundary="%s"' % b, body),
         truth("LF instead of CRLF", "LF only", ["Unix line endings."], [att("lf.png", "image/png", PNG)],
               topContentType="multipart/mixed"), line_ending="\n")

    # 26 8-bit bytes in headers: raw UTF-8 subject, raw Latin-1 display name
    raw = message(base_headers("Pi\u00e8ces jointes \u2713", sender="NAMEPLACEHOLDER <latin.one@example.org>"),
                  "text/plain; charset=iso-8859-1", "CORPSPLACEHOLDER\n").encode("utf-8")
    raw = raw.replace(b"NAMEPLACEHOLDER", "Andr\u00e9 Sample".encode("iso-8859-1"))
    raw = raw.replace(b"CORPSPLACEHOLDER", "D\u00e9j\u00e0 vu.".encode("iso-8859-1"))
    case("26-8bit-headers", raw,
         truth("unencoded 8-bit header bytes: valid UTF-8 kept, else read as Latin-1/windows-1252",
               "Pi\u00e8ces jointes \u2713", ["D\u00e9j\u00e0 vu."], [], sender="latin.one@example.org",
               fromName="Andr\u00e9 Sample", topContentType="text/plain"))

    # 27 folding, ids without brackets, upper-case domain, mbox From line, no MIME at all
    case("27-folding-and-ids",
         "From applicant.one@example.org Mon Mar  2 09:00:00 2026\n"
         "From: Sample Applicant\n <Applicant.One@EXAMPLE.ORG>\n"
         "To: helpdesk@proofdesk.example\nSubject: A subject\n  folded over\n\tthree lines\n"
         "Date: Mon, 2 Mar 2026 09:00:00 +0000\nMessage-ID: bare-id.27@example.org\n"
         "In-Reply-To: <out.3@proofdesk.example> (our instructions)\n\nNo MIME headers here.\n",
         truth("unfolding, Message-ID without brackets, In-Reply-To with a comment, mbox From line",
               "A subject  folded over three lines", ["No MIME headers here."], [],
               sender="Applicant.One@example.org", messageId="bare-id.27@example.org",
               inReplyTo="out.3@proofdesk.example", topContentType="text/plain"))

    # 28 not a message at all
    case("28-not-a-message", "Hello, this is just a note\nwith two lines and no header section.\n",
         truth("no header section: InvalidInput", "", [], [], invalid=True))

    # 29 a forwarded message whose own forwarded message has an attachment (two levels)
    deep = message([("From", "Inner <inner@example.net>"), ("Subject", "Innermost"), ("MIME-Version", "1.0")],
                   'multipart/mixed; boundary="b29-c"',
                   multipart("b29-c", [text_part("Innermost text.\n"),
                                       attachment_part("deep.png", "image/png", PNG2)]))
    middle = message([("From", "Middle <middle@example.net>"), ("Subject", "Middle"), ("MIME-Version", "1.0")],
                     'multipart/mixed; boundary="b29-b"',
                     multipart("b29-b", [text_part("Middle text.\n"), leaf([("Content-Type", "message/rfc822")], deep)]))
    body = multipart("b29-a", [text_part("Top text.\n"), leaf([("Content-Type", "message/rfc822")], middle)])
    case("29-forward-in-forward",
         message(base_headers("Fwd: Fwd: Innermost"), 'multipart/mixed; boundary="b29-a"', body),
         truth("forwarded twice: numbered in order met, outer section first", "Fwd: Fwd: Innermost",
               ["Top text.", "---------- forwarded message 1 ----------\nFrom: Middle <middle@example.net>",
                "Middle text.", "---------- forwarded message 2 ----------", "Innermost text."],
               [att("deep.png", "image/png", PNG2, origin="forwarded message 2")], topContentType="multipart/mixed"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    build()
    for name, eml, t in CASES:
        with open(os.path.join(args.out, name + ".eml"), "wb") as f:
            f.write(eml)
        with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(t, f, indent=2, ensure_ascii=False, sort_keys=True)
            f.write("\n")
    print("%d messages written to %s" % (len(CASES), args.out))


if __name__ == "__main__":
    main()
