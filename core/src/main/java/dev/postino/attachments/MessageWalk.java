package dev.postino.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.postino.attachments.archives.CompressedStreamReader;
import dev.postino.attachments.archives.SevenZReader;
import dev.postino.attachments.archives.TarReader;
import dev.postino.attachments.html.HtmlSmuggling;
import dev.postino.attachments.names.MimeParameters;
import dev.postino.attachments.parts.MimeReader;
import dev.postino.attachments.parts.MimeWalker;
import dev.postino.attachments.parts.TransferEncoding;
import dev.postino.attachments.spool.SpooledContent;
import dev.postino.attachments.types.ContentKind;
import dev.postino.attachments.types.DetectedType;
import dev.postino.attachments.types.EmbeddedArchive;
import dev.postino.attachments.types.TypeDetector;

/**
 * One inspection of one message, used once: walks its MIME parts, judges each piece of content by what it
 * really is, and goes into every archive, attached message and embedded file on the way.
 *
 * <p>The walk is {@link #walkMessage} → {@link #walkLeaf} → {@link #inspect} → {@link #dispatch}. Each
 * other concern has its class: {@link Budget} (the limits), {@link Retention} (which bytes of a part are
 * kept), {@link ReportBuilder} (findings under the policy), {@link NameCheck} (names and disguises),
 * {@link ContainerWalk} with {@link ZipFindings} (archives), {@link NestedParts} (attached messages, TNEF,
 * uuencode), {@link HtmlCheck} and {@link DocumentChecks} (Office files and PDFs).
 */
final class MessageWalk {

    private static final TypeDetector DETECTOR = new TypeDetector();

    private final ReportBuilder report;
    private final Budget budget;
    private final Retention retention;
    private final NameCheck names;
    private final int memoryThreshold;
    private final ContainerWalk containers;
    private final NestedParts nested;
    private final HtmlCheck html;
    private final DocumentChecks documents;

