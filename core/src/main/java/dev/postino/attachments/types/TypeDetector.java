package dev.postino.attachments.types;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides what content really is from its bytes, ignoring names and declared types. Apache Tika core's
 * magic database does the work; a few checks are written by hand because tika-core lacks them:
 * Windows shortcuts (.lnk, no magic in Tika), VHDX and VHD/DMG footers (Tika only knows a VHD header
 * at offset 0), UDF and raw FAT images, and shebang scripts (Tika knows only a few interpreters).
 * Others only save time and give Tika's own answer (tests compare them with Tika): the common
 * signatures ({@link KnownSignatures}), plain text no magic pattern could claim ({@link PlainText}),
 * a declared text part that looks like text, a declared message that starts with a header field, and
 * an {@code MZ} head. Tika's full magic scan costs about 300 µs per call.
 */
public final class TypeDetector {

    /** Bytes of the head handed to Tika; ISO 9660 and UDF descriptors sit at 32 KiB + 1. */
    public static final int HEAD_BYTES = 40 * 1024;
    /** Bytes of the tail needed for footer formats (VHD, DMG). */
    public static final int TAIL_BYTES = 512;

    private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();

    /**
     * Bytes handed to Tika. Every magic we act on sits in the first few hundred bytes (PE's "PE\0\0" at
     * e_lfanew, tar's "ustar" at 257); the far ones (ISO 9660 and UDF at 32 KiB) are checked by hand
     * above. Tika's case-insensitive text and markup patterns scan whatever they are given, so a short
     * prefix keeps detection at microseconds instead of milliseconds per part.
     */
    private static final int TIKA_BYTES = 4096;

    private static final byte[] LNK_HEADER = {0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46};

    /**
     * @param head the first {@link #HEAD_BYTES} bytes (or all, if shorter)
     * @param tail the last {@link #TAIL_BYTES} bytes (may overlap head)
     */
    public DetectedType detect(byte[] head, byte[] tail) {
        return detect(head, tail, "application/octet-stream");
    }

    /**
     * As {@link #detect(byte[], byte[], String)} when the head was already typed without a tail: only the
     * footer formats (VHD, DMG) can change the answer, so Tika is not asked twice for the same bytes.
     */
    public DetectedType detect(byte[] head, byte[] tail, String declaredType, DetectedType headOnly) {
        if (headOnly == null) {
            return detect(head, tail, declaredType);
        }
        ContentKind footer = handWritten(new byte[0], tail);
        return footer == null ? headOnly : new DetectedType(footer, "application/octet-stream", describe(footer, null));
    }

    /**
     * As {@link #detect(byte[], byte[])}, with the declared type as a hint for two shortcuts only: a part
     * declared {@code text/*} whose first kilobyte is plain text is text, and a part declared
     * {@code message/rfc822} that starts with a header field is a message. Tika would say the same after
     * trying every one of its ~1,500 magic patterns, and most parts of most mails are text bodies.
     * Programs and archives contain NUL or control bytes and never take either.
     */
    public DetectedType detect(byte[] head, byte[] tail, String declaredType) {
        ContentKind handWritten = handWritten(head, tail);
        if (handWritten != null) {
            return new DetectedType(handWritten, "application/octet-stream", describe(handWritten, null));
        }
        String common = KnownSignatures.typeOf(head);
        if (common != null) {
            ContentKind kind = classify(common);
            return new DetectedType(kind, common, describe(kind, common));
        }
        if (declaredType != null && declaredType.startsWith("text/") && plainText(head)) {
            return new DetectedType(ContentKind.TEXT, "text/plain", describe(ContentKind.TEXT, "text/plain"));
        }
        if (declaredType != null && (declaredType.startsWith("message/rfc822") || declaredType.startsWith("message/global"))
            && PlainText.headerFieldAt(head, Math.min(head.length, 1000), 0)) {
            // declared a message and starts like one; Tika would say the same from its header patterns, and the
            // inspector parses it as a message either way
            return new DetectedType(ContentKind.MESSAGE, "message/rfc822", describe(ContentKind.MESSAGE, "message/rfc822"));
        }
        if (PlainText.isPlainText(head, TIKA_BYTES)) {
            return new DetectedType(ContentKind.TEXT, "text/plain", describe(ContentKind.TEXT, "text/plain"));
        }
        if (startsWith(head, 0, MZ)) {
            // Tika's own magic for "MZ" at offset 0 (application/x-msdownload and its PE subtypes, which share
            // that base type); asking Tika costs its full magic scan, the largest cost on mail carrying programs
            return new DetectedType(ContentKind.EXECUTABLE, MSDOWNLOAD, describe(ContentKind.EXECUTABLE, MSDOWNLOAD));
        }
        MediaType type;
        try {
            type = TIKA.detect(new ByteArrayInputStream(head, 0, Math.min(head.length, TIKA_BYTES)), new Metadata());
        } catch (IOException impossible) {
            type = MediaType.OCTET_STREAM;
        }
        String name = type.getBaseType().toString();
        ContentKind kind = classify(name);
        return new DetectedType(kind, name, describe(kind, name));
    }

