package dev.postino.attachments;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import dev.postino.attachments.html.HtmlSmuggling;
import dev.postino.attachments.spool.SpooledContent;
import dev.postino.attachments.types.DetectedType;
import dev.postino.attachments.types.TypeDetector;

/**
 * An HTML or SVG attachment: the smuggling rule of {@link HtmlSmuggling}, and every embedded base64
 * payload inspected like an archive entry ({@code part 2 › fattura.html › embedded data 1}), within the
 * same depth, entry, expanded-bytes and time limits.
 */
final class HtmlCheck {

    private final MessageWalk walk;
    private final ReportBuilder report;
    private final Budget budget;
    private final TypeDetector detector;
    private final int memoryThreshold;

    HtmlCheck(MessageWalk walk, ReportBuilder report, Budget budget, TypeDetector detector, int memoryThreshold) {
        this.walk = walk;
        this.report = report;
        this.budget = budget;
        this.detector = detector;
        this.memoryThreshold = memoryThreshold;
    }

    void check(Part part, SpooledContent content) throws IOException {
        Location location = part.location();
        int depth = part.depth();
        List<SpooledContent.Writer> open = new ArrayList<>(1);
        HtmlSmuggling.Evidence evidence;
        try (InputStream in = budget.timed(content.openStream(), location)) {
            evidence = HtmlSmuggling.scan(in, new HtmlSmuggling.PayloadSink() {
                @Override
                public OutputStream begin(int number, String payloadType) {
                    Location where = location.child("embedded data " + number);
                    budget.countEntry(where);
                    budget.checkDepth(where, depth, part.leafName());
                    SpooledContent.Writer writer = new SpooledContent.Writer(memoryThreshold);
                    open.add(writer);
                    return new FilterOutputStream(writer) {
                        @Override
                        public void write(byte[] data, int offset, int length) throws IOException {
                            budget.countEmbedded(where, length);
                            out.write(data, offset, length);
                        }
                    };
                }

                @Override
                public boolean end(int number, String payloadType) throws IOException {
                    SpooledContent.Writer writer = open.remove(open.size() - 1);
                    try (writer; SpooledContent decoded = writer.finish()) {
                        byte[] head = decoded.read(0, TypeDetector.HEAD_BYTES);
                        DetectedType type = detector.detect(head, new byte[0], payloadType);
                        walk.inspect(new Part(location.child("embedded data " + number), List.of(), payloadType, depth + 1),
                            decoded, type);
                        return type.kind().risky();
                    }
                }
            }, HtmlSmuggling.isScript(part.declaredType()));
        } finally {
            for (SpooledContent.Writer writer : open) {
                writer.close();
            }
        }
        if (evidence.smuggling()) {
            report.add(ReasonCode.HTML_SMUGGLING, location, part.described() + " " + evidence.explanation() + ".", part.leafName());
        }
    }
}
