package dev.postino.attachments.names;

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

import dev.postino.mime.Rfc2231;

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
        if (fieldBody == null || !fieldBody.contains("=?") && !containsIgnoreCase(fieldBody, parameter)) {
            // a parameter, continued or not, always spells out its name; only a whole-field encoded-word hides it
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

    private static boolean containsIgnoreCase(String text, String part) {
        for (int i = 0; i + part.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> find(String fieldBody, String parameter) {
        byte[] bytes = fieldBody.getBytes(StandardCharsets.UTF_8);
        ByteArrayBuffer buffer = new ByteArrayBuffer(bytes, bytes.length, false);
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(buffer, new ParserCursor(0, bytes.length));
        String wanted = parameter.toLowerCase(Locale.ROOT);
        String plain = null;
        String extended = null;
        TreeMap<Integer, Rfc2231.Section> sections = new TreeMap<>();
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
                int number = Rfc2231.sectionNumber(encoded ? rest.substring(0, rest.length() - 1) : rest);
                if (number >= 0) {
                    sections.putIfAbsent(number, new Rfc2231.Section(encoded, value));
                }
            }
        }
        if (extended != null) {
            return Optional.of(Rfc2231.decodeExtended(extended));
        }
        if (!sections.isEmpty()) {
            return Optional.of(Rfc2231.join(sections.values(),
                section -> DecoderUtil.decodeEncodedWords(section, DecodeMonitor.SILENT)));
        }
        return Optional.ofNullable(plain).map(value -> DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
    }

    /** Every name of a part: Content-Disposition filename and Content-Type name, decoded; absent ones skipped. */
    public static List<String> names(String contentDisposition, String contentType) {
        List<String> names = new ArrayList<>(2);
        parameter(contentDisposition, "filename").filter(name -> !name.isBlank()).ifPresent(names::add);
        parameter(contentType, "name").filter(name -> !name.isBlank()).ifPresent(names::add);
        return names;
    }

    /**
     * Every name any reader could give the part: first the two of {@link #names(String, String)} (the first
     * fields), then every other reading, since readers differ on which to show: each occurrence of a
     * repeated parameter (Mime4j and Jakarta Mail keep the last, Thunderbird the first), the plain form beside
     * the RFC 2231 one (Thunderbird prefers the latter), Thunderbird's comment-blind splitting, and the
     * parameters of a second Content-Disposition or Content-Type field.
     */
    public static List<String> names(List<String> contentDispositions, List<String> contentTypes) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(
            names(contentDispositions.isEmpty() ? null : contentDispositions.get(0),
                contentTypes.isEmpty() ? null : contentTypes.get(0)));
        for (String field : contentDispositions) {
            allReadings(field, "filename", names);
        }
        for (String field : contentTypes) {
            allReadings(field, "name", names);
        }
        names.removeIf(String::isBlank);
        return List.copyOf(names);
    }

    private static void allReadings(String fieldBody, String parameter, java.util.Set<String> into) {
        if (fieldBody == null || !containsIgnoreCase(fieldBody, parameter)) {
            return;
        }
        try {
            parameter(fieldBody, parameter).ifPresent(into::add);
            String thunderbird = dev.postino.attachments.parts.ThunderbirdParameter.value(fieldBody, parameter);
            if (thunderbird != null) {
                into.add(DecoderUtil.decodeEncodedWords(thunderbird, DecodeMonitor.SILENT));
            }
            byte[] bytes = fieldBody.getBytes(StandardCharsets.UTF_8);
            RawBody body = RawFieldParser.DEFAULT.parseRawBody(new ByteArrayBuffer(bytes, bytes.length, false),
                new ParserCursor(0, bytes.length));
            String wanted = parameter.toLowerCase(Locale.ROOT);
            List<Map.Entry<String, Rfc2231.Section>> sections = new ArrayList<>(0);
            for (NameValuePair pair : body.getParams()) {
                String name = pair.getName() == null ? "" : pair.getName().trim().toLowerCase(Locale.ROOT);
                if (pair.getValue() == null) {
                    continue;
                }
                if (name.equals(wanted)) {
                    into.add(DecoderUtil.decodeEncodedWords(pair.getValue(), DecodeMonitor.SILENT));
                } else if (name.equals(wanted + "*")) {
                    into.add(Rfc2231.decodeExtended(pair.getValue()));
                } else if (name.startsWith(wanted + "*")) {
                    String rest = name.substring(wanted.length() + 1);
                    boolean encoded = rest.endsWith("*");
                    sections.add(Map.entry(encoded ? rest.substring(0, rest.length() - 1) : rest,
                        new Rfc2231.Section(encoded, pair.getValue())));
                }
            }
            continuationReadings(sections, into);
        } catch (RuntimeException unexpected) {
            // the readings found so far stand
        }
    }

    /**
     * Every way readers join continuation sections ({@code filename*0}, {@code filename*1}…), given in header
     * order with their written numbers. Postino's first reading ({@link #parameter}) keeps the first of a
     * repeated number and joins every number in order; Jakarta Mail keeps the last, knows only numbers written
     * without leading zeros, stops at the first missing one, and joins the sections' bytes before decoding them
     * ({@link Rfc2231#joinBytes}). Each reading, and the last-wins one in Postino's own order, is a name.
     */
    private static void continuationReadings(List<Map.Entry<String, Rfc2231.Section>> sections, java.util.Set<String> into) {
        if (sections.isEmpty()) {
            return;
        }
        TreeMap<Integer, Rfc2231.Section> lastWins = new TreeMap<>();
        Map<String, Rfc2231.Section> jakarta = new java.util.HashMap<>();
        for (Map.Entry<String, Rfc2231.Section> section : sections) {
            int number = Rfc2231.sectionNumber(section.getKey());
            if (number >= 0) {
                lastWins.put(number, section.getValue());
            }
            jakarta.put(section.getKey(), section.getValue());
        }
        into.add(Rfc2231.join(lastWins.values(), value -> DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT)));
        List<Rfc2231.Section> consecutive = new ArrayList<>();
        for (int number = 0; jakarta.containsKey(String.valueOf(number)); number++) {
            consecutive.add(jakarta.get(String.valueOf(number)));
        }
        if (!consecutive.isEmpty()) {
            // Jakarta Mail reads header bytes as Latin-1; a field read here as UTF-8 had its UTF-8 bytes
            into.add(Rfc2231.joinBytes(consecutive, StandardCharsets.ISO_8859_1));
            into.add(Rfc2231.joinBytes(consecutive, StandardCharsets.UTF_8));
        }
    }
}
