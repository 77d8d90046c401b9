package dev.postino.sandbox.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;

import org.apache.james.lifecycle.api.Disposable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/**
 * A real James logs "Leak detected!" at ERROR when a message resource is garbage-collected
 * without being disposed (its default leak detection mode is {@code simple}). The sandbox's tests
 * run in {@code advanced} mode (this module's surefire configuration), which also records where the
 * resource was made, so a Postino mailet that forgets to dispose a copy fails here instead of on
 * an administrator's server.
 */
class ResourceLeakTest {

    private static final ZonedDateTime TUESDAY_10 = ZonedDateTime.parse("2026-12-01T10:00+01:00[Europe/Rome]");

    private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();
    private final Logger leakLogger = (Logger) LoggerFactory.getLogger(Disposable.LeakAwareFinalizer.class);

    @BeforeEach
    void captureLeakReports() {
        leaks.start();
        leakLogger.addAppender(leaks);
    }

    @AfterEach
    void release() {
        leakLogger.detachAppender(leaks);
    }

    @Test
    void everySampleThroughTheContainerLeavesNoUndisposedMessageMadeByPostino() throws Exception {
        assertThat(Disposable.LeakAware.tracedEnabled())
            .as("surefire must run this module with -Djames.lifecycle.leak.detection.mode=advanced").isTrue();
        try (JamesTestBed bed = JamesTestBed.builder().startAt(TUESDAY_10).build();
             var samples = Files.list(JamesTestBed.projectFile("samples"))) {
            for (Path eml : samples.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                MimeMessage message = SandboxMails.parse(Files.readAllBytes(eml));
                Path sidecar = eml.resolveSibling(eml.getFileName().toString().replace(".eml", ".envelope"));
                bed.send(SandboxMails.fromMessage(message, Envelope.forMessage(message, Optional.of(sidecar))));
            }
            bed.advanceBy(Duration.ofDays(7));
        }
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(200);
            Disposable.LeakAware.track();
        }

        assertThat(leaks.list).filteredOn(event -> event.getLevel() == Level.ERROR)
            .extracting(ILoggingEvent::getFormattedMessage)
            .filteredOn(ResourceLeakTest::madeByPostino)
            .isEmpty();
    }

    /**
     * Whether a Postino mailet or matcher (what ships) made the leaked resource: the innermost
     * project frame of its allocation is theirs, and no James store (a mail repository or queue,
     * which keeps its own copy for as long as it lives, however the mail got there) made it on
     * their behalf. The sandbox's stand-ins and stores, dropped with each test bed, do not count.
     */
    private static boolean madeByPostino(String report) {
        List<String> frames = report.lines().map(String::strip).toList();
        int innermost = IntStream.range(0, frames.size()).filter(i -> frames.get(i).startsWith("dev.postino.")).findFirst().orElse(-1);
        if (innermost < 0) {
            return false;
        }
        String frame = frames.get(innermost);
        boolean shipped = frame.startsWith("dev.postino.mailets.") || frame.startsWith("dev.postino.matchers.")
            || frame.startsWith("dev.postino.james.");
        boolean storedByJames = frames.subList(0, innermost).stream()
            .anyMatch(f -> f.startsWith("org.apache.james.mailrepository.") || f.startsWith("org.apache.james.queue."));
        return shipped && !storedByJames;
    }
}
