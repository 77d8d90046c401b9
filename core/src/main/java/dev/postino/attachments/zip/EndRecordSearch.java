package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.DATA_AFTER_END_RECORD;
import static dev.postino.attachments.zip.ZipAnomalyKind.MALFORMED;
import static dev.postino.attachments.zip.ZipRecords.CENTRAL_HEADER;
import static dev.postino.attachments.zip.ZipRecords.END_RECORD_SIZE;
import static dev.postino.attachments.zip.ZipRecords.MAX_COMMENT;
import static dev.postino.attachments.zip.ZipRecords.U32_SENTINEL;
import static dev.postino.attachments.zip.ZipRecords.ZIP64_END_RECORD;
import static dev.postino.attachments.zip.ZipRecords.ZIP64_LOCATOR;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.postino.attachments.zip.ByteSource.Truncated;

/**
 * Phase (1) of an {@link Analysis}: every end-of-central-directory record in the last 64 KiB + 22 bytes
 * (the largest comment), with its ZIP64 locator and record, and the one extractors use.
 */
final class EndRecordSearch {

    private final ByteSource source;
    private final Findings findings;
    private final long size;

    /** The end record backward-scanning extractors use; null when none is usable. */
    EndRecord used;
    /** The other valid end records, latest first. */
    final List<EndRecord> others = new ArrayList<>();

    EndRecordSearch(ByteSource source, Findings findings) {
        this.source = source;
        this.findings = findings;
        this.size = source.size();
    }

    void run() throws IOException {
        long tailStart = Math.max(0, size - END_RECORD_SIZE - MAX_COMMENT);
        byte[] tail = source.copy(tailStart, (int) (size - tailStart));
        List<EndRecord> valid = new ArrayList<>();
        EndRecord last = null;
        for (int i = tail.length - END_RECORD_SIZE; i >= 0; i--) {
            if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6) {
                EndRecord r = read(tailStart + i);
                if (last == null) {
                    last = r;
                }
                if (r.valid()) {
                    valid.add(r);
                }
            }
        }
        if (valid.isEmpty()) {
            findings.add(MALFORMED, null, last == null
                    ? "no end-of-central-directory record in the last 64 KiB"
                    : "the end record at offset " + last.offset + " is unusable: " + last.problem);
            return;
        }
        // Backward-scanning readers (ZipFile, commons-compress, unzip) take the last one that fits.
        used = valid.stream().filter(r -> r.commentEnd <= size).findFirst().orElse(valid.get(0));
        for (EndRecord r : valid) {
            if (r != used) {
                others.add(r);
            }
        }
        if (used.zip64Disagreement != null) {
            findings.add(MALFORMED, null, used.zip64Disagreement);
        }
        if (used.commentEnd > size) {
            findings.add(MALFORMED, null, "the end record's comment length runs " + (used.commentEnd - size)
                    + " bytes past the end of the file");
        } else if (used.commentEnd < size) {
            findings.add(DATA_AFTER_END_RECORD, null, (size - used.commentEnd) + " bytes after the end record"
                    + " and its comment, from offset " + used.commentEnd);
        }
    }

    private EndRecord read(long at) {
        EndRecord r = new EndRecord();
        r.offset = at;
        try {
            int disk = source.u16(at + 4);
            int centralDisk = source.u16(at + 6);
            r.entries = source.u16(at + 10);
            r.centralSize = source.u32(at + 12);
            r.centralOffset = source.u32(at + 16);
            r.commentEnd = at + END_RECORD_SIZE + source.u16(at + 20);
            long recordStart = at;
            if (at >= 20 && source.u32(at - 20) == ZIP64_LOCATOR) {
                long zip64 = findZip64EndRecord(at - 20);
                if (zip64 < 0) {
                    r.problem = "its ZIP64 locator points to no ZIP64 end record";
                    return r;
                }
                r.zip64 = true;
                long entries32 = r.entries;
                long size32 = r.centralSize;
                long offset32 = r.centralOffset;
                disk = (int) source.u32(zip64 + 16);
                centralDisk = (int) source.u32(zip64 + 20);
                r.entries = source.u64(zip64 + 32);
                r.centralSize = source.u64(zip64 + 40);
                r.centralOffset = source.u64(zip64 + 48);
                recordStart = zip64;
                // APPNOTE 4.4.1.4: a 32-bit field holds its value or the sentinel, never another value.
                if ((entries32 != 0xFFFF && entries32 != r.entries)
                        || (size32 != U32_SENTINEL && size32 != r.centralSize)
                        || (offset32 != U32_SENTINEL && offset32 != r.centralOffset)) {
                    r.zip64Disagreement = "the end record's 32-bit fields (" + entries32 + " entries, " + size32
                            + " bytes at " + offset32 + ") disagree with its ZIP64 record (" + r.entries
                            + " entries, " + r.centralSize + " bytes at " + r.centralOffset
                            + "): readers without ZIP64 support list another directory";
                }
            }
            if ((disk != 0 && disk != 0xFFFF) || (centralDisk != 0 && centralDisk != 0xFFFF)) {
                r.problem = "it belongs to a multi-disk (split) archive";
                return r;
            }
            if (r.centralSize < 0 || r.centralSize > recordStart || r.centralOffset < 0 || r.entries < 0) {
                r.problem = "its central directory size or offset lies outside the file";
                return r;
            }
            long actual = recordStart - r.centralSize;
            if (r.entries == 0 && r.centralSize == 0) {
                r.centralStart = actual;
            } else if (actual >= r.centralOffset && source.hasSignature(actual, CENTRAL_HEADER)) {
                // Where the central directory physically is; a positive difference is a prefix
                // (self-extractor stub, or an earlier archive) that the offsets do not count.
                r.centralStart = actual;
            } else if (source.hasSignature(r.centralOffset, CENTRAL_HEADER)) {
                r.centralStart = r.centralOffset;
            } else {
                r.problem = "there is no central directory at offset " + r.centralOffset + " nor at " + actual;
                return r;
            }
            r.delta = r.centralStart - r.centralOffset;
        } catch (Truncated | IOException e) {
            r.problem = "it is truncated";
        }
        return r;
    }

    private long findZip64EndRecord(long locator) throws IOException {
        long declared = source.u64(locator + 8);
        for (long candidate : new long[] {locator - 56, declared}) {
            if (candidate >= 0 && source.contains(candidate, 56)
                    && source.u32(candidate) == ZIP64_END_RECORD
                    && candidate + 12 + source.u64(candidate + 4) == locator) {
                return candidate;
            }
        }
        return -1;
    }
}
