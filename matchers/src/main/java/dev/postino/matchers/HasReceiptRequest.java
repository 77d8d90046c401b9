package dev.postino.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.james.DsnNotify;
import dev.postino.james.MessageHeaders;
import dev.postino.receipts.NotifyKeyword;
import dev.postino.receipts.ReceiptFreeNotify;
import dev.postino.receipts.ReceiptRequestHeaders;

/**
 * Matches mail that asks for a receipt, returning the recipients in the condition's scope
 * that the request concerns: every recipient when a request header is present
 * ({@code Disposition-Notification-To}, {@code Return-Receipt-To}, {@code X-Confirm-Reading-To},
 * {@code Delivery-Receipt-To}); otherwise the recipients whose SMTP DSN {@code NOTIFY}
 * contains {@code SUCCESS} or {@code DELAY} ({@link Mail#dsnParameters()}).
 *
 * <p>Reads top-level headers and the envelope only. Unreadable headers or DSN attributes
 * count as "no request".
 *
 * <pre>{@code
 * <!-- condition: empty = all recipients (default), "local" or "remote" -->
 * <mailet match="dev.postino.matchers.HasReceiptRequest=remote" class="dev.postino.mailets.StripReceiptRequests">
 *   <headers>Disposition-Notification-To, Return-Receipt-To, X-Confirm-Reading-To, Delivery-Receipt-To, Disposition-Notification-Options</headers>
 *   <dsn>true</dsn>
 * </mailet>
 * }</pre>
 */
public class HasReceiptRequest extends GenericMatcher {

    private static final Logger LOGGER = LoggerFactory.getLogger(HasReceiptRequest.class);

    private RecipientScope scope;

    @Override
    public void init() throws MessagingException {
        scope = RecipientScope.parse(getCondition(), "HasReceiptRequest");
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean headerRequest = ReceiptRequestHeaders.REQUEST_HEADERS.stream()
            .anyMatch(name -> MessageHeaders.has(mail, name));
        Collection<MailAddress> concerned = headerRequest
            ? mail.getRecipients()
            : mail.getRecipients().stream().filter(recipient -> dsnAsksForReceipt(mail, recipient)).toList();
        if (concerned.isEmpty()) {
            return List.of();
        }
        return scope.select(concerned, getMailetContext());
    }

    private static boolean dsnAsksForReceipt(Mail mail, MailAddress recipient) {
        return notifyOf(mail, recipient).map(ReceiptFreeNotify::requestsReceipt).orElse(false);
    }

    /** The recipient's NOTIFY as core keywords; empty when absent or unreadable. */
    static Optional<Set<NotifyKeyword>> notifyOf(Mail mail, MailAddress recipient) {
        try {
            return mail.dsnParameters()
                .map(parameters -> parameters.getRcptParameters().get(recipient))
                .flatMap(DsnParameters.RecipientDsnParameters::getNotifyParameter)
                .map(DsnNotify::keywords);
        } catch (RuntimeException malformedDsnAttributes) {
            LOGGER.warn("Unreadable DSN parameters on mail {}: {}", mail.getName(), malformedDsnAttributes.toString());
            return Optional.empty();
        }
    }

    @Override
    public String getMatcherInfo() {
        return "Postino HasReceiptRequest: receipt request headers or DSN NOTIFY=SUCCESS/DELAY";
    }
}
