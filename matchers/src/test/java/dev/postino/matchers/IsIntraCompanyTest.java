package dev.postino.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class IsIntraCompanyTest {

    private static IsIntraCompany matcher(String condition, MailetContext context) throws MessagingException {
        IsIntraCompany matcher = new IsIntraCompany();
        FakeMatcherConfig.Builder config = FakeMatcherConfig.builder().matcherName("IsIntraCompany").mailetContext(context);
        if (condition != null) {
            config.condition(condition);
        }
        matcher.init(config.build());
        return matcher;
    }

    private static Mail mail(String sender, String... recipients) throws MessagingException {
        return FakeMail.builder().name("m").sender(sender).recipients(recipients).build();
    }

    private static MailetContext localDomains(String... domains) {
        MailetContext context = mock(MailetContext.class);
        when(context.isLocalServer(Mockito.any())).thenReturn(false);
        for (String d : domains) {
            when(context.isLocalServer(Domain.of(d))).thenReturn(true);
        }
        return context;
    }

    /** A message any read of which fails the test. */
    private static final class UnreadableMessage extends MimeMessage {
        UnreadableMessage() {
            super(Session.getInstance(new Properties()));
        }

        @Override
        public String[] getHeader(String name) {
            throw new AssertionError("header " + name + " was read");
        }

        @Override
        public String getHeader(String name, String delimiter) {
            throw new AssertionError("header " + name + " was read");
        }

        @Override
        public Object getContent() {
            throw new AssertionError("the body was read");
        }

        @Override
        public InputStream getInputStream() {
            throw new AssertionError("the body was read");
        }

        @Override
        public void writeTo(OutputStream out) {
            throw new AssertionError("the message was written");
        }
    }

    @Test
    void matchesOnlyTheCompanyRecipientsOfMailFromTheCompany() throws Exception {
        Collection<MailAddress> matched = matcher("acme.example", localDomains())
            .match(mail("mario.rossi@acme.example", "anna.bianchi@acme.example", "client@example.com"));
        assertThat(matched).containsExactly(new MailAddress("anna.bianchi@acme.example"));
    }

    @Test
    void mailFromOutsideTheCompanyMatchesNothing() throws Exception {
        assertThat(matcher("acme.example", localDomains()).match(mail("client@example.com", "anna.bianchi@acme.example"))).isEmpty();
    }

    @Test
    void bouncesWithANullSenderMatchNothing() throws Exception {
        Mail bounce = FakeMail.builder().name("b").recipient("anna.bianchi@acme.example").build();
        assertThat(matcher("acme.example", localDomains()).match(bounce)).isEmpty();
    }

    @Test
    void withoutConditionTheCompanyIsTheDomainsJamesServes() throws Exception {
        Collection<MailAddress> matched = matcher(null, localDomains("acme.example"))
            .match(mail("mario.rossi@acme.example", "anna.bianchi@acme.example", "client@example.com"));
        assertThat(matched).containsExactly(new MailAddress("anna.bianchi@acme.example"));
    }

    @Test
    void severalDomainsFormOneCompanyWhateverTheirCase() throws Exception {
        Collection<MailAddress> matched = matcher("acme.example, ACME.it", localDomains())
            .match(mail("mario.rossi@Acme.IT", "anna.bianchi@acme.example", "luca@acme.it", "x@sub.acme.it"));
        assertThat(matched).containsExactly(new MailAddress("anna.bianchi@acme.example"), new MailAddress("luca@acme.it"));
    }

    @Test
    void aBadConditionFailsAtInitNamingTheMatcher() {
        assertThatThrownBy(() -> matcher("acme example@", localDomains()))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("IsIntraCompany condition: invalid value");
    }

    @Test
    void neverReadsTheMessage() throws Exception {
        Mail mail = FakeMail.builder().name("m").sender("mario.rossi@acme.example")
            .recipients("anna.bianchi@acme.example").mimeMessage(new UnreadableMessage()).build();
        assertThat(matcher("acme.example", localDomains()).match(mail)).hasSize(1);
    }
}
