package dev.postino.attachments.archives;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

import dev.postino.attachments.spool.SpooledContent;

/**
 * ZIP (and ZIP64) entries through Commons Compress: the central directory view via {@link ZipFile}, the
 * view Windows Explorer and 7-Zip show; when there is no readable central directory, the local headers
 * via {@link ZipArchiveInputStream}. Structural disagreements between the two views are the ZIP
 * structure analyzer's job, not this reader's.
 */
public final class ZipReader implements ContainerReader {

    /** What a ZIP is beyond an archive. */
    public enum Flavour { ARCHIVE, OFFICE_DOCUMENT, OFFICE_DOCUMENT_WITH_MACROS }

    @Override
    public void read(SpooledContent content, Visitor visitor) throws IOException {
        List<ZipArchiveEntry> entries;
        try (SeekableByteChannel channel = content.openChannel(); ZipFile zip = open(channel)) {
            entries = Collections.list(zip.getEntriesInPhysicalOrder());
            for (ZipArchiveEntry entry : entries) {
                boolean encrypted = entry.getGeneralPurposeBit().usesEncryption() || entry.getMethod() == 99;
                boolean readable = !encrypted && !entry.isDirectory() && zip.canReadEntryData(entry);
                Entry info = new Entry(entry.getName(), entry.isDirectory(), encrypted, readable,
                    readable || encrypted || entry.isDirectory() ? null : "compression method " + entry.getMethod() + " is not supported");
                if (readable) {
                    try (InputStream data = zip.getInputStream(entry)) {
                        visitor.entry(info, data);
                    }
                } else {
                    visitor.entry(info, null);
                }
            }
            return;
        } catch (java.util.zip.ZipException | IllegalArgumentException noCentralDirectory) {
            readLocalHeaders(content, visitor);
        }
    }

    private static void readLocalHeaders(SpooledContent content, Visitor visitor) throws IOException {
        try (InputStream in = content.openStream();
             ZipArchiveInputStream zip = new ZipArchiveInputStream(in, "UTF-8", true, true)) {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                boolean encrypted = entry.getGeneralPurposeBit().usesEncryption() || entry.getMethod() == 99;
                boolean readable = !encrypted && !entry.isDirectory() && zip.canReadEntryData(entry);
                Entry info = new Entry(entry.getName(), entry.isDirectory(), encrypted, readable,
                    readable || encrypted || entry.isDirectory() ? null : "compression method " + entry.getMethod() + " is not supported");
                visitor.entry(info, readable ? zip : null);
            }
        }
    }

    /**
     * Tells Office documents (OOXML, with or without {@code vbaProject.bin}; ODF) from plain archives,
     * by the entry names (of either view: a macro project hidden from one view still counts).
     */
    public static Flavour flavour(java.util.Collection<String> names) {
        boolean ooxml = names.contains("[Content_Types].xml");
        boolean odf = names.contains("mimetype") && names.contains("META-INF/manifest.xml");
        if (!ooxml && !odf) {
            return Flavour.ARCHIVE;
        }
        boolean macros = names.stream().map(name -> name.toLowerCase(Locale.ROOT))
            .anyMatch(name -> name.endsWith("vbaproject.bin") || name.startsWith("basic/") || name.endsWith("vbadata.xml"));
        return macros ? Flavour.OFFICE_DOCUMENT_WITH_MACROS : Flavour.OFFICE_DOCUMENT;
    }

    private static ZipFile open(SeekableByteChannel channel) throws IOException {
        return ZipFile.builder().setSeekableByteChannel(channel).setUseUnicodeExtraFields(true).get();
    }
}
