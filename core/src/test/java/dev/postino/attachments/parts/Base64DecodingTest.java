package dev.postino.attachments.parts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Base64DecodingTest {

    @Property(tries = 500)
    void seesAtLeastWhatMime4jSeesAndFlagsEveryPlaceItSeesMore(@ForAll("encodedLike") byte[] encoded) throws IOException {
        Base64Decoding decoding = new Base64Decoding(new ByteArrayInputStream(encoded));
        byte[] decoded = decoding.readAllBytes();
        byte[] mime4j = mime4j(encoded);

        assertThat(java.util.Arrays.copyOf(decoded, Math.min(decoded.length, mime4j.length))).isEqualTo(mime4j);
        assertThat(decoding.dataAfterPadding()).isEqualTo(alphabetAfterPadding(encoded));
        if (!decoding.dataAfterPadding()) {
            assertThat(decoded).isEqualTo(mime4j);
        }
    }

    @Property(tries = 50)
    void decodesLongWrappedBodiesAcrossChunkBoundaries(@ForAll("longData") byte[] data) throws IOException {
        byte[] encoded = Base64.getMimeEncoder().encode(data);
        assertThat(fast(encoded)).isEqualTo(data).isEqualTo(mime4j(encoded));
    }

    @Test
    void decodesOnAfterPaddingAndSaysSo() throws IOException {
        byte[] encoded = "SGk=SGVsbG8=".getBytes(StandardCharsets.US_ASCII);
        Base64Decoding decoding = new Base64Decoding(new ByteArrayInputStream(encoded));

        assertThat(new String(decoding.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("HiHello");
        assertThat(decoding.dataAfterPadding()).isTrue();
        assertThat(new String(mime4j(encoded), StandardCharsets.US_ASCII)).isEqualTo("Hi");
    }

    @Test
    void paddingAtTheEndIsClean() throws IOException {
        Base64Decoding decoding = new Base64Decoding(new ByteArrayInputStream("SGVsbG8=\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(new String(decoding.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Hello");
        assertThat(decoding.dataAfterPadding()).isFalse();
    }

    private static boolean alphabetAfterPadding(byte[] encoded) {
        boolean padded = false;
        for (byte b : encoded) {
            char c = (char) (b & 0xFF);
            if (c == '=') {
                padded = true;
            } else if (padded && (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                return true;
            }
        }
        return false;
    }

    @Test
    void dropsAnUnpaddedRemainderAtTheEnd() throws IOException {
        byte[] encoded = "SGVsbG8".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(fast(encoded), StandardCharsets.US_ASCII)).isEqualTo("Hel").isEqualTo(
            new String(mime4j(encoded), StandardCharsets.US_ASCII));
    }

    @Test
    void singleByteReadsGiveTheSameBytes() throws IOException {
        byte[] encoded = Base64.getMimeEncoder().encode("single bytes, one at a time".getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = new Base64Decoding(new ByteArrayInputStream(encoded))) {
            StringBuilder text = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                text.append((char) b);
            }
            assertThat(text).hasToString("single bytes, one at a time");
        }
    }

    @Provide
    Arbitrary<byte[]> encodedLike() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(40, Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")),
            net.jqwik.api.Tuple.of(3, Arbitraries.chars().with("\r\n ")),
            net.jqwik.api.Tuple.of(1, Arbitraries.of('=')),
            net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u0000', '\u00FF')));
        return chars.list().ofMaxSize(300).map(list -> {
            byte[] bytes = new byte[list.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) list.get(i).charValue();
            }
            return bytes;
        });
    }

    @Provide
    Arbitrary<byte[]> longData() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(30_000).ofMaxSize(200_000);
    }

    private static byte[] fast(byte[] encoded) throws IOException {
        try (InputStream in = new Base64Decoding(new ByteArrayInputStream(encoded))) {
            return in.readAllBytes();
        }
    }

    private static byte[] mime4j(byte[] encoded) throws IOException {
        try (InputStream in = new Base64InputStream(new ByteArrayInputStream(encoded), DecodeMonitor.SILENT)) {
            return in.readAllBytes();
        }
    }
}
