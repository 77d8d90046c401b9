package dev.postino.subject;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The Subject truncation policy: cut a too-long Subject after its last whole user-perceived
 * character that fits, append a marker, and write it back as valid RFC 2047.
 *
 * <p>The budget is {@code maxLength} in a {@link LengthUnit} and the marker is counted
 * <em>inside</em> it, so the result is never longer than {@code maxLength}:
 * <ul>
 *   <li>{@link LengthUnit#CHARACTERS}: the decoded Subject has more than {@code maxLength}
 *       grapheme clusters; the new one is a cluster-boundary prefix plus the marker, together at
 *       most {@code maxLength} clusters;</li>
 *   <li>{@link LengthUnit#BYTES}: the {@code Subject:} field on the wire is longer than
 *       {@code maxLength} bytes; the new field, encoded and folded, is at most {@code maxLength}
 *       bytes. When the whole text re-encoded already fits (a wasteful encoding, not a long text),
 *       it is re-encoded without cut or marker.</li>
 * </ul>
 * Whitespace left at the end of the cut text is dropped before the marker. Cost is linear in the
 * size of the header (in bytes mode, the search is bounded by {@code maxLength}).
 */
public final class SubjectTruncator {

    /** See the mailet's Javadoc for why 200. */
    public static final int DEFAULT_MAX_LENGTH = 200;
    public static final LengthUnit DEFAULT_UNIT = LengthUnit.CHARACTERS;
    public static final String DEFAULT_MARKER = "\u2026";
    /** Room for a few characters of text besides the marker, in bytes mode. */
    private static final int MIN_TEXT_BYTES = 12;

    private final int maxLength;
    private final LengthUnit unit;
    private final String marker;
    private final int markerClusters;

    /**
     * @throws IllegalArgumentException naming the bad value when the budget cannot hold the
     *                                  marker plus some text, or the marker has control characters
     *                                  or ends with whitespace
     */
    public SubjectTruncator(int maxLength, LengthUnit unit, String marker) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.marker = Objects.requireNonNull(marker, "marker");
        for (int i = 0; i < marker.length(); i++) {
            char c = marker.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("marker must not contain control characters: '"
                    + marker.replace("\r", "\\r").replace("\n", "\\n") + "'");
            }
        }
        if (!marker.isEmpty() && SubjectDecoder.isWsp(marker.charAt(marker.length() - 1))) {
            // Readers drop a Subject's trailing whitespace, so such a marker would not survive.
            throw new IllegalArgumentException("marker must not end with whitespace: '" + marker + "'");
        }
        this.markerClusters = Graphemes.count(marker);
        this.maxLength = maxLength;
        int minimum = minimumMaxLength(unit, marker);
        if (maxLength < minimum) {
            throw new IllegalArgumentException("maxLength " + maxLength + " " + unit.label()
                + " is too small for marker '" + marker + "': at least " + minimum + " needed");
        }
    }

    /** The smallest {@code maxLength} that leaves room for the marker and some text. */
    public static int minimumMaxLength(LengthUnit unit, String marker) {
        if (unit == LengthUnit.CHARACTERS) {
            return Graphemes.count(marker) + 1;
        }
        String encoded = SubjectEncoder.encode(marker, Optional.of(StandardCharsets.UTF_8),
            SubjectMeasure.FIELD);
        return SubjectEncoder.wireLength(SubjectMeasure.FIELD, encoded) + MIN_TEXT_BYTES;
    }

    public int maxLength() {
        return maxLength;
    }

    public LengthUnit unit() {
        return unit;
    }

    public String marker() {
        return marker;
    }

    /**
     * True when {@code field} is within the budget without decoding it: in bytes, by its size; in
     * characters, when its raw value has at most {@code maxLength} chars, because decoding never
     * yields more characters than the raw text has (an encoded word, an escape, a byte sequence
     * all decode to fewer or as many). Lets the common short Subject skip the decoder.
     */
    public boolean certainlyWithin(SubjectField field) {
        return unit == LengthUnit.BYTES
            ? field.wireBytes() <= maxLength
            : field.value().length() <= maxLength;
    }

    /** Applies the policy to one raw Subject value (as stored after {@code "Subject: "}). */
    public TruncationOutcome apply(String rawValue) {
        return apply(SubjectField.ofValue(rawValue));
    }

    /** Applies the policy to one raw Subject header field. */
    public TruncationOutcome apply(SubjectField field) {
        String rawValue = field.value();
        DecodedSubject decoded = SubjectDecoder.decode(rawValue);
        String text = decoded.text();
        // In characters mode, counting stops one past the budget: a short Subject costs little.
        int clusters = unit == LengthUnit.CHARACTERS
            ? Graphemes.countUpTo(text, maxLength + 1)
            : Graphemes.count(text);
        SubjectMeasure within = new SubjectMeasure(clusters, field.wireBytes());
        if (within.in(unit) <= maxLength) {
            return TruncationOutcome.unchanged(rawValue, within);
        }
        SubjectMeasure before = unit == LengthUnit.CHARACTERS
            ? new SubjectMeasure(Graphemes.count(text), field.wireBytes())
            : within;
        return unit == LengthUnit.CHARACTERS
            ? cutCharacters(rawValue, decoded, before)
            : cutBytes(rawValue, decoded, before);
    }

    private TruncationOutcome cutCharacters(String rawValue, DecodedSubject decoded,
                                            SubjectMeasure before) {
        String text = decoded.text();
        String kept = stripTrailingWhitespace(Graphemes.prefix(text, maxLength - markerClusters));
        String newText = kept + marker;
        String value = SubjectEncoder.encode(newText, decoded.charset(), SubjectMeasure.FIELD);
        return TruncationOutcome.truncated(rawValue, value, newText, before, measure(newText, value),
            sha256(rawValue));
    }

    private TruncationOutcome cutBytes(String rawValue, DecodedSubject decoded,
                                       SubjectMeasure before) {
        String text = decoded.text();
        Optional<Charset> charset = decoded.charset();
        String whole = SubjectEncoder.encode(text, charset, SubjectMeasure.FIELD);
        if (SubjectEncoder.wireLength(SubjectMeasure.FIELD, whole) <= maxLength) {
            return TruncationOutcome.reencoded(rawValue, whole, text, before,
                measure(text, whole), sha256(rawValue));
        }
        // Every cluster costs at least one byte, so only the first maxLength boundaries matter;
        // the encoded size grows with the prefix, so a binary search finds the longest that fits.
        int[] ends = Graphemes.boundaries(text, maxLength);
        int low = 0;
        int high = ends.length;
        String bestText = marker;
        String bestValue = SubjectEncoder.encode(marker, charset, SubjectMeasure.FIELD);
        if (SubjectEncoder.wireLength(SubjectMeasure.FIELD, bestValue) > maxLength) {
            // The smallest budget is sized for the marker in UTF-8 (minimumMaxLength); the
            // original charset may write it longer.
            bestValue = SubjectEncoder.encode(marker, Optional.of(StandardCharsets.UTF_8), SubjectMeasure.FIELD);
        }
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            String candidate = stripTrailingWhitespace(text.substring(0, ends[mid - 1])) + marker;
            String value = SubjectEncoder.encode(candidate, charset, SubjectMeasure.FIELD);
            if (SubjectEncoder.wireLength(SubjectMeasure.FIELD, value) <= maxLength) {
                low = mid;
                bestText = candidate;
                bestValue = value;
            } else {
                high = mid - 1;
            }
        }
        return TruncationOutcome.truncated(rawValue, bestValue, bestText, before,
            measure(bestText, bestValue), sha256(rawValue));
    }

    private static SubjectMeasure measure(String text, String value) {
        return new SubjectMeasure(Graphemes.count(text),
            SubjectEncoder.wireLength(SubjectMeasure.FIELD, value));
    }

    static String stripTrailingWhitespace(String s) {
        int end = s.length();
        while (end > 0 && SubjectDecoder.isWsp(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** SHA-256 of the raw value's bytes, lowercase hex: lets an admin match a log line to a mail. */
    public static String sha256(String rawValue) {
        boolean wide = false;
        for (int i = 0; i < rawValue.length() && !wide; i++) {
            wide = rawValue.charAt(i) > 0xff;
        }
        byte[] bytes = rawValue.getBytes(wide ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException everyJvmHasSha256) {
            throw new IllegalStateException(everyJvmHasSha256);
        }
    }
}
