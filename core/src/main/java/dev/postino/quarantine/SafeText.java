package dev.postino.quarantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders attacker-chosen text (file names, archive paths, Message-IDs) so that it can be shown in a
 * notice or a log line without doing what the attacker wanted.
 *
 * <ul>
 *   <li>Control characters (CR and LF first: header and log injection), bidirectional controls
 *       (U+202E makes {@code x\u202Efdp.exe} display as {@code xexe.pdf}), zero-width characters and
 *       line/paragraph separators are shown as a visible {@code [U+202E]} token, never passed on.</li>
 *   <li>Runs of three or more spaces (the {@code bollettino.pdf<60 spaces>.exe} padding trick) are
 *       shown as {@code [60 spaces]}, so the real extension stays on screen.</li>
 *   <li>Very long names keep their beginning and their end (where the real extension is), joined by
 *       {@code …}.</li>
 *   <li>For notices, dots are shown as {@code [.]}: {@code bollettino.zip} is also a domain name
 *       (.zip is a top-level domain) that mail programs would turn into a link.</li>
 * </ul>
 */
public final class SafeText {

    /** The longest name shown, in display characters, before the middle is cut out. */
    public static final int DEFAULT_MAX_LENGTH = 100;

    private static final int SPACE_RUN = 3;

    private SafeText() {
    }

    /** The name made harmless and bounded, dots left as they are (for logs and admin-facing text). */
    public static String displayName(String raw) {
        return displayName(raw, DEFAULT_MAX_LENGTH);
    }

    public static String displayName(String raw, int maxLength) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String> tokens = tokens(raw);
        return shorten(tokens, Math.max(maxLength, 20));
    }

    /** {@link #displayName(String)} plus link defanging: what goes into a notice a user reads. */
    public static String forNotice(String raw) {
        return defang(displayName(raw));
    }

    /** Keeps mail programs from turning text into a link: dots become {@code [.]}, {@code ://} becomes {@code [:]//}. */
    public static String defang(String text) {
        return text.replace("://", "[:]//").replace(".", "[.]");
    }

    private static List<String> tokens(String raw) {
        List<String> tokens = new ArrayList<>();
        int[] codePoints = raw.codePoints().toArray();
        int i = 0;
        while (i < codePoints.length) {
            int cp = codePoints[i];
            if (cp == ' ' || Character.isSpaceChar(cp) && !isLineOrParagraph(cp)) {
                int end = i;
                while (end < codePoints.length && (codePoints[end] == ' '
                        || Character.isSpaceChar(codePoints[end]) && !isLineOrParagraph(codePoints[end]))) {
                    end++;
                }
                int run = end - i;
                if (run >= SPACE_RUN) {
                    tokens.add("[" + run + " spaces]");
                } else {
                    for (int k = 0; k < run; k++) {
                        tokens.add(" ");
                    }
                }
                i = end;
                continue;
            }
            tokens.add(isHidden(cp) ? String.format(Locale.ROOT, "[U+%04X]", cp) : Character.toString(cp));
            i++;
        }
        return tokens;
    }

    private static boolean isLineOrParagraph(int cp) {
        int type = Character.getType(cp);
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isHidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
            || type == Character.FORMAT
            || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR
            || type == Character.SURROGATE
            || type == Character.PRIVATE_USE
            || type == Character.UNASSIGNED;
    }

    private static String shorten(List<String> tokens, int maxLength) {
        int total = tokens.stream().mapToInt(String::length).sum();
        if (total <= maxLength) {
            return String.join("", tokens);
        }
        int tailBudget = maxLength / 3;
        int headBudget = maxLength - tailBudget - 1;
        StringBuilder head = new StringBuilder();
        int h = 0;
        while (h < tokens.size() && head.length() + tokens.get(h).length() <= headBudget) {
            head.append(tokens.get(h++));
        }
        StringBuilder tail = new StringBuilder();
        int t = tokens.size() - 1;
        while (t >= h && tail.length() + tokens.get(t).length() <= tailBudget) {
            tail.insert(0, tokens.get(t--));
        }
        return head + "…" + tail;
    }
}
