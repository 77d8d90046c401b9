package dev.postino.mailets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MimeMessage parsed from bytes that writes its body back exactly as it was read, even after
 * later mailets change headers (James's {@code RemoveMimeHeader bcc} in transport does, on every
 * mail) and call {@code saveChanges()}: plain Jakarta Mail would then re-serialise every MIME part
 * and replace the Message-ID. Only when the body itself is replaced does it fall back to the
 * standard behaviour.
 */
final class RawBodyMimeMessage extends MimeMessage {

    private boolean bodyReplaced;

    RawBodyMimeMessage(byte[] bytes) throws MessagingException {
        // A session per message, not a static one: a session created while a class loads would
        // leave the class unusable for the JVM's life if that first creation ever failed.
        super(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    @Override
    public synchronized void setDataHandler(DataHandler handler) throws MessagingException {
        bodyReplaced = true;
        super.setDataHandler(handler);
    }

    @Override
    protected void updateHeaders() throws MessagingException {
        if (bodyReplaced) {
            super.updateHeaders();
            return;
        }
        if (getHeader("Message-ID") == null) {
            updateMessageID();
        }
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) {
            super.updateMessageID();
        }
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        if (bodyReplaced || content == null) {
            super.writeTo(out, ignoreList);
            return;
        }
        Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
        while (lines.hasMoreElements()) {
            out.write(lines.nextElement().getBytes(StandardCharsets.UTF_8));
            out.write('\r');
            out.write('\n');
        }
        out.write('\r');
        out.write('\n');
        out.write(content);
        out.flush();
    }
}
