package dev.postino.receipts;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites one recipient's DSN {@code NOTIFY} (RFC 3461 §4.1) so that no server sends a
 * delivery receipt, while the sender still hears about failures.
 *
 * <ul>
 * <li>{@code SUCCESS} and {@code DELAY} are removed: a success notice is the delivery
 * receipt; a delay notice also reports back on the recipient's infrastructure.</li>
 * <li>{@code FAILURE} is always kept.</li>
 * <li>When nothing is left (the sender asked only for {@code SUCCESS} and/or {@code DELAY}),
 * {@code NOTIFY} is removed altogether: RFC 3461 §4.1 says a recipient without {@code NOTIFY}
 * gets the default of {@code FAILURE} (or {@code FAILURE,DELAY}) at the MTA's discretion,
 * which is what a sender who asked for nothing gets. Leaving an empty set would be invalid,
 * and {@code NEVER} would hide failures.</li>
 * <li>{@code NEVER} is left alone: it asks for nothing.</li>
 * </ul>
 */
public final class ReceiptFreeNotify {

    private static final Set<NotifyKeyword> RECEIPT_KEYWORDS = EnumSet.of(NotifyKeyword.SUCCESS, NotifyKeyword.DELAY);

    /**
     * The outcome for one recipient.
     *
     * @param kept    the NOTIFY to keep; empty = remove the parameter (RFC 3461 default applies)
     * @param removed the keywords taken away (empty = nothing changed)
     */
    public record Rewrite(Optional<Set<NotifyKeyword>> kept, Set<NotifyKeyword> removed) {
        public boolean changed() {
            return !removed.isEmpty();
        }
    }

    private ReceiptFreeNotify() {
    }

    public static Rewrite rewrite(Set<NotifyKeyword> requested) {
        EnumSet<NotifyKeyword> removed = EnumSet.noneOf(NotifyKeyword.class);
        EnumSet<NotifyKeyword> kept = EnumSet.noneOf(NotifyKeyword.class);
        for (NotifyKeyword keyword : requested) {
            (RECEIPT_KEYWORDS.contains(keyword) ? removed : kept).add(keyword);
        }
        Optional<Set<NotifyKeyword>> notify = kept.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(kept));
        if (removed.isEmpty()) {
            notify = Optional.of(Set.copyOf(requested));
        }
        return new Rewrite(notify, Set.copyOf(removed));
    }

    /** Whether this NOTIFY asks for a receipt: contains {@code SUCCESS} or {@code DELAY}. */
    public static boolean requestsReceipt(Set<NotifyKeyword> requested) {
        return requested.contains(NotifyKeyword.SUCCESS) || requested.contains(NotifyKeyword.DELAY);
    }
}
