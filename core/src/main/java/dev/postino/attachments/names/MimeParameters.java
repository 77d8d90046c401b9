package dev.postino.attachments.names;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * Reads one parameter (Content-Disposition {@code filename}, Content-Type {@code name}) from a raw header
 * field body the way a mail client would: RFC 2231 continuations and charsets
 * ({@code filename*0*=utf-8''…; filename*1*=…}), RFC 2047 encoded-words inside the value, and a field
 * body that is one encoded-word as a whole (a misuse some clients honour). Never throws.
 */
public final class MimeParameters {

    private MimeParameters() {
    }

    /** The decoded value of {@code parameter} in the field body, if present. */
    public static Optional<String> parameter(String fieldBody, String parameter) {
        if (fieldBody == null) {
            return Optional.empty();
        }
        try {
            Optional<String> value = find(fieldBody, parameter);
            if (value.isEmpty() && fieldBody.contains("=?")) {
                value = find(DecoderUtil.decodeEncodedWords(fieldBody, DecodeMonitor.SILENT), parameter);
            }
            return value;
        } catch (RuntimeException unexpected) {
            return Optional.empty();
        }
    }

    private static Optional<String> find(String fieldBody, String parameter) {
        byte[] bytes = fieldBody.getBytes(StandardCharsets.UTF_8);
        ByteArrayBuffer buffer = new ByteArrayBuffer(bytes, bytes.length, false);
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(buffer, new ParserCursor(0, bytes.length));
        String wanted = parameter.toLowerCase(Locale.ROOT);
        String plain = null;
        String extended = null;
        TreeMap<Integer, NameValuePair> sections = new TreeMap<>();
        for (NameValuePair pair : body.getParams()) {
            String name = pair.getName() == null ? "" : pair.getName().trim().toLowerCase(Locale.ROOT);
            String value = pair.getValue() == null ? "" : pair.getValue();
            if (name.equals(wanted)) {
                plain = plain == null ? value : plain;
            } else if (name.equals(wanted + "*")) {
                extended = extended == null ? value : extended;
            } else if (name.startsWith(wanted + "*")) {
                String rest = name.substring(wanted.length() + 1);
                boolean encoded = rest.endsWith("*");
                String digits = encoded ? rest.substring(0, rest.length() - 1) : rest;
                if (!digits.isEmpty() && digits.length() < 4 && digits.chars().allMatch(Character::isDigit)) {
                    sections.putIfAbsent(Integer.parseInt(digits), new NameValuePair(encoded ? "*" : "", value));
                }
            }
        }
        if (extended != null) {
            return Optional.of(decodeExtended(extended, null, true));
        }
        if (!sections.isEmpty()) {
            return Optional.of(joinSections(sections));
        }
        return Optional.ofNullable(plain).map(value -> DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
    }

    private static String joinSections(Map<Integer, NameValuePair> sections) {
        Charset charset = null;
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        boolean first = true;
        for (NameValuePair section : sections.values()) {
            boolean encoded = "*".equals(section.getName());
            String value = section.getValue();
            if (encoded && first) {
                int quote = value.indexOf('\'');
                int second = quote < 0 ? -1 : value.indexOf('\'', quote + 1);
                if (second > 0) {
                    charset = charset(value.substring(0, quote));
                    value = value.substring(second + 1);
                }
            }
            if (encoded) {
                percentDecode(value, pending);
            } else {
                flush(pending, charset, text);
                text.append(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
            }
            first = false;
        }
        flush(pending, charset, text);
        return text.toString();
    }

    private static String decodeExtended(String value, Charset fallback, boolean withCharset) {
        Charset charset = fallback;
        String data = value;
        if (withCharset) {
            int quote = value.indexOf('\'');
            int second = quote < 0 ? -1 : value.indexOf('\'', quote + 1);
            if (second > 0) {
                charset = charset(value.substring(0, quote));
                data = value.substring(second + 1);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        percentDecode(data, bytes);
        StringBuilder text = new StringBuilder();
        flush(bytes, charset, text);
        return text.toString();
    }

    private static void flush(ByteArrayOutputStream pending, Charset charset, StringBuilder text) {
        if (pending.size() > 0) {
            text.append(pending.toString(charset == null ? StandardCharsets.UTF_8 : charset));
            pending.reset();
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

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static Charset charset(String name) {
        try {
            return name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name.trim());
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Every name of a part: Content-Disposition filename and Content-Type name, decoded; absent ones skipped. */
    public static List<String> names(String contentDisposition, String contentType) {
        List<String> names = new ArrayList<>(2);
        parameter(contentDisposition, "filename").filter(name -> !name.isBlank()).ifPresent(names::add);
        parameter(contentType, "name").filter(name -> !name.isBlank()).ifPresent(names::add);
        return names;
    }
}
