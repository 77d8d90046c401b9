package dev.postino.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

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

    @Test
    void sectionNumbersAreOneToFourDigits() {
        assertThat(Rfc2231.sectionNumber("0")).isZero();
        assertThat(Rfc2231.sectionNumber("12")).isEqualTo(12);
        assertThat(Rfc2231.sectionNumber("")).isNegative();
        assertThat(Rfc2231.sectionNumber("12345")).isNegative();
        assertThat(Rfc2231.sectionNumber("1a")).isNegative();
    }
}
