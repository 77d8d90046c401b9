package dev.postino.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.UnaryOperator;

/**
 * RFC 2231 parameter values, as both the report classifier ({@code report-type}) and the
 * attachment inspector ({@code filename}, {@code name}) read them: extended values
 * ({@code name*=charset'lang'%E2%82%AC}) and continuations ({@code name*0*=…; name*1=…}).
 * Lenient like mail clients: an unknown charset falls back to UTF-8, a bad escape stays as text.
 * Never throws.
 */
public final class Rfc2231 {

    /** One continuation section ({@code name*N} or, when {@code encoded}, {@code name*N*}). */
    public record Section(boolean encoded, String value) {
    }

    private Rfc2231() {
    }

    /** The value of {@code name*=charset'language'percent-encoded-text}. */
    public static String decodeExtended(String value) {
        Encoded encoded = Encoded.split(value);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        percentDecode(encoded.text(), bytes);
        return bytes.toString(encoded.charset());
    }

    /**
     * Joins continuation sections given in section order. Only the first section may name the
     * charset (RFC 2231 §4.1); plain sections go through {@code plainDecoder} (identity, or
     * RFC 2047 decoding for clients that put encoded-words there).
     */
    public static String join(Collection<Section> inOrder, UnaryOperator<String> plainDecoder) {
        Charset charset = StandardCharsets.UTF_8;
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        boolean first = true;
        for (Section section : inOrder) {
            if (section.encoded()) {
                String value = section.value();
                if (first) {
                    Encoded encoded = Encoded.split(value);
                    charset = encoded.charset();
                    value = encoded.text();
                }
                percentDecode(value, pending);
            } else {
                flush(pending, charset, text);
                text.append(plainDecoder.apply(section.value()));
            }
            first = false;
        }
        flush(pending, charset, text);
        return text.toString();
    }

    /**
     * Joins continuation sections given in section order as Jakarta Mail's {@code ParameterList} does: the bytes
     * of every section in one buffer (encoded sections percent-decoded, plain ones as {@code plainBytes} encodes
     * them), decoded once at the end with the first section's charset (UTF-8 when it names none). So bytes of
     * two sections can join into one character. A plain first section names no charset, and Jakarta Mail stops
     * at the first encoded section after it.
     */
    public static String joinBytes(Collection<Section> inOrder, Charset plainBytes) {
        Charset charset = StandardCharsets.UTF_8;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        boolean firstPlain = false;
        for (Section section : inOrder) {
            if (section.encoded()) {
                if (firstPlain) {
                    break;
                }
                String value = section.value();
                if (first) {
                    Encoded encoded = Encoded.split(value);
                    charset = encoded.charset();
                    value = encoded.text();
                }
                percentDecode(value, bytes);
            } else {
                firstPlain |= first;
                bytes.writeBytes(section.value().getBytes(plainBytes));
            }
            first = false;
        }
        return bytes.toString(charset);
    }

    /** The section number in {@code name*N}: 1 to 4 digits, else -1 (not a continuation). */
    public static int sectionNumber(String digits) {
        if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    private record Encoded(Charset charset, String text) {
        static Encoded split(String value) {
            int quote = value.indexOf('\'');
            int second = quote < 0 ? -1 : value.indexOf('\'', quote + 1);
            if (second < 0) {
                return new Encoded(StandardCharsets.UTF_8, value);
            }
            return new Encoded(charsetNamed(value.substring(0, quote)), value.substring(second + 1));
        }
    }

    private static void percentDecode(String value, ByteArrayOutputStream out) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
    }

    private static void flush(ByteArrayOutputStream pending, Charset charset, StringBuilder text) {
        if (pending.size() > 0) {
            text.append(pending.toString(charset));
            pending.reset();
        }
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static Charset charsetNamed(String name) {
        return CharsetLabels.forLabel(name).orElse(StandardCharsets.UTF_8);
    }
}
