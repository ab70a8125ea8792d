"""A throwaway SMTP server for proofdesk's tests (aiosmtpd), started by tests/support/SmtpServer.h.

Listens on 127.0.0.1 on a port the system picks, prints "PORT <n>" when it is ready, and stops when its
standard input closes (so it never outlives the test that started it). Each accepted message is written
byte for byte into MAILDIR/new/, and one line per message ("<file> <mail from> <rcpt to> <auth user>") is
appended to MAILDIR/envelopes.log.

Run with Debian's /usr/bin/python3 (python3-aiosmtpd).
"""

import argparse
import os
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class CapturingHandler:
    def __init__(self, maildir, tempfail_first, reject, drop_after_data):
        self.maildir = maildir
        self.tempfail_left = tempfail_first
        self.reject = reject
        self.drop_left = drop_after_data
        self.count = 0
        self.lock = threading.Lock()
        for sub in ("new", "cur", "tmp"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    def _store(self, session, envelope):
        with self.lock:
            self.count += 1
            name = "%d.%06d.proofdesk-test" % (int(time.time()), self.count)
        tmp = os.path.join(self.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(self.maildir, "new", name))
        auth = getattr(session, "auth_data", None)
        user = auth.login.decode() if isinstance(auth, LoginPassword) else "-"
        with open(os.path.join(self.maildir, "envelopes.log"), "a") as log:
            log.write("%s %s %s %s\n" % (name, envelope.mail_from, ",".join(envelope.rcpt_tos), user))

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.tempfail_left > 0:
                self.tempfail_left -= 1
                return "451 4.3.0 Temporary local problem, try again later"
        if self.reject:
            return "550 5.1.1 Mailbox unavailable"
        self._store(session, envelope)
        with self.lock:
            drop = self.drop_left > 0
            if drop:
                self.drop_left -= 1
        if drop:
            # The message is kept, but the client never sees the reply: it cannot know it was accepted.
            server.transport.abort()
        return "250 2.0.0 OK queued"


class AnyPortController(Controller):
    """Controller that may bind port 0: the real port is read back before aiosmtpd's start-up probe."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--port", type=int, default=0, help="0: the system picks a free port")
    parser.add_argument("--log", help="file for the server's own messages (default: stderr)")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--starttls", action="store_true", help="offer STARTTLS and require it")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth", help="USER:PASSWORD; AUTH required")
    parser.add_argument("--tempfail-first", type=int, default=0, help="answer 451 to the first N DATA")
    parser.add_argument("--reject", action="store_true", help="answer 550 to every DATA")
    parser.add_argument("--drop-after-data", type=int, default=0,
                        help="store the first N messages, then cut the connection before the reply")
    args = parser.parse_args()
    if args.log:
        sys.stderr = open(args.log, "a", buffering=1)

    handler = CapturingHandler(args.maildir, args.tempfail_first, args.reject, args.drop_after_data)
    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    smtp_kwargs = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                  and auth_data.password.decode() == password)
            # handled=False: aiosmtpd then answers 535 itself on failure.
            return AuthResult(success=ok, handled=False, auth_data=auth_data)

        smtp_kwargs["authenticator"] = authenticator
        smtp_kwargs["auth_required"] = True
        # aiosmtpd only counts STARTTLS as TLS here; over implicit TLS the whole connection is encrypted.
        smtp_kwargs["auth_require_tls"] = bool(args.starttls)
    if args.starttls:
        smtp_kwargs["tls_context"] = context
        smtp_kwargs["require_starttls"] = True

    controller = AnyPortController(handler, hostname="127.0.0.1", port=args.port,
                                   ssl_context=context if args.implicit_tls else None, **smtp_kwargs)
    controller.start()
    print("PORT %d" % controller.port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
