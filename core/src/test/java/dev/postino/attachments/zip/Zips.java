package dev.postino.attachments.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Archives written by real writers (commons-compress, java.util.zip), and byte patches on them. */
final class Zips {

    private Zips() {
    }

    /** One file to put in an archive. */
    record File(String name, byte[] content, int method) {
        static File deflated(String name, String content) {
            return new File(name, content.getBytes(StandardCharsets.UTF_8), ZipEntry.DEFLATED);
        }

        static File deflated(String name, byte[] content) {
            return new File(name, content, ZipEntry.DEFLATED);
        }

        static File stored(String name, String content) {
            return stored(name, content.getBytes(StandardCharsets.UTF_8));
        }

        static File stored(String name, byte[] content) {
            return new File(name, content, ZipEntry.STORED);
        }
    }

    /** commons-compress writing to a seekable channel: sizes in the local headers, no descriptors. */
    static byte[] commons(Zip64Mode mode, String comment, File... files) {
        try (SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel()) {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(channel)) {
                zip.setUseZip64(mode);
                if (comment != null) {
                    zip.setComment(comment);
                }
                write(zip, files);
            }
            return Arrays.copyOf(channel.array(), (int) channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] commons(File... files) {
        return commons(Zip64Mode.AsNeeded, null, files);
    }

    /** commons-compress writing to a plain stream: deflated entries get data descriptors. */
    static byte[] commonsStreaming(Zip64Mode mode, File... files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setUseZip64(mode);
            write(zip, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(ZipArchiveOutputStream zip, File... files) throws IOException {
        for (File f : files) {
            ZipArchiveEntry entry = new ZipArchiveEntry(f.name());
            entry.setMethod(f.method());
            if (f.method() == ZipEntry.STORED) {
                entry.setSize(f.content().length);
                entry.setCrc(RawZip.crc(f.content()));
            }
            zip.putArchiveEntry(entry);
            zip.write(f.content());
            zip.closeArchiveEntry();
        }
    }

    /** java.util.zip.ZipOutputStream: deflated entries with signed data descriptors. */
    static byte[] jdk(String comment, File... files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            if (comment != null) {
                zip.setComment(comment);
            }
            for (File f : files) {
                ZipEntry entry = new ZipEntry(f.name());
                entry.setMethod(f.method());
                if (f.method() == ZipEntry.STORED) {
                    entry.setSize(f.content().length);
                    entry.setCompressedSize(f.content().length);
                    entry.setCrc(RawZip.crc(f.content()));
                }
                zip.putNextEntry(entry);
                zip.write(f.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Offset of the {@code occurrence}-th (0-based) match of {@code needle}; fails when absent. */
    static int indexOf(byte[] haystack, byte[] needle, int occurrence) {
        int seen = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length) && seen++ == occurrence) {
                return i;
            }
        }
        throw new AssertionError("pattern not found (occurrence " + occurrence + ")");
    }

    static int indexOf(byte[] haystack, String needle, int occurrence) {
        return indexOf(haystack, needle.getBytes(StandardCharsets.UTF_8), occurrence);
    }

    /** Offset of the local header (0) or central header (1) of a single-entry archive's entry. */
    static int header(byte[] zip, long signature, int occurrence) {
        byte[] sig = {(byte) signature, (byte) (signature >>> 8), (byte) (signature >>> 16), (byte) (signature >>> 24)};
        return indexOf(zip, sig, occurrence);
    }

    static int localHeader(byte[] zip, int occurrence) {
        return header(zip, ZipRecords.LOCAL_HEADER, occurrence);
    }

    static int centralHeader(byte[] zip, int occurrence) {
        return header(zip, ZipRecords.CENTRAL_HEADER, occurrence);
    }

    static byte[] put(byte[] zip, int offset, String ascii) {
        byte[] copy = zip.clone();
        byte[] b = ascii.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, copy, offset, b.length);
        return copy;
    }

    static byte[] putU16(byte[] zip, int offset, int value) {
        byte[] copy = zip.clone();
        copy[offset] = (byte) value;
        copy[offset + 1] = (byte) (value >>> 8);
        return copy;
    }

    static byte[] putU32(byte[] zip, int offset, long value) {
        return putU16(putU16(zip, offset, (int) (value & 0xFFFF)), offset + 2, (int) (value >>> 16));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
