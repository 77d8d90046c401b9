package dev.postino.attachments.types;

/**
 * Archives that do not start where their file starts. Archive tools do not need that: unzip, Windows Explorer,
 * 7-Zip and {@code java.util.zip.ZipFile} find a ZIP by the end record in its last 64 KiB, and WinRAR and 7-Zip
 * look for the RAR and 7z signatures past a self-extractor's stub. A PDF, a picture or a text file with an
 * archive behind it is typed by its head and, without this search, never opened.
 *
 * <p>Signatures are validated so that ordinary data does not match: an end record must have consistent disk
 * numbers and entry counts, a central directory that fits before it and a comment that fits after it; the
 * RAR and 7z signatures are six and seven bytes long.
 */
public final class EmbeddedArchive {

    /** Where a ZIP end record can be: the record (22 bytes) plus the longest comment. */
    public static final int ZIP_TAIL = 22 + 65_535;
    /** How far into a file WinRAR looks for the signature of a self-extracting archive (unrar's MAXSFXSIZE). */
    public static final int SIGNATURE_SEARCH = 4 * 1024 * 1024;

    private static final byte[] RAR4 = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x00};
    private static final byte[] RAR5 = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00};
    private static final byte[] SEVEN_Z = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};

    /** What was found, and where in the file. */
    public record Found(String format, long offset) {
    }

    private EmbeddedArchive() {
    }

    /**
     * A valid ZIP end record in the last bytes of a file, with at least one entry.
     *
     * @param tail the last bytes (at most {@link #ZIP_TAIL} are searched)
     * @param size the file's size
     */
    public static Found zipEnd(byte[] tail, long size) {
        long tailStart = size - tail.length;
        int from = Math.max(0, tail.length - ZIP_TAIL);
        for (int p = tail.length - 22; p >= from; p--) {
            if (tail[p] != 'P' || tail[p + 1] != 'K' || tail[p + 2] != 5 || tail[p + 3] != 6) {
                continue;
            }
            int disk = u16(tail, p + 4);
            int centralDisk = u16(tail, p + 6);
            int onDisk = u16(tail, p + 8);
            int total = u16(tail, p + 10);
            long centralSize = u32(tail, p + 12);
            int comment = u16(tail, p + 20);
            boolean zip64 = p >= 20 && tail[p - 20] == 'P' && tail[p - 19] == 'K' && tail[p - 18] == 6 && tail[p - 17] == 7;
            boolean consistent = disk == centralDisk && onDisk == total && total > 0 && p + 22 + comment <= tail.length
                && (zip64 || centralSize <= tailStart + p && centralSize >= 46L * total);
            if (!consistent) {
                continue;
            }
            if (zip64) {
                return new Found("a ZIP archive", tailStart + p);
            }
            int central = (int) (p - centralSize);
            if (central >= 0 && !(tail[central] == 'P' && tail[central + 1] == 'K' && tail[central + 2] == 1 && tail[central + 3] == 2)) {
                continue;
            }
            return new Found("a ZIP archive", tailStart + p);
        }
        return null;
    }

    /**
     * A RAR or 7z signature in {@code data[from, to)}, whose first byte is at {@code base} in the file; a
     * signature at the very start of the file is the file's own type, not an embedded archive.
     */
    public static Found signature(byte[] data, int from, int to, long base) {
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == 'R' && base + i > 0 && (startsWith(data, i, to, RAR4) || startsWith(data, i, to, RAR5))) {
                return new Found("a RAR archive", base + i);
            }
            if (b == '7' && base + i > 0 && startsWith(data, i, to, SEVEN_Z)) {
                return new Found("a 7z archive", base + i);
            }
        }
        return null;
    }

    /** Searches streamed content block by block; signatures cut by a block boundary are found too. */
    public static final class Search {
        private byte[] carry = new byte[0];
        private long position;
        private Found found;

        /** Feeds the next {@code length} bytes of the file. */
        public void feed(byte[] data, int offset, int length) {
            if (found == null && position < SIGNATURE_SEARCH && length > 0) {
                byte[] seam = new byte[carry.length + Math.min(length, RAR5.length)];
                System.arraycopy(carry, 0, seam, 0, carry.length);
                System.arraycopy(data, offset, seam, carry.length, seam.length - carry.length);
                found = signature(seam, 0, seam.length, position - carry.length);
                if (found == null) {
                    found = signature(data, offset, offset + length, position - offset);
                }
                byte[] joined = new byte[Math.min(RAR5.length - 1, carry.length + length)];
                int fromData = Math.min(joined.length, length);
                int fromCarry = joined.length - fromData;
                System.arraycopy(carry, carry.length - fromCarry, joined, 0, fromCarry);
                System.arraycopy(data, offset + length - fromData, joined, fromCarry, fromData);
                carry = joined;
            }
            position += Math.max(0, length);
        }

        public Found found() {
            return found;
        }
    }

    private static boolean startsWith(byte[] data, int at, int end, byte[] signature) {
        if (at + signature.length > end) {
            return false;
        }
        for (int k = 0; k < signature.length; k++) {
            if (data[at + k] != signature[k]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] data, int at) {
        return data[at] & 0xFF | (data[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] data, int at) {
        return u16(data, at) | (long) u16(data, at + 2) << 16;
    }
}
