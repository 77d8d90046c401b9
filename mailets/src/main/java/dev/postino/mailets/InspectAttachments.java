package dev.postino.mailets;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.attachments.Action;
import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.InspectionLimits;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;
import dev.postino.attachments.ReasonCode.Category;
import dev.postino.attachments.names.BlockedExtensions;
import dev.postino.matchers.AttachmentInspection;
import dev.postino.matchers.AttachmentVerdictAttributes;

/**
 * Inspects every attachment of a mail (names, real types, archives, encryption, macros, disk images, HTML
 * smuggling) and stores the verdict and findings as mail attributes: {@code postino.attachments.verdict} ("clean" or
 * "dangerous") and {@code postino.attachments.findings} (see {@link AttachmentVerdictAttributes}).
 * It never changes the message body; act on the verdict with {@code HasDangerousAttachment}.
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.InspectAttachments">
 *   <!-- extensions added to / removed from the default list (Gmail ∪ Exchange Online) -->
 *   <addBlockedExtensions></addBlockedExtensions>
 *   <removeBlockedExtensions></removeBlockedExtensions>
 *   <!-- block | report | ignore -->
 *   <encrypted>block</encrypted>
 *   <uninspectable>block</uninspectable>
 *   <macros>block</macros>
 *   <diskImages>block</diskImages>
 *   <oneNote>block</oneNote>
 *   <zipStructure>block</zipStructure>
 *   <!-- HTML/SVG attachments that assemble a file in the browser (HTML_SMUGGLING) -->
 *   <htmlSmuggling>block</htmlSmuggling>
 *   <!-- fail-closed limits: exceeding one makes the verdict dangerous -->
 *   <maxDepth>4</maxDepth>
 *   <maxEntries>10000</maxEntries>
 *   <maxExpandedBytes>100M</maxExpandedBytes>
 *   <maxRatio>100</maxRatio>
 *   <maxTime>10s</maxTime>
 *   <memoryThreshold>1M</memoryThreshold>
 *   <!-- optional header with verdict, reason codes and sections (no file names); empty = none -->
 *   <traceHeader></traceHeader>
 * </mailet>
 * }</pre>
 */
