package dev.postino.attachments.spool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Decoded content kept in memory up to a threshold and spilled to a temporary file beyond it, so heap
 * use does not grow with attachment size. {@link #close()} deletes the file.
 */
public final class SpooledContent implements AutoCloseable {

    private final byte[] bytes;
    private final int length;
    private final Path file;
    private final long size;
    private final byte[] tail;

    private SpooledContent(byte[] bytes, int length, Path file, long size) {
        this(bytes, length, file, size, null);
    }

    private SpooledContent(byte[] bytes, int length, Path file, long size, byte[] tail) {
        this.bytes = bytes;
        this.length = length;
        this.file = file;
        this.size = size;
        this.tail = tail;
    }

    /**
     * Only the head and the tail of a large part whose type needs nothing else (a PDF, an image, a
     * program): the middle was streamed past without being stored, so no temporary file is written.
     * {@link #read} serves offsets inside the head or the tail; streams and channels are not available.
     */
    public static SpooledContent headAndTail(byte[] head, byte[] tail, long size) {
        return new SpooledContent(head, head.length, null, size, tail);
    }

    /** False for {@link #headAndTail} content: only its ends can be read. */
    public boolean complete() {
        return tail == null;
    }

    public static SpooledContent of(byte[] bytes) {
        return new SpooledContent(bytes, bytes.length, null, bytes.length);
    }

    /** Copies the stream to the end. */
    public static SpooledContent spool(InputStream in, int memoryThreshold) throws IOException {
        try (Writer writer = new Writer(memoryThreshold)) {
            in.transferTo(writer);
            return writer.finish();
        }
    }

    public long size() {
        return size;
    }

    public boolean inMemory() {
        return file == null;
    }

    public InputStream openStream() throws IOException {
        requireComplete();
        return file == null ? new ByteArrayInputStream(bytes, 0, length)
            : new java.io.BufferedInputStream(Files.newInputStream(file), 65536);
    }

    /**
     * The whole content, for content kept whole in memory ({@link #inMemory()}): the internal array when it is
     * exactly sized, so callers only read it.
     */
    public byte[] bytes() throws IOException {
        requireComplete();
        if (file != null) {
            throw new IllegalStateException("the content is in a temporary file");
        }
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    public SeekableByteChannel openChannel() throws IOException {
        requireComplete();
        return file == null ? new SeekableInMemoryByteChannel(length == bytes.length ? bytes : Arrays.copyOf(bytes, length))
            : FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Up to {@code count} bytes from {@code offset}; fewer near the end. */
    public byte[] read(long offset, int count) throws IOException {
        if (offset >= size || count <= 0) {
            return new byte[0];
        }
        int n = (int) Math.min(count, size - offset);
        if (tail != null) {
            if (offset + n <= length) {
                return Arrays.copyOfRange(bytes, (int) offset, (int) offset + n);
            }
            long tailStart = size - tail.length;
            if (offset >= tailStart) {
                return Arrays.copyOfRange(tail, (int) (offset - tailStart), (int) (offset - tailStart) + n);
            }
            throw new IOException("bytes " + offset + "+" + n + " of a part kept only by its head and tail");
        }
        if (file == null) {
            return Arrays.copyOfRange(bytes, (int) offset, (int) offset + n);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(n);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // keep reading until full or end
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    private void requireComplete() throws IOException {
        if (tail != null) {
            throw new IOException("only the head and the tail of this part were kept");
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An output stream that becomes a {@link SpooledContent}. */
    public static final class Writer extends OutputStream {
        private final int threshold;
        private byte[] buffer = new byte[256];
        private int count;
        private Path file;
        private OutputStream fileOut;
        private long size;

        public Writer(int threshold) {
            this.threshold = threshold;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int len) throws IOException {
            if (fileOut == null && count + len > threshold) {
                file = Files.createTempFile("postino-part-", ".bin");
                fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 65536);
                fileOut.write(buffer, 0, count);
                buffer = null;
            }
            if (fileOut != null) {
                fileOut.write(data, offset, len);
            } else {
                if (count + len > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(count + len, Math.min(threshold, buffer.length * 2)));
                }
                System.arraycopy(data, offset, buffer, count, len);
                count += len;
            }
            size += len;
        }

        /** The content written so far; the writer must not be used afterwards. */
        public SpooledContent finish() throws IOException {
            if (fileOut != null) {
                fileOut.close();
                fileOut = null;
                Path spilled = file;
                file = null;
                return new SpooledContent(null, 0, spilled, size);
            }
            return new SpooledContent(buffer, count, null, size);
        }

        /** Deletes a spilled file if {@link #finish()} was not reached. */
        @Override
        public void close() throws IOException {
            if (fileOut != null) {
                fileOut.close();
                fileOut = null;
            }
            if (file != null) {
                Files.deleteIfExists(file);
                file = null;
            }
        }
    }
}
