package dev.postino.matchers;

import java.util.Collection;
import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.postino.james.MessageHeaders;
import dev.postino.receipts.ReportType;

/**
 * The shared shape of the report matchers: classify the top-level Content-Type (headers only),
 * and when the report type is the one wanted, return the recipients in the condition's scope
 * (empty = all, {@code local}, {@code remote}).
 */
abstract class ReportTypeMatcher extends GenericMatcher {

    private RecipientScope scope;

    @Override
    public void init() throws MessagingException {
        scope = RecipientScope.parse(getCondition(), getClass().getSimpleName());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (!accepts(MessageHeaders.reportType(mail))) {
            return List.of();
        }
        return scope.select(mail.getRecipients(), getMailetContext());
    }

    /** Whether a message of this report type is one this matcher selects. */
    protected abstract boolean accepts(ReportType type);
}
