package dev.postino.attachments.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Walks a message once with Mime4j's streaming parser and hands every leaf part to a {@link LeafHandler}
 * with its IMAP section number, its raw Content-Type/Content-Disposition and its decoded body stream.
 * Nothing is kept in memory beyond the current part's headers. Every leaf counts, including those in
 * {@code multipart/alternative} (some scanners skip that subtree, E17). Attached messages
 * ({@code message/rfc822}) are not entered: they arrive as leaves, so the caller decides about depth.
 */
public final class MimeWalker {

    /** Receives leaf parts in document order. */
    @FunctionalInterface
    public interface LeafHandler {
        void leaf(Leaf leaf, InputStream decodedBody) throws IOException;
    }

    /**
     * One leaf part.
     *
     * @param section            IMAP section number ("1", "2.1")
     * @param mimeType           declared MIME type, lower case (Mime4j's default when absent)
     * @param contentType        raw unfolded Content-Type field body, or null
     * @param contentDisposition raw unfolded Content-Disposition field body, or null
     */
    public record Leaf(String section, String mimeType, String contentType, String contentDisposition) {
    }

    private static final MimeConfig CONFIG = MimeConfig.custom()
        .setStrictParsing(false)
        .setMaxLineLen(-1)
        .setMaxHeaderCount(-1)
        .setMaxHeaderLen(-1)
        .setMaxContentLen(-1)
        .build();

    private MimeWalker() {
    }

    public static void walk(InputStream message, LeafHandler handler) throws IOException, MimeException {
        MimeStreamParser parser = new MimeStreamParser(CONFIG, DecodeMonitor.SILENT, null);
        parser.setContentDecoding(false); // decoded here, see Base64Decoding
        parser.setNoRecurse();
        parser.setContentHandler(new Handler(handler));
        parser.parse(message);
    }

    private static final class Handler extends AbstractContentHandler {
        private final LeafHandler handler;
        private final Deque<int[]> counters = new ArrayDeque<>();
        private final List<Integer> numbers = new ArrayList<>();
        private String contentType;
        private String contentDisposition;

        Handler(LeafHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startHeader() {
            contentType = null;
            contentDisposition = null;
        }

        @Override
        public void field(Field field) {
            String name = field.getName().trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-type") && contentType == null) {
                contentType = body(field);
            } else if (name.equals("content-disposition") && contentDisposition == null) {
                contentDisposition = body(field);
            }
        }

        @Override
        public void startMultipart(BodyDescriptor descriptor) {
            counters.push(new int[] {0});
        }

        @Override
        public void endMultipart() {
            counters.pop();
        }

        @Override
        public void startBodyPart() {
            int[] counter = counters.peek();
            counter[0]++;
            numbers.add(counter[0]);
        }

        @Override
        public void endBodyPart() {
            numbers.remove(numbers.size() - 1);
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream in) throws MimeException, IOException {
            String section = numbers.isEmpty() ? "1" : numbers.stream().map(String::valueOf).collect(Collectors.joining("."));
            String mimeType = descriptor.getMimeType() == null ? "text/plain" : descriptor.getMimeType().toLowerCase(Locale.ROOT);
            handler.leaf(new Leaf(section, mimeType, contentType, contentDisposition), decoded(descriptor, in));
        }

        /** The decoding Mime4j itself would apply (its {@code MimeEntity}), with a faster base64 stream. */
        private static InputStream decoded(BodyDescriptor descriptor, InputStream in) {
            String encoding = descriptor.getTransferEncoding();
            if (MimeUtil.isBase64Encoding(encoding)) {
                return new Base64Decoding(in);
            }
            if (MimeUtil.isQuotedPrintableEncoded(encoding)) {
                return new QuotedPrintableInputStream(in, DecodeMonitor.SILENT);
            }
            return in;
        }

        /** The field body from the raw bytes read as UTF-8 (RFC 6532 headers), unfolded. */
        private static String body(Field field) {
            ByteSequence raw = field.getRaw();
            String text;
            if (raw != null) {
                String line = new String(raw.toByteArray(), StandardCharsets.UTF_8);
                int colon = line.indexOf(':');
                text = colon < 0 ? field.getBody() : line.substring(colon + 1);
            } else {
                text = field.getBody();
            }
            // unfolding removes the line breaks and keeps the whitespace that follows them; stray ones go too
            return text == null ? null : text.replace("\r", "").replace("\n", "").trim();
        }
    }
}
