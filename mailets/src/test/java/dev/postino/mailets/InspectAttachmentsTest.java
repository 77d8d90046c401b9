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
import org.junit.jupiter.api.extension.RegisterExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.postino.PostinoVersion;
import dev.postino.attachments.Action;
import dev.postino.attachments.Fixtures;
import dev.postino.attachments.ReasonCode.Category;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;

class InspectAttachmentsTest {

    @RegisterExtension
    final LogCapture logs = LogCapture.of(InspectAttachments.class);

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

        mailet("traceHeader", "true").service(mail);

        String header = mail.getMessage().getHeader(InspectAttachments.TRACE_FIELD, null);
        assertThat(header).startsWith("dangerous (").contains("HIDDEN_CHARACTERS in part 2").doesNotContain("fdp").doesNotContain("\u202E");
    }

    @Test
    void traceHeaderFalseOrNoWritesNoHeader() throws Exception {
        for (String off : new String[] {"false", "no", ""}) {
            FakeMail mail = mail(Fixtures.bollettino());

            mailet("traceHeader", off).service(mail);

            assertThat(mail.getMessage().getHeader(InspectAttachments.TRACE_FIELD)).as(off).isNull();
        }
    }

    @Test
    void aHeaderNameAsTraceHeaderStillNamesTheHeaderForThisReleaseWithOneWarning() throws Exception {
        FakeMail mail = mail(Fixtures.bollettino());

        InspectAttachments mailet = mailet("traceHeader", "X-Scan-Result");
        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Scan-Result", null)).startsWith("dangerous (").contains("DOUBLE_EXTENSION");
        assertThat(mail.getMessage().getHeader(InspectAttachments.TRACE_FIELD)).isNull();
        assertThat(logs.events()).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
            .extracting(ILoggingEvent::getFormattedMessage).asString()
            .contains("traceHeader", "'X-Scan-Result'", "<traceHeader>true</traceHeader>", InspectAttachments.TRACE_FIELD);
    }

    @Test
    void aMaxTimeWithoutUnitIsStillMillisecondsForThisReleaseWithOneWarning() throws Exception {
        InspectAttachments mailet = mailet("maxTime", "2500");

        assertThat(mailet.policy().limits().maxTime().toMillis()).isEqualTo(2500);
        assertThat(logs.events()).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
            .extracting(ILoggingEvent::getFormattedMessage).asString()
            .contains("maxTime", "'2500'", "<maxTime>2500ms</maxTime>");
    }

    @Test
    void startLogsOneInfoLineWithTheVersionAndTheLimits() throws Exception {
        mailet("maxDepth", "3", "traceHeader", "yes");

        assertThat(logs.events()).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.INFO);
        assertThat(logs.messages()).singleElement().asString()
            .startsWith("InspectAttachments " + PostinoVersion.current() + " started: ")
            .contains("maxDepth=3", InspectAttachments.TRACE_FIELD);
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
    void badValuesFailAtInitQuotingTheValueAsWritten() {
        assertThatThrownBy(() -> mailet("maxDepth", "0")).isInstanceOf(MessagingException.class)
            .hasMessage("InspectAttachments: maxDepth: invalid value '0': expected a whole number from 1 to 2147483647");
        assertThatThrownBy(() -> mailet("encrypted", "quarantine"))
            .hasMessage("InspectAttachments: encrypted: invalid value 'quarantine': expected block, report or ignore");
        assertThatThrownBy(() -> mailet("maxExpandedBytes", "lots"))
            .hasMessage("InspectAttachments: maxExpandedBytes: invalid value 'lots': expected a size such as 512K, 100M or 1G");
        assertThatThrownBy(() -> mailet("memoryThreshold", "0K")).hasMessageContaining("memoryThreshold: invalid value '0K'");
        assertThatThrownBy(() -> mailet("maxExpandedBytes", "+100M")).hasMessageContaining("maxExpandedBytes: invalid value '+100M'");
        assertThatThrownBy(() -> mailet("maxTime", "+10s")).hasMessageContaining("maxTime: invalid value '+10s'");
        assertThatThrownBy(() -> mailet("maxTime", "10 sec"))
            .hasMessage("InspectAttachments: maxTime: invalid value '10 sec': expected a duration such as 500ms, 10s, 90m or 2h");
        assertThatThrownBy(() -> mailet("traceHeader", "X Bad: header"))
            .hasMessage("InspectAttachments: traceHeader: invalid value 'X Bad: header': expected true or false");
    }

    @Test
    void listsAcceptCommasSemicolonsAndSpacesAsEverywhere() throws Exception {
        InspectAttachments mailet = mailet("addBlockedExtensions", "one; two three,four");

        assertThat(mailet.policy().blockedExtensions()).contains("one", "two", "three", "four");
    }

    @Test
    void aMisspeltParameterStopsTheStartNamingIt() {
        assertThatThrownBy(() -> mailet("maxDeph", "2")).isInstanceOf(MessagingException.class).hasMessageContaining("maxDeph");
    }
}
