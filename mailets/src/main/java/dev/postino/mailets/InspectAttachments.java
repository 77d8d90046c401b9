package dev.postino.mailets;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.attachments.Action;
import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.Finding;
import dev.postino.attachments.InspectionLimits;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;
import dev.postino.attachments.ReasonCode;
import dev.postino.attachments.ReasonCode.Category;
import dev.postino.attachments.SenderAllowlist;
import dev.postino.attachments.SenderAllowlist.Proof;
import dev.postino.attachments.SenderAllowlist.Sender;
import dev.postino.attachments.names.BlockedExtensions;
import dev.postino.attachments.names.FileNames;
import dev.postino.james.AttachmentInspection;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.parameters.ParameterValues;

/**
 * Inspects every attachment of a mail (names, real types, archives, encryption, macros, disk images, HTML
 * smuggling) and stores the verdict and findings as mail attributes: {@code postino.attachments.verdict} ("clean" or
 * "dangerous") and {@code postino.attachments.findings} (see {@link AttachmentVerdictAttributes}).
 * It never changes the message body; act on the verdict with {@code HasDangerousAttachment}.
 *
 * <p>{@code encryptedAllowedSenders} lists envelope senders ({@code paghe@studio-rossi.example}) or whole
 * domains ({@code @studio-rossi.example}, subdomains not included) whose encrypted attachments are
 * accepted: for their mail, {@code ENCRYPTED_CONTENT} findings are recorded but do not make the verdict
 * dangerous; every other finding still does, and with {@code encrypted} set to report or ignore the list
 * changes nothing. The envelope sender is trivially forged, so a listed sender matches only with the proof
 * named by {@code encryptedAllowedSendersRequire}: {@code auth} (default: submitted with SMTP AUTH as that
 * sender, i.e. the company's own users), {@code spf} (the result {@code pass} stored in
 * {@code org.apache.james.transport.mailets.spf.result} by James's {@code SPF} mailet, which must run
 * before this one: the way to list an outside partner), {@code auth, spf} (either), or {@code none} (the
 * bare sender: only if the SMTP layer already rejects forged senders). The null sender never matches.
 * When the list accepts an encrypted finding, the mailet logs it at INFO and stores the matching entry in
 * {@code postino.attachments.encryptedAllowedBy}. Matching rules: {@link SenderAllowlist}.
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.InspectAttachments">
 *   <!-- extensions added to / removed from the default list (Gmail ∪ Exchange Online) -->
 *   <addBlockedExtensions></addBlockedExtensions>
 *   <removeBlockedExtensions></removeBlockedExtensions>
 *   <!-- block | report | ignore -->
 *   <encrypted>block</encrypted>
 *   <!-- addresses or @domains whose encrypted attachments are only reported; empty = none -->
 *   <encryptedAllowedSenders></encryptedAllowedSenders>
 *   <!-- proof a listed sender must show: auth | spf | auth, spf | none -->
 *   <encryptedAllowedSendersRequire>auth</encryptedAllowedSendersRequire>
 *   <uninspectable>block</uninspectable>
 *   <macros>block</macros>
 *   <diskImages>block</diskImages>
 *   <oneNote>block</oneNote>
 *   <zipStructure>block</zipStructure>
 *   <!-- a message mail programs would split or decode differently (MIME_AMBIGUOUS) -->
 *   <mimeStructure>block</mimeStructure>
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

    /** The {@code encryptedAllowedSenders} entry that let encrypted content through; absent otherwise. */
    public static final AttributeName ENCRYPTED_ALLOWED_BY = AttributeName.of("postino.attachments.encryptedAllowedBy");
    /** Where James's {@code SPF} mailet stores its result ({@code pass}, {@code fail}, …). */
    static final AttributeName SPF_RESULT = AttributeName.of("org.apache.james.transport.mailets.spf.result");

    private final MetricFactory metrics;
    private AttachmentInspector inspector;
    private SenderAllowlist encryptedAllowlist = SenderAllowlist.EMPTY;
    /** The inspector for mail from an allowed sender: encrypted content reported instead of blocked. */
    private AttachmentInspector allowedSenderInspector;
    private String traceHeader;

    @Inject
    public InspectAttachments(MetricFactory metrics) {
        this.metrics = metrics;
    }

    static final Set<String> PARAMETERS = Set.of("addBlockedExtensions", "removeBlockedExtensions", "encrypted",
        "encryptedAllowedSenders", "encryptedAllowedSendersRequire", "uninspectable", "macros", "diskImages", "oneNote",
        "zipStructure", "htmlSmuggling", "mimeStructure", "maxDepth", "maxEntries", "maxExpandedBytes", "maxRatio",
        "maxTime", "memoryThreshold", "traceHeader");

    @Override
    public void init() throws MessagingException {
        checkInitParameters(PARAMETERS);
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
            .withAction(Category.MIME_STRUCTURE, action("mimeStructure"))
            .withAction(Category.SMUGGLING, action("htmlSmuggling"));
        inspector = new AttachmentInspector(policy);
        initEncryptedAllowlist(policy);
        traceHeader = getInitParameter("traceHeader", "").trim();
        if (!traceHeader.isEmpty() && !traceHeader.matches("[!-9;-~]+")) {
            throw new MessagingException("InspectAttachments parameter traceHeader: '" + traceHeader + "' is not a header name");
        }
    }

    private void initEncryptedAllowlist(InspectionPolicy policy) throws MessagingException {
        String require = getInitParameter("encryptedAllowedSendersRequire", "auth");
        Set<Proof> proofs;
        try {
            proofs = SenderAllowlist.parseProofs(require);
        } catch (IllegalArgumentException bad) {
            throw new MessagingException("InspectAttachments parameter encryptedAllowedSendersRequire: " + bad.getMessage());
        }
        try {
            encryptedAllowlist = SenderAllowlist.of(ParameterValues.list(getInitParameter("encryptedAllowedSenders", "")), proofs);
        } catch (IllegalArgumentException bad) {
            throw new MessagingException("InspectAttachments parameter encryptedAllowedSenders: " + bad.getMessage());
        }
        allowedSenderInspector = new AttachmentInspector(SenderAllowlist.acceptingEncrypted(policy));
        if (encryptedAllowlist.isEmpty()) {
            return;
        }
        if (policy.action(Category.ENCRYPTED) != Action.BLOCK) {
            LOGGER.warn("InspectAttachments: encryptedAllowedSenders has no effect: encrypted is already {}",
                policy.action(Category.ENCRYPTED).name().toLowerCase(Locale.ROOT));
        } else {
            LOGGER.info("InspectAttachments: encrypted content is only reported for {}", encryptedAllowlist);
        }
        if (proofs.isEmpty()) {
            LOGGER.warn("InspectAttachments: encryptedAllowedSendersRequire is none: anyone who forges a listed "
                + "envelope sender gets encrypted content past the inspection");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Sender sender = sender(mail);
        Optional<String> allowedBy = encryptedAllowlist.match(sender);
        TimeMetric timer = metrics.timer(MetricNames.ATTACHMENTS_INSPECTION_TIME);
        InspectionReport report;
        try {
            report = AttachmentInspection.inspect(allowedBy.isPresent() ? allowedSenderInspector : inspector, mail);
        } finally {
            timer.stopAndPublish();
        }
        recordAllowlist(mail, sender, allowedBy, report);
        AttachmentVerdictAttributes.store(mail, report.dangerous(), AttachmentInspection.stored(report));
        count(report);
        if (report.findings().stream().anyMatch(finding -> finding.code() == ReasonCode.INSPECTION_ERROR)) {
            // The mail is still judged dangerous (fail closed), but a failing inspector is a defect to report.
            LOGGER.warn("Mail {}: the inspector failed on part of the message, judged {}: {}",
                mail.getName(), report.verdict().word(), summary(report));
        }
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

    private void count(InspectionReport report) {
        metrics.generate(MetricNames.ATTACHMENTS_INSPECTED).increment();
        metrics.generate(report.dangerous() ? MetricNames.ATTACHMENTS_DANGEROUS : MetricNames.ATTACHMENTS_CLEAN).increment();
        report.findings().stream().map(Finding::code).distinct()
            .forEach(code -> metrics.generate(MetricNames.ATTACHMENTS_REASON_PREFIX + code.name()).increment());
    }

    /**
     * Logs and marks the mail when the allowlist let encrypted content through that the policy would have
     * blocked, so an admin can audit every use of it; logs too when a listed sender lacked the proof (a
     * forgery, or the SPF mailet missing before this one).
     */
    private void recordAllowlist(Mail mail, Sender sender, Optional<String> allowedBy, InspectionReport report) {
        mail.removeAttribute(ENCRYPTED_ALLOWED_BY);
        List<Finding> encrypted = report.findings().stream()
            .filter(finding -> finding.code().category() == Category.ENCRYPTED).toList();
        if (encrypted.isEmpty() || encryptedAllowlist.isEmpty() || inspector.policy().action(Category.ENCRYPTED) != Action.BLOCK) {
            return;
        }
        if (allowedBy.isPresent()) {
            metrics.generate(MetricNames.ATTACHMENTS_ENCRYPTED_ALLOWED).increment();
            mail.setAttribute(new Attribute(ENCRYPTED_ALLOWED_BY, AttributeValue.of(allowedBy.get())));
            LOGGER.info("Mail {}: encrypted content from {} accepted by encryptedAllowedSenders entry {} (proof {}): {}; verdict {}",
                mail.getName(), FileNames.sanitise(sender.address()), allowedBy.get(),
                sender.proofsShown().isEmpty() ? "none" : sender.proofsShown(), summary(encrypted), report.verdict().word());
        } else {
            // WARN: a forged sender, or the SPF mailet missing before this one; either wants a look.
            encryptedAllowlist.listed(sender.address()).ifPresent(entry -> LOGGER.warn(
                "Mail {}: encrypted content from {} blocked: listed by encryptedAllowedSenders entry {} but without the "
                    + "required proof ({})", mail.getName(), FileNames.sanitise(sender.address()), entry,
                encryptedAllowlist.proofs()));
        }
    }

    /** The envelope sender with what vouches for it: the SMTP AUTH user and an earlier SPF result. */
    private static Sender sender(Mail mail) {
        return new Sender(mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null),
            stringAttribute(mail, Mail.SMTP_AUTH_USER), stringAttribute(mail, SPF_RESULT));
    }

    private static String stringAttribute(Mail mail, AttributeName name) {
        return mail.getAttribute(name).map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance).map(String.class::cast).orElse(null);
    }

    /** Reason codes and sections only: file names never reach a header or a log line unsanitised. */
    private static String summary(InspectionReport report) {
        return summary(report.findings());
    }

    private static String summary(List<Finding> findings) {
        return findings.stream()
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
        return Set.copyOf(ParameterValues.list(value));
    }

    /** For tests and the matcher: the policy this mailet was configured with. */
    InspectionPolicy policy() {
        return inspector.policy();
    }

    /** For tests: the parsed {@code encryptedAllowedSenders}. */
    SenderAllowlist encryptedAllowlist() {
        return encryptedAllowlist;
    }
}
