package dev.postino.receipts;

import java.util.List;
import java.util.Locale;

/**
 * What a message is, judged from its top-level {@code Content-Type} alone (RFC 6522
 * {@code multipart/report} and its {@code report-type} parameter).
 *
 * <p>Only {@link #DISPOSITION_NOTIFICATION} is a read receipt; only {@link #DELIVERY_STATUS}
 * is a delivery report (bounce, delay or success notice). Every other report (abuse feedback,
 * TLS reports, unknown or malformed ones) and every ordinary message is neither, so a rule that
 * drops read receipts can never eat a bounce.
 */
public enum ReportType {
    /** RFC 8098 MDN, or the RFC 6533 internationalised form: a read receipt. */
    DISPOSITION_NOTIFICATION,
    /** RFC 3464 DSN, or the RFC 6533 internationalised form: a bounce or delivery notice. */
    DELIVERY_STATUS,
    /** RFC 5965 abuse feedback report (ARF). */
    FEEDBACK_REPORT,
    /** RFC 8460 SMTP TLS report. */
    TLS_REPORT,
    /** A {@code multipart/report} of another or missing {@code report-type}. */
    OTHER_REPORT,
    /**
     * A report whose type cannot be told: {@code report-type} given twice with different
     * values, or several top-level {@code Content-Type} fields that disagree. Neither a read
     * receipt nor a delivery report, so it is never dropped as a receipt.
     */
    AMBIGUOUS_REPORT,
    /** Not a {@code multipart/report} at all (including no or unreadable Content-Type). */
    NOT_A_REPORT;

    /**
     * Classifies one Content-Type value. Never throws.
     */
    public static ReportType of(ContentType contentType) {
        if (!contentType.is("multipart", "report")) {
            return NOT_A_REPORT;
        }
        return switch (contentType.occurrence("report-type")) {
            case MISSING -> OTHER_REPORT;
            case CONFLICTING -> AMBIGUOUS_REPORT;
            case ONCE, REPEATED_CONSISTENTLY -> ofReportTypeParameter(contentType.parameter("report-type").orElse(""));
        };
    }

    /**
     * Classifies a message from all its top-level Content-Type field values ({@code null} or
     * empty = none). Several fields that disagree give {@link #AMBIGUOUS_REPORT} when any of
     * them is a report: MIME readers differ on which one wins, so nobody can say what the
     * recipient's client will show.
     */
    public static ReportType ofHeaderValues(List<String> contentTypeValues) {
        if (contentTypeValues == null || contentTypeValues.isEmpty()) {
            return NOT_A_REPORT;
        }
        ReportType first = of(ContentType.parse(contentTypeValues.get(0)));
        for (int i = 1; i < contentTypeValues.size(); i++) {
            ReportType other = of(ContentType.parse(contentTypeValues.get(i)));
            if (other != first) {
                return AMBIGUOUS_REPORT;
            }
        }
        return first;
    }

    /** The report type a {@code report-type} value names (any case, blanks around ignored). */
    static ReportType ofReportTypeParameter(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "disposition-notification", "global-disposition-notification" -> DISPOSITION_NOTIFICATION;
            case "delivery-status", "global-delivery-status" -> DELIVERY_STATUS;
            case "feedback-report" -> FEEDBACK_REPORT;
            case "tlsrpt" -> TLS_REPORT;
            default -> OTHER_REPORT;
        };
    }

    public boolean isReadReceipt() {
        return this == DISPOSITION_NOTIFICATION;
    }

    public boolean isDeliveryReport() {
        return this == DELIVERY_STATUS;
    }

    /** Lower-case, hyphenated name for logs and mail attributes, e.g. {@code delivery-status}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
