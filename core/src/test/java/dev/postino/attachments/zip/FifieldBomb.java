package dev.postino.attachments.zip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small generator of David Fifield's overlapping-entry zip bomb ("A better zip bomb", 2019,
 * https://www.bamsoftware.com/hacks/zipbomb/): one highly compressed kernel shared by every
 * entry, each entry's deflate stream first quoting the next entry's local header in a stored
 * block. N entries of a K-byte kernel expand to about N × K bytes.
 */
final class FifieldBomb {

    private FifieldBomb() {
    }

    /** {@code entries} entries, each expanding to at least {@code kernelSize} zero bytes. */
    static byte[] generate(int entries, int kernelSize) {
        byte[] kernel = RawZip.deflate(new byte[kernelSize]);
        byte[][] names = new byte[entries][];
        for (int i = 0; i < entries; i++) {
            names[i] = String.format("%05d", i).getBytes(StandardCharsets.US_ASCII);
        }
        // Build back to front: entry i's data = stored block quoting header i+1, then entry i+1's data.
        byte[][] headers = new byte[entries][];
        long[] compressed = new long[entries];
        long[] uncompressed = new long[entries];
        long tailCompressed = kernel.length;
        long tailUncompressed = kernelSize;
        for (int i = entries - 1; i >= 0; i--) {
            headers[i] = localHeader(names[i], tailCompressed, tailUncompressed);
            compressed[i] = tailCompressed;
            uncompressed[i] = tailUncompressed;
            if (i > 0) {
                tailCompressed += 5 + headers[i].length; // stored-block header + quoted local header
                tailUncompressed += headers[i].length;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] offsets = new long[entries];
        for (int i = 0; i < entries; i++) {
            offsets[i] = out.size();
            out.writeBytes(headers[i]);
            if (i + 1 < entries) {
                byte[] next = headers[i + 1];
                out.write(0x00); // BFINAL=0, BTYPE=00: a stored block
                RawZip.u16(out, next.length);
                RawZip.u16(out, ~next.length & 0xFFFF);
            }
        }
        out.writeBytes(kernel);
        RawZip raw = new RawZip().raw(out.toByteArray());
        for (int i = 0; i < entries; i++) {
            RawZip.Entry e = new RawZip.Entry(names[i], 8, 0, 0, compressed[i], uncompressed[i], new byte[0], new byte[0]);
            raw.central(e, offsets[i]);
        }
        return raw.finish();
    }

    private static byte[] localHeader(byte[] name, long compressed, long uncompressed) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        RawZip.u32(h, ZipRecords.LOCAL_HEADER);
        RawZip.u16(h, 20);
        RawZip.u16(h, 0);
        RawZip.u16(h, 8);
        RawZip.u16(h, 0);
        RawZip.u16(h, 0x21);
        RawZip.u32(h, 0);
        RawZip.u32(h, compressed);
        RawZip.u32(h, uncompressed);
        RawZip.u16(h, name.length);
        RawZip.u16(h, 0);
        h.writeBytes(name);
        return h.toByteArray();
    }
}
