package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import dev.postino.james.MessageHeaders;
import dev.postino.subject.SubjectDecoder;

/**
 * Every feature reads a Subject through core's lenient {@link SubjectDecoder}, so a Subject that one
 * decoder reads and another would not means the same to the receipt heuristics, to
 * {@code TruncateSubject} and to the reprimand letter. The Subject here is one Base64 encoded word
 * without its {@code =} padding, which mail clients display and Jakarta Mail's {@code MimeUtility}
 * leaves encoded.
 */
class SubjectDecodingAcrossFeaturesTest {

    private static final String TEXT = "Read: the quarterly plan for the Milan office, second draft";

    private static String unpaddedWord() {
        String padded = Base64.getEncoder().encodeToString(TEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(padded).endsWith("=");
        return "=?utf-8?B?" + padded.replace("=", "") + "?=";
    }

    private static Mail mail() throws MessagingException {
        String eml = "From: mario.rossi@acme.example\r\nTo: anna.bianchi@acme.example\r\nSubject: " + unpaddedWord()
            + "\r\nMessage-ID: <plan-2@acme.example>\r\nContent-Type: text/plain\r\n\r\nx\r\n";
        return FakeMail.builder().name("mail1").recipient("anna.bianchi@acme.example")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(eml.getBytes(StandardCharsets.US_ASCII))))
            .build();
    }

    @Test
    void theReceiptHeuristicsReadTheSubjectTruncateSubjectCuts() throws Exception {
        Mail mail = mail();

        assertThat(MessageHeaders.decodedSubject(mail)).isEqualTo(TEXT);
        assertThat(DropReceipt.reason(mail)).isEqualTo("heuristic:subject-prefix");

        TruncateSubject truncate = new TruncateSubject(new RecordingMetricFactory());
        truncate.init(FakeMailetConfig.builder().mailetName("TruncateSubject").setProperty("maxLength", "30").build());
        truncate.service(mail);
        String cut = SubjectDecoder.decode(mail.getMessage().getHeader("Subject", null)).text();

        assertThat(cut).endsWith("…").hasSizeLessThanOrEqualTo(30).startsWith("Read: the quarterly");
        assertThat(TEXT).startsWith(cut.substring(0, cut.length() - 1));
    }

    @Test
    void theReprimandLetterQuotesTheSubjectTheHeuristicsSee() throws Exception {
        Mail mail = mail();

        assertThat(ReprimandNotifier.subjectOf(mail.getMessage())).isEqualTo(TEXT)
            .isEqualTo(MessageHeaders.decodedSubject(mail));
    }
}
