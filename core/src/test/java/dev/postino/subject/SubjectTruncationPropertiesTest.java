package dev.postino.subject;

import static dev.postino.subject.SubjectContract.assertValidSubjectValue;
import static dev.postino.subject.SubjectContract.decodedByJakarta;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The promises of the truncation, over random Unicode text: the result decodes to a
 * cluster-boundary prefix of the input plus the marker, stays within budget in both units,
 * and is valid RFC 2047.
 */
class SubjectTruncationPropertiesTest {

    private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8,
        StandardCharsets.ISO_8859_1, Charset.forName("ISO-2022-JP"), Charset.forName("windows-1252"));

    @Provide
    Arbitrary<String> subjects() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
            Tuple.of(30, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)),
            Tuple.of(15, Arbitraries.of(" ", "  ", ", ", " - ", "=?", "?=", "_", "=")),
            Tuple.of(10, Arbitraries.strings().withCharRange('\u00a0', '\u00ff').ofMinLength(1).ofMaxLength(4)),
            Tuple.of(8, Arbitraries.strings().withCharRange('\u4e00', '\u4fff').ofMinLength(1).ofMaxLength(6)),
            Tuple.of(5, Arbitraries.strings().withCharRange('\u3041', '\u3093').ofMinLength(1).ofMaxLength(4)),
            Tuple.of(8, Arbitraries.of(GraphemesTest.FAMILY, GraphemesTest.ITALY,
                GraphemesTest.THUMB_MEDIUM, GraphemesTest.RAINBOW_FLAG, "\uD83D\uDE00", "\uD83C\uDDEE")),
            Tuple.of(6, Arbitraries.of("e\u0301", "\u0301", "नमस्ते", "क्ष", "\u05E9\u05C1\u05B8",
                "\u0645\u064E", "\u200D", "\uFE0F")),
            Tuple.of(3, Arbitraries.integers().between(0x1F300, 0x1FAFF)
                .filter(Character::isDefined).map(Character::toString)));
        return piece.list().ofMinSize(0).ofMaxSize(80).map(parts -> String.join("", parts).strip());
    }

    @Provide
    Arbitrary<String> markers() {
        return Arbitraries.of("…", "...", " [...]", "", "✂", "=?x?=", "[troncato]");
    }

    @Provide
    Arbitrary<String> rawSubjects() {
        return Combinators.combine(subjects(), Arbitraries.of(CHARSETS))
            .as((text, charset) -> SubjectEncoder.encode(text, Optional.of(charset), "Subject"));
    }

    @Property(tries = 400)
    void encodingRoundTripsAndIsValid(@ForAll("subjects") String text) {
        String value = SubjectEncoder.encode(text, Optional.empty(), "Subject");
        assertValidSubjectValue(value);
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo(text);
        assertThat(decodedByJakarta(value)).isEqualTo(text);
    }

    /**
     * The encoder's contract over all of Unicode and every charset the JVM has (the encoder
     * decides which it keeps): a valid field that Jakarta Mail reads back as exactly the text.
     */
    @Property(tries = 500)
    void anyTextInAnyPreferredCharsetReadsBackThroughJakarta(@ForAll("anyText") String text,
                                                           @ForAll("anyCharset") Charset preferred) {
        String value = SubjectEncoder.encode(text, Optional.of(preferred), "Subject");

        assertValidSubjectValue(value);
        assertThat(decodedByJakarta(value)).isEqualTo(text);
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo(SubjectContract.strip(text));
    }

    /** The same for text that the preferred charset can hold, so the charset is really kept. */
    @Property(tries = 500)
    void textAKeptCharsetCanHoldReadsBackThroughJakarta(@ForAll("anyText") String text,
                                                      @ForAll("keepableCharset") Charset preferred) {
        String representable = text.codePoints().filter(cp -> preferred.newEncoder().canEncode(Character.toString(cp)))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String value = SubjectEncoder.encode(representable, Optional.of(preferred), "Subject");

        assertValidSubjectValue(value);
        assertThat(decodedByJakarta(value)).isEqualTo(representable);
    }

    /**
     * TruncateSubject's whole contract, over all of Unicode, in both units, with any marker:
     * lines ≤ 78, words ≤ 75, the byte budget, and a result that Jakarta Mail decodes to a
     * grapheme-boundary prefix of the original plus the marker.
     */
    @Property(tries = 500)
    void truncationKeepsTheContractOverAllOfUnicode(@ForAll("anyText") String text,
                                                   @ForAll("anyCharset") Charset charset,
                                                   @ForAll LengthUnit unit,
                                                   @ForAll @IntRange(min = 1, max = 400) int max,
                                                   @ForAll("anyMarker") String marker) {
        Assume.that(max >= SubjectTruncator.minimumMaxLength(unit, marker));
        String raw = SubjectEncoder.encode(text, Optional.of(charset), "Subject");
        TruncationOutcome outcome = new SubjectTruncator(max, unit, marker).apply(raw);

        SubjectContract.assertTruncationContract(raw, SubjectContract.strip(decodedByJakarta(raw)), outcome, unit, max, marker);
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
            Tuple.of(25, Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12)),
            Tuple.of(15, Arbitraries.integers().between(1, 60).map(" "::repeat)),
            Tuple.of(5, Arbitraries.strings().withChars("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").ofMinLength(1).ofMaxLength(4)),
            Tuple.of(8, Arbitraries.of("…", "€", "–", "“", "”", "é", "ß", "\u00a0", "\t", "\u001b", "\u007f", "\u0085", "\u0081")),
            Tuple.of(10, Arbitraries.integers().between(0x20, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF).map(Character::toString)),
            Tuple.of(6, Arbitraries.of(GraphemesTest.FAMILY, GraphemesTest.ITALY, GraphemesTest.THUMB_MEDIUM,
                GraphemesTest.RAINBOW_FLAG, GraphemesTest.E_ACUTE_COMBINING, "\uD83D\uDE00", "नमस्ते", "\u0301\u0301")),
            Tuple.of(6, Arbitraries.strings().withCharRange('\u3041', '\u3093').withCharRange('\u4e00', '\u4fff')
                .withCharRange('\u0410', '\u044f').withCharRange('\uac00', '\uac50').ofMinLength(1).ofMaxLength(12)),
            Tuple.of(3, Arbitraries.of("=?", "?=", "=?UTF-8?Q?x?=", "_", "=")),
            Tuple.of(2, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(70).ofMaxLength(120)));
        return piece.list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Charset> anyCharset() {
        return Arbitraries.of(Charset.availableCharsets().values());
    }

    @Provide
    Arbitrary<Charset> keepableCharset() {
        return Arbitraries.of(Charset.availableCharsets().values().stream()
            .filter(c -> SubjectEncoder.chooseCharset("", Optional.of(c)).equals(c)).toList());
    }

    @Provide
    Arbitrary<String> anyMarker() {
        return Arbitraries.oneOf(markers(), anyText().map(SubjectContract::strip)
            .filter(m -> m.chars().noneMatch(c -> c < 0x20 || c == 0x7f) && m.length() < 30));
    }

    @Property(tries = 400)
    void characterCutIsAClusterPrefixPlusMarkerWithinBudget(@ForAll("rawSubjects") String raw,
                                                           @ForAll @IntRange(min = 2, max = 120) int max,
                                                           @ForAll("markers") String marker) {
        Assume.that(max >= SubjectTruncator.minimumMaxLength(LengthUnit.CHARACTERS, marker));
        String input = SubjectDecoder.decode(raw).text();
        TruncationOutcome outcome = new SubjectTruncator(max, LengthUnit.CHARACTERS, marker).apply(raw);
        String output = SubjectDecoder.decode(outcome.newValue()).text();
        assertThat(Graphemes.count(output)).isLessThanOrEqualTo(max);
        if (outcome.changed()) {
            assertCut(input, output, marker.isEmpty() || !output.isEmpty() ? marker : "");
            assertValidSubjectValue(outcome.newValue());
            assertThat(decodedByJakarta(outcome.newValue())).isEqualTo(output);
        } else {
            assertThat(output).isEqualTo(input);
        }
    }

    @Property(tries = 400)
    void byteCutIsAClusterPrefixPlusMarkerWithinBudget(@ForAll("rawSubjects") String raw,
                                                      @ForAll @IntRange(min = 42, max = 600) int max) {
        String input = SubjectDecoder.decode(raw).text();
        TruncationOutcome outcome = new SubjectTruncator(max, LengthUnit.BYTES, "…").apply(raw);
        assertThat(SubjectEncoder.wireLength("Subject", outcome.newValue())).isLessThanOrEqualTo(max);
        String output = SubjectDecoder.decode(outcome.newValue()).text();
        switch (outcome.verdict()) {
            case UNCHANGED, REENCODED -> assertThat(output).isEqualTo(input);
            case TRUNCATED -> assertCut(input, output, "…");
        }
        if (outcome.changed()) {
            assertValidSubjectValue(outcome.newValue());
            assertThat(decodedByJakarta(outcome.newValue())).isEqualTo(output);
        }
    }

    @Property(tries = 300)
    void wordsSplitAtAnyByteInAnyEncodingDecodeToTheOriginalText(@ForAll("subjects") String text,
                                                                 @ForAll("cuts") List<Integer> cuts,
                                                                 @ForAll boolean base64) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder raw = new StringBuilder();
        int start = 0;
        int k = 0;
        while (start < bytes.length) {
            int size = cuts.isEmpty() ? 7 : cuts.get(k++ % cuts.size());
            int end = Math.min(bytes.length, start + size);
            byte[] part = java.util.Arrays.copyOfRange(bytes, start, end);
            if (raw.length() > 0) {
                raw.append(k % 3 == 0 ? "\r\n " : k % 3 == 1 ? " " : "\r\n\t ");
            }
            raw.append(base64 ? "=?utf-8?b?" + java.util.Base64.getEncoder().encodeToString(part) : "=?UTF-8?Q?" + q(part))
                .append("?=");
            start = end;
        }
        assertThat(SubjectDecoder.decode(raw.toString()).text()).isEqualTo(text);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(10);
    }

    private static String q(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("=%02X", b & 0xff));
        }
        return out.toString();
    }

    @Property(tries = 300)
    void countingAndCuttingAgreeWithThePlainBreakIterator(@ForAll("subjects") String text,
                                                         @ForAll @IntRange(min = 0, max = 60) int n) {
        java.text.BreakIterator it = java.text.BreakIterator.getCharacterInstance();
        it.setText(text);
        java.util.List<Integer> ends = new java.util.ArrayList<>();
        for (int b = it.next(); b != java.text.BreakIterator.DONE; b = it.next()) {
            ends.add(b);
        }
        assertThat(Graphemes.count(text)).isEqualTo(ends.size());
        assertThat(Graphemes.prefixEnd(text, n)).isEqualTo(n == 0 || ends.isEmpty() ? 0 : ends.get(Math.min(n, ends.size()) - 1));
    }

    @Property(tries = 300)
    void decodingNeverYieldsMoreCharactersThanTheRawValueHas(@ForAll("rawSubjects") String raw) {
        assertThat(Graphemes.count(SubjectDecoder.decode(raw).text())).isLessThanOrEqualTo(raw.length());
    }

    private static void assertCut(String input, String output, String marker) {
        assertThat(output).endsWith(marker);
        String prefix = output.substring(0, output.length() - marker.length());
        assertThat(input).startsWith(prefix);
        assertThat(Graphemes.prefix(input, Graphemes.count(prefix)))
            .as("the cut falls on a grapheme cluster boundary").isEqualTo(prefix);
    }
}
