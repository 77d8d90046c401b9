package dev.postino.sandbox.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.QueuedMail;
import dev.postino.sandbox.SandboxMails;

/**
 * ProductivityDelay in James's real container with the project's mailetcontainer.xml: the
 * external copy goes at once, the company copy waits in the spool queue for the computed delay,
 * arrives, and is not delayed again.
 */
class DelayScenarioTest {

    private static final ZonedDateTime TUESDAY_10 = ZonedDateTime.parse("2026-12-01T10:00+01:00[Europe/Rome]");
    private static final ZonedDateTime FRIDAY_22 = ZonedDateTime.parse("2026-11-27T22:00+01:00[Europe/Rome]");
    private static final ZonedDateTime MONDAY_09 = ZonedDateTime.parse("2026-11-30T09:00+01:00[Europe/Rome]");

    /** To: one colleague and a client; Cc: one colleague; Bcc (envelope only): one colleague. */
    private static final String MEETING = """
        From: Mario Rossi <mario.rossi@acme.example>
        To: Anna Bianchi <anna.bianchi@acme.example>, Client <client@example.com>
        Cc: luca.verdi@acme.example
        Subject: Riunione di domani
        Message-ID: <delay-1@acme.example>
        Date: Tue, 1 Dec 2026 10:00:00 +0100
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        Ci vediamo alle 11.
        """.replace("\n", "\r\n");

    private static final String FROM_GMAIL = """
        From: Mario Rossi <mario.rossi.1970@gmail.example>
        To: anna.bianchi@acme.example, luca.verdi@acme.example
        Subject: Pranzo di venerdì
        Message-ID: <personal-1@gmail.example>
        Date: Tue, 1 Dec 2026 10:00:00 +0100
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        Chi viene?
        """.replace("\n", "\r\n");