public class InspectAttachments extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(InspectAttachments.class);

    private AttachmentInspector inspector;
    private String traceHeader;

    @Override
    public void init() throws MessagingException {
        Set<String> extensions = new TreeSet<>(BlockedExtensions.DEFAULTS);
        extensions.addAll(BlockedExtensions.normalise(list(getInitParameter("addBlockedExtensions", ""))));
        extensions.removeAll(BlockedExtensions.normalise(list(getInitParameter("removeBlockedExtensions", ""))));
        InspectionLimits limits = InspectionLimits.DEFAULTS
            .withMaxDepth((int) positive("maxDepth", "4"))
            .withMaxEntries(positive("maxEntries", "10000"))
            .withMaxExpandedBytes(bytes("maxExpandedBytes", "100M"))
            .withMaxRatio((int) positive("maxRatio", "100"))
            .withMaxTime(duration("maxTime", "10s"))
            .withMemoryThreshold((int) Math.min(Integer.MAX_VALUE - 16, bytes("memoryThreshold", "1M")));
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withBlockedExtensions(extensions).withLimits(limits)
            .withAction(Category.ENCRYPTED, action("encrypted"))
            .withAction(Category.UNINSPECTABLE, action("uninspectable"))
            .withAction(Category.MACROS, action("macros"))
            .withAction(Category.DISK_IMAGE, action("diskImages"))
            .withAction(Category.ONENOTE, action("oneNote"))
            .withAction(Category.ZIP_STRUCTURE, action("zipStructure"))
            .withAction(Category.SMUGGLING, action("htmlSmuggling"));
        inspector = new AttachmentInspector(policy);
        traceHeader = getInitParameter("traceHeader", "").trim();
        if (!traceHeader.isEmpty() && !traceHeader.matches("[!-9;-~]+")) {
            throw new MessagingException("InspectAttachments parameter traceHeader: '" + traceHeader + "' is not a header name");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        InspectionReport report = AttachmentInspection.inspect(inspector, mail);
        AttachmentVerdictAttributes.store(mail, report.dangerous(), AttachmentInspection.stored(report));
        if (report.dangerous()) {
            LOGGER.info("Mail {}: attachments judged dangerous: {}", mail.getName(), summary(report));
        } else if (!report.findings().isEmpty()) {
            LOGGER.info("Mail {}: attachments clean, reported: {}", mail.getName(), summary(report));
        }
        if (!traceHeader.isEmpty()) {
            MimeMessage message = mail.getMessage();
            message.setHeader(traceHeader, report.verdict().word()
                + (report.findings().isEmpty() ? "" : " (" + summary(report) + ")"));
            message.saveChanges();
        }
    }

    /** Reason codes and sections only: file names never reach a header or a log line unsanitised. */
    private static String summary(InspectionReport report) {
        return report.findings().stream()
            .map(finding -> finding.code() + (finding.section().isEmpty() ? "" : " in part " + finding.section()))
            .distinct().collect(Collectors.joining("; "));
    }

    @Override
    public String getMailetInfo() {
        return "Inspects attachments and stores a clean/dangerous verdict with findings";
    }

    private Action action(String name) throws MessagingException {
        String value = getInitParameter(name, "block");
        try {
            return Action.parse(value);
        } catch (IllegalArgumentException bad) {
            throw new MessagingException("InspectAttachments parameter " + name + ": '" + value + "' is not block, report or ignore");
        }
    }

    private long positive(String name, String fallback) throws MessagingException {
        String value = getInitParameter(name, fallback).trim();
        try {
            long number = Long.parseLong(value);
            if (number < 1 || number > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException bad) {
            throw new MessagingException("InspectAttachments parameter " + name + ": '" + value + "' is not a positive integer");
        }
    }

    /** Bytes with an optional K, M or G suffix (powers of 1024). */
    private long bytes(String name, String fallback) throws MessagingException {
        String value = getInitParameter(name, fallback).trim().toUpperCase(Locale.ROOT);
        try {
            long multiplier = 1;
            String digits = value.endsWith("B") ? value.substring(0, value.length() - 1) : value;
            if (digits.endsWith("K") || digits.endsWith("M") || digits.endsWith("G")) {
                multiplier = switch (digits.charAt(digits.length() - 1)) {
                    case 'K' -> 1024L;
                    case 'M' -> 1024L * 1024;
                    default -> 1024L * 1024 * 1024;
                };
                digits = digits.substring(0, digits.length() - 1);
            }
            long number = Math.multiplyExact(Long.parseLong(digits.trim()), multiplier);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException | ArithmeticException bad) {
            throw new MessagingException("InspectAttachments parameter " + name + ": '" + value + "' is not a size like 100M");
        }
    }

    /** A duration like {@code 10s}, {@code 500ms}, {@code 2m}, or plain milliseconds. */
    private Duration duration(String name, String fallback) throws MessagingException {
        String value = getInitParameter(name, fallback).trim().toLowerCase(Locale.ROOT);
        try {
            Duration duration;
            if (value.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            } else if (value.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1).trim()));
            } else if (value.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1).trim()));
            } else {
                duration = Duration.ofMillis(Long.parseLong(value));
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new NumberFormatException();
            }
            return duration;
        } catch (NumberFormatException bad) {
            throw new MessagingException("InspectAttachments parameter " + name + ": '" + value + "' is not a duration like 10s");
        }
    }

    private static Set<String> list(String value) {
        return Arrays.stream(value.split("[,\\s]+")).map(String::trim).filter(text -> !text.isEmpty()).collect(Collectors.toSet());
    }

    /** For tests and the matcher: the policy this mailet was configured with. */
    InspectionPolicy policy() {
        return inspector.policy();
    }
}
