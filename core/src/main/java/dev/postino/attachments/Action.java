package dev.postino.attachments;

import java.util.Locale;

/** What a finding of a category does to the verdict. */
public enum Action {
    /** The finding makes the verdict dangerous. */
    BLOCK,
    /** The finding is recorded but the verdict stays as it is. */
    REPORT,
    /** The finding is dropped. */
    IGNORE;

    /** Parses {@code block}, {@code report} or {@code ignore}, case-insensitively. */
    public static Action parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
