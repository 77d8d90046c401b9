package dev.postino.subject;

import java.util.Objects;

/**
 * One raw Subject header field as Jakarta Mail keeps it ({@code getMatchingHeaderLines}):
 * name, colon, value with its folds, no final CRLF.
 *
 * @param value     the raw value after the colon, leading whitespace skipped (as
 *                  {@code MimeMessage.getHeader} returns it)
 * @param wireBytes the size of the whole field on the wire, folds included
 */
public record SubjectField(String value, int wireBytes) {

    public SubjectField {
        Objects.requireNonNull(value, "value");
    }

    /** Parses a raw header line such as {@code "Subject: =?UTF-8?Q?...?=\r\n =?UTF-8?Q?...?="}. */
    public static SubjectField parse(String rawLine) {
        int colon = rawLine.indexOf(':');
        int start = colon + 1;
        while (start < rawLine.length() && isFoldingWhitespace(rawLine.charAt(start))) {
            start++;
        }
        return new SubjectField(rawLine.substring(Math.min(start, rawLine.length())),
            SubjectEncoder.wireBytes(rawLine));
    }

    /** A field written the usual way, {@code "Subject: " + value}. */
    public static SubjectField ofValue(String value) {
        return new SubjectField(value, SubjectEncoder.wireLength(SubjectMeasure.FIELD, value));
    }

    private static boolean isFoldingWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
