package dev.postino.attachments.names;

import java.text.Normalizer;
import java.util.Locale;

/** Normalising and sanitising attachment and archive-entry names. */
public final class FileNames {

    private static final int MAX_DISPLAY_LENGTH = 200;

    private FileNames() {
    }

    /**
     * True for characters that change how a name is displayed without being visible: bidi embeddings
     * and overrides (U+202A–202E, the RTLO trick), isolates (U+2066–2069), marks (U+200E/F, U+061C),
     * zero-width characters (U+200B–200D, U+2060–2064, U+FEFF, U+180E) and control characters.
     */
    public static boolean isHidden(int codePoint) {
        return (codePoint >= 0x200B && codePoint <= 0x200F)
            || (codePoint >= 0x202A && codePoint <= 0x202E)
            || (codePoint >= 0x2060 && codePoint <= 0x2069)
            || codePoint == 0xFEFF || codePoint == 0x180E || codePoint == 0x061C
            || Character.getType(codePoint) == Character.CONTROL;
    }

    public static boolean containsHidden(String name) {
        return name.codePoints().anyMatch(FileNames::isHidden);
    }

    /**
     * The name as Windows would act on it: NFKC (full-width letters become ASCII), hidden characters
     * removed, every Unicode space made an ASCII space, only the last path segment, trailing dots and
     * spaces removed (Windows ignores them, CVE-2023-38831), lower-cased.
     */
    public static String normalise(String name) {
        String text = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder builder = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (isHidden(codePoint)) {
                return;
            }
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                builder.append(' ');
            } else {
                builder.appendCodePoint(codePoint);
            }
        });
        String result = builder.toString();
        int slash = Math.max(result.lastIndexOf('/'), result.lastIndexOf('\\'));
        if (slash >= 0) {
            result = result.substring(slash + 1);
        }
        int end = result.length();
        while (end > 0 && (result.charAt(end - 1) == '.' || result.charAt(end - 1) == ' ')) {
            end--;
        }
        return result.substring(0, end).strip().toLowerCase(Locale.ROOT);
    }

    /** The extension of a normalised name without the dot, or "" if none. */
    public static String extension(String normalisedName) {
        int dot = normalisedName.lastIndexOf('.');
        return dot < 0 ? "" : normalisedName.substring(dot + 1).strip();
    }

    /**
     * A name safe for a header, a log line or a report: control characters (CR, LF, …) and hidden
     * characters become {@code _}, the length is capped.
     */
    public static String sanitise(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder builder = new StringBuilder(Math.min(name.length(), MAX_DISPLAY_LENGTH + 1));
        name.codePoints().forEach(codePoint -> builder.appendCodePoint(isHidden(codePoint) ? '_' : codePoint));
        String result = builder.toString();
        if (result.length() > MAX_DISPLAY_LENGTH) {
            result = result.substring(0, MAX_DISPLAY_LENGTH) + "…";
        }
        return result;
    }
}
