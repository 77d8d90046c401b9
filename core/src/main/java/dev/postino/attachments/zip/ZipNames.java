package dev.postino.attachments.zip;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import dev.postino.mime.Utf8;

/** Entry-name decoding and comparison, as APPNOTE.TXT (appendix D) and Windows define them. */
final class ZipNames {

    /**
     * CP437's upper half (0x80–0xFF); the lower half is ASCII, as every ZIP tool reads it. Kept
     * here rather than {@code Charset.forName("IBM437")} because that charset lives in the
     * optional {@code jdk.charsets} module, absent from trimmed runtimes.
     */
    private static final String CP437_HIGH =
            "\u00C7\u00FC\u00E9\u00E2\u00E4\u00E0\u00E5\u00E7\u00EA\u00EB\u00E8\u00EF\u00EE\u00EC\u00C4\u00C5"
            + "\u00C9\u00E6\u00C6\u00F4\u00F6\u00F2\u00FB\u00F9\u00FF\u00D6\u00DC\u00A2\u00A3\u00A5\u20A7\u0192"
            + "\u00E1\u00ED\u00F3\u00FA\u00F1\u00D1\u00AA\u00BA\u00BF\u2310\u00AC\u00BD\u00BC\u00A1\u00AB\u00BB"
            + "\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510"
            + "\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567"
            + "\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580"
            + "\u03B1\u00DF\u0393\u03C0\u03A3\u03C3\u00B5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229"
            + "\u2261\u00B1\u2265\u2264\u2320\u2321\u00F7\u2248\u00B0\u2219\u00B7\u221A\u207F\u00B2\u25A0\u00A0";

    private ZipNames() {
    }

    /** A decoded name, and why it is not valid in its declared encoding (null when it is). */
    record Decoded(String name, String problem) {
    }

    /**
     * Decodes as UTF-8 when the language-encoding flag (bit 11) is set, CP437 otherwise.
     * Invalid UTF-8 (overlong forms and lone surrogates included) is replaced with U+FFFD and
     * reported; so are NUL and other C0/DEL control characters in either encoding, which C
     * extractors truncate at or terminals interpret.
     */
    static Decoded decode(byte[] raw, boolean utf8) {
        String name;
        String problem = null;
        if (utf8) {
            Optional<String> strict = Utf8.strict(raw);
            name = strict.orElseGet(() -> new String(raw, StandardCharsets.UTF_8));
            if (strict.isEmpty()) {
                problem = "the UTF-8 flag is set but the name is not valid UTF-8";
            }
        } else {
            name = cp437(raw);
        }
        if (problem == null) {
            problem = controlCharacterProblem(name);
        }
        return new Decoded(name, problem);
    }

    /** Decodes a valid-by-construction UTF-8 name (Info-ZIP Unicode Path field); null if invalid. */
    static String strictUtf8(byte[] raw) {
        Decoded decoded = decode(raw, true);
        return decoded.problem() == null || decoded.problem().startsWith("contains") ? decoded.name() : null;
    }

    static String cp437(byte[] raw) {
        char[] chars = new char[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int b = raw[i] & 0xFF;
            chars[i] = b < 0x80 ? (char) b : CP437_HIGH.charAt(b - 0x80);
        }
        return new String(chars);
    }

    private static String controlCharacterProblem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                return "contains a NUL character at position " + i + " (C extractors cut the name there)";
            }
            if (c < 0x20 || c == 0x7F) {
                return String.format("contains the control character U+%04X at position %d", (int) c, i);
            }
        }
        return null;
    }

    /**
     * The file an extractor on a case-insensitive, Unicode-normalising file system (Windows,
     * macOS) writes: NFC, case-folded, {@code \} read as {@code /}, and every path segment
     * stripped of the trailing dots and spaces Windows ignores, trailing slash included.
     */
    static String extractionKey(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFC).replace('\\', '/');
        StringBuilder key = new StringBuilder(s.length());
        for (String segment : s.split("/", -1)) {
            int end = segment.length();
            while (end > 0 && (segment.charAt(end - 1) == '.' || segment.charAt(end - 1) == ' ')) {
                end--;
            }
            String trimmed = segment.substring(0, end);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(trimmed.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
        }
        return key.toString();
    }
}
