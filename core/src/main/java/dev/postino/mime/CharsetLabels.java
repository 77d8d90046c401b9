package dev.postino.mime;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM's charsets by every canonical name and alias, in lower case, read once.
 *
 * <p>{@link Charset#forName} and {@link Charset#isSupported} search the charset providers anew for
 * every name they do not know, about 50 µs each: a header with a hundred thousand encoded words or
 * parameters under made-up labels would cost seconds. Here a lookup is one hash, whatever the label.
 */
public final class CharsetLabels {

    private static final Map<String, Charset> BY_LABEL = readAll();

    private CharsetLabels() {
    }

    /** The charset a label names (any case, surrounding blanks ignored), or empty when the JVM has none. */
    public static Optional<Charset> forLabel(String label) {
        return Optional.ofNullable(BY_LABEL.get(label.trim().toLowerCase(Locale.ROOT)));
    }

    private static Map<String, Charset> readAll() {
        Map<String, Charset> all = new HashMap<>();
        for (Charset charset : Charset.availableCharsets().values()) {
            all.put(charset.name().toLowerCase(Locale.ROOT), charset);
            for (String alias : charset.aliases()) {
                all.putIfAbsent(alias.toLowerCase(Locale.ROOT), charset);
            }
        }
        return Map.copyOf(all);
    }
}
