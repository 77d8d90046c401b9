package dev.postino.attachments.zip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes ZIP records one by one, so a test can build archives no well-behaved writer produces:
 * local headers the central directory does not list, central entries pointing anywhere, lying
 * methods and sizes. Layouts from APPNOTE.TXT 4.3.7 (local), 4.3.12 (central), 4.3.16 (end).
 */
final class RawZip {

    /** One entry's header fields and the bytes written after its local header. */
    record Entry(byte[] rawName, int method, int flags, long crc, long compressedSize, long uncompressedSize,
                 byte[] extra, byte[] data) {

        Entry name(String name) {
            return rawName(name.getBytes(StandardCharsets.UTF_8));
        }

        Entry rawName(byte[] name) {
            return new Entry(name, method, flags, crc, compressedSize, uncompressedSize, extra, data);
        }

        Entry method(int value) {
            return new Entry(rawName, value, flags, crc, compressedSize, uncompressedSize, extra, data);
        }

        Entry flags(int value) {
            return new Entry(rawName, method, value, crc, compressedSize, uncompressedSize, extra, data);
        }

        Entry sizes(long compressed, long uncompressed) {
            return new Entry(rawName, method, flags, crc, compressed, uncompressed, extra, data);
        }

        Entry crc(long value) {
            return new Entry(rawName, method, flags, value, compressedSize, uncompressedSize, extra, data);
        }

        Entry extra(byte[] value) {
            return new Entry(rawName, method, flags, crc, compressedSize, uncompressedSize, value, data);
        }

        Entry data(byte[] value) {
            return new Entry(rawName, method, flags, crc, compressedSize, uncompressedSize, extra, value);
        }
    }

    static Entry stored(String name, byte[] content) {
        return new Entry(name.getBytes(StandardCharsets.UTF_8), 0, 0, crc(content), content.length, content.length,
                new byte[0], content);
    }

    static Entry stored(String name, String content) {
        return stored(name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Entry deflated(String name, byte[] content) {
        byte[] compressed = deflate(content);
        return new Entry(name.getBytes(StandardCharsets.UTF_8), 8, 0, crc(content), compressed.length,
                content.length, new byte[0], compressed);
    }

    static Entry deflated(String name, String content) {
        return deflated(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream central = new ByteArrayOutputStream();
    private int centralEntries;

    /** Writes a local header and the entry's data; returns the header's offset. */
    long local(Entry e) {
        long offset = out.size();
        u32(out, ZipRecords.LOCAL_HEADER);
        u16(out, 20);
        u16(out, e.flags());
        u16(out, e.method());
        u16(out, 0);
        u16(out, 0x21);
        u32(out, e.crc());
        u32(out, e.compressedSize());
        u32(out, e.uncompressedSize());
        u16(out, e.rawName().length);
        u16(out, e.extra().length);
        out.writeBytes(e.rawName());
        out.writeBytes(e.extra());
        out.writeBytes(e.data());
        return offset;
    }

    /** Writes a local header, its data and a signed data descriptor (flag bit 3, zero local sizes). */
    long localWithDescriptor(Entry e) {
        Entry header = e.flags(e.flags() | 8).crc(0).sizes(0, 0);
        long offset = local(header);
        u32(out, ZipRecords.DATA_DESCRIPTOR);
        u32(out, e.crc());
        u32(out, e.compressedSize());
        u32(out, e.uncompressedSize());
        return offset;
    }

    RawZip raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    long position() {
        return out.size();
    }

    /** Adds a central-directory entry pointing at {@code localOffset}. */
    RawZip central(Entry e, long localOffset) {
        u32(central, ZipRecords.CENTRAL_HEADER);
        u16(central, 0x031E);
        u16(central, 20);
        u16(central, e.flags());
        u16(central, e.method());
        u16(central, 0);
        u16(central, 0x21);
        u32(central, e.crc());
        u32(central, e.compressedSize());
        u32(central, e.uncompressedSize());
        u16(central, e.rawName().length);
        u16(central, e.extra().length);
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u32(central, 0);
        u32(central, localOffset);
        central.writeBytes(e.rawName());
        central.writeBytes(e.extra());
        centralEntries++;
        return this;
    }

    /** Writes a local header for {@code e} and lists it in the central directory. */
    RawZip entry(Entry e) {
        return central(e, local(e));
    }

    /** Appends the central directory and the end record. */
    byte[] finish() {
        return finish("");
    }

    byte[] finish(String comment) {
        long centralOffset = out.size();
        byte[] directory = central.toByteArray();
        out.writeBytes(directory);
        byte[] commentBytes = comment.getBytes(StandardCharsets.UTF_8);
        u32(out, ZipRecords.END_RECORD);
        u16(out, 0);
        u16(out, 0);
        u16(out, centralEntries);
        u16(out, centralEntries);
        u32(out, directory.length);
        u32(out, centralOffset);
        u16(out, commentBytes.length);
        out.writeBytes(commentBytes);
        return out.toByteArray();
    }

    static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return compressed.toByteArray();
    }

    static void u16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
    }

    static void u32(ByteArrayOutputStream out, long value) {
        u16(out, (int) (value & 0xFFFF));
        u16(out, (int) ((value >>> 16) & 0xFFFF));
    }
}
