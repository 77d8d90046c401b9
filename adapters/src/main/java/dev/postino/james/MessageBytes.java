package dev.postino.james;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** A message's bytes as it would be sent: its header and body, exactly as {@link MimeMessage#writeTo} writes them. */
public final class MessageBytes {

    private MessageBytes() {
    }

    /** The whole message in memory; for a bounded spool, write it to a {@code SpooledContent.Writer} instead. */
    public static byte[] of(MimeMessage message) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException unreadable) {
            throw new MessagingException("Cannot read the message", unreadable);
        }
    }
}
