package dev.postino.admin.console;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import dev.postino.admin.Arguments;
import dev.postino.admin.Command;
import dev.postino.admin.UsageException;
import dev.postino.admin.WebAdmin;
import dev.postino.admin.quarantine.Quarantine;

/** {@code console}: the quarantine in a browser, served from the administrator's machine or the server. */
public final class ConsoleCommand implements Command {

    /** Where the access token comes from when {@code --access-token} is not given. */
    public static final String ACCESS_TOKEN_VARIABLE = "POSTINO_CONSOLE_TOKEN";
    static final String DEFAULT_LISTEN = "127.0.0.1:8090";
    private static final int MIN_TOKEN_LENGTH = 16;

    @Override
    public String name() {
        return "console";
    }

    @Override
    public List<String> usage() {
        return List.of(
            "console [--listen 127.0.0.1:8090] [--repository URL|PATH] [--access-token TOKEN]   the quarantine in a browser",
            "  --listen HOST:PORT      where it answers (default " + DEFAULT_LISTEN + ", this machine only)",
            "  --access-token TOKEN    required on any address but loopback (or " + ACCESS_TOKEN_VARIABLE + "); 16+ characters");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Set<String> options = new HashSet<>(Arguments.WEBADMIN_OPTIONS);
        options.addAll(Set.of("--repository", "--listen", "--access-token"));
        Arguments arguments = Arguments.parse(args, options, Set.of());
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("unexpected word '" + arguments.positional().get(0) + "'");
        }
        WebAdmin webAdmin = arguments.webAdmin();
        InetSocketAddress listen = listen(arguments.value("--listen").orElse(DEFAULT_LISTEN));
        Optional<String> token = arguments.value("--access-token")
            .or(() -> Optional.ofNullable(System.getenv(ACCESS_TOKEN_VARIABLE))).filter(t -> !t.isBlank());
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new UsageException("--access-token: use at least " + MIN_TOKEN_LENGTH + " characters, e.g. from `openssl rand -base64 24`");
        }
        if (token.isEmpty() && !listen.getAddress().isLoopbackAddress()) {
            throw new UsageException("--listen " + listen.getAddress().getHostAddress() + " is reachable from other machines:"
                + " give an --access-token (or " + ACCESS_TOKEN_VARIABLE + "), e.g. from `openssl rand -base64 24`");
        }
        Quarantine quarantine = new Quarantine(webAdmin, arguments.value("--repository").orElse(Quarantine.DEFAULT_REPOSITORY));
        ConsoleServer.Settings settings = new ConsoleServer.Settings(listen, token,
            quarantine.path() + " on WebAdmin " + shownAddress(webAdmin.base()), out);
        ConsoleServer console;
        try {
            console = ConsoleServer.start(quarantine, settings);
        } catch (IOException e) {
            err.println("postino console: cannot listen on " + listen + ": " + e.getMessage());
            return 1;
        }
        out.println("Postino console for " + settings.where() + " at " + console.uri()
            + (token.isPresent() ? " (sign in with the access token)" : "") + "; Ctrl-C stops it");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.stop();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.stop();
        }
        return 0;
    }

    static InetSocketAddress listen(String text) throws UsageException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException("--listen: '" + text + "' is not HOST:PORT, e.g. 127.0.0.1:8090");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--listen: '" + text + "' has no port number");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageException("--listen: unknown host '" + host + "'");
        }
    }

    /** The WebAdmin address without any user information or query: the header of every page shows it. */
    static String shownAddress(URI base) {
        return base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort())
            + Optional.ofNullable(base.getRawPath()).orElse("");
    }
}
