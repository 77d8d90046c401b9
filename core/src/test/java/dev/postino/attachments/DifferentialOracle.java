package dev.postino.attachments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The differential oracle: a message the inspector judges clean while Jakarta Mail extracts from it a part
 * that the same inspector, shown that part alone and written plainly, judges dangerous. Such a message is an
 * evasion: the recipient's software opens something the inspector never saw.
 */
public final class DifferentialOracle {

    private final AttachmentInspector inspector;

    public DifferentialOracle(AttachmentInspector inspector) {
        this.inspector = inspector;
    }

    public DifferentialOracle() {
        this(new AttachmentInspector(InspectionPolicy.DEFAULT));
    }

    /** An evasion found in {@code message}: the leaf Jakarta Mail extracts and what the inspector finds in it. */
    public record Evasion(JakartaMailReading.Leaf leaf, InspectionReport leafReport) {
        @Override
        public String toString() {
            return "clean by the inspector, but Jakarta Mail extracts part " + leaf.path() + " named " + leaf.name()
                + " (" + leaf.content().length + " bytes), dangerous alone: " + leafReport.findings();
        }
    }

    /** Empty when the inspector says dangerous, or when nothing Jakarta Mail extracts is dangerous on its own. */
    public Optional<Evasion> evasion(byte[] message) {
        if (inspector.inspect(message).dangerous()) {
            return Optional.empty();
        }
        for (JakartaMailReading.Leaf leaf : JakartaMailReading.leaves(message)) {
            InspectionReport alone = inspector.inspect(plainly(leaf));
            if (alone.dangerous()) {
                return Optional.of(new Evasion(leaf, alone));
            }
        }
        return Optional.empty();
    }

    /**
     * The leaf as a well-formed single-part message: its media type, its name (RFC 2231, UTF-8) in both
     * parameters, attachment disposition when it has a name, base64; an attached message ({@code message/*})
     * as it is, since readers do not decode those (docs/mime-differentials.md, E12).
     */
    static byte[] plainly(JakartaMailReading.Leaf leaf) {
        String type = mediaType(leaf.contentType());
        StringBuilder text = new StringBuilder("From: a@example.com\r\nSubject: leaf\r\nMIME-Version: 1.0\r\n");
        if (leaf.name() != null && !leaf.name().isEmpty()) {
            String encoded = rfc2231(asUtf8WhereItIs(leaf.name()));
            text.append("Content-Type: ").append(type).append("; name*=").append(encoded).append("\r\n")
                .append("Content-Disposition: attachment; filename*=").append(encoded).append("\r\n");
        } else {
            text.append("Content-Type: ").append(type).append("\r\n");
        }
        if (type.startsWith("message/")) {
            text.append("Content-Transfer-Encoding: binary\r\n\r\n").append(new String(leaf.content(), StandardCharsets.ISO_8859_1));
        } else {
            text.append("Content-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(leaf.content())).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A raw 8-bit name is read as Latin-1 by Jakarta Mail; where its bytes are valid UTF-8 it is given as UTF-8,
     * the way mail clients and the IMAP view read it (docs/mime-differentials.md, N4b). The Latin-1 reading of
     * UTF-8 hides nothing: every sequence starts with a visible letter (0xC2 to 0xF4 are Â to ô) and its ASCII,
     * the dots and the extension, is the same; only the C1 controls its continuation bytes make differ, which
     * would flag every such name as hiding characters.
     */
    private static String asUtf8WhereItIs(String name) {
        if (name.chars().allMatch(c -> c < 0x80) || name.chars().anyMatch(c -> c > 0xFF)) {
            return name;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(name.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return name;
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "application/octet-stream";
        }
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        // a multipart Jakarta Mail could not split is handed over as its raw bytes, as the file a client would save
        boolean opaque = base.startsWith("multipart/") || !base.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");
        return opaque ? "application/octet-stream" : base;
    }

    private static String rfc2231(String name) {
        StringBuilder out = new StringBuilder("UTF-8''");
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && "*'%()<>@,;:\\\"/[]?= ".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** Every leaf Jakarta Mail extracts that is dangerous on its own (for reports). */
    public List<Evasion> dangerousLeaves(byte[] message) {
        List<Evasion> found = new ArrayList<>();
        for (JakartaMailReading.Leaf leaf : JakartaMailReading.leaves(message)) {
            InspectionReport alone = inspector.inspect(plainly(leaf));
            if (alone.dangerous()) {
                found.add(new Evasion(leaf, alone));
            }
        }
        return found;
    }
}
