package dev.postino.subject;

/**
 * What the policy did to one Subject header.
 *
 * @param verdict       what happened
 * @param originalValue the raw value as it was (never logged or stored as an attribute)
 * @param newValue      the raw value to store, encoded and folded (same as the original when
 *                      unchanged)
 * @param newText       the decoded new text (prefix plus marker when truncated)
 * @param before        lengths of the original (when unchanged in characters mode, the count
 *                      stops at the budget, so it is exact as long as it is within it)
 * @param after         lengths of the new value
 * @param originalSha256 SHA-256 of the original raw value, lowercase hex; empty when unchanged
 *                       (nothing to trace, and no cost on the common path)
 */
public record TruncationOutcome(Verdict verdict, String originalValue, String newValue,
                                String newText, SubjectMeasure before, SubjectMeasure after,
                                String originalSha256) {

    public enum Verdict {
        /** Within the budget: the header is left exactly as it was. */
        UNCHANGED,
        /** Cut at a grapheme boundary, marker appended, re-encoded. */
        TRUNCATED,
        /** Bytes mode only: the whole text fits once re-encoded compactly; nothing was cut. */
        REENCODED
    }

    /**
     * The verdict for a field that could not be processed: left exactly as it was, its character
     * count unknown (-1).
     */
    public static TruncationOutcome leftAlone(SubjectField field) {
        SubjectMeasure unknown = new SubjectMeasure(-1, field.wireBytes());
        return new TruncationOutcome(Verdict.UNCHANGED, field.value(), field.value(), null, unknown,
            unknown, "");
    }

    static TruncationOutcome unchanged(String raw, SubjectMeasure before) {
        return new TruncationOutcome(Verdict.UNCHANGED, raw, raw, null, before, before, "");
    }

    static TruncationOutcome truncated(String raw, String value, String text, SubjectMeasure before,
                                       SubjectMeasure after, String sha) {
        return new TruncationOutcome(Verdict.TRUNCATED, raw, value, text, before, after, sha);
    }

    static TruncationOutcome reencoded(String raw, String value, String text, SubjectMeasure before,
                                       SubjectMeasure after, String sha) {
        return new TruncationOutcome(Verdict.REENCODED, raw, value, text, before, after, sha);
    }

    /** True when the header must be rewritten. */
    public boolean changed() {
        return verdict != Verdict.UNCHANGED;
    }

    @Override
    public String toString() {
        // Never print the original: it may be a 3 KB spam payload or personal data.
        return "TruncationOutcome[" + verdict + ", " + before + " -> " + after + ", sha256="
            + originalSha256 + "]";
    }
}
