package dev.postino.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.postino.admin.RecordedWebAdmin;

/**
 * The quarantine commands and the console run from the drop-in jar with nothing but a JDK
 * ({@code java -jar postino.jar …}, no classpath), against WebAdmin's answers recorded on the real
 * server: the jar carries everything they load, core's SafeText included.
 */
class CommandLineIT {

    private record Run(int status, String out) {
    }

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dstdout.encoding=UTF-8", "-jar", System.getProperty("postino.jar")));
        command.addAll(List.of(args));
        return command;
    }

    private static Run replay(String recording) throws Exception {
        try (RecordedWebAdmin webAdmin = RecordedWebAdmin.serving(recording)) {
            List<String> args = new ArrayList<>(webAdmin.recording().command());
            args.add("--webadmin");
            args.add(webAdmin.uri().toString());
            Process process = new ProcessBuilder(java(args.toArray(String[]::new))).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(webAdmin.unanswered()).isEmpty();
            return new Run(process.exitValue(), out);
        }
    }

    @Test
    void listsTheQuarantine() throws Exception {
        Run run = replay("list");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("4 held message(s) in var/mail/quarantine");
    }

    @Test
    void showsAHostileMessageThroughSafeTextFromTheJar() throws Exception {
        Run run = replay("show-hostile");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("Fattura [U+202E]fdp.exe[U+200B]", "report_.pdf[40 spaces].exe", "Findings (10)")
            .doesNotContain("\u202e");
    }

    @Test
    void theConsoleServesItsPagesFromTheJar() throws Exception {
        try (RecordedWebAdmin webAdmin = RecordedWebAdmin.serving("console-session")) {
            Process console = new ProcessBuilder(java("console", "--webadmin", webAdmin.uri().toString(), "--listen", "127.0.0.1:0"))
                .redirectErrorStream(true).start();
            try {
                String started = new BufferedReader(new InputStreamReader(console.getInputStream(), StandardCharsets.UTF_8)).readLine();
                Matcher address = Pattern.compile(" at (http://127\\.0\\.0\\.1:\\d+/)").matcher(String.valueOf(started));
                assertThat(address.find()).as(started).isTrue();
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(address.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> css = http.send(HttpRequest.newBuilder(URI.create(address.group(1) + "style.css")).build(),
                    HttpResponse.BodyHandlers.ofString());

                assertThat(list.statusCode()).isEqualTo(200);
                assertThat(list.body()).contains("held message(s)", webAdmin.recording().notes().get("hostile"));
                assertThat(css.statusCode()).isEqualTo(200);
                assertThat(css.body()).contains("font:");
            } finally {
                console.destroy();
                console.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
