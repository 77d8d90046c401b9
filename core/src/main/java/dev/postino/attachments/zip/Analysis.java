package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.CONCATENATED_ARCHIVES;
import static dev.postino.attachments.zip.ZipAnomalyKind.DATA_AFTER_END_RECORD;
import static dev.postino.attachments.zip.ZipAnomalyKind.DATA_BEFORE_FIRST_ENTRY;
import static dev.postino.attachments.zip.ZipAnomalyKind.ENCRYPTED_ENTRY;
import static dev.postino.attachments.zip.ZipAnomalyKind.LIMIT_EXCEEDED;
import static dev.postino.attachments.zip.ZipAnomalyKind.MALFORMED;
import static dev.postino.attachments.zip.ZipAnomalyKind.METHOD_CONTRADICTS_DATA;
import static dev.postino.attachments.zip.ZipAnomalyKind.NAME_MISMATCH;
import static dev.postino.attachments.zip.ZipAnomalyKind.ONLY_IN_CENTRAL_DIRECTORY;
import static dev.postino.attachments.zip.ZipAnomalyKind.ONLY_IN_LOCAL_HEADERS;
import static dev.postino.attachments.zip.ZipAnomalyKind.OVERLAPPING_ENTRIES;
import static dev.postino.attachments.zip.ZipAnomalyKind.SIZE_MISMATCH;
import static dev.postino.attachments.zip.ZipAnomalyKind.UNREFERENCED_DATA;

import static dev.postino.attachments.zip.ZipRecords.ARCHIVE_EXTRA_DATA;
import static dev.postino.attachments.zip.ZipRecords.CENTRAL_HEADER;
import static dev.postino.attachments.zip.ZipRecords.DATA_DESCRIPTOR;
import static dev.postino.attachments.zip.ZipRecords.DIGITAL_SIGNATURE;
import static dev.postino.attachments.zip.ZipRecords.END_RECORD;
import static dev.postino.attachments.zip.ZipRecords.END_RECORD_SIZE;
import static dev.postino.attachments.zip.ZipRecords.FLAG_MASKED_HEADERS;
import static dev.postino.attachments.zip.ZipRecords.LOCAL_HEADER;
import static dev.postino.attachments.zip.ZipRecords.MAX_COMMENT;
import static dev.postino.attachments.zip.ZipRecords.SINGLE_SEGMENT_MARKER;
import static dev.postino.attachments.zip.ZipRecords.U32_SENTINEL;
import static dev.postino.attachments.zip.ZipRecords.ZIP64_END_RECORD;
import static dev.postino.attachments.zip.ZipRecords.ZIP64_LOCATOR;
import static dev.postino.attachments.zip.ZipRecords.isAscii;

import dev.postino.attachments.zip.ByteSource.Truncated;
import dev.postino.attachments.zip.ZipRecords.CentralEntry;
import dev.postino.attachments.zip.ZipRecords.Header;
import dev.postino.attachments.zip.ZipRecords.LocalEntry;
import dev.postino.attachments.zip.ZipEntryView.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@link ZipStructureAnalyzer}: holds the mutable state of reading one archive.
 *
 * <p>Order: (1) find every end-of-central-directory record in the comment window and pick the one
 * extractors use; (2) read that central directory; (3) walk the local headers from the first
 * byte, as a streaming reader does; (4) correlate the two views and probe each entry's first
 * bytes. Record layouts and parsing are in {@link ZipRecords}; checks of one entry on its own
 * (name, path, encryption, method against data, duplicates) in {@link EntryChecks}.
 */
final class Analysis {

    private final ByteSource source;
    private final ZipLimits limits;
    private final Findings findings;
    private final long size;
    private long scanBudget;
    private boolean scanLimitReported;
    private boolean concatenationReported;
    private boolean centralIncomplete;
    /** Where the walk gave up (a limit or a broken record); beyond it, "never reached" proves nothing. */
    private long walkStoppedAt = Long.MAX_VALUE;

    private EndRecord end;
    private final List<EndRecord> otherEnds = new ArrayList<>();
    private final List<CentralEntry> central = new ArrayList<>();
    private final List<LocalEntry> walked = new ArrayList<>();
    private final Map<Long, LocalEntry> walkedByOffset = new HashMap<>();
    private long[] walkedOffsets;
    private final List<ZipEntryView> views = new ArrayList<>();
    private final EntryChecks checks;

