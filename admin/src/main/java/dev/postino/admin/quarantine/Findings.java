package dev.postino.admin.quarantine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The findings of a held message, read from the {@code postino.attachments.findings} attribute as
 * WebAdmin shows it.
 *
 * <p>WebAdmin renders every mail attribute as the Java text of its value, so the list of maps that
 * the inspection stored arrives as
 * {@code [AttributeValue{value={code=AttributeValue{value=DOUBLE_EXTENSION, serializer=StringSerializer},
 * section=…, path=…, message=…, filename=…}, serializer=MapSerializer}, …]}, with nothing escaped: a
 * file name may contain the very text that separates the values. The reader takes the keys in the
 * order Postino writes them and ends each value at the first separator followed by the next key.
 *
 * <p>A forged separator inside a name could make that reading swallow a real finding into a path.
 * So the reader also counts every place where a code, a section and the start of a path follow each
 * other exactly as Postino writes them, with a code and a section number of the right shape. Each
 * real finding has one such place, and nothing the sender wrote sits between its parts: if the
 * reading does not account for every one of them, the findings are {@link #readable() unreadable}
 * and {@link #codes()} lists every code found anywhere in the text. So the codes shown are never fewer
 * than the real ones; a forged name can add a reason, never hide one.
 */
public record Findings(List<Finding> items, List<String> codes, boolean readable, String raw) {

    private static final String VALUE = "AttributeValue{value=";
    private static final String STRING_END = ", serializer=StringSerializer}";
    private static final String MAP_START = VALUE + "{code=" + VALUE;
    private static final String MAP_END = STRING_END + "}, serializer=MapSerializer}";
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]+");
    private static final Pattern SECTION = Pattern.compile("[0-9.]*");
    private static final Pattern ANY_CODE = Pattern.compile(
        Pattern.quote("code=" + VALUE) + "([A-Z0-9_]+)" + Pattern.quote(STRING_END));
    private static final Pattern FINDING_START = Pattern.compile(
        Pattern.quote("code=" + VALUE) + "([A-Z0-9_]+)" + Pattern.quote(STRING_END + ", section=" + VALUE)
            + "[0-9.]*" + Pattern.quote(STRING_END + ", path=" + VALUE));

    public Findings {
        items = List.copyOf(items);
        codes = List.copyOf(codes);
    }

    /** No findings attribute on the mail. */
    public static Findings none() {
        return new Findings(List.of(), List.of(), true, "");
    }

    /** The attribute's text as WebAdmin returned it; {@code null} for a mail without it. */
    public static Findings fromWebAdmin(String text) {
        if (text == null) {
            return none();
        }
        int starts = 0;
        Matcher matcher = FINDING_START.matcher(text);
        while (matcher.find()) {
            starts++;
        }
        List<Finding> items = read(text);
        if (items == null || items.size() != starts) {
            List<String> codes = new ArrayList<>();
            Matcher code = ANY_CODE.matcher(text);
            while (code.find()) {
                codes.add(code.group(1));
            }
            return new Findings(List.of(), distinct(codes), false, text);
        }
        return new Findings(items, distinct(items.stream().map(Finding::code).toList()), true, text);
    }

    private static List<String> distinct(List<String> codes) {
        return List.copyOf(new LinkedHashSet<>(codes));
    }

    /** The findings in the order Postino writes them, or null when the text does not have that shape. */
    private static List<Finding> read(String text) {
        if (!text.startsWith("[") || !text.endsWith("]")) {
            return null;
        }
        List<Finding> items = new ArrayList<>();
        if (text.equals("[]")) {
            return items;
        }
        int end = text.length() - 1;
        int at = 1;
        while (true) {
            if (!text.startsWith(MAP_START, at)) {
                return null;
            }
            Cursor cursor = new Cursor(text, at + MAP_START.length());
            String code = cursor.until(STRING_END + ", section=" + VALUE);
            String section = cursor.until(STRING_END + ", path=" + VALUE);
            String path = cursor.until(STRING_END + ", message=" + VALUE);
            String message = cursor.until(STRING_END + ", filename=" + VALUE);
            if (message == null) {
                return null;
            }
            // The file name ends where the map ends and either the next finding or the list begins.
            int close = text.indexOf(MAP_END, cursor.at);
            while (close >= 0 && close + MAP_END.length() != end && !text.startsWith(", " + MAP_START, close + MAP_END.length())) {
                close = text.indexOf(MAP_END, close + 1);
            }
            if (close < 0 || !CODE.matcher(code).matches() || !SECTION.matcher(section).matches()) {
                return null;
            }
            items.add(new Finding(code, section, path, message, text.substring(cursor.at, close)));
            at = close + MAP_END.length();
            if (at == end) {
                return items;
            }
            at += 2;
        }
    }

    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text, int at) {
            this.text = text;
            this.at = at;
        }

        /** The text up to {@code separator} (consumed), or null, and every later call null, if there is none. */
        String until(String separator) {
            if (at < 0) {
                return null;
            }
            int found = text.indexOf(separator, at);
            if (found < 0) {
                at = -1;
                return null;
            }
            String value = text.substring(at, found);
            at = found + separator.length();
            return value;
        }
    }
}
