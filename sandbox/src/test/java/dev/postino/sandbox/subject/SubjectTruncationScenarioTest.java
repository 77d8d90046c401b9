package dev.postino.sandbox.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.Collections;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;
import dev.postino.sandbox.TraceStep;

/** Subject truncation in James's real mailet container, with the shipped configuration files. */
class SubjectTruncationScenarioTest {

    private static final Envelope INBOUND_SPAM = Envelope.from("premi.clienti2026@webmail.example")
        .to("anna.bianchi@acme.example");

    private static Path sample(String name) {
        return JamesTestBed.projectFile("samples/" + name + ".eml");
    }

    private static JamesTestBed fullConfiguration() throws Exception {
        return JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml")).build();
    }

    private static String decodedSubject(MimeMessage message) throws Exception {
        return MimeUtility.decodeText(MimeUtility.unfold(message.getHeader("Subject", null)));
    }

    private static int graphemes(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    private static Delivery onlyLocalDelivery(JamesTestBed bed) {
        assertThat(bed.deliveries()).hasSize(1);
        Delivery delivery = bed.deliveries().get(0);
        assertThat(delivery.kind()).isEqualTo(Delivery.Kind.LOCAL);
        return delivery;
    }

    @Test
    void theSeeds3501ByteSpamSubjectIsCutTo200CharactersBeforeDelivery() throws Exception {
        try (JamesTestBed bed = fullConfiguration()) {
            bed.send(SandboxMails.fromEml(sample("20-spam-subject-3501-bytes"), INBOUND_SPAM));

            Delivery delivery = onlyLocalDelivery(bed);
            String subject = decodedSubject(delivery.message());
            assertThat(subject).startsWith("URGENTE!!! Hai vinto un buono Amazon").endsWith("…");
            assertThat(graphemes(subject)).isLessThanOrEqualTo(200);
            assertThat(delivery.postinoAttributes())
                .containsEntry("postino.subject.originalBytes", "3501")
                .containsEntry("postino.subject.newLength", String.valueOf(graphemes(subject)))
                .containsKey("postino.subject.originalSha256");
            assertThat(bed.trace()).extracting(TraceStep::simpleClassName).contains("SubjectLongerThan", "TruncateSubject");
            assertThat(bed.errors()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"21-spam-subject-base64", "22-spam-subject-quoted-printable", "25-emoji-heavy-subject"})
    void encodedLongSubjectsAreCutBetweenWholeCharactersAndStayValidRfc2047(String name) throws Exception {
        try (JamesTestBed bed = fullConfiguration()) {
            MimeMessage original = SandboxMails.parse(Files.readAllBytes(sample(name)));
            String originalText = decodedSubject(original);
            bed.send(SandboxMails.fromEml(sample(name), INBOUND_SPAM));

            MimeMessage delivered = onlyLocalDelivery(bed).message();
            String subject = decodedSubject(delivered);
            assertThat(subject).endsWith("…");
            assertThat(graphemes(subject)).isLessThanOrEqualTo(200);
            String prefix = subject.substring(0, subject.length() - 1);
            assertThat(originalText).startsWith(prefix);
            assertThat(graphemes(originalText.substring(0, prefix.length())) + graphemes(originalText.substring(prefix.length())))
                .as("the cut falls between two user-perceived characters").isEqualTo(graphemes(originalText));
            List<String> lines = Collections.list(delivered.getMatchingHeaderLines(new String[] {"Subject"}));
            assertThat(lines).hasSize(1);
            for (String line : lines.get(0).split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(78);
            }
        }
    }

    @Test
    void shortSubjectIsDeliveredByteForByte() throws Exception {
        try (JamesTestBed bed = fullConfiguration()) {
            bed.send(SandboxMails.fromEml(sample("23-short-subject-untouched"), Envelope.from("giorgio.bassi@fornitore.example")
                .to("anna.bianchi@acme.example")));

            Delivery delivery = onlyLocalDelivery(bed);
            assertThat(delivery.message().getHeader("Subject", null)).isEqualTo("=?UTF-8?Q?Riunione_di_luned=C3=AC_alle_11?=");
            assertThat(delivery.postinoAttributes().keySet()).noneMatch(key -> key.startsWith("postino.subject."));
            assertThat(bed.trace()).extracting(TraceStep::simpleClassName).doesNotContain("TruncateSubject");
        }
    }

    @Test
    void japaneseSubjectStaysIso2022jpAfterTheCut() throws Exception {
        try (JamesTestBed bed = fullConfiguration()) {
            bed.send(SandboxMails.fromEml(sample("24-japanese-iso-2022-jp-long"), INBOUND_SPAM));

            MimeMessage delivered = onlyLocalDelivery(bed).message();
            assertThat(delivered.getHeader("Subject", null)).startsWith("=?ISO-2022-JP?B?");
            assertThat(decodedSubject(delivered)).startsWith("【重要】年末年始の営業日").endsWith("…");
        }
    }

    @Test
    void theSubjectFragmentLoadsAndCutsInItsOwnRight() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configFile(JamesTestBed.projectFile("conf-samples/subject.xml")).build()) {
            bed.send(SandboxMails.fromEml(sample("26-windows-1252-labelled-latin1"), INBOUND_SPAM));

            String subject = decodedSubject(onlyLocalDelivery(bed).message());
            assertThat(subject).startsWith("“Offerta speciale” per i clienti: caffè e cornetto a 1 €,").endsWith("…");
        }
    }