    Analysis(ByteSource source, ZipLimits limits) {
        this.source = source;
        this.limits = limits;
        this.findings = new Findings(limits.maxAnomaliesPerKind());
        this.size = source.size();
        this.scanBuffer = new byte[(int) Math.min(64 * 1024, Math.max(2, size))];
        this.scanBudget = limits.maxScannedBytes();
        this.checks = new EntryChecks(source, findings);
    }

    ZipStructure run() throws IOException {
        if (size < END_RECORD_SIZE) {
            findings.add(MALFORMED, null, "only " + size + " bytes: too short for a ZIP end record");
        } else {
            phase("end record", this::findEndRecord);
            phase("central directory", this::readCentralDirectory);
        }
        phase("local headers", this::walkLocalHeaders);
        phase("entries", this::correlate);
        return new ZipStructure(views, findings.result());
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws IOException;
    }

    /** Runs one phase; a broken record ends that phase only, so the other view is still compared. */
    private void phase(String what, Phase phase) throws IOException {
        try {
            phase.run();
        } catch (Truncated e) {
            findings.add(MALFORMED, null, "truncated " + what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Never let hostile input escape as an exception: a bug on odd input is still a verdict.
            findings.add(MALFORMED, null, "unreadable structure in the " + what + " (" + e + ")");
        }
    }

    // ---------------------------------------------------------------- (1) end records

    /** The end record and where its central directory really is. */
    private static final class EndRecord {
        long offset;
        long commentEnd;
        long entries;
        long centralSize;
        long centralOffset;
        long centralStart;
        long delta;
        boolean zip64;
        String zip64Disagreement;
        String problem;

        boolean valid() {
            return problem == null;
        }
    }

    private void findEndRecord() throws IOException {
        long tailStart = Math.max(0, size - END_RECORD_SIZE - MAX_COMMENT);
        byte[] tail = source.copy(tailStart, (int) (size - tailStart));
        List<EndRecord> valid = new ArrayList<>();
        EndRecord last = null;
        for (int i = tail.length - END_RECORD_SIZE; i >= 0; i--) {
            if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6) {
                EndRecord r = readEndRecord(tailStart + i);
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
        end = valid.stream().filter(r -> r.commentEnd <= size).findFirst().orElse(valid.get(0));
        for (EndRecord r : valid) {
            if (r != end) {
                otherEnds.add(r);
            }
        }
        if (end.zip64Disagreement != null) {
            findings.add(MALFORMED, null, end.zip64Disagreement);
        }
        if (end.commentEnd > size) {
            findings.add(MALFORMED, null, "the end record's comment length runs " + (end.commentEnd - size)
                    + " bytes past the end of the file");
        } else if (end.commentEnd < size) {
            findings.add(DATA_AFTER_END_RECORD, null, (size - end.commentEnd) + " bytes after the end record"
                    + " and its comment, from offset " + end.commentEnd);
        }
    }

    private EndRecord readEndRecord(long at) {
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

    // ---------------------------------------------------------------- (2) central directory

    private void readCentralDirectory() throws IOException {
        if (end == null) {
            return;
        }
        long pos = end.centralStart;
        long declaredEnd = pos + end.centralSize;
        long readEnd = pos + Math.min(end.centralSize, limits.maxCentralDirectoryBytes());
        if (end.centralSize > limits.maxCentralDirectoryBytes()) {
            centralIncomplete = true;
            findings.add(LIMIT_EXCEEDED, null, "central directory of " + end.centralSize
                    + " bytes; only the first " + limits.maxCentralDirectoryBytes() + " were read");
        }
        while (pos < readEnd) {
            if (central.size() >= limits.maxEntries()) {
                centralIncomplete = true;
                findings.add(LIMIT_EXCEEDED, null, "more than " + limits.maxEntries()
                        + " central directory entries; only the first " + limits.maxEntries() + " were analysed");
                break;
            }
            if (!source.hasSignature(pos, CENTRAL_HEADER)) {
                centralIncomplete = true;
                findings.add(MALFORMED, null, "no central directory header at offset " + pos
                        + " after " + central.size() + " entries");
                break;
            }
            CentralEntry c;
            try {
                c = ZipRecords.readCentral(source, pos, end.delta);
            } catch (Truncated e) {
                centralIncomplete = true;
                findings.add(MALFORMED, null, "central directory header at offset " + pos + " is truncated");
                break;
            }
            central.add(c);
            pos = c.headerEnd;
        }
        if (!centralIncomplete) {
            if (pos != declaredEnd) {
                findings.add(MALFORMED, null, "the central directory entries end at offset " + pos
                        + " but the end record says " + declaredEnd);
            }
            if (central.size() != end.entries) {
                findings.add(MALFORMED, null, "the end record declares " + end.entries + " entries but the central"
                        + " directory holds " + central.size() + ": readers that trust the count list a different set");
            }
            if (pos >= declaredEnd && source.hasSignature(pos, CENTRAL_HEADER)) {
                findings.add(MALFORMED, null, "more central directory headers follow its declared end at offset "
                        + pos + ": readers that ignore the declared size list more entries");
            }
        }
    }

    // ---------------------------------------------------------------- (3) local header walk

    private void walkLocalHeaders() throws IOException {
        long pos = firstEntryStart();
        boolean centralSeen = false;
        while (pos >= 0 && pos < size) {
            if (!source.contains(pos, 4)) {
                unexpectedBytes(pos, size);
                return;
            }
            long signature = source.u32(pos);
            if (signature == LOCAL_HEADER) {
                if (centralSeen) {
                    reportConcatenation("local headers start again at offset " + pos
                            + ", after a central directory: a second archive follows the first");
                    centralSeen = false;
                }
                if (walked.size() >= limits.maxEntries()) {
                    findings.add(LIMIT_EXCEEDED, null, "more than " + limits.maxEntries()
                            + " local headers; the walk stopped at offset " + pos);
                    walkStoppedAt = pos;
                    return;
                }
                walkStoppedAt = pos; // until this header is fully read
                LocalEntry l = ZipRecords.readLocal(source, pos);
                if (!locateData(l)) {
                    return;
                }
                walkStoppedAt = Long.MAX_VALUE;
                walked.add(l);
                walkedByOffset.put(pos, l);
                if ((l.flags & FLAG_MASKED_HEADERS) != 0) {
                    findings.add(ENCRYPTED_ENTRY, null, "local headers are masked (flag bit 13):"
                            + " the central directory is encrypted");
                }
                pos = l.end;
            } else if (signature == CENTRAL_HEADER) {
                centralSeen = true;
                pos += 46L + source.u16(pos + 28) + source.u16(pos + 30) + source.u16(pos + 32);
            } else if (signature == ZIP64_END_RECORD) {
                long recordSize = source.u64(pos + 4);
                if (recordSize < 44 || recordSize > size) {
                    findings.add(MALFORMED, null, "ZIP64 end record at offset " + pos + " has size " + recordSize);
                    walkStoppedAt = pos;
                    return;
                }
                pos += 12 + recordSize;
            } else if (signature == ZIP64_LOCATOR) {
                pos += 20;
            } else if (signature == DIGITAL_SIGNATURE) {
                pos += 6 + source.u16(pos + 4);
            } else if (signature == ARCHIVE_EXTRA_DATA) {
                findings.add(ENCRYPTED_ENTRY, null, "archive extra data record at offset " + pos
                        + ": the central directory is encrypted (PKWARE strong encryption)");
                pos += 8 + source.u32(pos + 4);
            } else if (signature == END_RECORD) {
                centralSeen = false;
                long recordEnd = Math.min(size, pos + END_RECORD_SIZE + source.u16(pos + 20));
                boolean used = end != null && pos == end.offset;
                if (recordEnd >= size) {
                    return;
                }
                // After the end record extractors use, only a further archive matters (the bytes were
                // reported already); after any other, a central directory is a second directory too.
                long next = used ? scanForLocalHeader(recordEnd, size) : scanForSignature(recordEnd, size);
                if (next >= 0) {
                    reportConcatenation(used
                            ? "a local header at offset " + next + " follows the end record that extractors use"
                            : "another archive or central directory starts at offset " + next
                                    + ", after the end record at " + pos
                                    + (end == null ? "" : "; extractors list the one whose end record is at " + end.offset));
                    pos = next;
                    continue;
                }
                if (end == null) {
                    findings.add(DATA_AFTER_END_RECORD, null, (size - recordEnd) + " bytes after the end record at"
                            + " offset " + pos + ": too far from the end for readers that search the last 64 KiB"
                            + " (they find no archive), while streaming readers extract it");
                }
                return;
            } else {
                long next = scanForSignature(pos + 1, size);
                unexpectedBytes(pos, next < 0 ? size : next);
                if (next < 0 && scanLimitReported) {
                    walkStoppedAt = pos;
                }
                pos = next;
            }
        }
    }

    /** Where the first local header is; reports any prefix. -1 when there is nothing to walk. */
    private long firstEntryStart() throws IOException {
        if (size < 4) {
            return -1;
        }
        long first = source.u32(0);
        if (first == LOCAL_HEADER || first == CENTRAL_HEADER || first == END_RECORD || first == ZIP64_END_RECORD) {
            return 0;
        }
        if (first == SINGLE_SEGMENT_MARKER || first == DATA_DESCRIPTOR) {
            return 4;
        }
        long fromCentral = -1;
        for (CentralEntry c : central) {
            if ((fromCentral < 0 || c.localOffset < fromCentral) && source.hasSignature(c.localOffset, LOCAL_HEADER)) {
                fromCentral = c.localOffset;
            }
        }
        long scanLimit = fromCentral >= 0 ? fromCentral : end != null ? end.centralStart : size;
        long start = scanForLocalHeader(0, scanLimit);
        if (start < 0) {
            start = fromCentral >= 0 ? fromCentral : end != null ? end.centralStart : -1;
        }
        if (start < 0) {
            findings.add(MALFORMED, null, "no local file header anywhere in the file");
            return -1;
        }
        if (start > 0) {
            findings.add(DATA_BEFORE_FIRST_ENTRY, null, start + " bytes before the first entry, starting with "
                    + describePrefix(source.copy(0, (int) Math.min(start, 8))));
        }
        return start;
    }

    private static String describePrefix(byte[] head) {
        String ascii = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (ascii.startsWith("MZ")) {
            return "'MZ': a Windows executable, as in a self-extracting archive";
        }
        if (ascii.startsWith("\u007fELF")) {
            return "an ELF executable, as in a self-extracting archive";
        }
        if (ascii.startsWith("#!")) {
            return "'#!': a script, as in a self-extracting shell archive";
        }
        if (ascii.startsWith("%PDF")) {
            return "'%PDF': a PDF/ZIP polyglot";
        }
        if (ascii.startsWith("\u0089PNG") || ascii.startsWith("GIF8") || ascii.startsWith("\u00ff\u00d8\u00ff")) {
            return "an image header: an image/ZIP polyglot";
        }
        return "unidentified data";
    }

    private void unexpectedBytes(long from, long to) {
        if (end != null && from >= end.commentEnd) {
            return; // already reported as DATA_AFTER_END_RECORD
        }
        findings.add(UNREFERENCED_DATA, null, (to - from) + " bytes at offset " + from
                + " that no header accounts for");
    }

    /** A local header at {@code pos} that a central entry points to, or null when there is none. */
    private LocalEntry readLocalEntryQuietly(long pos) {
        try {
            return source.hasSignature(pos, LOCAL_HEADER) ? ZipRecords.readLocal(source, pos) : null;
        } catch (Truncated | IOException e) {
            return null;
        }
    }

    /**
     * Finds where the entry's data ends, as a streaming reader must: from the local sizes, or for
     * entries with a data descriptor (flag bit 3) by searching for a descriptor whose compressed
     * size equals its distance from the data start — what commons-compress does for STORED entries;
     * never by inflating, and without the central directory's help: a streaming reader has none.
     */
    private boolean locateData(LocalEntry l) throws IOException {
        boolean known = l.compressedSize != U32_SENTINEL && l.compressedSize >= 0;
        if (!l.hasDescriptor()) {
            if (!known || !source.contains(l.dataStart, l.compressedSize)) {
                findings.add(MALFORMED, l.name, "entry data at offset " + l.dataStart + " declares "
                        + l.compressedSize + " bytes, past the end of the file");
                return false;
            }
            l.dataEnd = l.dataStart + l.compressedSize;
            l.end = l.dataEnd;
            return true;
        }
        if (known && l.compressedSize > 0 && descriptorAt(l, l.dataStart + l.compressedSize)) {
            return true;
        }
        long found = scanForPk(l.dataStart, size, p -> descriptorAt(l, p) || descriptorBefore(l, p));
        if (found < 0 || l.dataEnd < 0) {
            if (!scanLimitReported) {
                findings.add(MALFORMED, l.name, "entry at offset " + l.offset
                        + " announces a data descriptor that cannot be found");
            }
            return false;
        }
        return true;
    }

    /** A descriptor with its optional signature starting at {@code p}. */
    private boolean descriptorAt(LocalEntry l, long p) throws IOException {
        if (!source.hasSignature(p, DATA_DESCRIPTOR)) {
            return false;
        }
        long distance = p - l.dataStart;
        boolean prefer64 = l.zip64Extra;
        for (int form = 0; form < 2; form++) {
            boolean wide = (form == 0) == prefer64;
            int length = wide ? 24 : 16;
            if (!source.contains(p, length)) {
                continue;
            }
            long compressed = wide ? source.u64(p + 8) : source.u32(p + 8);
            if (compressed == distance) {
                l.descriptorCrc = source.u32(p + 4);
                l.descriptorCompressedSize = compressed;
                l.descriptorUncompressedSize = wide ? source.u64(p + 16) : source.u32(p + 12);
                l.descriptorFound = true;
                l.dataEnd = p;
                l.end = p + length;
                return true;
            }
        }
        return false;
    }

    /** A descriptor without signature that ends just before the header at {@code p}. */
    private boolean descriptorBefore(LocalEntry l, long p) throws IOException {
        if (!source.contains(p, 4)) {
            return false;
        }
        long next = source.u32(p);
        if (next != LOCAL_HEADER && next != CENTRAL_HEADER) {
            return false;
        }
        for (int length : new int[] {12, 20}) {
            long start = p - length;
            if (start < l.dataStart) {
                continue;
            }
            long compressed = length == 20 ? source.u64(start + 4) : source.u32(start + 4);
            if (compressed == start - l.dataStart) {
                l.descriptorCrc = source.u32(start);
                l.descriptorCompressedSize = compressed;
                l.descriptorUncompressedSize = length == 20 ? source.u64(start + 12) : source.u32(start + 8);
                l.descriptorFound = true;
                l.dataEnd = start;
                l.end = p;
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- scanning

    @FunctionalInterface
    private interface PkTest {
        boolean test(long position) throws IOException;
    }

    /** Sized to the archive when smaller (set in the constructor): most archives in mail are a few kilobytes. */
    private final byte[] scanBuffer;

    /**
     * The first position in [from, to) holding "PK" that passes {@code test}; -1 if none or over
     * budget. Reads in chunks growing from 1 KiB, since most searches (a descriptor after a small
     * entry) end within a few hundred bytes; only the bytes examined count against the budget.
     */
    private long scanForPk(long from, long to, PkTest test) throws IOException {
        long p = Math.max(0, from);
        int chunk = 1024;
        while (p < to - 1) {
            int n = (int) Math.min(chunk, to - p);
            chunk = Math.min(chunk * 4, scanBuffer.length);
            if (scanBudget < n) {
                n = (int) scanBudget;
                if (n < 2) {
                    reportScanLimit(p);
                    return -1;
                }
            }
            n = source.readAtMost(p, scanBuffer, 0, n);
            for (int i = 0; i + 1 < n; i++) {
                if (scanBuffer[i] == 'P' && scanBuffer[i + 1] == 'K' && test.test(p + i)) {
                    scanBudget -= i + 2;
                    return p + i;
                }
            }
            scanBudget -= n - 1;
            p += n - 1;
        }
        return -1;
    }

    private long scanForLocalHeader(long from, long to) throws IOException {
        return scanForPk(from, to, p -> source.hasSignature(p, LOCAL_HEADER) && plausibleLocalHeader(p));
    }

    private long scanForSignature(long from, long to) throws IOException {
        return scanForPk(from, to, p -> {
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

    private void reportScanLimit(long at) {
        if (!scanLimitReported) {
            scanLimitReported = true;
            findings.add(LIMIT_EXCEEDED, null, "searched " + limits.maxScannedBytes()
                    + " bytes for signatures; stopped at offset " + at);
        }
    }

    private void reportConcatenation(String detail) {
        if (!concatenationReported) {
            concatenationReported = true;
            findings.add(CONCATENATED_ARCHIVES, null, detail);
        }
    }

    // ---------------------------------------------------------------- (4) correlation and probes

    private void correlate() throws IOException {
        for (CentralEntry c : central) {
            LocalEntry l = walkedByOffset.get(c.localOffset);
            if (l == null) {
                l = readLocalEntryQuietly(c.localOffset);
                if (l == null) {
                    findings.add(MALFORMED, c.name, "the central directory points to offset " + c.localOffset
                            + ", where there is no local header");
                    views.add(view(c, Source.CENTRAL));
                    checks.headers(c);
                    continue;
                }
                c.hiddenLocal = true;
                if (c.localOffset < walkStoppedAt) {
                    findings.add(ONLY_IN_CENTRAL_DIRECTORY, c.name, () -> "its local header at offset "
                            + c.localOffset + " is never reached by a reader that walks local headers: it lies "
                            + whereIs(c.localOffset));
                }
            }
            l.references++;
            c.local = l;
            compareViews(c, l);
        }
        if (end != null && !centralIncomplete) {
            for (LocalEntry l : walked) {
                if (l.references == 0) {
                    findings.add(ONLY_IN_LOCAL_HEADERS, l.name, () -> "local header at offset " + l.offset
                            + " is not listed in the central directory");
                }
            }
        }
        findOverlaps();
        judgeOtherEndRecords();
        for (CentralEntry c : central) {
            if (c.local != null) {
                checks.headers(c);
                if (!c.overlapped) { // overlapping data is already damning, and probing it costs per entry
                    checks.content(c, c.local.dataStart, c.compressedSize, c.uncompressedSize);
                }
            }
        }
        for (LocalEntry l : walked) {
            if (l.references == 0) {
                views.add(view(l, Source.LOCAL));
                checks.headers(l);
                ZipEntryView v = view(l, Source.LOCAL);
                checks.content(l, l.dataStart, v.compressedSize(), v.uncompressedSize());
            }
        }
        checks.duplicates(central.stream().map(c -> c.name).toList(), "the central directory");
        checks.duplicates(walked.stream().map(l -> l.name).toList(), "the local headers");
    }

    /**
     * A second valid end record is a second archive unless it lies inside an entry's data: a
     * stored zip inside the zip has its own end record, legitimately.
     */
    private void judgeOtherEndRecords() {
        List<Long> loose = new ArrayList<>();
        for (EndRecord r : otherEnds) {
            boolean inside = central.stream().anyMatch(c -> c.local != null
                    && r.offset >= c.local.dataStart && r.offset < extentEnd(c));
            if (!inside) {
                loose.add(r.offset);
            }
        }
        if (!loose.isEmpty()) {
            loose.add(end.offset);
            loose.sort(null);
            reportConcatenation(loose.size() + " end-of-central-directory records, at offsets " + loose
                    + ": extractors that pick different ones list different archives");
        }
    }

    private String whereIs(long offset) {
        if (walkedOffsets == null) {
            walkedOffsets = walked.stream().mapToLong(l -> l.offset).toArray();
        }
        int i = Arrays.binarySearch(walkedOffsets, offset);
        int before = i >= 0 ? i : -i - 2;
        if (before >= 0 && walked.get(before).end > offset) {
            LocalEntry l = walked.get(before);
            return "inside the data of '" + l.name + "' (offsets " + l.dataStart + "–" + l.end + ")";
        }
        if (end != null && offset >= end.centralStart) {
            return "after the start of the central directory";
        }
        return "in bytes no walked header accounts for";
    }

    private void compareViews(CentralEntry c, LocalEntry l) {
        boolean sameName = Arrays.equals(c.rawName, l.rawName) || c.name.equals(l.name);
        if (!sameName) {
            findings.add(NAME_MISMATCH, c.name, () -> "the central directory names it '" + c.name
                    + "' but its local header at offset " + l.offset + " names it '" + l.name + "'");
            views.add(view(c, Source.CENTRAL));
            if (l.references == 1) { // once, however many central entries share this local header
                views.add(view(l, Source.LOCAL));
            }
        } else {
            // A local header only the central directory leads to is not seen by streaming readers.
            views.add(view(c, c.hiddenLocal ? Source.CENTRAL : Source.BOTH));
        }
        if (c.method != l.method) {
            findings.add(METHOD_CONTRADICTS_DATA, c.name, "the central directory says method " + c.method
                    + " but the local header says " + l.method + ": the two kinds of reader decode different data");
        }
        if ((l.flags & FLAG_MASKED_HEADERS) == 0) {
            compareSizes(c, l);
        }
        checkUnicodePath(c);
        if (!sameName) {
            checkUnicodePath(l);
        }
    }

    private void compareSizes(CentralEntry c, LocalEntry l) {
        List<String> differences = new ArrayList<>();
        if (l.hasDescriptor()) {
            if (l.descriptorFound) {
                addDifference(differences, "compressed size", c.compressedSize, l.descriptorCompressedSize, "data descriptor");
                addDifference(differences, "size", c.uncompressedSize, l.descriptorUncompressedSize, "data descriptor");
                addDifference(differences, "CRC-32", c.crc, l.descriptorCrc, "data descriptor");
            }
        } else {
            addDifference(differences, "compressed size", c.compressedSize, l.compressedSize, "local header");
            addDifference(differences, "size", c.uncompressedSize, l.uncompressedSize, "local header");
            addDifference(differences, "CRC-32", c.crc, l.crc, "local header");
        }
        if (!differences.isEmpty()) {
            findings.add(SIZE_MISMATCH, c.name, String.join("; ", differences));
        }
    }

    private static void addDifference(List<String> out, String what, long central, long other, String where) {
        if (central != other) {
            out.add(what + " " + central + " in the central directory but " + other + " in the " + where);
        }
    }

    private void checkUnicodePath(Header h) {
        if (h.unicodePath != null && !h.unicodePath.equals(h.name) && isAscii(h.rawName)) {
            findings.add(NAME_MISMATCH, h.name, "its Info-ZIP Unicode Path field (0x7075) names it '"
                    + h.unicodePath + "': readers that honour the field extract a different name");
            views.add(new ZipEntryView(h.unicodePath, h instanceof CentralEntry ? Source.CENTRAL : Source.LOCAL,
                    h.method, h.compressedSize, h.uncompressedSize, h instanceof CentralEntry c ? c.localOffset : h.offset,
                    h.encrypted(), h.aes, h.utf8()));
        }
    }

    /** Fifield's bomb and shared data: sweep the central entries' local extents in offset order. */
    private void findOverlaps() {
        List<CentralEntry> placed = central.stream().filter(c -> c.local != null)
                .sorted(Comparator.comparingLong(c -> c.localOffset)).toList();
        long reach = -1;
        CentralEntry owner = null;
        for (CentralEntry c : placed) {
            long extentEnd = extentEnd(c);
            if (owner != null && c.localOffset < reach) {
                c.overlapped = true;
                owner.overlapped = true;
                CentralEntry container = owner;
                long containerEnd = reach;
                findings.add(OVERLAPPING_ENTRIES, c.name, () -> "its local header at offset " + c.localOffset
                        + " lies inside '" + container.name + "' (offsets " + container.localOffset + "–"
                        + containerEnd + ")");
            } else if (end != null && c.localOffset < end.centralStart && extentEnd > end.centralStart) {
                c.overlapped = true;
                findings.add(OVERLAPPING_ENTRIES, c.name, () -> "its data (offsets " + c.localOffset + "–" + extentEnd
                        + ") runs into the central directory at " + end.centralStart);
            }
            if (extentEnd > reach) {
                reach = extentEnd;
                owner = c;
            }
        }
    }

    private static long extentEnd(CentralEntry c) {
        long dataEnd = c.local.dataStart + Math.max(0, c.compressedSize);
        return dataEnd < c.local.dataStart ? Long.MAX_VALUE : dataEnd;
    }

    private ZipEntryView view(CentralEntry c, Source source) {
        return new ZipEntryView(c.name, source, c.method, c.compressedSize, c.uncompressedSize,
                c.local != null ? c.localOffset : -1, c.encrypted() || (c.local != null && c.local.encrypted()),
                c.aes, c.utf8());
    }

    private static ZipEntryView view(LocalEntry l, Source source) {
        long compressed = l.hasDescriptor() ? (l.descriptorFound ? l.descriptorCompressedSize : -1) : l.compressedSize;
        long size = l.hasDescriptor() ? (l.descriptorFound ? l.descriptorUncompressedSize : -1) : l.uncompressedSize;
        return new ZipEntryView(l.name, source, l.method, compressed, size, l.offset, l.encrypted(), l.aes, l.utf8());
    }


}
