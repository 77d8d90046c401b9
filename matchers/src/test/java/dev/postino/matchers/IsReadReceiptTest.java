package dev.postino.matchers;

import static dev.postino.matchers.ReceiptFixtures.headersOnly;
import static dev.postino.matchers.ReceiptFixtures.matcherConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsReadReceiptTest {

    private static final String COLLEAGUE = "anna.bianchi@acme.example";
    private static final String CLIENT = "client@example.com";

    private static IsReadReceipt matcher(String condition) throws MessagingException {
        IsReadReceipt matcher = new IsReadReceipt();
        matcher.init(matcherConfig("IsReadReceipt", condition));
        return matcher;
    }

    private static FakeMail mail(MimeMessage message) throws MessagingException {
        return FakeMail.builder().name("m").sender("mario.rossi@acme.example")
            .recipients(CLIENT, COLLEAGUE).mimeMessage(message).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mdn-thunderbird.eml", "mdn-outlook-exchange.eml", "mdn-apple-mail.eml",
        "mdn-gmail-webmail.eml", "mdn-k9-mobile.eml", "mdn-global-rfc6533.eml"})
    void readReceiptsFromEveryClientMatch(String file) throws Exception {
        assertThat(matcher("").match(mail(headersOnly(file))))
            .extracting(MailAddress::asString).containsExactly(CLIENT, COLLEAGUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dsn-postfix.eml", "dsn-exchange.eml", "dsn-gmail.eml", "dsn-james-dsnbounce.eml",
        "dsn-global-rfc6533.eml", "arf-feedback-report.eml", "tls-report.eml", "plain-message.eml",
        "nonstandard-outlook-read.eml", "nonstandard-exchange-content-class.eml", "nonstandard-notes-return-receipt.eml",
        "request-thunderbird.eml"})
    void nothingButAnMdnMatches(String file) throws Exception {
        assertThat(matcher("").match(mail(headersOnly(file)))).isEmpty();
    }

    @Test
    void remoteConditionReturnsOnlyRecipientsOutsideTheCompany() throws Exception {
        assertThat(matcher("remote").match(mail(headersOnly("mdn-thunderbird.eml"))))
            .extracting(MailAddress::asString).containsExactly(CLIENT);
    }

    @Test
    void localConditionReturnsOnlyColleagues() throws Exception {
        assertThat(matcher("local").match(mail(headersOnly("mdn-thunderbird.eml"))))
            .extracting(MailAddress::asString).containsExactly(COLLEAGUE);
    }

    @Test
    void conditionIsCaseInsensitive() throws Exception {
        assertThat(matcher(" Remote ").match(mail(headersOnly("mdn-thunderbird.eml"))))
            .extracting(MailAddress::asString).containsExactly(CLIENT);
    }

    @Test
    void invalidConditionFailsAtInitNamingIt() {
        assertThatThrownBy(() -> matcher("outbound"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("IsReadReceipt")
            .hasMessageContaining("'outbound'");
    }

    @Test
    void theBodyIsNeverRead() throws Exception {
        HeaderOnlyMessage message = headersOnly("mdn-thunderbird.eml");

        matcher("remote").match(mail(message));

        assertThat(message.bodyReads()).isZero();
    }
}
