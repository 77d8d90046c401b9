#!/usr/bin/env python3
"""Postino on a real Apache James 3.9.x server, end to end: every feature over SMTP, IMAP and
WebAdmin, one line per scenario, exit status 1 on any failure. Run it through
scripts/real-james-check.sh, which builds the jar and finds a JDK."""
import argparse
import email.header
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clients import RecordingProxy, Sink, WebAdmin, mailbox, message_count, send  # noqa: E402
from server import ENVIRONMENT_EDITS, JamesCopy, SetupError  # noqa: E402

DOMAIN = "acme.example"
USERS = ["anna.bianchi", "luca.verdi", "giulia.neri", "mario.rossi", "hr", "paghe", "jurgen"]
QUARANTINE = WebAdmin.repository("var/mail/quarantine")
DROPPED_RECEIPTS = WebAdmin.repository("var/mail/dropped-receipts")
ERROR_REPOSITORY = WebAdmin.repository("var/mail/error")
# The hostile mail the console and the commands must show harmlessly, and where recordings go.
RECORDED = os.path.join("admin", "src", "test", "resources", "webadmin")
HOSTILE_SENDER = '"<script>alert(9)</script>"@attacker.example'


class Report:
    def __init__(self):
        self.failures = 0
        self.passes = 0

    def run(self, name, scenario):
        try:
            detail = scenario()
            self.passes += 1
            print(f"PASS  {name}" + (f" — {detail}" if detail else ""), flush=True)
        except Exception as e:  # one failing scenario must not hide the others
            self.failures += 1
            reason = str(e) if isinstance(e, AssertionError) else f"{type(e).__name__}: {e}"
            print(f"FAIL  {name} — {reason}", flush=True)
            if os.environ.get("POSTINO_CHECK_DEBUG"):
                traceback.print_exc()


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def eventually(probe, timeout=60, interval=1):
    """probe() until it returns without an AssertionError; its value, or the last failure."""
    deadline = time.time() + timeout
    while True:
        try:
            return probe()
        except AssertionError:
            if time.time() > deadline:
                raise
            time.sleep(interval)


class Sample:
    def __init__(self, folder, name):
        self.name = name
        with open(os.path.join(folder, name + ".eml"), "rb") as f:
            self.data = f.read()
        self.envelope = {}
        with open(os.path.join(folder, name + ".envelope"), encoding="utf-8") as f:
            for line in f:
                if "=" in line and not line.lstrip().startswith("#"):
                    key, _, value = line.partition("=")
                    self.envelope[key.strip()] = value.strip()
        m = re.search(rb"(?im)^Message-ID:\s*(<[^>]+>)", self.data)
        self.message_id = m.group(1).decode() if m else None

    @property
    def sender(self):
        value = self.envelope.get("from", "")
        return "" if value in ("", "<>") else value

    @property
    def recipients(self):
        return [r.strip() for r in self.envelope.get("to", "").split(",") if r.strip()]

    def send(self, port, recipients=None):
        """Over SMTP as the envelope says: with AUTH as its user, or (network = authorized) without,
        from the loopback network that James's authorizedAddresses lets relay."""
        send(port, self.sender, recipients or self.recipients, self.data,
             auth=self.envelope.get("auth"), notify=self.envelope.get("dsn.notify"))

    def raw_header(self, name):
        text = self.data.decode("utf-8", "replace").replace("\r\n", "\n").split("\n\n", 1)[0]
        m = re.search(rf"(?ims)^{name}:(.*?)(?=^\S)", text + "\nX-End: x\n")
        return m.group(1) if m else None


def header(stored, name):
    """The first value of a header of a mail as WebAdmin shows it (additionalFields=headers)."""
    values = (stored.get("headers") or {}).get(name) or []
    return values[0].strip() if values else None


def decoded(value):
    """RFC 2047 decoding as mail clients do it: ISO-8859-1 read as its superset windows-1252."""
    words = email.header.decode_header(value.replace("\r\n", "").replace("\n", ""))
    text = []
    for data, charset in words:
        if isinstance(data, str):
            text.append(data)
            continue
        charset = (charset or "ascii").lower()
        charset = "cp1252" if charset in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else charset
        text.append(data.decode(charset, "replace"))
    return "".join(text)


def with_id(messages, message_id):
    return [(raw, m) for raw, m in messages if (m.get("Message-ID") or "").strip() == message_id]


