package dev.postino.attachments.zip;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;

import dev.postino.attachments.zip.ByteSource.Truncated;

/**
 * The ZIP records the analysis reads, and their parsing: signatures and flags of APPNOTE.TXT
 * 6.3.10 (section 4.3, 4.4.4) and the extra fields that matter to a differential (4.5.3 ZIP64,
 * WinZip AES 0x9901, strong encryption 0x0017, Info-ZIP Unicode Path 0x7075).
 */
final class ZipRecords {

    static final long LOCAL_HEADER = 0x04034b50L;
    static final long CENTRAL_HEADER = 0x02014b50L;
    static final long END_RECORD = 0x06054b50L;
    static final long ZIP64_END_RECORD = 0x06064b50L;
    static final long ZIP64_LOCATOR = 0x07064b50L;
    static final long DATA_DESCRIPTOR = 0x08074b50L;
    static final long DIGITAL_SIGNATURE = 0x05054b50L;
    static final long ARCHIVE_EXTRA_DATA = 0x08064b50L;
    /** "PK00": written at offset 0 by a spanning writer that ended up with one segment (4.3.7). */
    static final long SINGLE_SEGMENT_MARKER = 0x30304b50L;

    static final int END_RECORD_SIZE = 22;
    static final int MAX_COMMENT = 0xFFFF;
    static final long U32_SENTINEL = 0xFFFFFFFFL;
    static final int FLAG_ENCRYPTED = 1;
    static final int FLAG_DESCRIPTOR = 1 << 3;
    static final int FLAG_STRONG = 1 << 6;
    static final int FLAG_UTF8 = 1 << 11;
    static final int FLAG_MASKED_HEADERS = 1 << 13;

    private ZipRecords() {
    }

    /** Fields common to local and central headers. */
    abstract static class Header {
        long offset;
        int flags;
        int method;
        long crc;
        long compressedSize;
        long uncompressedSize;
        byte[] rawName;
        String name;
        String nameProblem;
        boolean aes;
        int aesStrength;
        boolean strongEncryption;
        String unicodePath;
        boolean zip64Extra;
        String extraProblem;

        boolean utf8() {
            return (flags & FLAG_UTF8) != 0;
        }

        boolean encrypted() {
            return (flags & FLAG_ENCRYPTED) != 0 || aes || strongEncryption;
        }
    }

    static final class CentralEntry extends Header {
        int versionMadeBy;
        long externalAttributes;
        long headerEnd;
        long localOffset;
        LocalEntry local;
        boolean hiddenLocal;
        boolean overlapped;
    }

    static final class LocalEntry extends Header {
        long dataStart;
        long dataEnd = -1;
        long end = -1;
        boolean descriptorFound;
        long descriptorCrc;
        long descriptorCompressedSize;
        long descriptorUncompressedSize;
        int references;

        boolean hasDescriptor() {
            return (flags & FLAG_DESCRIPTOR) != 0;
        }
    }

    /**
     * The central header at {@code pos}, ZIP64 field applied; {@code delta} is what the offsets
     * fail to count (a prefix), added to the local-header offset.
     */
    static CentralEntry readCentral(ByteSource source, long pos, long delta) throws IOException {
        byte[] h = source.copy(pos, 46);
        CentralEntry c = new CentralEntry();
        c.offset = pos;
        c.versionMadeBy = le16(h, 4);
        c.externalAttributes = le32(h, 38);
        c.flags = le16(h, 8);
        c.method = le16(h, 10);
        c.crc = le32(h, 16);
        c.compressedSize = le32(h, 20);
        c.uncompressedSize = le32(h, 24);
        int nameLength = le16(h, 28);
        int extraLength = le16(h, 30);
        int commentLength = le16(h, 32);
        long declaredOffset = le32(h, 42);
        c.rawName = source.copy(pos + 46, nameLength);
        byte[] extra = source.copy(pos + 46 + nameLength, extraLength);
        c.headerEnd = pos + 46 + nameLength + extraLength + commentLength;
        if (!source.contains(pos, c.headerEnd - pos)) {
            throw new Truncated(pos, c.headerEnd - pos, source.size());
        }
        long[] zip64 = zip64Values(extra);
        if (zip64 != null) {
            c.zip64Extra = true;
            int i = 0;
            // APPNOTE 4.5.3: only the fields whose 32-bit value is the sentinel are present, in this order.
            if (c.uncompressedSize == U32_SENTINEL && i < zip64.length) {
                c.uncompressedSize = zip64[i++];
            }
            if (c.compressedSize == U32_SENTINEL && i < zip64.length) {
                c.compressedSize = zip64[i++];
            }
            if (declaredOffset == U32_SENTINEL && i < zip64.length) {
                declaredOffset = zip64[i];
            }
        }
        parseExtra(c, extra);
        c.localOffset = declaredOffset + delta;
        decodeName(c);
        return c;
    }

