package dev.postino.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

import dev.postino.attachments.Fixtures;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;

class HasDangerousAttachmentTest {

    private static HasDangerousAttachment matcher(String condition) throws MessagingException {
        HasDangerousAttachment matcher = new HasDangerousAttachment();
        matcher.init(FakeMatcherConfig.builder().matcherName("HasDangerousAttachment").condition(condition).build());
        return matcher;
    }

    private static FakeMail mail(byte[] eml) throws Exception {
        return FakeMail.builder().name("m")
            .mimeMessage(new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(eml)))
            .recipients(new MailAddress("anna.bianchi@acme.example"), new MailAddress("luca@acme.example"))
            .build();
    }

    private static FakeMail mailWithVerdict(boolean dangerous, String... codes) throws Exception {
        FakeMail mail = mail(Fixtures.message().build());
        AttachmentVerdictAttributes.store(mail, dangerous,
            java.util.Arrays.stream(codes).map(code -> new StoredFinding(code, "2", "part 2", "m", "", "block")).toList());
        return mail;
    }

    @Test
    void storedDangerousVerdictMatchesAllRecipients() throws Exception {
        FakeMail mail = mailWithVerdict(true, "EXECUTABLE_CONTENT");

        assertThat(matcher(null).match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }

    @Test
    void storedCleanVerdictMatchesNobodyEvenIfTheMessageIsDangerous() throws Exception {
        FakeMail mail = mail(Fixtures.bollettino());
        AttachmentVerdictAttributes.store(mail, false, List.of());

        assertThat(matcher(null).match(mail)).isEmpty();
    }

    @Test
    void withoutAStoredVerdictItInspectsTheMessageItself() throws Exception {
        assertThat(matcher(null).match(mail(Fixtures.bollettino()))).hasSize(2);
        assertThat(matcher(null).match(mail(Fixtures.message().attachment("a.pdf", "application/pdf", Fixtures.pdf("x")).build())))
            .isEmpty();
    }

    @Test
    void conditionSelectsReasonCodes() throws Exception {
        FakeMail mail = mailWithVerdict(true, "MACROS");

        assertThat(matcher("EXECUTABLE_CONTENT, DOUBLE_EXTENSION").match(mail)).isEmpty();
        assertThat(matcher("macros").match(mail)).hasSize(2);
    }

    @Test
    void aCodeMatchesOnlyAFindingThatBlockedNotOneThatWasOnlyReported() throws Exception {
        FakeMail mail = mail(Fixtures.message().build());
        AttachmentVerdictAttributes.store(mail, true, java.util.List.of(
            new StoredFinding("ENCRYPTED_CONTENT", "3", "part 3", "m", "busta-paga.pdf", "report"),
            new StoredFinding("EXECUTABLE_CONTENT", "2", "part 2", "m", "x.exe", "block")));

        assertThat(matcher("ENCRYPTED_CONTENT").match(mail)).isEmpty();
        assertThat(matcher("EXECUTABLE_CONTENT").match(mail)).hasSize(2);
    }

    @Test
    void unknownReasonCodeInTheConditionFailsAtInit() {
        assertThatThrownBy(() -> matcher("EXECUTABLE,NOPE")).isInstanceOf(MessagingException.class).hasMessageContaining("'EXECUTABLE'");
        assertThatThrownBy(() -> matcher("MACROS; NOPE")).isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("HasDangerousAttachment condition: invalid value 'MACROS; NOPE': unknown reason code 'NOPE'");
    }

    @Test
    void theConditionIsAListLikeEveryOther() throws Exception {
        FakeMail mail = mailWithVerdict(true, "MACROS");

        assertThat(matcher("EXECUTABLE_CONTENT; macros").match(mail)).hasSize(2);
        assertThat(matcher("EXECUTABLE_CONTENT DOUBLE_EXTENSION").match(mail)).isEmpty();
    }
}
