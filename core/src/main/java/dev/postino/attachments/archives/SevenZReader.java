package dev.postino.attachments.archives;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;

import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration;

import dev.postino.attachments.spool.SpooledContent;

/**
 * 7-Zip archives through Commons Compress, read sequentially (solid archives decode once). Header
 * encryption ({@code 7z -mhe=on}) surfaces as {@link EncryptedArchiveException}; AES-encrypted
 * entries are reported encrypted without being read. The LZMA dictionary is capped at 64 MiB (7-Zip's
 * "ultra" preset) so a crafted header cannot make us allocate gigabytes.
 */
public final class SevenZReader implements ContainerReader {

    private static final int MAX_MEMORY_KB = 64 * 1024;

    @Override
    public void read(SpooledContent content, Visitor visitor) throws IOException {
        try (SeekableByteChannel channel = content.openChannel();
             SevenZFile archive = SevenZFile.builder().setSeekableByteChannel(channel).setMaxMemoryLimitKb(MAX_MEMORY_KB).get()) {
            SevenZArchiveEntry entry;
            while ((entry = archive.getNextEntry()) != null) {
                boolean encrypted = false;
                for (SevenZMethodConfiguration method : entry.getContentMethods() == null
                    ? java.util.List.<SevenZMethodConfiguration>of() : entry.getContentMethods()) {
                    encrypted |= method.getMethod() == SevenZMethod.AES256SHA256;
                }
                boolean readable = !encrypted && !entry.isDirectory() && entry.hasStream();
                Entry info = new Entry(entry.getName(), entry.isDirectory(), encrypted, readable, null);
                visitor.entry(info, readable ? stream(archive) : null);
            }
        } catch (PasswordRequiredException encryptedHeaders) {
            throw new EncryptedArchiveException("the 7-Zip entry list is encrypted", encryptedHeaders);
        }
    }

    private static InputStream stream(SevenZFile archive) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return archive.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return archive.read(buffer, offset, length);
            }
        };
    }
}
