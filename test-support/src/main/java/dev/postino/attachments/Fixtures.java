package dev.postino.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds the test corpus in code: messages with raw hand-written headers, archives assembled
 * programmatically and byte-patched where needed. Nothing here is a binary that cannot be regenerated.
 * Public so other modules' tests and the sample generator can reuse it.
 */
public final class Fixtures {

    /** Archive entry time, fixed so that generated samples are identical on every run. */
    public static final java.time.LocalDateTime FIXED_TIME = java.time.LocalDateTime.of(2026, 11, 30, 12, 0);

    private Fixtures() {
    }

    /** A harmless minimal PE: MZ header pointing at a "PE\0\0" COFF header for i386, no code that runs. */
    public static byte[] peStub() {
        ByteBuffer buffer = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(0, (byte) 'M').put(1, (byte) 'Z');
        buffer.putShort(2, (short) 0x90);
        buffer.putShort(4, (short) 3);
        buffer.putShort(8, (short) 4);
        buffer.putShort(0x18, (short) 0x40);
        buffer.putInt(0x3C, 0x80);
        byte[] message = "This program cannot be run in DOS mode.\r\r\n$".getBytes(StandardCharsets.US_ASCII);
        buffer.put(0x4E, message);
        buffer.put(0x80, new byte[] {'P', 'E', 0, 0});
        buffer.putShort(0x84, (short) 0x14C);
        buffer.putShort(0x86, (short) 0);
        buffer.putShort(0x94, (short) 0xE0);
        buffer.putShort(0x96, (short) 0x0102);
        buffer.putShort(0x98, (short) 0x10B);
        return buffer.array();
    }

    /** A small valid PDF with one page of text. */
    public static byte[] pdf(String text) {
        String stream = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.toString().getBytes(StandardCharsets.ISO_8859_1).length;
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.toString().getBytes(StandardCharsets.ISO_8859_1).length;
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
            .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A PDF whose trailer references an encryption dictionary. */
    public static byte[] encryptedPdf() {
        String text = new String(pdf("secret"), StandardCharsets.ISO_8859_1)
            .replace("/Root 1 0 R >>", "/Root 1 0 R /Encrypt 6 0 R /ID [<01> <01>] >>");
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] jpeg() {
        byte[] jpeg = new byte[600];
        byte[] header = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
        System.arraycopy(header, 0, jpeg, 0, header.length);
        jpeg[598] = (byte) 0xFF;
        jpeg[599] = (byte) 0xD9;
        return jpeg;
    }

    /** Entries in insertion order, deflated, with java.util.zip (UTF-8 names). */
    public static byte[] zip(Map<String, byte[]> entries) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    ZipEntry zipEntry = new ZipEntry(entry.getKey());
                    zipEntry.setTimeLocal(FIXED_TIME);
                    zip.putNextEntry(zipEntry);
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] zip(String name, byte[] content) {
        return zip(Map.of(name, content));
    }

