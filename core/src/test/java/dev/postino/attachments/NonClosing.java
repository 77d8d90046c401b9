package dev.postino.attachments;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through in blocks and only flushes on close, so a base64 encoder's {@code close()} (which
 * writes the padding) leaves the file it writes to open for the rest of the message.
 */
final class NonClosing extends FilterOutputStream {

    NonClosing(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
