package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomaly.Kind.CONCATENATED_ARCHIVES;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.DATA_AFTER_END_RECORD;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.DATA_BEFORE_FIRST_ENTRY;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.DUPLICATE_NAME;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.ENCRYPTED_ENTRY;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.INVALID_NAME_ENCODING;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.LIMIT_EXCEEDED;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.MALFORMED;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.METHOD_CONTRADICTS_DATA;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.NAME_MISMATCH;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.ONLY_IN_CENTRAL_DIRECTORY;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.ONLY_IN_LOCAL_HEADERS;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.OVERLAPPING_ENTRIES;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.SIZE_MISMATCH;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.UNKNOWN_METHOD;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.UNREFERENCED_DATA;
import static dev.postino.attachments.zip.ZipAnomaly.Kind.UNSAFE_PATH;

import dev.postino.attachments.zip.ByteSource.Truncated;
import dev.postino.attachments.zip.ZipEntryView.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * One run of {@link ZipStructureAnalyzer}: holds the mutable state of reading one archive.
 *
 * <p>Order: (1) find every end-of-central-directory record in the comment window and pick the one
 * extractors use; (2) read that central directory; (3) walk the local headers from the first
 * byte, as a streaming reader does; (4) correlate the two views and probe each entry's first
 * bytes. Record layouts are APPNOTE.TXT 6.3.10 section 4.3.
 */
final class Analysis {

    static final long LOCAL_HEADER = 0x04034b50L;
    static final long CENTRAL_HEADER = 0x02014b50L;
    static final long END_RECORD = 0x06054b50L;
    static final long ZIP64_END_RECORD = 0x06064b50L;
    static final long ZIP64_LOCATOR = 0x07064b50L;
    static final long DATA_DESCRIPTOR = 0x08074b50L;
    static final long DIGITAL_SIGNATURE = 0x05054b50L;
    static final long ARCHIVE_EXTRA_DATA = 0x08064b50L;
    /** "PK00": written at offset 0 by a spanning writer that ended up with one segment (4.3.7). */
    static final long SINGLE_SEGMENT_MARKER = 0x30304b50L;

    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final long U32_SENTINEL = 0xFFFFFFFFL;
    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_DESCRIPTOR = 1 << 3;
    private static final int FLAG_STRONG = 1 << 6;
    private static final int FLAG_UTF8 = 1 << 11;
    private static final int FLAG_MASKED_HEADERS = 1 << 13;

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
    private final DataProbe dataProbe = new DataProbe();
    private final byte[] head = new byte[DataProbe.PROBE_INPUT];

    Analysis(ByteSource source, ZipLimits limits) {
        this.source = source;
        this.limits = limits;
        this.findings = new Findings(limits.maxAnomaliesPerKind());
        this.size = source.size();
        this.scanBudget = limits.maxScannedBytes();
    }

