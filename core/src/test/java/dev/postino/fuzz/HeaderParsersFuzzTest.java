package dev.postino.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.postino.delay.AddressKey;
import dev.postino.delay.RecipientCounter;
import dev.postino.mime.Rfc2231;
import dev.postino.receipts.ContentType;
import dev.postino.receipts.ContentTypeOracle;
import dev.postino.receipts.ReceiptHeuristics;
import dev.postino.receipts.ReceiptRequestHeaders;
import dev.postino.receipts.ReportType;
import dev.postino.subject.SubjectContract;
import dev.postino.subject.SubjectDecoder;
import dev.postino.subject.SubjectField;

/**
 * Every header parser outside the attachment inspector that promises to read any text without
 * throwing, fed the same header value: {@link ContentType} (consistent, written back
 * canonically it reads the same, and where Jakarta Mail also reads it cleanly the two agree on
 * the type and the {@code report-type}), {@link ReportType}, {@link Rfc2231}, {@link SubjectDecoder}
 * (displayable text, never longer than the raw value), {@link SubjectField},
 * {@link RecipientCounter} and {@link AddressKey}, {@link ReceiptHeuristics}, and
 * {@link ReceiptRequestHeaders} (which may only refuse with an {@link IllegalArgumentException}).
 *
 * <p>Input: one header value, read both as ISO-8859-1 (one char per byte, as Jakarta Mail keeps
 * raw headers) and as UTF-8 (RFC 6532 headers).
 */
class HeaderParsersFuzzTest {

    @FuzzTest
    void headerParsersKeepTheirPromises(byte[] input) {
        for (String value : List.of(new String(input, ISO_8859_1), new String(input, UTF_8))) {
            ContentType contentType = ContentType.parse(value);
            ContentTypeOracle.assertConsistent(contentType);
            ContentTypeOracle.assertCanonicalFormReadsTheSame(contentType);
            ContentTypeOracle.assertAgreesWithJakarta(value, contentType);
            ReportType report = ReportType.ofHeaderValues(Arrays.asList(value.split("\n", -1)));

            assertThat(Rfc2231.decodeExtended(value)).isNotNull();
            assertThat(Rfc2231.join(sections(value), UnaryOperator.identity())).isNotNull();

            String subject = SubjectDecoder.decode(value).text();
            SubjectContract.assertDisplayableDecoding(value, subject);
            assertThat(SubjectField.parse("Subject: " + value).value()).isNotNull();
            assertThat(ReceiptHeuristics.recognise(report, subject, List.of(value))).isNotNull();

            assertThat(RecipientCounter.parseAddressList(value)).isNotNull();
            assertThat(AddressKey.parse(value)).isNotNull();
            try {
                assertThat(ReceiptRequestHeaders.parseList(value)).isNotEmpty();
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
    }

    /** The value cut at ';' into RFC 2231 sections, every other one percent-encoded. */
    private static List<Rfc2231.Section> sections(String value) {
        List<Rfc2231.Section> sections = new ArrayList<>();
        String[] parts = value.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            sections.add(new Rfc2231.Section(i % 2 == 0, parts[i]));
        }
        return sections;
    }
}
