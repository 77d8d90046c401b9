package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.postino.PostinoVersion;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;

class QuarantineAttachmentsTest {

    @RegisterExtension
    final LogCapture logs = LogCapture.of(QuarantineAttachments.class);

    static final String REPOSITORY = "memory://var/mail/quarantine/";
    static final String BOLLETTINO = String.join("\r\n",
        "From: Aruba <comunicazioni@staff.aruba.it>",
        "To: anna.bianchi@acme.example",
        "Subject: Invio copia bollettino",
        "Message-ID: <b1@staff.aruba.it>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"XX-b\"",
        "",
        "--XX-b",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Gentile cliente,",
        "in allegato potrà trovare copia del bollettino postale.",
        "--XX-b",
        "Content-Type: application/zip; name=\"bollettino.zip\"",
        "Content-Disposition: attachment; filename=\"bollettino.zip\"",
        "Content-Transfer-Encoding: base64",
        "",
        "UEsDBBQAAAAIAAAAIQA=",
        "--XX-b--",
        "");
    static final StoredFinding EXE_IN_ZIP = new StoredFinding("EXECUTABLE_CONTENT", "2",
        "part 2 › bollettino.zip › bollettino.pdf.exe", "It is a Windows program.", "bollettino.pdf.exe", "block");

    private final InMemoryRepositoryStore store = new InMemoryRepositoryStore();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneId.of("Europe/Rome"));
    private FakeMailContext context;
    private MailetContext localAcme;

    /** FakeMailContext knows no local domain; this view of it makes acme.example local. */
    @BeforeEach
    void localDomainIsAcme() throws Exception {
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@acme.example")).build();
        localAcme = (MailetContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MailetContext.class},
            (proxy, method, args) -> {
                if (method.getName().equals("isLocalEmail")) {
                    return ((MailAddress) args[0]).getDomain().asString().equals("acme.example");
                }
                try {
                    return method.invoke(context, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    private QuarantineAttachments mailet(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("quarantine").mailetContext(localAcme)
            .setProperty("repository", REPOSITORY);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        QuarantineAttachments mailet = new QuarantineAttachments(store, metrics, clock, new Random(42));
        mailet.init(config.build());
        return mailet;
    }

    static MimeMessage message(String raw) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static FakeMail dangerousMail(String sender, String... recipients) throws Exception {
        FakeMail mail = FakeMail.builder().name("m1").state("transport").sender(sender).recipients(recipients)
            .mimeMessage(message(BOLLETTINO)).build();
        AttachmentVerdictAttributes.store(mail, true, List.of(EXE_IN_ZIP));
        return mail;
    }

    static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String attribute(Mail mail, org.apache.mailet.AttributeName name) {
        return mail.getAttribute(name).map(a -> String.valueOf(a.getValue().value())).orElse(null);
    }

    @Test
    void messageModeStoresTheOriginalUnderItsQuarantineIdAndGhostsTheMail() throws Exception {
        FakeMail mail = dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example");

        mailet().service(mail);

        String id = attribute(mail, QuarantineAttachments.QUARANTINE_ID);
        assertThat(id).matches("Q-20261201-[0-9A-Z]{8}");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(attribute(mail, QuarantineAttachments.ACTION)).isEqualTo("message");
        assertThat(store.repository(REPOSITORY).keys()).containsExactly(id);
    }

    @Test
    void storedOriginalIsTheUnchangedMessageWithTheIdHeaderAndReleaseMarker() throws Exception {
        FakeMail mail = dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example");

        mailet().service(mail);

        Mail stored = store.repository(REPOSITORY).only();
        String id = attribute(mail, QuarantineAttachments.QUARANTINE_ID);
        assertThat(raw(stored.getMessage())).isEqualTo(QuarantineAttachments.HEADER + ": " + id + "\r\n" + BOLLETTINO);
        assertThat(attribute(stored, QuarantineAttachments.QUARANTINE_ID)).isEqualTo(id);
        assertThat(attribute(stored, QuarantineAttachments.ORIGINAL)).isEqualTo("true");
        assertThat(stored.getRecipients()).containsExactly(new MailAddress("anna.bianchi@acme.example"));
        assertThat(stored.getState()).isEqualTo("transport");
    }

    @Test
    void recipientNoticeGoesToLocalRecipientsAndNeverToTheEnvelopeSender() throws Exception {
        FakeMail mail = dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example", "client@example.com");

        mailet("language", "it").service(mail);

        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail notice = context.getSentMails().get(0);
        assertThat(notice.getRecipients()).containsExactly(new MailAddress("anna.bianchi@acme.example"));
        assertThat(notice.getSender()).isEqualTo(new MailAddress("postmaster@acme.example"));
        String body = (String) notice.getMsg().getContent();
        assertThat(body).contains("Codice di quarantena: " + attribute(mail, QuarantineAttachments.QUARANTINE_ID))
            .contains("bollettino[.]pdf[.]exe").doesNotContain("Gentile cliente", "http");
        assertThat(notice.getMsg().getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(notice.getMsg().getContentType()).startsWith("text/plain");
    }

    @Test
    void noRecipientNoticeWhenDisabled() throws Exception {
        mailet("notifyRecipients", "false").service(dangerousMail("x@staff.aruba.it", "anna.bianchi@acme.example"));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void senderIsNotNotifiedUnlessAuthenticatedAsThatLocalUser() throws Exception {
        QuarantineAttachments mailet = mailet("notifySender", "true", "notifyRecipients", "false");
        FakeMail forged = dangerousMail("mario.rossi@acme.example", "anna.bianchi@acme.example");

        mailet.service(forged);

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void authenticatedLocalSenderIsNotifiedWhenAskedFor() throws Exception {
        QuarantineAttachments mailet = mailet("notifySender", "true", "notifyRecipients", "false");
        FakeMail mail = dangerousMail("mario.rossi@acme.example", "client@example.com");
        mail.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("mario.rossi@acme.example")));

        mailet.service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getRecipients()).containsExactly(new MailAddress("mario.rossi@acme.example"));
            assertThat(sent.getSubject()).hasValueSatisfying(subject -> assertThat(subject).startsWith("Dangerous attachment in your message"));
        });
    }

    @Test
    void postmasterNoticeCarriesTheEnvelopeAndRepository() throws Exception {
        mailet("notifyPostmaster", "true", "notifyRecipients", "false")
            .service(dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example"));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getRecipients()).containsExactly(new MailAddress("postmaster@acme.example"));
            assertThat((String) sent.getMsg().getContent()).contains("Repository: memory://var/mail/quarantine (key Q-20261201-")
                .contains("comunicazioni@staff[.]aruba[.]it");
        });
    }

    @Test
    void stripModeReplacesTheDangerousPartAndKeepsTheRestByteForByte() throws Exception {
        FakeMail mail = dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example");

        mailet("mode", "strip").service(mail);

        String id = attribute(mail, QuarantineAttachments.QUARANTINE_ID);
        String cleaned = raw(mail.getMessage());
        String beforeZip = BOLLETTINO.substring(0, BOLLETTINO.indexOf("Content-Type: application/zip"));
        assertThat(cleaned).startsWith(QuarantineAttachments.HEADER + ": " + id + "\r\n" + beforeZip)
            .endsWith("\r\n--XX-b--\r\n")
            .doesNotContain("UEsDBBQAAAAIAAAAIQA=", "application/zip");
        String notice = cleaned.substring(cleaned.indexOf("Content-Description"));
        notice = notice.substring(notice.indexOf("\r\n\r\n") + 4, notice.indexOf("\r\n--XX-b--"));
        assertThat(new String(Base64.getMimeDecoder().decode(notice), StandardCharsets.UTF_8))
            .contains("Attachment removed by the mail server: part 2 › bollettino[.]zip › bollettino[.]pdf[.]exe")
            .contains("Quarantine id: " + id);
        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(attribute(mail, QuarantineAttachments.ACTION)).isEqualTo("strip");
        assertThat(attribute(mail, QuarantineAttachments.STRIPPED_SECTIONS)).isEqualTo("2");
        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("clean");
    }

    /** An encrypted payslip the inspection only reported, beside a program it blocked. */
    private static FakeMail payslipBesideAProgram() throws Exception {
        byte[] eml = dev.postino.attachments.Fixtures.message()
            .attachment("bollettino.zip", "application/zip",
                dev.postino.attachments.Fixtures.zip("bollettino.pdf.exe", dev.postino.attachments.Fixtures.peStub()))
            .attachment("busta-paga.pdf", "application/pdf", dev.postino.attachments.Fixtures.encryptedPdf())
            .build();
        FakeMail mail = FakeMail.builder().name("m1").state("transport").sender("paghe@acme.example")
            .recipients("anna.bianchi@acme.example")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml))).build();
        InspectAttachmentsFixtures.mailet("encrypted", "report").service(mail);
        return mail;
    }

    @Test
    void stripModeReplacesOnlyWhatBlockedAndDeliversWhatWasOnlyReported() throws Exception {
        FakeMail mail = payslipBesideAProgram();
        assertThat(AttachmentVerdictAttributes.findings(mail)).anySatisfy(finding -> {
            assertThat(finding.code()).isEqualTo("ENCRYPTED_CONTENT");
            assertThat(finding.blocks()).isFalse();
        });

        mailet("mode", "strip").service(mail);

        assertThat(attribute(mail, QuarantineAttachments.ACTION)).isEqualTo("strip");
        assertThat(attribute(mail, QuarantineAttachments.STRIPPED_SECTIONS)).isEqualTo("2");
        assertThat(raw(mail.getMessage())).contains("busta-paga.pdf").doesNotContain("bollettino.pdf.exe\"");
        assertThat(metrics.countFor("postino.quarantine.stripReinspectionHolds")).isZero();
    }

    @Test
    void aReportedFindingIsNotAReasonForTheNotice() throws Exception {
        FakeMail mail = payslipBesideAProgram();

        mailet().service(mail);

        assertThat(metrics.countFor("postino.quarantine.reason.ENCRYPTED_CONTENT")).isZero();
        assertThat(metrics.countFor("postino.quarantine.reason.EXECUTABLE_CONTENT")).isEqualTo(1);
    }

    @Test
    void stripModeKeepsTheUntouchedOriginalAndSendsNoSeparateNotice() throws Exception {
        FakeMail mail = dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example");

        mailet("mode", "strip").service(mail);

        assertThat(raw(store.repository(REPOSITORY).only().getMessage())).endsWith(BOLLETTINO)
            .contains("UEsDBBQAAAAIAAAAIQA=");
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void stripModeHoldsTheWholeMessageWhenAFindingIsAboutTheWholeMessage() throws Exception {
        FakeMail mail = dangerousMail("x@staff.aruba.it", "anna.bianchi@acme.example");
        AttachmentVerdictAttributes.store(mail, true, List.of(EXE_IN_ZIP,
            new StoredFinding("LIMIT_EXCEEDED", "", "message", "Too many parts", "", "block")));

        mailet("mode", "strip").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(attribute(mail, QuarantineAttachments.ACTION)).isEqualTo("message");
    }

    @Test
    void stripModeHoldsTheWholeMessageWhenASectionDoesNotExist() throws Exception {
        FakeMail mail = dangerousMail("x@staff.aruba.it", "anna.bianchi@acme.example");
        AttachmentVerdictAttributes.store(mail, true, List.of(new StoredFinding("EXECUTABLE_CONTENT", "9", "", "", "", "block")));

        mailet("mode", "strip").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void stripModeHoldsTheWholeMessageWhenTheCleanedMessageIsStillDangerous() throws Exception {
        // the stored verdict names part 2 only (an inspector with another policy, an older Postino): part 3 is a program
        String program = BOLLETTINO.replace("--XX-b--", String.join("\r\n",
            "--XX-b",
            "Content-Type: application/pdf; name=\"fattura.pdf\"",
            "Content-Transfer-Encoding: base64",
            "",
            Base64.getMimeEncoder().encodeToString(dev.postino.attachments.Fixtures.peStub()),
            "--XX-b--"));
        FakeMail mail = FakeMail.builder().name("m1").state("transport").sender("x@staff.aruba.it")
            .recipients("anna.bianchi@acme.example").mimeMessage(message(program)).build();
        AttachmentVerdictAttributes.store(mail, true, List.of(EXE_IN_ZIP));

        mailet("mode", "strip").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(attribute(mail, QuarantineAttachments.ACTION)).isEqualTo("message");
        assertThat(attribute(mail, QuarantineAttachments.STRIPPED_SECTIONS)).isNull();
        assertThat(metrics.countFor("postino.quarantine.stripReinspectionHolds")).isEqualTo(1);
        assertThat(metrics.countFor("postino.quarantine.messages")).isEqualTo(1);
        assertThat(metrics.countFor("postino.quarantine.strippedMessages")).isZero();
        assertThat(raw(store.repository(REPOSITORY).only().getMessage())).endsWith(program);
    }

    /**
     * Boundaries a splitter of its own could read otherwise than the inspector (the first of two boundary
     * parameters or the last, a boundary with a trailing space, a delimiter with text after it), replacing a
     * harmless part and delivering the dangerous one. Inspected for real, each is MIME_AMBIGUOUS for the whole
     * message, so strip mode holds it whole.
     */
    @Test
    void stripModeHoldsWholeTheMessagesWhoseBoundariesReadersSplitDifferently() throws Exception {
        String program = Base64.getMimeEncoder().encodeToString(dev.postino.attachments.Fixtures.zip("fattura.pdf.exe",
            dev.postino.attachments.Fixtures.peStub()));
        String parts = "--real\r\nContent-Type: text/plain\r\n\r\nCiao\r\n--real\r\nContent-Type: application/zip; name=\"f.zip\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + program + "\r\n--real--\r\n";
        for (String contentType : List.of("multipart/mixed; boundary=\"real\"; boundary=\"decoy\"",
                "multipart/mixed; boundary=\"decoy\"; boundary=\"real\"", "multipart/mixed; boundary=\"real \"")) {
            assertHeldWholeAfterRealInspection("Content-Type: " + contentType + "\r\n\r\n" + parts);
        }
        assertHeldWholeAfterRealInspection("Content-Type: multipart/mixed; boundary=\"real\"\r\n\r\n"
            + parts.replaceFirst("\r\n--real\r\nContent-Type: application/zip", "\r\n--real junk\r\nContent-Type: application/zip"));
    }

    private void assertHeldWholeAfterRealInspection(String message) throws Exception {
        FakeMail mail = FakeMail.builder().name("m1").state("transport").sender("x@staff.aruba.it")
            .recipients("anna.bianchi@acme.example").mimeMessage(message("From: x@staff.aruba.it\r\nSubject: s\r\n" + message))
            .build();
        dev.postino.attachments.InspectionReport report = dev.postino.james.MailInspection.inspectWithDefaults(mail);
        AttachmentVerdictAttributes.store(mail, report.dangerous(), dev.postino.james.MailInspection.stored(report));

        mailet("mode", "strip").service(mail);

        assertThat(report.findings()).extracting(dev.postino.attachments.Finding::code)
            .contains(dev.postino.attachments.ReasonCode.MIME_AMBIGUOUS);
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(attribute(mail, QuarantineAttachments.ACTION)).isEqualTo("message");
    }

    @Test
    void stripModeCountsNoReinspectionHoldWhenTheCleanedMessageIsClean() throws Exception {
        FakeMail mail = dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example");

        mailet("mode", "strip").service(mail);

        assertThat(metrics.countFor("postino.quarantine.stripReinspectionHolds")).isZero();
        assertThat(metrics.countFor("postino.quarantine.strippedMessages")).isEqualTo(1);
    }

    @Test
    void failingRepositoryThrowsAndLeavesTheMailExactlyAsItWas() throws Exception {
        QuarantineAttachments mailet = mailet("mode", "strip");
        store.failing = true;
        FakeMail mail = dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example");

        assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(raw(mail.getMessage())).isEqualTo(BOLLETTINO);
        assertThat(mail.getAttribute(QuarantineAttachments.QUARANTINE_ID)).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
        assertThat(metrics.countFor("postino.quarantine.storeFailures")).isEqualTo(1);
    }

    @Test
    void releasedOriginalGoesOnWithoutBeingHeldAgain() throws Exception {
        QuarantineAttachments mailet = mailet();
        mailet.service(dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example"));
        Mail released = store.repository(REPOSITORY).only();
        released.setState("root");

        mailet.service(released);

        assertThat(released.getState()).isEqualTo("root");
        assertThat(attribute(released, QuarantineAttachments.ACTION)).isEqualTo("released");
        assertThat(store.repository(REPOSITORY).keys()).hasSize(1);
        assertThat(metrics.countFor("postino.quarantine.released")).isEqualTo(1);
    }

    @Test
    void releaseProcessorBecomesTheStateOfTheStoredCopy() throws Exception {
        mailet("releaseProcessor", "release").service(dangerousMail("x@staff.aruba.it", "anna.bianchi@acme.example"));

        assertThat(store.repository(REPOSITORY).only().getState()).isEqualTo("release");
    }

    @Test
    void cleanMailIsLeftAlone() throws Exception {
        FakeMail mail = dangerousMail("x@staff.aruba.it", "anna.bianchi@acme.example");
        AttachmentVerdictAttributes.store(mail, false, List.of());

        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(store.repository(REPOSITORY).keys()).isEmpty();
    }

    @Test
    void mailThatWasNeverInspectedIsHeldWhole() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").state("transport").sender("x@staff.aruba.it")
            .recipient("anna.bianchi@acme.example").mimeMessage(message(BOLLETTINO)).build();

        mailet("mode", "strip").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(metrics.countFor("postino.quarantine.reason.NOT_INSPECTED")).isEqualTo(1);
    }

    @Test
    void metricsCountMessagesStrippedPartsAndReasons() throws Exception {
        mailet().service(dangerousMail("x@staff.aruba.it", "anna.bianchi@acme.example"));
        mailet("mode", "strip").service(dangerousMail("x@staff.aruba.it", "anna.bianchi@acme.example"));

        assertThat(metrics.countFor("postino.quarantine.messages")).isEqualTo(1);
        assertThat(metrics.countFor("postino.quarantine.strippedMessages")).isEqualTo(1);
        assertThat(metrics.countFor("postino.quarantine.strippedParts")).isEqualTo(1);
        assertThat(metrics.countFor("postino.quarantine.reason.EXECUTABLE_CONTENT")).isEqualTo(2);
    }

    @Test
    void hostileFileNamesReachNoHeaderAndStayOnOneNoticeLine() throws Exception {
        FakeMail mail = dangerousMail("x@staff.aruba.it", "anna.bianchi@acme.example");
        AttachmentVerdictAttributes.store(mail, true, List.of(new StoredFinding("BIDI_CONTROL", "2", "",
            "x", "fattura\u202Efdp.exe\r\nBcc: victim@example.com", "block")));

        mailet().service(mail);

        MimeMessage notice = context.getSentMails().get(0).getMsg();
        assertThat(notice.getHeader("Bcc")).isNull();
        assertThat((String) notice.getContent())
            .contains("  - fattura[U+202E]fdp[.]exe[U+000D][U+000A]Bcc: victim@example[.]com: ")
            .doesNotContain("\u202E");
        assertThat(raw(store.repository(REPOSITORY).only().getMessage())).doesNotContain("victim");
    }

    @Test
    void forgedQuarantineIdHeaderIsReplaced() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").state("transport").sender("x@staff.aruba.it")
            .recipient("anna.bianchi@acme.example")
            .mimeMessage(message("X-Postino-Quarantine-Id: Q-20200101-AAAAAAAA\r\n" + BOLLETTINO)).build();
        AttachmentVerdictAttributes.store(mail, true, List.of(EXE_IN_ZIP));

        mailet().service(mail);

        assertThat(store.repository(REPOSITORY).only().getMessage().getHeader(QuarantineAttachments.HEADER))
            .containsExactly(attribute(mail, QuarantineAttachments.QUARANTINE_ID));
    }

    @Test
    void badParametersAreRejectedByName() {
        assertThatThrownBy(() -> mailet("mode", "delete")).hasMessageContaining("'mode'").hasMessageContaining("delete");
        assertThatThrownBy(() -> mailet("language", "fr")).hasMessageContaining("'language'").hasMessageContaining("fr");
        assertThatThrownBy(() -> mailet("notifySender", "maybe")).hasMessageContaining("'notifySender'");
        assertThatThrownBy(() -> mailet("timeZone", "Mars/Olympus")).hasMessageContaining("'timeZone'");
        assertThatThrownBy(() -> mailet("repository", "")).hasMessageContaining("'repository'");
        assertThatThrownBy(() -> mailet("repository", "no-protocol")).hasMessageContaining("'repository'");
    }

    @Test
    void aMisspeltParameterStopsTheStartNamingIt() {
        assertThatThrownBy(() -> mailet("notifyRecipient", "false"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("notifyRecipient");
    }

    @Test
    void noticeTextsMayBeReadFromFilesLikeEveryNoticeTemplate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path body = java.nio.file.Files.writeString(dir.resolve("notice.txt"), "Trattenuto {id}:\n{attachments}\n");
        FakeMail mail = dangerousMail("comunicazioni@staff.aruba.it", "anna.bianchi@acme.example");

        mailet("noticeSubject", "Bloccato {id}", "noticeTemplate", "file:" + body).service(mail);

        FakeMailContext.SentMail notice = context.getSentMails().get(0);
        String id = attribute(mail, QuarantineAttachments.QUARANTINE_ID);
        assertThat(notice.getSubject()).contains("Bloccato " + id);
        assertThat(((String) notice.getMsg().getContent()).replace("\r\n", "\n"))
            .startsWith("Trattenuto " + id + ":\n  - part 2 › bollettino[.]zip › bollettino[.]pdf[.]exe: ");
    }

    @Test
    void aMisspeltPlaceholderInANoticeTemplateStopsTheStartNamingTheParameter() {
        assertThatThrownBy(() -> mailet("partNoticeTemplate", "Removed {flie}"))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("QuarantineAttachments: partNoticeTemplate: unknown placeholder {flie}");
    }

    @Test
    void startLogsOneInfoLineWithTheVersionAndTheConfiguration() throws Exception {
        mailet("mode", "strip", "notifyPostmaster", "true", "language", "it,en");
        assertThat(logs.events()).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.INFO);
        assertThat(logs.messages()).singleElement().asString()
            .isEqualTo("QuarantineAttachments " + PostinoVersion.current() + " started: repository memory://var/mail/quarantine"
                + ", mode strip, notices to recipients, the postmaster in [IT, EN]");
    }
}
