package dev.postino.sandbox;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;

/**
 * One matcher or mailet call observed in James's container, through the processors'
 * {@code MailetProcessorListener} hook (the same hook James's JMX statistics use).
 */
public record TraceStep(String processor, Kind kind, String className, String mailName,
                        List<MailAddress> matched, Optional<String> error) {

    public enum Kind { MATCHER, MAILET }

    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    public boolean isPostino() {
        return className.startsWith("dev.postino.");
    }

    /** The name James gives a mail and its splits share the original's name as a prefix. */
    public boolean concerns(String originalMailName) {
        return mailName.equals(originalMailName) || mailName.startsWith(originalMailName + "-");
    }
}
