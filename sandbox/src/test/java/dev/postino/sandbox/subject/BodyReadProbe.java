package dev.postino.sandbox.subject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Test-only mailet: records, under its {@code label}, whether the watched source's body had been
 * read when the mail reached it.
 */
public class BodyReadProbe extends GenericMailet {

    static final Map<String, Boolean> BODY_READ_AT = new ConcurrentHashMap<>();
    static volatile BodyWatchingSource watched;

    private String label;

    @Override
    public void init() throws MessagingException {
        label = getInitParameter("label", "probe");
    }

    @Override
    public void service(Mail mail) {
        BodyWatchingSource source = watched;
        if (source != null) {
            BODY_READ_AT.put(label, source.bodyWasRead());
        }
    }
}
