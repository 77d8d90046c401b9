package dev.postino.notices;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one template mechanism of every notice: {@code {name}} placeholders, checked when a template
 * is loaded and replaced in one pass when it is rendered, so a value that happens to contain
 * {@code {id}} is never expanded again.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private Placeholders() {
    }

    /**
     * Rejects a template that names a placeholder outside {@code known}: a typo must stop the start,
     * not show up in the first notice as {@code {attachmens}}.
     *
     * @throws IllegalArgumentException starting with {@code origin}, naming the placeholder and the known ones
     */
    public static String check(String origin, String template, Set<String> known) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                throw new IllegalArgumentException(origin + ": unknown placeholder {" + m.group(1)
                    + "} (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return template;
    }

    /** Replaces each {@code {name}} with its value in one pass; anything else stays as written. */
    public static String render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int close = template.indexOf('}', i + 1);
                if (close > i) {
                    String value = values.get(template.substring(i + 1, close));
                    if (value != null) {
                        out.append(value);
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
