package dev.postino.matchers;

import static dev.postino.matchers.ReceiptFixtures.headersOnly;
import static dev.postino.matchers.ReceiptFixtures.matcherConfig;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsDeliveryReportTest {

    private static IsDeliveryReport matcher(String condition) throws MessagingException {
        IsDeliveryReport matcher = new IsDeliveryReport();
        matcher.init(matcherConfig("IsDeliveryReport", condition));
        return matcher;
    }

    private static FakeMail mail(MimeMessage message) throws MessagingException {
        return FakeMail.builder().name("m").recipients("mario.rossi@acme.example", "client@example.com")
            .mimeMessage(message).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dsn-postfix.eml", "dsn-exchange.eml", "dsn-gmail.eml", "dsn-james-dsnbounce.eml",
        "dsn-global-rfc6533.eml"})
    void bouncesFromEveryServerMatch(String file) throws Exception {
        assertThat(matcher("").match(mail(headersOnly(file)))).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mdn-thunderbird.eml", "mdn-outlook-exchange.eml", "mdn-apple-mail.eml",
        "mdn-gmail-webmail.eml", "mdn-k9-mobile.eml", "mdn-global-rfc6533.eml", "arf-feedback-report.eml",
        "tls-report.eml", "plain-message.eml"})
    void nothingButADsnMatches(String file) throws Exception {
        assertThat(matcher("").match(mail(headersOnly(file)))).isEmpty();
    }

    @Test
    void localConditionReturnsOnlyLocalRecipients() throws Exception {
        assertThat(matcher("local").match(mail(headersOnly("dsn-postfix.eml"))))
            .extracting(MailAddress::asString).containsExactly("mario.rossi@acme.example");
    }

    @Test
    void theBodyIsNeverRead() throws Exception {
        HeaderOnlyMessage message = headersOnly("dsn-postfix.eml");

        matcher("").match(mail(message));

        assertThat(message.bodyReads()).isZero();
    }
}
