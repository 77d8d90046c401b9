package dev.postino.sandbox.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postino.PostinoVersion;
import dev.postino.mailets.DropReceipt;
import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;
import dev.postino.testing.ReceiptMails;

/**
 * Receipt blocking in James's real mailet container, with conf-samples/receipts.xml and the full
 * conf-samples/mailetcontainer.xml.
 */
class ReceiptBlockingScenarioTest {

    private static final String MARIO = "mario.rossi@acme.example";
    private static final String ANNA = "anna.bianchi@acme.example";
    private static final String CLIENT = "client@example.com";
    private static final String DROPPED_REPOSITORY = "memory://var/mail/dropped-receipts/";
    private static final String OUTBOUND_COPY = "memory://var/mail/outbound-copy/";

    private static final String START_LINE = "DropReceipt " + PostinoVersion.current() + " started";

    private final Logger dropLogger = (Logger) LoggerFactory.getLogger(DropReceipt.class);
    private final ListAppender<ILoggingEvent> auditLines = new ListAppender<>();

    @BeforeEach
    void captureAuditLines() {
        auditLines.start();
        dropLogger.addAppender(auditLines);
    }

    @AfterEach
    void releaseAuditLines() {
        dropLogger.detachAppender(auditLines);
    }

    /** What DropReceipt logged about mail: everything but its one line at start. */
    private List<ILoggingEvent> dropLines() {
        return auditLines.list.stream().filter(event -> !event.getFormattedMessage().equals(START_LINE)).toList();
    }

    private static byte[] eml(String name) {
        return ReceiptMails.bytes(name);
    }

    private static JamesTestBed receiptsBed() throws Exception {
        return JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/receipts.xml")).build();
    }

    /** receipts.xml with an audit copy of everything handed to RemoteDelivery, to read its DSN parameters. */
    private static JamesTestBed receiptsBedKeepingOutboundCopies() throws Exception {
        String xml = Files.readString(JamesTestBed.projectFile("conf-samples/receipts.xml"));
        String relay = "<processor state=\"relay\" enableJmx=\"false\">";
        String withCopy = relay + "<mailet match=\"All\" class=\"ToRepository\"><repositoryPath>" + OUTBOUND_COPY
            + "</repositoryPath><passThrough>true</passThrough></mailet>";
        assertThat(xml).contains(relay);
        return JamesTestBed.builder().configXml(xml.replace(relay, withCopy)).build();
    }

