package dev.postino.sandbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.DeliveryRecorder;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/**
 * The two encrypted-zip samples through the demo's configuration ({@code conf-samples/mailetcontainer.xml}):
 * a stranger's is quarantined, the logged-in payroll office's (listed in {@code encryptedAllowedSenders}) goes
 * out with the finding recorded.
 */
class DemoEncryptedSamplesScenarioTest {

    private static Mail sample(String name, Optional<String> forgedEnvelope) throws Exception {
        Path eml = JamesTestBed.projectFile("samples/" + name + ".eml");
        MimeMessage message = SandboxMails.parse(Files.readAllBytes(eml));
        Envelope envelope = forgedEnvelope.isPresent()
            ? Envelope.from(forgedEnvelope.get()).to("studio@consulenti-lavoro.example")
            : Envelope.forMessage(message, Optional.of(JamesTestBed.projectFile("samples/" + name + ".envelope")));
        return SandboxMails.fromEml(eml, envelope);
    }

    private static JamesTestBed demoBed() throws Exception {
        return JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml")).build();
    }

    @Test
    void payrollOfficeLoggedInSendsEncryptedPayslipsOutWithTheFindingRecorded() throws Exception {
        try (JamesTestBed bed = demoBed()) {
            bed.send(sample("35-encrypted-payslips-from-payroll", Optional.empty()));

            assertThat(bed.repository("memory://var/mail/quarantine/")).isEmpty();
            assertThat(bed.deliveries()).singleElement().satisfies(delivery -> {
                assertThat(delivery.kind()).isEqualTo(Delivery.Kind.REMOTE);
                Map<String, String> attributes = delivery.postinoAttributes();
                assertThat(attributes).containsEntry("postino.attachments.verdict", "clean")
                    .containsEntry("postino.attachments.encryptedAllowedBy", "paghe@acme.example");
                assertThat(attributes.get("postino.attachments.findings")).contains("ENCRYPTED_CONTENT");
            });
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void sameMailWithTheSenderForgedAndNoLoginIsQuarantined() throws Exception {
        try (JamesTestBed bed = demoBed()) {
            bed.send(sample("35-encrypted-payslips-from-payroll", Optional.of("paghe@acme.example")));

            assertThat(bed.repository("memory://var/mail/quarantine/")).singleElement()
                .satisfies(held -> assertThat(DeliveryRecorder.postinoAttributes(held))
                    .containsEntry("postino.attachments.verdict", "dangerous")
                    .doesNotContainKey("postino.attachments.encryptedAllowedBy"));
        }
    }

    @Test
    void strangersEncryptedZipIsQuarantined() throws Exception {
        try (JamesTestBed bed = demoBed()) {
            bed.send(sample("33-encrypted-zip", Optional.empty()));

            assertThat(bed.repository("memory://var/mail/quarantine/")).singleElement()
                .satisfies(held -> assertThat(DeliveryRecorder.postinoAttributes(held))
                    .containsEntry("postino.attachments.verdict", "dangerous"));
        }
    }
}
