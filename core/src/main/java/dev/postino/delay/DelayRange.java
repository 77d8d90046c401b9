package dev.postino.delay;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed range of whole seconds, {@code [min, max]}, from which a delay is drawn uniformly.
 *
 * <p>Written as {@code 400-800s}, {@code 400s-800s}, {@code 1m-90s} or a single value such as
 * {@code 90m}; the units are {@code s}, {@code m} and {@code h}. In a range the first unit may be
 * left out and is then the second one's ({@code 400-800s} is 400 to 800 seconds).
 */
public record DelayRange(Duration min, Duration max) {

    /** Nothing Postino does should hold a message longer than this; a larger value is a typo. */
    public static final Duration LONGEST = Duration.ofDays(7);

    private static final Pattern SYNTAX = Pattern.compile(
        "\\s*(\\d{1,9})\\s*([smh]?)\\s*(?:-\\s*(\\d{1,9})\\s*([smh]))?\\s*");

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
     * Parses {@code text}; a bad value throws an {@link IllegalArgumentException} whose message
     * names {@code parameter} and quotes the value.
     */
    public static DelayRange parse(String parameter, String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(parameter, text, "expected e.g. 400-800s, 400s-800s or 90m (units s, m, h)");
        }
        try {
            if (m.group(3) == null) {
                if (m.group(2).isEmpty()) {
                    throw invalid(parameter, text, "a unit is required (s, m or h)");
                }
                Duration d = duration(m.group(1), m.group(2));
                return new DelayRange(d, d);
            }
            String firstUnit = m.group(2).isEmpty() ? m.group(4) : m.group(2);
            return new DelayRange(duration(m.group(1), firstUnit), duration(m.group(3), m.group(4)));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(parameter + ":")) {
                throw e;
            }
            throw invalid(parameter, text, e.getMessage());
        }
    }

    private static Duration duration(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    private static IllegalArgumentException invalid(String parameter, String text, String why) {
        return new IllegalArgumentException(parameter + ": invalid value '" + text + "': " + why);
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
