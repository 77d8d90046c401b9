package dev.postino.quarantine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces MIME parts, named by IMAP section numbers ({@code "2"}, {@code "1.2"}), with short
 * {@code text/plain} notices, working on the raw bytes so that every byte outside the replaced parts
 * (other parts, boundaries, preamble, the top-level header) stays exactly as it was: signatures,
 * encodings and odd-but-valid formatting of what the user does receive are not disturbed.
 *
 * <p>A section that goes deeper than a leaf (e.g. {@code "2.1"} when part 2 is a {@code message/rfc822}
 * or a single part) replaces that leaf: the dangerous content is inside it. A section that names no
 * part (a number past the last part, or any section of a message that is not multipart) cannot be
 * stripped safely and is reported in {@link Plan#unresolved()}; the caller then holds the whole message.
 */
public final class MimeStripper {

    /** What stripping would do: the resolved part ranges per requested section, and what could not be found. */
    public record Plan(Map<String, String> resolved, List<String> unresolved) {
        public boolean complete() {
            return unresolved.isEmpty();
        }
    }

    private record Target(String section, String resolvedSection, RawMime.Range range) {
    }

    private MimeStripper() {
    }

    /** Which of {@code sections} can be replaced in {@code message}, and as which part. */
    public static Plan plan(byte[] message, List<String> sections) {
        Map<String, String> resolved = new LinkedHashMap<>();
        List<String> unresolved = new ArrayList<>();
        for (String section : sections) {
            Optional<Target> target = locate(message, section);
            if (target.isPresent()) {
                resolved.put(section, target.get().resolvedSection());
            } else {
                unresolved.add(section);
            }
        }
        return new Plan(resolved, List.copyOf(unresolved));
    }

    /**
     * The message with each part in {@code notices} (section → notice text) replaced by a
     * {@code text/plain; charset=UTF-8} part holding the text (base64, so it survives any transport).
     * When two sections fall in the same or nested parts, the outermost part is replaced once, with
     * the notices joined.
     *
     * @throws IllegalArgumentException when a section cannot be located (check {@link #plan} first)
     */
    public static byte[] strip(byte[] message, Map<String, String> notices) {
        List<Target> targets = new ArrayList<>();
        for (String section : notices.keySet()) {
            targets.add(locate(message, section)
                .orElseThrow(() -> new IllegalArgumentException("No MIME part at section " + section)));
        }
        targets.sort(Comparator.comparingInt((Target t) -> t.range().start())
            .thenComparing(Comparator.comparingInt((Target t) -> t.range().end()).reversed()));

        List<RawMime.Range> ranges = new ArrayList<>();
        List<StringBuilder> texts = new ArrayList<>();
        for (Target target : targets) {
            String text = notices.get(target.section());
            int last = ranges.size() - 1;
            if (last >= 0 && target.range().start() < ranges.get(last).end()) {
                texts.get(last).append("\n\n").append(text);
                continue;
            }
            ranges.add(target.range());
            texts.add(new StringBuilder(text));
        }

        String lineBreak = RawMime.lineBreak(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        int copied = 0;
        for (int i = 0; i < ranges.size(); i++) {
            RawMime.Range range = ranges.get(i);
            out.write(message, copied, range.start() - copied);
            out.writeBytes(noticePart(texts.get(i).toString(), lineBreak));
            copied = range.end();
        }
        out.write(message, copied, message.length - copied);
        return out.toByteArray();
    }

    /** The message with its top-level {@code name} header set to {@code value} (ASCII), other bytes untouched. */
    public static byte[] withTopHeader(byte[] message, String name, String value) {
        return RawMime.replaceTopHeader(message, name, value);
    }

    private static byte[] noticePart(String text, String lineBreak) {
        String normalised = text.replace("\r\n", "\n").replace("\n", "\r\n");
        String body = Base64.getMimeEncoder(76, lineBreak.getBytes(StandardCharsets.US_ASCII))
            .encodeToString(normalised.getBytes(StandardCharsets.UTF_8));
        String part = "Content-Type: text/plain; charset=UTF-8" + lineBreak
            + "Content-Disposition: inline" + lineBreak
            + "Content-Transfer-Encoding: base64" + lineBreak
            + "Content-Description: attachment removed by the mail server" + lineBreak
            + lineBreak
            + body;
        return part.getBytes(StandardCharsets.US_ASCII);
    }

    private static Optional<Target> locate(byte[] message, String section) {
        String[] numbers = section.trim().split("\\.");
        RawMime.Entity entity = RawMime.entity(message, 0, message.length);
        StringBuilder resolved = new StringBuilder();
        RawMime.Range found = null;
        for (String number : numbers) {
            Optional<String> boundary = RawMime.multipartBoundary(message, entity);
            if (boundary.isEmpty()) {
                // A leaf: the requested section is inside it. The top-level body is never a "part".
                break;
            }
            int index;
            try {
                index = Integer.parseInt(number);
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
            List<RawMime.Range> parts = RawMime.parts(message, entity.body(), boundary.get());
            if (index < 1 || index > parts.size()) {
                return Optional.empty();
            }
            found = parts.get(index - 1);
            resolved.append(resolved.isEmpty() ? "" : ".").append(index);
            entity = RawMime.entity(message, found.start(), found.end());
        }
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(new Target(section, resolved.toString(), found));
    }
}
