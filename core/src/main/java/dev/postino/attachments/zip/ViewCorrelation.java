package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.CONCATENATED_ARCHIVES;
import static dev.postino.attachments.zip.ZipAnomalyKind.MALFORMED;
import static dev.postino.attachments.zip.ZipAnomalyKind.METHOD_CONTRADICTS_DATA;
import static dev.postino.attachments.zip.ZipAnomalyKind.NAME_MISMATCH;
import static dev.postino.attachments.zip.ZipAnomalyKind.ONLY_IN_CENTRAL_DIRECTORY;
import static dev.postino.attachments.zip.ZipAnomalyKind.ONLY_IN_LOCAL_HEADERS;
import static dev.postino.attachments.zip.ZipAnomalyKind.OVERLAPPING_ENTRIES;
import static dev.postino.attachments.zip.ZipAnomalyKind.SIZE_MISMATCH;
import static dev.postino.attachments.zip.ZipRecords.FLAG_MASKED_HEADERS;
import static dev.postino.attachments.zip.ZipRecords.LOCAL_HEADER;
import static dev.postino.attachments.zip.ZipRecords.isAscii;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.postino.attachments.zip.ByteSource.Truncated;
import dev.postino.attachments.zip.ZipEntryView.Source;
import dev.postino.attachments.zip.ZipRecords.CentralEntry;
import dev.postino.attachments.zip.ZipRecords.Header;
import dev.postino.attachments.zip.ZipRecords.LocalEntry;

/**
 * Phase (4) of an {@link Analysis}: the central directory and the local-header walk matched by offset,
 * where they disagree (names, methods, sizes, entries only one of them has, overlapping data, a second
 * archive), each entry's header and first bytes checked ({@link EntryChecks}), and the entry list every
 * reader would show.
 */
final class ViewCorrelation {

    private final ByteSource source;
    private final Findings findings;
    private final EntryChecks checks;
    private final EndRecordSearch ends;
    private final EndRecord end;
    private final CentralDirectoryRead central;
    private final LocalHeaderWalk walk;
    private long[] walkedOffsets;

    /** Every entry any reader shows, in the order found; filled as the phase runs. */
    final List<ZipEntryView> views = new ArrayList<>();

    ViewCorrelation(ByteSource source, Findings findings, EndRecordSearch ends, CentralDirectoryRead central,
                    LocalHeaderWalk walk) {
        this.source = source;
        this.findings = findings;
        this.checks = new EntryChecks(source, findings);
        this.ends = ends;
        this.end = ends.used;
        this.central = central;
        this.walk = walk;
    }

    void run() throws IOException {
        for (CentralEntry c : central.entries) {
            LocalEntry l = walk.byOffset.get(c.localOffset);
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
                if (c.localOffset < walk.stoppedAt) {
                    findings.add(ONLY_IN_CENTRAL_DIRECTORY, c.name, () -> "its local header at offset "
                            + c.localOffset + " is never reached by a reader that walks local headers: it lies "
                            + whereIs(c.localOffset));
                }
            }
            l.references++;
            c.local = l;
            compareViews(c, l);
        }
        if (end != null && !central.incomplete) {
            for (LocalEntry l : walk.walked) {
                if (l.references == 0) {
                    findings.add(ONLY_IN_LOCAL_HEADERS, l.name, () -> "local header at offset " + l.offset
                            + " is not listed in the central directory");
                }
            }
        }
        findOverlaps();
        judgeOtherEndRecords();
        for (CentralEntry c : central.entries) {
            if (c.local != null) {
                checks.headers(c);
                if (!c.overlapped) { // overlapping data is already damning, and probing it costs per entry
                    checks.content(c, c.local.dataStart, c.compressedSize, c.uncompressedSize);
                }
            }
        }
        for (LocalEntry l : walk.walked) {
            if (l.references == 0) {
                views.add(view(l, Source.LOCAL));
                checks.headers(l);
                ZipEntryView v = view(l, Source.LOCAL);
                checks.content(l, l.dataStart, v.compressedSize(), v.uncompressedSize());
            }
        }
        checks.duplicates(central.entries.stream().map(c -> c.name).toList(), "the central directory");
        checks.duplicates(walk.walked.stream().map(l -> l.name).toList(), "the local headers");
    }

    /**
     * A second valid end record is a second archive unless it lies inside an entry's data: a
     * stored zip inside the zip has its own end record, legitimately.
     */
    private void judgeOtherEndRecords() {
        List<Long> loose = new ArrayList<>();
        for (EndRecord r : ends.others) {
            boolean inside = central.entries.stream().anyMatch(c -> c.local != null
                    && r.offset >= c.local.dataStart && r.offset < extentEnd(c));
            if (!inside) {
                loose.add(r.offset);
            }
        }
        if (!loose.isEmpty()) {
            loose.add(end.offset);
            loose.sort(null);
            findings.addFirst(CONCATENATED_ARCHIVES, null, loose.size() + " end-of-central-directory records, at offsets " + loose
                    + ": extractors that pick different ones list different archives");
        }
    }

    private String whereIs(long offset) {
        if (walkedOffsets == null) {
            walkedOffsets = walk.walked.stream().mapToLong(l -> l.offset).toArray();
        }
        int i = Arrays.binarySearch(walkedOffsets, offset);
        int before = i >= 0 ? i : -i - 2;
        if (before >= 0 && walk.walked.get(before).end > offset) {
            LocalEntry l = walk.walked.get(before);
            return "inside the data of '" + l.name + "' (offsets " + l.dataStart + "–" + l.end + ")";
        }
        if (end != null && offset >= end.centralStart) {
            return "after the start of the central directory";
        }
        return "in bytes no walked header accounts for";
    }

    /** A local header at {@code pos} that a central entry points to, or null when there is none. */
    private LocalEntry readLocalEntryQuietly(long pos) {
        try {
            return source.hasSignature(pos, LOCAL_HEADER) ? ZipRecords.readLocal(source, pos) : null;
        } catch (Truncated | IOException e) {
            return null;
        }
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
        List<CentralEntry> placed = central.entries.stream().filter(c -> c.local != null)
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
