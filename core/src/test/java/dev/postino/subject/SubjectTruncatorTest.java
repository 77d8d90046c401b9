package dev.postino.subject;

import static dev.postino.subject.SubjectContract.assertValidSubjectValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postino.subject.TruncationOutcome.Verdict;

class SubjectTruncatorTest {

    private static final String MARKER = SubjectTruncator.DEFAULT_MARKER;

    private static SubjectTruncator chars(int max) {
        return new SubjectTruncator(max, LengthUnit.CHARACTERS, MARKER);
    }

    private static SubjectTruncator bytes(int max) {
        return new SubjectTruncator(max, LengthUnit.BYTES, MARKER);
    }

    private static String decoded(TruncationOutcome outcome) {
        return SubjectDecoder.decode(outcome.newValue()).text();
    }

    @Test
    void shortSubjectIsLeftExactlyAsItWas() {
        String raw = "=?utf-8?q?Ciao?=  \r\n =?utf-8?q?_a_tutti?=";
        TruncationOutcome outcome = chars(200).apply(raw);
        assertThat(outcome.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(outcome.newValue()).isSameAs(raw);
    }

    @Test
    void aRawValueNoLongerThanTheBudgetIsCertainlyWithinIt() {
        assertThat(chars(10).certainlyWithin(SubjectField.ofValue("=?utf-8?q?a?="))).isFalse();
        assertThat(chars(13).certainlyWithin(SubjectField.ofValue("=?utf-8?q?a?="))).isTrue();
        assertThat(bytes(100).certainlyWithin(SubjectField.ofValue("x".repeat(91)))).isTrue();
        assertThat(bytes(100).certainlyWithin(SubjectField.ofValue("x".repeat(92)))).isFalse();
    }

    @Test
    void subjectExactlyAtTheLimitIsUntouched() {
        assertThat(chars(10).apply("0123456789").changed()).isFalse();
    }

    @Test
    void subjectOneUnderTheLimitIsUntouched() {
        assertThat(chars(10).apply("012345678").changed()).isFalse();
    }

    @Test
    void subjectOneOverTheLimitIsCutWithTheMarkerInsideTheBudget() {
        TruncationOutcome outcome = chars(10).apply("0123456789A");
        assertThat(outcome.verdict()).isEqualTo(Verdict.TRUNCATED);
        assertThat(decoded(outcome)).isEqualTo("012345678…");
        assertThat(outcome.after().characters()).isEqualTo(10);
        assertThat(outcome.before().characters()).isEqualTo(11);
    }

    @Test
    void trailingSpaceBeforeTheMarkerIsDropped() {
        assertThat(decoded(chars(7).apply("Ciao a tutti"))).isEqualTo("Ciao a…");
        assertThat(decoded(chars(6).apply("Ciao a tutti"))).isEqualTo("Ciao…");
    }

    @Test
    void asciiMarkerGivesAPlainAsciiResult() {
        TruncationOutcome outcome = new SubjectTruncator(10, LengthUnit.CHARACTERS, "...").apply("Hello wonderful world");
        assertThat(outcome.newValue()).isEqualTo("Hello w...");
    }

    @Test
    void emptyMarkerJustCuts() {
        assertThat(new SubjectTruncator(5, LengthUnit.CHARACTERS, "").apply("abcdefgh").newValue()).isEqualTo("abcde");
    }

    @Test
    void emojiZwjSequencesFlagsAndSkinTonesAreNeverSplit() {
        String text = (GraphemesTest.FAMILY + GraphemesTest.ITALY + GraphemesTest.THUMB_MEDIUM).repeat(5);
        for (int max = 2; max < 15; max++) {
            String result = decoded(chars(max).apply(text));
            String prefix = result.substring(0, result.length() - 1);
            assertThat(Graphemes.prefix(text, Graphemes.count(prefix))).isEqualTo(prefix);
            assertThat(Graphemes.count(result)).isEqualTo(max);
        }
    }

    @Test
    void cjkSubjectIsCutByCharacters() {
        String text = "关于下周一全体员工大会的重要通知请所有部门负责人务必准时参加";
        TruncationOutcome outcome = chars(10).apply(SubjectEncoder.encode(text, Optional.of(Charset.forName("GB2312")), "Subject"));
        assertThat(decoded(outcome)).isEqualTo("关于下周一全体员工…");
        assertThat(outcome.newValue()).startsWith("=?GB2312?");
        assertValidSubjectValue(outcome.newValue());
    }

    @Test
    void japaneseIso2022jpSubjectStaysIso2022jp() {
        String raw = SubjectEncoder.encode("会議のお知らせ：来週の月曜日に全社会議を開催します", Optional.of(Charset.forName("ISO-2022-JP")), "Subject");
        TruncationOutcome outcome = chars(8).apply(raw);
        assertThat(decoded(outcome)).isEqualTo("会議のお知らせ…");
        assertThat(outcome.newValue()).startsWith("=?ISO-2022-JP?B?");
    }

    @Test
    void arabicRightToLeftSubjectKeepsItsHarakat() {
        String text = "مَرْحَبًا بِكُمْ فِي الْعَرْضِ الْخَاصِّ";
        String result = decoded(chars(5).apply(text));
        assertThat(result).isEqualTo("\u0645\u064E\u0631\u0652\u062D\u064E\u0628\u064B…");
        assertThat(Graphemes.count(result)).isEqualTo(5);
    }

    @Test
    void hebrewSubjectIsCutBetweenLetters() {
        String text = "\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD \u05DC\u05DB\u05D5\u05DC\u05DD";
        assertThat(decoded(chars(3).apply(text))).isEqualTo("\u05E9\u05C1\u05B8\u05DC…");
    }

    @Test
    void devanagariSubjectNeverLosesAVowelSign() {
        String text = "नमस्ते दोस्तों आज का विशेष प्रस्ताव";
        for (int max = 2; max < 12; max++) {
            String result = decoded(chars(max).apply(text));
            String prefix = result.substring(0, result.length() - 1);
            assertThat(text).startsWith(prefix);
            int next = text.codePointAt(prefix.length());
            assertThat(Character.getType(next)).isNotIn((int) Character.NON_SPACING_MARK,
                (int) Character.COMBINING_SPACING_MARK);
        }
    }

    @Test
    void iso88591SubjectSwitchesToUtf8WhenTheMarkerIsNotLatin1() {
        TruncationOutcome outcome = chars(9).apply("=?ISO-8859-1?Q?Citt=E0_di_Roma_e_dintorni?=");
        assertThat(outcome.newValue()).startsWith("=?UTF-8?");
        assertThat(decoded(outcome)).isEqualTo("Città di…");
    }

    @Test
    void iso88591SubjectKeepsIso88591WhenTheResultFitsIt() {
        TruncationOutcome outcome = new SubjectTruncator(10, LengthUnit.CHARACTERS, "...")
            .apply("=?ISO-8859-1?Q?Citt=E0_di_Roma_e_dintorni?=");
        assertThat(outcome.newValue()).startsWith("=?ISO-8859-1?");
        assertThat(decoded(outcome)).isEqualTo("Città d...");
    }

    @Test
    void theSeedsPlain3501ByteSpamIsCut() {
        String raw = SpamSubjects.plain3501();
        TruncationOutcome outcome = chars(200).apply(raw);
        assertThat(outcome.before().bytes()).isEqualTo(3501);
        assertThat(outcome.verdict()).isEqualTo(Verdict.TRUNCATED);
        assertThat(outcome.after().characters()).isLessThanOrEqualTo(200);
        assertThat(decoded(outcome)).endsWith("…").startsWith("URGENTE!!! Hai vinto");
        assertValidSubjectValue(outcome.newValue());
    }

    @Test
    void theSeedsSpamAsBase64IsCutAtACharacterBoundary() {
        String raw = SpamSubjects.base64();
        assertThat(SubjectEncoder.wireLength("Subject", raw)).isGreaterThan(3000);
        TruncationOutcome outcome = chars(200).apply(raw);
        String result = decoded(outcome);
        String prefix = result.substring(0, result.length() - 1);
        assertThat(SpamSubjects.spamWithEmoji()).startsWith(prefix);
        assertThat(Graphemes.count(result)).isLessThanOrEqualTo(200);
        assertValidSubjectValue(outcome.newValue());
    }

    @Test
    void theSeedsSpamAsQuotedPrintableIsCutWithinAByteBudget() {
        String raw = SpamSubjects.quotedPrintable();
        TruncationOutcome outcome = bytes(300).apply(raw);
        assertThat(outcome.verdict()).isEqualTo(Verdict.TRUNCATED);
        assertThat(outcome.after().bytes()).isLessThanOrEqualTo(300);
        String result = decoded(outcome);
        assertThat(SpamSubjects.spamWithEmoji()).startsWith(result.substring(0, result.length() - 1));
        assertValidSubjectValue(outcome.newValue());
    }

    @Test
    void bytesBudgetExactlyAtTheLimitIsUntouched() {
        String raw = "x".repeat(100 - 9);
        assertThat(bytes(100).apply(raw).changed()).isFalse();
    }

    @Test
    void bytesBudgetOneUnderTheLimitIsUntouched() {
        String raw = "x".repeat(99 - 9);
        assertThat(bytes(100).apply(raw).changed()).isFalse();
    }

    @Test
    void bytesBudgetOneOverTheLimitIsCut() {
        String raw = "word ".repeat(30).strip();
        int size = SubjectEncoder.wireLength("Subject", raw);
        TruncationOutcome outcome = new SubjectTruncator(size - 1, LengthUnit.BYTES, "...").apply(raw);
        assertThat(outcome.verdict()).isEqualTo(Verdict.TRUNCATED);
        assertThat(outcome.after().bytes()).isLessThanOrEqualTo(size - 1);
        assertThat(outcome.newValue()).endsWith("...");
    }

    @Test
    void bytesModeReencodesAWastefulEncodingWithoutCutting() {
        String raw = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString("Hello".getBytes(StandardCharsets.UTF_8))
            + "?=\r\n =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(" world".getBytes(StandardCharsets.UTF_8)) + "?=";
        TruncationOutcome outcome = bytes(45).apply(raw);
        assertThat(outcome.verdict()).isEqualTo(Verdict.REENCODED);
        assertThat(outcome.newValue()).isEqualTo("Hello world");
    }

    @Test
    void originalIsIdentifiedByItsSha256Only() {
        TruncationOutcome outcome = chars(5).apply("abcdefgh");
        assertThat(outcome.originalSha256())
            .isEqualTo("9c56cc51b374c3ba189210d5b6d4bf57790d351c96c47c02190ecf1e430635ab");
        assertThat(outcome.toString()).doesNotContain("abcdefgh");
    }

    @Test
    void aBudgetThatCannotHoldTheMarkerIsRejected() {
        assertThatThrownBy(() -> new SubjectTruncator(1, LengthUnit.CHARACTERS, "…"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLength 1");
        assertThatThrownBy(() -> new SubjectTruncator(20, LengthUnit.BYTES, "…"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLength 20");
    }

    @Test
    void aMarkerEndingWithWhitespaceIsRejected() {
        assertThatThrownBy(() -> new SubjectTruncator(100, LengthUnit.CHARACTERS, "[cut] "))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marker");
    }

    @Test
    void aMarkerWithControlCharactersIsRejected() {
        assertThatThrownBy(() -> new SubjectTruncator(100, LengthUnit.CHARACTERS, "x\r\nBcc: a@b"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marker");
    }
}
