package dev.postino.matchers;

import static dev.postino.matchers.ReceiptFixtures.matcherConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

/**
 * Malformed top-level Content-Type values get a defined verdict and never an exception (an
 * exception would send the mail to the error processor).
 */
class MalformedContentTypeTest {

    private static FakeMail mailWithContentType(String... contentTypes) throws Exception {
        StringBuilder eml = new StringBuilder("From: a@acme.example\r\nTo: b@example.com\r\nSubject: x\r\n");
        for (String contentType : contentTypes) {
            eml.append("Content-Type: ").append(contentType).append("\r\n");
        }
        eml.append("\r\nbody\r\n");
        HeaderOnlyMessage message = HeaderOnlyMessage.of(new ByteArrayInputStream(eml.toString().getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("m").recipients("b@example.com").mimeMessage(message).build();
    }

    private static boolean readReceipt(FakeMail mail) throws Exception {
        Matcher matcher = new IsReadReceipt();
        matcher.init(matcherConfig("IsReadReceipt", ""));
        return !matcher.match(mail).isEmpty();
    }

    private static boolean deliveryReport(FakeMail mail) throws Exception {
        Matcher matcher = new IsDeliveryReport();
        matcher.init(matcherConfig("IsDeliveryReport", ""));
        return !matcher.match(mail).isEmpty();
    }

    @Test
    void missingBoundaryStillClassifiesByReportType() throws Exception {
        FakeMail mail = mailWithContentType("multipart/report; report-type=disposition-notification");

        assertThat(readReceipt(mail)).isTrue();
    }

    @Test
    void duplicatedConflictingReportTypeIsNeitherReceiptNorBounce() throws Exception {
        FakeMail mail = mailWithContentType(
            "multipart/report; report-type=disposition-notification; report-type=delivery-status; boundary=b");

        assertThat(readReceipt(mail)).isFalse();
        assertThat(deliveryReport(mail)).isFalse();
    }

    @Test
    void duplicatedIdenticalReportTypeKeepsItsMeaning() throws Exception {
        FakeMail mail = mailWithContentType(
            "multipart/report; report-type=delivery-status; report-type=DELIVERY-STATUS; boundary=b");

        assertThat(deliveryReport(mail)).isTrue();
    }

    @Test
    void twoContentTypeFieldsThatDisagreeAreNeitherReceiptNorBounce() throws Exception {
        FakeMail mail = mailWithContentType("multipart/report; report-type=disposition-notification", "text/plain");

        assertThat(readReceipt(mail)).isFalse();
        assertThat(deliveryReport(mail)).isFalse();
    }

    @Test
    void garbageIsNotAReport() throws Exception {
        FakeMail mail = mailWithContentType("\u0001\u0002;;;===\"((((");

        assertThat(readReceipt(mail)).isFalse();
        assertThat(deliveryReport(mail)).isFalse();
    }

    @Test
    void hundredKilobyteHeaderIsClassified() throws Exception {
        FakeMail mail = mailWithContentType("multipart/report; report-type=disposition-notification; x=\""
            + "y".repeat(100 * 1024) + "\"");

        assertThat(readReceipt(mail)).isTrue();
    }

    @Test
    void missingContentTypeIsNotAReport() throws Exception {
        FakeMail mail = mailWithContentType();

        assertThat(readReceipt(mail)).isFalse();
        assertThat(deliveryReport(mail)).isFalse();
    }

    @Test
    void mailWithoutMessageIsNotAReport() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients("b@example.com").build();

        assertThat(readReceipt(mail)).isFalse();
    }
}
