package dev.postino.mailets;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.MessageBytes;
import dev.postino.james.MessageHeaders;
import dev.postino.quarantine.HeldAttachment;
import dev.postino.quarantine.Language;
import dev.postino.quarantine.MimeStripper;
import dev.postino.quarantine.NoticeTemplates;
import dev.postino.quarantine.NoticeTemplates.Held;
import dev.postino.quarantine.NoticeTemplates.Notice;
import dev.postino.quarantine.QuarantineId;
import dev.postino.quarantine.ReasonText;
import dev.postino.quarantine.SafeText;

/**
 * Keeps mail that {@code InspectAttachments} found dangerous in a James mail repository, either
 * whole ({@code mode=message}) or by replacing each dangerous part with a short text notice and
 * letting the cleaned message go on ({@code mode=strip}), and sends notices that cannot be used for
 * phishing.
 *
 * <pre>{@code
 * <mailet match="dev.postino.matchers.HasDangerousAttachment" class="dev.postino.mailets.QuarantineAttachments">
 *   <repository>file://var/mail/quarantine/</repository>  <!-- required: a MailRepositoryUrl -->
 *   <mode>message</mode>                       <!-- message (default) | strip -->
 *   <notifyRecipients>true</notifyRecipients>  <!-- default true: local recipients of a message held whole -->
 *   <notifyPostmaster>false</notifyPostmaster> <!-- default false -->
 *   <notifySender>false</notifySender>         <!-- default false; even when true, only SMTP-authenticated local senders -->
 *   <language>en</language>                    <!-- it | en | it,en (bilingual); default en -->
 *   <releaseProcessor></releaseProcessor>      <!-- default none: state given to the stored copy, where a WebAdmin
 *                                                   reprocess without "processor" sends it -->
 *   <timeZone></timeZone>                      <!-- default: the server clock's zone; for dates in notices -->
 *   <noticeSubject></noticeSubject>            <!-- default built-in; placeholders {id} {date} -->
 *   <noticeTemplate></noticeTemplate>          <!-- default built-in; {id} {date} {attachments} {postmaster} -->
 *   <partNoticeTemplate></partNoticeTemplate>  <!-- default built-in; also {file} {reason} -->
 * </mailet>
 * }</pre>
 *
 * <p>What it does with a mail, in this order:
 * <ol>
 *   <li>A mail carrying {@value #ORIGINAL_NAME} is a quarantined original an admin released from the
 *       repository: it goes on untouched (logged), so it is never quarantined twice.</li>
 *   <li>Verdict {@code clean}: nothing. Verdict {@code dangerous}, or no verdict at all (inspection
 *       did not run: fail closed, reason {@code NOT_INSPECTED}): held.</li>
 *   <li>A copy of the original, unchanged but for an {@code X-Postino-Quarantine-Id} header, is
 *       stored under the quarantine id as its repository key. If storing fails this mailet throws,
 *       before touching the mail, so James's {@code onMailetException} (the error processor by
 *       default) keeps the mail intact.</li>
 *   <li>Only then: notices are sent through {@link org.apache.mailet.MailetContext#sendMail} and
 *       the mail is ghosted ({@code message}) or replaced by the cleaned message ({@code strip}). In
 *       {@code strip} mode, a finding about the whole message (section {@code ""}), a section the
 *       message does not have, or a cleaned message that is still dangerous when inspected again (with
 *       the default policy; logged at WARN, counted in {@code postino.quarantine.stripReinspectionHolds})
 *       holds the whole message instead.</li>
 * </ol>
 * The mailet acts on the recipients its matcher selected: James splits the mail, so a matcher that
 * selects some recipients quarantines only their copy.
 */
public class QuarantineAttachments extends GenericMailet {

    public static final String HEADER = "X-Postino-Quarantine-Id";
    static final String ORIGINAL_NAME = "postino.quarantine.original";

