"""The peers of the real server: an SMTP client, an IMAP reader, WebAdmin, and an SMTP sink that
stands for the Internet (James's RemoteDelivery relays to it), recording every transaction with
its envelope parameters, DSN NOTIFY included."""
import base64
import email
import email.policy
import http.server
import imaplib
import json
import smtplib
import socketserver
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


# -- the Internet, as seen by James's RemoteDelivery -------------------------------------------------
class Transaction:
    def __init__(self):
        self.mail_from = None
        self.rcpts = []            # (address, "NOTIFY=FAILURE ..." parameters as one string)
        self.data = b""

    @property
    def message(self):
        return email.message_from_bytes(self.data, policy=email.policy.compat32)

    def recipients(self):
        return [address for address, _ in self.rcpts]


class _SinkHandler(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write(line.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self):
        self.send("220 sink.example ESMTP Postino check sink")
        current = Transaction()
        while True:
            raw = self.rfile.readline(65536)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250-sink.example\r\n250-8BITMIME\r\n250-SIZE 104857600\r\n250 DSN\r\n")
                self.wfile.flush()
            elif verb == "MAIL":
                current = Transaction()
                current.mail_from = line[10:].strip()
                self.send("250 OK")
            elif verb == "RCPT":
                rest = line[8:].strip()
                address, _, params = rest.partition(">")
                current.rcpts.append((address.strip("<").lower(), params.strip()))
                self.send("250 OK")
            elif verb == "DATA":
                self.send("354 go ahead")
                lines = []
                while True:
                    data = self.rfile.readline(1 << 20)
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                current.data = b"".join(lines)
                self.server.transactions.append(current)
                self.send("250 OK queued")
            elif verb == "QUIT":
                self.send("221 bye")
                return
            elif verb in ("RSET", "NOOP"):
                self.send("250 OK")
            else:
                self.send("502 not implemented")


class Sink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SinkHandler)
        self.transactions = []
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def to(self, address):
        return [t for t in list(self.transactions) if address.lower() in t.recipients()]


# -- SMTP client ------------------------------------------------------------------------------------
def send(port, sender, recipients, data, auth=None, notify=None):
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
        smtp.ehlo("check.example")
        if auth:
            smtp.login(auth, "secret")
        rcpt_options = [f"NOTIFY={notify}"] if notify else []
        refused = smtp.sendmail(sender or "<>", recipients, data, rcpt_options=rcpt_options)
        if refused:
            raise RuntimeError(f"refused recipients: {refused}")


# -- IMAP -------------------------------------------------------------------------------------------
def mailbox(port, user, attempts=3):
    """Every message in the user's INBOX, as (raw bytes, parsed message). A delivery during the
    session can interleave responses that imaplib cannot follow: the read is then tried again."""
    for attempt in range(attempts):
        try:
            return _read_mailbox(port, user)
        except imaplib.IMAP4.abort:
            if attempt == attempts - 1:
                raise
            time.sleep(2)


def message_count(port, user):
    imap = imaplib.IMAP4("127.0.0.1", port)
    try:
        imap.login(user, "secret")
        _, data = imap.status("INBOX", "(MESSAGES)")
        return int(data[0].decode().split("MESSAGES")[1].strip(" )"))
    finally:
        try:
            imap.logout()
        except Exception:
            pass


def _read_mailbox(port, user):
    imap = imaplib.IMAP4("127.0.0.1", port)
    try:
        imap.login(user, "secret")
        imap.select("INBOX", readonly=True)
        _, data = imap.search(None, "ALL")
        found = []
        for number in data[0].split():
            try:
                _, parts = imap.fetch(number, "(RFC822)")
            except imaplib.IMAP4.abort as e:
                raise imaplib.IMAP4.abort(f"{user}'s message {number.decode()}: {e}") from e
            raw = parts[0][1]
            found.append((raw, email.message_from_bytes(raw, policy=email.policy.compat32)))
        return found
    finally:
        try:
            imap.logout()
        except Exception:
            pass


# -- WebAdmin ---------------------------------------------------------------------------------------
class WebAdmin:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"

    def call(self, method, path, body=None, accept="application/json"):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Accept": accept, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def json(self, method, path, body=None):
        status, content = self.call(method, path, body)
        if status >= 300:
            raise RuntimeError(f"{method} {path}: HTTP {status} {content[:300]!r}")
        return json.loads(content) if content else None

    def ok(self, method, path, body=None):
        status, content = self.call(method, path, body)
        if status >= 300:
            raise RuntimeError(f"{method} {path}: HTTP {status} {content[:300]!r}")
        return content

    @staticmethod
    def repository(url_path):
        return urllib.parse.quote(url_path, safe="")


# -- a recording proxy in front of WebAdmin -----------------------------------------------------------
class RecordingProxy(http.server.ThreadingHTTPServer):
    """Forwards every request to WebAdmin and records the exchange (with the Accept it was asked with),
    so the admin commands' tests can replay what the real server answered (admin/src/test/resources/webadmin/,
    RecordedWebAdmin)."""
    daemon_threads = True

    def __init__(self, target_port):
        self.target = f"http://127.0.0.1:{target_port}"
        self.exchanges = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def take(self):
        taken, self.exchanges = self.exchanges, []
        return taken


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("accept", "content-type", "authorization")}
        request = urllib.request.Request(self.server.target + self.path, data=body, method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, content, content_type = response.status, response.read(), response.headers.get("Content-Type")
        except urllib.error.HTTPError as e:
            status, content, content_type = e.code, e.read(), e.headers.get("Content-Type")
        exchange = {"method": self.command, "path": self.path, "accept": self.headers.get("Accept"), "status": status,
                    "contentType": content_type}
        try:
            exchange["body"] = content.decode("utf-8")
        except UnicodeDecodeError:   # a raw message in another charset: kept byte for byte
            exchange["bodyBase64"] = base64.b64encode(content).decode("ascii")
        self.server.exchanges.append(exchange)
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    do_GET = do_PATCH = do_DELETE = do_PUT = do_POST = _forward
