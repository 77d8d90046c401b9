package dev.postino.mailets;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.PostinoVersion;
import dev.postino.attachments.Finding;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;
import dev.postino.james.MessageBytes;
import dev.postino.james.MessageHeaders;
import dev.postino.quarantine.HeldAttachment;
import dev.postino.quarantine.MimeStripper;
import dev.postino.quarantine.NoticeTemplates.Held;
import dev.postino.quarantine.QuarantineId;
import dev.postino.quarantine.QuarantinePlan;
import dev.postino.quarantine.QuarantinePlan.Mode;
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
 *
 * <p>The parameters are read by {@link QuarantineAttachmentsConfiguration}, what is held or stripped is
 * decided by core's {@link QuarantinePlan}, and notices are sent by {@link QuarantineNotifier}; this class
 * only adapts them to James and keeps the order above.
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

    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineAttachments.class);

    private final MailRepositoryStore store;
    private final MetricFactory metrics;
    private final Clock clock;
    private final RandomGenerator random;

    private QuarantineAttachmentsConfiguration configuration;
    private QuarantineNotifier notifier;

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

    @Override
    public void init() throws MessagingException {
        checkInitParameters(QuarantineAttachmentsConfiguration.PARAMETERS);
        try {
            configuration = new QuarantineAttachmentsConfiguration(getMailetConfig(), clock);
        } catch (IllegalArgumentException bad) {
            throw new MessagingException("QuarantineAttachments: " + bad.getMessage(), bad);
        }
        notifier = new QuarantineNotifier(getMailetContext(), clock, metrics, LOGGER, configuration);
        LOGGER.info("QuarantineAttachments {} started: repository {}, mode {}, notices to {} in {}",
            PostinoVersion.current(), configuration.repository().asString(), configuration.mode().label(),
            notified(), configuration.languages());
        probeRepository();
    }

    private String notified() {
        List<String> who = new ArrayList<>();
        if (configuration.notifyRecipients()) {
            who.add("recipients");
        }
        if (configuration.notifySender()) {
            who.add("authenticated senders");
        }
        if (configuration.notifyPostmaster()) {
            who.add("the postmaster");
        }
        return who.isEmpty() ? "nobody" : String.join(", ", who);
    }

    /**
     * Opens the repository once at start so a typo shows in the log at once. A failure does not stop
     * the server: every held mail then goes to the error processor (kept, never lost) until the
     * repository can be opened, exactly as when the store fails later.
     */
    private void probeRepository() {
        try {
            store.select(configuration.repository());
        } catch (Exception unavailable) {
            LOGGER.error("QuarantineAttachments: cannot open repository {} ({}); held mail will go to the error processor "
                + "until it can be opened", configuration.repository().asString(), unavailable.toString());
        }
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
        List<HeldAttachment> held = QuarantinePlan.reasons(verdict.isPresent(),
            heldAttachments(AttachmentVerdictAttributes.blockingFindings(mail)));

        byte[] original = MessageBytes.of(mail.getMessage());
        QuarantineId id = QuarantineId.generate(clock.instant(), random);
        QuarantinePlan plan = QuarantinePlan.plan(configuration.mode(), original, held);
        // Prepare everything that can fail before storing, and touch the live mail only after storing.
        byte[] cleaned = plan.action() == Mode.STRIP ? cleanedMessage(original, plan.sections(), id) : null;
        if (cleaned != null && !deliverable(mail, cleaned, plan.sections().keySet())) {
            plan = QuarantinePlan.wholeMessage();
            cleaned = null;
        }
        Mode action = plan.action();

        storeOriginal(mail, original, id, action);

        List<String> codes = held.stream().map(h -> ReasonText.safeCode(h.code())).distinct().toList();
        countDecision(action, codes, plan.sections().size());
        Held notice = new Held(id, ZonedDateTime.now(clock.withZone(configuration.zone())), held, notifier.postmasterAddress());
        LOGGER.info("QuarantineAttachments: {} message {} from {} to {} as {} in {}; reasons {}",
            action == Mode.MESSAGE ? "held whole" : "stripped sections " + plan.sections().keySet() + " of",
            SafeText.displayName(messageId(mail), 200), SafeText.displayName(mail.getMaybeSender().asString()),
            mail.getRecipients(), id, configuration.repository().asString(), describe(held));
        notifier.notify(mail, notice, action);

        mail.setAttribute(new Attribute(QUARANTINE_ID, AttributeValue.of(id.value())));
        mail.setAttribute(new Attribute(ACTION, AttributeValue.of(action.label())));
        if (action == Mode.MESSAGE) {
            mail.setState(Mail.GHOST);
        } else {
            mail.setMessage(new RawBodyMimeMessage(cleaned));
            mail.setAttribute(new Attribute(STRIPPED_SECTIONS, AttributeValue.of(String.join(", ", plan.sections().keySet()))));
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

    private static List<HeldAttachment> heldAttachments(List<StoredFinding> findings) {
        return findings.stream().map(f -> new HeldAttachment(f.code(), f.section(), f.path(), f.message(), f.filename())).toList();
    }

    private byte[] cleanedMessage(byte[] original, Map<String, List<HeldAttachment>> sections, QuarantineId id) {
        Map<String, String> notices = new LinkedHashMap<>();
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(configuration.zone()));
        sections.forEach((section, findings) -> notices.put(section, configuration.templates().partNotice(
            new Held(id, now, findings, notifier.postmasterAddress()), configuration.languages())));
        return MimeStripper.withTopHeader(MimeStripper.strip(original, notices), HEADER, id.value());
    }

    /**
     * Strip mode's last check ({@link QuarantinePlan#stillDangerous}): anything dangerous left in the
     * cleaned message holds the whole message instead, counted and logged at WARN for the admin to look at.
     */
    private boolean deliverable(Mail mail, byte[] cleaned, Set<String> stripped) {
        List<HeldAttachment> reportedOnly = heldAttachments(AttachmentVerdictAttributes.findings(mail).stream()
            .filter(finding -> !finding.blocks()).toList());
        List<Finding> left = QuarantinePlan.stillDangerous(cleaned, reportedOnly);
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
            copy.setAttribute(new Attribute(ACTION, AttributeValue.of(action.label())));
            copy.setAttribute(new Attribute(ORIGINAL, AttributeValue.of(true)));
            configuration.releaseProcessor().ifPresent(copy::setState);
            repository().store(copy);
        } catch (MessagingException | RuntimeException failure) {
            metrics.generate(MetricNames.QUARANTINE_STORE_FAILURES).increment();
            LOGGER.error("QuarantineAttachments: could not store message {} in {}; it goes to the error processor intact",
                SafeText.displayName(messageId(mail), 200), configuration.repository().asString(), failure);
            throw failure instanceof MessagingException messaging ? messaging
                : new MessagingException("Could not store the quarantined message in " + configuration.repository().asString(),
                    failure);
        } finally {
            LifecycleUtil.dispose(copy);
        }
    }

    private MailRepository repository() throws MessagingException {
        try {
            return store.select(configuration.repository());
        } catch (MailRepositoryStore.MailRepositoryStoreException | RuntimeException unavailable) {
            throw new MessagingException("Cannot open quarantine repository " + configuration.repository().asString(), unavailable);
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
