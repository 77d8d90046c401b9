package dev.postino.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * WebAdmin as James 3.9.0 really answered: it serves the exchanges that scripts/realjames recorded
 * on the real server (with {@code POSTINO_RECORD_DIR}, through its recording proxy, while the drop-in
 * jar's commands ran) and nothing else. WebAdmin is not published for 3.9.0, so a stand-in written
 * from its source would only agree with itself.
 *
 * <p>State changes only as recorded: the recording is cut into epochs by its state-changing requests
 * (PATCH, DELETE, PUT, POST). Such a request must be the next one recorded, and moves the stand-in to
 * the epoch after it. A GET is answered from the current epoch, in any order and as often as asked:
 * WebAdmin's answer does not change until something does, while the commands read several mails at
 * once and a browser may load a page twice. A request the recording does not have gets HTTP 501 and is
 * kept in {@link #unanswered()}, so a test that strays from what was recorded fails.
 */
public final class RecordedWebAdmin implements AutoCloseable {

    /** One request and WebAdmin's answer, as recorded. */
    public record Exchange(String method, String path, String accept, int status, String contentType, byte[] body) {
        boolean changesState() {
            return !method.equals("GET");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * A recording ({@code admin/src/test/resources/webadmin/NAME.json}): the command line that made it
     * (without {@code --webadmin}), its exit status and output when kept, its exchanges, and notes.
     */
    public record Recording(String name, List<String> command, Integer exit, String stdout, List<Exchange> exchanges,
                            Map<String, String> notes) {

        public static Recording load(String name) {
            String file = name.endsWith(".json") ? name : name + ".json";
            try (InputStream in = RecordedWebAdmin.class.getResourceAsStream("/webadmin/" + file)) {
                if (in == null) {
                    throw new IllegalArgumentException("no recording /webadmin/" + file);
                }
                Map<?, ?> json = (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                List<String> command = json.get("command") instanceof List<?> words ? words.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(json.get("command")));
                List<Exchange> exchanges = new ArrayList<>();
                for (Object item : (List<?>) json.get("exchanges")) {
                    Map<?, ?> exchange = (Map<?, ?>) item;
                    byte[] body = exchange.get("bodyBase64") instanceof String base64 ? Base64.getDecoder().decode(base64)
                        : String.valueOf(exchange.get("body")).getBytes(StandardCharsets.UTF_8);
                    exchanges.add(new Exchange((String) exchange.get("method"), (String) exchange.get("path"),
                        (String) exchange.get("accept"), ((BigDecimal) exchange.get("status")).intValue(),
                        (String) exchange.get("contentType"), body));
                }
                Map<String, String> notes = new LinkedHashMap<>();
                if (json.get("notes") instanceof Map<?, ?> map) {
                    map.forEach((key, value) -> notes.put(String.valueOf(key), String.valueOf(value)));
                }
                return new Recording(file.substring(0, file.length() - ".json".length()), command,
                    json.get("exit") instanceof BigDecimal exit ? exit.intValue() : null,
                    (String) json.get("stdout"), List.copyOf(exchanges), notes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The first recorded exchange for {@code method} on a path starting with {@code pathPrefix}. */
        public Exchange first(String method, String pathPrefix) {
            return exchanges.stream().filter(e -> e.method().equals(method) && e.path().startsWith(pathPrefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no " + method + " " + pathPrefix));
        }
    }

    private final Recording recording;
    private final HttpServer server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
    private int epochStart;

    public RecordedWebAdmin(Recording recording) throws IOException {
        this.recording = recording;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public static RecordedWebAdmin serving(String recording) throws IOException {
        return new RecordedWebAdmin(Recording.load(recording));
    }

    public static Recording load(String recording) {
        return Recording.load(recording);
    }

    public Recording recording() {
        return recording;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received, as {@code METHOD path?query}. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** The requests that were not in the recording (answered 501). */
    public List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    /** The recorded state changes that were never asked for. */
    public synchronized List<String> changesNotReplayed() {
        return recording.exchanges().subList(epochStart, recording.exchanges().size()).stream()
            .filter(Exchange::changesState).map(e -> e.method() + " " + e.path()).toList();
    }

    /** For a command replayed whole: requests not recorded, and recorded requests never made. */
    public List<String> unexpected() {
        List<String> problems = new ArrayList<>(unanswered());
        List<String> asked = received();
        for (Exchange exchange : recording.exchanges()) {
            if (!asked.contains(exchange.method() + " " + exchange.path())) {
                problems.add("not asked: " + exchange.method() + " " + exchange.path());
            }
        }
        return problems;
    }

    private synchronized Exchange match(String method, String path, String accept) {
        List<Exchange> exchanges = recording.exchanges();
        int nextChange = epochStart;
        while (nextChange < exchanges.size() && !exchanges.get(nextChange).changesState()) {
            nextChange++;
        }
        if (!method.equals("GET")) {
            if (nextChange < exchanges.size() && same(exchanges.get(nextChange), method, path, accept)) {
                epochStart = nextChange + 1;
                return exchanges.get(nextChange);
            }
            return null;
        }
        for (int i = epochStart; i < nextChange; i++) {
            if (same(exchanges.get(i), method, path, accept)) {
                return exchanges.get(i);
            }
        }
        return null;
    }

    private static boolean same(Exchange exchange, String method, String path, String accept) {
        return exchange.method().equals(method) && exchange.path().equals(path)
            && (exchange.accept() == null || exchange.accept().equals(accept));
    }

    private void answer(HttpExchange http) throws IOException {
        try (http) {
            http.getRequestBody().readAllBytes();
            String method = http.getRequestMethod();
            String path = http.getRequestURI().getRawPath()
                + (http.getRequestURI().getRawQuery() == null ? "" : "?" + http.getRequestURI().getRawQuery());
            String accept = http.getRequestHeaders().getFirst("Accept");
            received.add(method + " " + path);
            Exchange exchange = match(method, path, accept);
            if (exchange == null) {
                unanswered.add(method + " " + path + " (Accept: " + accept + ")");
                byte[] body = ("{\"message\":\"not in the recording " + recording.name() + "\"}").getBytes(StandardCharsets.UTF_8);
                http.getResponseHeaders().set("Content-Type", "application/json");
                http.sendResponseHeaders(501, body.length);
                http.getResponseBody().write(body);
                return;
            }
            if (exchange.contentType() != null) {
                http.getResponseHeaders().set("Content-Type", exchange.contentType());
            }
            http.sendResponseHeaders(exchange.status(), exchange.body().length == 0 ? -1 : exchange.body().length);
            if (exchange.body().length > 0) {
                http.getResponseBody().write(exchange.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