    /** The local header at {@code pos}, ZIP64 field applied; its data extent is left to the caller. */
    static LocalEntry readLocal(ByteSource source, long pos) throws IOException {
        byte[] h = source.copy(pos, 30);
        LocalEntry l = new LocalEntry();
        l.offset = pos;
        l.flags = le16(h, 6);
        l.method = le16(h, 8);
        l.crc = le32(h, 14);
        l.compressedSize = le32(h, 18);
        l.uncompressedSize = le32(h, 22);
        int nameLength = le16(h, 26);
        int extraLength = le16(h, 28);
        l.rawName = source.copy(pos + 30, nameLength);
        byte[] extra = source.copy(pos + 30 + nameLength, extraLength);
        l.dataStart = pos + 30 + nameLength + extraLength;
        long[] zip64 = zip64Values(extra);
        if (zip64 != null) {
            l.zip64Extra = true;
            // APPNOTE 4.5.3: a local ZIP64 field carries both sizes, and only the header fields that
            // hold the sentinel take their value from it; tolerate writers that put only one.
            if (zip64.length >= 2) {
                if (l.uncompressedSize == U32_SENTINEL) {
                    l.uncompressedSize = zip64[0];
                }
                if (l.compressedSize == U32_SENTINEL) {
                    l.compressedSize = zip64[1];
                }
            } else if (zip64.length == 1 && l.uncompressedSize == U32_SENTINEL) {
                l.uncompressedSize = zip64[0];
            } else if (zip64.length == 1 && l.compressedSize == U32_SENTINEL) {
                l.compressedSize = zip64[0];
            }
        }
        parseExtra(l, extra);
        decodeName(l);
        return l;
    }

    private static void decodeName(Header h) {
        ZipNames.Decoded decoded = ZipNames.decode(h.rawName, h.utf8());
        h.name = decoded.name();
        h.nameProblem = decoded.problem();
    }

    /** The ZIP64 extended information field (0x0001) as 8-byte values, or null when absent. */
    private static long[] zip64Values(byte[] extra) {
        int i = 0;
        while (i + 4 <= extra.length) {
            int id = le16(extra, i);
            int length = le16(extra, i + 2);
            if (i + 4 + length > extra.length) {
                return null;
            }
            if (id == 0x0001) {
                long[] values = new long[length / 8];
                for (int v = 0; v < values.length; v++) {
                    values[v] = le64(extra, i + 4 + 8 * v);
                }
                return values;
            }
            i += 4 + length;
        }
        return null;
    }

    private static void parseExtra(Header h, byte[] extra) {
        int i = 0;
        while (i + 4 <= extra.length) {
            int id = le16(extra, i);
            int length = le16(extra, i + 2);
            int data = i + 4;
            if (data + length > extra.length) {
                h.extraProblem = "its extra field 0x" + Integer.toHexString(id) + " overruns the header:"
                        + " readers disagree on what follows";
                return;
            }
            switch (id) {
                case 0x9901 -> {
                    h.aes = true;
                    if (length >= 7) {
                        h.aesStrength = extra[data + 4] & 0xFF;
                    }
                }
                case 0x0017 -> h.strongEncryption = true;
                case 0x7075 -> {
                    if (length >= 5 && extra[data] == 1) {
                        CRC32 crc = new CRC32();
                        crc.update(h.rawName);
                        if (crc.getValue() == le32(extra, data + 1)) {
                            h.unicodePath = ZipNames.strictUtf8(Arrays.copyOfRange(extra, data + 5, data + length));
                        }
                    }
                }
                default -> {
                    // other fields (timestamps, Unix ids, alignment padding) carry no differential
                }
            }
            i = data + length;
        }
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    static long le32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    static long le64(byte[] b, int i) {
        return le32(b, i) | le32(b, i + 4) << 32;
    }
}
