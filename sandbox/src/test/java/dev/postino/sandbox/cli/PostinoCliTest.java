package dev.postino.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postino.sandbox.JamesTestBed;

/** The README's first command, and the dry run an administrator uses on their own files. */
class PostinoCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new PostinoCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoRunsEverySampleAndReportsEachWithinEightyColumns() throws IOException {
        assertThat(run("demo")).isZero();

        try (var samples = Files.list(JamesTestBed.projectFile("samples"))) {
            samples.filter(p -> p.toString().endsWith(".eml"))
                .forEach(p -> assertThat(stdout()).contains("── " + p.getFileName()));
        }
        assertThat(stdout()).contains("0 in the error repository");
        assertThat(stdout().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void demoSaysWhichFeaturesThisBuildHas() {
        run("demo");

        // This build has every feature: each is listed, and each as present.
        for (PostinoCli.Feature feature : PostinoCli.FEATURES) {
            assertThat(stdout()).containsPattern(feature.name() + "\\s+present\n");
        }
        assertThat(stdout()).doesNotContain("not yet present");
    }

    @Test
    void demoJsonIsOneArrayWithAnObjectPerSample() {
        assertThat(run("demo", "--json")).isZero();

        assertThat(stdout().strip()).startsWith("[{\"file\":").endsWith("}]");
    }

    @Test
    void runUsesTheGivenTimeAndConfiguration() {
        int code = run("run", "--config", JamesTestBed.projectFile("conf-samples/mailetcontainer.xml").toString(),
            "--at", "2026-11-30T08:00+01:00", JamesTestBed.projectFile("samples/01-plain-mail.eml").toString());

        assertThat(code).isZero();
        assertThat(stdout()).contains("Arrived   Mon 30 Nov 2026 08:00:00");
    }

    @Test
    void distributedRunsOnAQueueThatIgnoresDelaysAndShowsTheHoldBucketAndItsRelease() {
        int code = run("run", "--config", JamesTestBed.projectFile("conf-samples/mailetcontainer.xml").toString(),
            "--distributed", JamesTestBed.projectFile("samples/40-delay-intra-company-tuesday.eml").toString());

        assertThat(code).isZero();
        assertThat(stdout()).contains("in\n            memory://var/mail/postino-held/20261201T09")
            .contains("(released by release-held at Tue 01 Dec 2026 10:")
            .doesNotContain("→ processor transport");
    }

    @Test
    void aConfigurationJamesRejectsIsOneLineNamingProcessorMailetAndParameter(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("broken.xml");
        Files.writeString(config, Files.readString(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
            .replace("<repositoryPath>memory://var/mail/relay-denied/</repositoryPath>", ""));

        int code = run("run", "--config", config.toString(), JamesTestBed.projectFile("samples/01-plain-mail.eml").toString());

        assertThat(code).isEqualTo(1);
        List<String> lines = stderr().strip().lines().toList();
        assertThat(lines.get(0)).startsWith("postino: ")
            .contains("processor 'relay-denied'").contains("mailet 'ToRepository'").contains("repositoryPath");
        assertThat(lines.subList(1, lines.size() - 1)).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("  cause: "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  (--verbose shows James's log and the stack trace)");
    }

    @Test
    void aRejectedConfigurationShowsOneLineAndItsCausesWithoutJamesStackTrace(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.xml");
        Files.writeString(config, Files.readString(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
            .replace("<baseDelay>400-800s</baseDelay>", "<baseDelay>800-400s</baseDelay>"));
        String mail = JamesTestBed.projectFile("samples/01-plain-mail.eml").toString();

        Forked quiet = Forked.cli("run", "--config", config.toString(), mail);

        assertThat(quiet.exit()).isEqualTo(1);
        assertThat(quiet.stderr()).doesNotContain("\tat ").doesNotContain("ERROR");
        List<String> lines = quiet.stderr().strip().lines().toList();
        assertThat(lines.get(0)).isEqualTo("postino: " + config + " rejected by James's mailet container: processor "
            + "'transport', mailet 'dev.postino.mailets.ProductivityDelay': ProductivityDelay: baseDelay: invalid value "
            + "'800-400s': min 800s is greater than max 400s");
        assertThat(lines).contains(
            "  cause: jakarta.mail.MessagingException: Can not load mailet dev.postino.mailets.ProductivityDelay",
            "  cause: java.lang.IllegalArgumentException: baseDelay: invalid value '800-400s': min 800s is greater than max 400s");

        Forked verbose = Forked.cli("run", "--config", config.toString(), "--verbose", mail);

        assertThat(verbose.exit()).isEqualTo(1);
        assertThat(verbose.stderr()).contains("\tat dev.postino.mailets.ProductivityDelay.init")
            .contains("Unable to init mailet dev.postino.mailets.ProductivityDelay");
    }

    /** The CLI in a JVM of its own, with the logging configuration it ships with, as ./postino runs it. */
    record Forked(int exit, String stderr) {
        static Forked cli(String... args) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(java.toString(),
                "-Dlogback.configurationFile=" + Path.of(PostinoCli.class.getResource("/logback.xml").toURI()),
                "-cp", System.getProperty("java.class.path"), PostinoCli.class.getName()));
            if (Runtime.version().feature() >= 24) {
                command.add(1, "--sun-misc-unsafe-memory-access=allow");   // as ./postino does: Guice's warning
            }
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the CLI did not finish within 2 minutes");
            }
            return new Forked(process.exitValue(), stderr.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFileThatIsNotAMessageIsNamedInOneLine(@TempDir Path dir) throws IOException {
        Path notMail = dir.resolve("photo.eml");
        Files.write(notMail, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});

        int code = run("run", "--config", JamesTestBed.projectFile("conf-samples/mailetcontainer.xml").toString(),
            notMail.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains("photo.eml is not an RFC 5322 message");
    }

    @Test
    void anUnreadableFileIsNamed() {
        int code = run("run", "--config", JamesTestBed.projectFile("conf-samples/mailetcontainer.xml").toString(),
            "/no/such/mail.eml");

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains("cannot read /no/such/mail.eml");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(run("run", "--at", "yesterday")).isEqualTo(2);
        assertThat(stderr()).contains("Bad time for --at: 'yesterday'");
    }
}
