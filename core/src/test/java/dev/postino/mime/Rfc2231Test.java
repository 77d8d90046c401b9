package dev.postino.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.postino.HostileText;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;

class Rfc2231Test {

    @Test
    void extendedValueUsesItsCharset() {
        assertThat(Rfc2231.decodeExtended("iso-8859-1'it'fattura%20n%B0%201.pdf")).isEqualTo("fattura n° 1.pdf");
    }

    @Test
    void unknownCharsetFallsBackToUtf8AndABadEscapeStaysText() {
        assertThat(Rfc2231.decodeExtended("x-nonsense''%E2%82%AC%ZZ")).isEqualTo("€%ZZ");
    }

    @Test
    void continuationsJoinInOrderWithTheFirstSectionsCharset() {
        List<Rfc2231.Section> sections = List.of(
            new Rfc2231.Section(true, "utf-8''bollettino%2E"),
            new Rfc2231.Section(false, "pdf"),
            new Rfc2231.Section(true, "%2Eexe"));

        assertThat(Rfc2231.join(sections, UnaryOperator.identity())).isEqualTo("bollettino.pdf.exe");
    }

    @Test
    void plainSectionsGoThroughTheGivenDecoder() {
        assertThat(Rfc2231.join(List.of(new Rfc2231.Section(false, "a")), String::toUpperCase)).isEqualTo("A");
    }

    @Property(tries = 1000)
    void decodingNeverThrows(@ForAll(supplier = HostileText.HeaderValue.class) String value, @ForAll(supplier = HostileText.HeaderValue.class) String second, @ForAll boolean encoded) {
        assertThat(Rfc2231.decodeExtended(value)).isNotNull();
        assertThat(Rfc2231.join(List.of(new Rfc2231.Section(encoded, value), new Rfc2231.Section(!encoded, second)),
            UnaryOperator.identity())).isNotNull();
        assertThat(Rfc2231.sectionNumber(value)).isBetween(-1, 9999);
    }

    /** Every charset the JVM knows, named in an extended value, with any bytes: text, never an exception. */
    @Property(tries = 1000)
    void everyCharsetDecodesAnyBytes(@ForAll(supplier = HostileText.CharsetName.class) String charset, @ForAll byte[] bytes) {
        StringBuilder percent = new StringBuilder();
        for (byte b : bytes) {
            percent.append(String.format("%%%02X", b & 0xff));
        }
        assertThat(Rfc2231.decodeExtended(charset + "''" + percent)).isNotNull();
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void hugeValuesDecodeInLinearTime(@ForAll(supplier = HostileText.Huge.class) String value) {
        long start = System.nanoTime();
        Rfc2231.decodeExtended("utf-8''" + value);
        Rfc2231.join(java.util.Collections.nCopies(10_000, new Rfc2231.Section(true, value.substring(0, 100))),
            UnaryOperator.identity());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HostileText.HUGE_READ_BUDGET);
    }

    @Test
    void sectionNumbersAreOneToFourDigits() {
        assertThat(Rfc2231.sectionNumber("0")).isZero();
        assertThat(Rfc2231.sectionNumber("12")).isEqualTo(12);
        assertThat(Rfc2231.sectionNumber("")).isNegative();
        assertThat(Rfc2231.sectionNumber("12345")).isNegative();
        assertThat(Rfc2231.sectionNumber("1a")).isNegative();
    }
}
