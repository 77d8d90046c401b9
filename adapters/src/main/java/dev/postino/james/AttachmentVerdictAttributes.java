package dev.postino.james;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * Encodes and decodes the attachment-inspection verdict that {@code InspectAttachments} stores on a
 * {@link Mail}, so that matchers and mailets (quarantine, notices) read it through one contract.
 *
 * <p>The contract, kept stable on purpose because other mailets code against it:
 * <ul>
 *   <li>{@code postino.attachments.verdict}: String, {@code "clean"} or {@code "dangerous"};</li>
 *   <li>{@code postino.attachments.findings}: a list of maps, each with the String keys
 *       {@code code} (stable reason code), {@code section} (IMAP-style section number of the
 *       top-level leaf part carrying the finding, e.g. {@code "2"} or {@code "1.2"}; {@code ""} for
 *       the whole message), {@code path} (human path such as
 *       {@code part 2 › bollettino.zip › bollettino.pdf.exe}), {@code message} (a sentence),
 *       {@code filename} (the sanitised leaf file name, or {@code ""}) and {@code action}
 *       ({@code block}: this finding made the verdict dangerous; {@code report}: recorded only, e.g.
 *       encrypted content from an allow-listed sender).</li>
 * </ul>
 * Decoding is lenient: a missing key reads as {@code ""}, a value of another type is skipped, so a
 * hand-set or foreign attribute never makes a reader throw. A finding without an {@code action}
 * (stored by an older version, or by hand) counts as blocking: readers fail closed.
 */
public final class AttachmentVerdictAttributes {

    public static final AttributeName VERDICT = AttributeName.of("postino.attachments.verdict");
    public static final AttributeName FINDINGS = AttributeName.of("postino.attachments.findings");

    public static final String CLEAN = "clean";
    public static final String DANGEROUS = "dangerous";

    public static final String KEY_CODE = "code";
    public static final String KEY_SECTION = "section";
    public static final String KEY_PATH = "path";
    public static final String KEY_MESSAGE = "message";
    public static final String KEY_FILENAME = "filename";
    public static final String KEY_ACTION = "action";
    public static final String ACTION_BLOCK = "block";
    public static final String ACTION_REPORT = "report";

    private AttachmentVerdictAttributes() {
    }

    /** One finding as stored on the mail; every field is non-null ({@code ""} when absent). */
    public record StoredFinding(String code, String section, String path, String message, String filename, String action) {
        public StoredFinding {
            code = Objects.requireNonNullElse(code, "");
            section = Objects.requireNonNullElse(section, "");
            path = Objects.requireNonNullElse(path, "");
            message = Objects.requireNonNullElse(message, "");
            filename = Objects.requireNonNullElse(filename, "");
            action = Objects.requireNonNullElse(action, "");
        }

        /** Whether this finding is one that made the verdict dangerous (any action but {@code report}). */
        public boolean blocks() {
            return !ACTION_REPORT.equals(action);
        }
    }

    /** Sets both attributes, replacing earlier values. */
    public static void store(Mail mail, boolean dangerous, List<StoredFinding> findings) {
        mail.setAttribute(verdictAttribute(dangerous));
        mail.setAttribute(findingsAttribute(findings));
    }

    public static Attribute verdictAttribute(boolean dangerous) {
        return new Attribute(VERDICT, AttributeValue.of(dangerous ? DANGEROUS : CLEAN));
    }

    public static Attribute findingsAttribute(List<StoredFinding> findings) {
        List<AttributeValue<?>> values = new ArrayList<>(findings.size());
        for (StoredFinding finding : findings) {
            Map<String, AttributeValue<?>> map = new LinkedHashMap<>();
            map.put(KEY_CODE, AttributeValue.of(finding.code()));
            map.put(KEY_SECTION, AttributeValue.of(finding.section()));
            map.put(KEY_PATH, AttributeValue.of(finding.path()));
            map.put(KEY_MESSAGE, AttributeValue.of(finding.message()));
            map.put(KEY_FILENAME, AttributeValue.of(finding.filename()));
            map.put(KEY_ACTION, AttributeValue.of(finding.action()));
            values.add(AttributeValue.of(map));
        }
        return new Attribute(FINDINGS, AttributeValue.of(values));
    }

    /** The stored verdict ({@code "clean"} or {@code "dangerous"}), if an inspector ran. */
    public static Optional<String> verdict(Mail mail) {
        return mail.getAttribute(VERDICT)
            .map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance)
            .map(String.class::cast);
    }

    /** True only when a verdict is stored and it says dangerous. */
    public static boolean isDangerous(Mail mail) {
        return verdict(mail).filter(DANGEROUS::equals).isPresent();
    }

    /** The stored findings that made the verdict dangerous, in stored order. */
    public static List<StoredFinding> blockingFindings(Mail mail) {
        return findings(mail).stream().filter(StoredFinding::blocks).toList();
    }

    /** The stored findings, in stored order; empty when none or when the attribute is not a list. */
    public static List<StoredFinding> findings(Mail mail) {
        Optional<Object> raw = mail.getAttribute(FINDINGS).map(attribute -> attribute.getValue().value());
        if (raw.isEmpty() || !(raw.get() instanceof Collection<?> list)) {
            return List.of();
        }
        List<StoredFinding> findings = new ArrayList<>();
        for (Object element : list) {
            Object value = element instanceof AttributeValue<?> attributeValue ? attributeValue.value() : element;
            if (value instanceof Map<?, ?> map) {
                findings.add(new StoredFinding(text(map, KEY_CODE), text(map, KEY_SECTION), text(map, KEY_PATH),
                    text(map, KEY_MESSAGE), text(map, KEY_FILENAME), text(map, KEY_ACTION)));
            }
        }
        return List.copyOf(findings);
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value instanceof AttributeValue<?> attributeValue) {
            value = attributeValue.value();
        }
        return value instanceof String string ? string : "";
    }
}
