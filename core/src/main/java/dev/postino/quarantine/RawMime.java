package dev.postino.quarantine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Minimal reading of a raw RFC 5322 / MIME entity, on the original bytes: where its header ends, a
 * header's unfolded value, the boundary of a multipart and the byte ranges of its body parts.
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

    static Optional<String> headerValue(byte[] bytes, Range header, String name) {
        return fields(bytes, header).stream()
            .filter(field -> field.name().equalsIgnoreCase(name))
            .map(Field::value)
            .findFirst();
    }

    /** The boundary of a multipart entity, or empty when the entity is not a multipart (or has none). */
    static Optional<String> multipartBoundary(byte[] bytes, Entity entity) {
        Optional<String> contentType = headerValue(bytes, entity.header(), "Content-Type");
        if (contentType.isEmpty() || !contentType.get().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        return parameter(contentType.get(), "boundary").filter(boundary -> !boundary.isEmpty());
    }

    /** A parameter of a structured header value ({@code type/sub; name="value"}); quotes and escapes removed. */
    static Optional<String> parameter(String headerValue, String name) {
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            int eq = headerValue.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String key = headerValue.substring(i + 1, eq).trim();
            int valueStart = eq + 1;
            while (valueStart < headerValue.length() && headerValue.charAt(valueStart) == ' ') {
                valueStart++;
            }
            StringBuilder value = new StringBuilder();
            int j = valueStart;
            if (j < headerValue.length() && headerValue.charAt(j) == '"') {
                j++;
                while (j < headerValue.length() && headerValue.charAt(j) != '"') {
                    if (headerValue.charAt(j) == '\\' && j + 1 < headerValue.length()) {
                        j++;
                    }
                    value.append(headerValue.charAt(j++));
                }
                j++;
            } else {
                while (j < headerValue.length() && headerValue.charAt(j) != ';') {
                    value.append(headerValue.charAt(j++));
                }
            }
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(value.toString().trim());
            }
            i = headerValue.indexOf(';', j);
        }
        return Optional.empty();
    }

    /**
     * The body parts of a multipart body, as the byte ranges between delimiter lines (RFC 2046 §5.1.1:
     * the line break before a delimiter belongs to the delimiter, so it is outside the range).
     */
    static List<Range> parts(byte[] bytes, Range body, String boundary) {
        byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Range> parts = new ArrayList<>();
        int contentStart = -1;
        int lineStart = body.start();
        while (lineStart < body.end()) {
            int next = lineEnd(bytes, lineStart, body.end());
            if (isDelimiter(bytes, lineStart, next, dashBoundary)) {
                if (contentStart >= 0) {
                    parts.add(new Range(contentStart, Math.max(contentStart, withoutPrecedingBreak(bytes, lineStart))));
                }
                if (isClose(bytes, lineStart + dashBoundary.length, next)) {
                    return parts;
                }
                contentStart = next;
            }
            lineStart = next;
        }
        if (contentStart >= 0 && contentStart < body.end()) {
            // No close delimiter: the last part runs to the end, as lenient readers do.
            parts.add(new Range(contentStart, body.end()));
        }
        return parts;
    }

    private static boolean isDelimiter(byte[] bytes, int lineStart, int lineEnd, byte[] dashBoundary) {
        if (lineEnd - lineStart < dashBoundary.length) {
            return false;
        }
        for (int k = 0; k < dashBoundary.length; k++) {
            if (bytes[lineStart + k] != dashBoundary[k]) {
                return false;
            }
        }
        int after = lineStart + dashBoundary.length;
        if (isClose(bytes, after, lineEnd)) {
            return true;
        }
        for (int k = after; k < lineEnd; k++) {
            byte b = bytes[k];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean isClose(byte[] bytes, int at, int lineEnd) {
        return at + 1 < lineEnd && bytes[at] == '-' && bytes[at + 1] == '-';
    }

    private static int withoutPrecedingBreak(byte[] bytes, int delimiterLineStart) {
        int end = delimiterLineStart;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        return end;
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
