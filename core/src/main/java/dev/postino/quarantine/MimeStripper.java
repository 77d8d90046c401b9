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

import dev.postino.attachments.parts.MimeReader;

/**
 * Replaces MIME parts, named by IMAP section numbers ({@code "2"}, {@code "1.2"}), with short
 * {@code text/plain} notices, working on the raw bytes so that every byte outside the replaced parts
 * (other parts, boundaries, preamble, the top-level header) stays exactly as it was: signatures,
 * encodings and odd-but-valid formatting of what the user does receive are not disturbed.
 *
 * <p>Parts are found by the attachment inspector's own reader ({@link MimeReader}), so the part replaced is
 * the part the inspector judged: boundaries, delimiter lines and header ends are one definition, not two.
 * A section that goes deeper than a leaf (e.g. {@code "2.1"} when part 2 is a {@code message/rfc822}
 * or a single part) replaces that leaf: the dangerous content is inside it. A section that names no
 * part (a number past the last part, or any section of a message that is not multipart), and every section
 * of a message whose structure mail programs would read differently, cannot be stripped safely and is
 * reported in {@link Plan#unresolved()}; the caller then holds the whole message.
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
        Map<String, Part> structure = structure(message);
        Map<String, String> resolved = new LinkedHashMap<>();
        List<String> unresolved = new ArrayList<>();
        for (String section : sections) {
            Optional<Target> target = locate(structure, section);
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
        Map<String, Part> structure = structure(message);
        List<Target> targets = new ArrayList<>();
        for (String section : notices.keySet()) {
            targets.add(locate(structure, section)
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

    /**
     * The part at {@code section} as the attachment inspector reads the message (one reader, {@link MimeReader},
     * for both), or empty. A message whose structure mail programs would read differently is never stripped:
     * the part replaced might not be the part another program opens.
     */
    private static Optional<Target> locate(Map<String, Part> structure, String section) {
        if (structure == null) {
            return Optional.empty();
        }
        String[] numbers = section.trim().split("\\.");
        String current = "";
        Part found = null;
        for (String number : numbers) {
            if (!number.matches("[1-9][0-9]{0,8}")) {
                return Optional.empty();
            }
            String child = current.isEmpty() ? number : current + "." + number;
            Part part = structure.get(child);
            if (part == null) {
                return Optional.empty();
            }
            found = part;
            current = child;
            if (!part.multipart()) {
                break; // a leaf: the requested section is inside it (an attached message, say)
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(new Target(section, found.section(), new RawMime.Range((int) found.start(), (int) found.end())));
    }

    /** A part as the inspector reads it: its section and its bytes (header included, the line break before the next delimiter not). */
    private record Part(String section, long start, long end, boolean multipart) {
    }

    /** Every part of the message by section; null when readers would disagree on them or the message is beyond the reader's limits. */
    private static Map<String, Part> structure(byte[] message) {
        Map<String, Part> parts = new java.util.HashMap<>();
        boolean[] ambiguous = {false};
        try {
            MimeReader.read(new java.io.ByteArrayInputStream(message), new MimeReader.Handler() {
                @Override
                public void leaf(MimeReader.Entity entity, java.io.InputStream rawBody) {
                    // the body is skipped
                }

                @Override
                public void disagreement(String section, String description) {
                    ambiguous[0] = true;
                }

                @Override
                public void end(MimeReader.Entity entity, boolean multipart, long end) {
                    if (!entity.section().isEmpty()) {
                        parts.put(entity.section(), new Part(entity.section(), entity.start(), end, multipart));
                    }
                }
            });
        } catch (java.io.IOException | MimeReader.LimitException unreadable) {
            return null;
        }
        return ambiguous[0] ? null : parts;
    }
}
