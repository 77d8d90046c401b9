package dev.postino.sandbox.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.james.server.core.MailImpl;
import org.apache.mailet.LoopPrevention;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.postino.mailets.QuarantineAttachments;
import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/** QuarantineAttachments in James's real container, with conf-samples/attachments.xml. */
class QuarantineScenariosTest {

    static final String QUARANTINE = "memory://var/mail/quarantine/";
    static final String ANNA = "anna.bianchi@acme.example";
    static final String ARUBA = "comunicazioni@staff.aruba.it";

    static String sampleConfig() throws Exception {
        return Files.readString(JamesTestBed.projectFile("conf-samples/attachments.xml"));
    }

    static JamesTestBed bed(String config) throws Exception {
        return JamesTestBed.builder().configXml(config).build();
    }

    static Mail bollettinoTo(String... recipients) throws Exception {
        Mail mail = SandboxMails.fromEml(QuarantineMails.bollettino(), Envelope.from(ARUBA).to(recipients));
        QuarantineMails.markDangerous(mail, "bollettino.pdf.exe");
        return mail;
    }

    static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String bodyOf(String rawMessage) {
        return rawMessage.substring(rawMessage.indexOf("\r\n\r\n"));
    }

    @Test
    void bollettinoIsQuarantinedWholeWithARecipientNoticeAndNothingToTheSender() throws Exception {
        try (JamesTestBed bed = bed(sampleConfig())) {
            bed.send(bollettinoTo(ANNA));

            List<Mail> held = bed.repository(QUARANTINE);
            assertThat(held).hasSize(1);
            String id = held.get(0).getName();
            assertThat(id).matches("Q-20261201-[0-9A-Z]{8}");
            assertThat(held.get(0).getMessage().getHeader(QuarantineAttachments.HEADER)).containsExactly(id);
            assertThat(raw(held.get(0).getMessage())).contains("Invio copia bollettino");

            assertThat(bed.deliveries()).singleElement().satisfies(notice -> {
                assertThat(notice.kind()).isEqualTo(Delivery.Kind.LOCAL);
                assertThat(notice.recipients()).extracting(Object::toString).containsExactly(ANNA);
                assertThat(notice.message().getSubject()).contains("Messaggio trattenuto").contains(id);
                String text = (String) notice.message().getContent();
                assertThat(text).contains("Codice di quarantena: " + id).contains("Quarantine id: " + id)
                    .contains("bollettino[.]pdf[.]exe")
                    .doesNotContain("Gentile cliente", "http://", "https://");
            });
            assertThat(bed.deliveries()).noneMatch(d -> d.isFor(ARUBA));
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void fullSampleConfigurationQuarantinesTheBollettinoToo() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder()
                .configFile(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml")).build()) {
            bed.send(bollettinoTo(ANNA));
            // The full configuration also runs the delay rules: the postmaster's notice to a
            // colleague is intra-company mail and waits its 400-800 s like any other.
            bed.advanceBy(Duration.ofHours(1));

            assertThat(bed.repository(QUARANTINE)).hasSize(1);
            assertThat(bed.deliveries()).singleElement()
                .satisfies(notice -> assertThat(notice.message().getSubject()).contains("Messaggio trattenuto"));
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void authenticatedLocalSenderLearnsThatItsAttachmentWasHeld() throws Exception {
        Mail mail = SandboxMails.fromEml(QuarantineMails.bollettino(), Envelope.from("mario.rossi@acme.example")
            .to("client@example.com").authenticatedAs("mario.rossi@acme.example"));
        QuarantineMails.markDangerous(mail, "bollettino.pdf.exe");
        try (JamesTestBed bed = bed(sampleConfig())) {
            bed.send(mail);

            assertThat(bed.repository(QUARANTINE)).hasSize(1);
            assertThat(bed.deliveries()).singleElement().satisfies(notice -> {
                assertThat(notice.recipients()).extracting(Object::toString).containsExactly("mario.rossi@acme.example");
                assertThat(notice.message().getSubject()).contains("Allegato pericoloso nel tuo messaggio");
            });
            assertThat(bed.deliveries()).noneMatch(d -> d.isFor("client@example.com"));
        }
    }

    @Test
    void stripModeDeliversTheTextWithANoticePartAndKeepsTheOriginal() throws Exception {
        String stripConfig = sampleConfig().replace("<processor>quarantine</processor>",
            "<processor>quarantine-strip</processor>");
        try (JamesTestBed bed = bed(stripConfig)) {
            bed.send(bollettinoTo(ANNA));

            List<Mail> held = bed.repository(QUARANTINE);
            assertThat(held).hasSize(1);
            String id = held.get(0).getName();
            assertThat(raw(held.get(0).getMessage())).contains("name=\"bollettino.zip\"");

            Delivery delivered = bed.deliveries().stream().filter(d -> d.isFor(ANNA)).findFirst().orElseThrow();
            assertThat(bed.deliveries()).hasSize(1);
            MimeMultipart parts = (MimeMultipart) delivered.message().getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat((String) parts.getBodyPart(0).getContent()).contains(QuarantineMails.TEXT_BODY);
            BodyPart notice = parts.getBodyPart(1);
            assertThat(notice.getContentType()).startsWith("text/plain");
            assertThat((String) notice.getContent()).contains("Allegato rimosso dal server di posta")
                .contains("Attachment removed by the mail server").contains(id);
            assertThat(raw(delivered.message())).doesNotContain("bollettino.zip\"");
            assertThat(delivered.postinoAttributes()).containsEntry("postino.quarantine.id", id)
                .containsEntry("postino.quarantine.action", "strip");
        }
    }

    @Test
    void repositoryFailureSendsTheMailIntactToTheErrorProcessor() throws Exception {
        // The sandbox's store knows only memory://: a file:// repository cannot be opened, as when a store is down.
        String failing = sampleConfig()
            .replace("<repository>memory://var/mail/quarantine/</repository>",
                "<repository>file://var/mail/quarantine/</repository>")
            .replace("<onMailetException>quarantine-error</onMailetException>", "");
        String original = QuarantineMails.bollettino();
        try (JamesTestBed bed = bed(failing)) {
            bed.send(bollettinoTo(ANNA));

            assertThat(bed.errors()).singleElement().satisfies(kept -> {
                // Inspection may add its trace header; everything the quarantine would change is as received.
                assertThat(bodyOf(raw(kept.getMessage()))).isEqualTo(bodyOf(original));
                assertThat(kept.getMessage().getHeader(QuarantineAttachments.HEADER)).isNull();
                assertThat(kept.getMessage().getSubject()).isEqualTo("Invio copia bollettino");
                assertThat(kept.getRecipients()).extracting(Object::toString).containsExactly(ANNA);
                assertThat(kept.getAttribute(QuarantineAttachments.QUARANTINE_ID)).isEmpty();
            });
            assertThat(bed.deliveries()).isEmpty();
        }
    }

    @Test
    void sampleConfigurationKeepsAnUnstorableMailWithoutBouncingItToTheSender() throws Exception {
        String failing = sampleConfig().replace("<repository>memory://var/mail/quarantine/</repository>",
            "<repository>file://var/mail/quarantine/</repository>");
        try (JamesTestBed bed = bed(failing)) {
            bed.send(bollettinoTo(ANNA));

            assertThat(bed.repository("memory://var/mail/quarantine-error/")).hasSize(1);
            assertThat(bed.deliveries()).isEmpty();
        }
    }

    @Test
    void headerInjectionThroughTheFileNameEndsSanitisedInNoticeAndHeaders() throws Exception {
        String hostile = "fattura\u202Efdp.exe" + " ".repeat(80) + ".exe\r\nBcc: victim@example.com\r\nX-Evil: 1"
            + "x".repeat(3000);
        // The hostile name is both in the zip (what InspectAttachments reports) and in the verdict set here.
        Mail mail = SandboxMails.fromEml(QuarantineMails.bollettino(hostile), Envelope.from(ARUBA).to(ANNA));
        QuarantineMails.markDangerous(mail, hostile);
        try (JamesTestBed bed = bed(sampleConfig())) {
            bed.send(mail);

            Delivery notice = bed.deliveries().get(0);
            assertThat(notice.message().getHeader("Bcc")).isNull();
            assertThat(notice.message().getHeader("X-Evil")).isNull();
            assertThat(notice.recipients()).extracting(Object::toString).containsExactly(ANNA);
            String text = (String) notice.message().getContent();
            assertThat(text).doesNotContain("\u202E", "victim@example.com", "x".repeat(200));
            assertThat(text.lines().filter(line -> line.contains("fattura")))
                .allSatisfy(line -> assertThat(line.length()).isLessThan(400));
            assertThat(notice.message().getSubject()).doesNotContain("fattura");
            MimeMessage stored = bed.repository(QUARANTINE).get(0).getMessage();
            assertThat(stored.getHeader("X-Evil")).isNull();
        }
    }

    @Test
    void recipientsSelectedByTheMatcherAreHeldWholeWhileTheOthersGetTheStrippedMessage() throws Exception {
        String config = sampleConfig();
        int from = config.indexOf("<processor state=\"quarantine\" ");
        int to = config.indexOf("<processor state=\"quarantine-strip\" ");
        String perRecipient = config.substring(0, from) + """
            <processor state="quarantine" enableJmx="false">
                <mailet match="RecipientIs=anna.bianchi@acme.example" class="dev.postino.mailets.QuarantineAttachments">
                    <repository>memory://var/mail/quarantine/</repository>
                    <language>it,en</language>
                </mailet>
                <mailet match="All" class="ToProcessor">
                    <processor>quarantine-strip</processor>
                </mailet>
            </processor>
            """ + config.substring(to);
        try (JamesTestBed bed = bed(perRecipient)) {
            bed.send(bollettinoTo(ANNA, "luca.verdi@acme.example"));

            assertThat(bed.repository(QUARANTINE)).hasSize(2);
            assertThat(bed.deliveries()).hasSize(2);
            Delivery toAnna = bed.deliveries().stream().filter(d -> d.isFor(ANNA)).findFirst().orElseThrow();
            Delivery toLuca = bed.deliveries().stream().filter(d -> d.isFor("luca.verdi@acme.example")).findFirst()
                .orElseThrow();
            assertThat(toAnna.recipients()).hasSize(1);
            assertThat(toAnna.message().getSubject()).contains("Messaggio trattenuto");
            assertThat(toLuca.recipients()).hasSize(1);
            assertThat(toLuca.message().getSubject()).isEqualTo("Invio copia bollettino");
            assertThat(raw(toLuca.message())).doesNotContain("name=\"bollettino.zip\"");
            assertThat((String) ((MimeMultipart) toLuca.message().getContent()).getBodyPart(1).getContent())
                .contains("Attachment removed by the mail server");
        }
    }

    @Test
    void releasedMessageIsDeliveredOnceAndNotQuarantinedAgain() throws Exception {
        try (JamesTestBed bed = bed(sampleConfig())) {
            bed.send(bollettinoTo(ANNA));
            Mail held = bed.repository(QUARANTINE).get(0);
            int noticesBefore = bed.deliveries().size();

            // What WebAdmin's "reprocess one mail" does (ReprocessingService): the stored mail, target
            // processor set, recorded recipients dropped, enqueued in the spool, then removed from the repository.
            Mail released = MailImpl.duplicate(held);
            released.setState("release");
            released.removeAttribute(LoopPrevention.RECORDED_RECIPIENTS_ATTRIBUTE_NAME);
            bed.queue().enQueue(released);
            bed.repositories().select(org.apache.james.mailrepository.api.MailRepositoryUrl.from(QUARANTINE))
                .remove(org.apache.james.mailrepository.api.MailKey.forMail(held));
            bed.advanceBy(Duration.ZERO);

            List<Delivery> after = bed.deliveries().subList(noticesBefore, bed.deliveries().size());
            assertThat(after).singleElement().satisfies(delivery -> {
                assertThat(delivery.recipients()).extracting(Object::toString).containsExactly(ANNA);
                assertThat(delivery.message().getSubject()).isEqualTo("Invio copia bollettino");
                assertThat(raw(delivery.message())).contains("name=\"bollettino.zip\"");
            });
            assertThat(bed.repository(QUARANTINE)).isEmpty();
        }
    }

    @Test
    void releasedMessageReprocessedIntoRootIsInspectedButNotHeldAgain() throws Exception {
        try (JamesTestBed bed = bed(sampleConfig())) {
            bed.send(bollettinoTo(ANNA));
            Mail held = bed.repository(QUARANTINE).get(0);
            int before = bed.deliveries().size();

            Mail released = MailImpl.duplicate(held);
            released.setState(Mail.DEFAULT);
            bed.queue().enQueue(released);
            bed.advanceBy(Duration.ZERO);

            assertThat(bed.repository(QUARANTINE)).hasSize(1);
            assertThat(bed.deliveries().subList(before, bed.deliveries().size())).singleElement()
                .satisfies(delivery -> {
                    assertThat(delivery.message().getSubject()).isEqualTo("Invio copia bollettino");
                    assertThat(delivery.postinoAttributes()).containsEntry("postino.quarantine.action", "released");
                });
        }
    }
}
