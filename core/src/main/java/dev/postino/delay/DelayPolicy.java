package dev.postino.delay;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The three intra-company rules: computes when a message is due from the moment it was received,
 * its recipient counts and a source of randomness. Holding the message is someone else's job
 * ({@link DeliveryHold}).
 *
 * <ol>
 *   <li>a base delay drawn from {@code baseDelay} (seed: 400-800 s);</li>
 *   <li>per company To/Cc recipient after the first, a draw from {@code visibleRecipientDelay}
 *       (40-80 s); per company Bcc recipient, a draw from {@code bccRecipientDelay} (300-600 s);</li>
 *   <li>within {@code edgeWindow} (90 min) before the opening or after the closing of a working
 *       day, a draw from {@code edgeDelay} (200-400 s); further out of hours, held until the next
 *       opening, from which rules 1 and 2 then run (or, with {@code deliverAtOpening}, due
 *       exactly at the opening).</li>
 * </ol>
 *
 * <p>Draws are made in a fixed order (base, To/Cc, Bcc, edge), so a seeded generator gives the
 * same decision for the same input.
 */
public final class DelayPolicy {

    private final WorkingCalendar calendar;
    private final DelayRange baseDelay;
    private final DelayRange visibleRecipientDelay;
    private final DelayRange bccRecipientDelay;
    private final Duration edgeWindow;
    private final DelayRange edgeDelay;
    private final boolean deliverAtOpening;

    private DelayPolicy(Builder b) {
        this.calendar = b.calendar;
        this.baseDelay = b.baseDelay;
        this.visibleRecipientDelay = b.visibleRecipientDelay;
        this.bccRecipientDelay = b.bccRecipientDelay;
        this.edgeWindow = b.edgeWindow;
        this.edgeDelay = b.edgeDelay;
        this.deliverAtOpening = b.deliverAtOpening;
    }

    /** A builder preset with the seed's numbers and {@link WorkingCalendar#italianOffice()}. */
    public static Builder builder() {
        return new Builder();
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    public DelayDecision decide(Instant now, RecipientCounts counts, RandomGenerator random) {
        ZonedDateTime received = now.atZone(calendar.zone());
        CalendarSlot slot = calendar.slotOf(now, edgeWindow);
        Optional<ZonedDateTime> heldUntil = slot == CalendarSlot.OUT_OF_HOURS
            ? Optional.of(calendar.nextOpening(now))
            : Optional.empty();
        ZonedDateTime start = heldUntil.orElse(received);

        if (heldUntil.isPresent() && deliverAtOpening) {
            return new DelayDecision(received, slot, heldUntil, Duration.ZERO, List.of(), List.of(), Duration.ZERO, start);
        }
        Duration base = baseDelay.draw(random);
        List<Duration> visible = new ArrayList<>();
        for (int i = 0; i < counts.visibleAfterFirst(); i++) {
            visible.add(visibleRecipientDelay.draw(random));
        }
        List<Duration> bcc = new ArrayList<>();
        for (int i = 0; i < counts.bcc(); i++) {
            bcc.add(bccRecipientDelay.draw(random));
        }
        Duration edge = slot.isEdge() ? edgeDelay.draw(random) : Duration.ZERO;

        Duration sum = base.plus(edge);
        for (Duration d : visible) {
            sum = sum.plus(d);
        }
        for (Duration d : bcc) {
            sum = sum.plus(d);
        }
        // Added to the instant, not the wall-clock time, so a DST change inside the delay
        // neither stretches nor shortens it.
        ZonedDateTime due = start.toInstant().plus(sum).atZone(calendar.zone());
        return new DelayDecision(received, slot, heldUntil, base, visible, bcc, edge, due);
    }

    @Override
    public String toString() {
        return "base=" + baseDelay + " to-cc=" + visibleRecipientDelay + " bcc=" + bccRecipientDelay
            + " edgeWindow=" + edgeWindow.toMinutes() + "m edge=" + edgeDelay
            + " deliverAtOpening=" + deliverAtOpening + " calendar=" + calendar;
    }

    /** Every number configurable; the defaults are the seed's. */
    public static final class Builder {
        private WorkingCalendar calendar = WorkingCalendar.italianOffice();
        private DelayRange baseDelay = DelayRange.ofSeconds(400, 800);
        private DelayRange visibleRecipientDelay = DelayRange.ofSeconds(40, 80);
        private DelayRange bccRecipientDelay = DelayRange.ofSeconds(300, 600);
        private Duration edgeWindow = Duration.ofMinutes(90);
        private DelayRange edgeDelay = DelayRange.ofSeconds(200, 400);
        private boolean deliverAtOpening;

        private Builder() {
        }

        public Builder calendar(WorkingCalendar calendar) {
            this.calendar = Objects.requireNonNull(calendar);
            return this;
        }

        public Builder baseDelay(DelayRange range) {
            this.baseDelay = Objects.requireNonNull(range);
            return this;
        }

        public Builder visibleRecipientDelay(DelayRange range) {
            this.visibleRecipientDelay = Objects.requireNonNull(range);
            return this;
        }

        public Builder bccRecipientDelay(DelayRange range) {
            this.bccRecipientDelay = Objects.requireNonNull(range);
            return this;
        }

        /** A single duration, e.g. {@code DelayRange.parse("edgeWindow", "90m").min()}. */
        public Builder edgeWindow(Duration window) {
            if (window.isNegative() || window.compareTo(Duration.ofHours(12)) > 0) {
                throw new IllegalArgumentException("edgeWindow: " + window.toMinutes() + "m is outside 0m-12h");
            }
            this.edgeWindow = window;
            return this;
        }

        public Builder edgeDelay(DelayRange range) {
            this.edgeDelay = Objects.requireNonNull(range);
            return this;
        }

        public Builder deliverAtOpening(boolean exactly) {
            this.deliverAtOpening = exactly;
            return this;
        }

        public DelayPolicy build() {
            return new DelayPolicy(this);
        }
    }
}
