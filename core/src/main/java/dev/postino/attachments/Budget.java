package dev.postino.attachments;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * What one message may still consume under its {@link InspectionLimits}: time, archive entries, the
 * bytes its containers and embedded data expand to, and nesting depth. A check that fails throws
 * {@link LimitExceeded}: the inspection of that part stops and fails closed.
 */
final class Budget {

    private final InspectionLimits limits;
    private final long deadline;
    private long expanded;
    private long entries;

    Budget(InspectionLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxTime().toNanos();
    }

    void checkTime(Location location) {
        if (System.nanoTime() - deadline > 0) {
            throw new LimitExceeded(location, "Inspecting the message took longer than " + limits.maxTime().toMillis()
                + " ms, so it was not inspected completely.");
        }
    }

    /** One more archive entry (or TNEF attachment, uuencoded file, embedded payload). */
    void countEntry(Location location) {
        entries++;
        if (entries > limits.maxEntries()) {
            throw new LimitExceeded(location, "The message holds more than " + limits.maxEntries()
                + " archive entries, so it was not inspected completely.");
        }
        checkTime(location);
    }

    /** Opening one more container at {@code depth} would go past the depth limit: stop, fail closed. */
    void checkDepth(Location location, int depth, String leafName) {
        if (depth >= limits.maxDepth()) {
            throw new LimitExceeded(location, Part.describe(leafName) + " is nested more than " + limits.maxDepth()
                + " containers deep, so it was not inspected completely.");
        }
    }

    /** Bytes decoded from a page's embedded data count towards the expansion limit like an archive's. */
    void countEmbedded(Location location, int length) {
        expanded += length;
        if (expanded > limits.maxExpandedBytes()) {
            throw new LimitExceeded(location, "The archives and embedded data in the message expand to more than "
                + limits.maxExpandedBytes() + " bytes, so it was not inspected completely.");
        }
        checkTime(location);
    }

    /** The stream, with the clock checked at every read: parsing a crafted structure stops at {@code maxTime} too. */
    InputStream timed(InputStream in, Location location) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                checkTime(location);
                return super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                checkTime(location);
                return super.read(buffer, offset, length);
            }
        };
    }

    /** A meter for one container found at {@code location}; see {@link Meter}. */
    Meter meter(Location location, LongSupplier compressedSize) {
        return new Meter(location, compressedSize);
    }

    /**
     * Counts what a container expands to: total per message, ratio per container (checked once the
     * container produced {@code ratioThresholdBytes}), and the clock. A container reader may wrap the
     * {@link LimitExceeded} it throws in its own exception; {@link #tripped} keeps it, so the caller
     * reports the limit and not a malformed container.
     */
    final class Meter {
        private final Location location;
        private final LongSupplier compressedSize;
        private long produced;
        LimitExceeded tripped;

        private Meter(Location location, LongSupplier compressedSize) {
            this.location = location;
            this.compressedSize = compressedSize;
        }

        InputStream wrap(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                @Override
                public void close() {
                    // the container reader owns the underlying stream
                }
            };
        }

        private void count(int n) {
            produced += n;
            expanded += n;
            if (expanded > limits.maxExpandedBytes()) {
                trip("The archives in the message expand to more than " + limits.maxExpandedBytes()
                    + " bytes, so it was not inspected completely.");
            }
            if (produced > limits.ratioThresholdBytes() && produced / Math.max(1, compressedSize.getAsLong()) > limits.maxRatio()) {
                trip("This archive expands more than " + limits.maxRatio()
                    + " times its size (a compression bomb?), so it was not inspected completely.");
            }
            checkTime(location);
        }

        private void trip(String message) {
            tripped = new LimitExceeded(location, message);
            throw tripped;
        }
    }
}
