package dev.postino.attachments.parts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * yEnc (the Usenet binary encoding): every byte is stored plus 42, and {@code =} escapes a critical one, stored
 * plus 64 more. Thunderbird decodes it, in a part with {@code Content-Transfer-Encoding: x-yencode} and in
 * plain text between {@code =ybegin} and {@code =yend} lines, so the inspector decodes it too.
 */
final class Yenc {

    /** An {@code =} at the end of a line escapes the first byte of the next (lenient: encoders never do it). */
    private boolean escapePending;

    /** Decodes one data line (its CR/LF already removed) into {@code out}. */
    void decodeLine(String line, OutputStream out) throws IOException {
        byte[] decoded = new byte[line.length()];
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            int c = line.charAt(i) & 0xFF;
            if (escapePending) {
                decoded[n++] = (byte) (c - 64 - 42);
                escapePending = false;
            } else if (c == '=') {
                escapePending = true;
            } else {
                decoded[n++] = (byte) (c - 42);
            }
        }
        out.write(decoded, 0, n);
    }

    /**
     * The body of a part whose transfer encoding is {@code x-yencode}, as Thunderbird decodes it: nothing before a
     * {@code =ybegin } line, {@code =ypart} lines skipped, up to a {@code =yend} line.
     */
    static InputStream decodeBody(InputStream body) {
        Yenc yenc = new Yenc();
        return Uudecoder.decodeLines(body, line -> line.startsWith("=ybegin "), line -> line.startsWith("=yend"),
            line -> line.startsWith("=ypart "), yenc::decodeLine);
    }
}
