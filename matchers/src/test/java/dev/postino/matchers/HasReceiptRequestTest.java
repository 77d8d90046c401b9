package dev.postino.matchers;

import static dev.postino.matchers.ReceiptFixtures.headersOnly;
import static dev.postino.matchers.ReceiptFixtures.matcherConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableMap;

class HasReceiptRequestTest {

    private static final MailAddress CLIENT = address("client@example.com");
    private static final MailAddress COLLEAGUE = address("anna.bianchi@acme.example");

    private static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static HasReceiptRequest matcher(String condition) throws MessagingException {
        HasReceiptRequest matcher = new HasReceiptRequest();
        matcher.init(matcherConfig("HasReceiptRequest", condition));
        return matcher;
    }

    private static FakeMail mail(String file) throws MessagingException {
        return FakeMail.builder().name("m").recipients(CLIENT, COLLEAGUE).mimeMessage(headersOnly(file)).build();
    }

    private static void notify(FakeMail mail, MailAddress recipient, DsnParameters.Notify... values) {
        DsnParameters parameters = mail.dsnParameters().orElse(DsnParameters.builder()
            .addRcptParameter(recipient, DsnParameters.RecipientDsnParameters.of(EnumSet.copyOf(java.util.List.of(values))))
            .build().orElseThrow());
        ImmutableMap.Builder<MailAddress, DsnParameters.RecipientDsnParameters> map = ImmutableMap.builder();
        parameters.getRcptParameters().forEach((k, v) -> {
            if (!k.equals(recipient)) {
                map.put(k, v);
            }
        });
        map.put(recipient, DsnParameters.RecipientDsnParameters.of(EnumSet.copyOf(java.util.List.of(values))));
        mail.setDsnParameters(parameters.withRcptParameters(map.build()));
    }

    @Test
    void dispositionNotificationToConcernsEveryRecipient() throws Exception {
        assertThat(matcher("").match(mail("request-thunderbird.eml"))).containsExactly(CLIENT, COLLEAGUE);
    }

    @Test
    void pegasusConfirmReadingToIsARequest() throws Exception {
        assertThat(matcher("").match(mail("request-pegasus.eml"))).containsExactly(CLIENT, COLLEAGUE);
    }

    @Test
    void requestHeaderNameIsCaseInsensitive() throws Exception {
        String eml = "From: a@acme.example\r\nTo: client@example.com\r\n"
            + "disposition-notification-to: a@acme.example\r\n\r\nx\r\n";
        FakeMail mail = FakeMail.builder().name("m").recipients(CLIENT)
            .mimeMessage(HeaderOnlyMessage.of(new java.io.ByteArrayInputStream(eml.getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
            .build();

        assertThat(matcher("").match(mail)).containsExactly(CLIENT);
    }

    @Test
    void remoteConditionKeepsOnlyExternalRecipients() throws Exception {
        assertThat(matcher("remote").match(mail("request-thunderbird.eml"))).containsExactly(CLIENT);
    }

    @Test
    void messageWithoutRequestDoesNotMatch() throws Exception {
        assertThat(matcher("").match(mail("plain-message.eml"))).isEmpty();
    }

    @Test
    void dsnNotifySuccessConcernsOnlyThatRecipient() throws Exception {
        FakeMail mail = mail("plain-message.eml");
        notify(mail, CLIENT, DsnParameters.Notify.SUCCESS, DsnParameters.Notify.FAILURE);

        assertThat(matcher("").match(mail)).containsExactly(CLIENT);
    }

    @Test
    void dsnNotifyDelayIsARequest() throws Exception {
        FakeMail mail = mail("plain-message.eml");
        notify(mail, COLLEAGUE, DsnParameters.Notify.DELAY);

        assertThat(matcher("").match(mail)).containsExactly(COLLEAGUE);
    }

    @Test
    void dsnNotifyFailureAloneIsNotARequest() throws Exception {
        FakeMail mail = mail("plain-message.eml");
        notify(mail, CLIENT, DsnParameters.Notify.FAILURE);

        assertThat(matcher("").match(mail)).isEmpty();
    }

    @Test
    void dsnRequestOutsideTheScopeDoesNotMatch() throws Exception {
        FakeMail mail = mail("plain-message.eml");
        notify(mail, COLLEAGUE, DsnParameters.Notify.SUCCESS);

        assertThat(matcher("remote").match(mail)).isEmpty();
    }

    @Test
    void malformedDsnAttributesCountAsNoRequest() throws Exception {
        FakeMail mail = mail("plain-message.eml");
        mail.setAttribute(new Attribute(AttributeName.of("dsn-notify"),
            AttributeValue.of(ImmutableMap.of("client@example.com", AttributeValue.of("SOMETIMES")))));

        assertThat(matcher("").match(mail)).isEmpty();
    }

    @Test
    void theBodyIsNeverRead() throws Exception {
        FakeMail mail = mail("request-thunderbird.eml");

        matcher("remote").match(mail);

        assertThat(((HeaderOnlyMessage) mail.getMessage()).bodyReads()).isZero();
    }

    @Test
    void invalidConditionFailsAtInit() {
        assertThatThrownBy(() -> matcher("everyone")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("'everyone'");
    }
}
