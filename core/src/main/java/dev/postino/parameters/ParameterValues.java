package dev.postino.parameters;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of configuration values every Postino matcher and mailet uses, so that the same
 * words mean the same thing everywhere: a boolean, a size, a duration, a range of durations, a
 * number, a list. A bad value is an {@link IllegalArgumentException} whose message names the
 * parameter and quotes the value:
 * {@code maxTime: invalid value '10 sec': expected a duration such as 500ms, 10s, 90m or 2h}.
 */
public final class ParameterValues {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]?)B?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern DURATION_RANGE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?\\s*-\\s*(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,;\\s]+");

    private ParameterValues() {
    }

    /** {@code true}, {@code false}, {@code yes} or {@code no}, in any case; blank means {@code defaultValue}. */
    public static boolean bool(String parameter, String value, boolean defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw invalid(parameter, value, "expected true or false");
        };
    }

    /** A size in bytes: digits with an optional {@code K}, {@code M} or {@code G} (powers of 1024) and {@code B}; at least 1. */
    public static long size(String parameter, String value) {
        Matcher m = SIZE.matcher(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(parameter, value, "expected a size such as 512K, 100M or 1G");
        }
        try {
            long number = Long.parseLong(m.group(1));
            long size = switch (m.group(2)) {
                case "K" -> Math.multiplyExact(number, 1L << 10);
                case "M" -> Math.multiplyExact(number, 1L << 20);
                case "G" -> Math.multiplyExact(number, 1L << 30);
                default -> number;
            };
            if (size < 1) {
                throw invalid(parameter, value, "expected at least 1 byte");
            }
            return size;
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(parameter, value, "too large");
        }
    }

    /** A duration with its unit: {@code ms}, {@code s}, {@code m} or {@code h}; at least one millisecond. */
    public static Duration duration(String parameter, String value) {
        Matcher m = DURATION.matcher(value == null ? "" : value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(parameter, value, "expected a duration such as 500ms, 10s, 90m or 2h");
        }
        Duration duration = duration(parameter, value, m.group(1), m.group(2));
        if (duration.isZero()) {
            throw invalid(parameter, value, "expected more than zero");
        }
        return duration;
    }

    /** The shortest and the longest of a {@link #durationRange}; equal for a single duration. */
    public record DurationRange(Duration min, Duration max) {
    }

    /**
     * A range of durations, {@code min-max}, with the units of {@link #duration}: {@code 400s-800s},
     * {@code 1m-90s}, or {@code 400-800s} where the first unit, left out, is the second's; or one
     * duration such as {@code 90m} (min = max). Zero is allowed, since a range may mean "no wait";
     * min must not exceed max.
     */
    public static DurationRange durationRange(String parameter, String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Matcher single = DURATION.matcher(text);
        if (single.matches()) {
            Duration duration = duration(parameter, value, single.group(1), single.group(2));
            return new DurationRange(duration, duration);
        }
        Matcher range = DURATION_RANGE.matcher(text);
        if (!range.matches()) {
            throw invalid(parameter, value, "expected a range such as 400-800s, 400s-800s or 1m-90s, or one duration such as 90m");
        }
        String minUnit = range.group(2) == null ? range.group(4) : range.group(2);
        Duration min = duration(parameter, value, range.group(1), minUnit);
        Duration max = duration(parameter, value, range.group(3), range.group(4));
        if (min.compareTo(max) > 0) {
            throw invalid(parameter, value, "min " + range.group(1) + minUnit + " is greater than max " + range.group(3) + range.group(4));
        }
        return new DurationRange(min, max);
    }

    private static Duration duration(String parameter, String value, String number, String unit) {
        try {
            long n = Long.parseLong(number);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(parameter, value, "too large");
        }
    }

    /** A whole number from 1 to {@code max}. */
    public static long positive(String parameter, String value, long max) {
        try {
            long number = Long.parseLong(value == null ? "" : value.strip());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(parameter, value, "expected a whole number from 1 to " + max);
    }

    /** The entries of a list separated by commas, semicolons or white space, in order, empty ones dropped. */
    public static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(LIST_SEPARATORS.split(value.strip())).filter(entry -> !entry.isEmpty()).toList();
    }

    /** The error every reading here throws: the parameter, the value as written, what was expected. */
    public static IllegalArgumentException invalid(String parameter, String value, String expected) {
        return new IllegalArgumentException(parameter + ": invalid value '" + value + "': " + expected);
    }
}
