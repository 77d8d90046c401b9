package dev.postino.mailets;

/**
 * Every metric Postino publishes through James's {@code MetricFactory}, in one place (the README's
 * "Metrics" table lists the same names). James's Dropwizard registry exports them over JMX and,
 * where WebAdmin's {@code /metrics} route is enabled, to Prometheus, where dots become
 * underscores. Counters are Dropwizard meters (a count and rates); the inspection time is a timer.
 */
public final class MetricNames {
    /** {@code DropReceipt}: read receipts discarded. */
    public static final String RECEIPTS_DROPPED = "postino.receipts.dropped";
    /** {@code StripReceiptRequests}: mails that lost at least one receipt request. */
    public static final String RECEIPTS_STRIPPED = "postino.receipts.stripped";
    /** {@code StripReceiptRequests}: request header fields removed. */
    public static final String RECEIPTS_STRIPPED_HEADERS = "postino.receipts.strippedHeaders";
    /** {@code StripReceiptRequests}: recipients whose DSN NOTIFY lost SUCCESS or DELAY. */
    public static final String RECEIPTS_STRIPPED_NOTIFY = "postino.receipts.strippedNotify";

    /** {@code TruncateSubject}: Subject fields cut. */
    public static final String SUBJECT_TRUNCATED = "postino.subject.truncated";
    /** {@code TruncateSubject}: Subject fields re-encoded to fit a byte budget without a cut. */
    public static final String SUBJECT_REENCODED = "postino.subject.reencoded";
    /** {@code TruncateSubject}: Subject fields that could not be processed and were left as they were. */
    public static final String SUBJECT_FAILURES = "postino.subject.failures";

    /** {@code InspectAttachments}: mails inspected. */
    public static final String ATTACHMENTS_INSPECTED = "postino.attachments.inspected";
    /** {@code InspectAttachments}: verdicts {@code clean}. */
    public static final String ATTACHMENTS_CLEAN = "postino.attachments.clean";
    /** {@code InspectAttachments}: verdicts {@code dangerous}. */
    public static final String ATTACHMENTS_DANGEROUS = "postino.attachments.dangerous";
    /** {@code InspectAttachments}: prefix of one counter per reason code, counted once per mail. */
    public static final String ATTACHMENTS_REASON_PREFIX = "postino.attachments.reason.";
    /** {@code InspectAttachments}: encrypted content accepted from an {@code encryptedAllowedSenders} sender. */
    public static final String ATTACHMENTS_ENCRYPTED_ALLOWED = "postino.attachments.encryptedAllowed";
    /** {@code InspectAttachments}: timer of one mail's inspection. */
    public static final String ATTACHMENTS_INSPECTION_TIME = "postino.attachments.inspectionTime";

    /** {@code QuarantineAttachments}: mails held whole. */
    public static final String QUARANTINE_MESSAGES = "postino.quarantine.messages";
    /** {@code QuarantineAttachments}: mails delivered with dangerous parts replaced. */
    public static final String QUARANTINE_STRIPPED_MESSAGES = "postino.quarantine.strippedMessages";
    /** {@code QuarantineAttachments}: parts replaced. */
    public static final String QUARANTINE_STRIPPED_PARTS = "postino.quarantine.strippedParts";
    /** {@code QuarantineAttachments}: prefix of one counter per reason code, counted once per held mail. */
    public static final String QUARANTINE_REASON_PREFIX = "postino.quarantine.reason.";
    /** {@code QuarantineAttachments}: notices sent. */
    public static final String QUARANTINE_NOTICES = "postino.quarantine.notices";
    /** {@code QuarantineAttachments}: released originals that passed without being held again. */
    public static final String QUARANTINE_RELEASED = "postino.quarantine.released";
    /**
     * {@code QuarantineAttachments}: strip-mode mails held whole because the cleaned message, inspected again,
     * was still dangerous.
     */
    public static final String QUARANTINE_STRIP_REINSPECTION_HOLDS = "postino.quarantine.stripReinspectionHolds";
    /** {@code QuarantineAttachments}: originals the repository could not store (the mail went to onMailetException). */
    public static final String QUARANTINE_STORE_FAILURES = "postino.quarantine.storeFailures";

    /** {@code ProductivityDelay}: intra-company mails held (one per mail, however many colleagues wait). */
    public static final String DELAY_HELD = "postino.delay.held";
    /** {@code ProductivityDelay}: company recipients held. */
    public static final String DELAY_HELD_RECIPIENTS = "postino.delay.heldRecipients";
    /** {@code ProductivityDelay}: held copies that came back after their wait and went on. */
    public static final String DELAY_RELEASED = "postino.delay.released";
    /** {@code ProductivityDelay}: held copies released from a hold bucket before their time, held again. */
    public static final String DELAY_HELD_AGAIN = "postino.delay.heldAgain";
    /** {@code ProductivityDelay}: mails from a listed personal account that reached colleagues. */
    public static final String DELAY_PERSONAL_ACCOUNT = "postino.delay.personalAccountMails";
    /** {@code ProductivityDelay}: letters of reprimand sent. */
    public static final String DELAY_REPRIMANDS = "postino.delay.reprimands";
    /** {@code ProductivityDelay}: letters of reprimand that could not be sent. */
    public static final String DELAY_REPRIMAND_FAILURES = "postino.delay.reprimandFailures";
    /**
     * {@code ProductivityDelay}: mails the rules could not hold: no delay could be computed (delivered
     * undelayed) or the hold itself failed (the mail went to {@code onMailetException} whole).
     */
    public static final String DELAY_FAILURES = "postino.delay.failures";

    private MetricNames() {
    }
}
