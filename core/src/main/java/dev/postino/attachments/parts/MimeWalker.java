package dev.postino.attachments.parts;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Walks a message once with {@link MimeReader} and hands every leaf part to a {@link Handler} with its IMAP
 * section number, its Content-Type and Content-Disposition fields, the transfer encodings readers would
 * decode it with, and its raw body stream; {@link #decode} decodes it under one of them. Nothing is kept in
 * memory beyond the current part's header. Every leaf counts, including those in {@code multipart/alternative}
 * (some scanners skip that subtree). Attached messages ({@code message/rfc822}) are not entered: they
 * arrive as leaves, so the caller decides about depth.
 */
public final class MimeWalker {

    /** Receives leaf parts in document order, and the places where readers would disagree. */
    public interface Handler {
        void leaf(Leaf leaf, InputStream rawBody) throws IOException;

        /** Mail programs would read the message's structure differently ({@code section} "" is the message). */
        void disagreement(String section, String description);
    }

    /**
     * One leaf part.
     *
     * @param section             IMAP section number ("1", "2.1")
     * @param mimeType            declared MIME type, lower case ({@code text/plain} when absent)
     * @param contentTypes        raw unfolded Content-Type field bodies, in header order (usually one)
     * @param contentDispositions raw unfolded Content-Disposition field bodies, in header order
     * @param transferEncodings   every decoding some reader applies to the body (usually one)
     */
    public record Leaf(String section, String mimeType, List<String> contentTypes, List<String> contentDispositions,
                       Set<TransferEncoding> transferEncodings) {

        /** The first Content-Type field body, or null. */
        public String contentType() {
            return contentTypes.isEmpty() ? null : contentTypes.get(0);
        }

        /** The first Content-Disposition field body, or null. */
        public String contentDisposition() {
            return contentDispositions.isEmpty() ? null : contentDispositions.get(0);
        }
    }

    private MimeWalker() {
    }

    /** Reads the message; I/O errors of the stream and {@link MimeReader.LimitException} escape. */
    public static void walk(InputStream message, Handler handler) throws IOException {
        MimeReader.read(message, new MimeReader.Handler() {
            @Override
            public void leaf(MimeReader.Entity entity, InputStream rawBody) throws IOException {
                String section = entity.section().isEmpty() ? "1" : entity.section();
                handler.leaf(new Leaf(section, entity.mediaType().toLowerCase(Locale.ROOT), entity.all("Content-Type"),
                    entity.all("Content-Disposition"), entity.transferEncodings()), rawBody);
            }

            @Override
            public void disagreement(String section, String description) {
                handler.disagreement(section, description);
            }
        });
    }

    /** A decoded body, and whether readers would have decoded it to different bytes. */
    public static final class Decoded extends FilterInputStream {
        private final Base64Decoding base64;
        private final QuotedPrintableDecoding quotedPrintable;

        private Decoded(InputStream in, Base64Decoding base64, QuotedPrintableDecoding quotedPrintable) {
            super(in);
            this.base64 = base64;
            this.quotedPrintable = quotedPrintable;
        }

        /**
         * Once read, how readers would decode the body to different bytes, or null: base64 data after its
         * padding or a 0xFF byte in it (whatever the content), a quoted-printable oddity
         * ({@link #onlyMattersForBinary()}).
         */
        public String divergence() {
            if (base64 != null && base64.dataAfterPadding()) {
                return "base64 data continues after its padding (Mime4j stops there, Jakarta Mail and Thunderbird "
                    + "decode on, each its own way)";
            }
            if (base64 != null && base64.byteFf()) {
                return "a 0xFF byte in base64 data (Jakarta Mail decodes it as 'A', other readers skip it)";
            }
            if (quotedPrintable != null && quotedPrintable.divergent()) {
                return "quoted-printable with trailing whitespace or a malformed escape (readers decode it to "
                    + "different bytes)";
            }
            return null;
        }

        /**
         * Whether the divergence only changes whitespace and stray {@code =} signs (quoted-printable), which is
         * harmless in text and changes the bytes of binary content.
         */
        public boolean onlyMattersForBinary() {
            return base64 == null || !base64.dataAfterPadding() && !base64.byteFf();
        }
    }

    /** The body as one reader decodes it. */
    public static Decoded decode(InputStream rawBody, TransferEncoding encoding) {
        return switch (encoding) {
            case BASE64 -> {
                Base64Decoding decoding = new Base64Decoding(rawBody);
                yield new Decoded(decoding, decoding, null);
            }
            case QUOTED_PRINTABLE -> {
                QuotedPrintableDecoding decoding = new QuotedPrintableDecoding(rawBody);
                yield new Decoded(decoding, null, decoding);
            }
            case UUENCODE -> new Decoded(Uudecoder.decodeBody(rawBody), null, null);
            case YENC -> new Decoded(Yenc.decodeBody(rawBody), null, null);
            case IDENTITY -> new Decoded(rawBody, null, null);
        };
    }
}
