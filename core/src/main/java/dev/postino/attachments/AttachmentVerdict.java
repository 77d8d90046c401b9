package dev.postino.attachments;

/** The outcome of an inspection. */
public enum AttachmentVerdict {
    CLEAN, DANGEROUS;

    /** The lower-case word used in mail attributes and headers. */
    public String word() {
        return this == CLEAN ? "clean" : "dangerous";
    }
}
