package dev.postino.subject;

import static dev.postino.subject.Rfc2047Check.assertValidSubjectValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
        assertThat(value).isEqualTo("=?ISO-8859-1?Q?Citt=E0_di_Roma?=");
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
    void leadingAsciiWordsStayPlainAndOnlyTheRestIsEncoded() {
        String value = encode("Offerta speciale per te: caffè e cornetto", null);
        assertThat(value).startsWith("Offerta speciale per te: =?UTF-8?Q?caff=C3=A8");
        assertThat(SubjectDecoder.decode(value).text()).isEqualTo("Offerta speciale per te: caffè e cornetto");
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
