package dev.postino.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;

class AttachmentVerdictAttributesTest {

    @Test
    void storedVerdictAndFindingsReadBackUnchanged() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").build();
        StoredFinding finding = new StoredFinding("EXECUTABLE_CONTENT", "2",
            "part 2 › bollettino.zip › bollettino.pdf.exe", "It is a Windows program.", "bollettino.pdf.exe", "block");

        AttachmentVerdictAttributes.store(mail, true, List.of(finding));

        assertThat(AttachmentVerdictAttributes.verdict(mail)).contains("dangerous");
        assertThat(AttachmentVerdictAttributes.isDangerous(mail)).isTrue();
        assertThat(AttachmentVerdictAttributes.findings(mail)).containsExactly(finding);
    }

    @Test
    void findingsAreAListOfStringMapsWithTheSixContractKeys() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").build();
        AttachmentVerdictAttributes.store(mail, false, List.of(new StoredFinding("X", "", "message", "m", "", "block")));

        Object raw = mail.getAttribute(AttachmentVerdictAttributes.FINDINGS).orElseThrow().getValue().value();
        assertThat(raw).isInstanceOf(java.util.Collection.class);
        Object first = ((java.util.Collection<?>) raw).iterator().next();
        assertThat(((AttributeValue<?>) first).value()).asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsOnlyKeys("code", "section", "path", "message", "filename", "action");
        assertThat(mail.getAttribute(AttachmentVerdictAttributes.VERDICT).orElseThrow().getValue().value())
            .isEqualTo("clean");
    }

    @Test
    void aFindingStoredWithoutAnActionCountsAsBlocking() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").build();
        mail.setAttribute(new Attribute(AttachmentVerdictAttributes.FINDINGS, AttributeValue.of(List.of(
            AttributeValue.of(Map.of("code", AttributeValue.of("EXECUTABLE_CONTENT"), "section", AttributeValue.of("2")))))));

        assertThat(AttachmentVerdictAttributes.blockingFindings(mail)).singleElement()
            .extracting(StoredFinding::code).isEqualTo("EXECUTABLE_CONTENT");
    }

    @Test
    void absentAttributesReadAsNoVerdictAndNoFindings() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").build();

        assertThat(AttachmentVerdictAttributes.verdict(mail)).isEmpty();
        assertThat(AttachmentVerdictAttributes.isDangerous(mail)).isFalse();
        assertThat(AttachmentVerdictAttributes.findings(mail)).isEmpty();
    }

    @Test
    void foreignlyTypedAttributesAreIgnoredInsteadOfThrowing() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").build();
        mail.setAttribute(new Attribute(AttachmentVerdictAttributes.VERDICT, AttributeValue.of(42)));
        mail.setAttribute(new Attribute(AttachmentVerdictAttributes.FINDINGS, AttributeValue.of("nope")));

        assertThat(AttachmentVerdictAttributes.verdict(mail)).isEmpty();
        assertThat(AttachmentVerdictAttributes.findings(mail)).isEmpty();
    }
}
