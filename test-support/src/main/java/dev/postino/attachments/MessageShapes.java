package dev.postino.attachments;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Messages of a given size whose structure costs a parser the most per byte: the attack shapes of issue 15
 * (16,000 nested multiparts in under 1 MB, 160,000 Content-Type parameters in 800 KB) and the shapes that stay
 * within the reader's bounds but stress it (multiparts nested 90 deep, many parts with 200 KB headers), next to
 * a normal mail of the same size. Shared by the time-bound tests and {@code MimeParsingBenchmark}.
 */
public final class MessageShapes {

    private MessageShapes() {
    }

    private static final String HEADER = "From: a@example.com\r\nTo: b@example.com\r\nSubject: shape\r\nMIME-Version: 1.0\r\n";

    /** A text body and one base64 attachment of random bytes filling {@code size}. */
    public static byte[] normal(int size) {
        byte[] data = new byte[Math.max(0, size - 600) * 3 / 4];
        new Random(size).nextBytes(data);
        return (HEADER + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nCiao\r\n"
            + "--b\r\nContent-Type: application/octet-stream; name=\"dati.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(data) + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code depth} multiparts nested in one another, written as tightly as readers accept (no close delimiters). */
    public static byte[] nestedChain(int depth) {
        StringBuilder message = new StringBuilder(HEADER).append("Content-Type: multipart/mixed; boundary=n0\r\n\r\n");
        for (int i = 1; i <= depth; i++) {
            message.append("--n").append(i - 1).append("\r\nContent-Type:multipart/mixed;boundary=n").append(i).append("\r\n\r\n");
        }
        return message.append("--n").append(depth).append("\r\n\r\nx\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Chains {@code depth} deep, one after another until {@code size}, with delimiter-like text lines in the leaves. */
    public static byte[] nested(int size, int depth) {
        StringBuilder message = new StringBuilder(HEADER).append("Content-Type: multipart/mixed; boundary=\"top\"\r\n\r\n");
        int chain = 0;
        while (message.length() < size) {
            message.append("--top\r\nContent-Type: multipart/mixed; boundary=\"c").append(chain).append("n0\"\r\n\r\n");
            for (int i = 1; i < depth; i++) {
                message.append("--c").append(chain).append('n').append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=\"c")
                    .append(chain).append('n').append(i).append("\"\r\n\r\n");
            }
            message.append("--c").append(chain).append('n').append(depth - 1).append("\r\n\r\n");
            message.append("-- a line a delimiter could start\r\n".repeat(200));
            for (int i = depth - 1; i >= 0; i--) {
                message.append("\r\n--c").append(chain).append('n').append(i).append("--\r\n");
            }
            chain++;
        }
        return message.append("--top--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One Content-Type field with {@code count} parameters ({@code ; pN=vN}). */
    public static byte[] parameterFlood(int count) {
        StringBuilder field = new StringBuilder("Content-Type: multipart/mixed; boundary=\"b\"");
        for (int i = 0; i < count; i++) {
            field.append(";p=v");
        }
        return (HEADER + field + "\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Parts whose Content-Type carries {@code headerBytes} of parameters each, until {@code size}. */
    public static byte[] parameters(int size, int headerBytes) {
        StringBuilder message = new StringBuilder(HEADER).append("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        String parameters = ";p=v".repeat(headerBytes / 4);
        while (message.length() < size) {
            message.append("--b\r\nContent-Type: text/plain").append(parameters).append("\r\n\r\nx\r\n");
        }
        return message.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
