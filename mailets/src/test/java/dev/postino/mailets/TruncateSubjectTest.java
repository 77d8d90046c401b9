package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.postino.PostinoVersion;
import dev.postino.matchers.BodyThrowingMessage;

class TruncateSubjectTest {

    private static final String SPAM_WORDS = "URGENTE Hai vinto un buono da 500 EUR conferma entro 24 ore ";

    @RegisterExtension
    final LogCapture logs = LogCapture.of(TruncateSubject.class);

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();

    private TruncateSubject mailet(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("TruncateSubject");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        TruncateSubject mailet = new TruncateSubject(metrics);
        mailet.init(config.build());
        logs.clear(); // the start line has its own test
        return mailet;
    }

    private static Mail mail(String headers) throws MessagingException {
        return FakeMail.builder().name("mail1").recipient("anna.bianchi@acme.example")
            .mimeMessage(new BodyThrowingMessage("From: mario.rossi@acme.example\r\n" + headers + "\r\nTo: anna.bianchi@acme.example"))
            .build();
    }

    private static String subject(Mail mail) throws Exception {
        return MimeUtility.decodeText(MimeUtility.unfold(mail.getMessage().getHeader("Subject", null)));
    }

    private static String longSpam() {
        return SPAM_WORDS.repeat(60).strip(); // ~3600 characters
    }

    @Test
    void longSubjectIsCutTo200CharactersByDefaultMarkerIncluded() throws Exception {
        Mail mail = mail("Subject: " + longSpam());
        mailet().service(mail);
        String subject = subject(mail);
        assertThat(subject).endsWith("…").startsWith("URGENTE Hai vinto");
        assertThat(subject.codePointCount(0, subject.length())).isLessThanOrEqualTo(200);
        assertThat(longSpam()).startsWith(subject.substring(0, subject.length() - 1));
    }

    @Test
    void eachCutCountsInTheTruncatedMetricAndAShortSubjectDoesNot() throws Exception {
        TruncateSubject mailet = mailet();
        mailet.service(mail("Subject: " + longSpam()));
        mailet.service(mail("Subject: Riunione"));

        assertThat(metrics.countFor(MetricNames.SUBJECT_TRUNCATED)).isEqualTo(1);
        assertThat(metrics.countFor(MetricNames.SUBJECT_REENCODED)).isZero();
    }

    @Test
    void shortSubjectIsLeftByteForByte() throws Exception {
        String raw = "=?utf-8?q?Riunione?=   =?utf-8?q?_di_luned=C3=AC?=";
        Mail mail = mail("Subject: " + raw);
        mailet().service(mail);
        assertThat(mail.getMessage().getHeader("Subject", null)).isEqualTo(raw);
        assertThat(mail.attributeNames()).isEmpty();
    }

    @Test
    void cutRecordsLengthsAndHashButNeverTheOriginal() throws Exception {
        Mail mail = mail("Subject: " + longSpam());
        mailet().service(mail);
        assertThat(mail.getAttribute(TruncateSubject.ORIGINAL_LENGTH)).map(a -> (Object) a.getValue().value()).contains((Object) longSpam().length());
        assertThat(mail.getAttribute(TruncateSubject.ORIGINAL_BYTES)).map(a -> (Object) a.getValue().value()).contains((Object) (longSpam().length() + 9));
        assertThat(mail.getAttribute(TruncateSubject.NEW_LENGTH)).map(a -> (Object) a.getValue().value()).contains((Object) 200);
        assertThat(mail.getAttribute(TruncateSubject.ORIGINAL_SHA256)).map(a -> (String) a.getValue().value()).get()
            .asString().hasSize(64);
        assertThat(mail.getAttribute(TruncateSubject.TRUNCATED_HEADERS)).map(a -> (Object) a.getValue().value()).contains((Object) 1);
        mail.attributes().forEach(attribute -> assertThat(String.valueOf(attribute.getValue().value())).doesNotContain("conferma entro"));
    }

    @Test
    void eachCutLogsOneInfoLineWithoutTheOriginal() throws Exception {
        mailet().service(mail("Subject: " + longSpam()));
        assertThat(logs.events()).hasSize(1);
        ILoggingEvent event = logs.events().get(0);
        assertThat(event.getLevel()).isEqualTo(Level.INFO);
        assertThat(event.getFormattedMessage()).contains("mail1", "cut", "200 characters").doesNotContain("conferma entro");
    }

    @Test
    void traceHeaderIsOffByDefault() throws Exception {
        Mail mail = mail("Subject: " + longSpam());
        mailet().service(mail);
        assertThat(mail.getMessage().getHeader(TruncateSubject.TRACE_FIELD)).isNull();
    }

    @Test
    void traceHeaderRecordsTheOriginalLength() throws Exception {
        Mail mail = mail("Subject: " + longSpam());
        mailet("traceHeader", "true").service(mail);
        assertThat(mail.getMessage().getHeader(TruncateSubject.TRACE_FIELD, null))
            .startsWith(longSpam().length() + " characters, " + (longSpam().length() + 9) + " bytes; sha256=");
    }

