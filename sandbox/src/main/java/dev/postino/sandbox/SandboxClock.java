package dev.postino.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock the sandbox binds in Guice in place of James's system clock: it stands still until
 * the test (or the demo) moves it, so delays and working-hours rules are deterministic.
 */
public final class SandboxClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public SandboxClock(ZonedDateTime start) {
        this(new AtomicReference<>(start.toInstant()), start.getZone());
    }

    private SandboxClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that shares this clock's time. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new SandboxClock(now, otherZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    public ZonedDateTime now() {
        return instant().atZone(zone);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration duration) {
        now.updateAndGet(current -> current.plus(duration));
    }
}
