package dev.postino.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

final class MailetFixtures {

    private MailetFixtures() {
    }

    static MimeMessage message(String file) throws MessagingException {
        try (InputStream in = MailetFixtures.class.getResourceAsStream("/receipts/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test message " + file);
            }
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
