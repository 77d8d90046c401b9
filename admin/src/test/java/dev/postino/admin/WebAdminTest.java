package dev.postino.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The client's one-line failures, against a local HTTP server in the part of WebAdmin's role it plays. */
class WebAdminTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, String body, AtomicReference<String> authorization) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void sendsTheTokenAsABearer() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        URI base = serve(200, "[]", authorization);
        WebAdmin admin = new WebAdmin(base, Optional.of("jwt"), Duration.ofSeconds(5));
        assertThat(admin.get("/domains").json()).isEqualTo(java.util.List.of());
        assertThat(authorization.get()).isEqualTo("Bearer jwt");
    }

    @Test
    void aRefusedTokenIsOneLine() throws Exception {
        URI base = serve(401, "", new AtomicReference<>());
        assertThatThrownBy(() -> new WebAdmin(base, Optional.empty(), Duration.ofSeconds(5)).get("/domains"))
            .isInstanceOf(WebAdminException.class)
            .hasMessage("WebAdmin at " + base + " refused the request (HTTP 401): it needs a token: --token JWT or POSTINO_WEBADMIN_TOKEN");
    }

    @Test
    void anErrorAnswerCarriesWebAdminsOwnMessage() throws Exception {
        URI base = serve(404, "{\"statusCode\":404,\"type\":\"notFound\",\"message\":\"Could not find mail repository\"}",
            new AtomicReference<>());
        WebAdmin admin = new WebAdmin(base, Optional.empty(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> admin.expectOk(admin.get("/mailRepositories/x"), "listing x"))
            .hasMessage("listing x: WebAdmin answered HTTP 404: Could not find mail repository");
    }

    @Test
    void anUnreachableServerIsOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> new WebAdmin(base, Optional.empty(), Duration.ofSeconds(5)).get("/domains"))
            .isInstanceOf(WebAdminException.class)
            .hasMessageStartingWith("WebAdmin at " + base + " is unreachable");
    }
}
