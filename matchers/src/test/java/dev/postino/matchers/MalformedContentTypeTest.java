package dev.postino.matchers;

import static dev.postino.matchers.ReceiptFixtures.matcherConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.HostileText;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Malformed top-level Content-Type values get a defined verdict and never an exception (an
 * exception would send the mail to the error processor).
 */
class MalformedContentTypeTest {

    private static FakeMail mailWithContentType(String... contentTypes) throws Exception {
        StringBuilder fields = new StringBuilder("Subject: x\r\n");
        for (String contentType : contentTypes) {
            fields.append("Content-Type: ").append(contentType).append("\r\n");
        }
        return mail(fields.toString());
    }

    /** A mail whose header block is From, To and {@code fields} (raw, CRLF-terminated); the body throws if read. */
    private static FakeMail mail(String fields) throws Exception {
        String eml = "From: a@acme.example\r\nTo: b@example.com\r\n" + fields + "\r\nbody\r\n";
        HeaderOnlyMessage message = HeaderOnlyMessage.of(new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)));
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

    @ParameterizedTest
    @ValueSource(strings = {"multipart/(\\", "multipart/report; report-type=(\\", "multipart/report (\\",
        "multipart/report; report-type=\"disposition-notification\\", "(", "multipart/((((", "\\", "multipart/report;*=x",
        "multipart/report; report-type*=x-unknown''%ZZ", "multipart/report; report-type*0*=utf-8''%E2%82; report-type*1*=%AC"})
    void escapesCommentsAndQuotesLeftOpenGiveADefinedAnswer(String contentType) throws Exception {
        FakeMail mail = mailWithContentType(contentType);

        assertThat(readReceipt(mail)).isFalse();
        assertThat(deliveryReport(mail)).isFalse();
        assertThat(looksLikeReadReceipt(mail)).isFalse();
    }

    /**
     * Whatever the sender writes in Content-Type, Subject and Content-Class, each of the three
     * report matchers answers with some of the mail's recipients, and never throws.
     */
    @Property(tries = 500)
    void everyReportMatcherAnswersForAnyHeaders(@ForAll(supplier = HostileText.ContentTypeValue.class) String contentType,
                                                @ForAll(supplier = HostileText.HeaderValue.class) String subject,
                                                @ForAll(supplier = HostileText.HeaderValue.class) String contentClass) throws Exception {
        FakeMail mail = mail("Subject: " + subject + "\r\nContent-Class: " + contentClass + "\r\n"
            + "Content-Type: " + contentType + "\r\n");

        for (Matcher matcher : List.of(new IsReadReceipt(), new IsDeliveryReport(), new LooksLikeReadReceipt())) {
            matcher.init(matcherConfig(matcher.getClass().getSimpleName(), "remote"));
            assertThat(matcher.match(mail)).isSubsetOf(mail.getRecipients());
        }
        if (readReceipt(mail)) {
            assertThat(deliveryReport(mail)).as("a receipt is never a bounce").isFalse();
        }
    }

    private static boolean looksLikeReadReceipt(FakeMail mail) throws Exception {
        Matcher matcher = new LooksLikeReadReceipt();
        matcher.init(matcherConfig("LooksLikeReadReceipt", ""));
        return !matcher.match(mail).isEmpty();
    }

    @Test
    void mailWithoutMessageIsNotAReport() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients("b@example.com").build();

        assertThat(readReceipt(mail)).isFalse();
    }
}
