package dev.postino.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectLongerThanTest {

    private static final String FAMILY = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

    private static SubjectLongerThan matcher(String condition) throws MessagingException {
        SubjectLongerThan matcher = new SubjectLongerThan();
        matcher.init(FakeMatcherConfig.builder().matcherName("SubjectLongerThan").condition(condition).build());
        return matcher;
    }

    private static Mail mail(String headers) throws MessagingException {
        return FakeMail.builder().name("mail1")
            .recipients("anna.bianchi@acme.example", "client@example.com")
            .mimeMessage(new BodyThrowingMessage("From: mario.rossi@acme.example\r\n" + headers))
            .build();
    }

    private static Collection<MailAddress> match(String condition, String headers) throws MessagingException {
        return matcher(condition).match(mail(headers));
    }

    @Test
    void subjectLongerThanNCharactersMatchesAllRecipients() throws Exception {
        assertThat(match("10", "Subject: 0123456789A"))
            .extracting(MailAddress::asString)
            .containsExactly("anna.bianchi@acme.example", "client@example.com");
    }

    @Test
    void subjectOfExactlyNCharactersDoesNotMatch() throws Exception {
        assertThat(match("10", "Subject: 0123456789")).isNullOrEmpty();
    }

    @Test
    void charactersAreGraphemeClustersNotJavaChars() throws Exception {
        String threeFamilies = FAMILY.repeat(3);
        assertThat(match("3", "Subject: =?UTF-8?B?" + java.util.Base64.getEncoder()
            .encodeToString(threeFamilies.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=")).isNullOrEmpty();
    }

    @Test
    void charactersAreCountedAfterRfc2047Decoding() throws Exception {
        assertThat(match("5", "Subject: =?UTF-8?Q?caff=C3=A8?=")).isNullOrEmpty();
        assertThat(match("4", "Subject: =?UTF-8?Q?caff=C3=A8?=")).isNotEmpty();
    }

    @Test
    void bytesConditionMeasuresTheWholeRawFieldWithItsFolds() throws Exception {
        String headers = "Subject: Ciao\r\n a tutti"; // 23 bytes on the wire
        assertThat(match("23 bytes", headers)).isNullOrEmpty();
        assertThat(match("22 bytes", headers)).isNotEmpty();
    }

    @Test
    void explicitCharactersUnitIsAccepted() throws Exception {
        assertThat(match("4 characters", "Subject: abcde")).isNotEmpty();
    }

    @Test
    void anyOfSeveralSubjectHeadersBeingLongMatches() throws Exception {
        assertThat(match("5", "Subject: short\r\nTo: x@example.com\r\nSubject: much longer")).isNotEmpty();
    }

    @Test
    void mailWithoutSubjectNeverMatches() throws Exception {
        assertThat(match("1", "To: x@example.com")).isNullOrEmpty();
    }

    @Test
    void theBodyIsNeverRead() throws Exception {
        // BodyThrowingMessage fails the test on any body access; reaching here proves it.
        assertThat(match("10 bytes", "Subject: a long enough subject")).isNotEmpty();
        assertThat(match("10", "Subject: a long enough subject")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0", "-5", "10 words", "200 bytes please", "99999999999"})
    void badConditionFailsInitNamingTheValue(String condition) {
        assertThatThrownBy(() -> matcher(condition))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("SubjectLongerThan")
            .hasMessageContaining("'" + condition + "'")
            .hasMessageStartingWith("SubjectLongerThan condition: invalid value '" + condition + "': ");
    }
}
