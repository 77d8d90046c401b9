package dev.postino.sandbox.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postino.delay.HoldBucket;
import dev.postino.mailets.ProductivityDelay;
import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxConfigurationException;
import dev.postino.sandbox.SandboxMails;

/**
 * The delay rules on a server whose mail queue ignores delays (James's distributed server, RabbitMQ):
 * the sandbox's spool ignores them exactly as RabbitMQMailQueue does, so a delayed enqueue would
 * deliver at once. hold=auto keeps the colleagues' copy in a hold bucket instead, and only the
 * release-held job delivers it, at its due minute.
 */
class DistributedHoldTest {

    static final ZonedDateTime TUESDAY_10 = ZonedDateTime.parse("2026-12-01T10:00+01:00[Europe/Rome]");
    static final String HELD = "memory://var/mail/postino-held/";

    static final String MEETING = """
        From: Mario Rossi <mario.rossi@acme.example>
        To: Anna Bianchi <anna.bianchi@acme.example>, Client <client@example.com>
        Cc: luca.verdi@acme.example
        Subject: Riunione di domani
        Message-ID: <distributed-%d@acme.example>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        Ci vediamo alle 11.
        """.replace("\n", "\r\n");

    static Mail meeting(int n) throws Exception {
        return SandboxMails.fromEml(MEETING.formatted(n), Envelope.from("mario.rossi@acme.example")
            .to("anna.bianchi@acme.example", "luca.verdi@acme.example", "client@example.com")
            .authenticatedAs("mario.rossi@acme.example"));
    }

    /** The sample configuration, its draws made reproducible, on a queue that ignores delays. */
    static JamesTestBed.Builder distributed() throws IOException {
        String config = Files.readString(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
            .replace("<hold>auto</hold>", "<seed>20261201</seed><hold>auto</hold>");
        return JamesTestBed.builder().configXml(config).queueIgnoringDelays().startAt(TUESDAY_10);
    }

    static Instant due(Delivery delivery) {
        return OffsetDateTime.parse(delivery.postinoAttributes().get("postino.delay.until")).toInstant();
    }

    @Test
    void autoHoldsTheColleaguesCopyInTheBucketOfItsDueMinuteAndTheClientGetsItAtOnce() throws Exception {
        try (JamesTestBed bed = distributed().build()) {
            bed.send(meeting(1));

            assertThat(bed.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(Delivery.Kind.REMOTE);
                assertThat(d.isFor("client@example.com")).isTrue();
            });
            assertThat(bed.queue().pending()).as("nothing waits in the queue, which would deliver at once").isEmpty();
            List<String> buckets = bed.nonEmptyRepositories().stream().filter(url -> url.startsWith(HELD)).toList();
            assertThat(buckets).hasSize(1);
            Mail held = bed.repository(buckets.getFirst()).getFirst();
            assertThat(held.getRecipients()).extracting(Object::toString)
                .containsExactlyInAnyOrder("anna.bianchi@acme.example", "luca.verdi@acme.example");
            assertThat(held.getState()).isEqualTo("transport");
            Instant due = OffsetDateTime.parse((String) held.getAttribute(
                org.apache.mailet.AttributeName.of("postino.delay.until")).orElseThrow().getValue().value()).toInstant();
            assertThat(buckets.getFirst()).isEqualTo(HELD + HoldBucket.dueBy(due).name());
        }
    }

    @Test
    void withoutTheReleaseJobNothingIsDeliveredHowLongSoEver() throws Exception {
        try (JamesTestBed bed = distributed().build()) {
            bed.send(meeting(1));
            bed.advanceBy(Duration.ofDays(3));
            assertThat(bed.deliveries()).noneMatch(d -> d.kind() == Delivery.Kind.LOCAL);
        }
    }

    @Test
    void aMissingReleaseJobIsAWarnAtStartAndAgainWhenHeldMailIsOverdue() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ProductivityDelay.class);
        logger.addAppender(logs);
        try (JamesTestBed bed = distributed().build()) {
            assertThat(warnings(logs)).anySatisfy(line -> assertThat(line)
                .startsWith("ProductivityDelay: held mail waits in memory://var/mail/postino-held/<due minute, UTC>, "
                    + "released only by `java -jar postino-<version>.jar release-held"));
            bed.send(meeting(1));
            assertThat(warnings(logs)).noneMatch(line -> line.contains("overdue"));

            bed.advanceBy(Duration.ofHours(1));
            bed.send(meeting(2));

            assertThat(warnings(logs)).filteredOn(line -> line.contains("overdue")).singleElement().asString()
                .startsWith("ProductivityDelay: 1 hold bucket(s) in memory://var/mail/postino-held hold mail overdue by "
                    + "more than 5 minutes (oldest memory://var/mail/postino-held/2026120");
        } finally {
            logger.detachAppender(logs);
        }
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> logs) {
        return logs.list.stream().filter(event -> event.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theReleaseJobDeliversTheCopyOnceAtItsBucketMinuteNeverBeforeItsDueTime() throws Exception {
        try (JamesTestBed bed = distributed().releasingHeldMailFrom(HELD).build()) {
            bed.send(meeting(1));
            bed.advanceBy(Duration.ofHours(2));

            List<Delivery> local = bed.deliveries().stream().filter(d -> d.kind() == Delivery.Kind.LOCAL).toList();
            assertThat(local).singleElement().satisfies(d -> {
                assertThat(d.recipients()).hasSize(2);
                assertThat(d.at()).isAfterOrEqualTo(due(d)).isBefore(due(d).plusSeconds(60));
                assertThat(d.message().getHeader("X-Postino-Delay")).hasSize(1);
            });
            assertThat(bed.heldMailRelease().orElseThrow().held()).isZero();
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void holdQueueIsRefusedAtStartOnAQueueThatIgnoresDelays() throws Exception {
        String config = Files.readString(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
            .replace("<hold>auto</hold>", "<hold>queue</hold>");
        assertThatThrownBy(() -> JamesTestBed.builder().configXml(config).queueIgnoringDelays().build())
            .isInstanceOf(SandboxConfigurationException.class)
            .hasMessageContaining("mailet 'dev.postino.mailets.ProductivityDelay'")
            .hasMessageContaining("hold: invalid value 'queue': this server's mail queue "
                + "(org.apache.james.queue.rabbitmq.RabbitMQMailQueueFactory) ignores enqueue delays");
    }

    @Test
    void autoWithoutAHoldRepositoryIsRefusedAtStartOnAQueueThatIgnoresDelays() throws Exception {
        String config = Files.readString(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
            .replace("<holdRepository>memory://var/mail/postino-held/</holdRepository>", "");
        assertThatThrownBy(() -> JamesTestBed.builder().configXml(config).queueIgnoringDelays().build())
            .hasMessageContaining("holdRepository: hold=auto on this server");
        try (JamesTestBed memoryServer = JamesTestBed.builder().configXml(config).build()) {
            assertThat(memoryServer.processorNames()).contains("transport");
        }
    }

    @Test
    void onAQueueThatHonoursDelaysAutoKeepsTheQueueHold() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().startAt(TUESDAY_10).build()) {
            bed.send(meeting(1));
            assertThat(bed.queue().pending()).singleElement().satisfies(q -> assertThat(q.delayed()).isTrue());
            assertThat(bed.nonEmptyRepositories()).noneMatch(url -> url.startsWith(HELD));
        }
    }
}
