package dev.postino.attachments.parts;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lists the attachments packed in a TNEF stream ({@code winmail.dat}, {@code application/ms-tnef}):
 * each {@code attAttachRendData} starts an attachment, {@code attAttachTitle} names it and
 * {@code attAttachData} carries its bytes. Hand-written because tika-core has no TNEF reader (Apache POI's
 * HMEF is a far larger dependency) and the attribute stream is a simple length-prefixed format.
 * Attachment names stored only as MAPI properties are not read: the file is still inspected by content.
 */
public final class TnefReader {

    /** Receives each attachment; {@code data} must be consumed before returning. */
    public interface Sink {
        void attachment(String name, InputStream data, long length) throws IOException;
    }

    public static final int SIGNATURE = 0x223E9F78;
    private static final int ATT_ATTACH_REND_DATA = 0x9002;
    private static final int ATT_ATTACH_TITLE = 0x8010;
    private static final int ATT_ATTACH_DATA = 0x800F;

    private TnefReader() {
    }

    public static void read(InputStream tnef, long totalLength, Sink sink) throws IOException {
        DataInputStream in = new DataInputStream(tnef);
        if (littleInt(in) != SIGNATURE) {
            throw new IOException("not a TNEF stream");
        }
        in.readUnsignedShort();
        String title = "";
        long consumed = 6;
        while (true) {
            int level;
            try {
                level = in.readUnsignedByte();
            } catch (EOFException end) {
                return;
            }
            int id = littleInt(in);
            long length = littleInt(in) & 0xFFFFFFFFL;
            consumed += 9;
            if (length > totalLength - consumed) {
                throw new IOException("TNEF attribute longer than the stream");
            }
            int attribute = id & 0xFFFF;
            if (level == 2 && attribute == ATT_ATTACH_REND_DATA) {
                title = "";
            }
            if (level == 2 && attribute == ATT_ATTACH_TITLE && length < 4096) {
                byte[] raw = in.readNBytes((int) length);
                int end = 0;
                while (end < raw.length && raw[end] != 0) {
                    end++;
                }
                title = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
            } else if (level == 2 && attribute == ATT_ATTACH_DATA) {
                BoundedInput data = new BoundedInput(in, length);
                sink.attachment(title.isEmpty() ? "attachment" : title, data, length);
                data.skipRest();
            } else {
                in.skipNBytes(length);
            }
            in.skipNBytes(2);
            consumed += length + 2;
        }
    }

    private static int littleInt(DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }

    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInput(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        void skipRest() throws IOException {
            in.skipNBytes(remaining);
            remaining = 0;
        }
    }
}
