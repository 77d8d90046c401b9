package dev.postino.attachments.zip;

/**
 * An end-of-central-directory record (with its ZIP64 record, if any) and where its central directory
 * really is: {@code delta} is the prefix (a self-extractor stub, an earlier archive) its offsets do not count.
 */
final class EndRecord {
    long offset;
    long commentEnd;
    long entries;
    long centralSize;
    long centralOffset;
    long centralStart;
    long delta;
    boolean zip64;
    String zip64Disagreement;
    String problem;

    boolean valid() {
        return problem == null;
    }
}
