package dev.postino.attachments.parts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and decodes the files that pre-MIME encodings carry inside text: uuencode
 * ({@code begin 644 bollettino.exe} … {@code end}), its base64 variant ({@code begin-base64} … {@code ====}) and
 * yEnc ({@code =ybegin line=128 size=… name=…} … {@code =yend}). Thunderbird and Outlook show such blocks in a
 * plain-text body as attachments. Hand-written because neither Mime4j nor tika-core decodes them; each format
 * is a handful of lines.
 *
 * <p>The begin line is read more leniently than any reader writes it, so that no program finds a file here that
 * the scanner misses: Thunderbird takes {@code begin } and three or four octal digits followed by a space, then
 * a name that may be empty; the scanner also takes tabs and several spaces, and a missing name.
 */
public final class Uudecoder {

    /** Receives each decoded file; the output stream is where its bytes go. */
    public interface Sink {
        OutputStream begin(String name) throws IOException;

        void end(String name) throws IOException;
    }

    /**
     * Characters of a line kept; the rest of a longer line is skipped unread. A uuencoded line is at most
     * 61 characters and a begin line a name long, so nothing is lost, and a text part that is one huge
     * line (a saved web page, minified JSON) is never held whole in memory.
     */
    static final int MAX_LINE = 8192;

    private static final Pattern BEGIN = Pattern.compile("^begin(-base64)?[ \\t]+[0-7]{3,4}(?:[ \\t]+(.*))?$");
    private static final Pattern YENC_NAME = Pattern.compile("(?:^|\\s)name=(.*)$");

    private Uudecoder() {
    }

    /** Scans the text; returns how many files were found. */
    public static int scan(InputStream text, Sink sink) throws IOException {
        LineReader reader = new LineReader(text);
        int found = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("=ybegin ")) {
                Matcher name = YENC_NAME.matcher(line);
                String fileName = name.find() ? utf8(name.group(1).trim()) : "";
                OutputStream out = sink.begin(fileName);
                found++;
                Yenc yenc = new Yenc();
                while ((line = reader.readLine()) != null && !line.startsWith("=yend")) {
                    if (!line.startsWith("=ypart ")) {
                        yenc.decodeLine(line, out);
                    }
                }
                sink.end(fileName);
                continue;
            }
            if (!line.startsWith("begin")) {
                continue;
            }
            Matcher matcher = BEGIN.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            String name = matcher.group(2) == null ? "" : utf8(matcher.group(2).trim());
            OutputStream out = sink.begin(name);
            found++;
            if (matcher.group(1) != null) {
                new Base64Decoding(new LinesUntil(reader, "====")).transferTo(out);
            } else {
                while ((line = reader.readLine()) != null && !line.equals("end")) {
                    decodeLine(line, out);
                }
            }
            sink.end(name);
        }
        return found;
    }

    /**
     * The body of a part whose transfer encoding is uuencode: lines up to one starting with {@code begin} (what
     * Jakarta Mail requires; Thunderbird wants {@code begin }), then uuencoded lines up to {@code end}, decoded
     * as they are read. The begin line's name is not used: readers save the part under its MIME name.
     */
    static InputStream decodeBody(InputStream body) {
        return decodeLines(body, line -> line.startsWith("begin"), line -> line.equals("end"), line -> false, Uudecoder::decodeLine);
    }

    /** Decodes one line of a block into {@code out}. */
    @FunctionalInterface
    interface LineDecoding {
        void decode(String line, OutputStream out) throws IOException;
    }

    /**
     * The lines after the first one {@code begin} accepts, up to one {@code end} accepts (excluded), decoded as
     * they are read; lines {@code skip} accepts are passed over.
     */
    static InputStream decodeLines(InputStream body, java.util.function.Predicate<String> begin,
                                   java.util.function.Predicate<String> end, java.util.function.Predicate<String> skip,
                                   LineDecoding decoding) {
        LineReader reader = new LineReader(body);
        return new DecodingStream() {
            private boolean begun;

            @Override
            boolean decodeNext(OutputStream out) throws IOException {
                String line = reader.readLine();
                while (!begun && line != null) {
                    begun = begin.test(line);
                    line = reader.readLine();
                }
                while (line != null && skip.test(line)) {
                    line = reader.readLine();
                }
                if (line == null || end.test(line)) {
                    return false;
                }
                decoding.decode(line, out);
                return true;
            }
        };
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** The lines of a reader up to one equal to {@code end} (excluded), each with a LF. */
    private static final class LinesUntil extends DecodingStream {
        private final LineReader reader;
        private final String end;

        LinesUntil(LineReader reader, String end) {
            this.reader = reader;
            this.end = end;
        }

        @Override
        boolean decodeNext(OutputStream out) throws IOException {
            String line = reader.readLine();
            if (line == null || line.equals(end)) {
                return false;
            }
            out.write(line.getBytes(StandardCharsets.ISO_8859_1));
            out.write('\n');
            return true;
        }
    }

    /** ISO-8859-1 lines ended by LF, CR or CRLF, as {@code BufferedReader.readLine}, cut at {@link #MAX_LINE}. */
    static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private final StringBuilder line = new StringBuilder();
        private int position;
        private int limit;
        private boolean skipLineFeed;

        LineReader(InputStream in) {
            this.in = in;
        }

        String readLine() throws IOException {
            line.setLength(0);
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? line.toString() : null;
                    }
                }
                int c = buffer[position++] & 0xFF;
                if (skipLineFeed) {
                    skipLineFeed = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                any = true;
                if (c == '\n') {
                    return line.toString();
                }
                if (c == '\r') {
                    skipLineFeed = true;
                    return line.toString();
                }
                if (line.length() < MAX_LINE) {
                    line.append((char) c);
                }
            }
        }
    }

    static void decodeLine(String line, OutputStream out) throws IOException {
        if (line.isEmpty()) {
            return;
        }
        int length = (line.charAt(0) - 32) & 0x3F;
        int index = 1;
        byte[] decoded = new byte[length];
        int written = 0;
        while (written < length && index + 3 < line.length() + 1) {
            int a = sixBits(line, index);
            int b = sixBits(line, index + 1);
            int c = sixBits(line, index + 2);
            int d = sixBits(line, index + 3);
            int[] bytes = {(a << 2) | (b >> 4), ((b & 0xF) << 4) | (c >> 2), ((c & 0x3) << 6) | d};
            for (int i = 0; i < 3 && written < length; i++) {
                decoded[written++] = (byte) bytes[i];
            }
            index += 4;
        }
        out.write(decoded, 0, written);
    }

    private static int sixBits(String line, int index) {
        return index < line.length() ? (line.charAt(index) - 32) & 0x3F : 0;
    }
}
