package dev.postino.mailets;

import static dev.postino.mailets.InspectAttachmentsFixtures.mail;
import static dev.postino.mailets.InspectAttachmentsFixtures.mailet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import dev.postino.attachments.Action;
import dev.postino.attachments.Fixtures;
import dev.postino.attachments.ReasonCode.Category;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;

class InspectAttachmentsTest {

    @Test
    void bollettinoGetsADangerousVerdictWithPathAndSection() throws Exception {
        FakeMail mail = mail(Fixtures.bollettino());

        mailet().service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("dangerous");
        StoredFinding first = AttachmentVerdictAttributes.findings(mail).get(0);
        assertThat(first.code()).isEqualTo("DOUBLE_EXTENSION");
        assertThat(first.section()).isEqualTo("2");
        assertThat(first.path()).isEqualTo("part 2 › bollettino.zip › bollettino.pdf.exe");
        assertThat(first.filename()).isEqualTo("bollettino.pdf.exe");
    }

    @Test
    void everyVerdictAndReasonCodeCountsAndTheInspectionIsTimed() throws Exception {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        InspectAttachments mailet = InspectAttachmentsFixtures.mailet(metrics);
        mailet.service(mail(Fixtures.bollettino()));
        mailet.service(mail(Fixtures.message().attachment("bollettino.pdf", "application/pdf", Fixtures.pdf("x")).build()));

        assertThat(metrics.countFor(MetricNames.ATTACHMENTS_INSPECTED)).isEqualTo(2);
        assertThat(metrics.countFor(MetricNames.ATTACHMENTS_DANGEROUS)).isEqualTo(1);
        assertThat(metrics.countFor(MetricNames.ATTACHMENTS_CLEAN)).isEqualTo(1);
        assertThat(metrics.countFor("postino.attachments.reason.DOUBLE_EXTENSION")).isEqualTo(1);
        assertThat(metrics.countFor("postino.attachments.reason.EXECUTABLE_CONTENT")).isEqualTo(1);
        assertThat(metrics.executionTimesFor(MetricNames.ATTACHMENTS_INSPECTION_TIME)).hasSize(2);
    }

    @Test
    void cleanPdfGetsACleanVerdictAndNoFindings() throws Exception {
        FakeMail mail = mail(Fixtures.message().attachment("bollettino.pdf", "application/pdf", Fixtures.pdf("x")).build());

        mailet().service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("clean");
        assertThat(AttachmentVerdictAttributes.findings(mail)).isEmpty();
    }

    @Test
    void traceHeaderCarriesVerdictCodesAndSectionsButNoFileNames() throws Exception {
        FakeMail mail = mail(Fixtures.message().attachment("x\u202Efdp.exe", "application/octet-stream", Fixtures.peStub()).build());

        mailet("traceHeader", "X-Postino-Attachments").service(mail);

        String header = mail.getMessage().getHeader("X-Postino-Attachments", null);
        assertThat(header).startsWith("dangerous (").contains("HIDDEN_CHARACTERS in part 2").doesNotContain("fdp").doesNotContain("\u202E");
    }

    @Test
    void unreadableMessageGetsADangerousVerdictInsteadOfAnException() throws Exception {
        MimeMessage broken = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public void writeTo(java.io.OutputStream out) throws MessagingException {
                throw new MessagingException("storage gone");
            }
        };
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(broken).recipient(new MailAddress("anna.bianchi@acme.example")).build();

        mailet().service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("dangerous");
        assertThat(AttachmentVerdictAttributes.findings(mail)).extracting(StoredFinding::code).containsExactly("INSPECTION_ERROR");
    }

    @Test
    void noTraceHeaderByDefault() throws Exception {
        FakeMail mail = mail(Fixtures.bollettino());

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("X-Postino-Attachments")).isNull();
    }

    @Test
    void encryptedPolicyReportKeepsAnEncryptedPdfClean() throws Exception {
        FakeMail mail = mail(Fixtures.message().attachment("e.pdf", "application/pdf", Fixtures.encryptedPdf()).build());

        mailet("encrypted", "report").service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("clean");
        assertThat(AttachmentVerdictAttributes.findings(mail)).extracting(StoredFinding::code).containsExactly("ENCRYPTED_CONTENT");
    }

    @Test
    void extensionsCanBeAddedAndRemoved() throws Exception {
        InspectAttachments mailet = mailet("addBlockedExtensions", "one, .html", "removeBlockedExtensions", "*.js");

        assertThat(mailet.policy().blockedExtensions()).contains("one", "html", "exe").doesNotContain("js");
    }

    @Test
    void parametersAreReadOnceWithDefaults() throws Exception {
        InspectAttachments mailet = mailet("maxDepth", "2", "maxExpandedBytes", "10M", "maxTime", "500ms", "macros", "REPORT");

        assertThat(mailet.policy().limits().maxDepth()).isEqualTo(2);
        assertThat(mailet.policy().limits().maxExpandedBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(mailet.policy().limits().maxTime().toMillis()).isEqualTo(500);
        assertThat(mailet.policy().action(Category.MACROS)).isEqualTo(Action.REPORT);
        assertThat(mailet.policy().action(Category.ENCRYPTED)).isEqualTo(Action.BLOCK);
    }

    @Test
    void badParameterValuesFailAtInitNamingTheParameter() {
        assertThatThrownBy(() -> mailet("maxDepth", "zero")).isInstanceOf(MessagingException.class).hasMessageContaining("maxDepth")
            .hasMessageContaining("zero");
        assertThatThrownBy(() -> mailet("encrypted", "quarantine")).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> mailet("maxExpandedBytes", "lots")).hasMessageContaining("maxExpandedBytes");
        assertThatThrownBy(() -> mailet("maxTime", "-1s")).hasMessageContaining("maxTime");
        assertThatThrownBy(() -> mailet("traceHeader", "X Bad: header")).hasMessageContaining("traceHeader");
    }

    @Test
    void aMisspeltParameterStopsTheStartNamingIt() {
        assertThatThrownBy(() -> mailet("maxDeph", "2")).isInstanceOf(MessagingException.class).hasMessageContaining("maxDeph");
    }
}
