package dev.postino.matchers;

import java.util.Collection;
import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.postino.james.MessageHeaders;
import dev.postino.receipts.ReceiptHeuristics;
import dev.postino.receipts.ReportType;

/**
 * Opt-in, heuristic companion of {@link IsReadReceipt}: matches standard read receipts
 * <b>and</b> receipts that are not RFC 8098 MDNs, recognised by top-level headers only:
 * Exchange's {@code Content-Class: urn:content-classes:mdn}, or a Subject starting with a
 * receipt prefix ("Read:", "Not read:", "Letto:", "Gelesen:", "Lu :", "Leído:", "Lido:",
 * "Gelezen:", "Read receipt:", Notes/Domino's "Return Receipt", …; see
 * {@link ReceiptHeuristics}). Heuristics can be wrong: a person may write "Read: chapter 3".
 * Bounces and every other {@code multipart/report} never match.
 *
 * <pre>{@code
 * <!-- use instead of IsReadReceipt; condition: empty = all recipients (default), "local" or "remote" -->
 * <mailet match="dev.postino.matchers.LooksLikeReadReceipt=remote" class="dev.postino.mailets.DropReceipt"/>
 * }</pre>
 */
public class LooksLikeReadReceipt extends GenericMatcher {

    private RecipientScope scope;

    @Override
    public void init() throws MessagingException {
        scope = RecipientScope.parse(getCondition(), "LooksLikeReadReceipt");
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        ReportType type = MessageHeaders.reportType(mail);
        boolean receipt = ReceiptHeuristics.recognise(type, MessageHeaders.decodedSubject(mail),
            MessageHeaders.values(mail, "Content-Class")).isPresent();
        if (!receipt) {
            return List.of();
        }
        return scope.select(mail.getRecipients(), getMailetContext());
    }

    @Override
    public String getMatcherInfo() {
        return "Postino LooksLikeReadReceipt: read receipts, including non-standard ones (heuristic)";
    }
}
