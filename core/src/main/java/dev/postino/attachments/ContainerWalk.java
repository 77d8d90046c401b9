package dev.postino.attachments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.function.LongSupplier;

import dev.postino.attachments.archives.ContainerReader;
import dev.postino.attachments.archives.TarReader;
import dev.postino.attachments.archives.ZipReader;
import dev.postino.attachments.spool.SpooledContent;
import dev.postino.attachments.types.ContentKind;
import dev.postino.attachments.types.DetectedType;
import dev.postino.attachments.types.EmbeddedArchive;
import dev.postino.attachments.types.TypeDetector;
import dev.postino.attachments.zip.ZipAnomalyKind;
import dev.postino.attachments.zip.ZipEntryView;
import dev.postino.attachments.zip.ZipStructure;

/**
 * Opens containers (ZIP, 7z, tar, gzip, bzip2, xz) and judges every entry as a part of its own, one at
 * a time, within the depth, entry, expansion and time limits: an entry's name is checked, its content
 * kept as {@link Retention} says and handed back to the walk.
 */
final class ContainerWalk {

    private final MessageWalk walk;
    private final ReportBuilder report;
    private final Budget budget;
    private final Retention retention;
    private final NameCheck names;
    private final ZipFindings zipFindings;
    private final TypeDetector detector;

    ContainerWalk(MessageWalk walk, ReportBuilder report, Budget budget, Retention retention, NameCheck names,
                  ZipFindings zipFindings, TypeDetector detector) {
        this.walk = walk;
        this.report = report;
        this.budget = budget;
        this.retention = retention;
        this.names = names;
        this.zipFindings = zipFindings;
        this.detector = detector;
    }

    /** How a container's entries are produced: from kept content, or straight from a stream. */
    @FunctionalInterface
    private interface EntrySource {
        void read(ContainerReader.Visitor visitor) throws IOException;
    }

    /**
     * A ZIP: its structure first ({@link ZipFindings}), then its entries unless they overlap. An Office or
     * OpenDocument package is still a ZIP: renamed, Explorer and 7-Zip open it and show every entry, so its
     * entries are judged like any archive's (a docx-looking zip carrying an inner zip with a program).
     */
    void zip(Part part, SpooledContent content, DetectedType type) throws IOException {
        ZipStructure structure = zipFindings.analyze(part, content);
        boolean bomb = structure.has(ZipAnomalyKind.OVERLAPPING_ENTRIES);
        ZipReader.Flavour flavour = ZipReader.flavour(structure.entries().stream().map(ZipEntryView::name).toList());
        if (flavour == ZipReader.Flavour.OFFICE_DOCUMENT_WITH_MACROS) {
            report.add(ReasonCode.MACROS, part.location(), part.described() + " is an Office document with VBA macros.",
                part.leafName());
        }
        if (flavour == ZipReader.Flavour.ARCHIVE) {
            walk.disguise(part, type);
        }
        if (bomb) {
            return;
        }
        entries(part, content::size, type, visitor -> new ZipReader().read(content, visitor));
    }

    /** Any other container kept whole: a disguise if named like a document, then its entries. */
    void open(Part part, SpooledContent content, DetectedType type, ContainerReader reader) throws IOException {
        open(part, content::size, type, visitor -> reader.read(content, visitor));
    }

    /**
     * {@code compressedSize} is the container's size for the expansion ratio: known for kept content, the
     * bytes read so far for a streamed one (never more than its final size, so the ratio errs strict).
     */
    private void open(Part part, LongSupplier compressedSize, DetectedType type, EntrySource source) throws IOException {
        walk.disguise(part, type);
        entries(part, compressedSize, type, source);
    }

    /** Every entry of a container, within the depth, entry, expansion and time limits. */
    private void entries(Part part, LongSupplier compressedSize, DetectedType type, EntrySource source) throws IOException {
        Location location = part.location();
        int depth = part.depth();
        budget.checkDepth(location, depth, part.leafName());
        Budget.Meter meter = budget.meter(location, compressedSize);
        try {
            source.read((entry, data) -> {
                budget.countEntry(location);
                Location entryLocation = location.child(entry.name());
                String entryLeaf = Part.leafOf(entry.name());
                if (entry.encrypted()) {
                    report.add(names.check(entry.name()), entryLocation, entryLeaf);
                    report.add(ReasonCode.ENCRYPTED_CONTENT, entryLocation, "\"" + entryLeaf
                        + "\" is encrypted, so its content cannot be inspected.", entryLeaf);
                    return;
                }
                if (entry.directory()) {
                    report.add(names.check(entry.name()), entryLocation, entryLeaf);
                    return;
                }
                if (data == null) {
                    report.add(names.check(entry.name()), entryLocation, entryLeaf);
                    report.add(ReasonCode.UNINSPECTABLE_ARCHIVE, entryLocation, "\"" + entryLeaf + "\" cannot be read ("
                        + (entry.unreadableReason() == null ? "unsupported" : entry.unreadableReason()) + ").", entryLeaf);
                    return;
                }
                String hint = TypeHints.forEntry(entry.name());
                Part inner = new Part(entryLocation, List.of(entry.name()), hint, depth + 1);
                InputStream metered = meter.wrap(data);
                byte[] head = metered.readNBytes(TypeDetector.HEAD_BYTES);
                if (head.length < TypeDetector.HEAD_BYTES) {
                    try (SpooledContent small = SpooledContent.of(head)) {
                        walk.inspect(inner, small, null);
                    }
                    return;
                }
                DetectedType headType = detector.detect(head, new byte[0], hint);
                if (headType.kind() == ContentKind.TAR) {
                    streamedTar(inner, head, headType, metered);
                    return;
                }
                try (Retention.Kept kept = retention.keep(head, headType, metered, inner.names(), hint, true)) {
                    walk.inspect(inner, kept);
                }
            });
        } catch (LimitExceeded | Upstream passOn) {
            throw passOn;
        } catch (ContainerReader.EncryptedArchiveException encrypted) {
            report.add(ReasonCode.ENCRYPTED_CONTENT, location, part.described()
                + " is an archive whose list of files is encrypted, so nothing in it can be inspected.", part.leafName());
        } catch (IOException | RuntimeException failure) {
            if (meter.tripped != null) {
                throw meter.tripped;
            }
            report.add(ReasonCode.MALFORMED_CONTENT, location, part.described() + " looks like " + type.description()
                + " but cannot be read as one (" + ReportBuilder.describe(failure) + ").", part.leafName());
        }
    }

