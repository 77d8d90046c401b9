package dev.postino.attachments;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import java.nio.channels.SeekableByteChannel;

import dev.postino.attachments.archives.CompressedStreamReader;
import dev.postino.attachments.archives.ContainerReader;
import dev.postino.attachments.archives.SevenZReader;
import dev.postino.attachments.archives.TarReader;
import dev.postino.attachments.archives.ZipReader;
import dev.postino.attachments.html.HtmlSmuggling;
import dev.postino.attachments.parts.MimeReader;
import dev.postino.attachments.parts.MimeWalker;
import dev.postino.attachments.parts.TransferEncoding;
import dev.postino.attachments.parts.TnefReader;
import dev.postino.attachments.parts.Uudecoder;
import dev.postino.attachments.spool.SpooledContent;
import dev.postino.attachments.names.FileNames;
import dev.postino.attachments.names.MimeParameters;
import dev.postino.attachments.types.DetectedType;
import dev.postino.attachments.types.EmbeddedArchive;
import dev.postino.attachments.types.ContentKind;
import dev.postino.attachments.types.OleDirectory;
import dev.postino.attachments.types.TypeDetector;
import dev.postino.attachments.zip.ZipAnomaly;
import dev.postino.attachments.zip.ZipAnomalyKind;
import dev.postino.attachments.zip.ZipEntryView;
import dev.postino.attachments.zip.ZipStructure;
import dev.postino.attachments.zip.ZipLimits;
import dev.postino.attachments.zip.ZipStructureAnalyzer;

/** The state of one inspection: limits consumed so far and findings collected. Used once. */
final class Inspection {

    private static final TypeDetector DETECTOR = new TypeDetector();
    /** A 65,534-entry bomb must give a short report, not 65,534 findings. */
    private static final int MAX_ZIP_FINDINGS_PER_CODE = 3;
    /** Tail kept of a part judged by its ends: a ZIP end record with the longest comment; the PDF trailer search reads 64 KiB. */
    private static final int TAIL_KEPT = EmbeddedArchive.ZIP_TAIL;
    /** Bounds the size of the findings attribute; the verdict still counts every finding. */
    private static final int MAX_FINDINGS = 100;

    /** Extensions of documents and media: finding a program or archive under one of them is a disguise. */
    private static final Set<String> DOCUMENT_EXTENSIONS = Set.of(
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv", "htm", "html",
        "xml", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "heic", "webp", "svg", "mp3", "mp4", "wav", "mov",
        "ics", "vcf", "eml", "msg", "json", "md", "log");

    private final InspectionPolicy policy;
    private final InspectionLimits limits;
    /** The ZIP structure pass, under the administrator's entry limit like the content walk. */
    private final ZipStructureAnalyzer zipAnalyzer;
    private final NameCheck names;
    private final long deadline;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private final List<Finding> findings = new ArrayList<>();
    private long expanded;
    private boolean blocked;
    private int dropped;
    private long entries;
    /**
     * Set for each leaf of a walked message that has no name and is not a {@code Content-Disposition:
     * attachment}: a message body, whose scripts mail clients never run, so HTML smuggling is not judged
     * there. Read and cleared by the first {@link #inspectUnguarded} of that leaf; everything nested
     * below (archive entries, embedded data) is judged.
     */
    private boolean bodyPending;
    /**
     * Walking a saved web page ({@code .mht}, {@code .mhtml}): a browser opens it and runs the scripts of
     * its page, which is an unnamed part, so its parts are judged, not taken for message bodies.
     */
    private boolean inWebArchive;
    /**
     * Set by {@link #keep} for a part streamed past by its ends, when a RAR or 7z signature showed up after its
     * start; read and cleared by the {@link #inspectUnguarded} of that part.
     */
    private EmbeddedArchive.Found streamedArchive;

    Inspection(InspectionPolicy policy) {
        this.policy = policy;
        this.limits = policy.limits();
        this.zipAnalyzer = new ZipStructureAnalyzer(
            ZipLimits.defaults().withMaxEntries((int) Math.min(limits.maxEntries(), Integer.MAX_VALUE)));
        this.names = new NameCheck(policy.blockedExtensions());
        this.deadline = System.nanoTime() + limits.maxTime().toNanos();
    }

    /**
     * Inspects one message; never throws. Besides exceptions, two errors become findings, because
     * the mail must get a (fail-closed) verdict rather than go to the error processor: a
     * {@link NoClassDefFoundError} (a format's class missing at run time, e.g. a codec lost in a
     * repackaged jar, or a clash on James's class path) and a {@link StackOverflowError} (Commons
     * Compress and Tika recurse over structures the sender builds). Every other error propagates.
     */
    InspectionReport run(InputStream message) {
        try {
            walkMessage(message, null, 0);
        } catch (LimitException limit) {
            add(ReasonCode.LIMIT_EXCEEDED, limit.location, limit.getMessage(), "");
        } catch (IOException | RuntimeException | NoClassDefFoundError | StackOverflowError failure) {
            add(ReasonCode.MALFORMED_CONTENT, Location.message(),
                "The message structure could not be read completely (" + describe(failure) + ").", "");
        }
        boolean dangerous = blocked;
        if (dropped > 0) {
            findings.set(MAX_FINDINGS - 1, new Finding(findings.get(MAX_FINDINGS - 1).code(), "", List.of(),
                dropped + 1 + " more findings are not listed.", "", findings.get(MAX_FINDINGS - 1).action()));
        }
        return new InspectionReport(dangerous ? AttachmentVerdict.DANGEROUS : AttachmentVerdict.CLEAN, findings);
    }

