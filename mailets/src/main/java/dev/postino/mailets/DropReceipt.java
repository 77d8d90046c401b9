package dev.postino.mailets;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.PostinoVersion;
import dev.postino.james.MessageHeaders;
import dev.postino.receipts.ReceiptHeuristics;
import dev.postino.receipts.ReportType;

/**
 * Discards the mail for the recipients it is given, like James's {@code Null}, but writes one
 * INFO audit line per dropped receipt (Message-ID, sender, recipients, and why it counts as a
 * receipt), so every drop can be traced. {@code Null} only logs at DEBUG.
 *
 * <p>The reason is re-derived from the top-level headers (never the body):
 * {@code disposition-notification} for an RFC 8098/6533 MDN, {@code heuristic:<rule>} for a
 * receipt only {@code LooksLikeReadReceipt} recognises, otherwise the report type (e.g.
 * {@code not-a-report} when the administrator pointed it at something else). The same reason
 * is set in the attribute {@code postino.receipts.dropped}. Keep an audit copy by placing
 * {@code ToRepository} with {@code passThrough=true} before it.
 *
 * <pre>{@code
 * <mailet match="dev.postino.matchers.IsReadReceipt=remote" class="dev.postino.mailets.DropReceipt"/>
 * }</pre>
 * It takes no parameters. Each drop counts in the metric {@value MetricNames#RECEIPTS_DROPPED}.
 */
public class DropReceipt extends GenericMailet {

    public static final AttributeName DROPPED = AttributeName.of("postino.receipts.dropped");

    private static final Logger LOGGER = LoggerFactory.getLogger(DropReceipt.class);

    private final MetricFactory metrics;

    @Inject
    public DropReceipt(MetricFactory metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
        LOGGER.info("DropReceipt {} started", PostinoVersion.current());
    }

    @Override
    public void service(Mail mail) {
        String reason = reason(mail);
        mail.setAttribute(new Attribute(DROPPED, AttributeValue.of(reason)));
        LOGGER.info("Dropped receipt {} from {} to {} ({}; mail {})",
            MessageHeaders.messageId(mail), mail.getMaybeSender().asString(), mail.getRecipients(), reason, mail.getName());
        mail.setState(Mail.GHOST);
        metrics.generate(MetricNames.RECEIPTS_DROPPED).increment();
    }

    static String reason(Mail mail) {
        ReportType type = MessageHeaders.reportType(mail);
        if (type != ReportType.NOT_A_REPORT) {
            return type.label();
        }
        return ReceiptHeuristics.recognise(type, MessageHeaders.decodedSubject(mail), MessageHeaders.values(mail, "Content-Class"))
            .map(rule -> "heuristic:" + rule)
            .orElse(type.label());
    }

    @Override
    public String getMailetInfo() {
        return "Postino DropReceipt: discards receipts with one audit log line each";
    }
}
