package dev.postino.attachments.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Little-endian random access to the archive, through a 64 KiB window so that the many small
 * header reads of a walk cost one channel read per window, not one per field.
 *
 * <p>Reading outside {@code [0, size)} throws {@link Truncated}: for this package a field that
 * points outside the file is malformed input, never an I/O error.
 */
final class ByteSource {

    /** A read beyond the end of the archive: the input is malformed, the channel is fine. */
    static final class Truncated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Truncated(long position, long length, long size) {
            super("needs " + length + " bytes at offset " + position + " but the archive has " + size);
        }
    }

    private static final int WINDOW = 64 * 1024;

    private final SeekableByteChannel channel;
    private final byte[] memory;
    private final long size;
    private final byte[] window;
    private long windowStart = -1;
    private int windowLength;

    private ByteSource(SeekableByteChannel channel, byte[] memory, long size) {
        this.channel = channel;
        this.memory = memory;
        this.size = size;
        this.window = memory == null ? new byte[WINDOW] : null;
    }

    static ByteSource of(SeekableByteChannel channel) throws IOException {
        return new ByteSource(channel, null, channel.size());
    }

    static ByteSource of(byte[] archive) {
        return new ByteSource(null, archive, archive.length);
    }

    long size() {
        return size;
    }

    boolean contains(long position, long length) {
        return position >= 0 && length >= 0 && position <= size && length <= size - position;
    }

    int u8(long position) throws IOException {
        return bytes(position, 1)[offset(position)] & 0xFF;
    }

    int u16(long position) throws IOException {
        byte[] b = bytes(position, 2);
        int o = offset(position);
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    long u32(long position) throws IOException {
        byte[] b = bytes(position, 4);
        int o = offset(position);
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
    }

    /** An unsigned 64-bit field; values above {@link Long#MAX_VALUE} come back negative. */
    long u64(long position) throws IOException {
        return u32(position) | u32(position + 4) << 32;
    }

    /** True when a 4-byte signature can be read at {@code position} and equals {@code signature}. */
    boolean hasSignature(long position, long signature) throws IOException {
        return contains(position, 4) && u32(position) == signature;
    }

    /** A copy of {@code length} bytes at {@code position}. */
    byte[] copy(long position, int length) throws IOException {
        byte[] result = new byte[length];
        read(position, result, 0, length);
        return result;
    }

    /** Copies up to {@code length} bytes into {@code target}; fewer only at the end of the archive. */
    int readAtMost(long position, byte[] target, int offset, int length) throws IOException {
        if (position < 0 || position >= size) {
            return 0;
        }
        int n = (int) Math.min(length, size - position);
        read(position, target, offset, n);
        return n;
    }

    private void read(long position, byte[] target, int offset, int length) throws IOException {
        require(position, length);
        if (memory != null) {
            System.arraycopy(memory, (int) position, target, offset, length);
            return;
        }
        int done = 0;
        while (done < length) {
            int n = Math.min(WINDOW, length - done);
            byte[] b = bytes(position + done, n);
            System.arraycopy(b, offset(position + done), target, offset + done, n);
            done += n;
        }
    }

    /** The array holding {@code [position, position + length)}; index it with {@link #offset}. */
    private byte[] bytes(long position, int length) throws IOException {
        require(position, length);
        if (memory != null) {
            return memory;
        }
        if (position < windowStart || position + length > windowStart + windowLength) {
            fill(position);
        }
        return window;
    }

    private int offset(long position) {
        return memory != null ? (int) position : (int) (position - windowStart);
    }

    private void fill(long position) throws IOException {
        int want = (int) Math.min(WINDOW, size - position);
        ByteBuffer buffer = ByteBuffer.wrap(window, 0, want);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("channel ended at " + (position + buffer.position())
                        + " although its size is " + size);
            }
        }
        windowStart = position;
        windowLength = want;
    }

    private void require(long position, long length) {
        if (!contains(position, length)) {
            throw new Truncated(position, length, size);
        }
    }
}
