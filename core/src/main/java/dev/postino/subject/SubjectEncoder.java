package dev.postino.subject;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes a Subject back as a header value that any RFC 5322 / RFC 2047 reader accepts.
 *
 * <ul>
 *   <li>Printable ASCII stays readable and unencoded, folded at spaces so that lines stay within
 *       78 characters where the text allows (a single word longer than a line is kept whole; the
 *       value is encoded instead if that would break the hard 998 limit of RFC 5322 §2.1.1).</li>
 *   <li>Otherwise the leading plain ASCII words stay plain too, and encoding starts at the first
 *       word that needs it (a cut spam Subject ending in "…" stays readable in the raw header).</li>
 *   <li>What needs encoding becomes RFC 2047 encoded words: in the original charset when it can
 *       represent the whole text (a Japanese mail stays ISO-2022-JP, an Italian one ISO-8859-1),
 *       otherwise UTF-8; Q or B, whichever is shorter (B always for ISO-2022-JP, by custom).
 *       Every encoded word is at most 75 characters and holds whole characters only (RFC 2047
 *       §2 and §5), so a word never ends inside a UTF-8 sequence, a surrogate pair or an
 *       ISO-2022-JP escape run; every line, the first with its {@code "Subject: "}, is at most
 *       78 characters.</li>
 * </ul>
 * The result never contains a bare CR or LF; folds are CRLF + space. Linear in the text length.
 */
public final class SubjectEncoder {

    /** RFC 2047 §2: an encoded word is at most 75 characters. */
    public static final int MAX_ENCODED_WORD = 75;
    /** RFC 5322 §2.1.1: a line SHOULD be at most 78 characters. */
    public static final int MAX_LINE = 78;
    /** RFC 5322 §2.1.1: a line MUST be at most 998 characters. */
    public static final int HARD_MAX_LINE = 998;
    static final String FOLD = "\r\n ";

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    /** Leave room for a few encoded characters before starting a word at the end of a line. */
    private static final int MIN_USEFUL_WORD_PAYLOAD = 8;

    private SubjectEncoder() {
    }

    /**
     * Encodes and folds {@code text} as the value of header {@code fieldName}.
     *
     * @param text      the decoded text (no CR or LF expected; they would be encoded anyway)
     * @param preferred the charset to keep if it can represent {@code text}
     * @param fieldName the header name, to account for {@code "Subject: "} on the first line
     * @return the value to store after {@code "Subject: "}, folded with CRLF + space
     */
    public static String encode(String text, Optional<Charset> preferred, String fieldName) {
        int firstLine = fieldName.length() + 2;
        if (isPlain(text)) {
            String folded = foldPlain(text, firstLine);
            if (folded != null) {
                return folded;
            }
        }
        int split = plainPrefixEnd(text);
        if (split > 0) {
            // Keep the readable ASCII words plain and encode from the first word that needs it:
            // the space between plain text and an encoded word is kept when decoding (§6.2).
            String folded = foldPlain(text.substring(0, split), firstLine);
            if (folded != null) {
                int lastFold = folded.lastIndexOf(FOLD);
                int lineLen = lastFold < 0 ? firstLine + folded.length() : folded.length() - lastFold - 2;
                String rest = text.substring(split + 1);
                return folded + encodeWords(rest, chooseCharset(rest, preferred), lineLen, true);
            }
        }
        return encodeWords(text, chooseCharset(text, preferred), firstLine, false);
    }

    /**
     * The index of the space that ends the leading run of plain ASCII words, or -1 when the text
     * starts with a word that needs encoding.
     */
    static int plainPrefixEnd(String text) {
        int first = 0;
        while (first < text.length()) {
            char c = text.charAt(first);
            if (c < 0x20 || c > 0x7e || text.startsWith("=?", first)) {
                break;
            }
            first++;
        }
        int space = text.lastIndexOf(' ', first);
        while (space > 0 && text.charAt(space - 1) == ' ') {
            space--;
        }
        return space > 0 ? space : -1;
    }

    /** The size in bytes of the header field {@code name: value} on the wire, folds included. */
    public static int wireLength(String fieldName, String value) {
        return fieldName.length() + 2 + wireBytes(value);
    }

