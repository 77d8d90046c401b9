package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import dev.postino.notices.Notice;

class NoticeMessageTest {

    private static final Instant NOON = Instant.parse("2026-12-01T11:00:00Z");

    private static String written(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyNoticeIsAutoSubmittedPlainUtf8TextFromItsAuthor() throws Exception {
        MimeMessage message = NoticeMessage.of(new Notice("Messaggio trattenuto", "Però niente link.\n"))
            .from(new MailAddress("postmaster@acme.example")).to(new MailAddress("anna@acme.example"))
            .cc(List.of(new MailAddress("hr@acme.example"))).header("X-Postino-Quarantine-Id", "Q-1").build(NOON);

        assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(message.getHeader("From", null)).isEqualTo("postmaster@acme.example");
        assertThat(message.getHeader("To", null)).isEqualTo("anna@acme.example");
        assertThat(message.getHeader("Cc", null)).isEqualTo("hr@acme.example");
        assertThat(message.getHeader("X-Postino-Quarantine-Id", null)).isEqualTo("Q-1");
        assertThat(message.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(message.getSentDate().toInstant()).isEqualTo(NOON);
        assertThat(message.getContent()).isEqualTo("Però niente link.\n");
    }

    @Test
    void withoutAnAuthorThereIsNoFromAndNoCcWhenNoneIsGiven() throws Exception {
        MimeMessage message = NoticeMessage.of(new Notice("s", "b")).to(new MailAddress("anna@acme.example")).build(NOON);
        assertThat(message.getHeader("From")).isNull();
        assertThat(message.getHeader("Cc")).isNull();
    }

    @Test
    void aLineBreakInTheSubjectCannotAddAHeader() throws Exception {
        MimeMessage message = NoticeMessage.of(new Notice("Held\r\nBcc: victim@example.com", "b"))
            .to(new MailAddress("anna@acme.example")).build(NOON);
        assertThat(message.getSubject()).isEqualTo("Held  Bcc: victim@example.com");
        assertThat(written(message)).doesNotContain("\r\nBcc:");
        assertThat(message.getHeader("Bcc")).isNull();
    }
}
