package dev.postino.delay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a held mail waits on a server whose mail queue ignores delays: one mail repository per
 * minute, named after the minute by which everything in it is due, in UTC ({@code 20261207T0810}
 * holds the mail due after 08:09:00 and at or before 08:10:00 UTC). A release run at or after that
 * minute reprocesses the whole bucket, so no mail is released before its due time by the releasing
 * clock, and every mail is released within a minute of it when the release runs every minute.
 * UTC, because the nodes of a cluster and the release job may not share a time zone.
 */
public record HoldBucket(Instant dueBy) implements Comparable<HoldBucket> {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm").withZone(ZoneOffset.UTC);
    private static final Pattern NAME_SHAPE = Pattern.compile("\\d{8}T\\d{4}");

    public HoldBucket {
        if (!dueBy.truncatedTo(ChronoUnit.MINUTES).equals(dueBy)) {
            throw new IllegalArgumentException("a bucket is a whole minute, not " + dueBy);
        }
    }

    /** The bucket of a mail due at {@code due}: the first whole minute at or after it. */
    public static HoldBucket dueBy(Instant due) {
        Instant minute = due.truncatedTo(ChronoUnit.MINUTES);
        return new HoldBucket(minute.equals(due) ? minute : minute.plus(1, ChronoUnit.MINUTES));
    }

    /**
     * Where a released mail that came back before its time waits again: its own bucket, but never
     * the one it was just released from, which a release run may still be reading (a mail put back
     * there could be released again and again within one run while the clocks disagree).
     */
    public static HoldBucket forEarlyReturn(Instant due, Optional<HoldBucket> releasedFrom) {
        HoldBucket bucket = dueBy(due);
        return releasedFrom.filter(bucket::equals).isPresent() ? bucket.next() : bucket;
    }

    /** A bucket name such as {@code 20261207T0810}; anything else (another repository under the same path) is empty. */
    public static Optional<HoldBucket> parse(String name) {
        if (name == null || !NAME_SHAPE.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HoldBucket(Instant.from(NAME.parse(name))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public String name() {
        return NAME.format(dueBy);
    }

    /** Whether a release at {@code now} may release this bucket: everything in it is due by then. */
    public boolean isDue(Instant now) {
        return !now.isBefore(dueBy);
    }

    public HoldBucket next() {
        return new HoldBucket(dueBy.plus(1, ChronoUnit.MINUTES));
    }

    @Override
    public int compareTo(HoldBucket other) {
        return dueBy.compareTo(other.dueBy);
    }

    @Override
    public String toString() {
        return name();
    }
}
