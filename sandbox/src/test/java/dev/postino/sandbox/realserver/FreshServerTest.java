package dev.postino.sandbox.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;

import org.apache.james.core.Domain;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postino.mailets.ProductivityDelay;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/**
 * What a real James 3.9.0 server does that a container wired with its domains up front would hide:
 * it starts serving only {@code localhost} and the administrator adds the company's domains through
 * WebAdmin afterwards. The sample configuration must start on such a server and take the domains
 * into account as soon as they are added, without a restart.
 */
class FreshServerTest {

    private static final ZonedDateTime TUESDAY_10 = ZonedDateTime.parse("2026-12-01T10:00+01:00[Europe/Rome]");
    private static final Domain ACME = Domain.of("acme.example");

    private static final String FROM_GMAIL = """
        From: Mario Rossi <mario.rossi.1970@gmail.example>
        To: anna.bianchi@acme.example, luca.verdi@acme.example
        Subject: Pranzo
        Message-ID: <fresh-%d@gmail.example>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        Chi viene?
        """.replace("\n", "\r\n");

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger delayLogger = (Logger) LoggerFactory.getLogger(ProductivityDelay.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        delayLogger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        delayLogger.detachAppender(logs);
    }

    /** The sample configuration on a server that serves nothing of the company yet. */
    private static JamesTestBed freshServer() throws Exception {
        return JamesTestBed.builder()
            .configFile(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
            .localDomains("localhost")
            .startAt(TUESDAY_10)
            .build();
    }

    private static Mail fromPersonalAccount(int n) throws Exception {
        return SandboxMails.fromEml(FROM_GMAIL.formatted(n),
            Envelope.from("mario.rossi.1970@gmail.example").to("anna.bianchi@acme.example", "luca.verdi@acme.example"));
    }

    @Test
    void theSampleConfigurationStartsWhileTheServerServesOnlyLocalhost() throws Exception {
        try (JamesTestBed bed = freshServer()) {
            assertThat(bed.mailetContext().isLocalServer(ACME)).isFalse();
            assertThat(bed.processorNames()).contains("root", "transport", "quarantine", "receipt-drop");
        }
    }

    @Test
    void aDomainAddedAfterTheStartIsTheCompanysFromTheNextMailOn() throws Exception {
        try (JamesTestBed bed = freshServer()) {
            bed.send(fromPersonalAccount(1));
            bed.send(fromPersonalAccount(2));
            assertThat(bed.queue().pending()).as("acme.example is not served yet: nothing waits").isEmpty();
            assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("mario.rossi@acme.example (for mario.rossi.1970@gmail.example) is not a company address");

            bed.addDomain(ACME);
            bed.send(fromPersonalAccount(3));

            assertThat(bed.queue().pending()).as("the colleagues' copy and the letter wait").hasSize(2);
            bed.advanceBy(Duration.ofHours(1));
            assertThat(bed.deliveries()).filteredOn(d -> d.isFor("mario.rossi@acme.example")).singleElement()
                .satisfies(letter -> assertThat(letter.message().getSubject()).startsWith("Lettera di richiamo"));
            assertThat(bed.errors()).isEmpty();
        }
    }
}
