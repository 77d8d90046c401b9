package dev.postino.matchers;

import dev.postino.receipts.ReportType;

/**
 * Matches read receipts: messages whose top-level Content-Type is {@code multipart/report}
 * with {@code report-type=disposition-notification} (RFC 8098 MDN) or
 * {@code global-disposition-notification} (RFC 6533), returning the recipients in the
 * condition's scope.
 *
 * <p>Bounces ({@code delivery-status}), abuse feedback, TLS reports, reports with a missing or
 * conflicting {@code report-type} and every ordinary message never match. Only top-level
 * headers are read, never the body; an unreadable Content-Type means "no match".
 *
 * <pre>{@code
 * <!-- condition: empty = all recipients (default), "local" or "remote" -->
 * <mailet match="dev.postino.matchers.IsReadReceipt=remote" class="dev.postino.mailets.DropReceipt"/>
 * }</pre>
 */
public class IsReadReceipt extends ReportTypeMatcher {

    @Override
    protected boolean accepts(ReportType type) {
        return type.isReadReceipt();
    }

    @Override
    public String getMatcherInfo() {
        return "Postino IsReadReceipt: RFC 8098/6533 read receipts, by top-level Content-Type";
    }
}
