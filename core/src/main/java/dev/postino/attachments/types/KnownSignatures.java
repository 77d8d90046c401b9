package dev.postino.attachments.types;

import java.nio.charset.StandardCharsets;

/**
 * The signatures that make up nearly every attachment and archive entry, answered with the media type
 * Tika's own magic gives for them ({@code TypeDetectorTest} checks each against Tika). Asking Tika costs
 * its full magic scan, about 300 µs per call whatever the size of the content, because it tries every
 * one of its ~1,500 patterns and keeps the best; these few checks cost nanoseconds. Anything not listed
 * here still goes to Tika.
 */
final class KnownSignatures {

    private static final byte[] PDF = ascii("%PDF-");
    private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
    private static final byte[] GZIP = {0x1F, (byte) 0x8B, 0x08};
    private static final byte[] BZIP2 = ascii("BZh");
    private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] SEVEN_Z = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
    private static final byte[] RAR = {'R', 'a', 'r', '!', 0x1A, 0x07};
    private static final byte[] USTAR = ascii("ustar");
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] TNEF = {0x78, (byte) 0x9F, 0x3E, 0x22};
    private static final byte[] ONENOTE = {(byte) 0xE4, 0x52, 0x5C, 0x7B, (byte) 0x8C, (byte) 0xD8, (byte) 0xA7, 0x4D,
        (byte) 0xAE, (byte) 0xB1, 0x53, 0x78, (byte) 0xD0, 0x29, (byte) 0x96, (byte) 0xD3};
    private static final byte[] ELF = {0x7F, 'E', 'L', 'F'};
    private static final byte[] JAVA_CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] GIF = ascii("GIF8");
    private static final String[] MACH_O_FILE_TYPES = {null, "object", "executable", "fvmlib", "core", "preload", "dylib",
        "dylinker", "bundle", "dylib-stub", "dsym", "kext-bundle"};

    private KnownSignatures() {
    }

    /** Tika's media type for a head that starts with one of the known signatures, else {@code null}. */
    static String typeOf(byte[] head) {
        if (head.length < 4) {
            return null;
        }
        if (TypeDetector.startsWith(head, 0, PDF)) {
            return "application/pdf";
        }
        if (TypeDetector.startsWith(head, 0, ZIP_LOCAL)) {
            return "application/zip";
        }
        if (TypeDetector.startsWith(head, 0, GZIP)) {
            return "application/gzip";
        }
        if (TypeDetector.startsWith(head, 257, USTAR)) {
            return "application/x-tar";
        }
        if (TypeDetector.startsWith(head, 0, OLE2)) {
            return "application/x-tika-msoffice";
        }
        if (TypeDetector.startsWith(head, 0, JPEG)) {
            return "image/jpeg";
        }
        if (TypeDetector.startsWith(head, 0, PNG)) {
            return "image/png";
        }
        if (TypeDetector.startsWith(head, 0, GIF)) {
            return "image/gif";
        }
        return archiveOrProgram(head);
    }

    private static String archiveOrProgram(byte[] head) {
        if (TypeDetector.startsWith(head, 0, SEVEN_Z)) {
            return "application/x-7z-compressed";
        }
        if (TypeDetector.startsWith(head, 0, XZ)) {
            return "application/x-xz";
        }
        if (TypeDetector.startsWith(head, 0, BZIP2) && head[3] >= '1' && head[3] <= '9') {
            return "application/x-bzip2";
        }
        if (TypeDetector.startsWith(head, 0, RAR)) {
            return "application/x-rar-compressed";
        }
        if (TypeDetector.startsWith(head, 0, TNEF)) {
            return "application/vnd.ms-tnef";
        }
        if (TypeDetector.startsWith(head, 0, ONENOTE)) {
            return "application/onenote";
        }
        if (TypeDetector.startsWith(head, 0, ELF) && head.length >= 18) {
            return elf(head[16], head[17]);
        }
        if (TypeDetector.startsWith(head, 0, JAVA_CLASS) && head.length >= 8 && bigEndian32(head, 4) > 0x13) {
            // a class file's minor and major version (45 and up); 1 to 0x13 here is a Mach-O universal binary's arch count
            return "application/java-vm";
        }
        return head.length >= 16 ? machO(head) : null;
    }

    /** Tika types an ELF file by its e_type, in either byte order (a relocatable object is not a program). */
    private static String elf(byte first, byte second) {
        int type = first == 0 ? second : second == 0 ? first : -1;
        return switch (type) {
            case 1 -> "application/x-object";
            case 2 -> "application/x-executable";
            case 3 -> "application/x-sharedlib";
            case 4 -> "application/x-coredump";
            default -> "application/x-elf";
        };
    }

    /** Thin Mach-O files, 32 and 64 bit, both byte orders; Tika names the subtype after the file type at offset 12. */
    private static String machO(byte[] head) {
        int magic = bigEndian32(head, 0);
        int fileType;
        if (magic == 0xFEEDFACE || magic == 0xFEEDFACF) {
            fileType = bigEndian32(head, 12);
        } else if (magic == 0xCEFAEDFE || magic == 0xCFFAEDFE) {
            fileType = Integer.reverseBytes(bigEndian32(head, 12));
        } else {
            return null;
        }
        return fileType >= 1 && fileType < MACH_O_FILE_TYPES.length
            ? "application/x-mach-o-" + MACH_O_FILE_TYPES[fileType] : "application/x-mach-o";
    }

    private static int bigEndian32(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 24 | (data[offset + 1] & 0xFF) << 16 | (data[offset + 2] & 0xFF) << 8
            | data[offset + 3] & 0xFF;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
