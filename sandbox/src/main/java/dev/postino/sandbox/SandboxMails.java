package dev.postino.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;

/** Builds the {@link Mail} the SMTP server would hand to the container for a message and envelope. */
public final class SandboxMails {
    private static final Session SESSION = Session.getInstance(new java.util.Properties());
    private static final AtomicLong COUNTER = new AtomicLong();

    private SandboxMails() {
    }

    public static MimeMessage parse(byte[] rfc5322) throws MessagingException {
        try (InputStream in = new ByteArrayInputStream(rfc5322)) {
            return new MimeMessage(SESSION, in);
        } catch (IOException e) {
            throw new MessagingException("Cannot read message", e);
        }
    }

    public static Mail fromEml(String rfc5322, Envelope envelope) throws MessagingException {
        return fromEml(rfc5322.getBytes(StandardCharsets.UTF_8), envelope);
    }

    public static Mail fromEml(Path eml, Envelope envelope) throws MessagingException, IOException {
        return fromEml(Files.readAllBytes(eml), envelope);
    }

    public static Mail fromEml(byte[] rfc5322, Envelope envelope) throws MessagingException {
        return fromMessage(parse(rfc5322), envelope);
    }

    public static Mail fromMessage(MimeMessage message, Envelope envelope) throws MessagingException {
        if (envelope.recipients().isEmpty()) {
            throw new MessagingException("The envelope has no recipient");
        }
        MailImpl mail = MailImpl.builder()
            .name("sandbox-" + COUNTER.incrementAndGet())
            .sender(envelope.sender().map(org.apache.james.core.MaybeSender::of)
                .orElse(org.apache.james.core.MaybeSender.nullSender()))
            .addRecipients(envelope.recipients())
            .mimeMessage(message)
            .state(Mail.DEFAULT)
            .remoteAddr("192.0.2.10")
            .remoteHost("client.sandbox.invalid")
            .build();
        if (envelope.fromAuthorizedNetwork()) {
            // What James's SMTP server records for a client in authorizedAddresses (SMTPIsAuthNetwork reads it).
            mail.setAttribute(org.apache.james.transport.matchers.SMTPIsAuthNetwork.makeAttribute(true));
        }
        envelope.authenticatedUser().ifPresent(user ->
            mail.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(Username.of(user).asString()))));
        envelope.dsnNotify().ifPresent(notify -> mail.setDsnParameters(dsn(envelope, notify)));
        return mail;
    }

    private static DsnParameters dsn(Envelope envelope, String notify) {
        java.util.EnumSet<DsnParameters.Notify> values = java.util.EnumSet.noneOf(DsnParameters.Notify.class);
        for (String value : notify.split(",")) {
            values.add(DsnParameters.Notify.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT)));
        }
        com.google.common.collect.ImmutableMap.Builder<MailAddress, DsnParameters.RecipientDsnParameters> rcpt =
            com.google.common.collect.ImmutableMap.builder();
        for (MailAddress recipient : envelope.recipients()) {
            rcpt.put(recipient, DsnParameters.RecipientDsnParameters.of(values));
        }
        return DsnParameters.of(Optional.empty(), Optional.empty(), rcpt.build()).orElseThrow();
    }
}