    /**
     * Bytes of a header text as Jakarta Mail holds it: one char per byte when nothing is above
     * U+00FF (the default, where a raw 8-bit header byte becomes one char), else UTF-8.
     */
    public static int wireBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }

    static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        // A literal "=?" could be read back as the start of an encoded word.
        return !text.contains("=?") && (text.isEmpty() || (text.charAt(0) != ' '
            && text.charAt(text.length() - 1) != ' '));
    }

    /** Folds plain text at spaces; null when some line would exceed the hard 998 limit. */
    private static String foldPlain(String text, int firstLine) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 30 + 8);
        int lineLen = firstLine;
        int lineStart = firstLine;
        int i = 0;
        int n = text.length();
        boolean first = true;
        while (i <= n) {
            int space = text.indexOf(' ', i);
            int end = space < 0 ? n : space;
            int wordLen = end - i;
            if (first) {
                first = false;
            } else if (wordLen > 0 && lineLen > lineStart && lineLen + 1 + wordLen > MAX_LINE) {
                out.append(FOLD);
                lineLen = 1;
                lineStart = 1;
            } else {
                out.append(' ');
                lineLen++;
            }
            out.append(text, i, end);
            lineLen += wordLen;
            if (lineLen > HARD_MAX_LINE) {
                return null;
            }
            if (space < 0) {
                break;
            }
            i = space + 1;
        }
        return out.toString();
    }

    static Charset chooseCharset(String text, Optional<Charset> preferred) {
        if (preferred.isPresent()) {
            Charset c = preferred.get();
            if (!c.equals(StandardCharsets.US_ASCII) && c.canEncode()
                && c.newEncoder().canEncode(text)) {
                return c;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * Encoded words for {@code text}, starting on a line already {@code lineLen} long; when the
     * line already has content, the first word is separated from it by a space or a fold.
     */
    private static String encodeWords(String text, Charset charset, int lineLen, boolean lineHasContent) {
        byte[] all = text.getBytes(charset);
        boolean useB = charset.equals(ISO_2022_JP) || base64Length(all.length) < qLength(all);
        String head = "=?" + charset.name() + "?" + (useB ? 'B' : 'Q') + "?";
        int overhead = head.length() + 2;
        StringBuilder out = new StringBuilder(all.length * 2 + 16);
        boolean lineHasWord = lineHasContent;
        int i = 0;
        int n = text.length();
        if (n == 0) {
            return "";
        }
        while (i < n) {
            int room = MAX_LINE - lineLen - (lineHasWord ? 1 : 0);
            if (lineHasWord && room < overhead + MIN_USEFUL_WORD_PAYLOAD) {
                out.append(FOLD);
                lineLen = 1;
                lineHasWord = false;
                room = MAX_LINE - 1;
            } else if (lineHasWord) {
                out.append(' ');
                lineLen++;
            }
            int budget = Math.min(MAX_ENCODED_WORD, room) - overhead;
            int end = chunkEnd(text, i, charset, useB, budget);
            String word = head + encodePayload(text.substring(i, end).getBytes(charset), useB) + "?=";
            out.append(word);
            lineLen += word.length();
            lineHasWord = true;
            i = end;
        }
        return out.toString();
    }

    /**
     * The end of the longest run of whole code points from {@code start} whose encoding fits in
     * {@code budget} characters (at least one code point). For stateless charsets the bytes of
     * each code point simply add up; a stateful one (ISO-2022-JP) is measured by re-encoding the
     * run, closing escape included. Either way a run is bounded by the budget, so the cost per
     * code point is bounded and the total stays linear.
     */
    private static int chunkEnd(String text, int start, Charset charset, boolean useB, int budget) {
        boolean stateful = isStateful(charset);
        int end = start + Character.charCount(text.codePointAt(start));
        int bytes = stateful ? 0 : text.substring(start, end).getBytes(charset).length;
        int qLen = stateful || useB ? 0 : qLength(text.substring(start, end).getBytes(charset));
        while (end < text.length()) {
            int next = end + Character.charCount(text.codePointAt(end));
            int len;
            if (stateful) {
                byte[] run = text.substring(start, next).getBytes(charset);
                len = useB ? base64Length(run.length) : qLength(run);
            } else {
                byte[] one = text.substring(end, next).getBytes(charset);
                len = useB ? base64Length(bytes + one.length) : qLen + qLength(one);
                if (len <= budget) {
                    bytes += one.length;
                    qLen += useB ? 0 : qLength(one);
                }
            }
            if (len > budget) {
                break;
            }
            end = next;
        }
        return end;
    }

    /** Charsets whose bytes for a character depend on what came before (shift states, BOMs). */
    private static boolean isStateful(Charset charset) {
        String name = charset.name().toUpperCase(java.util.Locale.ROOT);
        return name.contains("2022") || name.startsWith("UTF-16") || name.startsWith("UTF-32")
            || name.startsWith("X-UTF-16") || name.startsWith("X-UTF-32") || name.equals("UTF-7");
    }

    private static int base64Length(int bytes) {
        return (bytes + 2) / 3 * 4;
    }

    private static int qLength(byte[] bytes) {
        int len = 0;
        for (byte b : bytes) {
            len += isQSafe(b) || b == ' ' ? 1 : 3;
        }
        return len;
    }

    /** RFC 2047 §5 (3): the characters allowed unencoded in a Q word inside a Subject. */
    private static boolean isQSafe(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
            || b == '!' || b == '*' || b == '+' || b == '-' || b == '/';
    }

    private static String encodePayload(byte[] bytes, boolean useB) {
        if (useB) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (b == ' ') {
                out.append('_');
            } else if (isQSafe(b)) {
                out.append((char) b);
            } else {
                out.append('=').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
