package dev.postino.subject;

/**
 * Lengths of one Subject header field.
 *
 * @param characters extended grapheme clusters of the decoded text
 * @param bytes      bytes of the whole field on the wire ({@code Subject: ...}, folds included)
 */
public record SubjectMeasure(int characters, int bytes) {

    public static final String FIELD = "Subject";

    /** Measures a raw header field. */
    public static SubjectMeasure of(SubjectField field) {
        return new SubjectMeasure(Graphemes.count(SubjectDecoder.decode(field.value()).text()),
            field.wireBytes());
    }

    /** The length in {@code unit}. */
    public int in(LengthUnit unit) {
        return unit == LengthUnit.CHARACTERS ? characters : bytes;
    }
}