    private static ContentKind handWritten(byte[] head, byte[] tail) {
        if (startsWith(head, 0, LNK_HEADER)) {
            return ContentKind.EXECUTABLE;
        }
        if (startsWith(head, 0, ascii("vhdxfile"))) {
            return ContentKind.DISK_IMAGE;
        }
        if (tail.length >= 512 && startsWith(tail, tail.length - 512, ascii("conectix"))) {
            return ContentKind.DISK_IMAGE;
        }
        if (tail.length >= 512 && startsWith(tail, tail.length - 512, ascii("koly"))) {
            return ContentKind.DISK_IMAGE;
        }
        for (int offset = 0x8001; offset + 5 <= head.length; offset += 2048) {
            if (startsWith(head, offset, ascii("BEA01")) || startsWith(head, offset, ascii("NSR02"))
                || startsWith(head, offset, ascii("NSR03")) || startsWith(head, offset, ascii("CD001"))) {
                return ContentKind.DISK_IMAGE;
            }
        }
        if (head.length >= 512 && (head[510] & 0xFF) == 0x55 && (head[511] & 0xFF) == 0xAA
            && (startsWith(head, 54, ascii("FAT1")) || startsWith(head, 82, ascii("FAT32")) || startsWith(head, 3, ascii("NTFS")))) {
            return ContentKind.DISK_IMAGE;
        }
        if (head.length > 2 && head[0] == '#' && head[1] == '!' && (head[2] == '/' || head[2] == ' ')) {
            return ContentKind.SCRIPT;
        }
        return null;
    }

    private static boolean plainText(byte[] head) {
        int length = Math.min(head.length, 1024);
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
                return false;
            }
        }
        return !(length > 1 && head[0] == '#' && head[1] == '!');
    }

    private static final byte[] MZ = ascii("MZ");
    private static final String MSDOWNLOAD = "application/x-msdownload";

    /** Tika's answer alone, for tests that compare it with the shortcuts. */
    static String tikaType(byte[] head) {
        try {
            return TIKA.detect(new ByteArrayInputStream(head, 0, Math.min(head.length, TIKA_BYTES)), new Metadata())
                .getBaseType().toString();
        } catch (IOException impossible) {
            return "application/octet-stream";
        }
    }

    static ContentKind classify(String type) {
        if (type.startsWith("application/x-msdownload") || type.equals("application/x-dosexec")
            || type.equals("application/x-executable") || type.equals("application/x-sharedlib")
            || type.startsWith("application/x-mach-o") || type.equals("application/java-vm")
            || type.equals("application/x-elf") || type.equals("application/x-coredump")
            || type.equals("application/x-ms-installer") || type.equals("application/x-msi")) {
            return ContentKind.EXECUTABLE;
        }
        if (type.equals("application/x-sh")) {
            return ContentKind.SCRIPT;
        }
        return switch (type) {
            case "application/zip", "application/java-archive", "application/x-tika-ooxml", "application/vnd.android.package-archive"
                -> ContentKind.ZIP;
            case "application/x-7z-compressed" -> ContentKind.SEVEN_Z;
            case "application/x-tar", "application/x-gtar" -> ContentKind.TAR;
            case "application/gzip", "application/x-gzip" -> ContentKind.GZIP;
            case "application/x-bzip2", "application/x-bzip" -> ContentKind.BZIP2;
            case "application/x-xz" -> ContentKind.XZ;
            case "application/x-rar-compressed", "application/x-rar", "application/vnd.rar", "application/x-ace-compressed",
                 "application/x-arj", "application/vnd.ms-cab-compressed", "application/x-lha", "application/x-lharc",
                 "application/x-lzh-compressed", "application/x-zoo", "application/x-stuffit", "application/x-cpio",
                 "application/x-compress", "application/x-lzip", "application/zstd", "application/x-lz4",
                 "application/x-rpm", "application/x-debian-package", "application/x-archive", "application/x-arc"
                -> ContentKind.OTHER_ARCHIVE;
            case "application/x-iso9660-image", "application/x-apple-diskimage", "application/x-vhd", "application/x-vmdk",
                 "application/x-qemu-disk"
                -> ContentKind.DISK_IMAGE;
            case "application/onenote" -> ContentKind.ONENOTE;
            case "application/x-tika-msoffice", "application/vnd.ms-outlook", "application/msword",
                 "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/x-tika-ooxml-protected"
                -> ContentKind.OLE2;
            case "application/pdf" -> ContentKind.PDF;
            case "application/vnd.ms-tnef" -> ContentKind.TNEF;
            case "message/rfc822", "message/news" -> ContentKind.MESSAGE;
            default -> type.startsWith("text/") ? ContentKind.TEXT : ContentKind.OTHER;
        };
    }

    private static String describe(ContentKind kind, String type) {
        return switch (kind) {
            case EXECUTABLE -> "a program (" + (type == null ? "Windows shortcut or installer" : type) + ")";
            case SCRIPT -> "a script";
            case ZIP -> "a ZIP archive";
            case SEVEN_Z -> "a 7-Zip archive";
            case TAR -> "a tar archive";
            case GZIP -> "a gzip stream";
            case BZIP2 -> "a bzip2 stream";
            case XZ -> "an xz stream";
            case OTHER_ARCHIVE -> "an archive (" + (type == null ? "unknown format" : type) + ")";
            case DISK_IMAGE -> "a disk image";
            case ONENOTE -> "a OneNote notebook";
            case OLE2 -> "an OLE2 compound document";
            case PDF -> "a PDF document";
            case TNEF -> "a TNEF (winmail.dat) container";
            case MESSAGE -> "an e-mail message";
            case TEXT -> "text";
            case OTHER -> type == null ? "unknown data" : type;
        };
    }

    static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (offset < 0 || offset + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
