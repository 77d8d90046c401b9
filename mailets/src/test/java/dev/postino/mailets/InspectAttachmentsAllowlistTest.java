package dev.postino.mailets;

import static dev.postino.mailets.InspectAttachmentsFixtures.mailet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ch.qos.logback.classic.Level;
import dev.postino.attachments.Corpus;
import dev.postino.attachments.Fixtures;
import dev.postino.attachments.SenderAllowlist.Proof;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;

/** InspectAttachments' {@code encryptedAllowedSenders}: parameters, and the verdict for listed senders. */
class InspectAttachmentsAllowlistTest {

    private static final String PAGHE = "paghe@studio-rossi.example";
    /** Research corpus T22: an AES-encrypted zip holding doc.pdf. */
    private static final byte[] AES_ZIP_MAIL = Corpus.dangerous().stream()
        .filter(c -> c.id().equals("T22")).findFirst().orElseThrow().message();

    @RegisterExtension
    final LogCapture logs = LogCapture.of(InspectAttachments.class);

    /** The research's partner: its whole domain listed, proven by SPF. */
    private static InspectAttachments partnerMailet() throws MessagingException {
        return mailet("encryptedAllowedSenders", "@studio-rossi.example", "encryptedAllowedSendersRequire", "spf");
    }

    private static FakeMail mail(byte[] eml, MaybeSender sender) throws Exception {
        return InspectAttachmentsFixtures.mailBuilder(eml).sender(sender).build();
    }

    private static FakeMail mail(byte[] eml, String sender) throws Exception {
        return mail(eml, MaybeSender.of(new MailAddress(sender)));
    }

    private static void spfPassed(Mail mail) {
        mail.setAttribute(new Attribute(InspectAttachments.SPF_RESULT, AttributeValue.of("pass")));
    }

    private static byte[] aesZipMail() {
        return AES_ZIP_MAIL;
    }

    // --- parameters -----------------------------------------------------------------------------

    @Test
    void nobodyIsListedByDefaultAndAListedSenderWouldNeedSmtpAuth() throws Exception {
        InspectAttachments mailet = mailet();

        assertThat(mailet.encryptedAllowlist().isEmpty()).isTrue();
        assertThat(mailet.encryptedAllowlist().proofs()).containsExactly(Proof.AUTH);
    }

    @Test
    void entriesAreACommaOrSpaceSeparatedList() throws Exception {
        InspectAttachments mailet = mailet("encryptedAllowedSenders", " paghe@studio-rossi.example,@notaio.example\n @acme.example ",
            "encryptedAllowedSendersRequire", "auth, spf");

        assertThat(mailet.encryptedAllowlist().entries())
            .containsExactlyInAnyOrder(PAGHE, "@notaio.example", "@acme.example");
        assertThat(mailet.encryptedAllowlist().proofs()).containsExactlyInAnyOrder(Proof.AUTH, Proof.SPF);
    }

    @Test
    void badEntryFailsAtInitNamingTheParameterAndTheValue() {
        assertThatThrownBy(() -> mailet("encryptedAllowedSenders", "@notaio.example, studio-rossi.example"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("encryptedAllowedSenders")
            .hasMessageContaining("'studio-rossi.example'")
            .hasMessageContaining("@studio-rossi.example");
    }

    @Test
    void badRequirementFailsAtInitNamingTheParameterAndTheValue() {
        assertThatThrownBy(() -> mailet("encryptedAllowedSenders", PAGHE, "encryptedAllowedSendersRequire", "dkim"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("encryptedAllowedSendersRequire")
            .hasMessageContaining("'dkim'");
    }

    @Test
    void listWithoutEffectIsWarnedAboutAtInit() throws Exception {

        mailet("encrypted", "report", "encryptedAllowedSenders", PAGHE);

        assertThat(logs.events()).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("encryptedAllowedSenders has no effect");
        });
    }

    // --- the verdict ----------------------------------------------------------------------------

    @Test
    void listedPartnerWithSpfPassGetsACleanVerdictWithTheFindingRecorded() throws Exception {
        FakeMail mail = mail(aesZipMail(), PAGHE);
        spfPassed(mail);

        partnerMailet().service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("clean");
        assertThat(AttachmentVerdictAttributes.findings(mail)).extracting(StoredFinding::code).containsExactly("ENCRYPTED_CONTENT");
        assertThat(mail.getAttribute(InspectAttachments.ENCRYPTED_ALLOWED_BY))
            .map(attribute -> (Object) attribute.getValue().value()).contains("@studio-rossi.example");
    }

    @Test
    void unlistedSenderWithSpfPassIsDangerous() throws Exception {
        FakeMail mail = mail(aesZipMail(), "avvisi@spedizioni.example");
        spfPassed(mail);

        partnerMailet().service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("dangerous");
        assertThat(mail.getAttribute(InspectAttachments.ENCRYPTED_ALLOWED_BY)).isEmpty();
    }

    @Test
    void forgedListedSenderWithoutSpfPassIsDangerous() throws Exception {
        FakeMail mail = mail(aesZipMail(), PAGHE);
        mail.setAttribute(new Attribute(InspectAttachments.SPF_RESULT, AttributeValue.of("fail")));

        partnerMailet().service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("dangerous");
    }

    @Test
    void listedSenderIsOnlyTrustedWhenSmtpAuthenticatedByDefault() throws Exception {
        InspectAttachments mailet = mailet("encryptedAllowedSenders", "@acme.example");
        FakeMail unauthenticated = mail(aesZipMail(), "mario.rossi@acme.example");
        FakeMail authenticated = mail(aesZipMail(), "mario.rossi@acme.example");
        authenticated.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("mario.rossi@acme.example")));

        mailet.service(unauthenticated);
        mailet.service(authenticated);

        assertThat(AttachmentVerdictAttributes.verdict(unauthenticated)).contains("dangerous");
        assertThat(AttachmentVerdictAttributes.verdict(authenticated)).contains("clean");
    }

