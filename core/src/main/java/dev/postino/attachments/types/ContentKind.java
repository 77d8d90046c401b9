package dev.postino.attachments.types;

/** What a piece of content really is, as far as the inspector's decisions go. */
public enum ContentKind {
    /** PE/MZ, ELF, Mach-O, Java class, Windows shortcut, Windows installer. */
    EXECUTABLE,
    /** A text file starting with a shebang line. */
    SCRIPT,
    ZIP, SEVEN_Z, TAR, GZIP, BZIP2, XZ,
    /** An archive format we recognise but cannot open (rar, ace, arj, cab, lzh, …). */
    OTHER_ARCHIVE,
    DISK_IMAGE,
    ONENOTE,
    /** An OLE2 compound file (legacy Office, MSG, encrypted OOXML). */
    OLE2,
    PDF,
    TNEF,
    MESSAGE,
    TEXT,
    OTHER;

    /** Kinds whose presence under a document name is a disguise. */
    public boolean risky() {
        return switch (this) {
            case EXECUTABLE, SCRIPT, ZIP, SEVEN_Z, TAR, GZIP, BZIP2, XZ, OTHER_ARCHIVE, DISK_IMAGE, ONENOTE -> true;
            default -> false;
        };
    }
}
