package dev.postino.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.postino.admin.WebAdminException;
import dev.postino.admin.quarantine.HeldMail;
import dev.postino.admin.quarantine.ListFilter;
import dev.postino.admin.quarantine.Quarantine;

/**
 * The web console: the quarantine's list, a message's details and its release and delete, served on
 * the JDK's HTTP server.
 *
 * <p>It shows text an attacker wrote to an administrator who can release mail, so:
 * <ul>
 *   <li>every page forbids scripts, frames, plugins and remote loads ({@code Content-Security-Policy}),
 *       on top of escaping every value ({@link Html});</li>
 *   <li>changes are POSTs that carry the session's CSRF token, from the console's own origin, with a
 *       session cookie that browsers never send from another site ({@code SameSite=Strict});</li>
 *   <li>without an access token it serves only requests addressed to a loopback name, so a web page
 *       that rebinds its own DNS name to 127.0.0.1 cannot read it; with one, every page needs a
 *       session opened with the token;</li>
 *   <li>the WebAdmin token stays in this process: no page, header or message carries it.</li>
 * </ul>
 */
public final class ConsoleServer {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'none'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Pattern MAIL_PATH = Pattern.compile("/mail/([^/]+)(?:/(release|delete))?");
    private static final int MAX_FORM_BYTES = 8192;

    /**
     * How the console runs: where it listens, the access token if any, what its header says, and
     * where it writes one line per release, delete and refused sign-in (the command's standard output).
     */
    public record Settings(InetSocketAddress listen, Optional<String> accessToken, String where, PrintStream audit) {
    }

    private final Quarantine quarantine;
    private final Settings settings;
    private final Sessions sessions;
    private final Pages pages;
    private final HttpServer server;
    private final ExecutorService workers;
    private final byte[] css;

