package dev.postino.attachments.parts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Decodes a quoted-printable body (RFC 2045 §6.7) as Jakarta Mail and Thunderbird do on clean input: line
 * breaks kept as they are, {@code =XX} (either case) a byte, {@code =} before a line break a soft break.
 *
 * <p>Readers differ on the rest, and {@link #divergent()} says when the body has any of it: whitespace before a
 * line break (Mime4j and Jakarta Mail drop it as transport padding, Thunderbird keeps it), and an {@code =} not
 * followed by two hex digits or a line break (kept as text, but each reader resumes at a different byte). For a
 * text body that changes nothing that matters; for a binary one it changes the bytes, and the caller reports it.
 */
final class QuotedPrintableDecoding extends DecodingStream {

    private static final int CHUNK = 8 * 1024;

    private final InputStream in;
    private final byte[] raw = new byte[CHUNK];
    private int rawPosition;
    private int rawLimit;
    private boolean rawEnded;
    /** Spaces and tabs read but not yet written: dropped if a line break follows. */
    private final ByteArrayOutputStream blanks = new ByteArrayOutputStream();
    private boolean divergent;

    QuotedPrintableDecoding(InputStream in) {
        this.in = in;
    }

    boolean divergent() {
        return divergent;
    }

    /** The byte {@code ahead} past the current one, reading more input if needed; -1 at the end. */
    private int peek(int ahead) throws IOException {
        while (rawPosition + ahead >= rawLimit && !rawEnded) {
            if (rawPosition > 0) {
                System.arraycopy(raw, rawPosition, raw, 0, rawLimit - rawPosition);
                rawLimit -= rawPosition;
                rawPosition = 0;
            }
            int n = in.read(raw, rawLimit, raw.length - rawLimit);
            if (n < 0) {
                rawEnded = true;
            } else {
                rawLimit += n;
            }
        }
        return rawPosition + ahead < rawLimit ? raw[rawPosition + ahead] & 0xFF : -1;
    }

    /** Decodes up to {@link #CHUNK} bytes; false once the input is used up. */
    @Override
    boolean decodeNext(OutputStream out) throws IOException {
        int written = 0;
        while (written < CHUNK) {
            int c = peek(0);
            if (c < 0) {
                divergent |= blanks.size() > 0;
                blanks.reset();
                return written > 0;
            }
            if (c == ' ' || c == '\t') {
                blanks.write(c);
                rawPosition++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (blanks.size() > 0) {
                    divergent = true;
                    blanks.reset();
                }
                out.write(c);
                written++;
                rawPosition++;
                continue;
            }
            written += blanks.size();
            blanks.writeTo(out);
            blanks.reset();
            if (c != '=') {
                out.write(c);
                written++;
                rawPosition++;
                continue;
            }
            int first = peek(1);
            if (first == '\n') {
                rawPosition += 2;
            } else if (first == '\r') {
                rawPosition += peek(2) == '\n' ? 3 : 2;
            } else if (first < 0) {
                rawPosition++;
            } else {
                int second = peek(2);
                int high = Character.digit(first, 16);
                int low = second < 0 ? -1 : Character.digit(second, 16);
                if (high >= 0 && low >= 0) {
                    out.write(high << 4 | low);
                    rawPosition += 3;
                } else {
                    divergent = true;
                    out.write('=');
                    rawPosition++;
                }
                written++;
            }
        }
        return true;
    }
}
