package dev.postino.receipts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises read receipts that are not RFC 8098 MDNs, from top-level headers only. These are
 * <b>heuristics</b>: they can miss receipts and, rarely, take a person's message for one (a
 * colleague writing "Read: chapter 3" as a Subject). They are only used when the administrator
 * opts in ({@code LooksLikeReadReceipt}).
 *
 * <p>Rules, in order; the first that applies names the verdict:
 * <ul>
 * <li>{@code content-class}: {@code Content-Class: urn:content-classes:mdn}, the class
 * Exchange/Outlook put on report messages converted from MAPI read/non-read reports.</li>
 * <li>{@code subject-prefix}: the Subject starts with a receipt prefix: Outlook's localised
 * "Read:"/"Not read:" family (English, Italian, German, French, Spanish, Portuguese, Dutch),
 * "Read receipt:" and Notes/Domino's "Return Receipt". Clients that send a receipt as
 * {@code multipart/mixed} or plain text leave only this clue (see MailKit issue 1527).</li>
 * </ul>
 * Any {@code multipart/report} other than an MDN is never a heuristic receipt: bounces, abuse
 * and TLS reports stay untouched.
 */
public final class ReceiptHeuristics {

    /** Lower-case Subject prefixes; a non-breaking space counts as a space. */
    public static final List<String> SUBJECT_PREFIXES = List.of(
        "read:", "not read:", "read receipt:", "return receipt",
        "letto:", "non letto:",
        "gelesen:", "nicht gelesen:",
        "lu :", "lu:", "non lu :", "non lu:",
        "leído:", "no leído:",
        "lido:", "não lido:",
        "gelezen:", "niet gelezen:");

    private static final String EXCHANGE_MDN_CLASS = "urn:content-classes:mdn";

    private ReceiptHeuristics() {
    }

    /**
     * @param reportType    the message's {@link ReportType}
     * @param subject       the decoded Subject, or {@code null}
     * @param contentClass  the Content-Class values (may be empty)
     * @return the name of the rule that recognised a receipt; empty when none did
     */
    public static Optional<String> recognise(ReportType reportType, String subject, List<String> contentClass) {
        if (reportType == ReportType.DISPOSITION_NOTIFICATION) {
            return Optional.of("mdn");
        }
        if (reportType != ReportType.NOT_A_REPORT) {
            return Optional.empty();
        }
        for (String value : contentClass) {
            if (value != null && value.trim().equalsIgnoreCase(EXCHANGE_MDN_CLASS)) {
                return Optional.of("content-class");
            }
        }
        if (subject != null && hasReceiptPrefix(subject)) {
            return Optional.of("subject-prefix");
        }
        return Optional.empty();
    }

    static boolean hasReceiptPrefix(String subject) {
        String normalised = subject.replace('\u00a0', ' ').stripLeading().toLowerCase(Locale.ROOT);
        for (String prefix : SUBJECT_PREFIXES) {
            if (normalised.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
