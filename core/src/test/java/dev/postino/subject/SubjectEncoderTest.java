package dev.postino.subject;

import static dev.postino.subject.SubjectContract.assertValidSubjectValue;
import static dev.postino.subject.SubjectContract.decodedByJakarta;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SubjectEncoderTest {

    private static final Charset JIS = Charset.forName("ISO-2022-JP");

    private static String encode(String text, Charset preferred) {
        return SubjectEncoder.encode(text, Optional.ofNullable(preferred), "Subject");
    }

    @Test
    void plainAsciiStaysUnencoded() {
        assertThat(encode("Riunione di lunedi", StandardCharsets.UTF_8)).isEqualTo("Riunione di lunedi");
    }

    @Test
    void longAsciiIsFoldedAtSpacesWithin78() {
        String text = "Lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(4).strip();
        String value = encode(text, null);
        assertThat(value).contains("\r\n ").doesNotContain("=?");
        assertValidSubjectValue(value);
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo(text);
    }

    @Test
    void asciiThatLooksLikeAnEncodedWordIsEncoded() {
        String value = encode("prezzo =?UTF-8?Q?x?= ok", null);
        assertThat(value).startsWith("prezzo =?UTF-8?");
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo("prezzo =?UTF-8?Q?x?= ok");
    }

    @Test
    void originalCharsetIsKeptWhenItCanRepresentTheText() {
        String value = encode("Città di Roma", StandardCharsets.ISO_8859_1);
        assertThat(value).isEqualTo("=?ISO-8859-1?Q?Citt=E0?= di Roma");
    }

    @Test
    void utf8IsUsedWhenTheOriginalCharsetCannotRepresentTheText() {
        String value = encode("Città 🙂", StandardCharsets.ISO_8859_1);
        assertThat(value).startsWith("=?UTF-8?");
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo("Città 🙂");
    }

    @Test
    void iso2022jpIsKeptAndEveryWordIsSelfContained() {
        String text = "会議のお知らせ：来週の月曜日に全社会議を開催します。詳細は添付資料をご確認ください。";
        String value = encode(text, JIS);
        assertThat(value).startsWith("=?ISO-2022-JP?B?");
        assertValidSubjectValue(value);
        for (String word : value.split("\\s+")) {
            assertThat(SubjectDecoder.decode(word).text()).doesNotContain("\uFFFD");
        }
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo(text);
    }

    @Test
    void longNonAsciiTextIsSplitIntoWordsOfAtMost75AndLinesOfAtMost78() {
        String text = "Offerta speciale – città, caffè e più ".repeat(10).strip();
        String value = encode(text, StandardCharsets.UTF_8);
        assertValidSubjectValue(value);
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo(text);
    }

    @Test
    void asciiWordsStayPlainAndOnlyTheWordsThatNeedItAreEncoded() {
        String value = encode("Offerta speciale per te: caffè e cornetto", null);
        assertThat(value).isEqualTo("Offerta speciale per te: =?UTF-8?B?Y2FmZsOo?= e cornetto");
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo("Offerta speciale per te: caffè e cornetto");
        assertThat(decodedByJakarta(value)).isEqualTo("Offerta speciale per te: caffè e cornetto");
    }

    @Test
    void neighbouringWordsThatNeedEncodingShareOneRunWithTheirSpaces() {
        String value = encode("Prezzi più bassi: più risparmio", StandardCharsets.ISO_8859_1);
        assertThat(value).matches("Prezzi =\\?ISO-8859-1\\?[BQ]\\?[^ ]+\\?= bassi: =\\?ISO-8859-1\\?[BQ]\\?[^ ]+\\?= risparmio");
        String run = encode("città più bella", StandardCharsets.ISO_8859_1);
        assertThat(run).matches("=\\?ISO-8859-1\\?[BQ]\\?[^ ]+\\?= bella");
        assertThat(decodedByJakarta(run)).isEqualTo("città più bella");
    }

    /**
     * The defect the fuzzing found: at the end of a line the encoder began a word with too little
     * room for a multi-byte character and wrote lines of 79 to 81 characters. Every start column,
     * every wide character, default settings.
     */
    @Test
    void aWideCharacterAtAnyColumnNeverPushesALinePast78() {
        for (String wide : List.of("…", "€", "\uD83D\uDE00", GraphemesTest.FAMILY, "漢", "\u0301")) {
            for (int column = 1; column < 160; column++) {
                String text = "x".repeat(column % 70 + 1) + " " + "y".repeat(column / 70 + 1) + " " + wide.repeat(1 + column % 4)
                    + " fine" + wide;
                String value = encode(text, null);
                assertValidSubjectValue(value);
                assertThat(decodedByJakarta(value)).isEqualTo(text);
            }
        }
    }

    @Test
    void runsOfSpacesAreFoldedNotLeftOnOneLine() {
        String text = "Offerta" + " ".repeat(60) + "speciale" + " ".repeat(100) + "per" + "  te".repeat(40);
        String value = encode(text, null);
        assertValidSubjectValue(value);
        assertThat(decodedByJakarta(value)).isEqualTo(text);
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo(text);
    }

    @Test
    void aWordLongerThanALineIsEncodedSoItCanBeSplit() {
        String url = "https://example.com/" + "a".repeat(120);
        String value = encode("Vedi " + url + " ora", null);
        assertValidSubjectValue(value);
        assertThat(value).startsWith("Vedi =?").endsWith("?= ora");
        assertThat(decodedByJakarta(value)).isEqualTo("Vedi " + url + " ora");
    }

    @Test
    void aWordEndingInABackslashIsNeverFollowedByAFold() {
        String text = "a\\ " + "b".repeat(75);
        String value = encode(text, null);
        assertValidSubjectValue(value);
        assertThat(decodedByJakarta(value)).isEqualTo(text);
    }

    @Test
    void spacesAReaderWouldDropAreEncoded() {
        for (String text : List.of("  two leading", "trailing  ", "   ")) {
            String value = encode(text, null);
            assertValidSubjectValue(value);
            assertThat(decodedByJakarta(value)).isEqualTo(text);
        }
    }

    @Test
    void latin1TextWithC1ControlsIsNotKeptInLatin1() {
        // SubjectDecoder, like browsers and mail clients, reads an ISO-8859-1 label as windows-1252.
        String value = encode("prezzo \u0080 fisso", StandardCharsets.ISO_8859_1);
        assertThat(value).contains("=?UTF-8?");
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo("prezzo \u0080 fisso");
    }

    @Test
    void charsetsMailClientsDoNotKnowByTheirJavaNameBecomeUtf8() {
        for (String name : List.of("x-windows-949", "UTF-16", "UTF-32", "IBM037", "x-IBM1364", "US-ASCII")) {
            String value = encode("caffè 한국", Charset.forName(name));
            assertThat(value).as(name).contains("=?UTF-8?");
        }
    }

    @Test
    void aCharsetThatDoesNotGiveTheTextBackIsNotKept() {
        // Java's Shift_JIS writes U+301C WAVE DASH as 0x8160, which Windows-31J readers show as U+FF5E.
        assertThat(encode("明日〜", Charset.forName("Shift_JIS"))).contains("=?UTF-8?");
        assertThat(encode("明日", Charset.forName("Shift_JIS"))).startsWith("=?Shift_JIS?");
    }

    @Test
    void longAsciiTextWithAnEllipsisStaysReadableUntilTheLastWord() {
        String text = "Lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(3) + "fine…";
        String value = encode(text, null);
        assertValidSubjectValue(value);
        assertThat(value).contains("adipiscing elit =?UTF-8?").endsWith("?=");
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo(text);
    }

    @Test
    void mostlyNonAsciiTextUsesBase64() {
        assertThat(encode("Привет, как дела?", null)).startsWith("=?UTF-8?B?");
    }

    @Test
    void emojiAreNeverSplitAcrossEncodedWords() {
        String text = (GraphemesTest.FAMILY + GraphemesTest.ITALY + GraphemesTest.THUMB_MEDIUM).repeat(12);
        String value = encode(text, null);
        assertValidSubjectValue(value);
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo(text);
    }

    @Test
    void wireLengthCountsNameColonSpaceAndFolds() {
        assertThat(SubjectEncoder.wireLength("Subject", "ab\r\n cd")).isEqualTo(9 + 7);
    }
}
