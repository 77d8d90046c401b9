package dev.postino.matchers;

import dev.postino.receipts.ReportType;

/**
 * Matches delivery status notifications (bounces, delay and success notices): top-level
 * Content-Type {@code multipart/report} with {@code report-type=delivery-status} (RFC 3464)
 * or {@code global-delivery-status} (RFC 6533), returning the recipients in the condition's
 * scope. Lets administrators route bounces explicitly, e.g. ahead of any receipt rule.
 *
 * <p>Read receipts, other reports and ordinary messages never match; reports with a
 * conflicting {@code report-type} never match either. Only top-level headers are read.
 *
 * <pre>{@code
 * <!-- condition: empty = all recipients (default), "local" or "remote" -->
 * <mailet match="dev.postino.matchers.IsDeliveryReport" class="ToProcessor">
 *   <processor>bounces-in</processor>
 * </mailet>
 * }</pre>
 */
public class IsDeliveryReport extends ReportTypeMatcher {

    @Override
    protected boolean accepts(ReportType type) {
        return type.isDeliveryReport();
    }

    @Override
    public String getMatcherInfo() {
        return "Postino IsDeliveryReport: RFC 3464/6533 delivery status notifications, by top-level Content-Type";
    }
}
