package dev.postino.mailets;

import static dev.postino.testing.ReceiptMails.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.postino.PostinoVersion;

class DropReceiptTest {

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    @RegisterExtension
    final LogCapture logs = LogCapture.of(DropReceipt.class);

    private DropReceipt mailet() throws MessagingException {
        DropReceipt mailet = new DropReceipt(metrics);
        mailet.init(FakeMailetConfig.builder().mailetName("DropReceipt").build());
        logs.clear(); // the start line has its own test
        return mailet;
    }

    private static FakeMail mail(String file) throws MessagingException {
        return FakeMail.builder().name("m").sender("mario.rossi@acme.example").recipients("client@example.com")
            .mimeMessage(message(file)).build();
    }

    @Test
    void theMailIsDiscarded() throws Exception {
        FakeMail mail = mail("mdn-thunderbird.eml");

        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void startLogsOneInfoLineWithTheVersion() throws Exception {
        new DropReceipt(metrics).init(FakeMailetConfig.builder().mailetName("DropReceipt").build());

        assertThat(logs.events()).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.INFO);
        assertThat(logs.messages()).singleElement().asString()
            .isEqualTo("DropReceipt " + PostinoVersion.current() + " started");
    }

    @Test
    void oneInfoAuditLineNamesMessageIdSenderAndRecipients() throws Exception {
        mailet().service(mail("mdn-thunderbird.eml"));

        assertThat(logs.events()).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.INFO);
        assertThat(logs.messages()).singleElement().asString()
            .contains("<8f2c1a7e-3b4d-4e55-9a10-2c6f1d0e7b42@acme.example>")
            .contains("mario.rossi@acme.example")
            .contains("client@example.com")
            .contains("disposition-notification");
    }

    @Test
    void eachDropCountsInTheReceiptsDroppedMetric() throws Exception {
        DropReceipt mailet = mailet();
        mailet.service(mail("mdn-thunderbird.eml"));
        mailet.service(mail("mdn-thunderbird.eml"));

        assertThat(metrics.countFor("postino.receipts.dropped")).isEqualTo(2);
    }

    @Test
    void reasonIsRecordedInAnAttribute() throws Exception {
        FakeMail mail = mail("mdn-thunderbird.eml");

        mailet().service(mail);

        assertThat(mail.getAttribute(DropReceipt.DROPPED)).map(attribute -> (Object) attribute.getValue().value())
            .contains("disposition-notification");
    }

    @Test
    void heuristicReceiptNamesTheRule() throws Exception {
        FakeMail mail = mail("nonstandard-outlook-read.eml");

        mailet().service(mail);

        assertThat(mail.getAttribute(DropReceipt.DROPPED)).map(attribute -> (Object) attribute.getValue().value())
            .contains("heuristic:subject-prefix");
    }

    @Test
    void parametersAreRejected() {
        assertThatThrownBy(() -> new DropReceipt(metrics).init(FakeMailetConfig.builder().mailetName("DropReceipt")
            .setProperty("repository", "memory://x").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("repository");
    }
}
