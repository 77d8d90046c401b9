package dev.postino.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checks that the JDK's BreakIterator really follows UAX #29 on the cases that matter here. */
class GraphemesTest {

    static final String FAMILY = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // 👩‍👩‍👧
    static final String ITALY = "\uD83C\uDDEE\uD83C\uDDF9"; // 🇮🇹
    static final String THUMB_MEDIUM = "\uD83D\uDC4D\uD83C\uDFFD"; // 👍🏽
    static final String E_ACUTE_COMBINING = "e\u0301";
    static final String RAINBOW_FLAG = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08"; // 🏳️‍🌈

    @Test
    void emojiZwjSequenceIsOneCharacter() {
        assertThat(Graphemes.count(FAMILY)).isEqualTo(1);
        assertThat(Graphemes.count(RAINBOW_FLAG)).isEqualTo(1);
    }

    @Test
    void flagIsOneCharacterAndAdjacentFlagsPairCorrectly() {
        assertThat(Graphemes.count(ITALY)).isEqualTo(1);
        assertThat(Graphemes.count(ITALY + ITALY + ITALY)).isEqualTo(3);
    }

    @Test
    void skinToneModifierStaysWithItsEmoji() {
        assertThat(Graphemes.count(THUMB_MEDIUM)).isEqualTo(1);
    }

    @Test
    void combiningAccentStaysWithItsBase() {
        assertThat(Graphemes.count(E_ACUTE_COMBINING + E_ACUTE_COMBINING)).isEqualTo(2);
        assertThat(Graphemes.prefix("ca" + E_ACUTE_COMBINING + "x", 3)).isEqualTo("ca" + E_ACUTE_COMBINING);
    }

    @Test
    void hebrewPointsStayWithTheirLetter() {
        String shalom = "\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD"; // שָׁלוֹם with points
        assertThat(Graphemes.count(shalom)).isEqualTo(4);
        assertThat(Graphemes.prefix(shalom, 1)).isEqualTo("\u05E9\u05C1\u05B8");
    }

    @Test
    void devanagariVowelSignsAndViramaAreNeverCutOff() {
        String namaste = "नमस्ते";
        for (int n = 0; n <= Graphemes.count(namaste); n++) {
            String prefix = Graphemes.prefix(namaste, n);
            if (prefix.length() < namaste.length()) {
                int next = namaste.codePointAt(prefix.length());
                assertThat(Character.getType(next))
                    .as("the cut after %d clusters leaves no dependent sign behind", n)
                    .isNotIn((int) Character.NON_SPACING_MARK, (int) Character.COMBINING_SPACING_MARK);
                assertThat(prefix).doesNotEndWith("\u094D"); // never end on a bare virama
            }
        }
    }

    @Test
    void prefixCountsClustersNotChars() {
        String text = FAMILY + ITALY + THUMB_MEDIUM + "abc";
        assertThat(Graphemes.count(text)).isEqualTo(6);
        assertThat(Graphemes.prefix(text, 2)).isEqualTo(FAMILY + ITALY);
        assertThat(Graphemes.prefix(text, 0)).isEmpty();
        assertThat(Graphemes.prefix(text, 100)).isEqualTo(text);
    }

    @Test
    void crLfIsOneClusterAndOtherLatinTextOneClusterPerChar() {
        assertThat(Graphemes.count("a\r\nb")).isEqualTo(3);
        assertThat(Graphemes.count("caff\u00e8 \u00ad\u00bf")).isEqualTo(8);
    }

    @Test
    void countUpToStopsAtTheLimit() {
        assertThat(Graphemes.countUpTo("abcdef", 3)).isEqualTo(3);
        assertThat(Graphemes.countUpTo(FAMILY.repeat(10), 4)).isEqualTo(4);
        assertThat(Graphemes.countUpTo("ab", 5)).isEqualTo(2);
    }

    @Test
    void latinPrefixFollowedByACombiningMarkIsNotCutBeforeTheMark() {
        assertThat(Graphemes.prefix("abce\u0301f", 4)).isEqualTo("abce\u0301");
    }
}
