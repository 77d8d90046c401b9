package dev.postino.attachments;

/**
 * The stable reason codes of attachment findings. Their names are part of the public contract
 * (mail attributes, trace header, README): never rename one, only add.
 */
public enum ReasonCode {
    /** A name ends in an extension on the blocked list (Gmail ∪ Exchange Online defaults). */
    BLOCKED_EXTENSION(Category.NAME),
    /** A document-looking extension followed by a blocked one ({@code bollettino.pdf.exe}), padding included. */
    DOUBLE_EXTENSION(Category.NAME),
    /** Bidi overrides, zero-width or control characters in a name (the U+202E "exe.pdf" trick). */
    HIDDEN_CHARACTERS(Category.NAME),
    /** Content-Type {@code name} and Content-Disposition {@code filename} name different files. */
    NAME_DISAGREEMENT(Category.NAME),
    /** The content is a program: PE/MZ, ELF, Mach-O, Java class, Windows shortcut, MSI, shebang script. */
    EXECUTABLE_CONTENT(Category.CONTENT),
    /** The content's real type contradicts its extension or declared MIME type. */
    TYPE_MISMATCH(Category.CONTENT),
    /** An ISO 9660/UDF, VHD/VHDX, DMG or raw disk image. */
    DISK_IMAGE(Category.DISK_IMAGE),
    /** A OneNote notebook section, a carrier of embedded scripts. */
    ONENOTE(Category.ONENOTE),
    /** An Office document with VBA macros (OOXML vbaProject.bin or an OLE2 VBA storage). */
    MACROS(Category.MACROS),
    /** Encrypted content the inspector cannot read: ZipCrypto/AES zip, encrypted 7z, Office or PDF. */
    ENCRYPTED_CONTENT(Category.ENCRYPTED),
    /** An archive format the inspector cannot open (rar, ace, arj, cab, lzh, …). */
    UNINSPECTABLE_ARCHIVE(Category.UNINSPECTABLE),
    /** Content claims a format but cannot be parsed as it (truncated or corrupt archive, broken MIME). */
    MALFORMED_CONTENT(Category.UNINSPECTABLE),
    /** ZIP: several archives glued together, or data after the end record. */
    ZIP_CONCATENATED(Category.ZIP_STRUCTURE),
    /** ZIP: the local header and the central directory name an entry differently. */
    ZIP_NAME_MISMATCH(Category.ZIP_STRUCTURE),
    /** ZIP: an entry present in only one of the two views. */
    ZIP_HIDDEN_ENTRY(Category.ZIP_STRUCTURE),
    /** ZIP: two entries with the same name. */
    ZIP_DUPLICATE_NAME(Category.ZIP_STRUCTURE),
    /** ZIP: entries whose data overlap (the Fifield zip bomb). */
    ZIP_OVERLAPPING_ENTRIES(Category.ZIP_STRUCTURE),
    /** ZIP: the declared compression method contradicts the data ("Zombie ZIP"). */
    ZIP_METHOD_MISMATCH(Category.ZIP_STRUCTURE),
    /** ZIP: an entry name that is not valid in its declared encoding. */
    ZIP_INVALID_NAME_ENCODING(Category.ZIP_STRUCTURE),
    /** ZIP: bytes no header accounts for, before the first entry or between entries (SFX stubs, polyglots). */
    ZIP_HIDDEN_DATA(Category.ZIP_STRUCTURE),
    /** ZIP: an entry that extracts outside the target folder or is a symbolic link (Zip Slip). */
    ZIP_UNSAFE_PATH(Category.ZIP_STRUCTURE),
    /** ZIP: another structural defect reported by the structure analyzer (sizes disagree, unreadable records). */
    ZIP_MALFORMED(Category.ZIP_STRUCTURE),
    /**
     * MIME: mail programs would read the message differently (a boundary, a delimiter line, a transfer encoding,
     * padding): one of them could show an attachment another never sees (docs/mime-differentials.md).
     */
    MIME_AMBIGUOUS(Category.MIME_STRUCTURE),
    /** A limit (depth, entries, expanded bytes, ratio, time) stopped the inspection: not inspected completely. */
    LIMIT_EXCEEDED(Category.LIMIT),
    /** The inspector itself failed on this content; treated as not inspected. */
    INSPECTION_ERROR(Category.LIMIT),
    /**
     * An HTML or SVG attachment that assembles a file in the browser (script + Blob/download sink +
     * atob/base64 source) or carries an embedded program, archive or disk image as base64.
     */
    HTML_SMUGGLING(Category.SMUGGLING);

    /** Groups of codes that share one policy parameter. */
    public enum Category { NAME, CONTENT, DISK_IMAGE, ONENOTE, MACROS, ENCRYPTED, UNINSPECTABLE, ZIP_STRUCTURE, MIME_STRUCTURE, LIMIT, SMUGGLING }

    private final Category category;

    ReasonCode(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