    /**
     * Walks a message; {@code base} is null for the top-level message, else the attached message's location.
     * A part whose transfer encoding readers disagree on is judged under each of their decodings; a structure
     * they would split differently is {@code MIME_AMBIGUOUS} for the whole (attached) message.
     */
    private void walkMessage(InputStream message, Location base, int depth) throws IOException {
        Location whole = base == null ? Location.message() : base;
        try {
            MimeWalker.walk(timed(message, whole), new MimeWalker.Handler() {
                @Override
                public void leaf(MimeWalker.Leaf leaf, InputStream rawBody) throws IOException {
                    Set<TransferEncoding> readings = leaf.transferEncodings();
                    if (readings.size() == 1) {
                        walkLeaf(leaf, rawBody, readings.iterator().next(), base, depth);
                        return;
                    }
                    try (SpooledContent raw = SpooledContent.spool(rawBody, limits.memoryThreshold())) {
                        for (TransferEncoding reading : readings) {
                            try (InputStream in = raw.openStream()) {
                                walkLeaf(leaf, in, reading, base, depth);
                            }
                        }
                    }
                }

                @Override
                public void disagreement(String section, String description) {
                    add(ReasonCode.MIME_AMBIGUOUS, whole, "Mail programs read " + (base == null ? "this message" : "the attached message")
                        + " differently (" + description + "), so one of them could show an attachment that is not inspected.", "");
                }
            });
        } catch (MimeReader.LimitException limit) {
            throw new LimitException(whole, limit.getMessage());
        }
    }

    /** One leaf under one transfer-encoding reading. */
    private void walkLeaf(MimeWalker.Leaf leaf, InputStream rawBody, TransferEncoding reading, Location base, int depth)
        throws IOException {
        List<String> partNames = MimeParameters.names(leaf.contentDispositions(), leaf.contentTypes());
        Location location = base == null
            ? new Location(leaf.section(), List.of("part " + leaf.section()))
            : base.child("part " + leaf.section());
        if (!partNames.isEmpty()) {
            location = location.child(partNames.get(0));
        }
        checkTime(location);
        bodyPending = !inWebArchive && partNames.isEmpty() && !isAttachmentDisposition(leaf.contentDisposition());
        MimeWalker.Decoded body = MimeWalker.decode(rawBody, reading);
        try (Kept kept = keep(body, partNames, leaf.mimeType(), false)) {
            reportDivergence(location, body, kept, leaf.mimeType());
            if (base == null) {
                inspectTopLevel(location, partNames, leaf.mimeType(), kept);
            } else {
                inspect(location, partNames, leaf.mimeType(), kept.content(), depth, kept.headType());
            }
        }
    }

    /**
     * Base64 data after its padding is decoded differently by every reader; a quoted-printable oddity only
     * changes whitespace and stray {@code =} signs, which matters for binary content, not for text.
     */
    private void reportDivergence(Location location, MimeWalker.Decoded body, Kept kept, String declaredType) throws IOException {
        String divergence = body.divergence();
        if (divergence == null) {
            return;
        }
        if (body.onlyMattersForBinary()) {
            DetectedType type = kept.headType() != null ? kept.headType()
                : DETECTOR.detect(kept.content().read(0, TypeDetector.HEAD_BYTES), new byte[0], declaredType);
            if (type.kind() == ContentKind.TEXT) {
                return;
            }
        }
        add(ReasonCode.MIME_AMBIGUOUS, location, "Mail programs decode this part differently: " + divergence + ".", "");
    }