    @Test
    void bothSubjectHeadersOfAMalformedMailAreHandled() throws Exception {
        try (JamesTestBed bed = fullConfiguration()) {
            bed.send(SandboxMails.fromEml(sample("27-two-subject-headers"), INBOUND_SPAM));

            String[] subjects = onlyLocalDelivery(bed).message().getHeader("Subject");
            assertThat(subjects).hasSize(2);
            assertThat(subjects[0]).isEqualTo("Promo");
            assertThat(MimeUtility.decodeText(MimeUtility.unfold(subjects[1]))).endsWith("…");
        }
    }

    @Test
    void bytesConditionWithASpaceLoadsAndRoutesInTheContainer() throws Exception {
        String config = Files.readString(JamesTestBed.projectFile("conf-samples/subject.xml"))
            .replace("<!-- Postino: subject truncation -->", """
                <mailet match="dev.postino.matchers.SubjectLongerThan=998 bytes" class="ToRepository">
                    <repositoryPath>memory://var/mail/long-subject/</repositoryPath>
                </mailet>
                """);
        try (JamesTestBed bed = JamesTestBed.builder().configXml(config).build()) {
            bed.send(SandboxMails.fromEml(sample("21-spam-subject-base64"), INBOUND_SPAM));
            bed.send(SandboxMails.fromEml(sample("23-short-subject-untouched"), INBOUND_SPAM));

            assertThat(bed.repository("memory://var/mail/long-subject/")).hasSize(1);
            assertThat(bed.deliveries()).hasSize(1);
        }
    }

    @Test
    void theBodyIsNeverReadWhileTheSubjectIsCut() throws Exception {
        String config = Files.readString(JamesTestBed.projectFile("conf-samples/subject.xml"))
            .replace("<!-- Postino: subject truncation -->",
                "<mailet match=\"All\" class=\"dev.postino.sandbox.subject.BodyReadProbe\"><label>before</label></mailet>")
            .replace("<!-- Optional: route", "<mailet match=\"All\" class=\"dev.postino.sandbox.subject.BodyReadProbe\">"
                + "<label>after</label></mailet>\n<!-- Optional: route");
        BodyWatchingSource source = new BodyWatchingSource("""
            From: premi.clienti2026@webmail.example
            To: anna.bianchi@acme.example
            Subject: %s
            Message-ID: <body-watch@webmail.example>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii
            """.formatted("Hai vinto un premio, conferma subito ".repeat(30).strip()));
        BodyReadProbe.BODY_READ_AT.clear();
        BodyReadProbe.watched = source;
        try (JamesTestBed bed = JamesTestBed.builder().configXml(config).build()) {
            Mail mail = SandboxMails.fromEml("Subject: placeholder\r\n\r\n.\r\n", INBOUND_SPAM);
            ((MailImpl) mail).setMessageNoCopy(new MimeMessageWrapper(source));

            bed.send(mail);

            assertThat(BodyReadProbe.BODY_READ_AT).containsEntry("before", false).containsEntry("after", false);
            assertThat(decodedSubject(onlyLocalDelivery(bed).message())).endsWith("…");
        } finally {
            BodyReadProbe.watched = null;
        }
    }
}
