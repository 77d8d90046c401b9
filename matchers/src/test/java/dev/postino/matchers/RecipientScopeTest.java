package dev.postino.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class RecipientScopeTest {

    @Test
    void emptyOrMissingConditionMeansAll() throws Exception {
        assertThat(RecipientScope.parse(null, "M")).isEqualTo(RecipientScope.ALL);
        assertThat(RecipientScope.parse("  ", "M")).isEqualTo(RecipientScope.ALL);
        assertThat(RecipientScope.parse("ALL", "M")).isEqualTo(RecipientScope.ALL);
    }

    @Test
    void localAndRemoteAreParsedInAnyCase() throws Exception {
        assertThat(RecipientScope.parse("Local", "M")).isEqualTo(RecipientScope.LOCAL);
        assertThat(RecipientScope.parse("REMOTE", "M")).isEqualTo(RecipientScope.REMOTE);
    }

    @Test
    void unknownConditionIsRejectedNamingMatcherAndValue() {
        assertThatThrownBy(() -> RecipientScope.parse("external", "IsReadReceipt"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("IsReadReceipt")
            .hasMessageContaining("'external'")
            .hasMessage("IsReadReceipt condition: invalid value 'external': expected nothing, all, local or remote");
    }

    @Test
    void selectKeepsOrderAndSplitsByLocality() throws Exception {
        List<MailAddress> recipients = List.of(new MailAddress("x@example.com"), new MailAddress("a@acme.example"),
            new MailAddress("y@example.org"));

        assertThat(RecipientScope.REMOTE.select(recipients, ReceiptFixtures.acmeContext()))
            .extracting(MailAddress::asString).containsExactly("x@example.com", "y@example.org");
        assertThat(RecipientScope.LOCAL.select(recipients, ReceiptFixtures.acmeContext()))
            .extracting(MailAddress::asString).containsExactly("a@acme.example");
        assertThat(RecipientScope.ALL.select(recipients, ReceiptFixtures.acmeContext())).hasSize(3);
    }
}
