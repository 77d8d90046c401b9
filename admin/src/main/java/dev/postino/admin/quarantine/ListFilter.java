package dev.postino.admin.quarantine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.postino.admin.WebAdmin;

/**
 * Which held messages to list. Sender, recipient and age are WebAdmin's own conditions (a sender or
 * recipient may be {@code *@domain}); the reason is matched here, against the findings' codes.
 */
public record ListFilter(Optional<String> sender, Optional<String> recipient, Optional<Duration> newerThan,
                         Optional<Duration> olderThan, Optional<String> reason) {

    public static final ListFilter ALL = new ListFilter(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());

    static final Comparator<HeldMail> OLDEST_FIRST = Comparator
        .comparing((HeldMail mail) -> mail.heldAt().orElse(Instant.MIN))
        .thenComparing(HeldMail::id);

    public static ListFilter olderThan(Duration age) {
        return new ListFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(age), Optional.empty());
    }

    /** The query string for WebAdmin's {@code GET …/mails}, empty or starting with {@code ?}. */
    String query() {
        List<String> parameters = new ArrayList<>();
        sender.ifPresent(s -> parameters.add("sender=" + WebAdmin.encode(s)));
        recipient.ifPresent(r -> parameters.add("recipient=" + WebAdmin.encode(r)));
        newerThan.ifPresent(age -> parameters.add("updatedAfter=" + Age.forWebAdmin(age)));
        olderThan.ifPresent(age -> parameters.add("updatedBefore=" + Age.forWebAdmin(age)));
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    /** The part WebAdmin cannot judge: a reason code, matched without case as a whole code or a part of one. */
    boolean matches(HeldMail mail) {
        if (reason.isEmpty()) {
            return true;
        }
        String wanted = reason.get().toUpperCase(Locale.ROOT);
        return mail.reasons().stream().anyMatch(code -> code.contains(wanted));
    }
}
