package dev.postino.attachments.mime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

    private static final Pattern BEGIN = Pattern.compile("^begin(?:-base64)? +([0-7]{3,4}) +(.+)$");

    private Uudecoder() {
    }

    /** Scans the text; returns how many files were found. */
    public static int scan(InputStream text, Sink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(text, StandardCharsets.ISO_8859_1), 8192);
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