    /** A zip with one stored entry, so names appear verbatim and can be byte-patched. */
    public static byte[] storedZip(String name, byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                ZipEntry entry = new ZipEntry(name);
                entry.setTimeLocal(FIXED_TIME);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(content.length);
                CRC32 crc = new CRC32();
                crc.update(content);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip whose single entry has the "encrypted" flag set (ZipCrypto as far as readers are concerned). */
    public static byte[] zipCryptoFlagged(String name, byte[] content) {
        byte[] zip = storedZip(name, content);
        for (int i = 0; i + 4 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                zip[i + 6] |= 1;
            }
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                zip[i + 8] |= 1;
            }
        }
        return zip;
    }

    public static byte[] gzip(byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write(content);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] tar(Map<String, byte[]> entries) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
                    tarEntry.setSize(entry.getValue().length);
                    tar.putArchiveEntry(tarEntry);
                    tar.write(entry.getValue());
                    tar.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A macro-free OOXML document skeleton (docx or xlsx by main part). */
    public static byte[] ooxml(String mainPart, boolean withMacros) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
        entries.put("_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>".getBytes(StandardCharsets.UTF_8));
        entries.put(mainPart, "<?xml version=\"1.0\"?><document>Relazione trimestrale</document>".getBytes(StandardCharsets.UTF_8));
        if (withMacros) {
            entries.put(mainPart.substring(0, mainPart.indexOf('/') + 1) + "vbaProject.bin", oleWithStorage("VBA"));
        }
        return zip(entries);
    }

    /**
     * A minimal valid OLE2 compound file (512-byte sectors): header, one FAT sector, one directory
     * sector holding the root entry and one storage named {@code storageName}.
     */
    public static byte[] oleWithStorage(String storageName) {
        return ole(storageName, new byte[16]);
    }

    public static byte[] ole(String entryName, byte[] rootClsid) {
        ByteBuffer file = ByteBuffer.allocate(512 * 3).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        file.putShort(0x18, (short) 0x3E);
        file.putShort(0x1A, (short) 3);
        file.putShort(0x1C, (short) 0xFFFE);
        file.putShort(0x1E, (short) 9);
        file.putShort(0x20, (short) 6);
        file.putInt(0x2C, 1);
        file.putInt(0x30, 1);
        file.putInt(0x38, 4096);
        file.putInt(0x3C, -2);
        file.putInt(0x44, -2);
        for (int i = 0; i < 109; i++) {
            file.putInt(0x4C + 4 * i, -1);
        }
        file.putInt(0x4C, 0);
        int fat = 512;
        file.putInt(fat, -3);
        file.putInt(fat + 4, -2);
        for (int i = 2; i < 128; i++) {
            file.putInt(fat + 4 * i, -1);
        }
        int dir = 1024;
        directoryEntry(file, dir, "Root Entry", 5, rootClsid, 1);
        directoryEntry(file, dir + 128, entryName, 1, new byte[16], -1);
        return file.array();
    }

    private static void directoryEntry(ByteBuffer file, int offset, String name, int type, byte[] clsid, int child) {
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        file.put(offset, utf16);
        file.putShort(offset + 0x40, (short) (utf16.length + 2));
        file.put(offset + 0x42, (byte) type);
        file.put(offset + 0x43, (byte) 1);
        file.putInt(offset + 0x44, -1);
        file.putInt(offset + 0x48, -1);
        file.putInt(offset + 0x4C, child);
        file.put(offset + 0x50, clsid);
        file.putInt(offset + 0x74, -2);
    }

    /** A TNEF stream with one attachment titled {@code name}. */
    public static byte[] tnef(String name, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, 0x223E9F78);
        out.write(0x01);
        out.write(0x00);
        attribute(out, 2, 0x00069002, new byte[14]);
        byte[] title = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        attribute(out, 2, 0x00018010, title);
        attribute(out, 2, 0x0006800F, data);
        return out.toByteArray();
    }

    private static void attribute(ByteArrayOutputStream out, int level, int id, byte[] data) {
        out.write(level);
        writeInt(out, id);
        writeInt(out, data.length);
        out.writeBytes(data);
        int checksum = 0;
        for (byte b : data) {
            checksum += b & 0xFF;
        }
        out.write(checksum & 0xFF);
        out.write((checksum >> 8) & 0xFF);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >> 8) & 0xFF);
        out.write((value >> 16) & 0xFF);
        out.write((value >>> 24) & 0xFF);
    }

    /** Uuencodes bytes as a {@code begin 644 name} block. */
    public static String uuencode(String name, byte[] data) {
        StringBuilder text = new StringBuilder("begin 644 ").append(name).append('\n');
        for (int i = 0; i < data.length; i += 45) {
            int length = Math.min(45, data.length - i);
            text.append((char) (32 + length));
            for (int j = 0; j < length; j += 3) {
                int a = data[i + j] & 0xFF;
                int b = j + 1 < length ? data[i + j + 1] & 0xFF : 0;
                int c = j + 2 < length ? data[i + j + 2] & 0xFF : 0;
                text.append(uu(a >> 2)).append(uu(((a & 3) << 4) | (b >> 4))).append(uu(((b & 0xF) << 2) | (c >> 6))).append(uu(c & 0x3F));
            }
            text.append('\n');
        }
        return text.append("`\nend\n").toString();
    }

    private static char uu(int value) {
        return value == 0 ? '`' : (char) (32 + value);
    }

    /** Quoted-printable with every byte escaped, soft line breaks every 72 columns (CRLF). */
    public static String quotedPrintable(byte[] data) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (byte b : data) {
            out.append(String.format("=%02X", b & 0xFF));
            column += 3;
            if (column > 70) {
                out.append("=\r\n");
                column = 0;
            }
        }
        return out.toString();
    }

    /** A yEnc block ({@code =ybegin} … {@code =yend}, CRLF lines of 128 bytes) carrying {@code data} as {@code name}. */
    public static String yenc(String name, byte[] data) {
        StringBuilder out = new StringBuilder("=ybegin line=128 size=" + data.length + " name=" + name + "\r\n");
        int column = 0;
        for (byte b : data) {
            int c = (b + 42) & 0xFF;
            if (c == 0 || c == '\n' || c == '\r' || c == '=') {
                out.append('=');
                c = (c + 64) & 0xFF;
            }
            out.append((char) c);
            if (++column >= 128) {
                out.append("\r\n");
                column = 0;
            }
        }
        return out.append("\r\n=yend size=").append(data.length).append("\r\n").toString();
    }

    /** Builds a multipart/mixed message with a text body and raw-header attachment parts. */
    public static final class MessageBuilder {
        private static final java.util.concurrent.atomic.AtomicInteger BOUNDARIES = new java.util.concurrent.atomic.AtomicInteger();
        private String boundary = "=_postino_" + BOUNDARIES.incrementAndGet();
        private String messageId = "<test@example.com>";
        private String to = "anna.bianchi@acme.example";
        private String date = "Tue, 1 Dec 2026 10:00:00 +0100";
        private final StringBuilder parts = new StringBuilder();
        private String subject = "Test";
        private String from = "mario.rossi@example.com";
        private String body = "Ciao,\r\nin allegato.\r\n";

        public MessageBuilder subject(String value) {
            subject = value;
            return this;
        }

        public MessageBuilder from(String value) {
            from = value;
            return this;
        }

        /** Fixes the boundary (samples must regenerate byte for byte); call before adding parts. */
        public MessageBuilder boundary(String value) {
            boundary = value;
            return this;
        }

        public MessageBuilder messageId(String value) {
            messageId = value;
            return this;
        }

        public MessageBuilder to(String value) {
            to = value;
            return this;
        }

        public MessageBuilder date(String value) {
            date = value;
            return this;
        }

        public MessageBuilder body(String value) {
            body = value;
            return this;
        }

        /** An attachment with the given raw Content-Type and Content-Disposition field bodies (null to omit). */
        public MessageBuilder part(String contentType, String contentDisposition, byte[] content) {
            parts.append("--" + boundary + "\r\nContent-Type: ").append(contentType).append("\r\n");
            if (contentDisposition != null) {
                parts.append("Content-Disposition: ").append(contentDisposition).append("\r\n");
            }
            parts.append("Content-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(content)).append("\r\n");
            return this;
        }

        public MessageBuilder attachment(String name, String contentType, byte[] content) {
            return part(contentType + "; name=\"" + name + "\"", "attachment; filename=\"" + name + "\"", content);
        }

        /** A text part with the given (7bit) text. */
        public MessageBuilder textPart(String text) {
            parts.append("--" + boundary + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n").append(text).append("\r\n");
            return this;
        }

        /** A message/rfc822 part carrying {@code message} verbatim. */
        public MessageBuilder attachedMessage(byte[] message) {
            parts.append("--" + boundary + "\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n")
                .append(new String(message, StandardCharsets.UTF_8)).append("\r\n");
            return this;
        }

        public MessageBuilder raw(String text) {
            parts.append(text);
            return this;
        }

        public byte[] build() {
            String message = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nDate: " + date + "\r\nMessage-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n"
                + parts + "--" + boundary + "--\r\n";
            return message.getBytes(StandardCharsets.UTF_8);
        }
    }

    public static MessageBuilder message() {
        return new MessageBuilder();
    }

    /** The seed's mail: "Invio copia bollettino" with a zip holding an executable disguised as a PDF. */
    public static byte[] bollettino() {
        return message().boundary("=_aruba_bollettino").messageId("<20261201091200.4711@staff.aruba.it>")
            .date("Tue, 1 Dec 2026 09:12:00 +0100").from("Aruba S.p.A. <comunicazioni@staff.aruba.it>").subject("Invio copia bollettino")
            .body("Gentile cliente,\r\ncome da lei richiesto in allegato potr\u00e0 trovare copia del bollettino postale con cui\r\n"
                + "effettuare il pagamento.\r\nSaluti\r\nAruba S.p.A. - Servizio Clienti\r\n")
            .attachment("bollettino.zip", "application/zip", zip("bollettino.pdf.exe", peStub()))
            .build();
    }
}
