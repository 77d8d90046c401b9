package dev.postino.subject;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import dev.postino.mime.CharsetLabels;
import dev.postino.mime.Utf8;

/**
 * Decodes an unstructured header value (a Subject) the lenient way mail clients do, in one pass.
 *
 * <p>Real Subjects are messy, and a cut made on a wrong decoding would be a wrong cut, so this
 * decoder accepts what Thunderbird and friends accept:
 * <ul>
 *   <li>RFC 2047 encoded words, with whitespace between adjacent words dropped (§6.2), and
 *       adjacent words in the same charset joined <em>as bytes</em> before decoding, so a word
 *       split in the middle of a UTF-8 sequence or an ISO-2022-JP escape run decodes whole;</li>
 *   <li>malformed words: unknown encoding letter, no closing {@code ?=} or a character above
 *       U+00FF in the encoded text leave the text literal; raw 8-bit bytes in it are taken as
 *       bytes; bad Base64 characters and padding are skipped; a bad {@code =XX} in Q stays
 *       literal; an unknown charset falls back to UTF-8 when the bytes are valid UTF-8, else to
 *       windows-1252; RFC 2231 language tags ({@code =?utf-8*it?Q?...?=}) are ignored;</li>
 *   <li>ISO-8859-1 and US-ASCII labels decode as windows-1252, as the WHATWG Encoding Standard
 *       and every browser do, because Outlook-era mailers label windows-1252 text (curly quotes,
 *       the euro sign) as ISO-8859-1;</li>
 *   <li>raw 8-bit text outside encoded words (RFC 6532 UTF-8, or legacy 8-bit) — whether it
 *       reaches us as one char per byte or already decoded — decodes as UTF-8 when valid, else
 *       windows-1252;</li>
 *   <li>folding (CRLF + WSP) is unfolded; a stray CR or LF becomes a space; NUL, CR and LF
 *       coming out of an encoded word or left in the raw text become spaces (a decoded CR LF must
 *       never reach a header, and a NUL cuts the text short in C-based readers); a lone UTF-16
 *       surrogate (a value set by code, never read from the wire) becomes U+FFFD, so the text
 *       always has a UTF-8 form and re-encodes to what it says.</li>
 * </ul>
 * Leading and trailing whitespace is dropped. Never throws; cost is linear in the length of the
 * value.
 */
public final class SubjectDecoder {

    /** Longest charset label we accept; bounds the scan so a hostile value stays linear. */
    private static final int MAX_CHARSET_LABEL = 64;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private SubjectDecoder() {
    }

    /**
     * Decodes a raw header value.
     *
     * @param rawValue the value as stored in the message (after {@code "Subject:"}), folding
     *                 included; may be {@code null}
     * @return the decoded text and the charset the encoded words used, if they all used one
     */
    public static DecodedSubject decode(String rawValue) {
        if (rawValue == null) {
            return new DecodedSubject("", Optional.empty());
        }
        if (isPlainAscii(rawValue)) {
            // most Subjects: nothing to unfold, decode or replace, so the text is the value itself
            return new DecodedSubject(stripWhitespace(rawValue), Optional.empty());
        }
        return decodeFully(rawValue);
    }

    /** The full pass, whatever the value; {@link #decode} skips it for plain ASCII, to the same result. */
    static DecodedSubject decodeFully(String rawValue) {
        return new Run(unfold(rawValue)).decode();
    }

