package dev.postino.matchers;

import static dev.postino.matchers.ReceiptFixtures.headersOnly;
import static dev.postino.matchers.ReceiptFixtures.matcherConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.mail.MessagingException;

import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LooksLikeReadReceiptTest {

    private static LooksLikeReadReceipt matcher(String condition) throws MessagingException {
        LooksLikeReadReceipt matcher = new LooksLikeReadReceipt();
        matcher.init(matcherConfig("LooksLikeReadReceipt", condition));
        return matcher;
    }

    private static FakeMail mail(String file) throws MessagingException {
        return FakeMail.builder().name("m").recipients("client@example.com").mimeMessage(headersOnly(file)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonstandard-outlook-read.eml", "nonstandard-exchange-content-class.eml",
        "nonstandard-notes-return-receipt.eml", "mdn-thunderbird.eml", "mdn-global-rfc6533.eml"})
    void standardAndNonStandardReceiptsMatch(String file) throws Exception {
        assertThat(matcher("remote").match(mail(file))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dsn-postfix.eml", "dsn-exchange.eml", "dsn-gmail.eml", "dsn-james-dsnbounce.eml",
        "dsn-global-rfc6533.eml", "arf-feedback-report.eml", "tls-report.eml", "plain-message.eml", "request-thunderbird.eml"})
    void bouncesReportsAndOrdinaryMailNeverMatch(String file) throws Exception {
        assertThat(matcher("").match(mail(file))).isEmpty();
    }

    @Test
    void encodedSubjectIsDecodedBeforeThePrefixCheck() throws Exception {
        String eml = "From: a@acme.example\r\nTo: client@example.com\r\n"
            + "Subject: =?iso-8859-1?Q?Le=EDdo:_Presupuesto?=\r\nContent-Type: text/plain\r\n\r\nx\r\n";
        FakeMail mail = FakeMail.builder().name("m").recipients("client@example.com")
            .mimeMessage(HeaderOnlyMessage.of(new java.io.ByteArrayInputStream(eml.getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
            .build();

        assertThat(matcher("").match(mail)).hasSize(1);
    }

    /** Mail clients display a Base64 word without its "=" padding; the heuristic must read what they show. */
    @Test
    void aSubjectPrefixInABase64WordWithoutPaddingIsRecognised() throws Exception {
        String padded = Base64.getEncoder().encodeToString("Read: the plan".getBytes(StandardCharsets.UTF_8));
        assertThat(padded).endsWith("=");
        String eml = "From: a@acme.example\r\nTo: client@example.com\r\n"
            + "Subject: =?utf-8?B?" + padded.replace("=", "") + "?=\r\nContent-Type: text/plain\r\n\r\nx\r\n";
        FakeMail mail = FakeMail.builder().name("m").recipients("client@example.com")
            .mimeMessage(HeaderOnlyMessage.of(new ByteArrayInputStream(eml.getBytes(StandardCharsets.US_ASCII))))
            .build();

        assertThat(matcher("").match(mail)).hasSize(1);
    }

    @Test
    void theBodyIsNeverRead() throws Exception {
        FakeMail mail = mail("nonstandard-outlook-read.eml");

        matcher("").match(mail);

        assertThat(((HeaderOnlyMessage) mail.getMessage()).bodyReads()).isZero();
    }
}
