package dev.postino.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * James's WebAdmin over HTTP, with the JDK's client. Every failure is a {@link WebAdminException}
 * whose message is one line an administrator can act on (unreachable, token refused, not found),
 * never a stack trace.
 */
public final class WebAdmin {

    /** The answer: HTTP status and body. */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Object json() {
            return Json.parse(text());
        }
    }

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;
    private final Duration timeout;

    public WebAdmin(URI base, Optional<String> token, Duration timeout) {
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.token = token.filter(t -> !t.isBlank());
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI base() {
        return base;
    }

    /** How long one call may take ({@code --timeout}). */
    public Duration timeout() {
        return timeout;
    }

    /** A path segment or query value, percent-encoded (a repository path holds slashes). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Response get(String path) throws WebAdminException {
        return send("GET", path, null, "application/json");
    }

    public Response get(String path, String accept) throws WebAdminException {
        return send("GET", path, null, accept);
    }

    public Response patch(String path, String jsonBody) throws WebAdminException {
        return send("PATCH", path, jsonBody, "application/json");
    }

    public Response put(String path, String jsonBody) throws WebAdminException {
        return send("PUT", path, jsonBody, "application/json");
    }

    public Response delete(String path) throws WebAdminException {
        return send("DELETE", path, null, "application/json");
    }

    /** The answer of a call that must succeed (2xx); anything else is a one-line {@link WebAdminException}. */
    public Response expectOk(Response response, String what) throws WebAdminException {
        if (response.status() / 100 == 2) {
            return response;
        }
        throw new WebAdminException(what + ": WebAdmin answered HTTP " + response.status() + detail(response));
    }

    private Response send(String method, String path, String body, String accept) throws WebAdminException {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new WebAdminException("WebAdmin at " + base + " is unreachable (" + reason(e) + ")");
        } catch (HttpTimeoutException e) {
            throw new WebAdminException("WebAdmin at " + base + " did not answer " + method + " " + path + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new WebAdminException("WebAdmin at " + base + " is unreachable (" + reason(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebAdminException("interrupted while calling WebAdmin at " + base);
        }
        Response answer = new Response(response.statusCode(), response.body());
        if (answer.status() == 401 || answer.status() == 403) {
            throw new WebAdminException("WebAdmin at " + base + " refused the request (HTTP " + answer.status() + "): "
                + (token.isPresent() ? "the token is not accepted" : "it needs a token: --token JWT or POSTINO_WEBADMIN_TOKEN"));
        }
        return answer;
    }

    private static String reason(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** WebAdmin's error body ({@code {"message": …}}) in a few words, if it has one. */
    private static String detail(Response response) {
        try {
            if (response.json() instanceof java.util.Map<?, ?> map && map.get("message") instanceof String message) {
                return ": " + message.replaceAll("\\s+", " ");
            }
        } catch (IllegalArgumentException notJson) {
            // no detail then
        }
        return "";
    }
}