    /** The stream, with the clock checked at every read: parsing a crafted structure stops at {@code maxTime} too. */
    private InputStream timed(InputStream in, Location location) {
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

    /**
     * Reads a decoded MIME part. Parts whose head shows a type judged by its ends alone (PDF, images,
     * programs, unknown binary data) keep only head and tail, so a 100 MB scan is streamed past at
     * decoding speed without touching the disk; containers and text are kept whole (spilled to a
     * temporary file beyond the memory threshold). Text inside an archive is judged by its head too:
     * uuencode is only decoded by mail clients in message bodies, so archived logs are not rescanned.
     */
    private Kept keep(InputStream body, List<String> partNames, String declaredType, boolean archiveEntry)
        throws IOException {
        byte[] head = body.readNBytes(TypeDetector.HEAD_BYTES);
        if (head.length < TypeDetector.HEAD_BYTES) {
            return new Kept(SpooledContent.of(head), null);
        }
        return keep(head, DETECTOR.detect(head, new byte[0], detectionHint(partNames, declaredType)), body, partNames,
            declaredType, archiveEntry);
    }

    /** As {@link #keep(InputStream, List, String, boolean)} once the full head was read and typed. */
    private Kept keep(byte[] head, DetectedType headType, InputStream body, List<String> partNames, String declaredType,
                      boolean archiveEntry) throws IOException {
        streamedArchive = null;
        ContentKind kind = headType.kind();
        String extension = partNames.isEmpty() ? "" : FileNames.extension(FileNames.normalise(partNames.get(0)));
        boolean endsSuffice = switch (kind) {
            case PDF, EXECUTABLE, SCRIPT, DISK_IMAGE, ONENOTE, OTHER_ARCHIVE -> true;
            case OTHER -> archiveEntry || !declaredType.startsWith("text/") && !declaredType.startsWith("message/");
            case TEXT -> archiveEntry;
            default -> false;
        };
        if (endsSuffice && (kind == ContentKind.TEXT || kind == ContentKind.OTHER)
            && HtmlSmuggling.applies(extension, declaredType, headType.mediaType())) {
            endsSuffice = false; // HTML smuggling is judged on the whole file
        }
        if (!endsSuffice || extension.equals("eml")) {
            try (SpooledContent.Writer writer = new SpooledContent.Writer(limits.memoryThreshold())) {
                writer.write(head, 0, head.length);
                body.transferTo(writer);
                return new Kept(writer.finish(), headType);
            }
        }
        // read in blocks of TAIL_KEPT bytes, keeping only the last two blocks: the tail is in them at the end;
        // documents and unknown data are searched for an archive signature on the way
        EmbeddedArchive.Search search = kind == ContentKind.PDF || kind == ContentKind.OTHER ? new EmbeddedArchive.Search() : null;
        if (search != null) {
            search.feed(head, 0, head.length);
        }
        byte[] previous = new byte[0];
        byte[] current = new byte[TAIL_KEPT];
        long size = head.length;
        int n;
        while ((n = body.readNBytes(current, 0, TAIL_KEPT)) == TAIL_KEPT) {
            size += n;
            if (search != null) {
                search.feed(current, 0, n);
            }
            byte[] free = previous.length == TAIL_KEPT ? previous : new byte[TAIL_KEPT];
            previous = current;
            current = free;
        }
        size += n;
        if (search != null) {
            search.feed(current, 0, n);
            streamedArchive = search.found();
        }
        int tailLength = (int) Math.min(TAIL_KEPT, size - head.length);
        byte[] tail = new byte[tailLength];
        int fromPrevious = tailLength - n;
        if (fromPrevious > 0) {
            System.arraycopy(previous, previous.length - fromPrevious, tail, 0, fromPrevious);
        }
        System.arraycopy(current, Math.max(0, n - tailLength), tail, Math.max(0, fromPrevious), Math.min(n, tailLength));
        if (size - head.length <= TAIL_KEPT) {
            byte[] whole = java.util.Arrays.copyOf(head, (int) size);
            System.arraycopy(tail, 0, whole, head.length, tailLength);
            return new Kept(SpooledContent.of(whole), headType);
        }
        return new Kept(SpooledContent.headAndTail(head, tail, size), headType);
    }

    /** A kept part and the type its head showed (null when it was short enough to keep whole untyped). */
    private record Kept(SpooledContent content, DetectedType headType) implements AutoCloseable {
        @Override
        public void close() {
            content.close();
        }
    }

    /** A top-level leaf: limits stop only this part, so the other parts are still judged. */
    private void inspectTopLevel(Location location, List<String> partNames, String mimeType, Kept kept) {
        try {
            inspect(location, partNames, mimeType, kept.content(), 0, kept.headType());
        } catch (LimitException limit) {
            add(ReasonCode.LIMIT_EXCEEDED, limit.location, limit.getMessage(), leafName(partNames));
        }
    }

    private void inspect(Location location, List<String> partNames, String declaredType, SpooledContent content, int depth) {
        inspect(location, partNames, declaredType, content, depth, null);
    }

    private void inspect(Location location, List<String> partNames, String declaredType, SpooledContent content, int depth,
                         DetectedType headType) {
        checkTime(location);
        String leafName = leafName(partNames);
        try {
            inspectUnguarded(location, partNames, declaredType, content, depth, leafName, headType);
        } catch (LimitException limit) {
            throw limit;
        } catch (IOException | RuntimeException | NoClassDefFoundError | StackOverflowError failure) {
            add(ReasonCode.INSPECTION_ERROR, location, "This content could not be inspected (" + describe(failure)
                + "), so it is treated as not inspected.", leafName);
        }
    }

    private void inspectUnguarded(Location location, List<String> partNames, String declaredType, SpooledContent content,
                                  int depth, String leafName, DetectedType headType) throws IOException {
        boolean body = bodyPending;
        bodyPending = false;
        EmbeddedArchive.Found streamed = streamedArchive;
        streamedArchive = null;
        checkNames(location, partNames, leafName);
        if (content.size() == 0) {
            return;
        }
        byte[] head = content.read(0, TypeDetector.HEAD_BYTES);
        byte[] tail = content.read(Math.max(0, content.size() - TypeDetector.TAIL_BYTES), TypeDetector.TAIL_BYTES);
        DetectedType type = DETECTOR.detect(head, tail, detectionHint(partNames, declaredType), headType);
        String extension = partNames.isEmpty() ? "" : FileNames.extension(FileNames.normalise(partNames.get(0)));
        boolean messageByName = extension.equals("eml") || declaredType.startsWith("message/rfc822")
            || declaredType.equals("message/global");
        switch (type.kind()) {
            case EXECUTABLE, SCRIPT -> {
                add(ReasonCode.EXECUTABLE_CONTENT, location, describeLeaf(leafName) + " is " + type.description() + ".", leafName);
                mismatch(location, partNames, declaredType, type, leafName);
            }
            case ZIP -> inspectZip(location, partNames, declaredType, content, depth, type, leafName);
            case SEVEN_Z -> container(location, partNames, declaredType, content, depth, type, leafName, new SevenZReader());
            case TAR -> container(location, partNames, declaredType, content, depth, type, leafName, new TarReader());
            case GZIP -> container(location, partNames, declaredType, content, depth, type, leafName,
                new CompressedStreamReader(CompressedStreamReader.Format.GZIP, leafName));
            case BZIP2 -> container(location, partNames, declaredType, content, depth, type, leafName,
                new CompressedStreamReader(CompressedStreamReader.Format.BZIP2, leafName));
            case XZ -> container(location, partNames, declaredType, content, depth, type, leafName,
                new CompressedStreamReader(CompressedStreamReader.Format.XZ, leafName));
            case OTHER_ARCHIVE -> {
                add(ReasonCode.UNINSPECTABLE_ARCHIVE, location, describeLeaf(leafName) + " is " + type.description()
                    + ", a format Postino cannot open, so its content is unknown.", leafName);
                mismatch(location, partNames, declaredType, type, leafName);
            }
            case DISK_IMAGE -> diskImage(location, partNames, declaredType, type, leafName);
            case ONENOTE -> {
                add(ReasonCode.ONENOTE, location, describeLeaf(leafName)
                    + " is a OneNote notebook, a carrier of embedded scripts.", leafName);
                mismatch(location, partNames, declaredType, type, leafName);
            }
            case OLE2 -> inspectOle(location, content, leafName);
            case PDF -> inspectPdf(location, content, head, tail, leafName);
            case TNEF -> inspectTnef(location, content, depth, leafName);
            case MESSAGE -> {
                if ((messageByName || !declaredType.startsWith("text/")) && content.complete()) {
                    inspectAttachedMessage(location, content, depth, leafName);
                } else if (content.complete()) {
                    scanUuencode(location, content, depth, leafName);
                }
            }
            case TEXT, OTHER -> {
                if (!body && content.complete() && HtmlSmuggling.applies(extension, declaredType, type.mediaType())) {
                    inspectHtml(location, content, declaredType, depth, leafName);
                }
                if (messageByName) {
                    inspectAttachedMessage(location, content, depth, leafName);
                } else if ((type.kind() == ContentKind.TEXT || declaredType.startsWith("text/")) && content.complete()) {
                    scanUuencode(location, content, depth, leafName);
                }
            }
            default -> {
                // other kinds carry no risk of their own
            }
        }
        if (!type.kind().risky() && type.kind() != ContentKind.MESSAGE
            && !hiddenArchive(location, partNames, declaredType, content, depth, type, leafName, streamed)) {
            archiveByName(location, partNames, declaredType, type, leafName);
        }
    }

    /**
     * A container by content is analysed whatever its head says (docs/mime-differentials.md): a ZIP found by
     * its end record behind a PDF, a picture or text is read as the ZIP it is (its structure analysis reports
     * the data before its first entry), a RAR or 7z signature past the start is an archive Postino cannot
     * open. When only the part's ends were kept, the archive cannot be looked into, which fails closed.
     * Returns whether an archive was found.
     */
    private boolean hiddenArchive(Location location, List<String> partNames, String declaredType, SpooledContent content,
                                  int depth, DetectedType type, String leafName, EmbeddedArchive.Found streamed) throws IOException {
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
        String what = describeLeaf(leafName) + " is " + type.description() + " that also holds " + found.format()
            + " (at byte " + found.offset() + "), which archive tools open";
        if (!content.complete()) {
            add(ReasonCode.TYPE_MISMATCH, location, what + "; it is too large to be looked into here.", leafName);
        } else if (zip != null) {
            inspectZip(location, partNames, declaredType, content, depth,
                new DetectedType(ContentKind.ZIP, "application/zip", "a ZIP archive behind " + type.description()), leafName);
        }
        if (other != null && content.complete()) {
            add(ReasonCode.UNINSPECTABLE_ARCHIVE, location, what + "; Postino cannot open it.", leafName);
        }
        return true;
    }

    /** Names archive tools go by: a part named like one, whose content is none, is broken or a disguise. */
    private static final Set<String> ARCHIVE_EXTENSIONS = Set.of("zip", "zipx", "7z", "rar", "tar", "gz", "tgz", "taz", "z",
        "bz2", "tbz", "tbz2", "xz", "txz", "lz", "zst", "cab", "arj", "lzh", "lha", "ace");

    private void archiveByName(Location location, List<String> partNames, String declaredType, DetectedType type, String leafName) {
        for (String name : partNames) {
            String extension = FileNames.extension(FileNames.normalise(name));
            if (ARCHIVE_EXTENSIONS.contains(extension)) {
                add(ReasonCode.TYPE_MISMATCH, location, "\"" + FileNames.sanitise(name) + "\" is named like a ." + extension
                    + " archive but is " + type.description() + "; archive tools open files by their content, so it is "
                    + "either damaged or disguised.", leafName);
                return;
            }
        }
    }

    private void checkNames(Location location, List<String> partNames, String leafName) {
        Set<String> distinct = new LinkedHashSet<>(partNames);
        for (String name : distinct) {
            for (NameCheck.Issue issue : names.check(name)) {
                add(issue.code(), location, issue.message(), leafName);
            }
        }
        if (partNames.size() >= 2 && NameCheck.disagree(partNames.get(0), partNames.get(1))) {
            add(ReasonCode.NAME_DISAGREEMENT, location, "The part is called both \"" + FileNames.sanitise(partNames.get(0))
                + "\" and \"" + FileNames.sanitise(partNames.get(1))
                + "\" (Content-Disposition, Content-Type, or two readings of them); mail programs disagree on which one they show.",
                leafName);
        }
    }

    private void diskImage(Location location, List<String> partNames, String declaredType, DetectedType type, String leafName) {
        add(ReasonCode.DISK_IMAGE, location, describeLeaf(leafName)
            + " is a disk image, a container used to smuggle programs past download warnings.", leafName);
        mismatch(location, partNames, declaredType, type, leafName);
    }

    private void mismatch(Location location, List<String> partNames, String declaredType, DetectedType type, String leafName) {
        for (String name : partNames) {
            String extension = FileNames.extension(FileNames.normalise(name));
            if (DOCUMENT_EXTENSIONS.contains(extension)) {
                add(ReasonCode.TYPE_MISMATCH, location, "\"" + FileNames.sanitise(name) + "\" is named like a ." + extension
                    + " file but is " + type.description() + ".", leafName);
                return;
            }
        }
        if (declaredType.startsWith("application/pdf") || declaredType.startsWith("image/") || declaredType.startsWith("text/")
            || declaredType.startsWith("application/msword") || declaredType.startsWith("application/vnd.openxmlformats")
            || declaredType.startsWith("application/vnd.ms-") || declaredType.startsWith("application/vnd.oasis")) {
            add(ReasonCode.TYPE_MISMATCH, location, describeLeaf(leafName) + " is declared as " + declaredType + " but is "
                + type.description() + ".", leafName);
        }
    }

    private void inspectZip(Location location, List<String> partNames, String declaredType, SpooledContent content, int depth,
                            DetectedType type, String leafName) throws IOException {
        ZipStructure structure = analyzeZipStructure(location, content, leafName);
        boolean bomb = structure.has(ZipAnomalyKind.OVERLAPPING_ENTRIES);
        ZipReader.Flavour flavour = ZipReader.flavour(structure.entries().stream().map(ZipEntryView::name).toList());
        if (flavour == ZipReader.Flavour.OFFICE_DOCUMENT_WITH_MACROS) {
            add(ReasonCode.MACROS, location, describeLeaf(leafName) + " is an Office document with VBA macros.", leafName);
        }
        boolean document = flavour != ZipReader.Flavour.ARCHIVE;
        if (!document) {
            mismatch(location, partNames, declaredType, type, leafName);
        }
        if (bomb) {
            return;
        }
        // an Office or OpenDocument package is still a ZIP: renamed, Explorer and 7-Zip open it and show every entry,
        // so its entries are judged like any archive's (a docx-looking zip carrying an inner zip with a program)
        containerEntries(location, partNames, declaredType, content::size, depth, type, leafName,
            visitor -> new ZipReader().read(content, visitor));
    }

    /**
     * Reads the archive's local headers and central directory both (the ZIP structure analyzer), maps
     * every anomaly to a finding and checks every name either view shows. When entries overlap the
     * caller does not extract them: that would only inflate a bomb, the verdict is already dangerous.
     */
    private ZipStructure analyzeZipStructure(Location location, SpooledContent content, String leafName) throws IOException {
        ZipStructure structure;
        if (content.inMemory()) {
            structure = zipAnalyzer.analyze(content.bytes());
        } else {
            try (SeekableByteChannel channel = content.openChannel()) {
                structure = zipAnalyzer.analyze(channel);
            }
        }
        for (ZipEntryView entry : structure.entries()) {
            String entryLeaf = FileNames.sanitise(lastSegment(entry.name()));
            for (NameCheck.Issue issue : names.check(entry.name())) {
                add(issue.code(), location.child(entry.name()), issue.message(), entryLeaf);
            }
        }
        java.util.Map<ReasonCode, Integer> perCode = new java.util.EnumMap<>(ReasonCode.class);
        for (ZipAnomaly anomaly : structure.anomalies()) {
            ReasonCode code = switch (anomaly.kind()) {
                case CONCATENATED_ARCHIVES, DATA_AFTER_END_RECORD -> ReasonCode.ZIP_CONCATENATED;
                case DATA_BEFORE_FIRST_ENTRY, UNREFERENCED_DATA -> ReasonCode.ZIP_HIDDEN_DATA;
                case NAME_MISMATCH -> ReasonCode.ZIP_NAME_MISMATCH;
                case ONLY_IN_CENTRAL_DIRECTORY, ONLY_IN_LOCAL_HEADERS -> ReasonCode.ZIP_HIDDEN_ENTRY;
                case DUPLICATE_NAME -> ReasonCode.ZIP_DUPLICATE_NAME;
                case OVERLAPPING_ENTRIES -> ReasonCode.ZIP_OVERLAPPING_ENTRIES;
                case METHOD_CONTRADICTS_DATA, UNKNOWN_METHOD -> ReasonCode.ZIP_METHOD_MISMATCH;
                case INVALID_NAME_ENCODING -> ReasonCode.ZIP_INVALID_NAME_ENCODING;
                case UNSAFE_PATH -> ReasonCode.ZIP_UNSAFE_PATH;
                case ENCRYPTED_ENTRY -> ReasonCode.ENCRYPTED_CONTENT;
                case SIZE_MISMATCH, MALFORMED -> ReasonCode.ZIP_MALFORMED;
                case LIMIT_EXCEEDED -> ReasonCode.LIMIT_EXCEEDED;
            };
            int count = perCode.merge(code, 1, Integer::sum);
            if (count > MAX_ZIP_FINDINGS_PER_CODE) {
                continue;
            }
            Location where = anomaly.entryName() == null ? location : location.child(anomaly.entryName());
            String entryLeaf = anomaly.entryName() == null ? leafName : FileNames.sanitise(lastSegment(anomaly.entryName()));
            add(code, where, zipSentence(code, leafName, entryLeaf) + " (" + FileNames.sanitise(anomaly.detail()) + ")", entryLeaf);
        }
        perCode.forEach((code, count) -> {
            if (count > MAX_ZIP_FINDINGS_PER_CODE) {
                add(code, location.child("…"), (count - MAX_ZIP_FINDINGS_PER_CODE) + " more " + code
                    + " findings in " + describeLeaf(leafName) + " are not listed.", leafName);
            }
        });
        return structure;
    }

    private static String zipSentence(ReasonCode code, String archive, String entry) {
        String where = describeLeaf(archive);
        return switch (code) {
            case ZIP_CONCATENATED -> where + " hides a second archive or extra data after its end; tools disagree on what it holds.";
            case ZIP_HIDDEN_DATA -> where + " contains data no entry accounts for.";
            case ZIP_NAME_MISMATCH -> "The entry \"" + entry + "\" has different names in the two directories of the archive.";
            case ZIP_HIDDEN_ENTRY -> "The entry \"" + entry + "\" is visible to some unzip tools and hidden from others.";
            case ZIP_DUPLICATE_NAME -> "Two entries named \"" + entry + "\" extract to the same file.";
            case ZIP_OVERLAPPING_ENTRIES -> where + " has overlapping entries, the shape of a zip bomb.";
            case ZIP_METHOD_MISMATCH -> "The entry \"" + entry + "\" declares a compression method its data contradicts.";
            case ZIP_INVALID_NAME_ENCODING -> "The entry name \"" + entry + "\" is not valid in its declared encoding.";
            case ZIP_UNSAFE_PATH -> "The entry \"" + entry + "\" would be extracted outside its folder or is a link.";
            case ENCRYPTED_CONTENT -> "\"" + entry + "\" is encrypted, so its content cannot be inspected.";
            case LIMIT_EXCEEDED -> where + " is too large to analyse completely.";
            default -> where + " has a damaged ZIP structure.";
        };
    }

    private void container(Location location, List<String> partNames, String declaredType, SpooledContent content, int depth,
                           DetectedType type, String leafName, ContainerReader reader) throws IOException {
        container(location, partNames, declaredType, content::size, depth, type, leafName, visitor -> reader.read(content, visitor));
    }

    /** How a container's entries are produced: from kept content, or straight from a stream. */
    @FunctionalInterface
    private interface EntrySource {
        void read(ContainerReader.Visitor visitor) throws IOException;
    }

    /**
     * {@code compressedSize} is the container's size for the expansion ratio: known for kept content, the
     * bytes read so far for a streamed one (never more than its final size, so the ratio errs strict).
     */
    private void container(Location location, List<String> partNames, String declaredType, java.util.function.LongSupplier compressedSize,
                           int depth, DetectedType type, String leafName, EntrySource reader) throws IOException {
        mismatch(location, partNames, declaredType, type, leafName);
        containerEntries(location, partNames, declaredType, compressedSize, depth, type, leafName, reader);
    }

    /** Every entry of a container, within the depth, entry, expansion and time limits. */
    private void containerEntries(Location location, List<String> partNames, String declaredType,
                                  java.util.function.LongSupplier compressedSize, int depth, DetectedType type, String leafName,
                                  EntrySource reader) throws IOException {
        checkDepth(location, depth, leafName);
        Meter meter = new Meter(location, compressedSize);
        try {
            reader.read((entry, data) -> {
                countEntry(location);
                Location entryLocation = location.child(entry.name());
                String entryLeaf = FileNames.sanitise(lastSegment(entry.name()));
                if (entry.encrypted()) {
                    for (NameCheck.Issue issue : names.check(entry.name())) {
                        add(issue.code(), entryLocation, issue.message(), entryLeaf);
                    }
                    add(ReasonCode.ENCRYPTED_CONTENT, entryLocation, "\"" + entryLeaf
                        + "\" is encrypted, so its content cannot be inspected.", entryLeaf);
                    return;
                }
                if (entry.directory()) {
                    for (NameCheck.Issue issue : names.check(entry.name())) {
                        add(issue.code(), entryLocation, issue.message(), entryLeaf);
                    }
                    return;
                }
                if (data == null) {
                    for (NameCheck.Issue issue : names.check(entry.name())) {
                        add(issue.code(), entryLocation, issue.message(), entryLeaf);
                    }
                    add(ReasonCode.UNINSPECTABLE_ARCHIVE, entryLocation, "\"" + entryLeaf + "\" cannot be read ("
                        + (entry.unreadableReason() == null ? "unsupported" : entry.unreadableReason()) + ").", entryLeaf);
                    return;
                }
                String hint = typeHint(entry.name());
                InputStream metered = meter.wrap(data);
                byte[] head = metered.readNBytes(TypeDetector.HEAD_BYTES);
                if (head.length < TypeDetector.HEAD_BYTES) {
                    try (SpooledContent small = SpooledContent.of(head)) {
                        inspect(entryLocation, List.of(entry.name()), hint, small, depth + 1, null);
                    }
                    return;
                }
                DetectedType headType = DETECTOR.detect(head, new byte[0], hint);
                if (headType.kind() == ContentKind.TAR) {
                    inspectStreamedTar(entryLocation, entry.name(), hint, head, headType, metered, depth + 1);
                    return;
                }
                try (Kept inner = keep(head, headType, metered, List.of(entry.name()), hint, true)) {
                    inspect(entryLocation, List.of(entry.name()), hint, inner.content(), depth + 1, inner.headType());
                }
            });
        } catch (LimitException | Upstream passOn) {
            throw passOn;
        } catch (ContainerReader.EncryptedArchiveException encrypted) {
            add(ReasonCode.ENCRYPTED_CONTENT, location, describeLeaf(leafName)
                + " is an archive whose list of files is encrypted, so nothing in it can be inspected.", leafName);
        } catch (IOException | RuntimeException failure) {
            if (meter.tripped != null) {
                throw meter.tripped;
            }
            add(ReasonCode.MALFORMED_CONTENT, location, describeLeaf(leafName) + " looks like " + type.description()
                + " but cannot be read as one (" + describe(failure) + ").", leafName);
        }
    }

    /**
     * A tar found inside a compressed stream (a {@code .tar.gz}), inspected as it is decompressed instead of
     * being stored first: the same name checks, container walk and limits as a kept tar. The last 512
     * bytes are still seen (read to the end), so a disk-image footer is still reported as one.
     * Read failures of the enclosing stream are passed on as {@link Upstream}, so they are reported
     * against the compressed stream exactly as when the tar was kept.
     */
    private void inspectStreamedTar(Location location, String name, String hint, byte[] head, DetectedType headType,
                                    InputStream rest, int depth) throws IOException {
        checkTime(location);
        List<String> partNames = List.of(name);
        String leafName = leafName(partNames);
        Upstream.Guard source = new Upstream.Guard(rest, head);
        try {
            checkNames(location, partNames, leafName);
            InputStream whole = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), source);
            container(location, partNames, hint, source::count, depth, headType, leafName,
                visitor -> new TarReader().read(whole, visitor));
            source.transferTo(OutputStream.nullOutputStream());
            DetectedType type = DETECTOR.detect(head, source.tail(), hint, headType);
            if (type.kind() == ContentKind.DISK_IMAGE) {
                diskImage(location, partNames, hint, type, leafName);
            }
        } catch (Upstream failed) {
            if (failed.guard == source) {
                throw (IOException) failed.getCause();
            }
            throw failed;
        } catch (LimitException limit) {
            throw limit;
        } catch (IOException | RuntimeException | NoClassDefFoundError | StackOverflowError failure) {
            add(ReasonCode.INSPECTION_ERROR, location, "This content could not be inspected (" + describe(failure)
                + "), so it is treated as not inspected.", leafName);
        }
    }

    /** A read failure of the stream a streamed container came from; unwrapped where that stream is read. */
    static final class Upstream extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Guard guard;

        private Upstream(Guard guard, IOException cause) {
            super(cause.getMessage(), cause, false, false);
            this.guard = guard;
        }

        /** Counts the bytes read, keeps the last 512 and turns read failures into {@link Upstream}. */
        static final class Guard extends FilterInputStream {
            private final byte[] ring = new byte[TypeDetector.TAIL_BYTES];
            private final byte[] head;
            private long count;

            Guard(InputStream in, byte[] head) {
                super(in);
                this.head = head;
                this.count = head.length;
            }

            long count() {
                return count;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n;
                try {
                    n = in.read(buffer, offset, length);
                } catch (IOException broken) {
                    throw new Upstream(this, broken);
                }
                for (int i = Math.max(0, n - ring.length); i < n; i++) {
                    ring[(int) ((count + i) % ring.length)] = buffer[offset + i];
                }
                if (n > 0) {
                    count += n;
                }
                return n;
            }

            @Override
            public void close() {
                // the container reader owns the underlying stream
            }

            /** The last {@code TAIL_BYTES} of head and stream together, as {@link SpooledContent#read} would give. */
            byte[] tail() {
                int length = (int) Math.min(ring.length, count);
                byte[] tail = new byte[length];
                for (int i = 0; i < length; i++) {
                    long position = count - length + i;
                    tail[i] = position < head.length ? head[(int) position] : ring[(int) (position % ring.length)];
                }
                return tail;
            }
        }
    }

    private void inspectOle(Location location, SpooledContent content, String leafName) {
        OleDirectory directory;
        try {
            directory = OleDirectory.read(content);
        } catch (IOException | RuntimeException broken) {
            add(ReasonCode.MALFORMED_CONTENT, location, describeLeaf(leafName)
                + " is an Office (OLE2) file whose directory cannot be read (" + describe(broken) + ").", leafName);
            return;
        }
        if (directory.isInstaller()) {
            add(ReasonCode.EXECUTABLE_CONTENT, location, describeLeaf(leafName) + " is a Windows Installer package.", leafName);
        }
        if (directory.isEncrypted()) {
            add(ReasonCode.ENCRYPTED_CONTENT, location, describeLeaf(leafName)
                + " is a password-protected Office document, so its content cannot be inspected.", leafName);
        }
        if (directory.hasMacros()) {
            add(ReasonCode.MACROS, location, describeLeaf(leafName) + " is an Office document with VBA macros.", leafName);
        }
    }

    /** The encryption dictionary is referenced from the trailer, which sits at the end (or, linearised, at the start). */
    private void inspectPdf(Location location, SpooledContent content, byte[] head, byte[] tail, String leafName) throws IOException {
        byte[] end = content.read(Math.max(0, content.size() - 64 * 1024), 64 * 1024);
        if (contains(end, "/Encrypt") || contains(head, "/Encrypt")) {
            add(ReasonCode.ENCRYPTED_CONTENT, location, describeLeaf(leafName)
                + " is an encrypted PDF, so its content cannot be inspected.", leafName);
        }
    }

    /** Opening one more container at {@code depth} would go past the depth limit: stop, fail closed. */
    private void checkDepth(Location location, int depth, String leafName) {
        if (depth >= limits.maxDepth()) {
            throw new LimitException(location, describeLeaf(leafName) + " is nested more than " + limits.maxDepth()
                + " containers deep, so it was not inspected completely.");
        }
    }

    private void inspectTnef(Location location, SpooledContent content, int depth, String leafName) throws IOException {
        checkDepth(location, depth, leafName);
        try (InputStream in = timed(content.openStream(), location)) {
            TnefReader.read(in, content.size(), (name, data, length) -> {
                countEntry(location);
                try (SpooledContent inner = SpooledContent.spool(data, limits.memoryThreshold())) {
                    inspect(location.child(name), List.of(name), "application/octet-stream", inner, depth + 1);
                }
            });
        } catch (LimitException limit) {
            throw limit;
        } catch (IOException | RuntimeException broken) {
            add(ReasonCode.MALFORMED_CONTENT, location, describeLeaf(leafName)
                + " is a TNEF (winmail.dat) container that cannot be read (" + describe(broken) + ").", leafName);
        }
    }

    private void inspectAttachedMessage(Location location, SpooledContent content, int depth, String leafName)
        throws IOException {
        checkDepth(location, depth, leafName);
        boolean outerWebArchive = inWebArchive;
        inWebArchive = HtmlSmuggling.isWebArchive(FileNames.extension(FileNames.normalise(leafName)));
        try (InputStream in = content.openStream()) {
            walkMessage(in, location.child("attached message"), depth + 1);
        } finally {
            inWebArchive = outerWebArchive;
        }
    }

    private void scanUuencode(Location location, SpooledContent content, int depth, String leafName) throws IOException {
        if (!containsUuencodeMarker(content)) {
            return;
        }
        List<SpooledContent.Writer> open = new ArrayList<>(1);
        try (InputStream in = timed(content.openStream(), location)) {
            Uudecoder.scan(in, new Uudecoder.Sink() {
                @Override
                public OutputStream begin(String name) {
                    SpooledContent.Writer writer = new SpooledContent.Writer(limits.memoryThreshold());
                    open.add(writer);
                    return writer;
                }

                @Override
                public void end(String name) throws IOException {
                    countEntry(location);
                    SpooledContent.Writer writer = open.remove(open.size() - 1);
                    try (writer; SpooledContent decoded = writer.finish()) {
                        inspect(location.child(name + " (uuencoded)"), List.of(name), "application/octet-stream", decoded, depth + 1);
                    }
                }
            });
        } finally {
            for (SpooledContent.Writer writer : open) {
                writer.close();
            }
        }
    }

    /**
     * An HTML or SVG attachment: the smuggling rule of {@link HtmlSmuggling}, and every embedded base64
     * payload inspected like an archive entry ({@code part 2 › fattura.html › embedded data 1}), within the
     * same depth, entry, expanded-bytes and time limits.
     */
    private void inspectHtml(Location location, SpooledContent content, String declaredType, int depth, String leafName)
        throws IOException {
        List<SpooledContent.Writer> open = new ArrayList<>(1);
        HtmlSmuggling.Evidence evidence;
        try (InputStream in = timed(content.openStream(), location)) {
            evidence = HtmlSmuggling.scan(in, new HtmlSmuggling.PayloadSink() {
                @Override
                public OutputStream begin(int number, String payloadType) {
                    Location where = location.child("embedded data " + number);
                    countEntry(where);
                    checkDepth(where, depth, leafName);
                    SpooledContent.Writer writer = new SpooledContent.Writer(limits.memoryThreshold());
                    open.add(writer);
                    return new java.io.FilterOutputStream(writer) {
                        @Override
                        public void write(byte[] data, int offset, int length) throws IOException {
                            expanded += length;
                            if (expanded > limits.maxExpandedBytes()) {
                                throw new LimitException(where, "The archives and embedded data in the message expand to more than "
                                    + limits.maxExpandedBytes() + " bytes, so it was not inspected completely.");
                            }
                            checkTime(where);
                            out.write(data, offset, length);
                        }
                    };
                }

                @Override
                public boolean end(int number, String payloadType) throws IOException {
                    SpooledContent.Writer writer = open.remove(open.size() - 1);
                    try (writer; SpooledContent decoded = writer.finish()) {
                        byte[] head = decoded.read(0, TypeDetector.HEAD_BYTES);
                        DetectedType type = DETECTOR.detect(head, new byte[0], payloadType);
                        inspect(location.child("embedded data " + number), List.of(), payloadType, decoded, depth + 1, type);
                        return type.kind().risky();
                    }
                }
            }, HtmlSmuggling.isScript(declaredType));
        } finally {
            for (SpooledContent.Writer writer : open) {
                writer.close();
            }
        }
        if (evidence.smuggling()) {
            add(ReasonCode.HTML_SMUGGLING, location, describeLeaf(leafName) + " " + evidence.explanation() + ".", leafName);
        }
    }

    /** RFC 2183: an attachment, as opposed to inline content shown as the message body. */
    private static boolean isAttachmentDisposition(String contentDisposition) {
        return contentDisposition != null
            && contentDisposition.trim().toLowerCase(java.util.Locale.ROOT).startsWith("attachment");
    }

    /** Whether a line (after CR, LF or at the start) begins a uuencode, base64-uuencode or yEnc block. */
    private static boolean containsUuencodeMarker(SpooledContent content) throws IOException {
        if (!content.inMemory()) {
            return true;
        }
        byte[] all = content.read(0, (int) content.size());
        for (int i = 0; i < all.length; i++) {
            if ((i == 0 || all[i - 1] == '\n' || all[i - 1] == '\r') && (startsWith(all, i, "begin") || startsWith(all, i, "=ybegin "))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] data, int offset, String prefix) {
        if (offset + prefix.length() > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void countEntry(Location location) {
        entries++;
        if (entries > limits.maxEntries()) {
            throw new LimitException(location, "The message holds more than " + limits.maxEntries()
                + " archive entries, so it was not inspected completely.");
        }
        checkTime(location);
    }

    private void checkTime(Location location) {
        if (System.nanoTime() - deadline > 0) {
            throw new LimitException(location, "Inspecting the message took longer than " + limits.maxTime().toMillis()
                + " ms, so it was not inspected completely.");
        }
    }

    private void add(ReasonCode code, Location location, String message, String filename) {
        Action action = policy.action(code.category());
        if (action == Action.IGNORE) {
            return;
        }
        if (!seen.add(code + "\u0000" + location.path())) {
            return;
        }
        blocked |= action == Action.BLOCK;
        if (findings.size() >= MAX_FINDINGS) {
            dropped++;
            return;
        }
        findings.add(new Finding(code, location.section(), location.path(), message, FileNames.sanitise(filename), action));
    }

    /** Archive entries have no declared type; a text extension lets plain text skip Tika (see TypeDetector). */
    private static String typeHint(String name) {
        String extension = FileNames.extension(FileNames.normalise(name));
        return namedLikeMessage(extension) ? "message/rfc822"
            : TEXT_EXTENSIONS.contains(extension) ? "text/plain" : "application/octet-stream";
    }

    /**
     * The declared type, or message/rfc822 for a part named like a message (an attached .eml sent as
     * octet-stream, a saved .mht web page): the detector then recognises a message by its first header
     * instead of asking Tika. Only typing uses it.
     */
    private static String detectionHint(List<String> partNames, String declaredType) {
        boolean message = !partNames.isEmpty() && namedLikeMessage(FileNames.extension(FileNames.normalise(partNames.get(0))));
        return message && !declaredType.startsWith("message/") ? "message/rfc822" : declaredType;
    }

    private static boolean namedLikeMessage(String extension) {
        return extension.equals("eml") || HtmlSmuggling.isWebArchive(extension);
    }

    private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "log", "csv", "tsv", "xml", "json", "md", "ics", "vcf",
        "htm", "html", "ini", "cfg", "yaml", "yml", "rels", "vml");

    private static String leafName(List<String> partNames) {
        return partNames.isEmpty() ? "" : FileNames.sanitise(lastSegment(partNames.get(0)));
    }

    private static String lastSegment(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String last = slash >= 0 && slash < name.length() - 1 ? name.substring(slash + 1) : name;
        return last;
    }

    private static String describeLeaf(String leafName) {
        return leafName.isEmpty() ? "This part" : "\"" + leafName + "\"";
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return FileNames.sanitise(text.length() > 160 ? text.substring(0, 160) + "…" : text);
    }

    private static boolean contains(byte[] data, String token) {
        byte[] needle = token.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A limit was hit: unwinds to the top-level part and becomes one LIMIT_EXCEEDED finding there. */
    static final class LimitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Location location;

        LimitException(Location location, String message) {
            super(message, null, false, false);
            this.location = location;
        }
    }

    /**
     * Counts what a container expands to: total per message, ratio per container (checked once the
     * container produced {@code ratioThresholdBytes}), and the clock.
     */
    private final class Meter {
        private final Location location;
        private final java.util.function.LongSupplier compressedSize;
        private long produced;
        LimitException tripped;

        Meter(Location location, java.util.function.LongSupplier compressedSize) {
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
            tripped = new LimitException(location, message);
            throw tripped;
        }
    }
}
