package dev.postino.attachments;

import java.time.Duration;
import java.util.Objects;

/**
 * Fail-closed bounds on one inspection. Exceeding any of them yields {@link ReasonCode#LIMIT_EXCEEDED}
 * ("could not inspect completely"), never a pass.
 *
 * <p>Defaults and why:
 * <ul>
 *   <li>{@code maxDepth} 4 nested containers (archive or attached message): real mail rarely nests
 *       beyond two; ClamAV allows 17 and Amavis 14 because they only look for signatures, we fail
 *       closed instead, so deeper nesting is itself suspicious (the 42.zip bomb nests 5).</li>
 *   <li>{@code maxEntries} 10,000 archive entries per message: ClamAV's MaxFiles default.</li>
 *   <li>{@code maxExpandedBytes} 100 MB decompressed per message: ClamAV's MaxFileSize and the
 *       research proposal; a mail server should never need more to judge one message.</li>
 *   <li>{@code maxRatio} 100:1 per decompressed stream, checked once a stream has produced
 *       {@code ratioThresholdBytes} (1 MB): Tika's SecureContentHandler defaults (TIKA-216), so small
 *       very repetitive files (logs, CSV) do not trip it.</li>
 *   <li>{@code maxTime} 10 s per message: far above a normal inspection (milliseconds), far below
 *       ClamAV's 120 s MaxScanTime, so a crafted message cannot hold a spool thread.</li>
 *   <li>{@code memoryThreshold} 1 MB: decoded parts up to this stay in memory, larger ones are spilled to
 *       a temporary file deleted right after, so heap use does not grow with attachment size.</li>
 * </ul>
 */
public record InspectionLimits(int maxDepth, long maxEntries, long maxExpandedBytes, int maxRatio,
                               long ratioThresholdBytes, Duration maxTime, int memoryThreshold) {

    public static final InspectionLimits DEFAULTS =
        new InspectionLimits(4, 10_000, 100L * 1024 * 1024, 100, 1024 * 1024, Duration.ofSeconds(10), 1024 * 1024);

    public InspectionLimits {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxDepth < 1 || maxEntries < 1 || maxExpandedBytes < 1 || maxRatio < 1 || ratioThresholdBytes < 0
            || maxTime.isNegative() || maxTime.isZero() || memoryThreshold < 0) {
            throw new IllegalArgumentException("limits must be positive: " + this);
        }
    }

    public InspectionLimits withMaxDepth(int value) {
        return new InspectionLimits(value, maxEntries, maxExpandedBytes, maxRatio, ratioThresholdBytes, maxTime, memoryThreshold);
    }

    public InspectionLimits withMaxEntries(long value) {
        return new InspectionLimits(maxDepth, value, maxExpandedBytes, maxRatio, ratioThresholdBytes, maxTime, memoryThreshold);
    }

    public InspectionLimits withMaxExpandedBytes(long value) {
        return new InspectionLimits(maxDepth, maxEntries, value, maxRatio, ratioThresholdBytes, maxTime, memoryThreshold);
    }

    public InspectionLimits withMaxRatio(int value) {
        return new InspectionLimits(maxDepth, maxEntries, maxExpandedBytes, value, ratioThresholdBytes, maxTime, memoryThreshold);
    }

    public InspectionLimits withMaxTime(Duration value) {
        return new InspectionLimits(maxDepth, maxEntries, maxExpandedBytes, maxRatio, ratioThresholdBytes, value, memoryThreshold);
    }

    public InspectionLimits withMemoryThreshold(int value) {
        return new InspectionLimits(maxDepth, maxEntries, maxExpandedBytes, maxRatio, ratioThresholdBytes, maxTime, value);
    }
}