    /** Printable ASCII and spaces only, with no {@code =?} that could start an encoded word. */
    private static boolean isPlainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~' || c == '=' && i + 1 < value.length() && value.charAt(i + 1) == '?') {
                return false;
            }
        }
        return true;
    }

    /** RFC 5322 §2.2.3 unfolding; a CR or LF that does not introduce folding is a space. */
    static String unfold(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                int j = i;
                while (j < n && (value.charAt(j) == '\r' || value.charAt(j) == '\n')) {
                    j++;
                }
                boolean folding = j < n && (value.charAt(j) == ' ' || value.charAt(j) == '\t');
                if (!folding && j < n) {
                    out.append(' ');
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** One decoding pass over an unfolded value. */
    private static final class Run {
        private final String in;
        private final StringBuilder out;
        /** Plain text waiting to be decoded (it may be raw 8-bit). */
        private final StringBuilder plain = new StringBuilder();
        /** Bytes of adjacent encoded words in the same charset, waiting to be decoded together. */
        private final ByteArrayOutputStream wordBytes = new ByteArrayOutputStream();
        private String wordCharset;
        /** Whitespace seen after an encoded word: dropped if another encoded word follows. */
        private final StringBuilder pendingSpace = new StringBuilder();
        private String commonCharset;
        private boolean mixedCharsets;
        /** Index of the next "?=" at or after some position, or -1 when there is none left. */
        private int nextTerminator = -2;
        /** Index of the next char above U+00FF at or after some position (the length when none). */
        private int nextWide = -1;

        Run(String in) {
            this.in = in;
            this.out = new StringBuilder(in.length());
        }

        DecodedSubject decode() {
            int i = 0;
            int n = in.length();
            while (i < n) {
                char c = in.charAt(i);
                if (c == '=' && i + 1 < n && in.charAt(i + 1) == '?') {
                    int end = tryEncodedWord(i);
                    if (end > 0) {
                        i = end;
                        continue;
                    }
                }
                if ((c == ' ' || c == '\t') && wordCharset != null) {
                    pendingSpace.append(c);
                } else {
                    flushWord();
                    plain.append(c);
                }
                i++;
            }
            flushWord();
            flushPlain();
            String text = stripWhitespace(displayable(out));
            Optional<Charset> charset = mixedCharsets || commonCharset == null
                ? Optional.empty()
                : labelled(commonCharset);
            return new DecodedSubject(text, charset);
        }

        /** Parses an encoded word at {@code start}; returns the index after it, or -1. */
        private int tryEncodedWord(int start) {
            int n = in.length();
            int q1 = -1;
            for (int j = start + 2; j < n && j <= start + 2 + MAX_CHARSET_LABEL; j++) {
                char c = in.charAt(j);
                if (c == '?') {
                    q1 = j;
                    break;
                }
                if (c <= ' ' || c == '=' || c > 0x7e) {
                    return -1;
                }
            }
            if (q1 <= start + 2 || q1 + 2 >= n || in.charAt(q1 + 2) != '?') {
                return -1;
            }
            char encoding = Character.toUpperCase(in.charAt(q1 + 1));
            if (encoding != 'B' && encoding != 'Q') {
                return -1;
            }
            int textStart = q1 + 3;
            int end = terminatorFrom(textStart);
            if (end < 0 || wideFrom(textStart) < end) {
                // Encoded text is ASCII (RFC 2047 §2); a char that is no byte at all would have to
                // be re-encoded, and could then decode to more characters than the raw value has,
                // which the callers' "short raw value, short Subject" shortcut relies on.
                return -1;
            }
            String label = in.substring(start + 2, q1);
            int star = label.indexOf('*');
            if (star >= 0) {
                label = label.substring(0, star);
            }
            label = label.toLowerCase(Locale.ROOT);
            byte[] bytes = encoding == 'B'
                ? decodeBase64(in, textStart, end)
                : decodeQ(in, textStart, end);
            // RFC 2047 §6.2: whitespace between two adjacent encoded words is not displayed.
            pendingSpace.setLength(0);
            if (wordCharset != null && !wordCharset.equals(label)) {
                flushWord();
            }
            if (wordCharset == null) {
                flushPlain();
            }
            wordCharset = label;
            wordBytes.write(bytes, 0, bytes.length);
            noteCharset(label);
            return end + 2;
        }

        /**
         * Finds the next "?=" at or after {@code from}. Remembers the last answer so that a value
         * full of unterminated "=?" stays linear: searches start at increasing positions.
         */
        private int terminatorFrom(int from) {
            if (nextTerminator == -1) {
                return -1;
            }
            if (nextTerminator < from) {
                nextTerminator = in.indexOf("?=", from);
            }
            return nextTerminator;
        }

        /** Like {@link #terminatorFrom}: searches start at increasing positions, so it stays linear. */
        private int wideFrom(int from) {
            if (nextWide < from) {
                nextWide = from;
                while (nextWide < in.length() && in.charAt(nextWide) <= 0xff) {
                    nextWide++;
                }
            }
            return nextWide;
        }

        private void noteCharset(String label) {
            if ("us-ascii".equals(label) || "ascii".equals(label)) {
                return;
            }
            if (commonCharset == null) {
                commonCharset = label;
            } else if (!commonCharset.equals(label)) {
                mixedCharsets = true;
            }
        }

        private void flushWord() {
            if (wordCharset == null) {
                return;
            }
            out.append(decodeBytes(wordBytes.toByteArray(), wordCharset));
            wordBytes.reset();
            wordCharset = null;
            plain.append(pendingSpace);
            pendingSpace.setLength(0);
        }

        private void flushPlain() {
            if (plain.isEmpty()) {
                return;
            }
            out.append(decodeRawText(plain));
            plain.setLength(0);
        }
    }

    /**
     * Raw text outside encoded words. Chars up to U+00FF with some above U+007F are taken as the
     * bytes they stand for (Jakarta Mail maps each header byte to one char unless
     * {@code mail.mime.allowutf8} is set); anything above U+00FF means the text is already Unicode.
     */
    static String decodeRawText(CharSequence text) {
        boolean high = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                return text.toString();
            }
            high |= c > 0x7f;
        }
        if (!high) {
            return text.toString();
        }
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return Utf8.strict(bytes).orElseGet(() -> windows1252(bytes));
    }

    static String decodeBytes(byte[] bytes, String label) {
        Optional<Charset> charset = lookup(label);
        if (charset.isEmpty()) {
            return Utf8.strict(bytes).orElseGet(() -> windows1252(bytes));
        }
        if (charset.get().equals(WINDOWS_1252)) {
            return windows1252(bytes);
        }
        try {
            return charset.get().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException impossibleWithReplace) {
            return windows1252(bytes);
        }
    }

    /**
     * The charset a label means in practice (WHATWG Encoding Standard aliases for the labels
     * mailers get wrong most often), or empty when the JVM does not know it.
     */
    static Optional<Charset> lookup(String label) {
        String l = label.toLowerCase(Locale.ROOT).trim();
        switch (l) {
            case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii",
                 "cp1252", "windows-1252", "x-cp1252" -> {
                return Optional.of(WINDOWS_1252);
            }
            case "utf8", "utf-8", "unicode-1-1-utf-8" -> {
                return Optional.of(StandardCharsets.UTF_8);
            }
            case "gb2312", "x-gbk", "gbk", "cn-gb" -> l = "GBK";
            case "ks_c_5601-1987", "euc-kr", "korean" -> l = "x-windows-949";
            case "iso-8859-8-i" -> l = "ISO-8859-8";
            case "shift_jis", "sjis", "x-sjis" -> l = "windows-31j";
            default -> {
            }
        }
        return CharsetLabels.forLabel(l);
    }

    /** The charset a label names, for writing it back out (no WHATWG substitution). */
    static Optional<Charset> labelled(String label) {
        return CharsetLabels.forLabel(label).or(() -> lookup(label));
    }

    /** windows-1252 with the five unassigned bytes mapped to the C1 controls, as WHATWG does. */
    static String windows1252(byte[] bytes) {
        CharBuffer decoded;
        try {
            decoded = WINDOWS_1252.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
            return decoded.toString();
        } catch (CharacterCodingException unassignedByte) {
            StringBuilder out = new StringBuilder(bytes.length);
            for (byte b : bytes) {
                int v = b & 0xff;
                if (v == 0x81 || v == 0x8d || v == 0x8f || v == 0x90 || v == 0x9d) {
                    out.append((char) v);
                } else {
                    out.append(new String(new byte[] {b}, WINDOWS_1252));
                }
            }
            return out.toString();
        }
    }

    /** Lenient Base64: skips anything outside the alphabet, tolerates missing padding. */
    static byte[] decodeBase64(String s, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 3 / 4 + 3);
        int buffer = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            int v = base64Value(s.charAt(i));
            if (v < 0) {
                continue;
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static int base64Value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+' || c == '-') {
            return 62;
        }
        if (c == '/' || c == '_') {
            return 63;
        }
        return -1;
    }

    /** Lenient RFC 2047 Q: "_" is a space, "=XX" a byte, a bad "=" stays literal. */
    static byte[] decodeQ(String s, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '_') {
                out.write(' ');
                i++;
            } else if (c == '=' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 3;
            } else {
                out.write(c); // a byte: callers pass no char above U+00FF
                i++;
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** CR, LF and NUL as spaces, a lone surrogate as U+FFFD; the rest as it is. */
    private static CharSequence displayable(StringBuilder text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                text.setCharAt(i, ' ');
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                text.setCharAt(i, '\uFFFD');
            }
        }
        return text;
    }

    private static String stripWhitespace(CharSequence s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWsp(s.charAt(start))) {
            start++;
        }
        while (end > start && isWsp(s.charAt(end - 1))) {
            end--;
        }
        return s.subSequence(start, end).toString();
    }

    static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }
}
