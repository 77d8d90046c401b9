package dev.postino.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.HostileText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReceiptHeuristicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Read: Budget 2027", "Not read: Budget", "Letto: Preventivo", "Gelesen: Angebot",
        "Lu\u00a0: Devis", "Leído: Presupuesto", "Return Receipt", "  READ: shouting"})
    void receiptSubjectPrefixesAreRecognised(String subject) {
        assertThat(ReceiptHeuristics.recognise(ReportType.NOT_A_REPORT, subject, List.of()))
            .contains("subject-prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Re: Read: Budget", "Reading list", "Already read this?", "Lunch"})
    void ordinarySubjectsAreNotReceipts(String subject) {
        assertThat(ReceiptHeuristics.recognise(ReportType.NOT_A_REPORT, subject, List.of())).isEmpty();
    }

    @Test
    void exchangeMdnContentClassIsRecognised() {
        assertThat(ReceiptHeuristics.recognise(ReportType.NOT_A_REPORT, "Anything", List.of("urn:content-classes:MDN")))
            .contains("content-class");
    }

    @Test
    void standardMdnIsRecognisedAsSuch() {
        assertThat(ReceiptHeuristics.recognise(ReportType.DISPOSITION_NOTIFICATION, "Whatever", List.of()))
            .contains("mdn");
    }

    @Test
    void bounceWithReceiptLikeSubjectIsNeverAHeuristicReceipt() {
        assertThat(ReceiptHeuristics.recognise(ReportType.DELIVERY_STATUS, "Read: Budget", List.of("urn:content-classes:mdn")))
            .isEmpty();
    }

    @Test
    void otherReportsAreNeverHeuristicReceipts() {
        assertThat(ReceiptHeuristics.recognise(ReportType.FEEDBACK_REPORT, "Read: x", List.of())).isEmpty();
        assertThat(ReceiptHeuristics.recognise(ReportType.AMBIGUOUS_REPORT, "Read: x", List.of())).isEmpty();
    }

    @Property(tries = 1000)
    void anyHeadersGetAVerdictAndOnlyNonReportsAreGuessed(@ForAll ReportType type, @ForAll("hostile") String subject,
                                                          @ForAll("hostile") String contentClass) {
        var rule = ReceiptHeuristics.recognise(type, subject, java.util.Arrays.asList(contentClass, null));

        if (type != ReportType.DISPOSITION_NOTIFICATION && type != ReportType.NOT_A_REPORT) {
            assertThat(rule).isEmpty();
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(HostileText.headerValues(20), Arbitraries.of("Read: x", "urn:content-classes:mdn"));
    }

    @Test
    void missingSubjectIsNotAReceipt() {
        assertThat(ReceiptHeuristics.recognise(ReportType.NOT_A_REPORT, null, List.of())).isEmpty();
    }
}
