"""A copy of a James 3.9.x memory-app folder with Postino installed, started and stopped by pid.

The installation is what the README's "Install into James" section tells an administrator to do:
the drop-in jar in extensions-jars/, conf-samples/mailetcontainer.xml as conf/mailetcontainer.xml,
and the one documented logging line in James's own conf/logback.xml. Everything else this module
changes is the test environment, each edit named in `ENVIRONMENT_EDITS` and printed by the check.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import time

POSTINO_LOGGER = '<logger name="dev.postino" level="INFO"/>'
METRICS_ROUTE = "org.apache.james.webadmin.dropwizard.MetricsRoutes"
DSN_HOOKS = ["org.apache.james.smtpserver.dsn.DSNEhloHook",
             "org.apache.james.smtpserver.dsn.DSNMailParameterHook",
             "org.apache.james.smtpserver.dsn.DSNRcptParameterHook",
             "org.apache.james.smtpserver.dsn.DSNMessageHook"]

ENVIRONMENT_EDITS = [
    "free loopback ports for SMTP, IMAP and WebAdmin (the first server of each)",
    "SMTP: James's DSN hooks, so clients may send NOTIFY (James's documented DSN set-up)",
    "JVM: -Djames.lifecycle.leak.detection.mode=advanced (James's leak detector also records where)",
    "WebAdmin: extensions.routes=" + METRICS_ROUTE + " (James's documented Prometheus endpoint)",
    "mailetcontainer.xml: RemoteDelivery relays through a local SMTP sink instead of DNS",
    "mailetcontainer.xml: dangerous mail for luca.verdi@acme.example goes to the sample's quarantine-strip processor",
]


class SetupError(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _sub_once(pattern, repl, text, where, flags=0):
    new, n = re.subn(pattern, lambda m: repl(m) if callable(repl) else repl, text, count=1, flags=flags)
    if n != 1:
        raise SetupError(f"{where}: cannot find {pattern!r}")
    return new


def _first_server(text, tag, where):
    m = re.search(rf"<{tag}\b[^>]*>.*?</{tag}>", _strip_comments_keep_length(text), re.S)
    if not m:
        raise SetupError(f"{where}: no <{tag}>")
    return m.start(), m.end()


def _strip_comments_keep_length(text):
    """Comments blanked with spaces, so positions in the result are positions in the original."""
    return re.sub(r"<!--.*?-->", lambda m: " " * len(m.group(0)), text, flags=re.S)


class JamesCopy:
    def __init__(self, source, workdir):
        self.source = source
        self.home = os.path.join(workdir, "james")
        self.smtp_port = free_port()
        self.imap_port = free_port()
        self.webadmin_port = free_port()
        self.process = None
        self.log_path = os.path.join(self.home, "server.log")

    # -- installation ---------------------------------------------------------------------------
    def install(self, jar, mailetcontainer, sink_port):
        if not os.path.isfile(os.path.join(self.source, "james-server-memory-app.jar")):
            raise SetupError(f"{self.source} has no james-server-memory-app.jar (a James memory-app folder is needed)")
        skip = {"var", "logs", "pid", "server.log"}
        shutil.copytree(self.source, self.home, symlinks=True,
                        ignore=lambda d, names: [n for n in names if d == self.source and n in skip])
        extensions = os.path.join(self.home, "extensions-jars")
        os.makedirs(extensions, exist_ok=True)
        for name in os.listdir(extensions):
            if name.startswith("postino"):
                os.remove(os.path.join(extensions, name))
        shutil.copy(jar, extensions)
        self._install_mailetcontainer(mailetcontainer, sink_port)
        self._install_logging()
        self._set_ports()
        self._enable_dsn()
        self._enable_metrics()

    def _conf(self, name):
        return os.path.join(self.home, "conf", name)

    def _read(self, name):
        with open(self._conf(name), encoding="utf-8") as f:
            return f.read()

    def _write(self, name, text):
        with open(self._conf(name), "w", encoding="utf-8") as f:
            f.write(text)

    def _install_mailetcontainer(self, sample, sink_port):
        with open(sample, encoding="utf-8") as f:
            text = f.read()
        text = _sub_once(r"(<mailet match=\"All\" class=\"RemoteDelivery\">)",
                         lambda m: m.group(1) + f"\n                <gateway>127.0.0.1:{sink_port}</gateway>",
                         text, "mailetcontainer.xml RemoteDelivery")
        strip_route = (
            '<matcher name="postino-check-strip" match="org.apache.james.mailetcontainer.impl.matchers.And">\n'
            '                <matcher match="dev.postino.matchers.HasDangerousAttachment"/>\n'
            '                <matcher match="RecipientIs=luca.verdi@acme.example"/>\n'
            '            </matcher>\n'
            '            <mailet match="postino-check-strip" class="ToProcessor">\n'
            '                <processor>quarantine-strip</processor>\n'
            '            </mailet>\n            ')
        text = _sub_once(r"(<mailet match=\"dev\.postino\.matchers\.HasDangerousAttachment\" class=\"ToProcessor\">)",
                         lambda m: strip_route + m.group(1), text, "mailetcontainer.xml HasDangerousAttachment")
        self._write("mailetcontainer.xml", text)

    def _install_logging(self):
        text = self._read("logback.xml")
        if POSTINO_LOGGER not in text:
            text = _sub_once(r"</configuration>", "        " + POSTINO_LOGGER + "\n</configuration>", text, "logback.xml")
        self._write("logback.xml", text)

    def _set_ports(self):
        for name, tag, port in (("smtpserver.xml", "smtpserver", self.smtp_port),
                                ("imapserver.xml", "imapserver", self.imap_port)):
            text = self._read(name)
            start, end = _first_server(text, tag, name)
            block = _sub_once(r"<bind>[^<]*</bind>", f"<bind>127.0.0.1:{port}</bind>", text[start:end], name)
            block = _sub_once(r"<(smtpserver|imapserver)\b[^>]*>", lambda m: f'<{m.group(1)} enabled="true">', block, name)
            self._write(name, text[:start] + block + text[end:])
        text = self._read("webadmin.properties")
        text = _sub_once(r"(?m)^port\s*=.*$", f"port={self.webadmin_port}", text, "webadmin.properties")
        text = _sub_once(r"(?m)^host\s*=.*$", "host=127.0.0.1", text, "webadmin.properties")
        self._write("webadmin.properties", text)

    def _enable_dsn(self):
        text = self._read("smtpserver.xml")
        start, end = _first_server(text, "smtpserver", "smtpserver.xml")
        block = text[start:end]
        missing = [h for h in DSN_HOOKS if h not in block]
        if missing:
            lines = "".join(f'\n            <handler class="{h}"/>' for h in missing)
            block = _sub_once(r"(<handlerchain[^>]*>)", lambda m: m.group(1) + lines, block, "smtpserver.xml handlerchain")
        self._write("smtpserver.xml", text[:start] + block + text[end:])

    def _enable_metrics(self):
        text = self._read("webadmin.properties")
        if re.search(r"(?m)^extensions\.routes\s*=", text):
            text = re.sub(r"(?m)^(extensions\.routes\s*=.*)$",
                          lambda m: m.group(1) if METRICS_ROUTE in m.group(1) else m.group(1) + "," + METRICS_ROUTE, text)
        else:
            text += f"\nextensions.routes={METRICS_ROUTE}\n"
        self._write("webadmin.properties", text)

    # -- life cycle -------------------------------------------------------------------------------
    def start(self, java, timeout=180, java_options=()):
        for port in (self.smtp_port, self.imap_port, self.webadmin_port):
            if port_open(port):
                raise SetupError(f"port {port} is taken")
        os.makedirs(os.path.join(self.home, "var"), exist_ok=True)
        os.makedirs(os.path.join(self.home, "logs"), exist_ok=True)
        command = [java, *java_options, "-Dworking.directory=.", "-Dlogback.configurationFile=conf/logback.xml",
                   "-Djdk.tls.ephemeralDHKeySize=2048", "-Dextra.props=conf/jvm.properties",
                   "-jar", "james-server-memory-app.jar"]
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, cwd=self.home, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SetupError(f"James exited with {self.process.returncode}; last lines:\n" + self.log_tail())
            if all(port_open(p) for p in (self.smtp_port, self.imap_port, self.webadmin_port)):
                return
            time.sleep(1)
        raise SetupError(f"James did not open its ports within {timeout}s; last lines:\n" + self.log_tail())

    def collect_garbage(self, java):
        """Runs a full GC in the server (jcmd beside java), so James's leak detector reports now."""
        jcmd = os.path.join(os.path.dirname(java), "jcmd")
        for _ in range(2):
            subprocess.run([jcmd, str(self.process.pid), "GC.run"], check=True, capture_output=True, timeout=60)
            time.sleep(2)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log().splitlines()[-lines:])
        except OSError:
            return "(no log)"