class Check:
    def __init__(self, args):
        self.args = args
        self.report = Report()
        self.sink = Sink()
        self.work = tempfile.mkdtemp(prefix="postino-real-james-")
        self.james = JamesCopy(args.james_home, self.work)
        self.samples = {}
        folder = os.path.join(args.project, "samples")
        for file in sorted(os.listdir(folder)):
            if file.endswith(".eml"):
                sample = Sample(folder, file[:-4])
                self.samples[sample.name[:2]] = sample
        self.admin = None
        self.mailboxes = {}
        self.held_until = []
        self.proxy = None
        # POSTINO_RECORD_DIR keeps the WebAdmin exchanges of the jar's commands for the admin tests.
        self.recordings = os.environ.get("POSTINO_RECORD_DIR") or os.path.join(self.work, "recorded")
        os.makedirs(self.recordings, exist_ok=True)
        self.held = {}

    # -- plumbing -------------------------------------------------------------------------------------
    def inbox(self, user, refresh=False):
        if refresh or user not in self.mailboxes:
            self.mailboxes[user] = mailbox(self.james.imap_port, f"{user}@{DOMAIN}")
        return self.mailboxes[user]

    def queue(self, name, delayed):
        """The mails of a queue. Use sparingly: James 3.9.0's GET /mailQueues/{name}/mails closes the queue
        twice (MailQueueRoutes.listMails), so on the memory server every call lowers the queue's reference
        count by one; after about eight calls the spool stops dequeuing and drops what it holds."""
        return self.admin.json("GET", f"/mailQueues/{name}/mails?delayed={'true' if delayed else 'false'}")

    def queue_size(self, name):
        """The number of mails in a queue, delayed ones included (a route that closes the queue once)."""
        return self.admin.json("GET", f"/mailQueues/{name}")["size"]

    def settle(self, timeout=120):
        """Waits until the spool holds nothing due and the outgoing queue is empty: both sizes unchanged
        for a few seconds (a due mail leaves the spool at once; a delayed one stays) and outgoing empty.
        Never lists the queues, which would wear James's memory spool out (see queue())."""
        sizes = []

        def idle():
            sizes.append(self.queue_size("spool"))
            check(len(sizes) >= 4 and len(set(sizes[-4:])) == 1, "the spool is still moving")
            check(self.queue_size("outgoing") == 0, "the outgoing queue is not empty")
        eventually(idle, timeout)
        # A mail taken from the spool is still being delivered: wait until the mailboxes stop growing.
        counts = None
        for _ in range(timeout):
            now = [message_count(self.james.imap_port, f"{user}@{DOMAIN}") for user in USERS]
            if now == counts:
                break
            counts = now
            time.sleep(1.5)
        self.mailboxes = {}

    def repository_keys(self, path):
        return self.admin.json("GET", f"/mailRepositories/{path}/mails?limit=1000")

    def stored(self, path, key):
        return self.admin.json("GET", f"/mailRepositories/{path}/mails/{key}?additionalFields=attributes,headers")

    def stored_raw(self, path, key):
        return self.admin.call("GET", f"/mailRepositories/{path}/mails/{key}", accept="message/rfc822")

    def quarantined(self):
        """{quarantine id: (Message-ID, recipients, attributes)} of the quarantine repository."""
        found = {}
        for key in self.repository_keys(QUARANTINE):
            mail = self.stored(QUARANTINE, key)
            found[key] = (header(mail, "Message-ID"), mail.get("recipients"), mail.get("attributes") or {})
        return found

    # -- the run -------------------------------------------------------------------------------------
    def run(self):
        print(f"Postino real-server check: {self.args.jar}")
        print(f"James from {self.args.james_home}, copied to {self.james.home}")
        for edit in ENVIRONMENT_EDITS:
            print(f"  environment: {edit}")
        try:
            self.james.install(self.args.jar, os.path.join(self.args.project, "conf-samples", "mailetcontainer.xml"),
                               self.sink.port)
            started = time.time()
            # James's leak detection as shipped (on), recording where each resource was made.
            self.james.start(self.args.java, java_options=["-Djames.lifecycle.leak.detection.mode=advanced"])
            print(f"James started in {time.time() - started:.0f} s (pid {self.james.process.pid}): SMTP "
                  f"{self.james.smtp_port}, IMAP {self.james.imap_port}, WebAdmin {self.james.webadmin_port}, "
                  f"sink {self.sink.port}", flush=True)
            self.admin = WebAdmin(self.james.webadmin_port)
            self.proxy = RecordingProxy(self.james.webadmin_port)
            self.scenarios()
        except SetupError as e:
            print(f"FAIL  setup — {e}")
            self.report.failures += 1
        finally:
            self.james.stop()
            print(f"James stopped (pid {self.james.process.pid if self.james.process else '-'}); "
                  f"log: {self.james.log_path}")
        HoldPhase(self).run()
        print(f"{self.report.passes} passed, {self.report.failures} failed")
        return 1 if self.report.failures else 0

    def scenarios(self):
        r = self.report
        r.run("started with only the default domain; acme.example and users added through WebAdmin afterwards",
              self.add_domain_and_users)
        r.run("every sample mail accepted over SMTP", self.send_samples)
        self.settle()
        r.run("01 plain mail delivered at once", self.plain)
        r.run("10/15 read receipts to an outside client dropped, audit copies kept", self.receipts_dropped)
        r.run("12 bounce delivered untouched", self.bounce)
        r.run("13 outbound copy loses receipt headers and DSN SUCCESS, keeps FAILURE", self.receipt_request)
        r.run("14 abuse report relayed untouched", self.abuse_report)
        r.run("20-27 long Subjects cut to valid RFC 2047, short one byte for byte", self.subjects)
        r.run("30 bollettino quarantined whole for anna", self.bollettino_whole)
        r.run("30 bollettino for luca delivered with the zip replaced (strip mode)", self.bollettino_strip)
        r.run("31 clean PDF delivered", self.clean_pdf)
        r.run("32/33/34 forwarded bollettino, encrypted zip, HTML smuggling quarantined", self.other_quarantined)
        r.run("35 encrypted payslips from the logged-in payroll office relayed", self.payslips)
        r.run("40-43 intra-company mail waits in the spool until the time the rules computed", self.delays_in_spool)
        r.run("43 personal account: letter of reprimand waiting for mario and hr", self.reprimand_waiting)
        r.run("flush of the delayed spool delivers each held mail once, not delayed twice", self.flush_delayed)
        r.run("11 read receipt to a colleague delivered (after its intra-company wait)", self.receipt_to_colleague)
        r.run("13 the colleague's copy keeps its receipt request", self.receipt_request_inside)
        r.run("notices reach the recipients and the authenticated sender, never an outside sender", self.notices)
        r.run("WebAdmin: quarantine list and show with Postino's attributes", self.quarantine_list_show)
        r.run("WebAdmin: quarantined message downloaded as .eml", self.quarantine_download)
        r.run("WebAdmin: release delivers the message exactly once", self.quarantine_release)
        r.run("WebAdmin: delete removes it from the quarantine", self.quarantine_delete)
        r.run("hostile mail (script, quotes, RTLO, zero-width in every field) quarantined", self.hostile_quarantined)
        r.run("jar: quarantine list, --json and its filters", self.jar_list)
        r.run("jar: quarantine show, the hostile mail made visible and harmless, an unknown id one line", self.jar_show)
        r.run("jar: quarantine export writes the stored message with a warning", self.jar_export)
        r.run("jar: quarantine release delivers the message exactly once (IMAP); --recipient guards", self.jar_release)
        r.run("jar: quarantine delete, and an id it does not hold refused", self.jar_delete)
        r.run("jar: console lists, filters, shows, releases (delivered once) and deletes, CSRF enforced", self.jar_console)
        r.run("jar: quarantine expire --older-than a short age, dry run first", self.jar_expire)
        r.run("jar: a repository that does not exist is one line and exit 1", self.jar_missing_repository)
        r.run("nothing in James's error repository", self.no_errors)
        r.run("no message resource leaked (James's leak detector, after a full GC)", self.no_leaks)
        r.run("audit lines of every feature in the server log at INFO (James's logback.xml + 1 line)", self.logs)
        r.run("Postino's metrics on WebAdmin's Prometheus endpoint", self.metrics)

    # -- scenarios ------------------------------------------------------------------------------------
    def add_domain_and_users(self):
        domains = self.admin.json("GET", "/domains")
        check(DOMAIN not in domains, f"{DOMAIN} already served at start: {domains}")
        self.admin.ok("PUT", f"/domains/{DOMAIN}")
        for user in USERS:
            self.admin.ok("PUT", f"/users/{user}@{DOMAIN}", {"password": "secret"})
        return f"domains at start {domains}; added {DOMAIN} and {len(USERS)} users"

    def send_samples(self):
        # A sample for the distributed server (server = distributed) is the second server's business.
        memory = [s for s in self.samples.values() if s.envelope.get("server") != "distributed"]
        for sample in memory:
            sample.send(self.james.smtp_port)
        self.samples["30"].send(self.james.smtp_port, ["luca.verdi@acme.example"])
        network = [s.name[:2] for s in memory if s.envelope.get("network") == "authorized"]
        return (f"{len(memory)} samples, plus 30 again to luca; {', '.join(network)} without AUTH from the "
                "authorised network")

    def plain(self):
        check(len(with_id(self.inbox("anna.bianchi"), self.samples["01"].message_id)) == 1, "anna has not got it once")

    def receipts_dropped(self):
        for n in ("10", "15"):
            sent = [t for t in self.sink.to("client@example.com") if t.message.get("Message-ID") == self.samples[n].message_id]
            check(not sent, f"{n} reached the outside client")
        audit = [self.stored(DROPPED_RECEIPTS, key) for key in self.repository_keys(DROPPED_RECEIPTS)]
        ids = {header(mail, "Message-ID") for mail in audit}
        check({self.samples["10"].message_id, self.samples["15"].message_id} <= ids, f"audit copies: {ids}")
        return f"{len(audit)} audit copies in memory://var/mail/dropped-receipts/"

    def receipt_to_colleague(self):
        check(len(with_id(self.inbox("mario.rossi"), self.samples["11"].message_id)) == 1, "mario has not got it once")

    def bounce(self):
        found = with_id(self.inbox("mario.rossi"), self.samples["12"].message_id)
        check(len(found) == 1, "mario has not got the bounce once")
        check(found[0][1].get_content_type() == "multipart/report"
              and found[0][1].get_param("report-type") == "delivery-status", "the bounce was changed")

    def receipt_request(self):
        sample = self.samples["13"]
        out = [t for t in self.sink.to("client@example.com") if t.message.get("Message-ID") == sample.message_id]
        check(len(out) == 1, f"{len(out)} outbound copies")
        params = dict(out[0].rcpts)["client@example.com"]
        check(params.upper() == "NOTIFY=FAILURE", f"RCPT parameters at the Internet: '{params}'")
        check(out[0].message.get("Disposition-Notification-To") is None
              and out[0].message.get("Return-Receipt-To") is None, "request headers left on the outbound copy")
        return f"RCPT TO:<client@example.com> {params}"

    def receipt_request_inside(self):
        inside = with_id(self.inbox("anna.bianchi"), self.samples["13"].message_id)
        check(len(inside) == 1 and inside[0][1].get("Disposition-Notification-To"), "anna's copy was changed")

    def abuse_report(self):
        out = [t for t in self.sink.to("abuse-desk@example.com") if t.message.get("Message-ID") == self.samples["14"].message_id]
        check(len(out) == 1, "not relayed once")
        check(out[0].message.get_param("report-type") == "feedback-report", "changed")

    def subjects(self):
        inbox = self.inbox("anna.bianchi")
        details = []
        for n in ("20", "21", "22", "24", "25", "26", "27"):
            sample = self.samples[n]
            found = with_id(inbox, sample.message_id)
            check(len(found) == 1, f"{n}: not delivered once")
            raw = found[0][0].decode("utf-8", "replace").replace("\r\n", "\n").split("\n\n", 1)[0]
            fields = re.findall(r"(?ims)^Subject:.*?(?=^\S)", raw + "\nX-End: x\n")
            check(fields, f"{n}: no Subject")
            for field in fields:
                for line in field.rstrip("\n").split("\n"):
                    check(len(line) <= 78, f"{n}: a Subject line of {len(line)} characters")
                for word in re.findall(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=", field):
                    check(len(word) <= 75, f"{n}: an encoded word of {len(word)} characters")
            original = [decoded(value) for value in re.findall(r"(?ims)^Subject:(.*?)(?=^\S)",
                        sample.data.decode("latin-1").replace("\r\n", "\n").split("\n\n", 1)[0] + "\nX-End: x\n")]
            now = [decoded(field.split(":", 1)[1]) for field in fields]
            cut = [(o, s) for o, s in zip(original, now) if o != s]
            check(cut, f"{n}: nothing was cut")
            for o, s in cut:
                check(s.endswith("…") and o.strip().startswith(s[:-1].strip()), f"{n}: '{s[:40]}…' is not a prefix of the original")
            details.append(f"{n}: {len(o)}→{len(s)}")
        short = with_id(inbox, self.samples["23"].message_id)
        check(len(short) == 1, "23 not delivered once")
        raw23 = short[0][0].decode("latin-1").replace("\r\n", "\n")
        check(self.samples["23"].raw_header("Subject").replace("\r\n", "\n") in raw23, "23's Subject changed")
        return "; ".join(details) + " characters (code points); 23 unchanged"

    def bollettino_whole(self):
        sample = self.samples["30"]
        check(not with_id(self.inbox("anna.bianchi"), sample.message_id), "anna received the bollettino")
        held = [k for k, (mid, rcpts, _) in self.quarantined().items()
                if mid == sample.message_id and rcpts == ["anna.bianchi@acme.example"]]
        check(len(held) == 1, f"quarantine holds {len(held)} copies for anna")
        self.whole_key = held[0]
        return f"kept as {held[0]}"

    def bollettino_strip(self):
        sample = self.samples["30"]
        found = with_id(self.inbox("luca.verdi"), sample.message_id)
        check(len(found) == 1, "luca has not got the cleaned message once")
        message = found[0][1]
        names = [part.get_filename() for part in message.walk() if part.get_filename()]
        check("bollettino.zip" not in names, f"the zip is still attached: {names}")
        key = message.get("X-Postino-Quarantine-Id")
        check(key and key in self.quarantined(), f"the original is not in the quarantine as {key}")
        return f"original kept as {key}, parts now {names or 'without file names'}"

    def clean_pdf(self):
        found = with_id(self.inbox("anna.bianchi"), self.samples["31"].message_id)
        check(len(found) == 1, "not delivered once")
        check(any(p.get_content_type() == "application/pdf" for p in found[0][1].walk()), "no PDF in it")

    def other_quarantined(self):
        ids = {mid for mid, _, _ in self.quarantined().values()}
        for n in ("32", "33", "34"):
            check(self.samples[n].message_id in ids, f"{n} is not in the quarantine")
            check(not with_id(self.inbox("anna.bianchi"), self.samples[n].message_id), f"anna received {n}")

    def payslips(self):
        out = [t for t in self.sink.to("studio@consulenti-lavoro.example")
               if t.message.get("Message-ID") == self.samples["35"].message_id]
        check(len(out) == 1, "not relayed once")

    def delays_in_spool(self):
        delayed = self.queue("spool", True)
        logged = re.findall(r"(\d+) company recipient\(s\) from (\S+) held (\S+) until (\S+) \(([^)]*)\)", self.james.log())
        check(len(logged) >= 4, f"{len(logged)} holds logged")
        for _, sender, _, _, trace in logged:
            self.check_trace(trace)
        due = sorted(_instant(item["nextDelivery"]) for item in delayed)
        until = sorted(_instant(until) for _, _, _, until, _ in logged)
        check(len(due) == len(until), f"{len(due)} mails wait in the spool, {len(until)} holds logged")
        for d, u in zip(due, until):
            check(abs((d - u).total_seconds()) <= 1, f"spool nextDelivery {d} differs from the computed {u}")
        for n in self.meetings():
            out = [t for t in self.sink.to("client@example.com") if t.message.get("Message-ID") == self.samples[n].message_id]
            check(len(out) == 1, f"{n}: the outside client's copy did not leave at once")
        colleagues = ["anna.bianchi@acme.example", "giulia.neri@acme.example", "luca.verdi@acme.example"]
        mario = [item for item in delayed
                 if item.get("sender") == "mario.rossi@acme.example" and sorted(item["recipients"]) == colleagues]
        check(len(mario) == len(self.meetings()),
              f"mario's {', '.join(self.meetings())} should each wait for anna, luca and giulia: {mario}")
        self.held_until = until
        now = datetime.now(timezone.utc)
        return f"{len(due)} waiting, due in {min(due) - now} to {max(due) - now}"

    def meetings(self):
        """The 4x samples mario sends to anna, luca, giulia and a client on this server (40, 41, 42)."""
        return [n for n, sample in self.samples.items() if n.startswith("4") and sample.sender == "mario.rossi@acme.example"
                and sample.envelope.get("server") != "distributed"]

    @staticmethod
    def check_trace(trace):
        values = dict(re.findall(r"(\w[\w-]*)=([^;]+)", trace))
        total = int(trace.split("s;", 1)[0])
        base = int(values["base"].rstrip("s"))
        check(400 <= base <= 800, f"base {base}s outside 400-800s: {trace}")
        edge = int(values["edge"].rstrip("s"))
        check(edge == 0 or 200 <= edge <= 400, f"edge {edge}s: {trace}")
        parts = [base, edge, int(values["hold"].rstrip("s"))]
        for key, low, high in (("to-cc", 40, 80), ("bcc", 300, 600)):
            m = re.match(r"(\d+)x=(\d+)s", values[key])
            count, seconds = int(m.group(1)), int(m.group(2))
            check(count * low <= seconds <= count * high, f"{key} {seconds}s for {count}: {trace}")
            parts.append(seconds)
        check(sum(parts) == total, f"the parts do not add up to {total}s: {trace}")

    def reprimand_waiting(self):
        log = self.james.log()
        check(re.search(r"reprimand letter sent to \[mario\.rossi@acme\.example, hr@acme\.example\]", log),
              "no letter logged")
        waiting = [item for item in self.queue("spool", True)
                   if sorted(item["recipients"]) == ["hr@acme.example", "mario.rossi@acme.example"]]
        check(len(waiting) == 1, f"{len(waiting)} letters waiting")
        return f"from {waiting[0]['sender']}, due {waiting[0]['nextDelivery']}"

    def flush_delayed(self):
        self.admin.ok("PATCH", "/mailQueues/spool/mails?delayed=true", {"delayed": False})
        self.settle()
        check(not self.queue("spool", True), "mail still waits in the spool")
        meetings = self.meetings()
        for user, numbers in (("anna.bianchi", meetings + ["43"]), ("luca.verdi", meetings + ["43"]), ("giulia.neri", meetings)):
            for n in numbers:
                found = with_id(self.inbox(user), self.samples[n].message_id)
                check(len(found) == 1, f"{user} has {n} {len(found)} times")
                check(found[0][1].get("X-Postino-Delay"), f"{user}'s {n} has no X-Postino-Delay")
        for user in ("mario.rossi", "hr"):
            letters = [m for _, m in self.inbox(user) if decoded(m.get("Subject", "")).startswith("Lettera di richiamo")]
            check(len(letters) == 1, f"{user} has {len(letters)} letters")
        check(not self.sink.to("mario.rossi.1970@gmail.example"), "a letter went to the personal address")
        holds = len(re.findall(r"company recipient\(s\) from \S+ held", self.james.log()))
        check(holds == len(self.held_until), f"{holds} holds logged after the flush, {len(self.held_until)} before: "
                                              "a released copy was delayed again")

    def notices(self):
        anna = [m for _, m in self.inbox("anna.bianchi") if m.get("X-Postino-Quarantine-Id") and m.get("Auto-Submitted")]
        keys = {m.get("X-Postino-Quarantine-Id") for m in anna}
        quarantined = self.quarantined()
        check(len(anna) == 4 and keys <= set(quarantined), f"anna has {len(anna)} notices for {keys}")
        luca = [m for _, m in self.inbox("luca.verdi") if m.get("X-Postino-Quarantine-Id") and m.get("Auto-Submitted")]
        check(len(luca) == 1 and quarantined.get(luca[0].get("X-Postino-Quarantine-Id"), (None,))[0]
              == self.samples["32"].message_id, f"luca (authenticated sender of 32) has {len(luca)} notices")
        for n in ("30", "33", "34"):
            check(not self.sink.to(self.samples[n].sender), f"a notice went to {self.samples[n].sender}")
        return f"anna {len(anna)}, luca 1 (as sender of 32), outside senders 0"

    def quarantine_list_show(self):
        keys = self.repository_keys(QUARANTINE)
        check(len(keys) == 5, f"{len(keys)} keys: {keys}")
        mail = self.stored(QUARANTINE, self.whole_key)
        attributes = mail.get("attributes") or {}
        text = str(attributes)
        check("postino.attachments.verdict" in text and "dangerous" in text, f"no verdict in {text[:300]}")
        check("postino.quarantine.id" in text and self.whole_key in text, "no quarantine id attribute")
        check(mail.get("state") == "release", f"state {mail.get('state')}, not the releaseProcessor")
        return f"{len(keys)} keys; {self.whole_key}: state {mail['state']}, {len(attributes)} attributes"

    def quarantine_download(self):
        status, content = self.stored_raw(QUARANTINE, self.whole_key)
        check(status == 200, f"HTTP {status}")
        check(b"X-Postino-Quarantine-Id: " + self.whole_key.encode() in content and b"bollettino.zip" in content,
              "not the original")
        return f"{len(content)} bytes"

    def quarantine_release(self):
        answer = self.admin.json("PATCH", f"/mailRepositories/{QUARANTINE}/mails/{self.whole_key}"
                                          "?action=reprocess&processor=release&queue=spool")
        task = answer["taskId"]
        status = self.admin.json("GET", f"/tasks/{task}/await?timeout=30s")
        check(status["status"] == "completed", f"task {status}")
        self.settle()
        found = with_id(self.inbox("anna.bianchi"), self.samples["30"].message_id)
        check(len(found) == 1, f"anna has the released bollettino {len(found)} times")
        time.sleep(5)
        found = with_id(self.inbox("anna.bianchi", refresh=True), self.samples["30"].message_id)
        check(len(found) == 1, f"{len(found)} copies a few seconds later")
        check(self.whole_key not in self.repository_keys(QUARANTINE), "still in the quarantine")
        return f"task {task} completed; delivered once"

    def quarantine_delete(self):
        key = next(k for k, (mid, _, _) in self.quarantined().items() if mid == self.samples["33"].message_id)
        status, _ = self.admin.call("DELETE", f"/mailRepositories/{QUARANTINE}/mails/{key}")
        check(status == 204, f"HTTP {status}")
        status, _ = self.admin.call("GET", f"/mailRepositories/{QUARANTINE}/mails/{key}")
        check(status == 404, f"still there (HTTP {status})")
        return f"{key} deleted"

    def no_errors(self):
        status, content = self.admin.call("GET", f"/mailRepositories/{ERROR_REPOSITORY}/mails")
        keys = [] if status == 404 else json.loads(content)
        check(not keys, f"{len(keys)} mails in the error repository")

    def no_leaks(self):
        self.james.collect_garbage(self.args.java)
        reports = self.james.log().split("Leak detected!")[1:]
        ours = [r for r in reports if made_by_postino(r)]
        check(not ours, f"{len(ours)} of James's 'Leak detected!' reports name a resource a Postino mailet made: "
                        + ours[0][:600] if ours else "")
        return f"{len(reports)} leak reports in all, none made by Postino (the others: James's own store or WebAdmin code)"

    def logs(self):
        log = self.james.log()
        expected = {
            "receipt dropped": r"INFO.*Dropped receipt <",
            "receipt requests stripped": r"INFO.*Stripped receipt requests from <req-tb-1@acme\.example>",
            "Subject cut": r"INFO.*TruncateSubject: mail \S+: Subject cut",
            "attachments judged": r"INFO.*attachments judged dangerous",
            "quarantined whole": r"INFO.*QuarantineAttachments: held whole",
            "stripped": r"INFO.*QuarantineAttachments: stripped sections",
            "held": r"INFO.*company recipient\(s\) from \S+ held",
            "letter": r"INFO.*reprimand letter sent",
        }
        missing = [name for name, pattern in expected.items() if not re.search(pattern, log)]
        check(not missing, f"not in the log: {missing}")
        problems = [line for line in log.splitlines() if re.search(r"\[(WARN |ERROR)\] (dev\.postino|d\.p\.)", line)]
        check(not problems, f"WARN/ERROR lines from Postino with a configuration that fits the server: {problems[:3]}")
        return f"{len(re.findall(r'INFO.*(?:dev[.]postino|d[.]p[.])', log))} INFO lines from dev.postino"

    def metrics(self):
        status, content = self.admin.call("GET", "/metrics", accept="text/plain")
        check(status == 200, f"GET /metrics: HTTP {status}")
        values = {}
        for line in content.decode().splitlines():
            m = re.match(r"(postino_\w+?)(?:_total)?(?:\{[^}]*\})? ([0-9.eE+-]+)$", line)
            if m:
                values[m.group(1)] = values.get(m.group(1), 0) + float(m.group(2))
        expected = {"postino_receipts_dropped": 2, "postino_receipts_stripped": 1, "postino_subject_truncated": 7,
                    "postino_attachments_dangerous": 5, "postino_quarantine_messages": 4,
                    "postino_quarantine_strippedMessages": 1, "postino_delay_held": 4, "postino_delay_reprimands": 1,
                    "postino_attachments_inspectionTime_count": 1}
        wrong = {name: values.get(name) for name, low in expected.items() if values.get(name, 0) < low}
        check(not wrong, f"below expectation: {wrong}")
        return ", ".join(f"{name}={values[name]:g}" for name in expected)

    # -- the drop-in jar's quarantine commands and console (recorded for the admin module's tests) --------
    def proxy_url(self):
        return f"http://127.0.0.1:{self.proxy.port}"

    def postino(self, recording, *args, expect=0):
        """`java -jar postino.jar ARGS --webadmin <recording proxy>`; WebAdmin's exchanges kept as RECORDING.json."""
        self.proxy.take()
        result = subprocess.run([self.args.java, "-jar", os.path.abspath(self.args.jar), *args, "--webadmin",
                                 self.proxy_url()], capture_output=True, timeout=180, cwd=self.work,
                                env=dict(os.environ, LC_ALL="C.UTF-8"), encoding="utf-8", errors="replace")
        save_recording(os.path.join(self.recordings, recording + ".json"), list(args), self.proxy.take(),
                       exit=result.returncode)
        check(result.returncode == expect, f"`postino {' '.join(args)}` exited {result.returncode}, not {expect}: "
                                           f"{(result.stderr or result.stdout).strip()[:400]}")
        return result

    def held_by(self, predicate):
        """The quarantine ids whose WebAdmin description satisfies predicate(mail)."""
        return [key for key in self.repository_keys(QUARANTINE) if predicate(self.stored(QUARANTINE, key))]

    def hold(self, name, sample, predicate):
        """Sends SAMPLE and waits until the quarantine holds one more mail that satisfies predicate."""
        before = set(self.held_by(predicate))
        sample.send(self.james.smtp_port)
        def arrived():
            new = [k for k in self.held_by(predicate) if k not in before]
            check(len(new) == 1, f"{name}: {len(new)} new quarantined copies")
            return new[0]
        self.held[name] = eventually(arrived)
        return self.held[name]

    def by_message_id(self, n):
        return lambda mail: header(mail, "Message-ID") == self.samples[n].message_id

    def hostile_quarantined(self):
        sample = Sample(os.path.join(self.args.project, RECORDED), "hostile")
        key = self.hold("hostile", sample, lambda mail: mail.get("sender") == HOSTILE_SENDER)
        self.held["34"] = self.held_by(self.by_message_id("34"))[0]
        self.held["32"] = self.held_by(self.by_message_id("32"))[0]
        return f"held as {key}"

    def jar_list(self):
        out = self.postino("list", "quarantine", "list").stdout
        keys = self.repository_keys(QUARANTINE)
        check(len(keys) == 4 and all(k in out for k in keys), f"{len(keys)} held, the table: {out[:600]}")
        check(f"{len(keys)} held message(s) in var/mail/quarantine" in out, "no count line")
        listed = json.loads(self.postino("list-json", "quarantine", "list", "--json").stdout)
        check(sorted(m["id"] for m in listed) == sorted(keys), f"--json ids {[m['id'] for m in listed]}")
        smuggling = json.loads(self.postino("list-reason", "quarantine", "list", "--reason", "smuggling", "--json").stdout)
        check([m["id"] for m in smuggling] == [self.held["34"]], f"--reason smuggling: {smuggling}")
        sender = json.loads(self.postino("list-sender", "quarantine", "list", "--sender", "*@fatture-online.example",
                                         "--json").stdout)
        check([m["id"] for m in sender] == [self.held["34"]], f"--sender *@fatture-online.example: {sender}")
        return f"{len(keys)} rows; --reason and --sender select {self.held['34']}"

    def jar_show(self):
        out = self.postino("show", "quarantine", "show", self.held["34"]).stdout
        check("HTML_SMUGGLING" in out and "Fattura_4471.html" in out and "dangerous" in out, f"show: {out[:600]}")
        check("Content-Transfer-Encoding" not in out and "PGh0bWw" not in out, "show printed the content")
        hostile = self.postino("show-hostile", "quarantine", "show", self.held["hostile"]).stdout
        check("\u202e" not in hostile and "\u200b" not in hostile and "\x1b" not in hostile, "a hidden character reached the terminal")
        check("[U+202E]" in hostile and "[40 spaces]" in hostile, "hidden characters are not shown as tokens")
        unknown = self.postino("show-unknown", "quarantine", "show", "Q-20261205-ZZZZZZZZ", expect=1)
        lines = unknown.stderr.strip().splitlines()
        check(lines == ["postino quarantine show: no message Q-20261205-ZZZZZZZZ in var/mail/quarantine"], f"{lines}")
        return f"{len(hostile.splitlines())} lines for the hostile mail, RTLO shown as [U+202E]"

    def jar_export(self):
        result = self.postino("export", "quarantine", "export", self.held["34"], "-o", "exported.eml")
        with open(os.path.join(self.work, "exported.eml"), "rb") as f:
            exported = f.read()
        status, stored = self.stored_raw(QUARANTINE, self.held["34"])
        check(exported == stored, "the file differs from what WebAdmin stores")
        check(result.stderr.startswith("warning: "), f"no warning line: {result.stderr!r}")
        return f"{len(exported)} bytes; {result.stderr.strip()[:90]}…"

    def jar_release(self):
        refused = self.postino("release-not-for", "quarantine", "release", self.held["32"],
                               "--recipient", "giulia.neri@acme.example", expect=1)
        check("is not held for giulia.neri@acme.example" in refused.stderr, refused.stderr)
        two = ["anna.bianchi@acme.example", "giulia.neri@acme.example"]
        several = self.hold("30-two", _Resent(self.samples["30"], two), lambda mail: header(mail, "Message-ID")
                            == self.samples["30"].message_id and sorted(mail["recipients"]) == two)
        refused = self.postino("release-several", "quarantine", "release", several, "--recipient", two[0], expect=1)
        check("is held for 2 recipients" in refused.stderr, refused.stderr)
        out = self.postino("release", "quarantine", "release", self.held["34"]).stdout
        check(out.startswith(f"released {self.held['34']} into the 'release' processor"), out)
        self.settle()
        found = with_id(self.inbox("anna.bianchi"), self.samples["34"].message_id)
        check(len(found) == 1, f"anna has 34 {len(found)} times")
        time.sleep(5)
        found = with_id(self.inbox("anna.bianchi", refresh=True), self.samples["34"].message_id)
        check(len(found) == 1, f"{len(found)} copies a few seconds later")
        check(self.held["34"] not in self.repository_keys(QUARANTINE), "still in the quarantine")
        return out.strip()

    def jar_delete(self):
        out = self.postino("delete", "quarantine", "delete", self.held["32"]).stdout
        check(out.startswith(f"deleted {self.held['32']}"), out)
        status, _ = self.admin.call("GET", f"/mailRepositories/{QUARANTINE}/mails/{self.held['32']}")
        check(status == 404, f"still there (HTTP {status})")
        again = self.postino("delete-unknown", "quarantine", "delete", self.held["32"], expect=1)
        check(f"no message {self.held['32']} in var/mail/quarantine" in again.stderr, again.stderr)
        return out.strip()

    def jar_console(self):
        released = self.hold("33-again", self.samples["33"], self.by_message_id("33"))
        hostile = self.held["hostile"]
        self.proxy.take()
        process = subprocess.Popen([self.args.java, "-jar", self.args.jar, "console", "--webadmin", self.proxy_url(),
                                    "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   env=dict(os.environ, LC_ALL="C.UTF-8"), encoding="utf-8", errors="replace")
        try:
            started = process.stdout.readline()
            m = re.search(r" at (http://127\.0\.0\.1:\d+)/", started)
            check(m, f"the console did not start: {started}")
            base = m.group(1)
            browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

            def get(path):
                with browser.open(base + path, timeout=120) as response:
                    return response.read().decode("utf-8")

            def post(path, form, origin=True):
                request = urllib.request.Request(base + path, data=urllib.parse.urlencode(form).encode(), method="POST",
                                                 headers={"Origin": base} if origin else {})
                with browser.open(request, timeout=120) as response:
                    return response.read().decode("utf-8")

            page = get("/")
            keys = self.repository_keys(QUARANTINE)
            check(all(k in page for k in keys), f"the list lacks some of {keys}")
            page = get("/?q=" + urllib.parse.quote("documenti di spedizione"))
            check(released in page and hostile not in page, "the filter did not select the shipping documents")
            check("ENCRYPTED_CONTENT" in get(f"/mail/{released}"), "no findings in the detail page")
            confirm = get(f"/mail/{released}/release")
            csrf = re.search(r'name="csrf" value="([^"]+)"', confirm).group(1)
            try:
                post(f"/mail/{released}/release", {})
                raise AssertionError("a release without the CSRF token was accepted")
            except urllib.error.HTTPError as e:
                check(e.code == 403, f"HTTP {e.code} for a release without the token")
            page = post(f"/mail/{released}/release", {"csrf": csrf})
            check(f"Released {released}" in page and f'href="/mail/{released}"' not in page, "still listed after release")
            detail = get(f"/mail/{hostile}")
            check("<script" not in detail and "<img" not in detail, "hostile markup reached the page unescaped")
            check("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;" in detail and "[U+202E]</mark>" in detail,
                  "the hostile Subject is not shown escaped with its RTLO marked")
            confirm = get(f"/mail/{hostile}/delete")
            csrf = re.search(r'name="csrf" value="([^"]+)"', confirm).group(1)
            page = post(f"/mail/{hostile}/delete", {"csrf": csrf})
            check(f"Deleted {hostile}" in page, "no confirmation of the delete")
        finally:
            process.terminate()
            process.wait(timeout=30)
        save_recording(os.path.join(self.recordings, "console-session.json"), ["console"], self.proxy.take(),
                       notes={"release": released, "hostile": hostile})
        self.settle()
        found = with_id(self.inbox("anna.bianchi", refresh=True), self.samples["33"].message_id)
        check(len(found) == 1, f"anna has 33 {len(found)} times after the console's release")
        check(hostile not in self.repository_keys(QUARANTINE), "the hostile mail is still held")
        return f"released {released} (delivered once), deleted {hostile}; a POST without the token: 403"

    def ages(self):
        """{quarantine id: seconds since WebAdmin's lastUpdated}."""
        now = datetime.now(timezone.utc)
        return {key: (now - _instant(self.stored(QUARANTINE, key)["lastUpdated"].replace("+0000", "+00:00"))).total_seconds()
                for key in self.repository_keys(QUARANTINE)}

    def jar_expire(self):
        youngest = min(self.ages().values(), default=60)
        time.sleep(max(0, 30 - youngest))   # so that an age separates what is held from the fresh copy
        fresh = self.hold("34-again", self.samples["34"], self.by_message_id("34"))
        ages = self.ages()
        older = sorted(k for k in ages if k != fresh)
        age = f"{int(ages[fresh]) + 15}s"
        check(older and min(ages[k] for k in older) > int(ages[fresh]) + 20, f"ages {ages}: no gap to expire across")
        dry = self.postino("expire-dry-run", "quarantine", "expire", "--older-than", age, "--dry-run").stdout
        check(all(f"would delete {k}" in dry for k in older) and fresh not in dry, dry)
        check(sorted(self.repository_keys(QUARANTINE)) == sorted(ages), "the dry run deleted something")
        out = self.postino("expire", "quarantine", "expire", "--older-than", age).stdout
        check(all(f"deleted {k}" in out for k in older), out)
        check(self.repository_keys(QUARANTINE) == [fresh], f"left: {self.repository_keys(QUARANTINE)}")
        return f"--older-than {age}: {len(older)} deleted ({', '.join(older)}), {fresh} ({ages[fresh]:.0f} s old) kept"

    def jar_missing_repository(self):
        result = self.postino("missing-repository", "quarantine", "list", "--repository", "memory://var/mail/nope/", expect=1)
        lines = result.stderr.strip().splitlines()
        check(len(lines) == 1 and "the repository var/mail/nope does not exist" in lines[0], f"{lines}")
        return lines[0]


def save_recording(path, command, exchanges, exit=None, notes=None):
    """A recording as the admin tests' RecordedWebAdmin reads it: the command line without --webadmin,
    its exit status, and its WebAdmin exchanges in order."""
    document = {"command": command, "exit": exit, "exchanges": exchanges}
    if notes:
        document["notes"] = notes
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, ensure_ascii=False)
        f.write("\n")


class _Resent:
    """A sample sent again to other recipients."""
    def __init__(self, sample, recipients):
        self.sample, self.recipients = sample, recipients

    def send(self, port):
        self.sample.send(port, self.recipients)


HOLD_SETTINGS = {
    "hold": "repository", "baseDelay": "60-70s", "visibleRecipientDelay": "1-2s", "bccRecipientDelay": "1-2s",
    "edgeWindow": "1m", "edgeDelay": "1-2s", "workingHours": "00:00-23:59", "workingDays": "MON-SUN",
    "timeZone": "UTC", "holidays": "none",
}


class HoldPhase:
    """The delay rules as on James's distributed server: a second server from the same folder,
    ProductivityDelay with hold=repository and delays of about a minute, released by the drop-in
    jar's release-held command, run as an administrator's cron job would run it."""

    def __init__(self, check):
        self.check = check
        self.report = check.report
        self.args = check.args
        self.james = JamesCopy(check.args.james_home, tempfile.mkdtemp(prefix="postino-real-james-hold-"))
        self.sink = Sink()
        self.record_dir = os.environ.get("POSTINO_RECORD_DIR")
        self.proxy = None
        self.message_id = "<hold-phase-1@acme.example>"

    def run(self):
        print("Second server: ProductivityDelay with " + ", ".join(f"{k}={v}" for k, v in HOLD_SETTINGS.items()))
        try:
            sample = os.path.join(self.james.home + "-mailetcontainer.xml")
            with open(os.path.join(self.args.project, "conf-samples", "mailetcontainer.xml"), encoding="utf-8") as f:
                text = f.read()
            with open(sample, "w", encoding="utf-8") as f:
                f.write(self.configure(text))
            self.james.install(self.args.jar, sample, self.sink.port)
            self.james.start(self.args.java, java_options=["-Djames.lifecycle.leak.detection.mode=advanced"])
            print(f"James started (pid {self.james.process.pid}): SMTP {self.james.smtp_port}, IMAP {self.james.imap_port}, "
                  f"WebAdmin {self.james.webadmin_port}", flush=True)
            self.admin = WebAdmin(self.james.webadmin_port)
            self.proxy = RecordingProxy(self.james.webadmin_port) if self.record_dir else None
            self.scenarios()
        except SetupError as e:
            print(f"FAIL  hold=repository: setup — {e}")
            self.report.failures += 1
        finally:
            self.james.stop()
            print(f"James stopped (pid {self.james.process.pid if self.james.process else '-'}); log: {self.james.log_path}")

    @staticmethod
    def configure(text):
        start = text.index('class="dev.postino.mailets.ProductivityDelay">')
        end = text.index("</mailet>", start)
        block = text[start:end]
        for name, value in HOLD_SETTINGS.items():
            if f"<{name}>" in block:
                block = re.sub(rf"<{name}>[^<]*</{name}>", f"<{name}>{value}</{name}>", block)
            else:
                block += f"    <{name}>{value}</{name}>\n            "
        return text[:start] + block + text[end:]

    def scenarios(self):
        r = self.report
        r.run("hold=repository: WARN at start that only release-held releases held mail", self.start_warning)
        r.run("hold=repository: intra-company mail held in the bucket of its due minute, listed by WebAdmin", self.held)
        r.run("hold=repository: not in the inbox before it is due; the client's copy left at once", self.not_yet)
        r.run("hold=repository: release-held before the due time releases nothing", self.release_too_early)
        r.run("hold=repository: release-held after the due time delivers it once", self.release_when_due)
        r.run("hold=repository: a second release-held run releases nothing, nothing delivered twice", self.release_again)
        r.run("hold=repository: metrics held and released", self.metrics)

    def start_warning(self):
        check(re.search(r"\[WARN \] d\.p\.m\.ProductivityDelay - ProductivityDelay: held mail waits in "
                        r"memory://var/mail/postino-held/", self.james.log()), "no WARN at start")

    def held(self):
        self.admin.ok("PUT", f"/domains/{DOMAIN}")
        for user in USERS:
            self.admin.ok("PUT", f"/users/{user}@{DOMAIN}", {"password": "secret"})
        data = (f"From: mario.rossi@{DOMAIN}\r\nTo: anna.bianchi@{DOMAIN}, client@example.com\r\nCc: luca.verdi@{DOMAIN}\r\n"
                f"Subject: Riunione\r\nMessage-ID: {self.message_id}\r\nMIME-Version: 1.0\r\n"
                "Content-Type: text/plain; charset=UTF-8\r\n\r\nAlle 11.\r\n").encode()
        send(self.james.smtp_port, f"mario.rossi@{DOMAIN}", [f"anna.bianchi@{DOMAIN}", f"luca.verdi@{DOMAIN}",
             "client@example.com"], data, auth=f"mario.rossi@{DOMAIN}")
        def listed():
            buckets = [r["repository"] for r in self.admin.json("GET", "/mailRepositories")
                       if r["repository"].startswith("var/mail/postino-held/")]
            check(len(buckets) == 1, f"buckets: {buckets}")
            return buckets[0]
        self.bucket = eventually(listed, 30)
        path = WebAdmin.repository(self.bucket)
        check(self.admin.json("GET", f"/mailRepositories/{path}")["size"] == 1, "not one mail in the bucket")
        key = self.admin.json("GET", f"/mailRepositories/{path}/mails")[0]
        mail = self.admin.json("GET", f"/mailRepositories/{path}/mails/{key}?additionalFields=attributes")
        attributes = mail["attributes"]
        self.due = _instant(attributes["postino.delay.until"])
        name = self.bucket.rsplit("/", 1)[1]
        expected = (self.due + timedelta(seconds=59.999999)).strftime("%Y%m%dT%H%M")
        check(attributes.get("postino.delay.bucket") == name and name == expected,
              f"bucket {name}, attribute {attributes.get('postino.delay.bucket')}, due {self.due} (expected {expected})")
        check(sorted(mail["recipients"]) == [f"anna.bianchi@{DOMAIN}", f"luca.verdi@{DOMAIN}"], f"recipients {mail['recipients']}")
        return f"{self.bucket}: {mail['recipients']}, due {self.due.isoformat()}, state {mail['state']}"

    def inbox_count(self, user):
        return len(with_id(mailbox(self.james.imap_port, f"{user}@{DOMAIN}"), self.message_id))

    def not_yet(self):
        check(self.inbox_count("anna.bianchi") == 0 and self.inbox_count("luca.verdi") == 0, "delivered already")
        eventually(lambda: check(self.sink.to("client@example.com"), "the client's copy did not leave"), 30)

    def release_held(self, record_as):
        port = self.proxy.port if self.proxy else self.james.webadmin_port
        result = subprocess.run([self.args.java, "-jar", self.args.jar, "release-held", "--webadmin",
                                 f"http://127.0.0.1:{port}"], capture_output=True, text=True, timeout=300)
        if self.proxy:
            os.makedirs(self.record_dir, exist_ok=True)
            with open(os.path.join(self.record_dir, record_as), "w", encoding="utf-8") as f:
                json.dump({"command": "release-held", "exit": result.returncode, "stdout": result.stdout,
                           "exchanges": self.proxy.take()}, f, indent=1)
        return result

    def release_too_early(self):
        check(datetime.now(timezone.utc) < self.due, "the mail is due already; the check was too slow")
        result = self.release_held("release-held-nothing-due.json")
        check(result.returncode == 0 and result.stdout.startswith("nothing due in var/mail/postino-held"),
              f"exit {result.returncode}: {result.stdout}{result.stderr}")
        check(self.admin.json("GET", f"/mailRepositories/{WebAdmin.repository(self.bucket)}")["size"] == 1, "released")
        return result.stdout.strip()

    def release_when_due(self):
        bucket_due = datetime.strptime(self.bucket.rsplit("/", 1)[1], "%Y%m%dT%H%M").replace(tzinfo=timezone.utc)
        time.sleep(max(0.0, (bucket_due - datetime.now(timezone.utc)).total_seconds()) + 1)
        result = self.release_held("release-held-released.json")
        check(result.returncode == 0 and result.stdout.startswith(f"released 1 mail(s) from {self.bucket}"),
              f"exit {result.returncode}: {result.stdout}{result.stderr}")
        eventually(lambda: check(self.inbox_count("anna.bianchi") == 1 and self.inbox_count("luca.verdi") == 1,
                                 "not delivered to anna and luca"), 60)
        return result.stdout.strip()

    def release_again(self):
        result = self.release_held("release-held-after.json")
        check(result.returncode == 0 and result.stdout.startswith("nothing due"), f"{result.stdout}{result.stderr}")
        time.sleep(3)
        check(self.inbox_count("anna.bianchi") == 1 and self.inbox_count("luca.verdi") == 1, "delivered twice")

    def metrics(self):
        status, content = self.admin.call("GET", "/metrics", accept="text/plain")
        text = content.decode()
        for name in ("postino_delay_held_total", "postino_delay_released_total"):
            m = re.search(rf"(?m)^{name} ([0-9.]+)$", text)
            check(m and float(m.group(1)) >= 1, f"{name}: {m.group(1) if m else 'absent'}")


def made_by_postino(report):
    """Whether a leak report's allocation trace (advanced mode) is Postino's: its innermost Postino
    frame is a mailet or matcher, and no James store (mail repository, queue) made the resource on
    its behalf. The same rule as the sandbox's ResourceLeakTest."""
    frames = [line.strip() for line in report.splitlines()[2:] if line.startswith("\t")]
    for i, frame in enumerate(frames):
        if frame.startswith("dev.postino."):
            stored = any(f.startswith(("org.apache.james.mailrepository.", "org.apache.james.queue.")) for f in frames[:i])
            return frame.startswith(("dev.postino.mailets.", "dev.postino.matchers.")) and not stored
    return False


def _instant(text):
    """An ISO instant or zoned date-time as printed by James and Java ('...+01:00[Europe/Rome]')."""
    text = re.sub(r"\[.*\]$", "", text.strip())
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--james-home", required=True)
    parser.add_argument("--jar", required=True)
    parser.add_argument("--java", required=True)
    parser.add_argument("--project", required=True)
    return Check(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
