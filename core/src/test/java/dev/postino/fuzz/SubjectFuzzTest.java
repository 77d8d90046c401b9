package dev.postino.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.postino.subject.LengthUnit;
import dev.postino.subject.SubjectContract;
import dev.postino.subject.SubjectDecoder;
import dev.postino.subject.SubjectEncoder;
import dev.postino.subject.SubjectTruncator;
import dev.postino.subject.TruncationOutcome;

/**
 * The Subject contract for any Subject: what {@link SubjectEncoder} writes, Jakarta Mail reads
 * back exactly; what {@link SubjectTruncator} (TruncateSubject) writes has lines of at most 78,
 * encoded words of at most 75, stays within the budget, and reads as a grapheme-boundary prefix
 * of the original plus the marker. Checked by {@link SubjectContract}, independently of the code
 * under test.
 *
 * <p>Input: byte 0 holds the options: bit 0 the unit (0 characters, 1 bytes), bit 1 what the
 * rest is (0 Unicode text in UTF-8, which the encoder writes first in the chosen charset; 1 a raw
 * header value, one char per byte as Jakarta Mail holds it), bits 2-4 the marker; byte 1 the
 * budget (characters, or four times it in bytes; never below the smallest the marker allows);
 * byte 2 the preferred charset, an index into the JVM's charsets sorted by name; the rest is the
 * text or the value.
 */
class SubjectFuzzTest {

    private static final List<Charset> CHARSETS = List.copyOf(Charset.availableCharsets().values());
    private static final List<String> MARKERS = List.of("…", "", "...", " [...]", "✂", "=?x?=", "[troncato]",
        "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67");

    @FuzzTest
    void subjectContract(byte[] input) {
        int options = byteAt(input, 0);
        LengthUnit unit = (options & 1) == 0 ? LengthUnit.CHARACTERS : LengthUnit.BYTES;
        String marker = MARKERS.get((options >> 2) & 7);
        int max = Math.max(SubjectTruncator.minimumMaxLength(unit, marker),
            unit == LengthUnit.CHARACTERS ? byteAt(input, 1) : 4 * byteAt(input, 1));
        Charset charset = CHARSETS.get(byteAt(input, 2) % CHARSETS.size());
        byte[] rest = input.length > 3 ? Arrays.copyOfRange(input, 3, input.length) : new byte[0];

        String raw;
        String original;
        if ((options & 2) == 0) {
            // The encoder's input is decoded text: CR, LF and NUL never survive decoding.
            String text = new String(rest, UTF_8).replace('\r', ' ').replace('\n', ' ').replace('\u0000', ' ');
            raw = SubjectEncoder.encode(text, Optional.of(charset), "Subject");
            SubjectContract.assertValidSubjectValue(raw);
            assertThat(SubjectContract.decodedByJakarta(raw)).isEqualTo(text);
            original = SubjectContract.strip(text);
        } else {
            raw = new String(rest, ISO_8859_1);
            original = SubjectDecoder.decode(raw).text();
            SubjectContract.assertDisplayableDecoding(raw, original);
        }
        TruncationOutcome outcome = new SubjectTruncator(max, unit, marker).apply(raw);

        SubjectContract.assertTruncationContract(raw, original, outcome, unit, max, marker);
    }

    private static int byteAt(byte[] input, int index) {
        return index < input.length ? input[index] & 0xff : 0;
    }
}
