package dev.postino.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import dev.postino.attachments.html.HtmlSmuggling;
import dev.postino.attachments.names.FileNames;
import dev.postino.attachments.parts.TnefReader;
import dev.postino.attachments.parts.Uudecoder;
import dev.postino.attachments.spool.SpooledContent;

/**
 * Files that travel inside a part without being MIME parts of the message: an attached message (walked
 * again, its findings keeping the outer part's section), the attachments of a TNEF {@code winmail.dat},
 * and uuencoded or yEnc blocks in a text. Each is judged as a part of its own, one level deeper.
 */
final class NestedParts {

    private final MessageWalk walk;
    private final ReportBuilder report;
    private final Budget budget;
    private final int memoryThreshold;

    NestedParts(MessageWalk walk, ReportBuilder report, Budget budget, int memoryThreshold) {
        this.walk = walk;
        this.report = report;
        this.budget = budget;
        this.memoryThreshold = memoryThreshold;
    }

    /**
     * A message inside the message. A saved web page ({@code .mht}, {@code .mhtml}) is walked the same way,
     * but a browser runs the scripts of its page, an unnamed part, so its parts are not taken for bodies.
     */
    void attachedMessage(Part part, SpooledContent content) throws IOException {
        budget.checkDepth(part.location(), part.depth(), part.leafName());
        boolean webArchive = HtmlSmuggling.isWebArchive(FileNames.extension(FileNames.normalise(part.leafName())));
        try (InputStream in = content.openStream()) {
            walk.walkMessage(in, part.location().child("attached message"), part.depth() + 1, webArchive);
        }
    }

    void tnef(Part part, SpooledContent content) throws IOException {
        Location location = part.location();
        budget.checkDepth(location, part.depth(), part.leafName());
        try (InputStream in = budget.timed(content.openStream(), location)) {
            TnefReader.read(in, content.size(), (name, data, length) -> {
                budget.countEntry(location);
                try (SpooledContent inner = SpooledContent.spool(data, memoryThreshold)) {
                    walk.inspect(new Part(location.child(name), List.of(name), "application/octet-stream", part.depth() + 1),
                        inner, null);
                }
            });
        } catch (LimitExceeded limit) {
            throw limit;
        } catch (IOException | RuntimeException broken) {
            report.add(ReasonCode.MALFORMED_CONTENT, location, part.described()
                + " is a TNEF (winmail.dat) container that cannot be read (" + ReportBuilder.describe(broken) + ").",
                part.leafName());
        }
    }

    /** Mail clients decode uuencode and yEnc blocks in a text and show them as attachments. */
    void uuencode(Part part, SpooledContent content) throws IOException {
        if (!containsUuencodeMarker(content)) {
            return;
        }
        Location location = part.location();
        List<SpooledContent.Writer> open = new ArrayList<>(1);
        try (InputStream in = budget.timed(content.openStream(), location)) {
            Uudecoder.scan(in, new Uudecoder.Sink() {
                @Override
                public OutputStream begin(String name) {
                    SpooledContent.Writer writer = new SpooledContent.Writer(memoryThreshold);
                    open.add(writer);
                    return writer;
                }

                @Override
                public void end(String name) throws IOException {
                    budget.countEntry(location);
                    SpooledContent.Writer writer = open.remove(open.size() - 1);
                    try (writer; SpooledContent decoded = writer.finish()) {
                        walk.inspect(new Part(location.child(name + " (uuencoded)"), List.of(name), "application/octet-stream",
                            part.depth() + 1), decoded, null);
                    }
                }
            });
        } finally {
            for (SpooledContent.Writer writer : open) {
                writer.close();
            }
        }
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
}
