package dev.postino.james;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.receipts.ReportType;
import dev.postino.subject.SubjectDecoder;

/**
 * Reads a mail's top-level header fields and nothing else: every method here goes through
 * {@link MimeMessage#getHeader(String)}, which James answers from the header block without
 * loading the body. Failures (an unreadable message) give "no such header", never an exception,
 * so a matcher using these falls back to "no match" and the mail continues.
 */
public final class MessageHeaders {

    private static final Logger LOGGER = LoggerFactory.getLogger(MessageHeaders.class);

    private MessageHeaders() {
    }

    /** Every value of the named top-level field; empty when absent or unreadable. */
    public static List<String> values(Mail mail, String name) {
        try {
            MimeMessage message = mail.getMessage();
            if (message == null) {
                return List.of();
            }
            String[] values = message.getHeader(name);
            return values == null ? List.of() : Arrays.asList(values);
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("Could not read header {} of mail {}: {}", name, mail.getName(), e.toString());
            return List.of();
        }
    }

    public static boolean has(Mail mail, String name) {
        return !values(mail, name).isEmpty();
    }

    /** The report type from the top-level Content-Type field(s). Never throws. */
    public static ReportType reportType(Mail mail) {
        return ReportType.ofHeaderValues(values(mail, "Content-Type"));
    }

    /**
     * The first Subject, decoded by core's lenient {@link SubjectDecoder}, the one decoder every
     * feature uses, so a receipt heuristic sees the Subject {@code TruncateSubject} measures and
     * cuts; null when absent.
     */
    public static String decodedSubject(Mail mail) {
        return first(mail, "Subject").map(raw -> SubjectDecoder.decode(raw).text()).orElse(null);
    }

    /** The Message-ID for log lines, or {@code (none)}. */
    public static String messageId(Mail mail) {
        return messageId(mail, "(none)");
    }

    /** The first Message-ID, trimmed, or {@code absent} when there is none, it is blank or unreadable. */
    public static String messageId(Mail mail, String absent) {
        return first(mail, "Message-ID").map(String::trim).filter(id -> !id.isEmpty()).orElse(absent);
    }

    private static Optional<String> first(Mail mail, String name) {
        return values(mail, name).stream().findFirst();
    }
}
