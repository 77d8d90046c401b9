package dev.postino.sandbox.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/** The receipt demo samples (samples/10-19) end where their descriptions say, with the full configuration. */
class ReceiptSamplesTest {

    private static final String DROPPED_REPOSITORY = "memory://var/mail/dropped-receipts/";

    private static JamesTestBed runSample(String baseName) throws Exception {
        Path eml = JamesTestBed.projectFile("samples/" + baseName + ".eml");
        Path envelopeFile = JamesTestBed.projectFile("samples/" + baseName + ".envelope");
        MimeMessage message = SandboxMails.parse(Files.readAllBytes(eml));
        Envelope envelope = Envelope.forMessage(message, Optional.of(envelopeFile));
        JamesTestBed bed = JamesTestBed.builder().build();
        Mail mail = SandboxMails.fromMessage(message, envelope);
        if (envelope.at().isPresent()) {
            bed.sendAt(mail, envelope.at().get());
        } else {
            bed.send(mail);
        }
        return bed;
    }

    private static List<String> recipients(JamesTestBed bed, Delivery.Kind kind) {
        return bed.deliveries().stream().filter(delivery -> delivery.kind() == kind)
            .flatMap(delivery -> delivery.recipients().stream()).map(MailAddress::asString).toList();
    }

    @Test
    void thunderbirdReceiptToAClientIsDropped() throws Exception {
        try (JamesTestBed bed = runSample("10-read-receipt-thunderbird-to-client")) {
            assertThat(bed.deliveries()).isEmpty();
            assertThat(bed.repository(DROPPED_REPOSITORY)).hasSize(1);
        }
    }

    @Test
    void outlookReceiptToAColleagueIsDelivered() throws Exception {
        try (JamesTestBed bed = runSample("11-read-receipt-outlook-to-colleague")) {
            assertThat(recipients(bed, Delivery.Kind.LOCAL)).containsExactly("mario.rossi@acme.example");
        }
    }

    @Test
    void postfixBounceIsDeliveredUntouched() throws Exception {
        try (JamesTestBed bed = runSample("12-bounce-postfix")) {
            assertThat(recipients(bed, Delivery.Kind.LOCAL)).containsExactly("mario.rossi@acme.example");
            assertThat(bed.deliveries().get(0).postinoAttributes()).isEmpty();
        }
    }

    @Test
    void receiptRequestLeavesStrippedAndTheColleaguesCopyIsNot() throws Exception {
        try (JamesTestBed bed = runSample("13-receipt-request-with-dsn")) {
            Delivery remote = bed.deliveries().stream().filter(d -> d.kind() == Delivery.Kind.REMOTE).findFirst().orElseThrow();
            Delivery local = bed.deliveries().stream().filter(d -> d.kind() == Delivery.Kind.LOCAL).findFirst().orElseThrow();
            assertThat(remote.message().getHeader("Disposition-Notification-To")).isNull();
            assertThat(remote.postinoAttributes()).containsEntry("postino.receipts.strippedNotify", "client@example.com SUCCESS");
            assertThat(local.message().getHeader("Disposition-Notification-To")).isNotNull();
        }
    }

    @Test
    void abuseReportIsRelayedUntouched() throws Exception {
        try (JamesTestBed bed = runSample("14-abuse-report-forwarded")) {
            assertThat(recipients(bed, Delivery.Kind.REMOTE)).containsExactly("abuse-desk@example.com");
            assertThat(bed.repository(DROPPED_REPOSITORY)).isEmpty();
        }
    }

    @Test
    void globalReceiptToAClientIsDropped() throws Exception {
        try (JamesTestBed bed = runSample("15-global-read-receipt-rfc6533")) {
            assertThat(bed.deliveries()).isEmpty();
            assertThat(bed.repository(DROPPED_REPOSITORY)).hasSize(1);
        }
    }
}