    @Test
    void bytesUnitBoundsTheWholeEncodedField() throws Exception {
        String text = "Perché no? 🙂 ".repeat(100).strip();
        String raw = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
        Mail mail = mail("Subject: " + raw);
        mailet("unit", "bytes", "maxLength", "300").service(mail);
        List<String> lines = Collections.list(mail.getMessage().getMatchingHeaderLines(new String[] {"Subject"}));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).length()).isLessThanOrEqualTo(300);
        assertThat(subject(mail)).endsWith("…");
        for (String line : lines.get(0).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
    }

    @Test
    void customMarkerIsUsedAndCountedInTheBudget() throws Exception {
        Mail mail = mail("Subject: " + longSpam());
        mailet("maxLength", "30", "marker", " [...]").service(mail);
        assertThat(subject(mail)).isEqualTo("URGENTE Hai vinto un buo [...]");
    }

    @Test
    void everySubjectHeaderIsHandledInOrderAndLogged() throws Exception {
        Mail mail = mail("Subject: " + longSpam() + "\r\nX-Mid: between\r\nSubject: short one");
        mailet("maxLength", "50").service(mail);
        String[] subjects = mail.getMessage().getHeader("Subject");
        assertThat(subjects).hasSize(2);
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(subjects[0]))).hasSize(50).endsWith("…");
        assertThat(subjects[1]).isEqualTo("short one");
        List<String> names = Collections.list(mail.getMessage().getAllHeaderLines()).stream()
            .map(line -> line.substring(0, line.indexOf(':'))).toList();
        // The first keeps its exact place; the others follow it (Jakarta Mail cannot insert elsewhere).
        assertThat(names).containsExactly("From", "Subject", "Subject", "X-Mid", "To");
        assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage)
            .anySatisfy(line -> assertThat(line).contains("2 Subject headers"));
    }

    @Test
    void mailWithoutSubjectIsLeftAlone() throws Exception {
        Mail mail = mail("X-Nothing: here");
        mailet().service(mail);
        assertThat(mail.getMessage().getHeader("Subject")).isNull();
        assertThat(logs.events()).isEmpty();
    }

    @Test
    void theBodyIsNeverRead() throws Exception {
        // BodyThrowingMessage throws on every body access, including writeTo and saveChanges.
        Mail mail = mail("Subject: " + longSpam());
        mailet("traceHeader", "true").service(mail);
        assertThat(subject(mail)).endsWith("…");
    }

    @Test
    void messageStaysSerializableAfterTheCut() throws Exception {
        MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
            new java.io.ByteArrayInputStream(("Subject: " + longSpam() + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)));
        Mail mail = FakeMail.builder().name("m").mimeMessage(message).build();
        mailet().service(mail);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        MimeMessage reread = new MimeMessage(null, new java.io.ByteArrayInputStream(out.toByteArray()));
        assertThat(reread.getSubject()).endsWith("…").hasSizeLessThanOrEqualTo(200);
        assertThat(reread.getContent()).isEqualTo("body\r\n");
    }

    @Test
    void nonNumericMaxLengthFailsInitNamingIt() {
        assertThatThrownBy(() -> mailet("maxLength", "lots"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("maxLength").hasMessageContaining("'lots'");
    }

    @Test
    void maxLengthOfZeroFailsInitNamingIt() {
        assertThatThrownBy(() -> mailet("maxLength", "0"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("maxLength: invalid value '0'");
    }

    @Test
    void maxLengthTooSmallForTheMarkerFailsInit() {
        assertThatThrownBy(() -> mailet("maxLength", "1"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("maxLength 1");
        assertThatThrownBy(() -> mailet("unit", "bytes", "maxLength", "20"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("maxLength 20");
    }

    @Test
    void unknownUnitFailsInitNamingIt() {
        assertThatThrownBy(() -> mailet("unit", "words"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("unit").hasMessageContaining("'words'");
    }

    @Test
    void badTraceHeaderValueFailsInit() {
        assertThatThrownBy(() -> mailet("traceHeader", "maybe"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("traceHeader: invalid value 'maybe'");
        assertThatThrownBy(() -> mailet("traceHeader", "X-Postino-Subject-Truncated"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("traceHeader: invalid value 'X-Postino-Subject-Truncated'");
    }

    @Test
    void traceHeaderIsABooleanLikeEveryOther() throws Exception {
        Mail yes = mail("Subject: " + longSpam());
        mailet("traceHeader", "yes").service(yes);
        assertThat(yes.getMessage().getHeader(TruncateSubject.TRACE_FIELD)).hasSize(1);

        Mail no = mail("Subject: " + longSpam());
        mailet("traceHeader", "NO").service(no);
        assertThat(no.getMessage().getHeader(TruncateSubject.TRACE_FIELD)).isNull();
    }

    @Test
    void startLogsOneInfoLineWithTheVersionAndTheConfiguration() throws Exception {
        new TruncateSubject(metrics).init(FakeMailetConfig.builder().mailetName("TruncateSubject")
            .setProperty("maxLength", "120").setProperty("traceHeader", "true").build());

        assertThat(logs.events()).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.INFO);
        assertThat(logs.messages()).singleElement().asString()
            .startsWith("TruncateSubject " + PostinoVersion.current() + " started: ")
            .contains("120 characters", TruncateSubject.TRACE_FIELD);
    }

    @Test
    void unknownParameterFailsInit() {
        assertThatThrownBy(() -> mailet("maxLenght", "100"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("maxLenght");
    }

    @Test
    void controlCharactersInTheMarkerFailInit() {
        assertThatThrownBy(() -> mailet("marker", "x\r\nBcc: victim@example.com"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("marker");
    }

    @Test
    void attributeNamesFollowThePostinoConvention() {
        assertThat(List.of(TruncateSubject.ORIGINAL_LENGTH, TruncateSubject.ORIGINAL_BYTES, TruncateSubject.ORIGINAL_SHA256,
                TruncateSubject.NEW_LENGTH, TruncateSubject.NEW_BYTES, TruncateSubject.TRUNCATED_HEADERS))
            .extracting(AttributeName::asString).allMatch(name -> name.startsWith("postino.subject."));
        assertThat(AttributeValue.of(1).value()).isEqualTo(1);
    }
}
