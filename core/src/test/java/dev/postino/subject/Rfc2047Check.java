package dev.postino.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: asserts that a Subject value is valid, folded RFC 5322 / RFC 2047. */
final class Rfc2047Check {

    static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");

    private Rfc2047Check() {
    }

    static void assertValidSubjectValue(String value) {
        assertThat(value).as("only printable ASCII and CRLF+SP folds")
            .matches("(?s)[\\x20-\\x7e]*(\\r\\n [\\x20-\\x7e]*)*");
        String[] lines = ("Subject: " + value).split("\r\n", -1);
        for (String line : lines) {
            assertThat(line.length()).as("line ≤ 998: %s", line).isLessThanOrEqualTo(998);
            assertThat(line.isBlank()).as("no whitespace-only line").isFalse();
            if (line.length() > 78) {
                assertThat(line).as("only an unbreakable plain word may exceed 78: %s", line)
                    .doesNotContain("=?");
                assertThat(line.strip().contains(" ") && !line.startsWith("Subject: ")
                    || line.substring(Math.min(9, line.length())).strip().contains(" "))
                    .as("an over-long line holds one word: %s", line).isFalse();
            }
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

    /** RFC 2047 §5: each encoded word must decode on its own to whole characters. */
    private static void assertWholeCharacters(Matcher word) {
        Charset charset = Charset.forName(word.group(1));
        String text = word.group(3);
        byte[] bytes = word.group(2).equalsIgnoreCase("B")
            ? SubjectDecoder.decodeBase64(text, 0, text.length())
            : SubjectDecoder.decodeQ(text, 0, text.length());
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new AssertionError("encoded word splits a character: " + word.group(), e);
        }
    }
}
