package dev.postino.admin.quarantine;

import java.util.Locale;

import dev.postino.quarantine.SafeText;

/**
 * Text from a mail made safe to show, on a terminal or in the console: control characters (escape
 * sequences included), bidirectional controls and zero-width characters become visible tokens such as
 * {@code [U+202E]}, runs of spaces {@code [40 spaces]}, and long text keeps its beginning and its end.
 * The same rendering as the quarantine notices ({@link SafeText}), so an administrator sees what the
 * user saw described.
 */
public final class Shown {

    private Shown() {
    }

    public static String text(String raw, int maxLength) {
        return SafeText.displayName(raw, maxLength);
    }

    /** A message size as listed: {@code 812 B}, {@code 2.3 kB}. */
    public static String bytes(long bytes) {
        return bytes < 1000 ? bytes + " B" : String.format(Locale.ROOT, "%.1f kB", bytes / 1000.0);
    }
}
