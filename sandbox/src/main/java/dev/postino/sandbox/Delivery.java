package dev.postino.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

/**
 * What a sandbox stand-in for a James delivery mailet would have done: who would have received
 * which message, when. {@code message} is a private copy taken at delivery time.
 */
public record Delivery(Kind kind, String mailName, Optional<MailAddress> sender, List<MailAddress> recipients,
                       MimeMessage message, Instant at, Map<String, String> postinoAttributes) {

    public enum Kind {
        /** {@code LocalDelivery}: stored in local mailboxes. */
        LOCAL,
        /** {@code RemoteDelivery}: sent to another mail server. */
        REMOTE,
        /** {@code Bounce} / {@code DSNBounce}: a non-delivery notice back to the sender. */
        BOUNCE
    }

    public boolean isFor(String address) {
        return recipients.stream().anyMatch(r -> r.asString().equalsIgnoreCase(address));
    }
}
