package dev.postino.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * James's WebAdmin as it answered a command on the real server: the exchanges recorded by
 * scripts/realjames (POSTINO_RECORD_DIR, through its recording proxy) are served again, in their
 * order. A request that differs from the next recorded one gets HTTP 599 and is listed in
 * {@link #unexpected()}, so a test sees a command that asks something the server was not asked.
 */
final class RecordedWebAdmin implements AutoCloseable {

    /** One recording: the command's arguments, exit status and output, and its WebAdmin exchanges. */
    record Recording(int exit, String stdout, List<Map<String, Object>> exchanges) {
    }

    private final HttpServer server;
    private final List<Map<String, Object>> exchanges;
    private final List<String> unexpected = new ArrayList<>();
    private int next;

    @SuppressWarnings("unchecked")
    static Recording load(String resource) {
        try (InputStream in = RecordedWebAdmin.class.getResourceAsStream("/webadmin/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no recording " + resource);
            }
            Map<String, Object> json = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new Recording(Integer.parseInt(json.get("exit").toString()), (String) json.get("stdout"),
                (List<Map<String, Object>>) json.get("exchanges"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RecordedWebAdmin(Recording recording) throws IOException {
        this.exchanges = recording.exchanges();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests that were not the next recorded one, and recorded requests never made. */
    List<String> unexpected() {
        List<String> problems = new ArrayList<>(unexpected);
        for (int i = next; i < exchanges.size(); i++) {
            problems.add("not asked: " + exchanges.get(i).get("method") + " " + exchanges.get(i).get("path"));
        }
        return problems;
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        String asked = exchange.getRequestMethod() + " " + exchange.getRequestURI().toString();
        if (next >= exchanges.size() || !asked.equals(exchanges.get(next).get("method") + " " + exchanges.get(next).get("path"))) {
            unexpected.add("unexpected: " + asked);
            exchange.sendResponseHeaders(599, -1);
            exchange.close();
            return;
        }
        Map<String, Object> recorded = exchanges.get(next++);
        byte[] body = ((String) recorded.get("body")).getBytes(StandardCharsets.UTF_8);
        if (recorded.get("contentType") != null) {
            exchange.getResponseHeaders().add("Content-Type", (String) recorded.get("contentType"));
        }
        exchange.sendResponseHeaders(Integer.parseInt(recorded.get("status").toString()), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
