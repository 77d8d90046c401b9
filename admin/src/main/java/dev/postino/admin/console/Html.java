package dev.postino.admin.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.postino.admin.quarantine.Shown;

/**
 * Text into HTML. Every value goes through {@link #text} (element content and quoted attribute values
 * alike: the five characters that can end a text or an attribute are replaced). Text from a mail goes
 * through {@link #shown}, which first makes hidden characters visible as the notices do, then marks
 * those tokens so the administrator sees where the sender hid something.
 */
final class Html {

    private static final Pattern TOKEN = Pattern.compile("\\[U\\+[0-9A-F]{4,6}\\]|\\[\\d+ spaces\\]");

    private Html() {
    }

    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Mail-borne text, sanitised and cut to {@code maxLength} like the notices, escaped, its hidden-character tokens marked. */
    static String shown(String raw, int maxLength) {
        String escaped = text(Shown.text(raw, maxLength));
        // The tokens hold only letters, digits, '+', '[', ']' and spaces: wrapping them cannot open markup.
        Matcher matcher = TOKEN.matcher(escaped);
        return matcher.replaceAll(match -> Matcher.quoteReplacement("<mark title=\"hidden in the mail\">" + match.group() + "</mark>"));
    }
}
