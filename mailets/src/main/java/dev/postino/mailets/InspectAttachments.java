package dev.postino.mailets;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
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

import dev.postino.PostinoVersion;
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
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.MailInspection;
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
 *   <!-- true: write the verdict, reason codes and sections (no file names) to X-Postino-Attachments -->
 *   <traceHeader>false</traceHeader>
 * </mailet>
 * }</pre>
 *
 * <p>Values are read as in every Postino mailet ({@link ParameterValues}): booleans are {@code true},
 * {@code false}, {@code yes} or {@code no}; sizes are bytes with an optional {@code K}, {@code M} or
 * {@code G} ({@code 100M}); durations need their unit ({@code 500ms}, {@code 10s}, {@code 2m},
 * {@code 1h}). Deprecated, accepted for this release only with a WARN at start: a {@code maxTime}
 * without a unit (read as milliseconds, as before), and a header name as {@code traceHeader} (that
 * header is written, as before; write {@code true} instead, which writes {@value #TRACE_FIELD}).
 */
public class InspectAttachments extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(InspectAttachments.class);
    /** A header field name: printable US-ASCII except colon (RFC 5322 §3.6.8). */
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");

    /** The {@code encryptedAllowedSenders} entry that let encrypted content through; absent otherwise. */
    public static final AttributeName ENCRYPTED_ALLOWED_BY = AttributeName.of("postino.attachments.encryptedAllowedBy");
    /** Where James's {@code SPF} mailet stores its result ({@code pass}, {@code fail}, …). */
    static final AttributeName SPF_RESULT = AttributeName.of("org.apache.james.transport.mailets.spf.result");

    /** The header field {@code traceHeader=true} writes. */
    public static final String TRACE_FIELD = "X-Postino-Attachments";

    public static final String ADD_BLOCKED_EXTENSIONS = "addBlockedExtensions";
    public static final String REMOVE_BLOCKED_EXTENSIONS = "removeBlockedExtensions";
    public static final String ENCRYPTED = "encrypted";
    public static final String ENCRYPTED_ALLOWED_SENDERS = "encryptedAllowedSenders";
    public static final String ENCRYPTED_ALLOWED_SENDERS_REQUIRE = "encryptedAllowedSendersRequire";
    public static final String UNINSPECTABLE = "uninspectable";
    public static final String MACROS = "macros";
    public static final String DISK_IMAGES = "diskImages";
    public static final String ONE_NOTE = "oneNote";
    public static final String ZIP_STRUCTURE = "zipStructure";
    public static final String MIME_STRUCTURE = "mimeStructure";
    public static final String HTML_SMUGGLING = "htmlSmuggling";
    public static final String MAX_DEPTH = "maxDepth";
    public static final String MAX_ENTRIES = "maxEntries";
    public static final String MAX_EXPANDED_BYTES = "maxExpandedBytes";
    public static final String MAX_RATIO = "maxRatio";
    public static final String MAX_TIME = "maxTime";
    public static final String MEMORY_THRESHOLD = "memoryThreshold";
    public static final String TRACE_HEADER = "traceHeader";

    static final Set<String> PARAMETERS = Set.of(ADD_BLOCKED_EXTENSIONS, REMOVE_BLOCKED_EXTENSIONS, ENCRYPTED,
        ENCRYPTED_ALLOWED_SENDERS, ENCRYPTED_ALLOWED_SENDERS_REQUIRE, UNINSPECTABLE, MACROS, DISK_IMAGES, ONE_NOTE,
        ZIP_STRUCTURE, HTML_SMUGGLING, MIME_STRUCTURE, MAX_DEPTH, MAX_ENTRIES, MAX_EXPANDED_BYTES, MAX_RATIO,
        MAX_TIME, MEMORY_THRESHOLD, TRACE_HEADER);

    private final MetricFactory metrics;
    private AttachmentInspector inspector;
    private SenderAllowlist encryptedAllowlist = SenderAllowlist.EMPTY;
    /** The inspector for mail from an allowed sender: encrypted content reported instead of blocked. */
    private AttachmentInspector allowedSenderInspector;
    /** The header field the verdict is written to; empty for none. */
    private String traceField;

    @Inject
    public InspectAttachments(MetricFactory metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(PARAMETERS);
        InspectionPolicy policy;
        try {
            policy = configuredPolicy();
            traceField = traceField(getInitParameter(TRACE_HEADER, ""));
        } catch (IllegalArgumentException bad) {
            throw new MessagingException("InspectAttachments: " + bad.getMessage());
        }
        inspector = new AttachmentInspector(policy);
        initEncryptedAllowlist(policy);
        LOGGER.info("InspectAttachments {} started: limits {}, trace header {}", PostinoVersion.current(),
            policy.limits(), traceField.isEmpty() ? "none" : traceField);
    }

    private InspectionPolicy configuredPolicy() {
        Set<String> extensions = new TreeSet<>(BlockedExtensions.DEFAULTS);
        extensions.addAll(BlockedExtensions.normalise(ParameterValues.list(getInitParameter(ADD_BLOCKED_EXTENSIONS, ""))));
        extensions.removeAll(BlockedExtensions.normalise(ParameterValues.list(getInitParameter(REMOVE_BLOCKED_EXTENSIONS, ""))));
        InspectionLimits limits = InspectionLimits.DEFAULTS
            .withMaxDepth((int) positive(MAX_DEPTH, "4"))
            .withMaxEntries(positive(MAX_ENTRIES, "10000"))
            .withMaxExpandedBytes(ParameterValues.size(MAX_EXPANDED_BYTES, getInitParameter(MAX_EXPANDED_BYTES, "100M")))
            .withMaxRatio((int) positive(MAX_RATIO, "100"))
            .withMaxTime(maxTime(getInitParameter(MAX_TIME, "10s")))
            .withMemoryThreshold((int) Math.min(Integer.MAX_VALUE - 16,
                ParameterValues.size(MEMORY_THRESHOLD, getInitParameter(MEMORY_THRESHOLD, "1M"))));
        return InspectionPolicy.DEFAULT.withBlockedExtensions(extensions).withLimits(limits)
            .withAction(Category.ENCRYPTED, action(ENCRYPTED))
            .withAction(Category.UNINSPECTABLE, action(UNINSPECTABLE))
            .withAction(Category.MACROS, action(MACROS))
            .withAction(Category.DISK_IMAGE, action(DISK_IMAGES))
            .withAction(Category.ONENOTE, action(ONE_NOTE))
            .withAction(Category.ZIP_STRUCTURE, action(ZIP_STRUCTURE))
            .withAction(Category.MIME_STRUCTURE, action(MIME_STRUCTURE))
            .withAction(Category.SMUGGLING, action(HTML_SMUGGLING));
    }

    private long positive(String name, String fallback) {
        return ParameterValues.positive(name, getInitParameter(name, fallback), Integer.MAX_VALUE);
    }

    /**
     * {@code maxTime} with its unit. A bare number was read as milliseconds before units became
     * required everywhere; it still is for this release, with a WARN that says what to write.
     */
    private static Duration maxTime(String value) {
        String number = value.strip();
        if (!number.isEmpty() && number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            LOGGER.warn("InspectAttachments: maxTime '{}' has no unit; read as {}ms for this release only, a later "
                + "release refuses it: write <maxTime>{}ms</maxTime>", number, number, number);
            return ParameterValues.duration(MAX_TIME, number + "ms");
        }
        return ParameterValues.duration(MAX_TIME, value);
    }

    /**
     * {@code traceHeader} is a boolean, as in every Postino mailet: {@code true} writes
     * {@value #TRACE_FIELD}. A header name was the value before; it still names the header for
     * this release, with a WARN that says what to write instead.
     */
    private static String traceField(String value) {
        try {
            return ParameterValues.bool(TRACE_HEADER, value, false) ? TRACE_FIELD : "";
        } catch (IllegalArgumentException notABoolean) {
            String name = value.strip();
            if (!HEADER_NAME.matcher(name).matches()) {
                throw notABoolean;
            }
            LOGGER.warn("InspectAttachments: traceHeader is now true or false; the header name '{}' is used as before "
                + "for this release only, a later release refuses it: write <traceHeader>true</traceHeader>{}", name,
                name.equalsIgnoreCase(TRACE_FIELD) ? "" : " (the header is then " + TRACE_FIELD + ")");
            return name;
        }
    }

    private void initEncryptedAllowlist(InspectionPolicy policy) throws MessagingException {
        String require = getInitParameter(ENCRYPTED_ALLOWED_SENDERS_REQUIRE, "auth");
        Set<Proof> proofs;
        try {
            proofs = SenderAllowlist.parseProofs(require);
        } catch (IllegalArgumentException bad) {
            throw new MessagingException("InspectAttachments parameter encryptedAllowedSendersRequire: " + bad.getMessage());
        }
        try {
            encryptedAllowlist = SenderAllowlist.of(ParameterValues.list(getInitParameter(ENCRYPTED_ALLOWED_SENDERS, "")), proofs);
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
            report = MailInspection.inspect(allowedBy.isPresent() ? allowedSenderInspector : inspector, mail);
        } finally {
            timer.stopAndPublish();
        }
        recordAllowlist(mail, sender, allowedBy, report);
        AttachmentVerdictAttributes.store(mail, report.dangerous(), MailInspection.stored(report));
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
        if (!traceField.isEmpty()) {
            MimeMessage message = mail.getMessage();
            message.setHeader(traceField, report.verdict().word()
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

    private Action action(String name) {
        String value = getInitParameter(name, "block");
        try {
            return Action.parse(value);
        } catch (IllegalArgumentException bad) {
            throw ParameterValues.invalid(name, value, "expected block, report or ignore");
        }
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
