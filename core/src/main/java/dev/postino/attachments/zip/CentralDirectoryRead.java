package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.LIMIT_EXCEEDED;
import static dev.postino.attachments.zip.ZipAnomalyKind.MALFORMED;
import static dev.postino.attachments.zip.ZipRecords.CENTRAL_HEADER;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.postino.attachments.zip.ByteSource.Truncated;
import dev.postino.attachments.zip.ZipRecords.CentralEntry;

/**
 * Phase (2) of an {@link Analysis}: the central directory the end record points to, which is what
 * Windows Explorer, 7-Zip and {@code java.util.zip.ZipFile} list.
 */
final class CentralDirectoryRead {

    private final ByteSource source;
    private final ZipLimits limits;
    private final Findings findings;

    /** The entries read, in directory order; the ones before a broken record when it stopped early. */
    final List<CentralEntry> entries = new ArrayList<>();
    /** The directory was not read to its end (a limit or a broken record): what it lacks proves nothing. */
    boolean incomplete;

    CentralDirectoryRead(ByteSource source, ZipLimits limits, Findings findings) {
        this.source = source;
        this.limits = limits;
        this.findings = findings;
    }

    void run(EndRecord end) throws IOException {
        if (end == null) {
            return;
        }
        long pos = end.centralStart;
        long declaredEnd = pos + end.centralSize;
        long readEnd = pos + Math.min(end.centralSize, limits.maxCentralDirectoryBytes());
        if (end.centralSize > limits.maxCentralDirectoryBytes()) {
            incomplete = true;
            findings.add(LIMIT_EXCEEDED, null, "central directory of " + end.centralSize
                    + " bytes; only the first " + limits.maxCentralDirectoryBytes() + " were read");
        }
        while (pos < readEnd) {
            if (entries.size() >= limits.maxEntries()) {
                incomplete = true;
                findings.add(LIMIT_EXCEEDED, null, "more than " + limits.maxEntries()
                        + " central directory entries; only the first " + limits.maxEntries() + " were analysed");
                break;
            }
            if (!source.hasSignature(pos, CENTRAL_HEADER)) {
                incomplete = true;
                findings.add(MALFORMED, null, "no central directory header at offset " + pos
                        + " after " + entries.size() + " entries");
                break;
            }
            CentralEntry c;
            try {
                c = ZipRecords.readCentral(source, pos, end.delta);
            } catch (Truncated e) {
                incomplete = true;
                findings.add(MALFORMED, null, "central directory header at offset " + pos + " is truncated");
                break;
            }
            entries.add(c);
            pos = c.headerEnd;
        }
        if (!incomplete) {
            if (pos != declaredEnd) {
                findings.add(MALFORMED, null, "the central directory entries end at offset " + pos
                        + " but the end record says " + declaredEnd);
            }
            if (entries.size() != end.entries) {
                findings.add(MALFORMED, null, "the end record declares " + end.entries + " entries but the central"
                        + " directory holds " + entries.size() + ": readers that trust the count list a different set");
            }
            if (pos >= declaredEnd && source.hasSignature(pos, CENTRAL_HEADER)) {
                findings.add(MALFORMED, null, "more central directory headers follow its declared end at offset "
                        + pos + ": readers that ignore the declared size list more entries");
            }
        }
    }
}