    private static JamesTestBed bedAt(ZonedDateTime start) throws Exception {
        return JamesTestBed.builder()
            .configFile(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
            .startAt(start)
            .build();
    }

    private static Mail meeting() throws Exception {
        return SandboxMails.fromEml(MEETING, Envelope.from("mario.rossi@acme.example")
            .to("anna.bianchi@acme.example", "luca.verdi@acme.example", "giulia.neri@acme.example", "client@example.com")
            .authenticatedAs("mario.rossi@acme.example"));
    }

    private static List<QueuedMail> delayed(JamesTestBed bed) {
        return bed.queue().history().stream().filter(QueuedMail::delayed).toList();
    }

    private static List<Delivery> localDeliveries(JamesTestBed bed) {
        return bed.deliveries().stream().filter(d -> d.kind() == Delivery.Kind.LOCAL).toList();
    }

    @Test
    void theExternalRecipientIsServedAtOnceAndTheColleaguesWait() throws Exception {
        try (JamesTestBed bed = bedAt(TUESDAY_10)) {
            bed.send(meeting());

            assertThat(bed.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(Delivery.Kind.REMOTE);
                assertThat(d.recipients()).extracting(Object::toString).containsExactly("client@example.com");
                assertThat(d.message().getHeader("X-Postino-Delay")).isNull();
            });
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void theCompanyCopyIsEnqueuedWithTheComputedDelayIntoTransport() throws Exception {
        try (JamesTestBed bed = bedAt(TUESDAY_10)) {
            bed.send(meeting());

            assertThat(delayed(bed)).singleElement().satisfies(item -> {
                assertThat(item.state()).isEqualTo("transport");
                assertThat(item.mail().getRecipients()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("anna.bianchi@acme.example", "luca.verdi@acme.example", "giulia.neri@acme.example");
                // rule 1: 400-800 s; rule 2: Luca is the second To/Cc colleague (40-80 s), Giulia is Bcc (300-600 s)
                assertThat(item.delay()).isBetween(Duration.ofSeconds(740), Duration.ofSeconds(1480));
                long seconds = (Long) item.mail().getAttribute(org.apache.mailet.AttributeName.of("postino.delay.seconds"))
                    .orElseThrow().getValue().value();
                assertThat(item.delay()).isEqualTo(Duration.ofSeconds(seconds));
                assertThat(item.mail().getMessage().getHeader("X-Postino-Delay", null))
                    .startsWith(seconds + "s; base=").contains("to-cc=1x=").contains("bcc=1x=").contains("edge=0s");
            });
        }
    }

    @Test
    void theColleaguesReceiveTheMessageWhenTheDelayEndsAndItIsNotDelayedAgain() throws Exception {
        try (JamesTestBed bed = bedAt(TUESDAY_10)) {
            bed.send(meeting());
            QueuedMail item = delayed(bed).getFirst();

            bed.advanceTo(item.dueAt().minusSeconds(1));
            assertThat(localDeliveries(bed)).isEmpty();

            bed.advanceBy(Duration.ofSeconds(1));
            assertThat(localDeliveries(bed)).singleElement().satisfies(d -> {
                assertThat(d.at()).isEqualTo(item.dueAt());
                assertThat(d.recipients()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("anna.bianchi@acme.example", "luca.verdi@acme.example", "giulia.neri@acme.example");
                assertThat(d.message().getHeader("X-Postino-Delay", null)).isNotNull();
            });
            bed.advanceBy(Duration.ofDays(7));
            assertThat(delayed(bed)).as("the delivered copy was never enqueued again with a delay").hasSize(1);
            assertThat(localDeliveries(bed)).hasSize(1);
        }
    }

    @Test
    void fridayNightMailIsDueAtMondaysOpeningPlusTheRules() throws Exception {
        try (JamesTestBed bed = bedAt(FRIDAY_22)) {
            bed.send(meeting());

            QueuedMail item = delayed(bed).getFirst();
            Instant opening = MONDAY_09.toInstant();
            assertThat(item.dueAt()).isBetween(opening.plusSeconds(740), opening.plusSeconds(1480));

            bed.advanceTo(opening);
            assertThat(localDeliveries(bed)).as("nothing before the opening").isEmpty();
            bed.advanceTo(item.dueAt());
            assertThat(localDeliveries(bed)).singleElement().satisfies(d -> assertThat(d.at()).isEqualTo(item.dueAt()));
        }
    }

    @Test
    void theSeededFragmentGivesTheSameDelayOnEveryRun() throws Exception {
        Duration first;
        try (JamesTestBed bed = JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/delay.xml")).build()) {
            bed.send(meeting());
            first = delayed(bed).getFirst().delay();
        }
        try (JamesTestBed bed = JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/delay.xml")).build()) {
            bed.send(meeting());
            assertThat(delayed(bed).getFirst().delay()).isEqualTo(first);
        }
    }

    @Test
    void aPersonalAccountMessageIsDelayedAndProducesExactlyOneLetter() throws Exception {
        try (JamesTestBed bed = bedAt(TUESDAY_10)) {
            bed.send(SandboxMails.fromEml(FROM_GMAIL, Envelope.from("mario.rossi.1970@gmail.example")
                .to("anna.bianchi@acme.example", "luca.verdi@acme.example")));
            assertThat(localDeliveries(bed)).as("the colleagues wait, as for any colleague's mail").isEmpty();

            bed.advanceBy(Duration.ofHours(1));

            List<Delivery> letters = localDeliveries(bed).stream().filter(d -> d.isFor("mario.rossi@acme.example")).toList();
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.recipients()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("mario.rossi@acme.example", "hr@acme.example");
                assertThat(letter.sender()).as("a fresh James completes the sample's postmaster with its default domain")
                    .get().hasToString("postmaster@localhost");
                assertThat(letter.message().getSubject()).startsWith("Lettera di richiamo");
                assertThat((String) letter.message().getContent()).contains("Pranzo di venerdì").contains("2 colleghi");
            });
            assertThat(localDeliveries(bed)).filteredOn(d -> d.isFor("anna.bianchi@acme.example")).singleElement()
                .satisfies(d -> assertThat(d.recipients()).hasSize(2));
            assertThat(bed.deliveries()).noneMatch(d -> d.isFor("mario.rossi.1970@gmail.example"));
            assertThat(bed.errors()).isEmpty();
        }
    }
}
