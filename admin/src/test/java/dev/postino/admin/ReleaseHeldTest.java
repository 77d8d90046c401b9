package dev.postino.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * release-held against WebAdmin's answers recorded on a real James 3.9.0 server (scripts/real-james-check.sh
 * with POSTINO_RECORD_DIR): a run before the bucket was due, the run that released it, and the run after.
 */
class ReleaseHeldTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String at, String... args) throws Exception {
        Clock clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
        return new ReleaseHeld(clock).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int replay(String recording, String at) throws Exception {
        RecordedWebAdmin.Recording recorded = RecordedWebAdmin.load(recording);
        try (RecordedWebAdmin webAdmin = new RecordedWebAdmin(recorded)) {
            int exit = run(at, "--webadmin", webAdmin.uri().toString());
            assertThat(webAdmin.unexpected()).isEmpty();
            assertThat(exit).isEqualTo(recorded.exit());
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(recorded.stdout());
            return exit;
        }
    }

    @Test
    void beforeTheBucketIsDueNothingIsReleased() throws Exception {
        assertThat(replay("release-held-nothing-due.json", "2026-12-05T07:26:46.839732053Z")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("nothing due in var/mail/postino-held at "
            + "2026-12-05T07:26:46.839732053Z: 1 bucket(s) due later, the next by 2026-12-05T07:28:00Z\n");
    }

    @Test
    void aDueBucketIsReprocessedIntoTheSpoolAndItsTaskAwaited() throws Exception {
        assertThat(replay("release-held-released.json", "2026-12-05T07:28:02Z")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(
            "released 1 mail(s) from var/mail/postino-held/20261205T0728 (due by 2026-12-05T07:28:00Z), task ");
    }

    @Test
    void anEmptiedBucketIsSkipped() throws Exception {
        assertThat(replay("release-held-after.json", "2026-12-05T07:28:05.549531755Z")).isZero();
    }

    @Test
    void anUnreachableWebAdminIsOneLineAndExitOne() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(run("2026-12-05T07:28:02Z", "--webadmin", "http://127.0.0.1:" + port)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("postino release-held: WebAdmin at http://127.0.0.1:"
            + port + " is unreachable (connection refused)\n");
    }

    @Test
    void theRepositoryMayBeGivenAsTheUrlOfTheConfiguration() throws Exception {
        assertThat(Arguments.repositoryPath("cassandra://var/mail/postino-held/")).isEqualTo("var/mail/postino-held");
        assertThat(Arguments.repositoryPath("/var/mail/postino-held")).isEqualTo("var/mail/postino-held");
    }
}
