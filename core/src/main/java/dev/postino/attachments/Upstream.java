package dev.postino.attachments;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.postino.attachments.spool.SpooledContent;
import dev.postino.attachments.types.TypeDetector;

/**
 * A read failure of the stream a streamed container came from (a tar read as it is decompressed from a
 * {@code .tar.gz}); unwrapped where that stream is read, so it is reported against the compressed stream
 * exactly as when the tar was kept.
 */
final class Upstream extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient Guard guard;

    private Upstream(Guard guard, IOException cause) {
        super(cause.getMessage(), cause, false, false);
        this.guard = guard;
    }

    /** Counts the bytes read, keeps the last 512 and turns read failures into {@link Upstream}. */
    static final class Guard extends FilterInputStream {
        private final byte[] ring = new byte[TypeDetector.TAIL_BYTES];
        private final byte[] head;
        private long count;

        Guard(InputStream in, byte[] head) {
            super(in);
            this.head = head;
            this.count = head.length;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException broken) {
                throw new Upstream(this, broken);
            }
            for (int i = Math.max(0, n - ring.length); i < n; i++) {
                ring[(int) ((count + i) % ring.length)] = buffer[offset + i];
            }
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public void close() {
            // the container reader owns the underlying stream
        }

        /** The last {@code TAIL_BYTES} of head and stream together, as {@link SpooledContent#read} would give. */
        byte[] tail() {
            int length = (int) Math.min(ring.length, count);
            byte[] tail = new byte[length];
            for (int i = 0; i < length; i++) {
                long position = count - length + i;
                tail[i] = position < head.length ? head[(int) position] : ring[(int) (position % ring.length)];
            }
            return tail;
        }
    }
}
