package dev.postino.sandbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.DeliveryRecorder;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/**
 * {@code encryptedAllowedSenders} in James's real container: conf-samples/attachments.xml with one partner
 * listed, as an admin would change it. Research corpus T22: an encrypted zip is quarantined, unless its
 * sender is a listed partner who proves who it is.
 */
class EncryptedAllowlistScenarioTest {

    private static final String QUARANTINE = "memory://var/mail/quarantine/";
    private static final String PARTNER = "paghe@studio-rossi.example";
    private static final String STRANGER = "avvisi@spedizioni.example";
    private static final String ANNA = "anna.bianchi@acme.example";
    private static final String SUBJECT = "Documenti di spedizione";
    /**
     * Where James's SPF mailet stores its result. That mailet asks DNS and is not published at 3.9.0, so
     * the tests set on each mail the result it would have stored, as if it ran first in root.
     */
    private static final AttributeName SPF_RESULT = AttributeName.of("org.apache.james.transport.mailets.spf.result");

    private static String partnerListedConfig() throws Exception {
        String config = Files.readString(JamesTestBed.projectFile("conf-samples/attachments.xml"));
        String listed = config
            .replace("<encryptedAllowedSenders></encryptedAllowedSenders>",
                "<encryptedAllowedSenders>" + PARTNER + "</encryptedAllowedSenders>")
            .replace("<encryptedAllowedSendersRequire>auth</encryptedAllowedSendersRequire>",
                "<encryptedAllowedSendersRequire>spf</encryptedAllowedSendersRequire>");
        assertThat(listed).as("the sample's allowlist lines").contains(PARTNER).contains(">spf<");
        return listed;
    }

    /** Sample 33: a password-protected zip (AES) with the password in the body, from {@code sender}. */
    private static Mail encryptedZipFrom(String sender, String spfResult) throws Exception {
        Path eml = JamesTestBed.projectFile("samples/33-encrypted-zip.eml");
        Mail mail = SandboxMails.fromEml(eml, Envelope.from(sender).to(ANNA));
        mail.setAttribute(new Attribute(SPF_RESULT, AttributeValue.of(spfResult)));
        return mail;
    }

    @Test
    void listedPartnersEncryptedZipIsDeliveredAndAStrangersIdenticalMailIsQuarantined() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configXml(partnerListedConfig()).build()) {
            bed.send(encryptedZipFrom(PARTNER, "pass"));
            bed.send(encryptedZipFrom(STRANGER, "pass"));

            assertThat(bed.deliveries()).filteredOn(delivery -> subjectOf(delivery).equals(SUBJECT)).singleElement()
                .satisfies(delivery -> {
                    assertThat(delivery.kind()).isEqualTo(Delivery.Kind.LOCAL);
                    assertThat(delivery.sender()).hasValueSatisfying(sender -> assertThat(sender.asString()).isEqualTo(PARTNER));
                    assertThat(delivery.postinoAttributes())
                        .containsEntry("postino.attachments.verdict", "clean")
                        .containsEntry("postino.attachments.encryptedAllowedBy", PARTNER);
                    assertThat(delivery.postinoAttributes().get("postino.attachments.findings")).contains("ENCRYPTED_CONTENT");
                    assertThat(delivery.message().getHeader("X-Postino-Attachments", null))
                        .isEqualTo("clean (ENCRYPTED_CONTENT in part 2)");
                });
            assertThat(bed.repository(QUARANTINE)).singleElement().satisfies(held -> {
                assertThat(held.getMaybeSender().asString()).isEqualTo(STRANGER);
                assertThat(DeliveryRecorder.postinoAttributes(held))
                    .containsEntry("postino.attachments.verdict", "dangerous")
                    .doesNotContainKey("postino.attachments.encryptedAllowedBy");
            });
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void forgedPartnerWithoutSpfPassIsQuarantined() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configXml(partnerListedConfig()).build()) {
            bed.send(encryptedZipFrom(PARTNER, "fail"));

            assertThat(bed.repository(QUARANTINE)).singleElement().satisfies(held ->
                assertThat(DeliveryRecorder.postinoAttributes(held)).containsEntry("postino.attachments.verdict", "dangerous"));
            assertThat(bed.deliveries()).noneMatch(delivery -> subjectOf(delivery).equals(SUBJECT));
        }
    }

    @Test
    void shippedSampleListsNobody() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/attachments.xml")).build()) {
            bed.send(encryptedZipFrom(PARTNER, "pass"));

            assertThat(bed.repository(QUARANTINE)).hasSize(1);
        }
    }

    private static String subjectOf(Delivery delivery) {
        try {
            return String.valueOf(delivery.message().getSubject());
        } catch (jakarta.mail.MessagingException unreadable) {
            return "";
        }
    }
}
