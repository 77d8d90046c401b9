package dev.postino.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.postino.HostileText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SubjectDecoderTest {

    private static String text(String raw) {
        return SubjectDecoder.decode(raw).text();
    }

    private static String b(String charset, byte[] bytes) {
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }

    @Test
    void plainAsciiIsReturnedAsIs() {
        assertThat(text("Riunione di lunedì? No: martedì")).isEqualTo("Riunione di lunedì? No: martedì");
    }

    @Property(tries = 2000)
    void thePlainAsciiShortcutGivesWhatTheFullPassGives(@ForAll("asciiSubjects") String raw) {
        assertThat(SubjectDecoder.decode(raw)).isEqualTo(SubjectDecoder.decodeFully(raw));
    }

    @Provide
    Arbitrary<String> asciiSubjects() {
        // printable ASCII with the characters the decoder treats specially made frequent
        return Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120),
            Arbitraries.strings().withChars(' ', '\t', '=', '?', 'Q', 'B', 'a', '_', '\r', '\n').ofMaxLength(120));
    }

    @Test
    void nullMeansEmptyText() {
        assertThat(text(null)).isEmpty();
    }

    @Test
    void foldingIsUnfolded() {
        assertThat(text("Offerta\r\n speciale\r\n\tsolo oggi")).isEqualTo("Offerta speciale\tsolo oggi");
    }

    @Test
    void strayCrAndLfBecomeSpaces() {
        assertThat(text("Uno\rdue\nTre\r\n")).isEqualTo("Uno due Tre");
    }

    @Test
    void leadingAndTrailingWhitespaceIsDropped() {
        assertThat(text("   Ciao  ")).isEqualTo("Ciao");
    }

    @Test
    void qEncodedWordIsDecoded() {
        assertThat(text("=?UTF-8?Q?Citt=C3=A0_di_Roma?=")).isEqualTo("Città di Roma");
    }

    @Test
    void bEncodedWordIsDecoded() {
        assertThat(text(b("utf-8", "Caffè ☕".getBytes(StandardCharsets.UTF_8)))).isEqualTo("Caffè ☕");
    }

    @Test
    void lowercaseEncodingLetterIsAccepted() {
        assertThat(text("=?utf-8?q?caff=C3=A8?=")).isEqualTo("caffè");
    }

    @Test
    void whitespaceBetweenAdjacentEncodedWordsIsDropped() {
        assertThat(text("=?UTF-8?Q?Buon?=\r\n =?UTF-8?Q?giorno?=")).isEqualTo("Buongiorno");
    }

    @Test
    void whitespaceBetweenEncodedWordAndTextIsKept() {
        assertThat(text("Re: =?UTF-8?Q?caff=C3=A8?= subito")).isEqualTo("Re: caffè subito");
    }

    @Test
    void utf8CharacterSplitAcrossTwoEncodedWordsDecodesWhole() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        String raw = "=?UTF-8?Q?Prezzo_10=E2=82?= =?UTF-8?Q?=AC?=";
        assertThat(euro).containsExactly(0xE2, 0x82, 0xAC);
        assertThat(text(raw)).isEqualTo("Prezzo 10€");
    }

    @Test
    void emojiSplitAcrossBase64WordsDecodesWhole() {
        byte[] bytes = "ok 👍".getBytes(StandardCharsets.UTF_8);
        byte[] first = java.util.Arrays.copyOfRange(bytes, 0, 5);
        byte[] second = java.util.Arrays.copyOfRange(bytes, 5, bytes.length);
        assertThat(text(b("UTF-8", first) + " " + b("UTF-8", second))).isEqualTo("ok 👍");
    }

    @Test
    void iso2022jpStatefulEncodingDecodes() {
        Charset jis = Charset.forName("ISO-2022-JP");
        assertThat(text(b("ISO-2022-JP", "会議のお知らせ".getBytes(jis)))).isEqualTo("会議のお知らせ");
    }

    @Test
    void iso2022jpEscapeRunSplitAcrossWordsDecodesWhole() {
        Charset jis = Charset.forName("ISO-2022-JP");
        byte[] bytes = "会議".getBytes(jis); // ESC $ B <4 bytes> ESC ( B
        byte[] first = java.util.Arrays.copyOfRange(bytes, 0, 5);
        byte[] second = java.util.Arrays.copyOfRange(bytes, 5, bytes.length);
        assertThat(text(b("iso-2022-jp", first) + " " + b("iso-2022-jp", second))).isEqualTo("会議");
    }

    @Test
    void mixedCharsetsDecodeEachWordAndReportNoSingleCharset() {
        Charset jis = Charset.forName("ISO-2022-JP");
        String raw = "=?ISO-8859-1?Q?Caff=E8?= " + b("ISO-2022-JP", "会議".getBytes(jis));
        DecodedSubject decoded = SubjectDecoder.decode(raw);
        assertThat(decoded.text()).isEqualTo("Caffè会議");
        assertThat(decoded.charset()).isEmpty();
    }

    @Test
    void singleCharsetIsReportedForReencoding() {
        assertThat(SubjectDecoder.decode("=?ISO-8859-1?Q?Caff=E8?= =?iso-8859-1?Q?_al_bar?=").charset())
            .contains(StandardCharsets.ISO_8859_1);
    }

    @Test
    void windows1252MislabelledAsIso88591DecodesQuotesAndEuro() {
        assertThat(text("=?ISO-8859-1?Q?=93Offerta=94_a_5_=80?=")).isEqualTo("“Offerta” a 5 €");
    }

    @Test
    void rawUtf8BytesHeldOnePerCharDecodeAsUtf8() {
        String asBytes = new String("Perché no? 🙂".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(text(asBytes)).isEqualTo("Perché no? 🙂");
    }

    @Test
    void rawUtf8AlreadyDecodedByAllowUtf8IsKept() {
        assertThat(text("Perché no? 🙂")).isEqualTo("Perché no? 🙂");
    }

    @Test
    void raw8BitThatIsNotUtf8DecodesAsWindows1252() {
        String asBytes = new String(new byte[] {'P', 'r', 'e', 'z', 'z', 'o', ' ', (byte) 0x80, ' ', (byte) 0xE8},
            StandardCharsets.ISO_8859_1);
        assertThat(text(asBytes)).isEqualTo("Prezzo € è");
    }

    @Test
    void encodedWordWithoutTerminatorStaysLiteral() {
        assertThat(text("Ciao =?UTF-8?Q?mondo")).isEqualTo("Ciao =?UTF-8?Q?mondo");
    }

    @Test
    void unknownEncodingLetterStaysLiteral() {
        assertThat(text("=?UTF-8?X?abc?=")).isEqualTo("=?UTF-8?X?abc?=");
    }

    @Test
    void base64WithoutPaddingAndWithJunkStillDecodes() {
        assertThat(text("=?UTF-8?B?Q2Fm*ZsOo?=")).isEqualTo("Caffè");
    }

    @Test
    void badQEscapeStaysLiteral() {
        assertThat(text("=?UTF-8?Q?100=ZZ_sconto=4?=")).isEqualTo("100=ZZ sconto=4");
    }

    @Test
    void unknownCharsetFallsBackToUtf8WhenValid() {
        assertThat(text("=?x-unknown?Q?caff=C3=A8?=")).isEqualTo("caffè");
    }

    @Test
    void unknownCharsetFallsBackToWindows1252WhenNotUtf8() {
        assertThat(text("=?x-unknown?Q?caff=E8?=")).isEqualTo("caffè");
    }

    @Test
    void rfc2231LanguageTagIsIgnored() {
        assertThat(text("=?UTF-8*it?Q?caff=C3=A8?=")).isEqualTo("caffè");
    }

    @Test
    void encodedCrLfAndNulBecomeSpaces() {
        assertThat(text("=?UTF-8?Q?a=0D=0Abcc:_x=00y?=")).isEqualTo("a  bcc: x y");
    }

    /**
     * Found by fuzzing: U+FFFD inside a Q word under an unknown charset became three windows-1252
     * characters, so the decoded Subject could be longer than its raw value.
     */
    @Test
    void anEncodedWordHoldingACharacterAboveLatin1StaysLiteral() {
        String raw = "=?x-unknown?Q?\uFFFD\uFFFD=93?=";
        assertThat(text(raw)).isEqualTo(raw);
        // A raw 8-bit char is still read as the byte it stands for (here a lone, invalid UTF-8 byte).
        assertThat(text("=?UTF-8?Q?caff=C3=A8_\u00e8?=")).isEqualTo("caffè \uFFFD");
    }

    @Test
    void rawNulBecomesASpaceLikeAnEncodedOne() {
        assertThat(text("a\u0000b")).isEqualTo("a b");
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacter() {
        assertThat(text("a\uD83D b \uDE00\uD83D\uDE00")).isEqualTo("a\uFFFD b \uFFFD\uD83D\uDE00");
    }

    @Property(tries = 1000)
    void decodingNeverThrowsAndGivesDisplayableText(@ForAll(supplier = HostileText.HeaderValue.class) String raw) {
        SubjectContract.assertDisplayableDecoding(raw, text(raw));
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void hugeHostileValuesDecodeInLinearTime(@ForAll(supplier = HostileText.Huge.class) String raw) {
        long start = System.nanoTime();
        text(raw);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HostileText.HUGE_READ_BUDGET);
    }

    /** Every charset the JVM has, as a word's label, with any bytes: a defined text, never an exception. */
    @Property(tries = 1000)
    void everyCharsetLabelDecodesAnyBytes(@ForAll(supplier = HostileText.CharsetName.class) String label, @ForAll byte[] bytes) {
        assertThat(SubjectDecoder.decodeBytes(bytes, label)).isNotNull();
        assertThat(text(b(label, bytes))).isNotNull();
    }

    @Test
    void encodedWordGluedToTextIsStillDecoded() {
        assertThat(text("Re:=?UTF-8?Q?caff=C3=A8?=")).isEqualTo("Re:caffè");
    }

    @Test
    void aValueFullOfUnterminatedEncodedWordStartsDecodesLiterally() {
        String raw = "=?x?Q?ab ".repeat(50_000).strip();
        assertThat(text(raw)).isEqualTo(raw);
    }
}
