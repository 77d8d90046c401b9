package dev.postino.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.postino.admin.RecordedWebAdmin;
import dev.postino.admin.WebAdmin;
import dev.postino.admin.quarantine.Quarantine;

/**
 * The console over HTTP, against WebAdmin's answers recorded while the real-server check drove it
 * (recording {@code console-session}: the list, a filter, a detail, the release of the shipping
 * documents (sample 33) and the delete of the hostile mail).
 */
class ConsoleServerTest {

    /** The elements a console page may contain: anything else came from a mail. */
    static final Set<String> CONSOLE_ELEMENTS = Set.of("html", "head", "meta", "title", "link", "body", "header", "h1",
        "h2", "h3", "a", "p", "main", "form", "label", "input", "button", "table", "thead", "tbody", "tr", "th", "td",
        "mark", "pre", "code");
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");

    private final ByteArrayOutputStream audit = new ByteArrayOutputStream();
    private RecordedWebAdmin webAdmin;
    private ConsoleServer console;

    private Browser open(Optional<String> accessToken) throws Exception {
        webAdmin = RecordedWebAdmin.serving("console-session");
        Quarantine quarantine = new Quarantine(new WebAdmin(webAdmin.uri(), Optional.of("webadmin-secret-jwt"), Duration.ofSeconds(30)),
            Quarantine.DEFAULT_REPOSITORY);
        console = ConsoleServer.start(quarantine, new ConsoleServer.Settings(new InetSocketAddress("127.0.0.1", 0), accessToken,
            "var/mail/quarantine on WebAdmin " + webAdmin.uri(), new PrintStream(audit, true, StandardCharsets.UTF_8)));
        return new Browser(console.uri());
    }

