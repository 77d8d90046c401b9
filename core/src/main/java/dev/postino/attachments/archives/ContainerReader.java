package dev.postino.attachments.archives;

import java.io.IOException;
import java.io.InputStream;

import dev.postino.attachments.spool.SpooledContent;

/**
 * Lists and opens the entries of one container format, in the shape of Commons Compress: one small
 * class per format behind this interface, picked by content detection.
 */
public interface ContainerReader {

    /** What is known about an entry before reading it. */
    record Entry(String name, boolean directory, boolean encrypted, boolean readable, String unreadableReason) {
    }

    /** Receives the entries in archive order; {@code data} is null when the entry cannot be read. */
    @FunctionalInterface
    interface Visitor {
        void entry(Entry entry, InputStream data) throws IOException;
    }

    /**
     * Visits every entry. An {@link EncryptedArchiveException} means the entry list itself is encrypted
     * (7z header encryption); any other exception means the container is malformed.
     */
    void read(SpooledContent content, Visitor visitor) throws IOException;

    /** The entry list is encrypted: no name can be seen (7z {@code -mhe=on}). */
    final class EncryptedArchiveException extends IOException {
        private static final long serialVersionUID = 1L;

        public EncryptedArchiveException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
