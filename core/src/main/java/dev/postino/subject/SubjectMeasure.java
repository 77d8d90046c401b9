package dev.postino.subject;

/**
 * Lengths of one Subject header field.
 *
 * @param characters extended grapheme clusters of the decoded text
 * @param bytes      bytes of the whole field on the wire ({@code Subject: ...}, folds included)
 */
public record SubjectMeasure(int characters, int bytes) {

    public static final String FIELD = "Subject";

    /** Measures a raw value as stored after {@code "Subject:"}. */
    public static SubjectMeasure of(String rawValue) {
        return new SubjectMeasure(
            Graphemes.count(SubjectDecoder.decode(rawValue).text()),
            SubjectEncoder.wireLength(FIELD, rawValue));
    }

    /** The length in {@code unit}. */
    public int in(LengthUnit unit) {
        return unit == LengthUnit.CHARACTERS ? characters : bytes;
    }

    /** The bytes measure only: needs no decoding, for a fast {@code N bytes} check. */
    public static int wireBytes(String rawValue) {
        return SubjectEncoder.wireLength(FIELD, rawValue);
    }
}
