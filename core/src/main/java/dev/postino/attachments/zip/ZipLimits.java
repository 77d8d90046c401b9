package dev.postino.attachments.zip;

/**
 * Bounds on the work {@link ZipStructureAnalyzer} does for one archive. Reaching one yields a
 * {@link ZipAnomalyKind#LIMIT_EXCEEDED} anomaly and an incomplete (never a clean) result.
 *
 * @param maxEntries               central-directory entries read (and local headers walked)
 * @param maxCentralDirectoryBytes bytes of central directory read
 * @param maxScannedBytes          bytes read while searching for a signature: a self-extractor
 *                                 stub, entries whose sizes follow in a data descriptor,
 *                                 unreferenced gaps and data after an archive's end
 * @param maxAnomaliesPerKind      anomalies kept per kind; further ones are counted in one
 *                                 summary anomaly of the same kind (a 65,534-entry bomb gives
 *                                 a short report, not 65,534 lines)
 */
public record ZipLimits(
        int maxEntries,
        long maxCentralDirectoryBytes,
        long maxScannedBytes,
        int maxAnomaliesPerKind) {

    public ZipLimits {
        requirePositive("maxEntries", maxEntries);
        requirePositive("maxCentralDirectoryBytes", maxCentralDirectoryBytes);
        requirePositive("maxScannedBytes", maxScannedBytes);
        requirePositive("maxAnomaliesPerKind", maxAnomaliesPerKind);
    }

    /**
     * The defaults, chosen against the anchors of {@code shared/research/attachments.md}:
     * <ul>
     *   <li>{@code maxEntries} 10,000 — ClamAV's {@code MaxFiles}; Amavis stops at 1,500 files
     *       and rspamd at 100,000 per message. Reading a central entry costs a few hundred
     *       nanoseconds, so the structural pass can afford more than the content inspector,
     *       and Fifield's 65,534-entry bomb is still cut short (and still flagged as overlapping
     *       within the first entries).</li>
     *   <li>{@code maxCentralDirectoryBytes} 8 MiB — 10,000 entries with 800-byte names and
     *       extra fields; a real central directory averages well under 200 bytes per entry.</li>
     *   <li>{@code maxScannedBytes} 128 MiB — above ClamAV's {@code MaxFileSize} (100 MB) and
     *       the 25–35 MB attachment limits of Gmail and Exchange Online defaults, so any zip a
     *       mail can carry is scanned whole; a linear scan of that is well under a second.</li>
     *   <li>{@code maxAnomaliesPerKind} 20 — enough to show a pattern in a report.</li>
     * </ul>
     */
    public static ZipLimits defaults() {
        return new ZipLimits(10_000, 8L << 20, 128L << 20, 20);
    }

    public ZipLimits withMaxEntries(int value) {
        return new ZipLimits(value, maxCentralDirectoryBytes, maxScannedBytes, maxAnomaliesPerKind);
    }

    public ZipLimits withMaxCentralDirectoryBytes(long value) {
        return new ZipLimits(maxEntries, value, maxScannedBytes, maxAnomaliesPerKind);
    }

    public ZipLimits withMaxScannedBytes(long value) {
        return new ZipLimits(maxEntries, maxCentralDirectoryBytes, value, maxAnomaliesPerKind);
    }

    public ZipLimits withMaxAnomaliesPerKind(int value) {
        return new ZipLimits(maxEntries, maxCentralDirectoryBytes, maxScannedBytes, value);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
