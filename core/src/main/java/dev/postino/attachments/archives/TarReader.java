package dev.postino.attachments.archives;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import dev.postino.attachments.SpooledContent;

/** tar archives (ustar, GNU, pax) through Commons Compress. */
public final class TarReader implements ContainerReader {

    @Override
    public void read(SpooledContent content, Visitor visitor) throws IOException {
        try (InputStream in = content.openStream(); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                boolean readable = entry.isFile();
                visitor.entry(new Entry(entry.getName(), entry.isDirectory(), false, readable, null), readable ? tar : null);
            }
        }
    }
}