    @Test
    void listedSendersEncryptedZipWithAnExeIsDangerous() throws Exception {
        FakeMail mail = mail(Fixtures.message()
            .attachment("cedolini.zip", "application/zip", Fixtures.zipCryptoFlagged("cedolino-12.pdf", Fixtures.pdf("x")))
            .attachment("setup.exe", "application/octet-stream", Fixtures.peStub()).build(), PAGHE);
        spfPassed(mail);

        partnerMailet().service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("dangerous");
        assertThat(AttachmentVerdictAttributes.findings(mail)).extracting(StoredFinding::code)
            .contains("ENCRYPTED_CONTENT", "EXECUTABLE_CONTENT");
    }

    @Test
    void nullSenderIsNeverAllowed() throws Exception {
        FakeMail mail = mail(aesZipMail(), MaybeSender.nullSender());
        spfPassed(mail);

        mailet("encryptedAllowedSenders", "@studio-rossi.example", "encryptedAllowedSendersRequire", "none").service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("dangerous");
    }

    @Test
    void acceptedEncryptedContentIsLoggedAtInfoForAudit() throws Exception {
        FakeMail mail = mail(aesZipMail(), PAGHE);
        spfPassed(mail);

        partnerMailet().service(mail);

        assertThat(logs.events()).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage())
                .contains("encrypted content from " + PAGHE + " accepted by encryptedAllowedSenders entry @studio-rossi.example")
                .contains("proof [SPF]").contains("ENCRYPTED_CONTENT in part 2").endsWith("verdict clean")
                .doesNotContain("doc.");
        });
    }

    @Test
    void listedSenderWithoutProofIsLoggedAsBlocked() throws Exception {
        FakeMail mail = mail(aesZipMail(), PAGHE);

        partnerMailet().service(mail);

        assertThat(logs.events()).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                .contains("encrypted content from " + PAGHE + " blocked: listed by encryptedAllowedSenders entry "
                    + "@studio-rossi.example but without the required proof ([SPF])");
        });
    }

    @Test
    void allowlistChangesNothingWhenEncryptedIsAlreadyReported() throws Exception {
        FakeMail mail = mail(aesZipMail(), PAGHE);
        spfPassed(mail);

        mailet("encrypted", "report", "encryptedAllowedSenders", PAGHE, "encryptedAllowedSendersRequire", "spf").service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("clean");
        assertThat(mail.getAttribute(InspectAttachments.ENCRYPTED_ALLOWED_BY)).isEmpty();
        assertThat(logs.messages()).noneMatch(line -> line.contains("accepted by encryptedAllowedSenders"));
    }

    @Test
    void mailWithoutEncryptedContentIsNotMarked() throws Exception {
        FakeMail mail = mail(Fixtures.message().attachment("cedolino.pdf", "application/pdf", Fixtures.pdf("x")).build(), PAGHE);
        spfPassed(mail);
        mail.setAttribute(new Attribute(InspectAttachments.ENCRYPTED_ALLOWED_BY, AttributeValue.of("stale")));

        partnerMailet().service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("clean");
        assertThat(mail.getAttribute(InspectAttachments.ENCRYPTED_ALLOWED_BY)).isEmpty();
    }
}
