package dev.postino.subject;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a Subject back as a header value that any RFC 5322 / RFC 2047 reader accepts.
 *
 * <ul>
 *   <li>The text is read as words, each with the spaces before it; a single space separates
 *       words and is where a line may fold. A word of printable ASCII that fits on a line stays
 *       plain and readable; every other word (non-ASCII, control characters, a literal
 *       {@code =?}, longer than a line, spaces the reader would drop at either end, a final
 *       backslash that a fold after it would turn into an escape) is encoded,
 *       together with its neighbours that need it too, so a cut spam Subject ending in "…" keeps
 *       its plain words readable in the raw header.</li>
 *   <li>Encoding is RFC 2047 encoded words in the original charset when it is one mail clients
 *       know under its name ({@link #KEPT_CHARSETS}) and it represents the whole text exactly as
 *       readers decode it (a Japanese mail stays ISO-2022-JP, an Italian one ISO-8859-1),
 *       otherwise UTF-8; Q or B, whichever is shorter (B always for ISO-2022-JP, by custom).</li>
 *   <li>Every encoded word is at most 75 characters and holds whole characters only (RFC 2047
 *       §2 and §5), so a word never ends inside a UTF-8 sequence, a surrogate pair or an
 *       ISO-2022-JP escape run; a word is started on a line only when its first character fits
 *       there, else the line is folded first.</li>
 *   <li>Every line, the first with its {@code "Subject: "}, is at most 78 characters, whatever the
 *       text: runs of spaces, long words and wide characters included.</li>
 * </ul>
 * The text is expected as {@link SubjectDecoder} gives it: no CR, LF or NUL, no lone surrogate.
 * The result never contains a bare CR or LF; folds are CRLF + space. Linear in the text length.
 */
public final class SubjectEncoder {

    /** RFC 2047 §2: an encoded word is at most 75 characters. */
    public static final int MAX_ENCODED_WORD = 75;
    /** RFC 5322 §2.1.1: a line SHOULD be at most 78 characters. */
    public static final int MAX_LINE = 78;
    static final String FOLD = "\r\n ";

    /**
     * The charsets a Subject keeps when it can: IANA names that mail clients decode (they are the
     * WHATWG Encoding Standard's labels too) and the JDK writes under that name. Anything else
     * (UTF-16 with its byte order mark, EBCDIC, {@code x-windows-949}, Java-only names) becomes
     * UTF-8, which every reader knows. The names are short, so a word always has room for a
     * character after a fold.
     */
    static final Set<String> KEPT_CHARSETS = Set.of("UTF-8",
        "ISO-8859-1", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5", "ISO-8859-6", "ISO-8859-7",
        "ISO-8859-8", "ISO-8859-9", "ISO-8859-13", "ISO-8859-15", "ISO-8859-16",
        "windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254", "windows-1255",
        "windows-1256", "windows-1257", "windows-1258", "KOI8-R", "KOI8-U",
        "ISO-2022-JP", "Shift_JIS", "EUC-JP", "EUC-KR", "GB2312", "GBK", "GB18030", "Big5");

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    /** Leave room for a few encoded characters before starting a word at the end of a line. */
    private static final int MIN_USEFUL_WORD_PAYLOAD = 8;

    private SubjectEncoder() {
    }

    /**
     * Encodes and folds {@code text} as the value of header {@code fieldName}.
     *
     * @param text      the decoded text
     * @param preferred the charset to keep if it can represent {@code text}
     * @param fieldName the header name, to account for {@code "Subject: "} on the first line
     * @return the value to store after {@code "Subject: "}, folded with CRLF + space
     */
    public static String encode(String text, Optional<Charset> preferred, String fieldName) {
        if (text.isEmpty()) {
            return "";
        }
        int firstLine = fieldName.length() + 2;
        Lines lines = new Lines(firstLine);
        Charset charset = chooseCharset(text, preferred);
        List<Word> words = words(text, MAX_LINE - firstLine);
        int i = 0;
        while (i < words.size()) {
            if (words.get(i).plain) {
                lines.word(text.substring(words.get(i).start, words.get(i).end));
                i++;
                continue;
            }
            // Neighbours that need encoding go into the same run: the spaces between them are
            // encoded too, and adjacent encoded words read back joined (RFC 2047 §6.2).
            int last = i;
            while (last + 1 < words.size() && !words.get(last + 1).plain) {
                last++;
            }
            encodeRun(text.substring(words.get(i).start, words.get(last).end), charset, lines);
            i = last + 1;
        }
        return lines.toString();
    }

    /** A word of the text: the spaces before it (after the one that separates it), then non-spaces. */
    private record Word(int start, int end, boolean plain) {
    }

    /**
     * Splits the text at single spaces: extra spaces belong to the word after them (a fold in
     * front of it keeps them), spaces at the very end to the last word. A word stays plain when
     * it is printable ASCII without {@code =?} or a final backslash, fits on a line of its own
     * (the first word next to the field name), and has no space a reader would drop (at the
     * start or end of the text).
     */
    private static List<Word> words(String text, int firstLineRoom) {
        List<Word> words = new ArrayList<>();
        int n = text.length();
        int start = 0;
        while (true) {
            int end = start;
            while (end < n && text.charAt(end) == ' ') {
                end++;
            }
            while (end < n && text.charAt(end) != ' ') {
                end++;
            }
            int next = end;
            while (next < n && text.charAt(next) == ' ') {
                next++;
            }
            if (next == n) {
                end = n; // spaces at the end stay with the last word
            }
            boolean first = start == 0;
            int room = first ? firstLineRoom : MAX_LINE - 1;
            boolean plain = end - start <= room && isPlainWord(text, start, end, first);
            words.add(new Word(start, end, plain));
            if (end == n) {
                return words;
            }
            start = end + 1;
        }
    }

    private static boolean isPlainWord(String text, int start, int end, boolean first) {
        // A backslash before a fold reads as an escaped line break to Jakarta Mail's unfold.
        char last = text.charAt(end - 1);
        if (last == ' ' || last == '\\' || first && text.charAt(start) == ' ') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '=' && i + 1 < end && text.charAt(i + 1) == '?') {
                return false;
            }
        }
        return true;
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

    /**
     * The preferred charset when it is one of {@link #KEPT_CHARSETS} and gives back exactly the
     * text, both to the JDK and to {@link SubjectDecoder} (which reads ISO-8859-1 as windows-1252,
     * as browsers and mail clients do, so C1 controls in a Latin-1 text would not survive);
     * UTF-8 otherwise.
     */
    static Charset chooseCharset(String text, Optional<Charset> preferred) {
        return preferred
            .filter(c -> KEPT_CHARSETS.contains(c.name()))
            .filter(c -> c.newEncoder().canEncode(text))
            .filter(c -> readsBack(text, c))
            .orElse(StandardCharsets.UTF_8);
    }

    private static boolean readsBack(String text, Charset charset) {
        byte[] bytes = text.getBytes(charset);
        return new String(bytes, charset).equals(text)
            && SubjectDecoder.decodeBytes(bytes, charset.name()).equals(text);
    }

    /**
     * Encoded words for {@code run}, each at most 75 characters and on a line of at most 78. A
     * word starts on the current line only when its first character (and a few more) fit there;
     * otherwise the line is folded first, and a fresh line always has room.
     */
    private static void encodeRun(String run, Charset charset, Lines lines) {
        byte[] all = run.getBytes(charset);
        boolean useB = charset.equals(ISO_2022_JP) || base64Length(all.length) < qLength(all);
        String head = "=?" + charset.name() + "?" + (useB ? 'B' : 'Q') + "?";
        int overhead = head.length() + 2;
        int i = 0;
        while (i < run.length()) {
            int first = encodedLength(run.substring(i, i + Character.charCount(run.codePointAt(i))), charset, useB);
            if (lines.room() < overhead + Math.max(first, MIN_USEFUL_WORD_PAYLOAD)) {
                lines.fold();
            }
            int end = chunkEnd(run, i, charset, useB, Math.min(MAX_ENCODED_WORD, lines.room()) - overhead);
            lines.word(head + encodePayload(run.substring(i, end).getBytes(charset), useB) + "?=");
            i = end;
        }
    }

    /**
     * The end of the longest run of whole code points from {@code start} whose encoding fits in
     * {@code budget} characters (at least one code point). For stateless charsets the bytes of
     * each code point simply add up; a stateful one (ISO-2022-JP) is measured by re-encoding the
     * run, closing escape included. Either way a run is bounded by the budget, so the cost per
     * code point is bounded and the total stays linear.
     */
    private static int chunkEnd(String text, int start, Charset charset, boolean useB, int budget) {
        boolean stateful = charset.equals(ISO_2022_JP);
        int end = start + Character.charCount(text.codePointAt(start));
        int bytes = stateful ? 0 : text.substring(start, end).getBytes(charset).length;
        int qLen = stateful || useB ? 0 : qLength(text.substring(start, end).getBytes(charset));
        while (end < text.length()) {
            int next = end + Character.charCount(text.codePointAt(end));
            int len;
            if (stateful) {
                len = encodedLength(text.substring(start, next), charset, useB);
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

    /** The length of {@code text} as the payload of one B or Q encoded word. */
    private static int encodedLength(String text, Charset charset, boolean useB) {
        byte[] bytes = text.getBytes(charset);
        return useB ? base64Length(bytes.length) : qLength(bytes);
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

    /** The folded value being written, and where its last line stands. */
    private static final class Lines {
        private final StringBuilder out = new StringBuilder();
        private int lineLength;
        private boolean lineHasWord;

        Lines(int firstLineLength) {
            this.lineLength = firstLineLength;
        }

        /** Characters a word may take on the current line, its separating space deducted. */
        int room() {
            return MAX_LINE - lineLength - (lineHasWord ? 1 : 0);
        }

        void fold() {
            if (lineHasWord) {
                out.append(FOLD);
                lineLength = 1;
                lineHasWord = false;
            }
        }

        /** Appends a word, after a space, or after a fold when the line has no room for it. */
        void word(String word) {
            if (word.length() > room()) {
                fold();
            }
            if (lineHasWord) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
            lineHasWord = true;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
