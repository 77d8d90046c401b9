package dev.postino.subject;

import java.util.Locale;

/** What a Subject length is measured in. */
public enum LengthUnit {
    /** User-perceived characters (extended grapheme clusters) of the decoded text. */
    CHARACTERS,
    /** Bytes of the whole header field on the wire: name, colon, encoded words, folds. */
    BYTES;

    /** Parses {@code characters} or {@code bytes} (any case); throws on anything else. */
    public static LengthUnit parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "characters", "character", "chars" -> CHARACTERS;
            case "bytes", "byte" -> BYTES;
            default -> throw new IllegalArgumentException(
                "unit must be 'characters' or 'bytes', not '" + value + "'");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