    /**
     * A tar found inside a compressed stream (a {@code .tar.gz}), inspected as it is decompressed instead of
     * being stored first: the same name checks, container walk and limits as a kept tar. The last 512
     * bytes are still seen (read to the end), so a disk-image footer is still reported as one.
     * Read failures of the enclosing stream are passed on as {@link Upstream}, so they are reported
     * against the compressed stream exactly as when the tar was kept.
     */
    private void streamedTar(Part part, byte[] head, DetectedType headType, InputStream rest) throws IOException {
        Location location = part.location();
        budget.checkTime(location);
        Upstream.Guard source = new Upstream.Guard(rest, head);
        try {
            report.add(names.checkAll(part.names()), location, part.leafName());
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), source);
            open(part, source::count, headType, visitor -> new TarReader().read(whole, visitor));
            source.transferTo(OutputStream.nullOutputStream());
            DetectedType type = detector.detect(head, source.tail(), part.declaredType(), headType);
            if (type.kind() == ContentKind.DISK_IMAGE) {
                walk.diskImage(part, type);
            }
        } catch (Upstream failed) {
            if (failed.guard == source) {
                throw (IOException) failed.getCause();
            }
            throw failed;
        } catch (LimitExceeded limit) {
            throw limit;
        } catch (IOException | RuntimeException | NoClassDefFoundError | StackOverflowError failure) {
            report.add(ReasonCode.INSPECTION_ERROR, location, "This content could not be inspected ("
                + ReportBuilder.describe(failure) + "), so it is treated as not inspected.", part.leafName());
        }
    }

    /**
     * A container by content is analysed whatever its head says (docs/mime-differentials.md): a ZIP found by
     * its end record behind a PDF, a picture or text is read as the ZIP it is (its structure analysis reports
     * the data before its first entry), a RAR or 7z signature past the start is an archive Postino cannot
     * open. When only the part's ends were kept, the archive cannot be looked into, which fails closed.
     * {@code streamed} is the signature found while the part was streamed past, if any. Returns whether an
     * archive was found.
     */
    boolean hiddenArchive(Part part, SpooledContent content, DetectedType type, EmbeddedArchive.Found streamed)
        throws IOException {
        long size = content.size();
        EmbeddedArchive.Found zip = EmbeddedArchive.zipEnd(content.read(Math.max(0, size - EmbeddedArchive.ZIP_TAIL),
            EmbeddedArchive.ZIP_TAIL), size);
        EmbeddedArchive.Found other = streamed;
        if (content.complete() && other == null) {
            EmbeddedArchive.Search search = new EmbeddedArchive.Search();
            byte[] block = new byte[(int) Math.min(64 * 1024, Math.max(1, size))];
            try (InputStream in = content.openStream()) {
                long searched = 0;
                int n;
                while (searched < EmbeddedArchive.SIGNATURE_SEARCH && (n = in.readNBytes(block, 0, block.length)) > 0) {
                    search.feed(block, 0, n);
                    searched += n;
                }
            }
            other = search.found();
        }
        if (zip == null && other == null) {
            return false;
        }
        EmbeddedArchive.Found found = zip != null ? zip : other;
        String what = part.described() + " is " + type.description() + " that also holds " + found.format()
            + " (at byte " + found.offset() + "), which archive tools open";
        if (!content.complete()) {
            report.add(ReasonCode.TYPE_MISMATCH, part.location(), what + "; it is too large to be looked into here.",
                part.leafName());
        } else if (zip != null) {
            zip(part, content, new DetectedType(ContentKind.ZIP, "application/zip", "a ZIP archive behind " + type.description()));
        }
        if (other != null && content.complete()) {
            report.add(ReasonCode.UNINSPECTABLE_ARCHIVE, part.location(), what + "; Postino cannot open it.", part.leafName());
        }
        return true;
    }
}
