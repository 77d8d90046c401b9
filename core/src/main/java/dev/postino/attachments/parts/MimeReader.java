package dev.postino.attachments.parts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.postino.mime.Utf8;

/**
 * Reads the MIME structure of a message once, streaming: header blocks, multipart boundaries and the raw
 * (still transfer-encoded) body of every leaf part. The attachment inspector and strip mode's splitter
 * ({@code MimeStripper}) both read messages through this class, so the parts one judges are exactly the parts
 * the other replaces.
 *
 * <p>Mail programs disagree on malformed structure (docs/mime-differentials.md): a delimiter line with
 * trailing text, a bare CR before or after one, a part header that runs into the next delimiter, a multipart
 * with no boundary or several, two different Content-Type fields. Such a message can show one reader an
 * attachment another never sees, so every disagreement is reported to the handler, and reading goes on with
 * the interpretation that splits the message into more parts. On a well-formed message the readers agree and
 * nothing is reported.
 *
 * <p>Cost is linear in the message size: every line is looked at once against the open boundaries, whose
 * number {@link #MAX_DEPTH} bounds; a header block is held in memory up to {@link #MAX_HEADER_BYTES}.
 * Exceeding a bound throws {@link LimitException}: the message cannot be judged, and callers fail closed.
 */
public final class MimeReader {

    /** Nesting of multiparts: Postfix's {@code mime_nesting_limit}; real mail nests three or four. */
    public static final int MAX_DEPTH = 100;
    /** One header block (a message's, or a part's): well above what Postfix keeps of one field (100 KiB). */
    public static final int MAX_HEADER_BYTES = 256 * 1024;
    /** Parts in one message: ClamAV's MaxFiles; real mail has a few dozen at most. */
    public static final int MAX_PARTS = 10_000;
    /** Postfix's {@code mime_boundary_length_limit}; RFC 2046 allows 70. */
    public static final int MAX_BOUNDARY = 2048;
    /** How far past a boundary a delimiter line is looked at to tell transport padding from trailing text. */
    private static final int DELIMITER_TAIL = 2048;

    /** One entity (the message, a part, a nested multipart) as the inspector reads it. */
    public record Entity(String section, String mediaType, List<Field> fields, Set<TransferEncoding> transferEncodings,
                         long start, long bodyStart) {

        /** Every field of that name, in header order. */
        public List<String> all(String name) {
            return values(fields, name);
        }
    }

    /**
     * A header field: name as written (trimmed), value unfolded and trimmed, read as UTF-8 (RFC 6532) when its
     * bytes are UTF-8, as Latin-1 otherwise ({@link #headerText}).
     */
    public record Field(String name, String value) {
    }

    /** Receives the message's entities in document order. */
    public interface Handler {
        /** A leaf part; {@code rawBody} ends where the part ends and need not be read to its end. */
        void leaf(Entity entity, InputStream rawBody) throws IOException;

        /** Mail programs would read the message's structure differently here ({@code section} "" is the message). */
        default void disagreement(String section, String description) {
        }

        /**
         * An entity is complete: its content ends at {@code end} (exclusive; the line break before the next
         * delimiter belongs to the delimiter). {@code multipart} tells a multipart from a leaf.
         */
        default void end(Entity entity, boolean multipart, long end) {
        }
    }

