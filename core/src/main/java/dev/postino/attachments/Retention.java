package dev.postino.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import dev.postino.attachments.html.HtmlSmuggling;
import dev.postino.attachments.names.FileNames;
import dev.postino.attachments.spool.SpooledContent;
import dev.postino.attachments.types.ContentKind;
import dev.postino.attachments.types.DetectedType;
import dev.postino.attachments.types.EmbeddedArchive;
import dev.postino.attachments.types.TypeDetector;

/**
 * Which bytes of a decoded part are kept to judge it. Parts whose head shows a type judged by its ends
 * alone (PDF, images, programs, unknown binary data) keep only head and tail, so a 100 MB scan is
 * streamed past at decoding speed without touching the disk; containers and text are kept whole
 * (spilled to a temporary file beyond the memory threshold). Text inside an archive is judged by its
 * head too: uuencode is only decoded by mail clients in message bodies, so archived logs are not rescanned.
 */
final class Retention {

    /** Tail kept of a part judged by its ends: a ZIP end record with the longest comment; the PDF trailer search reads 64 KiB. */
    private static final int TAIL_KEPT = EmbeddedArchive.ZIP_TAIL;

    private final TypeDetector detector;
    private final int memoryThreshold;

    Retention(TypeDetector detector, int memoryThreshold) {
        this.detector = detector;
        this.memoryThreshold = memoryThreshold;
    }

    /**
     * A kept part, the type its head showed (null when it was short enough to keep whole untyped), and a
     * RAR or 7z signature found after its start while the part was streamed past by its ends (else null).
     */
    record Kept(SpooledContent content, DetectedType headType, EmbeddedArchive.Found streamedArchive)
        implements AutoCloseable {
        @Override
        public void close() {
            content.close();
        }
    }

    /** Reads and types the head of a decoded MIME part (or archive entry), then keeps what its type needs. */
    Kept keep(InputStream body, List<String> partNames, String declaredType, boolean archiveEntry) throws IOException {
        byte[] head = body.readNBytes(TypeDetector.HEAD_BYTES);
        if (head.length < TypeDetector.HEAD_BYTES) {
            return new Kept(SpooledContent.of(head), null, null);
        }
        return keep(head, detector.detect(head, new byte[0], TypeHints.detectionHint(partNames, declaredType)), body, partNames,
            declaredType, archiveEntry);
    }

    /** As {@link #keep(InputStream, List, String, boolean)} once the full head was read and typed. */
    Kept keep(byte[] head, DetectedType headType, InputStream body, List<String> partNames, String declaredType,
              boolean archiveEntry) throws IOException {
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
            try (SpooledContent.Writer writer = new SpooledContent.Writer(memoryThreshold)) {
                writer.write(head, 0, head.length);
                body.transferTo(writer);
                return new Kept(writer.finish(), headType, null);
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
        EmbeddedArchive.Found streamedArchive = null;
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
            byte[] whole = Arrays.copyOf(head, (int) size);
            System.arraycopy(tail, 0, whole, head.length, tailLength);
            return new Kept(SpooledContent.of(whole), headType, streamedArchive);
        }
        return new Kept(SpooledContent.headAndTail(head, tail, size), headType, streamedArchive);
    }
}
