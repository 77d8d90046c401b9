package dev.postino.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

        for (PostinoCli.Feature feature : PostinoCli.FEATURES) {
            assertThat(stdout()).containsPattern(feature.name() + "\\s+(present|not yet present)");
        }
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
    void aConfigurationJamesRejectsIsOneLineNamingProcessorMailetAndParameter(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("broken.xml");
        Files.writeString(config, Files.readString(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
            .replace("<repositoryPath>memory://var/mail/relay-denied/</repositoryPath>", ""));

        int code = run("run", "--config", config.toString(), JamesTestBed.projectFile("samples/01-plain-mail.eml").toString());

        assertThat(code).isEqualTo(1);
        assertThat(stderr().strip()).doesNotContain("\n")
            .contains("processor 'relay-denied'").contains("mailet 'ToRepository'").contains("repositoryPath");
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