    private ConsoleServer(Quarantine quarantine, Settings settings, Clock clock) throws IOException {
        this.quarantine = quarantine;
        this.settings = settings;
        this.sessions = new Sessions(clock);
        this.pages = new Pages(settings.where());
        try (InputStream in = ConsoleServer.class.getResourceAsStream("style.css")) {
            this.css = in.readAllBytes();
        }
        this.server = HttpServer.create(settings.listen(), 0);
        this.workers = Executors.newFixedThreadPool(4);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Starts the console; {@link #stop()} ends it. */
    public static ConsoleServer start(Quarantine quarantine, Settings settings) throws IOException {
        ConsoleServer console = new ConsoleServer(quarantine, settings, Clock.systemUTC());
        console.server.start();
        return console;
    }

    /** Where it answers, e.g. {@code http://127.0.0.1:8090/}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    public void stop() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = route(exchange);
            } catch (WebAdminException e) {
                response = Response.html(502, pages.message("WebAdmin failed", e.getMessage()));
            } catch (RuntimeException e) {
                response = Response.html(500, pages.message("Console error", e.toString()));
            }
            try {
                response.send(exchange);
            } catch (UncheckedIOException browserGone) {
                // the browser closed the connection: nothing to answer
            }
        }
    }

    private Response route(HttpExchange exchange) throws IOException, WebAdminException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (settings.accessToken().isEmpty() && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
            return Response.text(421, "This console answers only at a loopback address such as "
                + "127.0.0.1:" + server.getAddress().getPort() + ".");
        }
        if (path.equals("/style.css") && method.equals("GET")) {
            return new Response(200, "text/css; charset=utf-8", css, Map.of());
        }
        if (!method.equals("GET") && !method.equals("POST")) {
            return Response.text(405, "GET or POST only.");
        }
        if (method.equals("POST") && !sameOrigin(exchange)) {
            return Response.text(403, "A change must come from the console's own pages.");
        }
        Optional<Sessions.Session> session = sessions.find(cookie(exchange));
        if (path.equals("/login") && settings.accessToken().isPresent()) {
            return method.equals("GET") ? Response.html(200, pages.login(false)) : login(exchange);
        }
        Response.Cookie newCookie = null;
        if (session.isEmpty()) {
            if (settings.accessToken().isPresent() || method.equals("POST")) {
                return method.equals("GET") ? Response.redirect("/login", null)
                    : Response.text(403, "No session: open the console's page again.");
            }
            session = Optional.of(sessions.create());
            newCookie = new Response.Cookie(session.get().id());
        }
        Sessions.Session current = session.get();
        if (method.equals("POST")) {
            Map<String, String> form = form(exchange);
            if (form == null || !current.csrfMatches(form.get("csrf"))) {
                return Response.text(403, "This form has expired: open the page again.");
            }
        }
        Response response = dispatch(method, path, exchange.getRequestURI(), current);
        return newCookie == null ? response : response.withCookie(newCookie);
    }

    private Response dispatch(String method, String path, URI uri, Sessions.Session session) throws WebAdminException {
        if (path.equals("/") && method.equals("GET")) {
            return list(query(uri), session);
        }
        Matcher matcher = MAIL_PATH.matcher(path);
        if (!matcher.matches() || !Quarantine.isKey(matcher.group(1))) {
            return Response.html(404, pages.message("Not found", "There is no such page."));
        }
        String id = matcher.group(1);
        Optional<HeldMail> mail = quarantine.find(id);
        if (mail.isEmpty()) {
            return Response.html(404, pages.message("Not in the quarantine",
                id + " is not in " + quarantine.path() + " (released or deleted already?)"));
        }
        if (matcher.group(2) == null) {
            return method.equals("GET") ? Response.html(200, pages.detail(mail.get(), session.takeFlash()))
                : Response.text(405, "GET only.");
        }
        Pages.Action action = matcher.group(2).equals("release") ? Pages.Action.RELEASE : Pages.Action.DELETE;
        if (method.equals("GET")) {
            return Response.html(200, pages.confirm(mail.get(), action, session.csrf()));
        }
        if (action == Pages.Action.DELETE) {
            quarantine.delete(mail.get());
            audit("deleted " + id + " from " + quarantine.path());
            session.flash("Deleted " + id + ".");
            return Response.redirect("/", null);
        }
        Quarantine.Task task = quarantine.release(mail.get(), Quarantine.RELEASE_PROCESSOR);
        audit("released " + id + " from " + quarantine.path() + ": WebAdmin task " + task.id() + " " + task.status());
        if (!task.completed()) {
            session.flash("The release of " + id + " did not complete: WebAdmin task " + task.id() + " " + task.status() + ".");
            return Response.redirect("/mail/" + id, null);
        }
        session.flash("Released " + id + " to " + String.join(", ", mail.get().recipients())
            + " (WebAdmin task " + task.id() + " completed).");
        return Response.redirect("/", null);
    }

    private Response list(Map<String, String> query, Sessions.Session session) throws WebAdminException {
        String filter = query.getOrDefault("q", "").strip();
        boolean newestFirst = !"oldest".equals(query.get("sort"));
        List<HeldMail> all = quarantine.list(ListFilter.ALL);
        Comparator<HeldMail> byDate = Comparator.comparing((HeldMail mail) -> mail.heldAt().orElse(Instant.MIN));
        List<HeldMail> shown = all.stream().filter(mail -> matches(mail, filter))
            .sorted(newestFirst ? byDate.reversed() : byDate)
            .toList();
        return Response.html(200, pages.list(all, shown, filter, newestFirst, session.takeFlash()));
    }

    /** The filter box: every word must occur in the id, the sender, a recipient, the Subject, the From or a reason. */
    static boolean matches(HeldMail mail, String filter) {
        if (filter.isEmpty()) {
            return true;
        }
        String haystack = String.join("\n", mail.id(), mail.senderText(), String.join(" ", mail.recipients()),
            mail.subject(), mail.header("From").orElse(""), String.join(" ", mail.reasons())).toLowerCase(Locale.ROOT);
        for (String word : filter.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private Response login(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String expected = settings.accessToken().orElseThrow();
        if (form == null || !Sessions.sameSecret(expected, form.get("token"))) {
            try {
                Thread.sleep(500);   // slows guessing; the token is long and random anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            audit("refused a sign-in from " + exchange.getRemoteAddress().getAddress().getHostAddress());
            return Response.html(403, pages.login(true));
        }
        return Response.redirect("/", new Response.Cookie(sessions.create().id()));
    }

    /** One line for the administrator's record; only ids and addresses, nothing a mail wrote. */
    private void audit(String line) {
        settings.audit().println(Instant.now() + " console: " + line);
    }

    private boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        int port = server.getAddress().getPort();
        return Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port).contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * A browser names the page a POST comes from in {@code Origin}: it must be this console. A request
     * without it (not a browser) still needs the session and its CSRF token.
     */
    private static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return origin == null || origin.equalsIgnoreCase("http://" + host);
    }

    private static String cookie(HttpExchange exchange) {
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String pair : header.split(";")) {
                String[] parts = pair.strip().split("=", 2);
                if (parts.length == 2 && parts[0].equals(Sessions.COOKIE)) {
                    return parts[1];
                }
            }
        }
        return null;
    }

    /** An url-encoded form of at most a few kilobytes, or null. */
    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
        if (body.length > MAX_FORM_BYTES) {
            return null;
        }
        return parameters(new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(URI uri) {
        return uri.getRawQuery() == null ? Map.of() : parameters(uri.getRawQuery());
    }

    private static Map<String, String> parameters(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            try {
                values.putIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException malformed) {
                // a malformed escape: the pair is ignored
            }
        }
        return values;
    }

    /** One answer, with the headers every answer carries. */
    record Response(int status, String type, byte[] body, Map<String, String> headers) {
        record Cookie(String session) {
            String header() {
                return Sessions.COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                    + Sessions.IDLE.toSeconds();
            }
        }

        static Response html(int status, String page) {
            return new Response(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
        }

        /** 303: after a POST the browser GETs the target, so a reload never repeats the action. */
        static Response redirect(String location, Cookie cookie) {
            Response response = new Response(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
            return cookie == null ? response : response.withCookie(cookie);
        }

        Response withCookie(Cookie cookie) {
            Map<String, String> all = new HashMap<>(headers);
            all.put("Set-Cookie", cookie.header());
            return new Response(status, type, body, all);
        }

        void send(HttpExchange exchange) {
            var out = exchange.getResponseHeaders();
            out.set("Content-Type", type);
            out.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            out.set("X-Content-Type-Options", "nosniff");
            out.set("X-Frame-Options", "DENY");
            out.set("Referrer-Policy", "same-origin");   // "no-referrer" would make browsers send "Origin: null" with the forms
            out.set("Cache-Control", "no-store");
            headers.forEach(out::set);
            try {
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
