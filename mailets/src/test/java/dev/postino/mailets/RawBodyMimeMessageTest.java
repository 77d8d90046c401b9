package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RawBodyMimeMessageTest {

    private static final String MESSAGE = String.join("\r\n",
        "Message-ID: <keep-me@acme.example>",
        "Bcc: hidden@acme.example",
        "Subject: test",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"b\"",
        "",
        "preamble kept",
        "--b",
        "Content-Type: text/plain",
        "",
        "body   with   odd   spacing",
        "--b--",
        "");

    private static String written(RawBodyMimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void headerChangeAndSaveChangesKeepTheBodyBytesAndTheMessageId() throws Exception {
        RawBodyMimeMessage message = new RawBodyMimeMessage(MESSAGE.getBytes(StandardCharsets.UTF_8));

        message.removeHeader("Bcc");
        message.saveChanges();

        assertThat(written(message)).isEqualTo(MESSAGE.replace("Bcc: hidden@acme.example\r\n", ""));
        assertThat(message.getMessageID()).isEqualTo("<keep-me@acme.example>");
    }

    @Test
    void replacingTheBodyFallsBackToStandardWriting() throws Exception {
        RawBodyMimeMessage message = new RawBodyMimeMessage(MESSAGE.getBytes(StandardCharsets.UTF_8));

        message.setText("new body", "UTF-8");
        message.saveChanges();

        assertThat(written(message)).contains("new body").doesNotContain("preamble kept");
        assertThat(message.getMessageID()).isEqualTo("<keep-me@acme.example>");
    }
}
