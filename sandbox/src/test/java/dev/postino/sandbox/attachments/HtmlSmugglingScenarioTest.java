package dev.postino.sandbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.postino.sandbox.DeliveryRecorder;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/** The HTML smuggling sample inside James's real mailet container, with the shipped attachments configuration. */
class HtmlSmugglingScenarioTest {

    private static final String SAMPLE = "34-html-smuggling";

    private static Mail sample() throws Exception {
        Path eml = JamesTestBed.projectFile("samples/" + SAMPLE + ".eml");
        MimeMessage message = SandboxMails.parse(Files.readAllBytes(eml));
        Envelope envelope = Envelope.forMessage(message, Optional.of(JamesTestBed.projectFile("samples/" + SAMPLE + ".envelope")));
        return SandboxMails.fromEml(eml, envelope);
    }

    private static String attachmentsXml(String htmlSmuggling) throws Exception {
        String xml = Files.readString(JamesTestBed.projectFile("conf-samples/attachments.xml"), StandardCharsets.UTF_8);
        assertThat(xml).contains("<htmlSmuggling>block</htmlSmuggling>");
        return xml.replace("<htmlSmuggling>block</htmlSmuggling>", "<htmlSmuggling>" + htmlSmuggling + "</htmlSmuggling>");
    }

    @Test
    void smugglingInvoiceIsQuarantinedWithThePathIntoThePage() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/attachments.xml")).build()) {
            bed.send(sample());

            assertThat(bed.repository("memory://var/mail/quarantine/")).singleElement().satisfies(held -> {
                Map<String, String> attributes = DeliveryRecorder.postinoAttributes(held);
                assertThat(attributes).containsEntry("postino.attachments.verdict", "dangerous");
                assertThat(attributes.get("postino.attachments.findings")).contains("HTML_SMUGGLING")
                    .contains("part 2 › Fattura_4471.html › embedded data 1 › Fattura_4471.pdf.exe");
                assertThat(held.getMessage().getHeader("X-Postino-Attachments", null)).contains("HTML_SMUGGLING in part 2");
            });
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void ignoringSmugglingStillQuarantinesTheSmuggledProgram() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configXml(attachmentsXml("ignore")).build()) {
            bed.send(sample());

            assertThat(bed.repository("memory://var/mail/quarantine/")).singleElement().satisfies(held -> {
                String findings = DeliveryRecorder.postinoAttributes(held).get("postino.attachments.findings");
                assertThat(findings).contains("EXECUTABLE_CONTENT").doesNotContain("HTML_SMUGGLING");
            });
        }
    }
}
