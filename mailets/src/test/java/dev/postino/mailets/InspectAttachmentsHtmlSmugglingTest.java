package dev.postino.mailets;

import static dev.postino.mailets.InspectAttachmentsFixtures.mail;
import static dev.postino.mailets.InspectAttachmentsFixtures.mailet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;

import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import dev.postino.attachments.Action;
import dev.postino.attachments.Fixtures;
import dev.postino.attachments.HtmlPages;
import dev.postino.attachments.ReasonCode.Category;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;

/** The {@code htmlSmuggling} parameter of InspectAttachments. */
class InspectAttachmentsHtmlSmugglingTest {

    private static final byte[] SMUGGLED_ZIP = Fixtures.zip("fattura.pdf.exe", Fixtures.peStub());

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
