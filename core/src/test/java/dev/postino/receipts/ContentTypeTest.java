package dev.postino.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.postino.HostileText;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class ContentTypeTest {

    @Test
    void typeSubtypeAndParameterNamesAreCaseInsensitive() {
        ContentType ct = ContentType.parse("Multipart/REPORT; Report-Type=Disposition-Notification");

        assertThat(ct.mimeType()).isEqualTo("multipart/report");
        assertThat(ct.parameter("REPORT-TYPE")).contains("Disposition-Notification");
    }

    @Test
    void quotedValuesLoseTheirQuotesAndKeepEscapedCharacters() {
        ContentType ct = ContentType.parse("multipart/report; boundary=\"a;b \\\"c\\\"\"; report-type=\"delivery-status\"");

        assertThat(ct.parameter("boundary")).contains("a;b \"c\"");
        assertThat(ct.parameter("report-type")).contains("delivery-status");
        assertThat(ct.wellFormed()).isTrue();
    }

    @Test
    void foldedHeaderIsReadAsOneLine() {
        ContentType ct = ContentType.parse("multipart/report;\r\n\treport-type=disposition-notification;\r\n boundary=\"x\"");

        assertThat(ct.parameter("report-type")).contains("disposition-notification");
        assertThat(ct.parameter("boundary")).contains("x");
    }

    @Test
    void commentsAnywhereBetweenTokensAreIgnored() {
        ContentType ct = ContentType.parse(
            "multipart (a (nested) comment) / report ; (why) report-type (it is) = disposition-notification (an MDN)");

        assertThat(ct.mimeType()).isEqualTo("multipart/report");
        assertThat(ct.parameter("report-type")).contains("disposition-notification");
    }

    @Test
    void parenthesesInsideQuotedStringsAreNotComments() {
        ContentType ct = ContentType.parse("multipart/mixed; boundary=\"(not a comment)\"");

        assertThat(ct.parameter("boundary")).contains("(not a comment)");
    }

    @Test
    void parameterOrderDoesNotMatter() {
        ContentType ct = ContentType.parse("multipart/report; boundary=b; charset=us-ascii; report-type=delivery-status");

        assertThat(ct.parameter("report-type")).contains("delivery-status");
    }

    @Test
    void rfc2231EncodedParameterIsDecoded() {
        ContentType ct = ContentType.parse("multipart/report; report-type*=us-ascii'en'disposition%2Dnotification");

        assertThat(ct.parameter("report-type")).contains("disposition-notification");
    }

    @Test
    void rfc2231ContinuationsAreJoinedInSectionOrder() {
        ContentType ct = ContentType.parse(
            "multipart/report; report-type*1=\"-notification\"; report-type*0=\"disposition\"");

        assertThat(ct.parameter("report-type")).contains("disposition-notification");
    }

    /** Found by fuzzing: Jakarta Mail reads no report-type here, Postino read "notification". */
    @Test
    void rfc2231SectionsThatDoNotRunFromZeroWithoutGapsAreAmbiguous() {
        assertThat(ContentType.parse("multipart/report; report-type*1=disposition-notification")
            .occurrence("report-type")).isEqualTo(ContentType.Occurrence.CONFLICTING);
        assertThat(ContentType.parse("multipart/report; report-type*0=disposition; report-type*2=-notification")
            .parameter("report-type")).isEmpty();
        assertThat(ContentType.parse("multipart/report; report-type*0=disposition; report-type*0=delivery-status")
            .parameter("report-type")).isEmpty();
    }

    @Test
    void rfc2231EncodedContinuationsDecodeUtf8AcrossSections() {
        ContentType ct = ContentType.parse("application/pdf; name*0*=utf-8''f%C3; name*1*=%A9vrier.pdf");

        assertThat(ct.parameter("name")).contains("février.pdf");
    }

    @Test
    void repeatedParameterWithSameValueIsUsable() {
        ContentType ct = ContentType.parse("multipart/report; report-type=delivery-status; report-type=\"Delivery-Status\"");

        assertThat(ct.occurrence("report-type")).isEqualTo(ContentType.Occurrence.REPEATED_CONSISTENTLY);
        assertThat(ct.parameter("report-type")).contains("delivery-status");
    }

    @Test
    void repeatedParameterWithDifferentValuesHasNoValue() {
        ContentType ct = ContentType.parse(
            "multipart/report; report-type=disposition-notification; report-type=delivery-status");

        assertThat(ct.occurrence("report-type")).isEqualTo(ContentType.Occurrence.CONFLICTING);
        assertThat(ct.parameter("report-type")).isEmpty();
        assertThat(ct.parameterValues("report-type")).containsExactly("disposition-notification", "delivery-status");
    }

    @Test
    void plainAndRfc2231FormsOfOneParameterCountAsRepeats() {
        ContentType ct = ContentType.parse(
            "multipart/report; report-type=delivery-status; report-type*=''disposition-notification");

        assertThat(ct.occurrence("report-type")).isEqualTo(ContentType.Occurrence.CONFLICTING);
    }

    @Test
    void missingParameterIsMissing() {
        ContentType ct = ContentType.parse("multipart/report");

        assertThat(ct.occurrence("report-type")).isEqualTo(ContentType.Occurrence.MISSING);
        assertThat(ct.wellFormed()).isTrue();
    }

    @Test
    void garbageGivesAnEmptyMalformedValue() {
        ContentType ct = ContentType.parse("<<<this is not a content type>>>");

        assertThat(ct.mimeType()).isEmpty();
        assertThat(ct.wellFormed()).isFalse();
    }

    @Test
    void nullAndBlankGiveAnEmptyValue() {
        assertThat(ContentType.parse(null).mimeType()).isEmpty();
        assertThat(ContentType.parse("  \r\n ").mimeType()).isEmpty();
    }

    @Test
    void unterminatedQuoteKeepsWhatThereIsAndIsMarkedMalformed() {
        ContentType ct = ContentType.parse("multipart/report; report-type=\"disposition-notification");

        assertThat(ct.parameter("report-type")).contains("disposition-notification");
        assertThat(ct.wellFormed()).isFalse();
    }

    @Test
    void junkBetweenParametersIsSkipped() {
        ContentType ct = ContentType.parse("multipart/report; junk; ;; report-type=delivery-status;");

        assertThat(ct.parameter("report-type")).contains("delivery-status");
        assertThat(ct.wellFormed()).isFalse();
    }

    @Test
    void unquotedValueWithSpecialsIsReadUpToTheSemicolon() {
        ContentType ct = ContentType.parse("multipart/mixed; boundary=----=_Part_0_1.2; charset=utf-8");

        assertThat(ct.parameter("boundary")).contains("----=_Part_0_1.2");
        assertThat(ct.parameter("charset")).contains("utf-8");
    }

    @Test
    void hundredKilobyteHeaderIsParsed() {
        String huge = "multipart/report; report-type=delivery-status; x-filler=\"" + "a".repeat(100_000) + "\"";

        ContentType ct = ContentType.parse(huge);

        assertThat(ct.parameter("report-type")).contains("delivery-status");
    }

    @Test
    void aCommentEndingInABackslashIsLeftOpenNotAnError() {
        assertThat(ContentType.parse("multipart/(\\").mimeType()).isEmpty();
        assertThat(ContentType.parse("multipart/(\\").wellFormed()).isFalse();

        ContentType afterParameters = ContentType.parse("multipart/report; report-type=disposition-notification (\\");
        assertThat(afterParameters.parameter("report-type")).contains("disposition-notification");
        assertThat(afterParameters.wellFormed()).isFalse();
    }

    @Test
    void aBareStarIsAParameterNameNotAnRfc2231Extension() {
        ContentType ct = ContentType.parse("multipart/report; *=x; *0=y; report-type=delivery-status");

        assertThat(ct.parameterNames()).containsExactly("*", "*0", "report-type");
        assertThat(ct.parameter("*")).contains("x");
    }

    @Property(tries = 1000)
    void parseNeverThrowsAndGivesAConsistentValue(@ForAll(supplier = HostileText.ContentTypeValue.class) String value) {
        ContentTypeOracle.assertConsistent(ContentType.parse(value));
    }

    /**
     * A consistency oracle: what the parser read, written back in canonical form (every value
     * quoted, every quote and backslash escaped), reads back the same.
     */
    @Property(tries = 1000)
    void aValueWrittenBackCanonicallyReadsTheSame(@ForAll(supplier = HostileText.ContentTypeValue.class) String value) {
        ContentTypeOracle.assertCanonicalFormReadsTheSame(ContentType.parse(value));
    }

    /** Where Jakarta Mail and Postino both read a value cleanly, they read the same report type. */
    @Property(tries = 1000)
    void wellFormedValuesReadTheSameAsJakartaMail(@ForAll(supplier = HostileText.ContentTypeValue.class) String value) {
        ContentTypeOracle.assertAgreesWithJakarta(value, ContentType.parse(value));
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void hugeHostileValuesParseInLinearTime(@ForAll(supplier = HostileText.Huge.class) String value) {
        long start = System.nanoTime();
        ContentType.parse("multipart/report; " + value);
        ContentType.parse(value);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HostileText.HUGE_READ_BUDGET);
    }

    @Property(tries = 2000)
    void parseNeverThrows(@ForAll @StringLength(max = 200) String anything) {
        ContentType ct = ContentType.parse(anything);

        assertThat(ct.mimeType()).isNotNull();
    }

    @Property(tries = 1000)
    void parseNeverThrowsOnHeaderLikeInput(@ForAll("headerish") String value) {
        assertThat(ContentType.parse(value)).isNotNull();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> headerish() {
        return net.jqwik.api.Arbitraries.strings()
            .withChars("multipart/report;=\"\\()*' \t\r\n%0a-")
            .ofMaxLength(80)
            .map(tail -> "multipart/report;" + tail);
    }
}
