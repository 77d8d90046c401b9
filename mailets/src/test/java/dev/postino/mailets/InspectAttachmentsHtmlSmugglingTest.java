package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import dev.postino.attachments.Action;
import dev.postino.attachments.Fixtures;
import dev.postino.attachments.HtmlPages;
import dev.postino.attachments.ReasonCode.Category;
import dev.postino.matchers.AttachmentVerdictAttributes;
import dev.postino.matchers.AttachmentVerdictAttributes.StoredFinding;

/** The {@code htmlSmuggling} parameter of InspectAttachments. */
class InspectAttachmentsHtmlSmugglingTest {

    private static final byte[] SMUGGLED_ZIP = Fixtures.zip("fattura.pdf.exe", Fixtures.peStub());

    private static InspectAttachments mailet(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("InspectAttachments");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        InspectAttachments mailet = new InspectAttachments();
        mailet.init(config.build());
        return mailet;
    }

    private static FakeMail mail(byte[] eml) throws Exception {
        return FakeMail.builder().name("m")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml)))
            .recipient(new MailAddress("anna.bianchi@acme.example")).build();
    }

    @Test
    void smugglingIsBlockedByDefault() throws Exception {
        InspectAttachments mailet = mailet();

        assertThat(mailet.policy().action(Category.SMUGGLING)).isEqualTo(Action.BLOCK);
    }

    @Test
    void smugglingPageGetsADangerousVerdictWithItsPath() throws Exception {
        FakeMail mail = mail(Fixtures.message().attachment("fattura.html", "text/html",
            HtmlPages.classic(SMUGGLED_ZIP, "fattura.zip")).build());

        mailet().service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("dangerous");
        assertThat(AttachmentVerdictAttributes.findings(mail)).filteredOn(finding -> finding.code().equals("HTML_SMUGGLING"))
            .extracting(StoredFinding::path).containsExactly("part 2 › fattura.html");
    }

    @Test
    void htmlSmugglingReportRecordsTheFindingAndKeepsTheVerdictClean() throws Exception {
        FakeMail mail = mail(Fixtures.message().attachment("documento.htm", "text/html",
            HtmlPages.reversed(SMUGGLED_ZIP, "documento.zip")).build());

        mailet("htmlSmuggling", "report").service(mail);

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("clean");
        assertThat(AttachmentVerdictAttributes.findings(mail)).extracting(StoredFinding::code).containsExactly("HTML_SMUGGLING");
    }

    @Test
    void badHtmlSmugglingValueFailsAtInitNamingTheParameter() {
        assertThatThrownBy(() -> mailet("htmlSmuggling", "quarantine")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("htmlSmuggling").hasMessageContaining("quarantine");
    }
}