    MessageWalk(InspectionPolicy policy) {
        InspectionLimits limits = policy.limits();
        this.report = new ReportBuilder(policy);
        this.names = new NameCheck(policy.blockedExtensions());
        this.budget = new Budget(limits);
        this.memoryThreshold = limits.memoryThreshold();
        this.retention = new Retention(DETECTOR, memoryThreshold);
        this.containers = new ContainerWalk(this, report, budget, retention, names, new ZipFindings(limits, names, report),
            DETECTOR);
        this.nested = new NestedParts(this, report, budget, memoryThreshold);
        this.html = new HtmlCheck(this, report, budget, DETECTOR, memoryThreshold);
        this.documents = new DocumentChecks(report);
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
            walkMessage(message, null, 0, false);
        } catch (LimitExceeded limit) {
            report.add(ReasonCode.LIMIT_EXCEEDED, limit.location, limit.getMessage(), "");
        } catch (IOException | RuntimeException | NoClassDefFoundError | StackOverflowError failure) {
            report.add(ReasonCode.MALFORMED_CONTENT, Location.message(),
                "The message structure could not be read completely (" + ReportBuilder.describe(failure) + ").", "");
        }
        return report.build();
    }

    /**
     * Walks a message; {@code base} is null for the top-level message, else the attached message's location.
     * A part whose transfer encoding readers disagree on is judged under each of their decodings; a structure
     * they would split differently is {@code MIME_AMBIGUOUS} for the whole (attached) message. In a web
     * archive every part is an attachment (see {@link #walkLeaf}).
     */
    void walkMessage(InputStream message, Location base, int depth, boolean webArchive) throws IOException {
        Location whole = base == null ? Location.message() : base;
        try {
            MimeWalker.walk(budget.timed(message, whole), new MimeWalker.Handler() {
                @Override
                public void leaf(MimeWalker.Leaf leaf, InputStream rawBody) throws IOException {
                    Set<TransferEncoding> readings = leaf.transferEncodings();
                    if (readings.size() == 1) {
                        walkLeaf(leaf, rawBody, readings.iterator().next(), base, depth, webArchive);
                        return;
                    }
                    try (SpooledContent raw = SpooledContent.spool(rawBody, memoryThreshold)) {
                        for (TransferEncoding reading : readings) {
                            try (InputStream in = raw.openStream()) {
                                walkLeaf(leaf, in, reading, base, depth, webArchive);
                            }
                        }
                    }
                }

                @Override
                public void disagreement(String section, String description) {
                    report.add(ReasonCode.MIME_AMBIGUOUS, whole, "Mail programs read " + (base == null ? "this message"
                        : "the attached message") + " differently (" + description
                        + "), so one of them could show an attachment that is not inspected.", "");
                }
            });
        } catch (MimeReader.LimitException limit) {
            throw new LimitExceeded(whole, limit.getMessage());
        }
    }

    /**
     * One leaf under one transfer-encoding reading. A leaf without a name that is not a {@code Content-Disposition:
     * attachment} is a message body, whose scripts mail clients never run, so HTML smuggling is not judged
     * there; everything nested below it (archive entries, embedded data) is. In a saved web page every leaf
     * is judged: a browser runs the scripts of its page, which is an unnamed part.
     */
    private void walkLeaf(MimeWalker.Leaf leaf, InputStream rawBody, TransferEncoding reading, Location base, int depth,
                          boolean webArchive) throws IOException {
        List<String> partNames = MimeParameters.names(leaf.contentDispositions(), leaf.contentTypes());
        Location location = base == null
            ? new Location(leaf.section(), List.of("part " + leaf.section()))
            : base.child("part " + leaf.section());
        if (!partNames.isEmpty()) {
            location = location.child(partNames.get(0));
        }
        budget.checkTime(location);
        boolean body = !webArchive && partNames.isEmpty() && !isAttachmentDisposition(leaf.contentDisposition());
        MimeWalker.Decoded decoded = MimeWalker.decode(rawBody, reading);
        Part part = new Part(location, partNames, leaf.mimeType(), depth);
        try (Retention.Kept kept = retention.keep(decoded, partNames, leaf.mimeType(), false)) {
            reportDivergence(location, decoded, kept, leaf.mimeType());
            if (base == null) {
                inspectTopLevel(part, kept, body);
            } else {
                inspect(part, kept.content(), kept.headType(), body, kept.streamedArchive());
            }
        }
    }

    /**
     * Base64 data after its padding is decoded differently by every reader; a quoted-printable oddity only
     * changes whitespace and stray {@code =} signs, which matters for binary content, not for text.
     */
    private void reportDivergence(Location location, MimeWalker.Decoded body, Retention.Kept kept, String declaredType)
        throws IOException {
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
        report.add(ReasonCode.MIME_AMBIGUOUS, location, "Mail programs decode this part differently: " + divergence + ".", "");
    }

    /** A top-level leaf: limits stop only this part, so the other parts are still judged. */
    private void inspectTopLevel(Part part, Retention.Kept kept, boolean body) {
        try {
            inspect(part, kept.content(), kept.headType(), body, kept.streamedArchive());
        } catch (LimitExceeded limit) {
            report.add(ReasonCode.LIMIT_EXCEEDED, limit.location, limit.getMessage(), part.leafName());
        }
    }

    /** Content found inside a part (an archive entry, an attachment of an attached file), kept by {@link Retention}. */
    void inspect(Part part, Retention.Kept kept) {
        inspect(part, kept.content(), kept.headType(), false, kept.streamedArchive());
    }

    /** Content found inside a part; {@code headType} is what its head was typed as, if it was. */
    void inspect(Part part, SpooledContent content, DetectedType headType) {
        inspect(part, content, headType, false, null);
    }

    /**
     * Judges one piece of content; a failure of the inspector itself becomes a finding for this content
     * only (see {@link #run} for the errors caught), while a limit unwinds to the top-level part.
     */
    private void inspect(Part part, SpooledContent content, DetectedType headType, boolean body,
                         EmbeddedArchive.Found streamed) {
        budget.checkTime(part.location());
        try {
            dispatch(part, content, headType, body, streamed);
        } catch (LimitExceeded limit) {
            throw limit;
        } catch (IOException | RuntimeException | NoClassDefFoundError | StackOverflowError failure) {
            report.add(ReasonCode.INSPECTION_ERROR, part.location(), "This content could not be inspected ("
                + ReportBuilder.describe(failure) + "), so it is treated as not inspected.", part.leafName());
        }
    }

    /** Checks the names, types the content by its bytes, and hands it to what judges that type. */
    private void dispatch(Part part, SpooledContent content, DetectedType headType, boolean body,
                          EmbeddedArchive.Found streamed) throws IOException {
        report.add(names.checkAll(part.names()), part.location(), part.leafName());
        if (content.size() == 0) {
            return;
        }
        String declaredType = part.declaredType();
        byte[] head = content.read(0, TypeDetector.HEAD_BYTES);
        byte[] tail = content.read(Math.max(0, content.size() - TypeDetector.TAIL_BYTES), TypeDetector.TAIL_BYTES);
        DetectedType type = DETECTOR.detect(head, tail, TypeHints.detectionHint(part.names(), declaredType), headType);
        String extension = part.extension();
        boolean messageByName = extension.equals("eml") || declaredType.startsWith("message/rfc822")
            || declaredType.equals("message/global");
        switch (type.kind()) {
            case EXECUTABLE, SCRIPT -> {
                report.add(ReasonCode.EXECUTABLE_CONTENT, part.location(), part.described() + " is " + type.description()
                    + ".", part.leafName());
                disguise(part, type);
            }
            case ZIP -> containers.zip(part, content, type);
            case SEVEN_Z -> containers.open(part, content, type, new SevenZReader());
            case TAR -> containers.open(part, content, type, new TarReader());
            case GZIP -> containers.open(part, content, type,
                new CompressedStreamReader(CompressedStreamReader.Format.GZIP, part.leafName()));
            case BZIP2 -> containers.open(part, content, type,
                new CompressedStreamReader(CompressedStreamReader.Format.BZIP2, part.leafName()));
            case XZ -> containers.open(part, content, type,
                new CompressedStreamReader(CompressedStreamReader.Format.XZ, part.leafName()));
            case OTHER_ARCHIVE -> {
                report.add(ReasonCode.UNINSPECTABLE_ARCHIVE, part.location(), part.described() + " is " + type.description()
                    + ", a format Postino cannot open, so its content is unknown.", part.leafName());
                disguise(part, type);
            }
            case DISK_IMAGE -> diskImage(part, type);
            case ONENOTE -> {
                report.add(ReasonCode.ONENOTE, part.location(), part.described()
                    + " is a OneNote notebook, a carrier of embedded scripts.", part.leafName());
                disguise(part, type);
            }
            case OLE2 -> documents.ole(part, content);
            case PDF -> documents.pdf(part, content, head);
            case TNEF -> nested.tnef(part, content);
            case MESSAGE -> {
                if ((messageByName || !declaredType.startsWith("text/")) && content.complete()) {
                    nested.attachedMessage(part, content);
                }
                if (content.complete()) {
                    // also the text as it is, which a reader that cannot parse the part's type opens (S18e, S18g)
                    nested.uuencode(part, content);
                }
            }
            case TEXT, OTHER -> {
                if (!body && content.complete() && HtmlSmuggling.applies(extension, declaredType, type.mediaType())) {
                    html.check(part, content);
                }
                if (messageByName) {
                    nested.attachedMessage(part, content);
                }
                if ((type.kind() == ContentKind.TEXT || declaredType.startsWith("text/")) && content.complete()) {
                    nested.uuencode(part, content);
                }
            }
            default -> {
                // other kinds carry no risk of their own
            }
        }
        if (!type.kind().risky() && type.kind() != ContentKind.MESSAGE
            && !containers.hiddenArchive(part, content, type, streamed)) {
            report.add(NameCheck.namedLikeArchive(part.names(), type.description()), part.location(), part.leafName());
        }
    }

    void diskImage(Part part, DetectedType type) {
        report.add(ReasonCode.DISK_IMAGE, part.location(), part.described()
            + " is a disk image, a container used to smuggle programs past download warnings.", part.leafName());
        disguise(part, type);
    }

    /** A program, archive, disk image or notebook under a document's name or declared type. */
    void disguise(Part part, DetectedType type) {
        report.add(NameCheck.disguisedAsDocument(part.names(), part.declaredType(), part.described(), type.description()),
            part.location(), part.leafName());
    }

    /** RFC 2183: an attachment, as opposed to inline content shown as the message body. */
    private static boolean isAttachmentDisposition(String contentDisposition) {
        return contentDisposition != null && contentDisposition.trim().toLowerCase(Locale.ROOT).startsWith("attachment");
    }
}
