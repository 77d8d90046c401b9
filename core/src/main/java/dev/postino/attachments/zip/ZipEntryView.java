package dev.postino.attachments.zip;

import java.util.Objects;

/**
 * One entry as one or both views of the archive describe it.
 *
 * <p>When the central directory and the local header agree on the name, the entry appears once
 * with {@link Source#BOTH} and the central directory's fields. When they disagree on the name,
 * the entry appears twice, once per view ({@link Source#CENTRAL} and {@link Source#LOCAL}), so
 * that a name policy checks every name some extractor would show or write to disk.
 *
 * @param name              the decoded entry name (UTF-8 when the language-encoding flag is set,
 *                          CP437 otherwise, as APPNOTE.TXT 4.4.4 says)
 * @param source            which view(s) this entry comes from
 * @param method            the compression method number (0 stored, 8 deflate, 99 AES, …)
 * @param compressedSize    the compressed size, ZIP64 extra field applied; -1 when unknown
 *                          (local header with a data descriptor that could not be located)
 * @param uncompressedSize  the uncompressed size, ZIP64 extra field applied; -1 when unknown
 * @param localHeaderOffset the absolute position of the local file header in the channel
 *                          (self-extractor prefix included); -1 when it could not be located
 * @param encrypted         general-purpose flag bit 0 (any encryption: ZipCrypto, AES, strong)
 * @param aes               WinZip AES extra field 0x9901 present
 * @param utf8Flag          general-purpose flag bit 11 (the name is declared UTF-8)
 */
public record ZipEntryView(
        String name,
        Source source,
        int method,
        long compressedSize,
        long uncompressedSize,
        long localHeaderOffset,
        boolean encrypted,
        boolean aes,
        boolean utf8Flag) {

    /** Which reading of the archive shows the entry. */
    public enum Source {
        /** Only the central directory (what Explorer, 7-Zip, {@code ZipFile} list). */
        CENTRAL,
        /** Only the local headers (what a streaming reader such as {@code ZipInputStream} sees). */
        LOCAL,
        /** Both views, and they agree on the name. */
        BOTH
    }

    public ZipEntryView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }

    /** True for directory entries (the name ends with {@code /}, APPNOTE.TXT 4.4.17.1). */
    public boolean isDirectory() {
        return name.endsWith("/");
    }
}
