package dev.postino.attachments.parts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream of bytes decoded a piece at a time (a line of uuencode or yEnc, a block of quoted-printable), so a
 * large encoded part is never held whole.
 */
abstract class DecodingStream extends BlockInputStream {
    private final ByteArrayOutputStream piece = new ByteArrayOutputStream(64);
    private byte[] pending = new byte[0];
    private int position;
    private boolean ended;

    /** Decodes the next piece of input into {@code out}; false at the end of the data. */
    abstract boolean decodeNext(OutputStream out) throws IOException;

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        while (position == pending.length) {
            if (ended) {
                return -1;
            }
            piece.reset();
            ended = !decodeNext(piece);
            pending = piece.toByteArray();
            position = 0;
        }
        int n = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, buffer, offset, n);
        position += n;
        return n;
    }
}