    private Browser open() throws Exception {
        return open(Optional.empty());
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.stop();
        }
        if (webAdmin != null) {
            webAdmin.close();
        }
    }

    private String released() {
        return webAdmin.recording().notes().get("release");
    }

    private String hostile() {
        return webAdmin.recording().notes().get("hostile");
    }

    /** Every quarantine id WebAdmin listed at first. */
    private List<String> listedAtFirst() {
        String body = webAdmin.recording().first("GET", "/mailRepositories/var%2Fmail%2Fquarantine/mails").text();
        return List.of(body.replaceAll("[\\[\\]\"]", "").split(","));
    }

    @Test
    void everyAnswerForbidsScriptsFramesAndRemoteLoadsAndIsNeverCached() throws Exception {
        HttpResponse<String> page = open().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(
            "default-src 'none'; style-src 'self'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
            assertThat(cookie).startsWith(Sessions.COOKIE + "=").contains("; HttpOnly", "; SameSite=Strict", "; Path=/"));
    }

    @Test
    void theListShowsEveryHeldMessageAndTheFilterNarrowsIt() throws Exception {
        Browser browser = open();

        String all = browser.get("/").body();
        assertThat(listedAtFirst()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(id -> assertThat(all).contains("href=\"/mail/" + id + "\""));
        assertThat(all).contains(listedAtFirst().size() + " held message(s)");

        String filtered = browser.get("/?q=documenti+di+spedizione").body();
        assertThat(filtered).contains("href=\"/mail/" + released() + "\"").doesNotContain("href=\"/mail/" + hostile() + "\"")
            .contains(", 1 matching “documenti di spedizione”");
        assertThat(webAdmin.unanswered()).isEmpty();
    }

    @Test
    void theListSortsByDateBothWays() throws Exception {
        Browser browser = open();

        List<String> newest = ids(browser.get("/").body());
        List<String> oldest = ids(browser.get("/?sort=oldest").body());

        assertThat(newest).hasSameSizeAs(listedAtFirst());
        assertThat(oldest).isEqualTo(newest.reversed());
    }

    private static List<String> ids(String page) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = Pattern.compile("<td class=\"id\"><a href=\"/mail/([^\"]+)\">").matcher(page);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    @Test
    void theRecordedSessionReleasesOneMessageThenDeletesTheHostileOne() throws Exception {
        Browser browser = open();
        browser.get("/");
        assertThat(browser.get("/mail/" + released()).body()).contains("ENCRYPTED_CONTENT", "Release…", "Delete…");

        String confirm = browser.get("/mail/" + released() + "/release").body();
        assertThat(confirm).contains("It leaves the quarantine and is delivered", "anna.bianchi@acme.example");
        HttpResponse<String> afterRelease = browser.follow(browser.post("/mail/" + released() + "/release",
            Map.of("csrf", Browser.csrf(confirm))));
        assertThat(afterRelease.body()).contains("Released " + released() + " to anna.bianchi@acme.example (WebAdmin task ")
            .doesNotContain("href=\"/mail/" + released() + "\"");

        String deleteConfirm = browser.get("/mail/" + hostile() + "/delete").body();
        HttpResponse<String> afterDelete = browser.follow(browser.post("/mail/" + hostile() + "/delete",
            Map.of("csrf", Browser.csrf(deleteConfirm))));
        assertThat(afterDelete.body()).contains("Deleted " + hostile() + ".").doesNotContain("href=\"/mail/" + hostile() + "\"");

        assertThat(webAdmin.unanswered()).isEmpty();
        assertThat(webAdmin.changesNotReplayed()).isEmpty();
        assertThat(webAdmin.received()).contains(
            "PATCH /mailRepositories/var%2Fmail%2Fquarantine/mails/" + released() + "?action=reprocess&processor=release&queue=spool",
            "DELETE /mailRepositories/var%2Fmail%2Fquarantine/mails/" + hostile());
        assertThat(audit.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
            .satisfiesExactly(
                line -> assertThat(line).matches(".*Z console: released " + released() + " from var/mail/quarantine: WebAdmin task \\S+ completed"),
                line -> assertThat(line).endsWith(" console: deleted " + hostile() + " from var/mail/quarantine"));
    }

    @Test
    void aChangeWithoutTheSessionsTokenOrFromAnotherSiteIsRefusedAndNeverReachesWebAdmin() throws Exception {
        Browser browser = open();
        String token = Browser.csrf(browser.get("/mail/" + released() + "/release").body());
        String release = "/mail/" + released() + "/release";

        assertThat(browser.post(release, Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.post(release, Map.of("csrf", token + "x")).statusCode()).isEqualTo(403);
        assertThat(browser.post(release, Map.of("csrf", token), Optional.of("http://attacker.example")).statusCode()).isEqualTo(403);
        assertThat(browser.get(release + "?csrf=" + token).body()).contains("<form method=\"post\"");
        Browser stranger = new Browser(console.uri());
        assertThat(stranger.post(release, Map.of("csrf", token)).statusCode()).isEqualTo(403);

        assertThat(webAdmin.received()).noneMatch(request -> request.startsWith("PATCH") || request.startsWith("DELETE"));
    }

    @Test
    void hostileTextIsEscapedAndItsHiddenCharactersMarked() throws Exception {
        String page = open().get("/mail/" + hostile()).body();

        assertOnlyConsoleMarkup(page);
        assertThat(page)
            .contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; Fattura "
                + "<mark title=\"hidden in the mail\">[U+202E]</mark>fdp.exe<mark title=\"hidden in the mail\">[U+200B]</mark>")
            .contains("&quot;&lt;script&gt;alert(9)&lt;/script&gt;&quot;@attacker.example")
            .contains("javascript:alert(7)")
            .contains("report_.pdf<mark title=\"hidden in the mail\">[40 spaces]</mark>.exe")
            .doesNotContain("\u202e", "\u200b")
            .doesNotContain("tracker.attacker.example");
        assertThat(page).contains("The content of the message is never shown here");
    }

    /** Only the console's own elements, no event handler, no script URL, nothing loaded from anywhere but the console. */
    static void assertOnlyConsoleMarkup(String page) {
        Matcher tag = TAG.matcher(page);
        while (tag.find()) {
            assertThat(tag.group(1).toLowerCase()).as("element in %s", tag.group()).isIn(CONSOLE_ELEMENTS);
            assertThat(tag.group(2).toLowerCase()).as("attributes of %s", tag.group()).doesNotContainPattern("\\son[a-z]+\\s*=")
                .doesNotContain("javascript:").doesNotContain("http:").doesNotContain("https:").doesNotContain("//");
        }
        assertThat(page).doesNotContain("<!--").doesNotContain("<script").doesNotContain("<img").doesNotContain("<style");
    }

    @Test
    void theConfirmationOfAHostileMailPostsToItsOwnActionWithOnlyTheToken() throws Exception {
        String page = open().get("/mail/" + hostile() + "/delete").body();

        assertOnlyConsoleMarkup(page);
        Matcher forms = Pattern.compile("<form[^>]*>").matcher(page);
        assertThat(forms.find()).isTrue();
        assertThat(forms.group()).isEqualTo("<form method=\"post\" action=\"/mail/" + hostile() + "/delete\">");
        assertThat(forms.find()).isFalse();
        Matcher inputs = Pattern.compile("<input[^>]*>").matcher(page);
        assertThat(inputs.find()).isTrue();
        assertThat(inputs.group()).matches("<input type=\"hidden\" name=\"csrf\" value=\"[A-Za-z0-9_-]+\">");
        assertThat(inputs.find()).isFalse();
    }

    @Test
    void aRequestNamingAnotherHostIsRefusedSoARebindingPageCannotReadTheConsole() throws Exception {
        open();
        int port = console.uri().getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: attacker.example:" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 421");
        }
        assertThat(webAdmin.received()).isEmpty();
    }

    @Test
    void pagesThatDoNotExistNeverReachWebAdmin() throws Exception {
        Browser browser = open();

        assertThat(browser.get("/mail/..%2Fusers").statusCode()).isEqualTo(404);
        assertThat(browser.get("/admin").statusCode()).isEqualTo(404);
        assertThat(browser.get("/mail/" + released() + "/purge").statusCode()).isEqualTo(404);
        assertThat(webAdmin.received()).isEmpty();
    }

    @Test
    void theWebAdminTokenAppearsInNoPage() throws Exception {
        Browser browser = open();

        for (String path : List.of("/", "/mail/" + released(), "/mail/" + released() + "/release", "/mail/" + hostile())) {
            HttpResponse<String> page = browser.get(path);
            assertThat(page.body()).doesNotContain("webadmin-secret-jwt");
            assertThat(page.headers().map().toString()).doesNotContain("webadmin-secret-jwt");
        }
    }

    @Test
    void withAnAccessTokenEveryPageNeedsASignIn() throws Exception {
        Browser browser = open(Optional.of("a-long-random-access-token"));

        HttpResponse<String> first = browser.get("/");
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).contains("/login");
        assertThat(browser.post("/login", Map.of("token", "guess")).statusCode()).isEqualTo(403);
        assertThat(audit.toString(StandardCharsets.UTF_8)).endsWith(" console: refused a sign-in from 127.0.0.1\n");
        assertThat(browser.post("/mail/" + released() + "/release", Map.of("csrf", "x")).statusCode()).isEqualTo(403);
        assertThat(webAdmin.received()).isEmpty();

        HttpResponse<String> signedIn = browser.follow(browser.post("/login", Map.of("token", "a-long-random-access-token")));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).contains("href=\"/mail/" + released() + "\"");
    }
}
