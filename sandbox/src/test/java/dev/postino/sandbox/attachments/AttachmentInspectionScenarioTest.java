package dev.postino.sandbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;
import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.DeliveryRecorder;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/** Attachment inspection inside James's real mailet container, with the shipped configuration samples. */
class AttachmentInspectionScenarioTest {

    private static final String HOLD_DANGEROUS = """
        <mailetcontainer enableJmx="false">
          <context><postmaster>postmaster</postmaster></context>
          <spooler><threads>1</threads><errorRepository>memory://var/mail/error/</errorRepository></spooler>
          <processors>
            <processor state="root" enableJmx="false">
              <mailet match="All" class="dev.postino.mailets.InspectAttachments"/>
              <mailet match="dev.postino.matchers.HasDangerousAttachment=DOUBLE_EXTENSION,EXECUTABLE_CONTENT" class="ToRepository">
                <repositoryPath>memory://var/mail/held/</repositoryPath>
              </mailet>
              <mailet match="All" class="ToProcessor"><processor>transport</processor></mailet>
            </processor>
            <processor state="error" enableJmx="false">
              <mailet match="All" class="ToRepository"><repositoryPath>memory://var/mail/error/</repositoryPath></mailet>
            </processor>
            <processor state="transport" enableJmx="false">
              <mailet match="All" class="RemoveMimeHeader"><name>bcc</name></mailet>
              <mailet match="RecipientIsLocal" class="ToProcessor"><processor>local-delivery</processor></mailet>
              <mailet match="All" class="ToRepository"><repositoryPath>memory://var/mail/relay-denied/</repositoryPath></mailet>
            </processor>
            <processor state="local-delivery" enableJmx="false">
              <mailet match="All" class="LocalDelivery"/>
            </processor>
          </processors>
        </mailetcontainer>
        """;

    private static Mail sample(String name) throws Exception {
        Path eml = JamesTestBed.projectFile("samples/" + name + ".eml");
        MimeMessage message = SandboxMails.parse(Files.readAllBytes(eml));
        Envelope envelope = Envelope.forMessage(message, Optional.of(JamesTestBed.projectFile("samples/" + name + ".envelope")));
        return SandboxMails.fromEml(eml, envelope);
    }

    private static Delivery onlyDelivery(JamesTestBed bed) {
        assertThat(bed.deliveries()).hasSize(1);
        return bed.deliveries().get(0);
    }

    @Test
    void seedBollettinoIsDangerousWithThePathToTheDisguisedExecutable() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/attachments.xml")).build()) {
            bed.send(sample("30-bollettino-zip-exe"));

            // attachments.xml quarantines dangerous mail: the verdict travels with the held original.
            assertThat(bed.repository("memory://var/mail/quarantine/")).singleElement().satisfies(held -> {
                Map<String, String> attributes = DeliveryRecorder.postinoAttributes(held);
                assertThat(attributes).containsEntry("postino.attachments.verdict", "dangerous");
                assertThat(attributes.get("postino.attachments.findings"))
                    .contains("DOUBLE_EXTENSION").contains("part 2 › bollettino.zip › bollettino.pdf.exe").contains("EXECUTABLE_CONTENT");
                assertThat(held.getMessage().getHeader("X-Postino-Attachments", null))
                    .isEqualTo("dangerous (DOUBLE_EXTENSION in part 2; EXECUTABLE_CONTENT in part 2)");
            });
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void cleanPdfIsClean() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/attachments.xml")).build()) {
            bed.send(sample("31-clean-pdf"));

            Delivery delivery = onlyDelivery(bed);
            assertThat(delivery.postinoAttributes()).containsEntry("postino.attachments.verdict", "clean");
            assertThat(delivery.message().getHeader("X-Postino-Attachments", null)).isEqualTo("clean");
        }
    }

    @Test
    void fullConfigurationInspectsEveryMailInRoot() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml")).build()) {
            bed.send(sample("32-forwarded-bollettino"));

            assertThat(bed.trace()).anySatisfy(step -> assertThat(step.toString()).contains("InspectAttachments"));
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void matcherHoldsTheBollettinoAndLetsTheCleanPdfThrough() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configXml(HOLD_DANGEROUS).build()) {
            bed.send(sample("30-bollettino-zip-exe"));
            bed.send(sample("31-clean-pdf"));

            assertThat(bed.repository("memory://var/mail/held/")).singleElement().satisfies(held -> {
                StoredFinding first = AttachmentVerdictAttributes.findings(held).get(0);
                assertThat(first.section()).isEqualTo("2");
                assertThat(first.filename()).isEqualTo("bollettino.pdf.exe");
            });
            assertThat(onlyDelivery(bed).message().getSubject()).startsWith("Fattura n. 1182");
        }
    }
}
