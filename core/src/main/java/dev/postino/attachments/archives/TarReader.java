package dev.postino.attachments.archives;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import dev.postino.attachments.spool.SpooledContent;

/** tar archives (ustar, GNU, pax) through Commons Compress. */
public final class TarReader implements ContainerReader {

    @Override
    public void read(SpooledContent content, Visitor visitor) throws IOException {
        try (InputStream in = content.openStream()) {
            read(in, visitor);
        }
    }

    /**
     * Visits the entries of a tar read straight from a stream (a decompressed {@code .tar.gz}), so the
     * archive needs not be stored first; stops at the end-of-archive record without closing {@code in}.
     */
    public void read(InputStream in, Visitor visitor) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        })) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                boolean readable = entry.isFile();
                visitor.entry(new Entry(entry.getName(), entry.isDirectory(), false, readable, null), readable ? tar : null);
            }
        }
    }
}
