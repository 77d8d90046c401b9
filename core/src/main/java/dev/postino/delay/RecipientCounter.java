package dev.postino.delay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Counts a message's company recipients for rule 2.
 *
 * <p>Visible recipients are the distinct company addresses in the To and Cc headers, whether or
 * not this copy of the message carries them as envelope recipients (so a split copy counts the
 * same as the whole). Bcc recipients are the company envelope recipients that appear in neither
 * To nor Cc: the SMTP envelope is the only trustworthy record of them, since the Bcc header is
 * removed or never sent. A recipient in both To and the envelope counts once, as To. External
 * addresses never count. Addresses compare by {@link AddressKey}: display names, comments,
 * groups, quoting and case do not make a second recipient.
 */
public final class RecipientCounter {

    /** Longer than any real mailbox (a 64-octet local part, a 255-octet domain, a long display name). */
    private static final int MAX_MAILBOX_LENGTH = 2048;

    private final Company company;

    public RecipientCounter(Company company) {
        this.company = company;
    }

    /**
     * @param visibleHeaderValues the raw values of every To and Cc header field (folded or not,
     *     possibly malformed: what cannot be parsed as an address is ignored)
     * @param envelopeRecipients the envelope recipients of the message
     */
    public RecipientCounts count(Collection<String> visibleHeaderValues, Collection<AddressKey> envelopeRecipients) {
        Set<AddressKey> visible = new LinkedHashSet<>();
        for (String value : visibleHeaderValues) {
            for (AddressKey key : parseAddressList(value)) {
                if (company.includes(key)) {
                    visible.add(key);
                }
            }
        }
        Set<AddressKey> bcc = new LinkedHashSet<>();
        for (AddressKey recipient : envelopeRecipients) {
            if (company.includes(recipient) && !visible.contains(recipient)) {
                bcc.add(recipient);
            }
        }
        return new RecipientCounts(visible.size(), bcc.size());
    }

    /**
     * Every mailbox of an address-list header value, group members included.
     *
     * <p>The value is first cut into its mailboxes at the commas, semicolons and group colons that
     * lie outside quoted strings, comments and angle brackets (one linear pass); each is then read
     * by Mime4j's lenient parser on its own, and one longer than any real mailbox is skipped.
     * Mime4j reading a whole hostile list at once is slow (seconds for 100 KB of {@code a="} or of
     * encoded words under made-up charsets), and To and Cc are the sender's to fill.
     */
    public static Set<AddressKey> parseAddressList(String headerValue) {
        Set<AddressKey> keys = new LinkedHashSet<>();
        if (headerValue == null || headerValue.isBlank()) {
            return keys;
        }
        for (String element : mailboxTexts(MimeUtil.unfold(headerValue))) {
            if (element.isBlank() || element.length() > MAX_MAILBOX_LENGTH) {
                continue;
            }
            Mailbox mailbox = LenientAddressParser.DEFAULT.parseMailbox(element);
            String local = mailbox == null ? null : mailbox.getLocalPart();
            String domain = mailbox == null ? null : mailbox.getDomain();
            if (local != null && !local.isBlank() && domain != null && !domain.isBlank()) {
                keys.add(new AddressKey(local, domain));
            }
        }
        return keys;
    }

    /** The text of each mailbox in an address list (RFC 5322 §3.4), group names left out. */
    static List<String> mailboxTexts(String list) {
        List<String> texts = new ArrayList<>();
        int start = 0;
        int comment = 0;
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\\' && (quoted || comment > 0)) {
                i++; // a quoted-pair; past the end only ends the loop
            } else if (quoted) {
                quoted = c != '"';
            } else if (comment > 0) {
                comment += c == '(' ? 1 : c == ')' ? -1 : 0;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                comment = 1;
            } else if (c == '<' || c == '>') {
                angle = c == '<';
            } else if (!angle && (c == ',' || c == ';' || c == ':')) {
                if (c != ':') {
                    texts.add(list.substring(start, i)); // a group's name, before its colon, is no mailbox
                }
                start = i + 1;
            }
        }
        texts.add(list.substring(start));
        return texts;
    }
}
