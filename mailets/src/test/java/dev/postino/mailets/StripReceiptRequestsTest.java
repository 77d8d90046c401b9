package dev.postino.mailets;

import static dev.postino.testing.ReceiptMails.message;
import static org.apache.mailet.DsnParameters.Notify.DELAY;
import static org.apache.mailet.DsnParameters.Notify.FAILURE;
import static org.apache.mailet.DsnParameters.Notify.NEVER;
import static org.apache.mailet.DsnParameters.Notify.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.DsnParameters.RecipientDsnParameters;
import org.apache.mailet.PerRecipientHeaders;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.collect.ImmutableMap;

import dev.postino.PostinoVersion;

class StripReceiptRequestsTest {

    private static final MailAddress CLIENT = address("client@example.com");
    private static final MailAddress OTHER = address("other@example.org");

    private static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    @RegisterExtension
    final LogCapture logs = LogCapture.of(StripReceiptRequests.class);

    private StripReceiptRequests mailet(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("StripReceiptRequests");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        StripReceiptRequests mailet = new StripReceiptRequests(metrics);
        mailet.init(config.build());
        logs.clear(); // the start line has its own test
        return mailet;
    }

    private static FakeMail mail(String file, MailAddress... recipients) throws MessagingException {
        return FakeMail.builder().name("m").sender("mario.rossi@acme.example").recipients(recipients)
            .mimeMessage(message(file)).build();
    }

    private static void setNotify(FakeMail mail, ImmutableMap<MailAddress, RecipientDsnParameters> parameters) {
        mail.setDsnParameters(DsnParameters.builder().rcptParameters(parameters).build().orElseThrow());
    }

    private static Optional<EnumSet<DsnParameters.Notify>> notifyOf(FakeMail mail, MailAddress recipient) {
        return mail.dsnParameters().map(p -> p.getRcptParameters().get(recipient))
            .flatMap(RecipientDsnParameters::getNotifyParameter);
    }

