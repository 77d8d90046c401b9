package dev.postino.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;

import dev.postino.parameters.ParameterValues;

/**
 * Which of a mail's recipients a Postino matcher may return, parsed once from the matcher's
 * condition: empty or {@code all} = every recipient; {@code local} = recipients
 * {@link MailetContext#isLocalEmail local} to this server; {@code remote} = the others, i.e.
 * mail leaving the company. James then splits the mail, so the mailet acts only on those
 * recipients and the rest continue untouched.
 */
public enum RecipientScope {
    ALL,
    LOCAL,
    REMOTE;

    /**
     * Parses a matcher condition ({@code null}, blank, {@code all}, {@code local} or
     * {@code remote}, any case).
     *
     * @param matcherName used in the error message
     * @throws MessagingException naming the matcher and the bad condition
     */
    public static RecipientScope parse(String condition, String matcherName) throws MessagingException {
        if (condition == null || condition.isBlank()) {
            return ALL;
        }
        return switch (condition.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> ALL;
            case "local" -> LOCAL;
            case "remote" -> REMOTE;
            default -> throw new MessagingException(ParameterValues.invalid(matcherName + " condition", condition,
                "expected nothing, all, local or remote").getMessage());
        };
    }

    /** The recipients in this scope, in their original order. */
    public List<MailAddress> select(Collection<MailAddress> recipients, MailetContext context) {
        return switch (this) {
            case ALL -> List.copyOf(recipients);
            case LOCAL -> recipients.stream().filter(context::isLocalEmail).toList();
            case REMOTE -> recipients.stream().filter(recipient -> !context.isLocalEmail(recipient)).toList();
        };
    }

    /** Lower-case name as written in a condition. */
    public String conditionText() {
        return name().toLowerCase(Locale.ROOT);
    }
}
