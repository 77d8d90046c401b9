package dev.postino.delay;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * When a message is due and why: each rule's contribution, so the arithmetic can be shown.
 *
 * @param receivedAt when James processed the message, in the calendar's zone
 * @param slot where that moment fell (rule 3)
 * @param heldUntil the opening the message was held to, if it arrived out of hours
 * @param base rule 1's draw (zero when delivered exactly at the opening)
 * @param visibleDraws rule 2's draws, one per company To/Cc recipient after the first
 * @param bccDraws rule 2's draws, one per company Bcc recipient
 * @param edge rule 3's draw near the opening or closing, else zero
 * @param dueAt when the message is due: (heldUntil or receivedAt) + base + draws + edge
 */
public record DelayDecision(
    ZonedDateTime receivedAt,
    CalendarSlot slot,
    Optional<ZonedDateTime> heldUntil,
    Duration base,
    List<Duration> visibleDraws,
    List<Duration> bccDraws,
    Duration edge,
    ZonedDateTime dueAt) {

    public DelayDecision {
        visibleDraws = List.copyOf(visibleDraws);
        bccDraws = List.copyOf(bccDraws);
    }

    /** The whole wait, from {@link #receivedAt} to {@link #dueAt}. */
    public Duration delay() {
        return Duration.between(receivedAt.toInstant(), dueAt.toInstant());
    }

    /** The wait until the opening, zero if the message was not held. */
    public Duration hold() {
        return heldUntil.map(h -> Duration.between(receivedAt.toInstant(), h.toInstant())).orElse(Duration.ZERO);
    }

    public Duration visibleTotal() {
        return visibleDraws.stream().reduce(Duration.ZERO, Duration::plus);
    }

    public Duration bccTotal() {
        return bccDraws.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The {@code X-Postino-Delay} value, e.g. {@code 1537s; base=612s; to-cc=2x=134s; bcc=1x=451s;
     * edge=0s; hold=0s; until=2026-12-01T10:25:37+01:00}: seconds throughout; {@code to-cc} and
     * {@code bcc} give how many draws were made and their sum.
     */
    public String traceValue() {
        return seconds(delay())
            + "; base=" + seconds(base)
            + "; to-cc=" + visibleDraws.size() + "x=" + seconds(visibleTotal())
            + "; bcc=" + bccDraws.size() + "x=" + seconds(bccTotal())
            + "; edge=" + seconds(edge)
            + "; hold=" + seconds(hold())
            + "; until=" + dueAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }
}
