package dev.postino.attachments.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds pre-MIME uuencoded files ({@code begin 644 bollettino.exe} … {@code end}) inside a text part
 * (E18) and decodes them. Hand-written because neither Mime4j nor tika-core decodes uuencode; the
 * format is a 1980s line format of a dozen lines of code.
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

    private static final Pattern BEGIN = Pattern.compile("^begin(?:-base64)? +([0-7]{3,4}) +(.+)$");

    private Uudecoder() {
    }

    /** Scans the text; returns how many files were found. */
    public static int scan(InputStream text, Sink sink) throws IOException {
        LineReader reader = new LineReader(text);
        int found = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("begin")) {
                continue;
            }
            Matcher matcher = BEGIN.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            String name = new String(matcher.group(2).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            OutputStream out = sink.begin(name);
            found++;
            while ((line = reader.readLine()) != null && !line.equals("end")) {
                decodeLine(line, out);
            }
            sink.end(name);
        }
        return found;
    }

    /** ISO-8859-1 lines ended by LF, CR or CRLF, as {@code BufferedReader.readLine}, cut at {@link #MAX_LINE}. */
    private static final class LineReader {
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

    private static void decodeLine(String line, OutputStream out) throws IOException {
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
