package dev.postino.attachments.archives;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import dev.postino.attachments.spool.SpooledContent;

/**
 * A single compressed stream (gzip, bzip2, xz) seen as a container of one entry, named after the outer
 * name without its compression suffix ({@code invoice.js.gz} holds {@code invoice.js}, {@code logs.tgz}
 * holds {@code logs.tar}); gzip's own stored file name is also reported. Concatenated members are
 * decompressed too, so nothing hides in a second member.
 */
public final class CompressedStreamReader implements ContainerReader {

    /** The compression formats handled. */
    public enum Format { GZIP, BZIP2, XZ }

    private final Format format;
    private final String outerName;

    public CompressedStreamReader(Format format, String outerName) {
        this.format = format;
        this.outerName = outerName == null ? "" : outerName;
    }

    @Override
    public void read(SpooledContent content, Visitor visitor) throws IOException {
        try (InputStream in = content.openStream(); InputStream decompressed = open(in)) {
            String name = innerName();
            if (decompressed instanceof GzipCompressorInputStream gzip) {
                String stored = gzip.getMetaData().getFileName();
                if (stored != null && !stored.isBlank() && !stored.equals(name)) {
                    name = stored;
                }
            }
            visitor.entry(new Entry(name, false, false, true, null), decompressed);
        }
    }

    private InputStream open(InputStream in) throws IOException {
        return switch (format) {
            case GZIP -> new GzipCompressorInputStream(in, true);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZCompressorInputStream(in, true);
        };
    }

    String innerName() {
        String lower = outerName.toLowerCase(Locale.ROOT);
        String base = outerName;
        for (String suffix : new String[] {".gz", ".gzip", ".bz2", ".bzip2", ".xz", ".z"}) {
            if (lower.endsWith(suffix)) {
                return outerName.substring(0, outerName.length() - suffix.length());
            }
        }
        if (lower.endsWith(".tgz") || lower.endsWith(".tbz") || lower.endsWith(".txz")) {
            return outerName.substring(0, outerName.length() - 4) + ".tar";
        }
        if (lower.endsWith(".tbz2")) {
            return outerName.substring(0, outerName.length() - 5) + ".tar";
        }
        return base.isEmpty() ? "(decompressed)" : base + " (decompressed)";
    }
}
