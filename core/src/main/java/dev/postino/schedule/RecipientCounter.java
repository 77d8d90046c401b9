package dev.postino.schedule;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.james.mime4j.dom.address.AddressList;
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

    /** Every mailbox of an address-list header value, group members included. */
    public static Set<AddressKey> parseAddressList(String headerValue) {
        Set<AddressKey> keys = new LinkedHashSet<>();
        if (headerValue == null || headerValue.isBlank()) {
            return keys;
        }
        AddressList list = LenientAddressParser.DEFAULT.parseAddressList(MimeUtil.unfold(headerValue));
        for (Mailbox mailbox : list.flatten()) {
            String local = mailbox.getLocalPart();
            String domain = mailbox.getDomain();
            if (local != null && !local.isBlank() && domain != null && !domain.isBlank()) {
                keys.add(new AddressKey(local, domain));
            }
        }
        return keys;
    }
}
