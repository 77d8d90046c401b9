package dev.postino.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeUtility;

/**
 * Test helper: the Subject contract, checked independently of the code under test. Line lengths
 * are counted on the field as it goes on the wire; encoded words are taken apart with the JDK's
 * Base64, a Q decoder written here from RFC 2047 §4.2 and the JDK's charsets; the text a reader
 * sees is what Jakarta Mail, James's own MIME library, decodes; grapheme clusters are the JDK's
 * BreakIterator's. Shared by the unit and property tests and the Subject fuzz target.
 */
public final class SubjectContract {

    static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");

    private SubjectContract() {
    }

    /**
     * The value is a valid folded Subject: printable ASCII with CRLF + space folds, every line
     * (the first with its {@code "Subject: "}) at most 78 characters and not blank, every encoded
     * word well formed, at most 75 characters, and decoding on its own to whole characters.
     */
    public static void assertValidSubjectValue(String value) {
        assertThat(value).as("only printable ASCII and CRLF+SP folds")
            .matches("(?s)[\\x20-\\x7e]*(\\r\\n [\\x20-\\x7e]*)*");
        for (String line : ("Subject: " + value).split("\r\n", -1)) {
            assertThat(line.length()).as("line ≤ 78: %s", line).isLessThanOrEqualTo(78);
            assertThat(line.isBlank()).as("no whitespace-only line").isFalse();
        }
        for (String token : value.split("\\s+")) {
            if (token.contains("=?")) {
                Matcher m = ENCODED_WORD.matcher(token);
                assertThat(m.matches()).as("well-formed encoded word: %s", token).isTrue();
                assertThat(token.length()).as("encoded word ≤ 75: %s", token).isLessThanOrEqualTo(75);
                assertWholeCharacters(m);
            }
        }
    }

    /** What a reader shows for the value: Jakarta Mail unfolds and decodes it. */
    public static String decodedByJakarta(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (UnsupportedEncodingException e) {
            throw new AssertionError("Jakarta Mail cannot decode " + value, e);
        }
    }

    /** RFC 2047 §5: each encoded word must decode on its own to whole characters. */
    private static void assertWholeCharacters(Matcher word) {
        Charset charset = Charset.forName(word.group(1));
        String text = word.group(3);
        byte[] bytes = word.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(text) : q(text);
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new AssertionError("encoded word splits a character: " + word.group(), e);
        }
    }

    /** RFC 2047 §4.2, strictly: "_" is a space, "=XX" a byte, the rest printable ASCII as itself. */
    private static byte[] q(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=') {
                assertThat(i + 2).as("complete =XX in %s", text).isLessThan(text.length());
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                // RFC 2047 §5 (3): in a header's phrase only these may stand for themselves.
                assertThat(Character.isLetterOrDigit(c) && c < 128 || "!*+-/".indexOf(c) >= 0)
                    .as("'%s' may appear unencoded in a Q word", c).isTrue();
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** The bytes of the whole {@code Subject:} field on the wire (folds included, no final CRLF). */
    public static int wireBytes(String value) {
        return ("Subject: " + value).getBytes(StandardCharsets.US_ASCII).length;
    }

    /**
     * TruncateSubject's contract for one outcome: left byte for byte when within budget;
     * otherwise a valid field within budget that Jakarta Mail reads as the outcome's text, which
     * is {@code original} re-encoded (bytes mode, when that fits) or a grapheme-boundary prefix
     * of it plus the marker.
     *
     * @param raw      the Subject value given to the truncator
     * @param original the text a reader sees in {@code raw}, without surrounding whitespace
     */
    public static void assertTruncationContract(String raw, String original, TruncationOutcome outcome,
                                                LengthUnit unit, int max, String marker) {
        if (!outcome.changed()) {
            assertThat(outcome.newValue()).isEqualTo(raw);
            assertThat(unit == LengthUnit.BYTES ? wireBytes(raw) : graphemes(original)).isLessThanOrEqualTo(max);
            return;
        }
        assertValidSubjectValue(outcome.newValue());
        String shown = decodedByJakarta(outcome.newValue());
        assertThat(shown).isEqualTo(outcome.newText());
        assertThat(unit == LengthUnit.BYTES ? wireBytes(outcome.newValue()) : graphemes(shown))
            .as("within %d %s", max, unit).isLessThanOrEqualTo(max);
        if (outcome.verdict() == TruncationOutcome.Verdict.REENCODED) {
            assertThat(shown).isEqualTo(original);
        } else {
            assertThat(shown).endsWith(marker);
            String prefix = shown.substring(0, shown.length() - marker.length());
            assertThat(original).startsWith(prefix);
            assertThat(boundaries(original)).as("the cut falls between two grapheme clusters").contains(prefix.length());
        }
    }

    /**
     * SubjectDecoder's promise for any raw value: text with no CR, LF or NUL, no lone surrogate,
     * no whitespace around it, and never more characters than the raw value has (which is what
     * lets a short Subject skip decoding).
     */
    public static void assertDisplayableDecoding(String raw, String decoded) {
        assertThat(decoded).doesNotContain("\r", "\n", "\u0000");
        assertThat(decoded).isEqualTo(strip(decoded));
        assertThat(decoded.codePoints().filter(cp -> Character.getType(cp) == Character.SURROGATE))
            .as("lone surrogates").isEmpty();
        assertThat(graphemes(decoded)).as("never more characters than the raw value").isLessThanOrEqualTo(raw.length());
    }

    /** Without the spaces and tabs around it, which readers do not show. */
    public static String strip(String s) {
        // \z, not $: $ also matches before a final line terminator such as U+0085.
        return s.replaceFirst("\\A[ \t]+", "").replaceFirst("[ \t]+\\z", "");
    }

    /** The number of extended grapheme clusters, by the JDK's BreakIterator. */
    public static int graphemes(String s) {
        return boundaries(s).size() - 1;
    }

    /** Every grapheme cluster boundary, 0 and the end included. */
    static List<Integer> boundaries(String s) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(s);
        List<Integer> all = new ArrayList<>();
        all.add(0);
        for (int b = it.next(); b != BreakIterator.DONE; b = it.next()) {
            all.add(b);
        }
        return all;
    }
}
