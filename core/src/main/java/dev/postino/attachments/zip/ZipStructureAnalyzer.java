package dev.postino.attachments.zip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

/**
 * Reads a ZIP archive's structure twice — from its central directory and by walking its local
 * headers from the first byte — and reports where the views, or the bytes, disagree.
 *
 * <p>Never decompresses an entry (it only probes the first bytes of each entry's data), never
 * throws for malformed input (that is a {@link ZipAnomalyKind#MALFORMED} anomaly); only an I/O
 * error of the channel escapes. Thread-safe: instances hold only their limits.
 */
public final class ZipStructureAnalyzer {

    private final ZipLimits limits;

    public ZipStructureAnalyzer(ZipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** An analyzer with {@link ZipLimits#defaults()}. */
    public ZipStructureAnalyzer() {
        this(ZipLimits.defaults());
    }

    /**
     * Analyzes the archive in {@code channel}, from position 0 to its size. The channel's
     * position is not restored.
     *
     * @throws IOException only when reading the channel fails
     */
    public ZipStructure analyze(SeekableByteChannel channel) throws IOException {
        Objects.requireNonNull(channel, "channel");
        return new Analysis(ByteSource.of(channel), limits).run();
    }

    /** Convenience for an archive already in memory. */
    public ZipStructure analyze(byte[] archive) {
        Objects.requireNonNull(archive, "archive");
        try {
            return new Analysis(ByteSource.of(archive), limits).run();
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory archive cannot fail to read", e);
        }
    }
}
