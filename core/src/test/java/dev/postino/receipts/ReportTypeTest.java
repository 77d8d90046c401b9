package dev.postino.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.HostileText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReportTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "multipart/report; report-type=disposition-notification; boundary=b | DISPOSITION_NOTIFICATION",
        "multipart/report; report-type=global-disposition-notification   | DISPOSITION_NOTIFICATION",
        "multipart/report; report-type=delivery-status                   | DELIVERY_STATUS",
        "multipart/report; report-type=global-delivery-status            | DELIVERY_STATUS",
        "multipart/report; report-type=feedback-report                   | FEEDBACK_REPORT",
        "multipart/report; report-type=\"tlsrpt\"                        | TLS_REPORT",
        "multipart/report; report-type=x-vendor-thing                    | OTHER_REPORT",
        "multipart/report; boundary=b                                    | OTHER_REPORT",
        "multipart/mixed; report-type=disposition-notification           | NOT_A_REPORT",
        "message/disposition-notification                                | NOT_A_REPORT",
        "text/plain                                                      | NOT_A_REPORT",
        "garbage                                                         | NOT_A_REPORT",
    })
    void classifiesByTypeAndReportTypeParameter(String contentType, ReportType expected) {
        assertThat(ReportType.of(ContentType.parse(contentType))).isEqualTo(expected);
    }

    @Test
    void conflictingReportTypeIsAmbiguousSoNeitherReceiptNorBounce() {
        ReportType type = ReportType.of(ContentType.parse(
            "multipart/report; report-type=disposition-notification; report-type=delivery-status"));

        assertThat(type).isEqualTo(ReportType.AMBIGUOUS_REPORT);
        assertThat(type.isReadReceipt()).isFalse();
        assertThat(type.isDeliveryReport()).isFalse();
    }

    @Test
    void missingBoundaryDoesNotChangeTheVerdict() {
        assertThat(ReportType.of(ContentType.parse("multipart/report; report-type=disposition-notification")))
            .isEqualTo(ReportType.DISPOSITION_NOTIFICATION);
    }

    @Test
    void severalContentTypeFieldsThatDisagreeAreAmbiguous() {
        assertThat(ReportType.ofHeaderValues(List.of(
            "multipart/report; report-type=disposition-notification", "text/plain")))
            .isEqualTo(ReportType.AMBIGUOUS_REPORT);
    }

    @Test
    void severalContentTypeFieldsThatAgreeKeepTheirVerdict() {
        assertThat(ReportType.ofHeaderValues(List.of(
            "multipart/report; report-type=delivery-status", "Multipart/Report; report-type=\"delivery-status\"")))
            .isEqualTo(ReportType.DELIVERY_STATUS);
    }

    @Test
    void noContentTypeFieldIsNotAReport() {
        assertThat(ReportType.ofHeaderValues(null)).isEqualTo(ReportType.NOT_A_REPORT);
        assertThat(ReportType.ofHeaderValues(List.of())).isEqualTo(ReportType.NOT_A_REPORT);
    }

    @Property(tries = 1000)
    void anyContentTypeFieldsGetAVerdict(@ForAll("fields") List<String> values) {
        ReportType verdict = ReportType.ofHeaderValues(values);

        if (values.size() == 1) {
            assertThat(verdict).isEqualTo(ReportType.of(ContentType.parse(values.get(0))));
        }
        if (verdict.isReadReceipt() || verdict.isDeliveryReport()) {
            assertThat(values).allSatisfy(value -> assertThat(ReportType.of(ContentType.parse(value))).isEqualTo(verdict));
        }
    }

    @Provide
    Arbitrary<List<String>> fields() {
        return Arbitraries.oneOf(HostileText.headerValues(20),
                HostileText.headerValues(15).map(tail -> "multipart/report; report-type=" + tail))
            .list().ofMaxSize(3);
    }

    @Test
    void aReportTypeGivenOnlyAsALaterRfc2231SectionIsNeitherReceiptNorBounce() {
        assertThat(ReportType.of(ContentType.parse("multipart/report; report-type*1=disposition-notification")))
            .isEqualTo(ReportType.AMBIGUOUS_REPORT);
    }

    @Test
    void labelIsLowerCaseAndHyphenated() {
        assertThat(ReportType.DISPOSITION_NOTIFICATION.label()).isEqualTo("disposition-notification");
    }
}
