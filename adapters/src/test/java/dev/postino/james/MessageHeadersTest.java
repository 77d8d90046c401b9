package dev.postino.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {

    private static Mail mail(String headers) throws MessagingException {
        String eml = "From: mario.rossi@acme.example\r\nTo: anna.bianchi@acme.example\r\n" + headers + "\r\nx\r\n";
        return FakeMail.builder().name("mail-7").recipient("anna.bianchi@acme.example")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(eml.getBytes(StandardCharsets.ISO_8859_1))))
            .build();
    }

    @Test
    void theSubjectIsDecodedAsCoresLenientDecoderDoes() throws Exception {
        // Raw UTF-8 (RFC 6532), an encoded word in windows-1252 labelled ISO-8859-1, and a fold.
        String raw = new String("Pranzo di venerdì".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Mail mail = mail("Subject: " + raw + "\r\n =?iso-8859-1?Q?=93ok=94?=\r\n");

        assertThat(MessageHeaders.decodedSubject(mail)).isEqualTo("Pranzo di venerdì “ok”");
    }

    @Test
    void onlyTheFirstSubjectCounts() throws Exception {
        assertThat(MessageHeaders.decodedSubject(mail("Subject: first\r\nSubject: Read: second\r\n"))).isEqualTo("first");
    }

    @Test
    void noSubjectIsNull() throws Exception {
        assertThat(MessageHeaders.decodedSubject(mail(""))).isNull();
    }

    @Test
    void theMessageIdIsTrimmed() throws Exception {
        Mail mail = mail("Message-ID:   <a1@acme.example>  \r\n");

        assertThat(MessageHeaders.messageId(mail)).isEqualTo("<a1@acme.example>");
        assertThat(MessageHeaders.messageId(mail, "mail-7")).isEqualTo("<a1@acme.example>");
    }

    @Test
    void aMissingOrBlankMessageIdGivesTheFallback() throws Exception {
        assertThat(MessageHeaders.messageId(mail(""))).isEqualTo("(none)");
        assertThat(MessageHeaders.messageId(mail(""), "mail-7")).isEqualTo("mail-7");
        assertThat(MessageHeaders.messageId(mail("Message-ID:   \r\n"), "mail-7")).isEqualTo("mail-7");
    }

    @Test
    void aMailWithoutAMessageHasNoHeaders() throws Exception {
        Mail mail = FakeMail.builder().name("empty").build();

        assertThat(MessageHeaders.values(mail, "Subject")).isEmpty();
        assertThat(MessageHeaders.decodedSubject(mail)).isNull();
        assertThat(MessageHeaders.messageId(mail, "empty")).isEqualTo("empty");
    }
}
