package dev.postino.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.postino.attachments.Action;
import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.AttachmentVerdict;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;

/**
 * The attachment inspector alone, fed any bytes as a whole RFC 5322 message: it must never throw
 * and always finish with a verdict, within its time limit plus a margin.
 *
 * <p>Input: the raw message. Seeds: the small messages of the attachment corpus (executables in
 * zips, disguises, smuggling pages, clean documents), so mutations start from real MIME. An input
 * that hangs is a finding too: {@code @Timeout} is JUnit's limit per seed in a build and
 * libFuzzer's per-input timeout in a campaign.
 */
class AttachmentInspectorFuzzTest {

    /** Short, so a slow input shows up as a finding instead of a run that looks stuck. */
    private static final Duration MAX_TIME = Duration.ofSeconds(2);
    /** Time the inspector may need past its limit to notice it and stop (and a loaded machine's jitter). */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    /** The report lists at most this many findings; a blocking one may be among those left out. */
    private static final int LISTED_FINDINGS = 100;

    private static final AttachmentInspector INSPECTOR = new AttachmentInspector(
        InspectionPolicy.DEFAULT.withLimits(InspectionPolicy.DEFAULT.limits().withMaxTime(MAX_TIME)));

    @FuzzTest
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void inspectorAlwaysReachesAVerdict(byte[] message) {
        long start = System.nanoTime();
        InspectionReport report = INSPECTOR.inspect(message);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("inspection time").isLessThanOrEqualTo(MAX_TIME.plus(MARGIN));
        assertThat(report.verdict()).isNotNull();
        boolean blocking = report.findings().stream().anyMatch(finding -> finding.action() == Action.BLOCK);
        if (blocking || report.findings().size() < LISTED_FINDINGS) {
            assertThat(report.verdict())
                .as("dangerous exactly when a finding blocks: %s", report.findings())
                .isEqualTo(blocking ? AttachmentVerdict.DANGEROUS : AttachmentVerdict.CLEAN);
        }
    }
}
