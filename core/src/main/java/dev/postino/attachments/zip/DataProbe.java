package dev.postino.attachments.zip;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Cheap checks that an entry's first bytes fit its declared compression method. Only the first
 * {@value #PROBE_INPUT} bytes are read and at most {@value #PROBE_OUTPUT} bytes are inflated, so a
 * bomb costs the same as any other entry. The inflater is one per thread and reset before each probe:
 * creating one (native zlib state plus a cleaner) cost more than the probes of a small archive.
 */
final class DataProbe {

    static final int PROBE_INPUT = 512;
    static final int PROBE_OUTPUT = 2048;

    /** Deflate cannot expand more than 1032:1 (258-byte matches coded in 2 bits); see zlib's FAQ. */
    static final long MAX_DEFLATE_RATIO = 1032;

    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private final byte[] out = new byte[PROBE_OUTPUT];

    /** What inflating the first bytes showed. */
    record Inflation(boolean valid, boolean finished, long consumed, long produced, String error) {
    }

    /** Inflates {@code data[0, length)} as raw deflate, producing at most {@value #PROBE_OUTPUT} bytes. */
    Inflation inflate(byte[] data, int length) {
        Inflater inflater = INFLATER.get();
        inflater.reset();
        try {
            inflater.setInput(data, 0, length);
            long produced = 0;
            while (!inflater.finished() && produced < PROBE_OUTPUT) {
                int n = inflater.inflate(out, 0, (int) (PROBE_OUTPUT - produced));
                produced += n;
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            return new Inflation(!inflater.needsDictionary(), inflater.finished(),
                    inflater.getBytesRead(), produced, inflater.needsDictionary() ? "needs a preset dictionary" : null);
        } catch (DataFormatException e) {
            return new Inflation(false, false, inflater.getBytesRead(), inflater.getBytesWritten(), e.getMessage());
        }
    }

    /**
     * True when bytes declared STORED are in fact a deflate stream ("Zombie ZIP"): they inflate
     * without error over the whole probe and either end exactly where the entry ends or expand.
     * Real file formats fail within a few bytes (JPEG, PNG, ZIP, gzip, PDF and PE headers are all
     * invalid deflate block headers), so a false positive needs a stored file that is itself a
     * valid raw deflate stream.
     */
    boolean storedLooksDeflated(byte[] head, int length, long compressedSize) {
        if (length < 2) {
            return false;
        }
        Inflation r = inflate(head, length);
        if (!r.valid()) {
            return false;
        }
        if (r.finished()) {
            return r.consumed() == compressedSize && r.produced() > 0;
        }
        return r.produced() >= PROBE_OUTPUT || (r.consumed() == length && length >= 64 && r.produced() > length);
    }

    /** The largest deflate stream zlib can produce for {@code n} input bytes (deflateBound, plus slack). */
    static long deflateBound(long n) {
        return n + (n >>> 12) + (n >>> 14) + (n >>> 25) + 64;
    }

    /** For methods with a magic number: the problem with the first bytes, or null if they fit. */
    static String magicProblem(int method, byte[] head, int length) {
        return switch (method) {
            case 12 -> length >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h'
                    && head[3] >= '1' && head[3] <= '9' ? null : "declared BZIP2 but the data does not start with 'BZh'";
            case 14 -> length >= 4 && (head[2] & 0xFF) == 5 && head[3] == 0 ? null
                    : "declared LZMA but the data has no 5-byte LZMA properties header";
            case 93 -> startsWith(head, length, 0x28, 0xB5, 0x2F, 0xFD) ? null
                    : "declared Zstandard but the data does not start with the zstd magic";
            case 95 -> startsWith(head, length, 0xFD, '7', 'z', 'X', 'Z', 0x00) ? null
                    : "declared XZ but the data does not start with the xz magic";
            default -> null;
        };
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Compression methods APPNOTE.TXT 4.4.5 defines (99 = WinZip AES, appendix E). */
    static boolean isKnownMethod(int method) {
        return switch (method) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 19, 20, 93, 94, 95, 96, 97, 98, 99 -> true;
            default -> false;
        };
    }
}