    ZipStructure run() throws IOException {
        if (size < END_RECORD_SIZE) {
            findings.add(MALFORMED, null, "only " + size + " bytes: too short for a ZIP end record");
        } else {
            phase("end record", this::findEndRecord);
            phase("central directory", this::readCentralDirectory);
        }
        phase("local headers", this::walkLocalHeaders);
        try {
            phase("entries", this::correlate);
        } finally {
            dataProbe.close();
        }
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

    /** Fields common to local and central headers. */
    private abstract static class Header {
        long offset;
        int flags;
        int method;
        long crc;
        long compressedSize;
        long uncompressedSize;
        byte[] rawName;
        String name;
        String nameProblem;
        boolean aes;
        int aesStrength;
        boolean strongEncryption;
        String unicodePath;
        boolean zip64Extra;
        String extraProblem;

        boolean utf8() {
            return (flags & FLAG_UTF8) != 0;
        }

        boolean encrypted() {
            return (flags & FLAG_ENCRYPTED) != 0 || aes || strongEncryption;
        }
    }

    private static final class CentralEntry extends Header {
        int versionMadeBy;
        long externalAttributes;
        long headerEnd;
        long localOffset;
        LocalEntry local;
        boolean hiddenLocal;
        boolean overlapped;
    }

    private static final class LocalEntry extends Header {
        long dataStart;
        long dataEnd = -1;
        long end = -1;
        boolean descriptorFound;
        long descriptorCrc;
        long descriptorCompressedSize;
        long descriptorUncompressedSize;
        int references;

        boolean hasDescriptor() {
            return (flags & FLAG_DESCRIPTOR) != 0;
        }
    }

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
                c = readCentralEntry(pos);
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

    private CentralEntry readCentralEntry(long pos) throws IOException {
        byte[] h = source.copy(pos, 46);
        CentralEntry c = new CentralEntry();
        c.offset = pos;
        c.versionMadeBy = le16(h, 4);
        c.externalAttributes = le32(h, 38);
        c.flags = le16(h, 8);
        c.method = le16(h, 10);
        c.crc = le32(h, 16);
        c.compressedSize = le32(h, 20);
        c.uncompressedSize = le32(h, 24);
        int nameLength = le16(h, 28);
        int extraLength = le16(h, 30);
        int commentLength = le16(h, 32);
        long declaredOffset = le32(h, 42);
        c.rawName = source.copy(pos + 46, nameLength);
        byte[] extra = source.copy(pos + 46 + nameLength, extraLength);
        c.headerEnd = pos + 46 + nameLength + extraLength + commentLength;
        if (!source.contains(pos, c.headerEnd - pos)) {
            throw new Truncated(pos, c.headerEnd - pos, size);
        }
        long[] zip64 = zip64Values(extra);
        if (zip64 != null) {
            c.zip64Extra = true;
            int i = 0;
            // APPNOTE 4.5.3: only the fields whose 32-bit value is the sentinel are present, in this order.
            if (c.uncompressedSize == U32_SENTINEL && i < zip64.length) {
                c.uncompressedSize = zip64[i++];
            }
            if (c.compressedSize == U32_SENTINEL && i < zip64.length) {
                c.compressedSize = zip64[i++];
            }
            if (declaredOffset == U32_SENTINEL && i < zip64.length) {
                declaredOffset = zip64[i];
            }
        }
        parseExtra(c, extra);
        c.localOffset = declaredOffset + end.delta;
        decodeName(c);
        return c;
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
                LocalEntry l = readLocalEntry(pos);
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
                if (end != null && pos == end.offset) {
                    if (recordEnd < size) {
                        long next = scanForLocalHeader(recordEnd, size);
                        if (next >= 0) {
                            reportConcatenation("a local header at offset " + next
                                    + " follows the end record that extractors use");
                            pos = next;
                            continue;
                        }
                    }
                    return;
                }
                if (recordEnd < size) {
                    reportConcatenation("an archive ends at offset " + recordEnd + " and data follows it"
                            + (end == null ? "" : "; extractors list the archive whose end record is at " + end.offset));
                }
                pos = recordEnd;
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

    private LocalEntry readLocalEntry(long pos) throws IOException {
        byte[] h = source.copy(pos, 30);
        LocalEntry l = new LocalEntry();
        l.offset = pos;
        l.flags = le16(h, 6);
        l.method = le16(h, 8);
        l.crc = le32(h, 14);
        l.compressedSize = le32(h, 18);
        l.uncompressedSize = le32(h, 22);
        int nameLength = le16(h, 26);
        int extraLength = le16(h, 28);
        l.rawName = source.copy(pos + 30, nameLength);
        byte[] extra = source.copy(pos + 30 + nameLength, extraLength);
        l.dataStart = pos + 30 + nameLength + extraLength;
        long[] zip64 = zip64Values(extra);
        if (zip64 != null) {
            l.zip64Extra = true;
            // APPNOTE 4.5.3: a local ZIP64 field carries both sizes; tolerate writers that put only one.
            if (zip64.length >= 2) {
                l.uncompressedSize = zip64[0];
                l.compressedSize = zip64[1];
            } else if (zip64.length == 1 && l.uncompressedSize == U32_SENTINEL) {
                l.uncompressedSize = zip64[0];
            } else if (zip64.length == 1 && l.compressedSize == U32_SENTINEL) {
                l.compressedSize = zip64[0];
            }
        }
        parseExtra(l, extra);
        decodeName(l);
        return l;
    }

    /** A local header at {@code pos} that a central entry points to, or null when there is none. */
    private LocalEntry readLocalEntryQuietly(long pos) {
        try {
            return source.hasSignature(pos, LOCAL_HEADER) ? readLocalEntry(pos) : null;
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

    private final byte[] scanBuffer = new byte[64 * 1024];

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
            LocalEntry l = readLocalEntry(p);
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
                    reportEntry(c);
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
                reportEntry(c);
                probe(c, c.local.dataStart, c.compressedSize, c.uncompressedSize);
            }
        }
        for (LocalEntry l : walked) {
            if (l.references == 0) {
                views.add(view(l, Source.LOCAL));
                reportEntry(l);
                ZipEntryView v = view(l, Source.LOCAL);
                probe(l, l.dataStart, v.compressedSize(), v.uncompressedSize());
            }
        }
        findDuplicates(central.stream().map(c -> c.name).toList(), "the central directory");
        findDuplicates(walked.stream().map(l -> l.name).toList(), "the local headers");
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
            findings.add(NAME_MISMATCH, c.name, "the central directory names it '" + c.name
                    + "' but its local header at offset " + l.offset + " names it '" + l.name + "'");
            views.add(view(c, Source.CENTRAL));
            views.add(view(l, Source.LOCAL));
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

    private void reportEntry(Header h) {
        if (h.nameProblem != null) {
            findings.add(INVALID_NAME_ENCODING, h.name, "its name " + h.nameProblem);
        }
        if (h.extraProblem != null) {
            findings.add(MALFORMED, h.name, h.extraProblem);
        }
        String unsafe = unsafePath(h);
        if (unsafe != null) {
            findings.add(UNSAFE_PATH, h.name, unsafe);
        }
        if (h.encrypted()) {
            findings.add(ENCRYPTED_ENTRY, h.name, encryptionScheme(h));
        } else if (h instanceof CentralEntry c && c.local != null && c.local.encrypted()) {
            findings.add(ENCRYPTED_ENTRY, h.name, "only its local header declares it encrypted ("
                    + encryptionScheme(c.local) + ")");
        }
        if (!DataProbe.isKnownMethod(h.method)) {
            findings.add(UNKNOWN_METHOD, h.name, "compression method " + h.method + " is not defined by APPNOTE.TXT");
        }
    }

    private static final java.util.regex.Pattern DRIVE = java.util.regex.Pattern.compile("^[A-Za-z]:");

    private static String unsafePath(Header h) {
        String name = h.name;
        if (name.startsWith("/") || name.startsWith("\\")) {
            return "absolute path: extracts outside the target folder";
        }
        if (DRIVE.matcher(name).find()) {
            return "starts with a drive letter: extracts outside the target folder";
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "a '..' segment climbs out of the target folder (Zip Slip)";
            }
        }
        // APPNOTE 4.4.2: host 3 is Unix, whose mode sits in the external attributes' high half.
        if (h instanceof CentralEntry c && c.versionMadeBy >>> 8 == 3
                && ((c.externalAttributes >>> 16) & 0xF000) == 0xA000) {
            return "a symbolic link: later entries written through it land outside the target folder";
        }
        return null;
    }

    private static String encryptionScheme(Header h) {
        if (h.aes) {
            return "encrypted with WinZip AES" + switch (h.aesStrength) {
                case 1 -> "-128";
                case 2 -> "-192";
                case 3 -> "-256";
                default -> "";
            };
        }
        if (h.strongEncryption || (h.flags & FLAG_STRONG) != 0) {
            return "encrypted with PKWARE strong encryption";
        }
        return "encrypted with traditional PKWARE encryption (ZipCrypto)";
    }

    /** Checks the declared method against the sizes and the first bytes of the data. */
    private void probe(Header h, long dataStart, long compressedSize, long usize) throws IOException {
        if (h.encrypted() || h.method == 99 || compressedSize < 0 || (h instanceof CentralEntry c && c.overlapped)) {
            if (h.method == 99 && !h.aes) {
                findings.add(METHOD_CONTRADICTS_DATA, h.name, "method 99 (AES) without the AES extra field 0x9901");
            }
            return;
        }
        if (!source.contains(dataStart, compressedSize)) {
            findings.add(MALFORMED, h.name, "its data (" + compressedSize + " bytes at offset " + dataStart
                    + ") runs past the end of the file");
            return;
        }
        int length = source.readAtMost(dataStart, head, 0, (int) Math.min(head.length, compressedSize));
        switch (h.method) {
            case 0 -> {
                if (compressedSize != usize) {
                    findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared STORED but its compressed size "
                            + compressedSize + " differs from its size " + usize);
                } else if (dataProbe.storedLooksDeflated(head, length, compressedSize)) {
                    findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared STORED but the data is a deflate stream"
                            + " (Zombie ZIP): scanners see noise, a custom loader inflates it");
                }
            }
            case 8 -> probeDeflate(h, head, length, compressedSize, usize);
            default -> {
                String problem = DataProbe.magicProblem(h.method, head, length);
                if (problem != null && compressedSize > 0) {
                    findings.add(METHOD_CONTRADICTS_DATA, h.name, problem);
                }
            }
        }
    }

    private void probeDeflate(Header h, byte[] head, int length, long compressedSize, long usize) {
        if (compressedSize > DataProbe.deflateBound(usize)) {
            findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared DEFLATE but " + compressedSize
                    + " compressed bytes cannot come from " + usize + " bytes");
            return;
        }
        if (usize / DataProbe.MAX_DEFLATE_RATIO > compressedSize + 1) {
            findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared DEFLATE but " + usize + " bytes cannot come from "
                    + compressedSize + " compressed bytes (deflate expands at most 1032:1)");
            return;
        }
        if (compressedSize == 0) {
            return;
        }
        DataProbe.Inflation r = dataProbe.inflate(head, length);
        if (!r.valid()) {
            findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared DEFLATE but the data is not a deflate stream ("
                    + r.error() + ")");
        } else if (r.finished() && r.consumed() < compressedSize && length == compressedSize) {
            findings.add(METHOD_CONTRADICTS_DATA, h.name, "the deflate stream ends after " + r.consumed()
                    + " of its " + compressedSize + " bytes: the rest is hidden from extractors");
        } else if (r.finished() && length == compressedSize && r.produced() != usize) {
            findings.add(SIZE_MISMATCH, h.name, "declares " + usize + " bytes but its data inflates to "
                    + r.produced());
        }
    }

    private void findDuplicates(List<String> names, String where) {
        Map<String, String> exact = new HashMap<>();
        Map<String, String> folded = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (String name : names) {
            String previous = exact.putIfAbsent(name, name);
            if (previous != null) {
                if (reported.add(name)) {
                    findings.add(DUPLICATE_NAME, name, "appears more than once in " + where);
                }
                continue;
            }
            String key = ZipNames.extractionKey(name);
            String twin = folded.putIfAbsent(key, name);
            if (twin != null && reported.add(name)) {
                findings.add(DUPLICATE_NAME, name, "extracts to the same file as '" + twin + "' on Windows or macOS"
                        + " (case, Unicode normalisation or trailing dots, spaces and slashes), in " + where);
            }
        }
    }

    private ZipEntryView view(CentralEntry c, Source source) {
        return new ZipEntryView(c.name, source, c.method, c.compressedSize, c.uncompressedSize, c.localOffset,
                c.encrypted() || (c.local != null && c.local.encrypted()), c.aes, c.utf8());
    }

    private static ZipEntryView view(LocalEntry l, Source source) {
        long compressed = l.hasDescriptor() ? (l.descriptorFound ? l.descriptorCompressedSize : -1) : l.compressedSize;
        long size = l.hasDescriptor() ? (l.descriptorFound ? l.descriptorUncompressedSize : -1) : l.uncompressedSize;
        return new ZipEntryView(l.name, source, l.method, compressed, size, l.offset, l.encrypted(), l.aes, l.utf8());
    }

    // ---------------------------------------------------------------- fields

    private static void decodeName(Header h) {
        ZipNames.Decoded decoded = ZipNames.decode(h.rawName, h.utf8());
        h.name = decoded.name();
        h.nameProblem = decoded.problem();
    }

    /** The ZIP64 extended information field (0x0001) as 8-byte values, or null when absent. */
    private static long[] zip64Values(byte[] extra) {
        int i = 0;
        while (i + 4 <= extra.length) {
            int id = le16(extra, i);
            int length = le16(extra, i + 2);
            if (i + 4 + length > extra.length) {
                return null;
            }
            if (id == 0x0001) {
                long[] values = new long[length / 8];
                for (int v = 0; v < values.length; v++) {
                    values[v] = le64(extra, i + 4 + 8 * v);
                }
                return values;
            }
            i += 4 + length;
        }
        return null;
    }

    private static void parseExtra(Header h, byte[] extra) {
        int i = 0;
        while (i + 4 <= extra.length) {
            int id = le16(extra, i);
            int length = le16(extra, i + 2);
            int data = i + 4;
            if (data + length > extra.length) {
                h.extraProblem = "its extra field 0x" + Integer.toHexString(id) + " overruns the header:"
                        + " readers disagree on what follows";
                return;
            }
            switch (id) {
                case 0x9901 -> {
                    h.aes = true;
                    if (length >= 7) {
                        h.aesStrength = extra[data + 4] & 0xFF;
                    }
                }
                case 0x0017 -> h.strongEncryption = true;
                case 0x7075 -> {
                    if (length >= 5 && extra[data] == 1) {
                        CRC32 crc = new CRC32();
                        crc.update(h.rawName);
                        if (crc.getValue() == le32(extra, data + 1)) {
                            h.unicodePath = ZipNames.strictUtf8(Arrays.copyOfRange(extra, data + 5, data + length));
                        }
                    }
                }
                default -> {
                    // other fields (timestamps, Unix ids, alignment padding) carry no differential
                }
            }
            i = data + length;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    private static long le64(byte[] b, int i) {
        return le32(b, i) | le32(b, i + 4) << 32;
    }
}
