package dev.postino.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

/**
 * The SMTP envelope of a sandbox mail: MAIL FROM, RCPT TO, the arrival time, the SMTP AUTH user
 * and the DSN {@code NOTIFY} the client asked for. Read from a sidecar {@code .envelope} file
 * (Java properties) beside a sample, or derived from the message's headers.
 *
 * <pre>
 * description = Read receipt sent by Thunderbird to an external client
 * from = mario.rossi@acme.example
 * to = client@example.com, anna.bianchi@acme.example
 * at = 2026-12-01T10:00+01:00[Europe/Rome]
 * auth = mario.rossi@acme.example
 * dsn.notify = SUCCESS,FAILURE
 * </pre>
 *
 * <p>{@code network = authorized} instead of {@code auth}: sent without SMTP AUTH from an address in
 * James's {@code authorizedAddresses} (a trusted host or gateway), which may relay. James's
 * {@code verifyIdentity} (on in its shipped configuration) refuses authenticated mail whose From
 * header names someone other than the user, so a forwarded report arrives this way.
 */
public record Envelope(Optional<MailAddress> sender, List<MailAddress> recipients, Optional<ZonedDateTime> at,
                       Optional<String> authenticatedUser, boolean fromAuthorizedNetwork, Optional<String> dsnNotify,
                       Optional<String> description) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    public static Envelope from(String sender) {
        return new Envelope(Optional.of(address(sender, "from")), List.of(), Optional.empty(), Optional.empty(),
            false, Optional.empty(), Optional.empty());
    }

    /** MAIL FROM:&lt;&gt;, as bounces and receipts are sent. */
    public static Envelope nullSender() {
        return new Envelope(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), false, Optional.empty(),
            Optional.empty());
    }

    public Envelope to(String... addresses) {
        List<MailAddress> all = new ArrayList<>(recipients);
        Arrays.stream(addresses).map(a -> address(a, "to")).forEach(all::add);
        return new Envelope(sender, all, at, authenticatedUser, fromAuthorizedNetwork, dsnNotify, description);
    }

    public Envelope at(ZonedDateTime time) {
        return new Envelope(sender, recipients, Optional.of(time), authenticatedUser, fromAuthorizedNetwork, dsnNotify, description);
    }

    public Envelope authenticatedAs(String user) {
        return new Envelope(sender, recipients, at, Optional.of(user), fromAuthorizedNetwork, dsnNotify, description);
    }

    /** Sent without SMTP AUTH from a host James lets relay ({@code authorizedAddresses}). */
    public Envelope viaAuthorizedNetwork() {
        return new Envelope(sender, recipients, at, authenticatedUser, true, dsnNotify, description);
    }

    /** DSN {@code NOTIFY} for every recipient, e.g. {@code SUCCESS,FAILURE} (RFC 3461). */
    public Envelope dsnNotify(String notify) {
        return new Envelope(sender, recipients, at, authenticatedUser, fromAuthorizedNetwork, Optional.of(notify), description);
    }

    public Envelope describedAs(String text) {
        return new Envelope(sender, recipients, at, authenticatedUser, fromAuthorizedNetwork, dsnNotify, Optional.of(text));
    }

    /**
     * The envelope for {@code message}: the sidecar file's values where it has them, else the
     * message's {@code Return-Path}/{@code From} and {@code To}/{@code Cc}/{@code Bcc}.
     */
    public static Envelope forMessage(MimeMessage message, Optional<Path> sidecar) throws IOException, MessagingException {
        Properties properties = new Properties();
        if (sidecar.isPresent() && Files.isRegularFile(sidecar.get())) {
            try (Reader reader = Files.newBufferedReader(sidecar.get(), StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        String where = sidecar.map(Path::toString).orElse("the message");
        Optional<MailAddress> sender;
        if (properties.containsKey("from")) {
            String value = properties.getProperty("from").strip();
            sender = value.isEmpty() || value.equals("<>") ? Optional.empty()
                : Optional.of(address(value, "from in " + where));
        } else {
            sender = senderFromHeaders(message);
        }
        List<MailAddress> recipients = properties.containsKey("to")
            ? splitAddresses(properties.getProperty("to"), "to in " + where)
            : recipientsFromHeaders(message);
        Optional<ZonedDateTime> at = Optional.ofNullable(properties.getProperty("at")).map(String::strip)
            .map(value -> parseTime(value, "at in " + where));
        Optional<String> network = Optional.ofNullable(properties.getProperty("network")).map(String::strip);
        if (network.isPresent() && !network.get().equals("authorized")) {
            throw new IllegalArgumentException("network in " + where + ": '" + network.get() + "'; the only value is 'authorized'");
        }
        return new Envelope(sender, recipients, at,
            Optional.ofNullable(properties.getProperty("auth")).map(String::strip), network.isPresent(),
            Optional.ofNullable(properties.getProperty("dsn.notify")).map(String::strip),
            Optional.ofNullable(properties.getProperty("description")).map(String::strip));
    }

    /** Accepts {@code 2026-12-01T10:00+01:00[Europe/Rome]}, {@code 2026-12-01T10:00+01:00}. */
    public static ZonedDateTime parseTime(String value, String what) {
        try {
            return ZonedDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Bad time for " + what + ": '" + value
                + "' (expected e.g. 2026-11-30T08:00+01:00 or 2026-11-30T08:00+01:00[Europe/Rome])");
        }
    }

    private static Optional<MailAddress> senderFromHeaders(MimeMessage message) throws MessagingException {
        String[] returnPath = message.getHeader("Return-Path");
        if (returnPath != null && returnPath.length > 0) {
            String value = returnPath[0].strip().replaceAll("^<|>$", "");
            return value.isEmpty() ? Optional.empty() : Optional.of(address(value, "Return-Path"));
        }
        Address[] from = message.getFrom();
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress internet) {
            return Optional.of(address(internet.getAddress(), "From"));
        }
        return Optional.empty();
    }

    private static List<MailAddress> recipientsFromHeaders(MimeMessage message) throws MessagingException {
        LinkedHashSet<MailAddress> all = new LinkedHashSet<>();
        for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC,
                MimeMessage.RecipientType.BCC)) {
            Address[] addresses = message.getRecipients(type);
            if (addresses == null) {
                continue;
            }
            for (Address a : addresses) {
                if (a instanceof InternetAddress internet && !internet.isGroup()) {
                    all.add(address(internet.getAddress(), type.toString()));
                } else if (a instanceof InternetAddress group) {
                    for (InternetAddress member : group.getGroup(false)) {
                        all.add(address(member.getAddress(), type.toString()));
                    }
                }
            }
        }
        return List.copyOf(all);
    }

    private static List<MailAddress> splitAddresses(String list, String what) {
        return Arrays.stream(list.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(s -> address(s, what))
            .toList();
    }

    static MailAddress address(String value, String what) {
        try {
            return new MailAddress(value.strip());
        } catch (AddressException e) {
            throw new IllegalArgumentException("Bad address for " + what + ": '" + value + "'", e);
        }
    }
}
