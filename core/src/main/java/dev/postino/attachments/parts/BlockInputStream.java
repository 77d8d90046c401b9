package dev.postino.attachments.parts;

import java.io.IOException;
import java.io.InputStream;

/** A stream that produces bytes in blocks; a one-byte read is a block read of one. */
abstract class BlockInputStream extends InputStream {

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}