    @Test
    void requestHeadersAreRemoved() throws Exception {
        FakeMail mail = mail("request-thunderbird.eml", CLIENT);

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("Disposition-Notification-To")).isNull();
        assertThat(mail.getMessage().getHeader("Return-Receipt-To")).isNull();
    }

    @Test
    void eachStrippedMailCountsWithItsHeadersAndRecipients() throws Exception {
        StripReceiptRequests mailet = mailet();
        mailet.service(mail("request-thunderbird.eml", CLIENT));

        assertThat(metrics.countFor(MetricNames.RECEIPTS_STRIPPED)).isEqualTo(1);
        assertThat(metrics.countFor(MetricNames.RECEIPTS_STRIPPED_HEADERS)).isEqualTo(2);
        assertThat(metrics.countFor(MetricNames.RECEIPTS_STRIPPED_NOTIFY)).isZero();
    }

    @Test
    void otherHeadersAreKept() throws Exception {
        FakeMail mail = mail("request-thunderbird.eml", CLIENT);

        mailet().service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Contratto da firmare");
        assertThat(mail.getMessage().getHeader("User-Agent")).containsExactly("Mozilla Thunderbird");
    }

    @Test
    void messageIdAndBodyAreKept() throws Exception {
        FakeMail mail = mail("request-thunderbird.eml", CLIENT);

        mailet().service(mail);

        assertThat(mail.getMessage().getMessageID()).isEqualTo("<req-tb-1@acme.example>");
        assertThat(mail.getMessage().getContent()).asString().contains("il contratto da firmare");
    }

    @Test
    void removedHeadersAreRecordedInAnAttribute() throws Exception {
        FakeMail mail = mail("request-thunderbird.eml", CLIENT);

        mailet().service(mail);

        assertThat(mail.getAttribute(StripReceiptRequests.STRIPPED_HEADERS))
            .map(attribute -> (Object) attribute.getValue().value())
            .contains("Disposition-Notification-To, Return-Receipt-To");
    }

    @Test
    void configuredHeaderListReplacesTheDefault() throws Exception {
        FakeMail mail = mail("request-thunderbird.eml", CLIENT);

        mailet("headers", "Return-Receipt-To").service(mail);

        assertThat(mail.getMessage().getHeader("Return-Receipt-To")).isNull();
        assertThat(mail.getMessage().getHeader("Disposition-Notification-To")).isNotNull();
    }

    @Test
    void perRecipientRequestHeadersAreRemovedToo() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder()
            .name("Disposition-Notification-To").value("mario.rossi@acme.example").build(), CLIENT);

        mailet().service(mail);

        assertThat(mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(CLIENT)).isEmpty();
    }

    @Test
    void successIsRemovedFromNotifyAndFailureKept() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        setNotify(mail, ImmutableMap.of(CLIENT, RecipientDsnParameters.of(EnumSet.of(SUCCESS, FAILURE))));

        mailet().service(mail);

        assertThat(notifyOf(mail, CLIENT)).contains(EnumSet.of(FAILURE));
    }

    @Test
    void delayIsRemovedFromNotify() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        setNotify(mail, ImmutableMap.of(CLIENT, RecipientDsnParameters.of(EnumSet.of(SUCCESS, FAILURE, DELAY))));

        mailet().service(mail);

        assertThat(notifyOf(mail, CLIENT)).contains(EnumSet.of(FAILURE));
    }

    @Test
    void successAloneLeavesNoNotifyButKeepsOrcpt() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        setNotify(mail, ImmutableMap.of(CLIENT, RecipientDsnParameters.of(EnumSet.of(SUCCESS), CLIENT)));

        mailet().service(mail);

        assertThat(notifyOf(mail, CLIENT)).isEmpty();
        assertThat(mail.dsnParameters().orElseThrow().getRcptParameters().get(CLIENT).getOrcptParameter()).contains(CLIENT);
    }

    @Test
    void successAloneWithoutOrcptLeavesTheRecipientWithoutDsnParameters() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        setNotify(mail, ImmutableMap.of(CLIENT, RecipientDsnParameters.of(EnumSet.of(SUCCESS))));

        mailet().service(mail);

        assertThat(notifyOf(mail, CLIENT)).isEmpty();
    }

    @Test
    void neverIsLeftAlone() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        setNotify(mail, ImmutableMap.of(CLIENT, RecipientDsnParameters.of(EnumSet.of(NEVER))));

        mailet().service(mail);

        assertThat(notifyOf(mail, CLIENT)).contains(EnumSet.of(NEVER));
        assertThat(mail.getAttribute(StripReceiptRequests.STRIPPED_NOTIFY)).isEmpty();
    }

    @Test
    void recipientsNotInThisMailKeepTheirNotify() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        setNotify(mail, ImmutableMap.of(
            CLIENT, RecipientDsnParameters.of(EnumSet.of(SUCCESS, FAILURE)),
            OTHER, RecipientDsnParameters.of(EnumSet.of(SUCCESS))));

        mailet().service(mail);

        assertThat(notifyOf(mail, OTHER)).contains(EnumSet.of(SUCCESS));
    }

    @Test
    void removedNotifyIsRecordedInAnAttribute() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        setNotify(mail, ImmutableMap.of(CLIENT, RecipientDsnParameters.of(EnumSet.of(SUCCESS, FAILURE))));

        mailet().service(mail);

        assertThat(mail.getAttribute(StripReceiptRequests.STRIPPED_NOTIFY))
            .map(attribute -> (Object) attribute.getValue().value())
            .contains("client@example.com SUCCESS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "no", "NO"})
    void dsnFalseLeavesNotifyAlone(String off) throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        setNotify(mail, ImmutableMap.of(CLIENT, RecipientDsnParameters.of(EnumSet.of(SUCCESS, FAILURE))));

        mailet("dsn", off).service(mail);

        assertThat(notifyOf(mail, CLIENT)).contains(EnumSet.of(SUCCESS, FAILURE));
    }

    @Test
    void oneInfoLineNamesMessageIdAndCounts() throws Exception {
        FakeMail mail = mail("request-thunderbird.eml", CLIENT);
        setNotify(mail, ImmutableMap.of(CLIENT, RecipientDsnParameters.of(EnumSet.of(SUCCESS, FAILURE))));

        mailet().service(mail);

        assertThat(logs.messages()).singleElement().asString()
            .contains("<req-tb-1@acme.example>")
            .contains("2 header field(s)")
            .contains("for 1 recipient(s)");
    }

    @Test
    void mailWithoutRequestsIsUntouchedAndNotLogged() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);

        mailet().service(mail);

        assertThat(logs.messages()).isEmpty();
        assertThat(mail.attributeNames()).isEmpty();
    }

    @Test
    void unreadableDsnAttributesLeaveTheMailAlone() throws Exception {
        FakeMail mail = mail("plain-message.eml", CLIENT);
        mail.setAttribute(new Attribute(AttributeName.of("dsn-notify"),
            AttributeValue.of(ImmutableMap.of("client@example.com", AttributeValue.of("SOMETIMES")))));

        mailet().service(mail);

        assertThat(mail.getAttribute(StripReceiptRequests.STRIPPED_NOTIFY)).isEmpty();
    }

    @Test
    void invalidHeadersParameterFailsAtInitNamingIt() {
        assertThatThrownBy(() -> mailet("headers", "Return-Receipt-To:"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("headers: invalid value 'Return-Receipt-To:'");
    }

    @Test
    void invalidDsnParameterFailsAtInitNamingIt() {
        assertThatThrownBy(() -> mailet("dsn", "maybe"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("dsn: invalid value 'maybe'");
    }

    @Test
    void startLogsOneInfoLineWithTheVersionAndTheConfiguration() throws Exception {
        new StripReceiptRequests(metrics).init(FakeMailetConfig.builder().mailetName("StripReceiptRequests")
            .setProperty("headers", "Return-Receipt-To; X-Confirm-Reading-To").setProperty("dsn", "false").build());

        assertThat(logs.messages()).singleElement().asString()
            .startsWith("StripReceiptRequests " + PostinoVersion.current() + " started: ")
            .contains("[Return-Receipt-To, X-Confirm-Reading-To]", "DSN NOTIFY left as is");
    }

    @Test
    void unknownParameterFailsAtInit() {
        assertThatThrownBy(() -> mailet("header", "Return-Receipt-To"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("header");
    }
}