    /** The quarantine id: on the stored original, on the held or cleaned mail, and quoted by notices. */
    public static final AttributeName QUARANTINE_ID = AttributeName.of("postino.quarantine.id");
    /** What was done: {@code message} (held whole), {@code strip} (parts removed) or {@code released}. */
    public static final AttributeName ACTION = AttributeName.of("postino.quarantine.action");
    /** Only on the copy kept in the repository; seeing it in the pipeline means an admin released it. */
    public static final AttributeName ORIGINAL = AttributeName.of(ORIGINAL_NAME);
    /** Sections replaced by notices in the cleaned message (strip mode), e.g. {@code "2, 3"}. */
    public static final AttributeName STRIPPED_SECTIONS = AttributeName.of("postino.quarantine.strippedSections");

    static final String NOT_INSPECTED = "NOT_INSPECTED";

    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineAttachments.class);
    private static final AttachmentInspector REINSPECTION = new AttachmentInspector(InspectionPolicy.DEFAULT);

    enum Mode { MESSAGE, STRIP }

    private final MailRepositoryStore store;
    private final MetricFactory metrics;
    private final Clock clock;
    private final RandomGenerator random;

    private MailRepositoryUrl repositoryUrl;
    private Mode mode;
    private boolean notifyRecipients;
    private boolean notifyPostmaster;
    private boolean notifySender;
    private List<Language> languages;
    private Optional<String> releaseProcessor;
    private ZoneId zone;
    private NoticeTemplates templates;

    @Inject
    public QuarantineAttachments(MailRepositoryStore store, MetricFactory metrics, Clock clock) {
        this(store, metrics, clock, new SecureRandom());
    }

    QuarantineAttachments(MailRepositoryStore store, MetricFactory metrics, Clock clock, RandomGenerator random) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
    }

    static final Set<String> PARAMETERS = Set.of("repository", "mode", "notifyRecipients", "notifyPostmaster",
        "notifySender", "language", "releaseProcessor", "timeZone", "noticeSubject", "noticeTemplate", "partNoticeTemplate");

    @Override
    public void init() throws MessagingException {
        checkInitParameters(PARAMETERS);
        String repository = getInitParameter("repository", "").trim();
        if (repository.isEmpty()) {
            throw new MessagingException("QuarantineAttachments: parameter 'repository' is required "
                + "(a mail repository URL such as file://var/mail/quarantine/)");
        }
        try {
            repositoryUrl = MailRepositoryUrl.from(repository);
        } catch (RuntimeException bad) {
            throw new MessagingException("QuarantineAttachments: parameter 'repository' is not a mail repository URL: '"
                + repository + "'", bad);
        }
        mode = switch (getInitParameter("mode", "message").trim().toLowerCase(Locale.ROOT)) {
            case "message" -> Mode.MESSAGE;
            case "strip" -> Mode.STRIP;
            default -> throw new MessagingException("QuarantineAttachments: parameter 'mode' must be message or strip, not '"
                + getInitParameter("mode") + "'");
        };
        notifyRecipients = booleanParameter("notifyRecipients", true);
        notifyPostmaster = booleanParameter("notifyPostmaster", false);
        notifySender = booleanParameter("notifySender", false);
        try {
            languages = Language.parseList(getInitParameter("language", "en"));
        } catch (IllegalArgumentException bad) {
            throw new MessagingException("QuarantineAttachments: parameter 'language': " + bad.getMessage());
        }
        releaseProcessor = Optional.ofNullable(getInitParameter("releaseProcessor")).map(String::trim).filter(s -> !s.isEmpty());
        String zoneText = getInitParameter("timeZone", "").trim();
        try {
            zone = zoneText.isEmpty() ? clock.getZone() : ZoneId.of(zoneText);
        } catch (DateTimeException bad) {
            throw new MessagingException("QuarantineAttachments: parameter 'timeZone' is not a time zone: '" + zoneText + "'");
        }
        templates = NoticeTemplates.builtIn().withOverrides(getInitParameter("noticeSubject"),
            getInitParameter("noticeTemplate"), getInitParameter("partNoticeTemplate"));
        probeRepository();
    }

    /**
     * Opens the repository once at start so a typo shows in the log at once. A failure does not stop
     * the server: every held mail then goes to the error processor (kept, never lost) until the
     * repository can be opened, exactly as when the store fails later.
     */
    private void probeRepository() {
        try {
            store.select(repositoryUrl);
        } catch (Exception unavailable) {
            LOGGER.error("QuarantineAttachments: cannot open repository {} ({}); held mail will go to the error processor "
                + "until it can be opened", repositoryUrl.asString(), unavailable.toString());
        }
    }

    private boolean booleanParameter(String name, boolean defaultValue) throws MessagingException {
        String value = getInitParameter(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new MessagingException("QuarantineAttachments: parameter '" + name
                + "' must be true or false, not '" + value + "'");
        };
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(ORIGINAL).isPresent()) {
            pass(mail);
            return;
        }
        Optional<String> verdict = AttachmentVerdictAttributes.verdict(mail);
        if (verdict.filter(AttachmentVerdictAttributes.CLEAN::equals).isPresent()) {
            return;
        }
        List<HeldAttachment> held = heldAttachments(mail, verdict.isPresent());

        byte[] original = MessageBytes.of(mail.getMessage());
        QuarantineId id = QuarantineId.generate(clock.instant(), random);
        Mode action = mode;
        Map<String, List<HeldAttachment>> sections = new LinkedHashMap<>();
        if (mode == Mode.STRIP) {
            sections = strippableSections(original, held);
            if (sections.isEmpty()) {
                action = Mode.MESSAGE;
            }
        }
        // Prepare everything that can fail before storing, and touch the live mail only after storing.
        byte[] cleaned = action == Mode.STRIP ? cleanedMessage(original, sections, id) : null;
        if (cleaned != null && !deliverable(mail, cleaned, sections.keySet())) {
            action = Mode.MESSAGE;
            cleaned = null;
            sections = new LinkedHashMap<>();
        }

        storeOriginal(mail, original, id, action);

        List<String> codes = held.stream().map(h -> ReasonText.safeCode(h.code())).distinct().toList();
        countDecision(action, codes, sections.size());
        Held notice = new Held(id, ZonedDateTime.now(clock.withZone(zone)), held, postmasterAddress());
        LOGGER.info("QuarantineAttachments: {} message {} from {} to {} as {} in {}; reasons {}",
            action == Mode.MESSAGE ? "held whole" : "stripped sections " + sections.keySet() + " of",
            SafeText.displayName(messageId(mail), 200), SafeText.displayName(mail.getMaybeSender().asString()),
            mail.getRecipients(), id, repositoryUrl.asString(), describe(held));
        sendNotices(mail, notice, action);

        mail.setAttribute(new Attribute(QUARANTINE_ID, AttributeValue.of(id.value())));
        mail.setAttribute(new Attribute(ACTION, AttributeValue.of(action.name().toLowerCase(Locale.ROOT))));
        if (action == Mode.MESSAGE) {
            mail.setState(Mail.GHOST);
        } else {
            mail.setMessage(new RawBodyMimeMessage(cleaned));
            mail.setAttribute(new Attribute(STRIPPED_SECTIONS, AttributeValue.of(String.join(", ", sections.keySet()))));
            // What goes on carries no dangerous part any more: a later HasDangerousAttachment must not hold it again.
            mail.setAttribute(AttachmentVerdictAttributes.verdictAttribute(false));
        }
    }

    private void pass(Mail mail) {
        String id = mail.getAttribute(QUARANTINE_ID).map(a -> String.valueOf(a.getValue().value())).orElse("?");
        metrics.generate(MetricNames.QUARANTINE_RELEASED).increment();
        mail.setAttribute(new Attribute(ACTION, AttributeValue.of("released")));
        LOGGER.info("QuarantineAttachments: message {} released from quarantine as {} goes on without being held again",
            SafeText.displayName(messageId(mail), 200), SafeText.displayName(id));
    }

    private static List<HeldAttachment> heldAttachments(Mail mail, boolean inspected) {
        List<HeldAttachment> held = AttachmentVerdictAttributes.blockingFindings(mail).stream()
            .map(f -> new HeldAttachment(f.code(), f.section(), f.path(), f.message(), f.filename()))
            .toList();
        if (!inspected) {
            return List.of(new HeldAttachment(NOT_INSPECTED, "", "", "No attachment verdict on the mail", ""));
        }
        if (held.isEmpty()) {
            return List.of(new HeldAttachment("DANGEROUS", "", "", "", ""));
        }
        return held;
    }

    /** Findings grouped by section, or empty when the message must be held whole instead. */
    private static Map<String, List<HeldAttachment>> strippableSections(byte[] message, List<HeldAttachment> held) {
        if (held.stream().anyMatch(HeldAttachment::wholeMessage)) {
            return Map.of();
        }
        Map<String, List<HeldAttachment>> bySection = held.stream()
            .collect(Collectors.groupingBy(HeldAttachment::section, LinkedHashMap::new, Collectors.toList()));
        if (!MimeStripper.plan(message, List.copyOf(bySection.keySet())).complete()) {
            return Map.of();
        }
        return bySection;
    }

    private byte[] cleanedMessage(byte[] original, Map<String, List<HeldAttachment>> sections, QuarantineId id) {
        Map<String, String> notices = new LinkedHashMap<>();
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        sections.forEach((section, findings) ->
            notices.put(section, templates.partNotice(new Held(id, now, findings, postmasterAddress()), languages)));
        return MimeStripper.withTopHeader(MimeStripper.strip(original, notices), HEADER, id.value());
    }

    /**
     * Strip mode's last check: the cleaned message is inspected again, with the default policy, before it goes
     * on. Anything dangerous left (a part the replacement missed, content a reader finds where the inspector
     * did not) holds the whole message instead: counted, and logged at WARN for the admin to look at. What the
     * inspection only reported (encrypted content from an allow-listed sender, a category set to report) is
     * found again where it was, and stays.
     */
    private boolean deliverable(Mail mail, byte[] cleaned, java.util.Set<String> stripped) {
        java.util.Set<String> reportedOnly = AttachmentVerdictAttributes.findings(mail).stream()
            .filter(finding -> !finding.blocks())
            .map(finding -> finding.code() + " " + finding.section() + " " + finding.path()).collect(Collectors.toSet());
        List<dev.postino.attachments.Finding> left = REINSPECTION.inspect(cleaned).findings().stream()
            .filter(finding -> finding.action() == dev.postino.attachments.Action.BLOCK)
            .filter(finding -> !reportedOnly.contains(finding.code() + " " + finding.section() + " " + finding.pathText()))
            .toList();
        if (left.isEmpty()) {
            return true;
        }
        metrics.generate(MetricNames.QUARANTINE_STRIP_REINSPECTION_HOLDS).increment();
        LOGGER.warn("QuarantineAttachments: message {} still carries dangerous content once sections {} are replaced ({}); "
            + "held whole instead", SafeText.displayName(messageId(mail), 200), stripped, left.stream()
                .map(finding -> finding.code() + (finding.section().isEmpty() ? "" : " in part " + finding.section()))
                .distinct().collect(Collectors.joining("; ")));
        return false;
    }

    private void storeOriginal(Mail mail, byte[] original, QuarantineId id, Mode action) throws MessagingException {
        Mail copy = mail.duplicate();
        try {
            copy.setName(id.value());
            copy.setMessage(new RawBodyMimeMessage(MimeStripper.withTopHeader(original, HEADER, id.value())));
            copy.setAttribute(new Attribute(QUARANTINE_ID, AttributeValue.of(id.value())));
            copy.setAttribute(new Attribute(ACTION, AttributeValue.of(action.name().toLowerCase(Locale.ROOT))));
            copy.setAttribute(new Attribute(ORIGINAL, AttributeValue.of(true)));
            releaseProcessor.ifPresent(copy::setState);
            repository().store(copy);
        } catch (MessagingException | RuntimeException failure) {
            metrics.generate(MetricNames.QUARANTINE_STORE_FAILURES).increment();
            LOGGER.error("QuarantineAttachments: could not store message {} in {}; it goes to the error processor intact",
                SafeText.displayName(messageId(mail), 200), repositoryUrl.asString(), failure);
            throw failure instanceof MessagingException messaging ? messaging
                : new MessagingException("Could not store the quarantined message in " + repositoryUrl.asString(),
                    failure);
        } finally {
            LifecycleUtil.dispose(copy);
        }
    }

    private MailRepository repository() throws MessagingException {
        try {
            return store.select(repositoryUrl);
        } catch (MailRepositoryStore.MailRepositoryStoreException | RuntimeException unavailable) {
            throw new MessagingException("Cannot open quarantine repository " + repositoryUrl.asString(), unavailable);
        }
    }

    private void countDecision(Mode action, List<String> codes, int strippedParts) {
        if (action == Mode.MESSAGE) {
            metrics.generate(MetricNames.QUARANTINE_MESSAGES).increment();
        } else {
            metrics.generate(MetricNames.QUARANTINE_STRIPPED_MESSAGES).increment();
            metrics.generate(MetricNames.QUARANTINE_STRIPPED_PARTS).add(strippedParts);
        }
        codes.forEach(code -> metrics.generate(MetricNames.QUARANTINE_REASON_PREFIX + code).increment());
    }

    private void sendNotices(Mail mail, Held held, Mode action) {
        MailAddress postmaster = getMailetContext().getPostmaster();
        if (notifyRecipients && action == Mode.MESSAGE) {
            Notice notice = templates.recipientNotice(held, languages);
            for (MailAddress recipient : mail.getRecipients()) {
                if (getMailetContext().isLocalEmail(recipient)) {
                    send(postmaster, recipient, notice, held);
                }
            }
        }
        if (notifySender) {
            Optional<MailAddress> sender = notifiableSender(mail);
            if (sender.isPresent()) {
                send(postmaster, sender.get(), templates.senderNotice(held, languages), held);
            } else {
                LOGGER.info("QuarantineAttachments: sender of {} not notified: only SMTP-authenticated local senders are",
                    held.id());
            }
        }
        if (notifyPostmaster && postmaster != null) {
            List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).toList();
            Notice notice = templates.postmasterNotice(held,
                action == Mode.MESSAGE ? "message quarantined" : "attachments stripped",
                repositoryUrl.asString(), mail.getMaybeSender().asString(""), recipients);
            send(postmaster, postmaster, notice, held);
        }
    }

    /**
     * The envelope sender, only when the mail was submitted with SMTP AUTH as that same local user:
     * any other sender address may be forged, and a notice to it would be backscatter.
     */
    private Optional<MailAddress> notifiableSender(Mail mail) {
        if (!mail.hasSender()) {
            return Optional.empty();
        }
        MailAddress sender = mail.getMaybeSender().get();
        Optional<String> authUser = mail.getAttribute(Mail.SMTP_AUTH_USER)
            .map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance)
            .map(String.class::cast);
        boolean sameUser = authUser.filter(user -> user.equalsIgnoreCase(sender.asString())
            || user.equalsIgnoreCase(sender.getLocalPart())).isPresent();
        return sameUser && getMailetContext().isLocalEmail(sender) ? Optional.of(sender) : Optional.empty();
    }

    private void send(MailAddress from, MailAddress to, Notice notice, Held held) {
        try {
            MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
            if (from != null) {
                message.setFrom(new InternetAddress(from.asString()));
            }
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.asString()));
            message.setSubject(notice.subject(), "UTF-8");
            message.setText(notice.body(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            // RFC 3834: no auto-replies to a notice.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader(HEADER, held.id().value());
            message.saveChanges();
            getMailetContext().sendMail(from, List.of(to), message);
            metrics.generate(MetricNames.QUARANTINE_NOTICES).increment();
        } catch (MessagingException | RuntimeException failure) {
            // The original is already safe in the repository: a lost notice must not send it to error too.
            LOGGER.warn("QuarantineAttachments: could not send the notice for {} to {}", held.id(), to, failure);
        }
    }

    private String postmasterAddress() {
        MailAddress postmaster = getMailetContext().getPostmaster();
        return postmaster == null ? "postmaster" : postmaster.asString();
    }

    private static String describe(List<HeldAttachment> held) {
        List<String> parts = new ArrayList<>();
        for (HeldAttachment h : held) {
            String where = h.section().isEmpty() ? "message" : "part " + h.section();
            parts.add(ReasonText.safeCode(h.code()) + " @ " + where
                + (h.shownName().isEmpty() ? "" : " (" + SafeText.displayName(h.shownName()) + ")"));
        }
        return String.join("; ", parts);
    }

    private static String messageId(Mail mail) {
        return MessageHeaders.messageId(mail, mail.getName());
    }

    @Override
    public String getMailetInfo() {
        return "Postino QuarantineAttachments: hold dangerous attachments in a mail repository";
    }
}
