package dev.postino.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The receipt-family messages in this module's {@code receipts/} folder: one file per producer
 * (docs/receipts.md), read by the matchers', mailets' and sandbox's tests alike.
 */
public final class ReceiptMails {

    private ReceiptMails() {
    }

    /** The file's bytes as a stream; fails the test at once if there is no such file. */
    public static InputStream open(String file) {
        InputStream in = ReceiptMails.class.getResourceAsStream("/receipts/" + file);
        if (in == null) {
            throw new IllegalArgumentException("no test message " + file);
        }
        return in;
    }

    /** The file's bytes. */
    public static byte[] bytes(String file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole message, parsed by Jakarta Mail. */
    public static MimeMessage message(String file) throws MessagingException {
        try (InputStream in = open(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
