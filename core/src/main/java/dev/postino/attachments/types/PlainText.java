package dev.postino.attachments.types;

/**
 * Recognises content that Tika could only call {@code text/plain}, so that logs, CSV files and scripts
 * inside archives are typed without Tika's full magic scan (about 300 µs per call, which would be the
 * largest cost on small mails). The test is deliberately narrow: it says yes only when no magic
 * pattern Postino acts on could match, and anything in doubt still goes to Tika.
 *
 * <p>Tika's patterns that match printable text are: mail and news headers (at the start or at the start
 * of any line in the first 8 KiB: {@code From:}, {@code Received:}, {@code X-…}), shell scripts
 * ({@code #!}, {@code eval "exec}), PDF ({@code %PDF-} in the first 512 bytes), PostScript and RTF at
 * offset 0, programs, archives and disk images whose magic is printable ({@code MZ}, {@code BZh},
 * {@code 07070x} cpio, {@code !<arch>}, {@code MSCF}, {@code Rar!}, {@code StuffIt}, {@code LZIP},
 * {@code conectix}, LHA's {@code -lh?-} at offset 2), and markup (HTML,
 * XML, SVG), which Tika types by its root element. So the content must be text (printable ASCII, tabs,
 * line breaks or well-formed UTF-8, no byte-order mark), contain no {@code <}, no line may start with a
 * header field name and colon, and the first line must not start with any of those other signatures.
 */
final class PlainText {

    private static final String[] FIRST_LINE_SIGNATURES = {"#!", "N#!", "%!", "%PDF", "{\\rtf", "eval", "BZ", "07070",
        "StuffIt", "LZIP", "PO^Q`", "X-", "DKIM-", "ARC-", "Forward to", "Pipe to", "Article", "Path:", "Xref:",
        "MZ", "MSCF", "Rar!", "conectix"};

    private PlainText() {
    }

    /** Whether the first {@code window} bytes of {@code head} are plain text that no magic pattern can claim. */
    static boolean isPlainText(byte[] head, int window) {
        int length = Math.min(head.length, window);
        if (length == 0 || !textBytes(head, length)) {
            return false;
        }
        for (String signature : FIRST_LINE_SIGNATURES) {
            if (startsWith(head, length, 0, signature)) {
                return false;
            }
        }
        if (length > 2 && (startsWith(head, length, 2, "-lh") || startsWith(head, length, 2, "-lz"))) {
            return false;
        }
        return !containsPdfMarker(head, Math.min(length, 512)) && !hasHeaderLikeLine(head, length);
    }

    private static boolean textBytes(byte[] head, int length) {
        int i = 0;
        while (i < length) {
            int b = head[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                if (b == '<') {
                    return false;
                }
                i++;
            } else if (b == '\t' || b == '\n' || b == '\r' || b == '\f') {
                i++;
            } else {
                int continuation = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
                if (continuation < 0 || i == 0 && b == 0xEF) {
                    return false;
                }
                for (int k = 1; k <= continuation; k++) {
                    if (i + k >= length) {
                        return true;
                    }
                    if ((head[i + k] & 0xC0) != 0x80) {
                        return false;
                    }
                }
                i += continuation + 1;
            }
        }
        return true;
    }

    /** A line that starts with a header field name (see {@link #headerFieldAt}). */
    private static boolean hasHeaderLikeLine(byte[] head, int length) {
        for (int start = 0; start < length; ) {
            if (headerFieldAt(head, length, start)) {
                return true;
            }
            int newline = indexOf(head, length, (byte) '\n', start);
            if (newline < 0) {
                return false;
            }
            start = newline + 1;
        }
        return false;
    }

    /**
     * Whether a header field name and its colon start at {@code start}: a letter, then printable ASCII
     * other than the colon (RFC 5322 §3.6.8). Every mail and news header in Tika's patterns starts with a
     * letter; requiring one keeps log lines that start with a time ({@code 06:00:01}) out.
     */
    static boolean headerFieldAt(byte[] data, int length, int start) {
        if (start >= length || !(data[start] >= 'A' && data[start] <= 'Z' || data[start] >= 'a' && data[start] <= 'z')) {
            return false;
        }
        for (int i = start + 1; i < length; i++) {
            int b = data[i] & 0xFF;
            if (b == ':') {
                return true;
            }
            if (b <= 0x20 || b >= 0x7F) {
                return false;
            }
        }
        return false;
    }

    private static boolean containsPdfMarker(byte[] head, int length) {
        for (int i = 0; i + 5 <= length; i++) {
            if (head[i] == '%' && startsWith(head, length, i, "%PDF-")) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] data, int length, byte wanted, int from) {
        for (int i = from; i < length; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, int length, int offset, String prefix) {
        if (offset + prefix.length() > length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
