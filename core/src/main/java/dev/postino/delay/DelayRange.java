package dev.postino.delay;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.postino.parameters.ParameterValues;

/**
 * A closed range of whole seconds, {@code [min, max]}, from which a delay is drawn uniformly.
 *
 * <p>Written as {@code 400-800s}, {@code 400s-800s}, {@code 1m-90s} or a single value such as
 * {@code 90m}, as every Postino range ({@link ParameterValues#durationRange}): in a range the first
 * unit may be left out and is then the second one's ({@code 400-800s} is 400 to 800 seconds).
 */
public record DelayRange(Duration min, Duration max) {

    /** Nothing Postino does should hold a message longer than this; a larger value is a typo. */
    public static final Duration LONGEST = Duration.ofDays(7);

    public DelayRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative");
        }
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min.toSeconds() + "s is greater than max " + max.toSeconds() + "s");
        }
        if (max.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("max " + max.toSeconds() + "s is longer than " + LONGEST.toDays() + " days");
        }
        if (min.getNano() != 0 || max.getNano() != 0) {
            throw new IllegalArgumentException("delays are whole seconds");
        }
    }

    public static DelayRange ofSeconds(long min, long max) {
        return new DelayRange(Duration.ofSeconds(min), Duration.ofSeconds(max));
    }

    /**
     * Parses {@code text} as {@link ParameterValues#durationRange}; a bad value throws an
     * {@link IllegalArgumentException} whose message names {@code parameter} and quotes the value.
     */
    public static DelayRange parse(String parameter, String text) {
        ParameterValues.DurationRange range = ParameterValues.durationRange(parameter, text);
        try {
            return new DelayRange(range.min(), range.max());
        } catch (IllegalArgumentException e) {
            throw ParameterValues.invalid(parameter, text, e.getMessage());
        }
    }

    /**
     * A whole number of seconds drawn uniformly from {@code [min, max]}, both ends included.
     * {@link RandomGenerator#nextLong(long)} rejects the biased tail, so no value is favoured.
     */
    public Duration draw(RandomGenerator random) {
        long lo = min.toSeconds();
        long span = max.toSeconds() - lo;
        return span == 0 ? min : Duration.ofSeconds(lo + random.nextLong(span + 1));
    }

    @Override
    public String toString() {
        return min.equals(max) ? min.toSeconds() + "s" : min.toSeconds() + "-" + max.toSeconds() + "s";
    }
}