    /** A structural bound was reached; the message was not read completely. */
    public static final class LimitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitException(String message) {
            super(message, null, false, false);
        }
    }

    private final Input input;
    private final Handler handler;
    /** Delimiters ({@code --boundary}) of the open multiparts, outermost first. */
    private final List<byte[]> open = new ArrayList<>();
    private final byte[] scratch = new byte[8192];
    private int entities;

    private MimeReader(InputStream in, Handler handler) {
        this.input = new Input(in);
        this.handler = handler;
    }

    /** Reads the whole message; I/O errors of the stream and {@link LimitException} escape. */
    public static void read(InputStream message, Handler handler) throws IOException {
        new MimeReader(message, handler).entity("", "text/plain", 0);
    }

    /** A delimiter line of the open boundary at {@code level} (0 = outermost). */
    private record Delimiter(int level, boolean close) {
    }

    /** How an entity ended: the delimiter after it (null: the end of the message) and where its content stops. */
    private record Ending(Delimiter delimiter, long contentEnd) {
    }

    private Ending entity(String section, String defaultType, int depth) throws IOException {
        if (++entities > MAX_PARTS) {
            throw new LimitException("The message has more than " + MAX_PARTS + " parts, so it was not read completely.");
        }
        long start = input.offset();
        HeaderBlock header = readHeader(section);
        List<String> contentTypes = values(header.fields(), "Content-Type");
        ContentTypeReadings.Reading type = ContentTypeReadings.read(contentTypes, defaultType);
        type.disagreements().forEach(description -> handler.disagreement(section, description));
        header.disagreements().forEach(description -> handler.disagreement(section, description));
        boolean attachedMessage = type.mediaType().startsWith("message/") || ContentTypeReadings.messageToJakarta(contentTypes);
        Set<TransferEncoding> encodings = TransferEncoding.readings(values(header.fields(), "Content-Transfer-Encoding"), attachedMessage);
        Entity entity = new Entity(section, type.mediaType(), header.fields(), encodings, start, input.offset());
        if (header.endedBy() != null) {
            long end = input.offset() - input.precedingBreak();
            handler.end(entity, false, end);
            return new Ending(header.endedBy(), end);
        }
        if (type.multipart()) {
            return multipart(entity, type, depth);
        }
        PartStream body = new PartStream(section);
        try {
            handler.leaf(entity, body);
        } finally {
            body.drain();
        }
        handler.end(entity, false, body.contentEnd);
        return new Ending(body.delimiter, body.contentEnd);
    }

    private Ending multipart(Entity entity, ContentTypeReadings.Reading type, int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new LimitException("Multiparts are nested more than " + MAX_DEPTH + " deep, so the message was not read completely.");
        }
        open.add(("--" + type.boundary()).getBytes(StandardCharsets.ISO_8859_1));
        int level = open.size() - 1;
        String childType = type.mediaType().equals("multipart/digest") ? "message/rfc822" : "text/plain";
        try {
            PartStream preamble = new PartStream(entity.section());
            preamble.drain();
            Ending ending = new Ending(preamble.delimiter, preamble.contentEnd);
            int number = 0;
            while (ending.delimiter() != null && ending.delimiter().level() == level && !ending.delimiter().close()) {
                input.skipLine();
                number++;
                String child = entity.section().isEmpty() ? String.valueOf(number) : entity.section() + "." + number;
                ending = entity(child, childType, depth + 1);
            }
            if (ending.delimiter() != null && ending.delimiter().level() == level) {
                // the close delimiter; the epilogue runs to an enclosing delimiter or the end
                input.skipLine();
                open.remove(level);
                PartStream epilogue = new PartStream(entity.section());
                epilogue.drain();
                ending = new Ending(epilogue.delimiter, epilogue.contentEnd);
            }
            handler.end(entity, true, ending.contentEnd());
            return ending;
        } finally {
            if (open.size() > level) {
                open.subList(level, open.size()).clear();
            }
        }
    }

    private static List<String> values(List<Field> fields, String name) {
        List<String> values = new ArrayList<>(1);
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    /** A header block: its fields, what readers would read differently in it, and the delimiter it ran into. */
    private record HeaderBlock(List<Field> fields, List<String> disagreements, Delimiter endedBy) {
    }

    /**
     * Reads header lines up to the empty line (consumed), the end of the message, or a delimiter line of an
     * open boundary (left unread: Mime4j and Thunderbird end the header there, Jakarta Mail reads on into the
     * next part's header, so that is a disagreement).
     */
    private HeaderBlock readHeader(String section) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream(512);
        List<String> disagreements = new ArrayList<>(0);
        Delimiter endedBy = null;
        while (input.available(1) > 0) {
            if (!open.isEmpty()) {
                Delimiter delimiter = classify(0, false, section);
                if (delimiter != null) {
                    endedBy = delimiter;
                    disagreements.add("a part header that runs into a delimiter line without the empty line that ends it "
                        + "(Jakarta Mail reads on into the next part)");
                    break;
                }
            }
            int length = input.lineLength(MAX_HEADER_BYTES + 1 - block.size());
            if (block.size() + length > MAX_HEADER_BYTES) {
                throw new LimitException("A header block is larger than " + MAX_HEADER_BYTES / 1024
                    + " KiB, so the message was not read completely.");
            }
            if (input.isEmptyLine(length)) {
                input.skip(length);
                break;
            }
            input.copyTo(block, length);
        }
        List<Field> fields = fields(block.toByteArray(), !open.isEmpty(), disagreements);
        return new HeaderBlock(fields, disagreements, endedBy);
    }

    /**
     * Splits a header block into fields (RFC 5322 §2.2.3 unfolding). A bare CR is a line break to Jakarta Mail
     * and Thunderbird and an ordinary byte to Mime4j: where it would start a Content- field, end the header, or
     * (in a part) start a delimiter line, the readers see different headers. A NUL ends a C string in
     * Thunderbird.
     */
    private static List<Field> fields(byte[] block, boolean inMultipart, List<String> disagreements) {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        boolean firstLine = true;
        while (i < block.length) {
            int start = i;
            int end = lineEnd(block, i);
            while (end < block.length && (block[end] == ' ' || block[end] == '\t')) {
                end = lineEnd(block, end);
            }
            String raw = headerText(block, start, end - start);
            int colon = raw.indexOf(':');
            if (colon > 0) {
                String written = raw.substring(0, colon);
                String name = written.trim();
                String value = raw.substring(colon + 1).replace("\r\n", "").replace("\n", "").trim();
                boolean mime = name.toLowerCase(Locale.ROOT).startsWith("content-");
                if (mime && firstLine && (written.startsWith(" ") || written.startsWith("\t"))) {
                    disagreements.add("a header that starts with a folded Content- field (Jakarta Mail reads it, Mime4j and "
                        + "Thunderbird do not)");
                } else if (mime && written.charAt(0) < ' ' && written.charAt(0) != '\t') {
                    disagreements.add("a Content- field name after a control character (Jakarta Mail trims it off and reads "
                        + "the field, Mime4j and Thunderbird do not)");
                }
                if (mime && (value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0)) {
                    disagreements.add("a bare CR or a NUL inside the " + name + " field");
                }
                if (!name.isEmpty() && name.indexOf(' ') < 0 && name.indexOf('\t') < 0) {
                    fields.add(new Field(name, value));
                }
            }
            firstLine = false;
            i = end;
        }
        for (int k = 0; k < block.length; k++) {
            if (block[k] == '\r' && (k + 1 >= block.length || block[k + 1] != '\n')) {
                int next = k + 1;
                // At the start of a line, the bare CR ends an empty line: the end of the header to Jakarta Mail.
                boolean emptyLine = k == 0 || block[k - 1] == '\n';
                boolean splits = emptyLine || next >= block.length || block[next] == '\r' || block[next] == '\n'
                    || startsWithIgnoreCase(block, jakartaNameStart(block, next), "content-")
                    || inMultipart && block[next] == '-';
                if (splits) {
                    disagreements.add("a bare CR in a header (a line break to Jakarta Mail and Thunderbird, not to Mime4j)");
                    break;
                }
            }
        }
        return fields;
    }

    /**
     * A header line's text. 8-bit bytes that are valid UTF-8 are read as UTF-8, as mail clients and RFC 6532
     * read them. Bytes that are not UTF-8 have no standard reading: Jakarta Mail takes them as Latin-1, so a
     * name byte such as 0x9F is the invisible control U+009F to James's mailets, where a lenient UTF-8 decoder
     * would turn it into a harmless U+FFFD and the name checks would see nothing to flag.
     */
    static String headerText(byte[] bytes, int offset, int length) {
        if (isAscii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        return Utf8.strict(bytes, offset, length).orElseGet(() -> new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where Jakarta Mail reads a field name on a line starting at {@code from}: it trims the name with
     * {@link String#trim()}, so control characters before it vanish (a space or tab there makes the line a
     * continuation instead, and leaves {@code from} as it is).
     */
    private static int jakartaNameStart(byte[] block, int from) {
        int at = from;
        while (at < block.length && (block[at] & 0xFF) < ' ' && block[at] != '\t' && block[at] != '\r' && block[at] != '\n') {
            at++;
        }
        return at;
    }

    private static int lineEnd(byte[] block, int from) {
        for (int i = from; i < block.length; i++) {
            if (block[i] == '\n') {
                return i + 1;
            }
        }
        return block.length;
    }

    private static boolean startsWithIgnoreCase(byte[] bytes, int at, String prefix) {
        if (at + prefix.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) (bytes[at + i] & 0xFF)) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the line starting {@code at} bytes past the input's position is, to each reader:
     * <ul>
     *   <li>Mime4j: {@code --boundary} after a LF (or at the start of the part's content), followed by whitespace,
     *       {@code --} or the end; the rest of the line is skipped;</li>
     *   <li>Jakarta Mail: after a CR or LF, followed by {@code --} (the rest ignored), or by spaces and tabs up to
     *       a CR or LF;</li>
     *   <li>Thunderbird: the line, split at CR or LF and stripped of trailing whitespace, is exactly
     *       {@code --boundary} or {@code --boundary--}.</li>
     * </ul>
     * Null when no reader takes it for a delimiter. One that only some readers take, or that is ended by a bare
     * CR (after which Jakarta Mail and Thunderbird read the next part's header and Mime4j skips), or that
     * matches two open boundaries, is reported and taken as a delimiter, the outermost when several match
     * (Mime4j's nested streams and Jakarta Mail's outer-first parse agree on that).
     */
    private Delimiter classify(int at, boolean afterBareCr, String section) throws IOException {
        if (input.available(at + 2) < at + 2 || input.byteAt(at) != '-' || input.byteAt(at + 1) != '-') {
            return null;
        }
        Delimiter chosen = null;
        boolean chosenByMime4j = false;
        int matches = 0;
        String disagreement = null;
        boolean third = input.available(at + 3) > at + 2;
        for (int level = 0; level < open.size(); level++) {
            byte[] delimiter = open.get(level);
            if (third && delimiter.length > 2 && input.byteAt(at + 2) != (delimiter[2] & 0xFF)) {
                continue; // the usual case: a line starting with "--" that is no delimiter of this boundary
            }
            int available = input.available(at + delimiter.length + 2 + DELIMITER_TAIL);
            if (available < at + delimiter.length || !input.matches(at, delimiter)) {
                continue;
            }
            int after = at + delimiter.length;
            boolean atEnd = available == after;
            int next = atEnd ? -1 : input.byteAt(after);
            boolean close = available >= after + 2 && next == '-' && input.byteAt(after + 1) == '-';
            boolean mime4j = !afterBareCr && (atEnd || next == ' ' || next == '\t' || next == '\r' || next == '\n' || close);
            int restStart = close ? after + 2 : after;
            int lineStop = restStart;
            while (lineStop < available && input.byteAt(lineStop) != '\r' && input.byteAt(lineStop) != '\n') {
                lineStop++;
            }
            boolean lineSeen = lineStop < available || input.endsAt(available);
            boolean blanks = true;
            boolean spaces = true;
            for (int k = restStart; k < lineStop; k++) {
                int b = input.byteAt(k);
                blanks &= b == ' ' || b == '\t';
                spaces &= b == ' ' || b == '\t' || b == 0x0B || b == '\f';
            }
            boolean jakarta = close || lineSeen && blanks;
            boolean thunderbird = lineSeen && spaces;
            if (!mime4j && !jakarta && !thunderbird) {
                continue;
            }
            matches++;
            boolean bareCrAfter = lineStop < available && input.byteAt(lineStop) == '\r'
                && (lineStop + 1 >= available || input.byteAt(lineStop + 1) != '\n');
            if (afterBareCr) {
                disagreement = "a delimiter line after a bare CR (a line break to Jakarta Mail and Thunderbird, not to Mime4j)";
            } else if (!(mime4j && jakarta && thunderbird)) {
                disagreement = "a delimiter line with trailing text (taken by some mail programs, not by others)";
            } else if (bareCrAfter) {
                disagreement = "a delimiter line ended by a bare CR (Jakarta Mail and Thunderbird read the next part's "
                    + "header from there, Mime4j from the next line)";
            }
            if (chosen == null || mime4j && !chosenByMime4j) {
                chosen = new Delimiter(level, close);
                chosenByMime4j = mime4j;
            }
        }
        if (matches > 1) {
            disagreement = "a delimiter line that matches the boundaries of two nested multiparts";
        }
        if (chosen != null && disagreement != null) {
            handler.disagreement(section, disagreement);
        }
        return chosen;
    }

    /**
     * Mime4j also takes {@code --boundary} for a delimiter where it does not start a line, when its buffer
     * happens to be refilled there (its {@code MimeBoundaryInputStream} accepts a match at the read position).
     * Which position that is depends on read sizes, so any such occurrence is a disagreement.
     */
    private boolean midLineDelimiter(int at) throws IOException {
        for (byte[] delimiter : open) {
            int available = input.available(at + delimiter.length + 2);
            if (available >= at + delimiter.length && input.matches(at, delimiter)) {
                int after = at + delimiter.length;
                if (available == after) {
                    return true;
                }
                int next = input.byteAt(after);
                if (next == ' ' || next == '\t' || next == '\r' || next == '\n'
                    || next == '-' && available > after + 1 && input.byteAt(after + 1) == '-') {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The content of a leaf part (or a preamble, or an epilogue) up to the next delimiter line of an open
     * boundary or the end of the message.
     */
    private final class PartStream extends BlockInputStream {
        private final String section;
        /** The next byte starts a line that has not been classified yet. */
        private boolean unclassifiedLineStart = true;
        /** The next byte is inside a line (not its first byte). */
        private boolean midLine;
        private boolean done;
        Delimiter delimiter;
        long contentEnd;

        PartStream(String section) {
            this.section = section;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (done) {
                return -1;
            }
            int copied = 0;
            while (copied < length && !done) {
                if (unclassifiedLineStart) {
                    unclassifiedLineStart = false;
                    Delimiter found = open.isEmpty() ? null : classify(0, false, section);
                    if (found != null) {
                        // an empty content: the line break before the delimiter (the end of the header's empty line, or
                        // of the previous delimiter line) belongs to the delimiter
                        contentEnd = input.offset() - input.precedingBreak();
                        delimiter = found;
                        done = true;
                        break;
                    }
                }
                int available = input.available(2);
                if (available == 0) {
                    finish(null, 0);
                    break;
                }
                int stop = input.indexOfStop(Math.min(available, length - copied), !open.isEmpty());
                if (stop < 0 || stop > 0) {
                    int n = stop < 0 ? Math.min(available, length - copied) : stop;
                    input.copy(buffer, offset + copied, n);
                    copied += n;
                    midLine = true;
                    continue;
                }
                int b = input.byteAt(0);
                if (b == '-') {
                    if (midLine && input.available(2) >= 2 && input.byteAt(1) == '-' && midLineDelimiter(0)) {
                        handler.disagreement(section, "a boundary in the middle of a line (Mime4j may take it for a "
                            + "delimiter, depending on where its buffer is refilled)");
                    }
                    input.copy(buffer, offset + copied, 1);
                    copied++;
                    midLine = true;
                    continue;
                }
                // a line break: CRLF, LF, or a bare CR
                int breakLength = b == '\r' && input.available(2) >= 2 && input.byteAt(1) == '\n' ? 2 : 1;
                boolean bareCr = b == '\r' && breakLength == 1;
                Delimiter found = open.isEmpty() ? null : classify(breakLength, bareCr, section);
                if (found != null) {
                    finish(found, breakLength);
                    break;
                }
                int n = Math.min(breakLength, length - copied);
                input.copy(buffer, offset + copied, n);
                copied += n;
                midLine = n < breakLength;
                if (n < breakLength) {
                    // a one-byte read stopped inside CRLF; the LF comes next and its line is classified again
                    continue;
                }
            }
            return copied == 0 && done ? -1 : copied;
        }

        /** Reads to the end into one scratch buffer (InputStream.transferTo allocates one per call, per part). */
        void drain() throws IOException {
            while (read(scratch, 0, scratch.length) >= 0) {
                // skipped
            }
        }

        private void finish(Delimiter found, int breakLength) {
            contentEnd = input.offset();
            input.skip(breakLength);
            delimiter = found;
            done = true;
        }
    }

    /** The message bytes: a buffer over the stream, with look-ahead for delimiter lines, and absolute offsets. */
    private static final class Input {
        /** Bytes kept before the position when the buffer is compacted: the line break a delimiter may claim. */
        private static final int HISTORY = 2;
        private final InputStream in;
        private byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;
        private long base;
        private boolean eof;

        Input(InputStream in) {
            this.in = in;
        }

        long offset() {
            return base + position;
        }

        /** Length of the line break (CRLF, LF or CR) right before the position; 0 at the start or mid-line. */
        int precedingBreak() {
            if (position >= 1 && buffer[position - 1] == '\n') {
                return position >= 2 && buffer[position - 2] == '\r' ? 2 : 1;
            }
            return position >= 1 && buffer[position - 1] == '\r' ? 1 : 0;
        }

        /** Makes {@code wanted} bytes past the position available unless the stream ends first; returns how many are. */
        int available(int wanted) throws IOException {
            while (limit - position < wanted && !eof) {
                int history = Math.min(position, HISTORY);
                if (position > history && buffer.length - limit < wanted - (limit - position)) {
                    int from = position - history;
                    System.arraycopy(buffer, from, buffer, 0, limit - from);
                    limit -= from;
                    base += from;
                    position = history;
                }
                if (buffer.length - limit < wanted - (limit - position)) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, wanted));
                }
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
            return limit - position;
        }

        /** Whether the message ends exactly {@code at} bytes past the position. */
        boolean endsAt(int at) {
            return eof && position + at >= limit;
        }

        int byteAt(int at) {
            return buffer[position + at] & 0xFF;
        }

        boolean matches(int at, byte[] bytes) {
            return Arrays.equals(buffer, position + at, position + at + bytes.length, bytes, 0, bytes.length);
        }

        /**
         * Index (past the position) of the first CR, LF, or — when {@code dashes} — {@code -} among the next
         * {@code within} bytes, or -1.
         */
        int indexOfStop(int within, boolean dashes) {
            int end = position + within;
            byte[] bytes = buffer;
            for (int i = position; i < end; i++) {
                byte b = bytes[i];
                if (b == '\n' || b == '\r' || dashes && b == '-') {
                    return i - position;
                }
            }
            return -1;
        }

        void copy(byte[] target, int at, int length) {
            System.arraycopy(buffer, position, target, at, length);
            position += length;
        }

        void copyTo(ByteArrayOutputStream target, int length) {
            target.write(buffer, position, length);
            position += length;
        }

        void skip(int length) {
            position += length;
        }

        boolean isEmptyLine(int length) {
            return length == 1 && buffer[position] == '\n'
                || length == 2 && buffer[position] == '\r' && buffer[position + 1] == '\n';
        }

        /** Length of the line at the position, its LF included; stops counting at {@code cap}. */
        int lineLength(int cap) throws IOException {
            int length = 0;
            while (true) {
                int available = available(Math.min(length + 4096, cap));
                for (int i = position + length; i < position + available; i++) {
                    if (buffer[i] == '\n') {
                        return i - position + 1;
                    }
                }
                if (available == length || available >= cap) {
                    return available;
                }
                length = available;
            }
        }

        /** Skips the rest of the current line (a delimiter line), its LF included. */
        void skipLine() throws IOException {
            while (true) {
                int available = available(1);
                if (available == 0) {
                    return;
                }
                for (int i = position; i < position + available; i++) {
                    if (buffer[i] == '\n') {
                        position = i + 1;
                        return;
                    }
                }
                position += available;
            }
        }
    }
}
