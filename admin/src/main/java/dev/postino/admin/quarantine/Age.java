package dev.postino.admin.quarantine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.postino.admin.UsageException;

/** How long a message has been held, as an administrator types it: {@code 30d}, {@code 12h}, {@code 45m}, {@code 90s}, {@code 2w}. */
public final class Age {

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,9})([smhdw])");

    private Age() {
    }

    public static Duration parse(String option, String text) throws UsageException {
        Matcher matcher = SHAPE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new UsageException(option + ": '" + text + "' is not an age like 30d, 12h, 45m, 90s or 2w");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    /** As WebAdmin's duration parameters take it ({@code updatedBefore=2592000s}). */
    static String forWebAdmin(Duration age) {
        return age.toSeconds() + "s";
    }
}
