package dev.postino.quarantine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal editing of a raw RFC 5322 message's top-level header, on the original bytes: where the header
 * ends, its fields, and replacing one. The MIME structure (boundaries, parts) is read by the attachment
 * inspector's {@code MimeReader}, never here.
 *
 * <p>Deliberately small: it never decodes or re-encodes anything, so whatever it does not touch is
 * copied byte for byte. Line ends may be CRLF or bare LF.
 */
final class RawMime {

    /** Byte range {@code [start, end)} of something inside the message. */
    record Range(int start, int end) {
    }

    /** One entity: its header block and its body, as ranges of the message. */
    record Entity(Range header, Range body) {
    }

    private RawMime() {
    }

    /** Splits {@code [start, end)} into header and body at the first empty line (no empty line: all header). */
    static Entity entity(byte[] bytes, int start, int end) {
        int lineStart = start;
        while (lineStart < end) {
            int lineEnd = lineEnd(bytes, lineStart, end);
            int contentEnd = lineEnd;
            if (contentEnd > lineStart && bytes[contentEnd - 1] == '\n') {
                contentEnd--;
            }
            if (contentEnd > lineStart && bytes[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            if (contentEnd == lineStart) {
                return new Entity(new Range(start, lineStart), new Range(lineEnd, end));
            }
            lineStart = lineEnd;
        }
        return new Entity(new Range(start, end), new Range(end, end));
    }

    /** Index just after the LF ending the line that starts at {@code from} (or {@code end}). */
    static int lineEnd(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return end;
    }

    /** The line break the message uses: CRLF unless its first line ends with a bare LF. */
    static String lineBreak(byte[] bytes) {
        int lf = lineEnd(bytes, 0, bytes.length) - 1;
        if (lf >= 0 && lf < bytes.length && bytes[lf] == '\n') {
            return lf > 0 && bytes[lf - 1] == '\r' ? "\r\n" : "\n";
        }
        return "\r\n";
    }

    /** The header fields of a block as {@code [name, unfolded value, start, end]} in order. */
    static List<Field> fields(byte[] bytes, Range header) {
        List<Field> fields = new ArrayList<>();
        int i = header.start();
        while (i < header.end()) {
            int fieldStart = i;
            int next = lineEnd(bytes, i, header.end());
            while (next < header.end() && (bytes[next] == ' ' || bytes[next] == '\t')) {
                next = lineEnd(bytes, next, header.end());
            }
            String raw = new String(bytes, fieldStart, next - fieldStart, StandardCharsets.ISO_8859_1);
            int colon = raw.indexOf(':');
            if (colon > 0) {
                String name = raw.substring(0, colon).trim();
                String value = raw.substring(colon + 1).replaceAll("\r?\n[ \t]", " ").replaceAll("\r?\n$", "").trim();
                fields.add(new Field(name, value, new Range(fieldStart, next)));
            }
            i = next;
        }
        return fields;
    }

    record Field(String name, String value, Range range) {
    }

    /**
     * The message with every {@code name} field removed from the top-level header and
     * {@code name: value} written first. Nothing else changes.
     */
    static byte[] replaceTopHeader(byte[] message, String name, String value) {
        Entity top = entity(message, 0, message.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        byte[] field = (name + ": " + value + lineBreak(message)).getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(field);
        int copied = 0;
        for (Field existing : fields(message, top.header())) {
            if (existing.name().equalsIgnoreCase(name)) {
                out.write(message, copied, existing.range().start() - copied);
                copied = existing.range().end();
            }
        }
        out.write(message, copied, message.length - copied);
        return out.toByteArray();
    }
}
