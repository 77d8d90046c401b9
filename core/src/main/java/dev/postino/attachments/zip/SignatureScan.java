package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.LIMIT_EXCEEDED;
import static dev.postino.attachments.zip.ZipRecords.CENTRAL_HEADER;
import static dev.postino.attachments.zip.ZipRecords.END_RECORD;
import static dev.postino.attachments.zip.ZipRecords.LOCAL_HEADER;
import static dev.postino.attachments.zip.ZipRecords.ZIP64_END_RECORD;

import java.io.IOException;

import dev.postino.attachments.zip.ByteSource.Truncated;
import dev.postino.attachments.zip.ZipRecords.LocalEntry;

/**
 * The searches of the local-header walk for "PK" records in bytes no header accounts for, all within one
 * budget ({@link ZipLimits#maxScannedBytes()}): the first entry after a prefix, the next record after
 * unknown bytes, a data descriptor. Reaching the budget is reported once.
 */
final class SignatureScan {

    /** Whether a "PK" at this position is what the search looks for. */
    @FunctionalInterface
    interface PkTest {
        boolean test(long position) throws IOException;
    }

    private final ByteSource source;
    private final ZipLimits limits;
    private final Findings findings;
    /** Sized to the archive when smaller: most archives in mail are a few kilobytes. */
    private final byte[] buffer;
    private long budget;
    private boolean limitReported;

    SignatureScan(ByteSource source, ZipLimits limits, Findings findings) {
        this.source = source;
        this.limits = limits;
        this.findings = findings;
        this.buffer = new byte[(int) Math.min(64 * 1024, Math.max(2, source.size()))];
        this.budget = limits.maxScannedBytes();
    }

    /** True once a search stopped at the budget: beyond that point, "not found" proves nothing. */
    boolean limitReported() {
        return limitReported;
    }

    /**
     * The first position in [from, to) holding "PK" that passes {@code test}; -1 if none or over
     * budget. Reads in chunks growing from 1 KiB, since most searches (a descriptor after a small
     * entry) end within a few hundred bytes; only the bytes examined count against the budget.
     */
    long find(long from, long to, PkTest test) throws IOException {
        long p = Math.max(0, from);
        int chunk = 1024;
        while (p < to - 1) {
            int n = (int) Math.min(chunk, to - p);
            chunk = Math.min(chunk * 4, buffer.length);
            if (budget < n) {
                n = (int) budget;
                if (n < 2) {
                    reportLimit(p);
                    return -1;
                }
            }
            n = source.readAtMost(p, buffer, 0, n);
            for (int i = 0; i + 1 < n; i++) {
                if (buffer[i] == 'P' && buffer[i + 1] == 'K' && test.test(p + i)) {
                    budget -= i + 2;
                    return p + i;
                }
            }
            budget -= n - 1;
            p += n - 1;
        }
        return -1;
    }

    long localHeader(long from, long to) throws IOException {
        return find(from, to, p -> source.hasSignature(p, LOCAL_HEADER) && plausibleLocalHeader(p));
    }

    long anySignature(long from, long to) throws IOException {
        return find(from, to, p -> {
            if (!source.contains(p, 4)) {
                return false;
            }
            long s = source.u32(p);
            return (s == LOCAL_HEADER && plausibleLocalHeader(p)) || s == CENTRAL_HEADER || s == END_RECORD
                    || s == ZIP64_END_RECORD;
        });
    }

    /** Filters the "PK\3\4" byte runs that occur by chance in code and compressed data. */
    private boolean plausibleLocalHeader(long p) {
        try {
            LocalEntry l = ZipRecords.readLocal(source, p);
            int versionNeeded = source.u16(p + 4);
            return versionNeeded < 0x100 && l.rawName.length > 0
                    && (l.hasDescriptor() || source.contains(l.dataStart, l.compressedSize));
        } catch (Truncated | IOException e) {
            return false;
        }
    }

    private void reportLimit(long at) {
        if (!limitReported) {
            limitReported = true;
            findings.add(LIMIT_EXCEEDED, null, "searched " + limits.maxScannedBytes()
                    + " bytes for signatures; stopped at offset " + at);
        }
    }
}
