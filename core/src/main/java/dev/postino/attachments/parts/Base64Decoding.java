package dev.postino.attachments.parts;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes a base64 body block by block through the JDK's vectorised decoder (Mime4j's byte-at-a-time
 * {@code Base64InputStream} was the largest single cost of inspecting a mail), with the rules the readers share:
 * bytes outside the alphabet are skipped, a final group of two or three characters counts only when padded,
 * an unpadded remainder is dropped.
 *
 * <p>Where they differ, on data after a padding {@code =}: Mime4j stops at the first one, Jakarta Mail and
 * Thunderbird decode on (each in its own way when the padding is odd, {@code AB=C}). This decoder decodes on
 * as well, so what Mime4j shows is a prefix of what is inspected, and reports the message as read
 * differently ({@link #dataAfterPadding()}): a clean body has padding only at its end.
 */
final class Base64Decoding extends InputStream {

    /** Input read per block: large enough to amortise the decoder call, small enough to allocate per part. */
    private static final int CHUNK = 16 * 1024;
    /** Value of each byte: 0-63 for the alphabet, PAD for '=', SKIP for everything else. */
    private static final byte[] VALUE = new byte[256];
    private static final byte SKIP = -1;
    private static final byte PAD = -2;

    static {
        Arrays.fill(VALUE, SKIP);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUE[alphabet.charAt(i)] = (byte) i;
        }
        VALUE['='] = PAD;
    }

    private final InputStream in;
    private final byte[] raw = new byte[CHUNK];
    /** Alphabet characters not decoded yet; the first {@code carried} are left over from the last chunk. */
    private final byte[] clean = new byte[CHUNK + 4];
    private int carried;
    private final byte[] decoded = new byte[CHUNK / 4 * 3 + 8];
    private int position;
    private int limit;
    private boolean ended;
    /** A padding character was seen and no alphabet character since. */
    private boolean afterPadding;
    private boolean dataAfterPadding;
    private boolean byteFf;

    Base64Decoding(InputStream in) {
        this.in = in;
    }

    /** Whether alphabet characters followed a padding character: readers decode such a body differently. */
    boolean dataAfterPadding() {
        return dataAfterPadding;
    }

    /**
     * Whether the body holds a 0xFF byte. Every reader skips bytes outside the alphabet, except Jakarta Mail:
     * its decoding table marks only bytes 0 to 254 as invalid, so 0xFF decodes as {@code A} (six zero bits),
     * and James's mailets see other bytes than the ones inspected, aligned differently from there on.
     */
    boolean byteFf() {
        return byteFf;
    }

    @Override
    public int read() throws IOException {
        while (position == limit) {
            if (ended) {
                return -1;
            }
            fill();
        }
        return decoded[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        while (position == limit) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(decoded, position, buffer, offset, n);
        position += n;
        return n;
    }

    private void fill() throws IOException {
        position = 0;
        limit = 0;
        int n = in.read(raw, 0, raw.length);
        if (n < 0) {
            ended = true; // an unpadded remainder of 1-3 characters is dropped, as every reader does
            return;
        }
        int count = carried;
        int i = 0;
        while (i < n) {
            // copy each run of alphabet characters (a 76-character line) in one go, then judge the byte after it
            int start = i;
            while (i < n && VALUE[raw[i] & 0xFF] >= 0) {
                i++;
            }
            if (i < n && raw[i] == (byte) 0xFF) {
                byteFf = true;
            }
            if (i > start && afterPadding) {
                afterPadding = false;
                dataAfterPadding = true;
            }
            System.arraycopy(raw, start, clean, count, i - start);
            count += i - start;
            if (i < n && VALUE[raw[i] & 0xFF] == PAD) {
                count = decodePadded(count);
            }
            i++;
        }
        int whole = count & ~3;
        decodeWhole(whole);
        int rest = count - whole;
        System.arraycopy(clean, whole, clean, 0, rest);
        carried = rest;
    }

    /** Decodes what is collected up to a padding character: whole groups, then a group of two or three. */
    private int decodePadded(int count) {
        if (afterPadding) {
            return count; // the second '=' of "==", or more padding
        }
        int whole = count & ~3;
        decodeWhole(whole);
        int rest = count - whole;
        int bits = 0;
        for (int k = 0; k < rest; k++) {
            bits = bits << 6 | VALUE[clean[whole + k] & 0xFF];
        }
        if (rest == 2) {
            decoded[limit++] = (byte) (bits >>> 4);
        } else if (rest == 3) {
            decoded[limit++] = (byte) (bits >>> 10);
            decoded[limit++] = (byte) (bits >>> 2);
        }
        afterPadding = true;
        return 0;
    }

    private void decodeWhole(int whole) {
        if (whole == 0) {
            return;
        }
        byte[] groups = whole == clean.length ? clean : Arrays.copyOf(clean, whole);
        if (limit == 0) {
            limit = Base64.getDecoder().decode(groups, decoded);
        } else {
            byte[] more = Base64.getDecoder().decode(groups);
            System.arraycopy(more, 0, decoded, limit, more.length);
            limit += more.length;
        }
    }
}
