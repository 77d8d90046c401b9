package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.CONCATENATED_ARCHIVES;
import static dev.postino.attachments.zip.ZipAnomalyKind.DATA_AFTER_END_RECORD;
import static dev.postino.attachments.zip.ZipAnomalyKind.DATA_BEFORE_FIRST_ENTRY;
import static dev.postino.attachments.zip.ZipAnomalyKind.ENCRYPTED_ENTRY;
import static dev.postino.attachments.zip.ZipAnomalyKind.LIMIT_EXCEEDED;
import static dev.postino.attachments.zip.ZipAnomalyKind.MALFORMED;
import static dev.postino.attachments.zip.ZipAnomalyKind.UNREFERENCED_DATA;
import static dev.postino.attachments.zip.ZipRecords.ARCHIVE_EXTRA_DATA;
import static dev.postino.attachments.zip.ZipRecords.CENTRAL_HEADER;
import static dev.postino.attachments.zip.ZipRecords.DATA_DESCRIPTOR;
import static dev.postino.attachments.zip.ZipRecords.DIGITAL_SIGNATURE;
import static dev.postino.attachments.zip.ZipRecords.END_RECORD;
import static dev.postino.attachments.zip.ZipRecords.END_RECORD_SIZE;
import static dev.postino.attachments.zip.ZipRecords.FLAG_MASKED_HEADERS;
import static dev.postino.attachments.zip.ZipRecords.LOCAL_HEADER;
import static dev.postino.attachments.zip.ZipRecords.SINGLE_SEGMENT_MARKER;
import static dev.postino.attachments.zip.ZipRecords.U32_SENTINEL;
import static dev.postino.attachments.zip.ZipRecords.ZIP64_END_RECORD;
import static dev.postino.attachments.zip.ZipRecords.ZIP64_LOCATOR;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.postino.attachments.zip.ZipRecords.CentralEntry;
import dev.postino.attachments.zip.ZipRecords.LocalEntry;

/**
 * Phase (3) of an {@link Analysis}: the local headers walked from the first byte, as a streaming reader
 * ({@code ZipInputStream}, commons-compress {@code ZipArchiveInputStream}, many gateways) does: each local
 * header and its data, then central headers, ZIP64 records and end records, and whatever follows.
 */
final class LocalHeaderWalk {

    private final ByteSource source;
    private final ZipLimits limits;
    private final Findings findings;
    private final SignatureScan scan;
    private final EndRecord end;
    private final List<CentralEntry> central;
    private final long size;

    /** The local headers walked, in file order. */
    final List<LocalEntry> walked = new ArrayList<>();
    final Map<Long, LocalEntry> byOffset = new HashMap<>();
    /** Where the walk gave up (a limit or a broken record); beyond it, "never reached" proves nothing. */
    long stoppedAt = Long.MAX_VALUE;

    /** {@code end} is the end record extractors use (null if none), {@code central} its directory's entries. */
    LocalHeaderWalk(ByteSource source, ZipLimits limits, Findings findings, EndRecord end, List<CentralEntry> central) {
        this.source = source;
        this.limits = limits;
        this.findings = findings;
        this.scan = new SignatureScan(source, limits, findings);
        this.end = end;
        this.central = central;
        this.size = source.size();
    }

    void run() throws IOException {
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
                    findings.addFirst(CONCATENATED_ARCHIVES, null, "local headers start again at offset " + pos
                            + ", after a central directory: a second archive follows the first");
                    centralSeen = false;
                }
                if (walked.size() >= limits.maxEntries()) {
                    findings.add(LIMIT_EXCEEDED, null, "more than " + limits.maxEntries()
                            + " local headers; the walk stopped at offset " + pos);
                    stoppedAt = pos;
                    return;
                }
                stoppedAt = pos; // until this header is fully read
                LocalEntry l = ZipRecords.readLocal(source, pos);
                if (!locateData(l)) {
                    return;
                }
                stoppedAt = Long.MAX_VALUE;
                walked.add(l);
                byOffset.put(pos, l);
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
                    stoppedAt = pos;
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
                long next = used ? scan.localHeader(recordEnd, size) : scan.anySignature(recordEnd, size);
                if (next >= 0) {
                    findings.addFirst(CONCATENATED_ARCHIVES, null, used
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
                long next = scan.anySignature(pos + 1, size);
                unexpectedBytes(pos, next < 0 ? size : next);
                if (next < 0 && scan.limitReported()) {
                    stoppedAt = pos;
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
        long start = scan.localHeader(0, scanLimit);
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
        long found = scan.find(l.dataStart, size, p -> descriptorAt(l, p) || descriptorBefore(l, p));
        if (found < 0 || l.dataEnd < 0) {
            if (!scan.limitReported()) {
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
}
