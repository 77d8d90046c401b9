package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.postino.HostileText;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;

class RecipientCounterTest {

    private final RecipientCounter counter = new RecipientCounter(Company.ofDomains("domains", "acme.example, acme.it"));

    private static List<AddressKey> envelope(String... addresses) {
        return Stream.of(addresses).map(a -> AddressKey.parse(a).orElseThrow()).toList();
    }

    @Test
    void toAndCcCompanyAddressesAreVisibleTheRestOfTheEnvelopeIsBcc() {
        RecipientCounts c = counter.count(
            List.of("Anna Bianchi <anna.bianchi@acme.example>", "luca.verdi@acme.example"),
            envelope("anna.bianchi@acme.example", "luca.verdi@acme.example", "giulia.neri@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(2, 1));
    }

    @Test
    void externalRecipientsNeverCount() {
        RecipientCounts c = counter.count(
            List.of("client@example.com, anna.bianchi@acme.example", "boss@partner.example"),
            envelope("client@example.com", "anna.bianchi@acme.example", "boss@partner.example", "spy@example.net"));
        assertThat(c).isEqualTo(new RecipientCounts(1, 0));
    }

    @Test
    void aRecipientInBothToAndTheEnvelopeCountsOnceAsTo() {
        RecipientCounts c = counter.count(List.of("anna.bianchi@acme.example"), envelope("anna.bianchi@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(1, 0));
    }

    @Test
    void duplicatesAcrossToAndCcCountOnce() {
        RecipientCounts c = counter.count(
            List.of("anna.bianchi@acme.example, \"Anna\" <anna.bianchi@acme.example>", "anna.bianchi@acme.example"),
            envelope("anna.bianchi@acme.example", "anna.bianchi@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(1, 0));
    }

    @Test
    void caseOfTheDomainAndOfTheMailboxDoesNotMakeANewRecipient() {
        RecipientCounts c = counter.count(
            List.of("Anna.Bianchi@ACME.Example"),
            envelope("anna.bianchi@acme.example", "LUCA.VERDI@Acme.It"));
        assertThat(c).isEqualTo(new RecipientCounts(1, 1));
    }

    @Test
    void groupMembersAreRecipientsAndAnEmptyGroupIsNone() {
        RecipientCounts c = counter.count(
            List.of("Team: anna.bianchi@acme.example, Luca <luca.verdi@acme.example>;", "undisclosed-recipients:;"),
            envelope("anna.bianchi@acme.example", "luca.verdi@acme.example", "giulia.neri@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(2, 1));
    }

    @Test
    void commentsEncodedDisplayNamesAndFoldingAreIgnored() {
        RecipientCounts c = counter.count(
            List.of("=?UTF-8?Q?Nicol=C3=B2?= <nicolo.russo@acme.example> (ufficio acquisti),\r\n\tanna.bianchi(Anna)@acme.example"),
            envelope("nicolo.russo@acme.example", "anna.bianchi@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(2, 0));
    }

    @Test
    void aQuotedLocalPartEqualsTheUnquotedOne() {
        RecipientCounts c = counter.count(List.of("\"anna.bianchi\"@acme.example"), envelope("anna.bianchi@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(1, 0));
    }

    @Test
    void noCompanyRecipientAtAllCountsZero() {
        RecipientCounts c = counter.count(List.of("client@example.com"), envelope("client@example.com"));
        assertThat(c).isEqualTo(new RecipientCounts(0, 0));
    }

    @Test
    void aMalformedHeaderLeavesEveryEnvelopeRecipientAsBcc() {
        RecipientCounts c = counter.count(List.of("<<<not an address"), envelope("anna.bianchi@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(0, 1));
    }

    @Test
    void aDomainTheCompanyCheckCannotJudgeIsNotTheCompanys() {
        RecipientCounter strict = new RecipientCounter(Company.of(domain -> {
            if (!domain.matches("[a-z0-9.-]+")) {
                throw new IllegalArgumentException("bad domain " + domain);
            }
            return domain.equals("acme.example");
        }, "strict"));
        RecipientCounts c = strict.count(List.of("anna.bianchi@acme.example, x@[bad!domain"), envelope("anna.bianchi@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(1, 0));
    }

    @Test
    void anInternationalisedEnvelopeDomainEqualsItsPunycode() {
        assertThat(AddressKey.parse("anna@caf\u00e9.example")).isEqualTo(AddressKey.parse("Anna@xn--caf-dma.example"));
    }

    /** Found by fuzzing: IDN.toASCII throws a bare RuntimeException for a label this long. */
    @Test
    void aNonAsciiDomainTooLongForPunycodeIsComparedAsWritten() {
        String domain = "caf\u00e9".repeat(300) + ".example";

        assertThat(RecipientCounter.parseAddressList("anna@" + domain)).extracting(AddressKey::domain)
            .containsExactly(domain);
        assertThat(AddressKey.parse("anna@" + domain)).isPresent();
    }

    @Test
    void anAddressEndingInADotHasNoDomain() {
        assertThat(AddressKey.parse("anna@.")).isEmpty();
    }

    @Test
    void groupNamesAndSeparatorsInsideQuotesCommentsAndAngleBracketsDoNotSplitAMailbox() {
        assertThat(RecipientCounter.mailboxTexts("Team: \"Bianchi, Anna\" <anna@acme.example> (a, b; c: d), <@route,@x:luca@acme.example>;"))
            .containsExactly(" \"Bianchi, Anna\" <anna@acme.example> (a, b; c: d)", " <@route,@x:luca@acme.example>", "");
        RecipientCounts c = counter.count(
            List.of("Team: \"Bianchi, Anna\" <anna@acme.example> (a, b; c: d), <@route,@x:luca@acme.example>;"),
            envelope("anna@acme.example", "luca@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(2, 0));
    }

    @Test
    void aSubdomainIsNotTheCompany() {
        RecipientCounts c = counter.count(List.of("anna@mail.acme.example"), envelope("anna@mail.acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(0, 0));
    }

    @Test
    void visibleRecipientsCountEvenWhenThisCopyDoesNotCarryThem() {
        // A copy split off for one recipient still pays for the colleagues the sender put in To.
        RecipientCounts c = counter.count(
            List.of("anna.bianchi@acme.example, luca.verdi@acme.example, giulia.neri@acme.example"),
            envelope("luca.verdi@acme.example"));
        assertThat(c).isEqualTo(new RecipientCounts(3, 0));
    }

    /** To and Cc come from the sender: whatever they hold gives a set of company keys, never an exception. */
    @Property(tries = 1000)
    void anyAddressHeaderGivesKeysNeverAnException(@ForAll(supplier = HostileText.HeaderValue.class) String header) {
        for (AddressKey key : RecipientCounter.parseAddressList(header)) {
            assertThat(key.domain()).isEqualTo(key.domain().toLowerCase(java.util.Locale.ROOT));
            assertThat(key.localPart()).isEqualTo(key.localPart().toLowerCase(java.util.Locale.ROOT));
        }
        AddressKey.parse(header).ifPresent(key -> assertThat(key.domain()).isNotEmpty());
        assertThat(counter.count(List.of(header), List.of()).visible()).isNotNegative();
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void hugeAddressHeadersAreReadInLinearTime(@ForAll(supplier = HostileText.Huge.class) String header) {
        long start = System.nanoTime();
        RecipientCounter.parseAddressList(header);
        AddressKey.parse(header);

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(HostileText.HUGE_READ_BUDGET);
    }

}
