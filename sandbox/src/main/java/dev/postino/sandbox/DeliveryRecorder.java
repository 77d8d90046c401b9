package dev.postino.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * Collects what the delivery stand-ins would have delivered. Bound as a singleton in the
 * sandbox's Guice injector, so every stand-in instance writes to the same record.
 */
@Singleton
public final class DeliveryRecorder {
    private final Clock clock;
    private final List<Delivery> deliveries = new ArrayList<>();

    @Inject
    public DeliveryRecorder(Clock clock) {
        this.clock = clock;
    }

    public synchronized void record(Delivery.Kind kind, Mail mail, List<MailAddress> recipients) throws MessagingException {
        deliveries.add(new Delivery(kind, mail.getName(), mail.getMaybeSender().asOptional(), List.copyOf(recipients),
            new MimeMessage(mail.getMessage()), clock.instant(), postinoAttributes(mail)));
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Every mail attribute named {@code postino.*}, as text, for reports. */
    public static Map<String, String> postinoAttributes(Mail mail) {
        Map<String, String> attributes = new TreeMap<>();
        mail.attributes()
            .filter(attribute -> attribute.getName().asString().startsWith("postino."))
            .forEach(attribute -> attributes.put(attribute.getName().asString(),
                String.valueOf(plain(attribute.getValue()))));
        return attributes;
    }

    /** James wraps every element of a list or map attribute; reports want the values. */
    private static Object plain(Object value) {
        if (value instanceof org.apache.mailet.AttributeValue<?> wrapped) {
            return plain(wrapped.value());
        }
        if (value instanceof java.util.Collection<?> collection) {
            return collection.stream().map(DeliveryRecorder::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> plainMap = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> plainMap.put(k, plain(v)));
            return plainMap;
        }
        return value;
    }
}
