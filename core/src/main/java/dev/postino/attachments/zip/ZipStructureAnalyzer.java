package dev.postino.attachments.zip;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Objects;

/**
 * Reads a ZIP archive's structure twice — from its central directory and by walking its local
 * headers from the first byte — and reports where the views, or the bytes, disagree.
 *
 * <p>Never decompresses an entry (it only probes the first bytes of each entry's data), never
 * throws for malformed input (that is a {@link ZipAnomaly.Kind#MALFORMED} anomaly); only an I/O
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
        // Implementation lands in the next commits; the API is published first.
        return new ZipStructure(List.of(), List.of(new ZipAnomaly(ZipAnomaly.Kind.LIMIT_EXCEEDED, null,
                "ZIP structure analysis not implemented yet")));
    }

    /** Convenience for an archive already in memory. */
    public ZipStructure analyze(byte[] archive) {
        Objects.requireNonNull(archive, "archive");
        try {
            return analyze(new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(archive));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("in-memory channel cannot fail", e);
        }
    }
}