    private static List<Delivery> deliveries(JamesTestBed bed, Delivery.Kind kind) {
        return bed.deliveries().stream().filter(delivery -> delivery.kind() == kind).toList();
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static String bodyText(MimeMessage message) throws Exception {
        String raw = new String(bytes(message), java.nio.charset.StandardCharsets.UTF_8);
        return raw.substring(raw.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void readReceiptFromALocalUserToAnExternalAddressIsDiscardedAndLogged() throws Exception {
        try (JamesTestBed bed = receiptsBed()) {
            bed.send(SandboxMails.fromEml(eml("mdn-thunderbird.eml"),
                Envelope.from(MARIO).to(CLIENT).authenticatedAs(MARIO)));

            assertThat(bed.deliveries()).isEmpty();
            assertThat(bed.repository(DROPPED_REPOSITORY)).as("audit copy").hasSize(1);
            assertThat(auditLines.list).extracting(ILoggingEvent::getFormattedMessage).containsOnlyOnce(START_LINE);
            assertThat(dropLines()).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("<8f2c1a7e-3b4d-4e55-9a10-2c6f1d0e7b42@acme.example>")
                .contains(MARIO)
                .contains(CLIENT)
                .contains("disposition-notification");
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void theSameReceiptToAColleagueIsDelivered() throws Exception {
        try (JamesTestBed bed = receiptsBed()) {
            bed.send(SandboxMails.fromEml(eml("mdn-thunderbird.eml"),
                Envelope.from(MARIO).to(CLIENT, ANNA).authenticatedAs(MARIO)));

            assertThat(deliveries(bed, Delivery.Kind.LOCAL)).singleElement()
                .satisfies(delivery -> assertThat(delivery.recipients()).extracting(MailAddress::asString).containsExactly(ANNA));
            assertThat(deliveries(bed, Delivery.Kind.REMOTE)).isEmpty();
            assertThat(bed.repository(DROPPED_REPOSITORY)).singleElement()
                .satisfies(mail -> assertThat(mail.getRecipients()).extracting(MailAddress::asString).containsExactly(CLIENT));
        }
    }

    @Test
    void aBouncePassesUntouched() throws Exception {
        try (JamesTestBed bed = receiptsBed()) {
            byte[] bounce = eml("dsn-postfix.eml");
            bed.send(SandboxMails.fromEml(bounce, Envelope.nullSender().to(MARIO)));

            Delivery delivered = deliveries(bed, Delivery.Kind.LOCAL).get(0);
            MimeMessage original = SandboxMails.parse(bounce);
            assertThat(delivered.recipients()).extracting(MailAddress::asString).containsExactly(MARIO);
            assertThat(delivered.message().getHeader("Content-Type")).isEqualTo(original.getHeader("Content-Type"));
            assertThat(bodyText(delivered.message())).isEqualTo(bodyText(original));
            assertThat(delivered.postinoAttributes()).isEmpty();
            assertThat(bed.repository(DROPPED_REPOSITORY)).isEmpty();
            assertThat(dropLines()).isEmpty();
        }
    }

    @Test
    void aBounceRelayedToAnExternalAddressIsNotTakenForAReceipt() throws Exception {
        try (JamesTestBed bed = receiptsBed()) {
            bed.send(SandboxMails.fromEml(eml("dsn-global-rfc6533.eml"),
                Envelope.from(MARIO).to(CLIENT).authenticatedAs(MARIO)));

            assertThat(deliveries(bed, Delivery.Kind.REMOTE)).singleElement()
                .satisfies(delivery -> assertThat(delivery.recipients()).extracting(MailAddress::asString).containsExactly(CLIENT));
            assertThat(bed.repository(DROPPED_REPOSITORY)).isEmpty();
        }
    }

    @Test
    void anAbuseReportToAnExternalAddressIsNotTakenForAReceipt() throws Exception {
        try (JamesTestBed bed = receiptsBed()) {
            bed.send(SandboxMails.fromEml(eml("arf-feedback-report.eml"),
                Envelope.from(MARIO).to(CLIENT).authenticatedAs(MARIO)));

            assertThat(deliveries(bed, Delivery.Kind.REMOTE)).hasSize(1);
            assertThat(bed.repository(DROPPED_REPOSITORY)).isEmpty();
        }
    }

    @Test
    void aReceiptRequestLeavesWithoutRequestHeadersAndDsnSuccessButKeepsFailure() throws Exception {
        try (JamesTestBed bed = receiptsBedKeepingOutboundCopies()) {
            bed.send(SandboxMails.fromEml(eml("request-thunderbird.eml"),
                Envelope.from(MARIO).to(CLIENT, ANNA).authenticatedAs(MARIO).dsnNotify("SUCCESS,FAILURE")));

            Delivery outbound = deliveries(bed, Delivery.Kind.REMOTE).get(0);
            assertThat(outbound.recipients()).extracting(MailAddress::asString).containsExactly(CLIENT);
            assertThat(outbound.message().getHeader("Disposition-Notification-To")).isNull();
            assertThat(outbound.message().getHeader("Return-Receipt-To")).isNull();
            assertThat(outbound.message().getMessageID()).isEqualTo("<req-tb-1@acme.example>");
            assertThat(outbound.postinoAttributes())
                .containsEntry("postino.receipts.strippedHeaders", "Disposition-Notification-To, Return-Receipt-To")
                .containsEntry("postino.receipts.strippedNotify", "client@example.com SUCCESS");

            Mail relayed = bed.repository(OUTBOUND_COPY).get(0);
            Optional<EnumSet<DsnParameters.Notify>> notify = relayed.dsnParameters()
                .map(parameters -> parameters.getRcptParameters().get(new MailAddressOf(CLIENT).value()))
                .flatMap(DsnParameters.RecipientDsnParameters::getNotifyParameter);
            assertThat(notify).contains(EnumSet.of(DsnParameters.Notify.FAILURE));
        }
    }

    @Test
    void theColleaguesCopyOfARequestKeepsItsHeaders() throws Exception {
        try (JamesTestBed bed = receiptsBed()) {
            bed.send(SandboxMails.fromEml(eml("request-thunderbird.eml"),
                Envelope.from(MARIO).to(CLIENT, ANNA).authenticatedAs(MARIO).dsnNotify("SUCCESS,FAILURE")));

            Delivery local = deliveries(bed, Delivery.Kind.LOCAL).get(0);
            assertThat(local.recipients()).extracting(MailAddress::asString).containsExactly(ANNA);
            assertThat(local.message().getHeader("Disposition-Notification-To")).isNotNull();
        }
    }

    @Test
    void theFullConfigurationDropsOutboundReceiptsAndStripsOutboundRequests() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().build()) {
            bed.send(SandboxMails.fromEml(eml("mdn-thunderbird.eml"),
                Envelope.from(MARIO).to(CLIENT, ANNA).authenticatedAs(MARIO)));
            bed.send(SandboxMails.fromEml(eml("request-thunderbird.eml"),
                Envelope.from(MARIO).to(CLIENT).authenticatedAs(MARIO).dsnNotify("SUCCESS,FAILURE")));
            bed.advanceBy(Duration.ofDays(7)); // Anna's copy waits for the intra-company delay rules

            assertThat(bed.repository(DROPPED_REPOSITORY)).hasSize(1);
            assertThat(deliveries(bed, Delivery.Kind.LOCAL)).hasSize(1);
            assertThat(deliveries(bed, Delivery.Kind.REMOTE)).singleElement()
                .satisfies(delivery -> assertThat(delivery.message().getHeader("Disposition-Notification-To")).isNull());
            assertThat(bed.errors()).isEmpty();
        }
    }

    /** MailAddress without a checked exception in a lambda. */
    private record MailAddressOf(String text) {
        MailAddress value() {
            try {
                return new MailAddress(text);
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
