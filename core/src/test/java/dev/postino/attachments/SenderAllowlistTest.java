package dev.postino.attachments;

import static dev.postino.attachments.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.attachments.ReasonCode.Category;
import dev.postino.attachments.SenderAllowlist.Proof;
import dev.postino.attachments.SenderAllowlist.Sender;

class SenderAllowlistTest {

    private static final String PAGHE = "paghe@studio-rossi.example";

    /** Matching rules alone: no proof required, so only the address decides. */
    private static SenderAllowlist listing(String... entries) {
        return SenderAllowlist.of(List.of(entries), SenderAllowlist.NOTHING);
    }

    private static boolean allows(SenderAllowlist allowlist, String address) {
        return allowlist.match(Sender.unverified(address)).isPresent();
    }

    // --- which addresses an entry covers ---------------------------------------------------------

    @Test
    void addressEntryMatchesThatAddressOnly() {
        SenderAllowlist allowlist = listing(PAGHE);

        assertThat(allows(allowlist, PAGHE)).isTrue();
        assertThat(allows(allowlist, "fatture@studio-rossi.example")).isFalse();
        assertThat(allows(allowlist, "paghe@studio-bianchi.example")).isFalse();
    }

    @Test
    void domainEntryMatchesEveryAddressAtExactlyThatDomain() {
        SenderAllowlist allowlist = listing("@studio-rossi.example");

        assertThat(allows(allowlist, PAGHE)).isTrue();
        assertThat(allows(allowlist, "fatture@studio-rossi.example")).isTrue();
    }

    @Test
    void domainEntryDoesNotMatchSubdomains() {
        SenderAllowlist allowlist = listing("@studio-rossi.example");

        assertThat(allows(allowlist, "news@mail.studio-rossi.example")).isFalse();
    }

    @Test
    void domainEntryDoesNotMatchADomainThatMerelyEndsTheSame() {
        SenderAllowlist allowlist = listing("@rossi.example");

        assertThat(allows(allowlist, "paghe@studio-rossi.example")).isFalse();
        assertThat(allows(allowlist, "paghe@rossi.example.attacker.example")).isFalse();
    }

    @Test
    void subdomainIsAllowedWhenListedItself() {
        SenderAllowlist allowlist = listing("@studio-rossi.example", "@mail.studio-rossi.example");

        assertThat(allows(allowlist, "news@mail.studio-rossi.example")).isTrue();
    }

    @Test
    void domainComparesCaseInsensitively() {
        assertThat(allows(listing("@Studio-Rossi.EXAMPLE"), "paghe@studio-rossi.example")).isTrue();
        assertThat(allows(listing("@studio-rossi.example"), "paghe@STUDIO-ROSSI.Example")).isTrue();
    }

    @Test
    void localPartComparesCaseInsensitively() {
        assertThat(allows(listing("Paghe@studio-rossi.example"), "PAGHE@studio-rossi.example")).isTrue();
    }

    @Test
    void subAddressesAndDotsAreNotFolded() {
        SenderAllowlist allowlist = listing(PAGHE);

        assertThat(allows(allowlist, "paghe+dicembre@studio-rossi.example")).isFalse();
        assertThat(allows(allowlist, "pa.ghe@studio-rossi.example")).isFalse();
    }

    @Test
    void internationalisedDomainMatchesItsAsciiForm() {
        assertThat(allows(listing("@università.example"), "segreteria@xn--universit-y1a.example")).isTrue();
        assertThat(allows(listing("@xn--universit-y1a.example"), "segreteria@università.example")).isTrue();
    }

    @Test
    void nullSenderNeverMatches() {
        SenderAllowlist allowlist = listing("@studio-rossi.example", PAGHE);

        assertThat(allows(allowlist, null)).isFalse();
        assertThat(allows(allowlist, "")).isFalse();
        assertThat(allowlist.match(new Sender(null, PAGHE, "pass"))).isEmpty();
    }

    @Test
    void addressEntryIsNamedBeforeItsDomainEntry() {
        SenderAllowlist allowlist = listing("@studio-rossi.example", "PAGHE@studio-rossi.example");

        assertThat(allowlist.match(Sender.unverified(PAGHE))).contains("PAGHE@studio-rossi.example");
        assertThat(allowlist.match(Sender.unverified("fatture@studio-rossi.example"))).contains("@studio-rossi.example");
    }

    @Test
    void emptyAllowlistMatchesNobody() {
        assertThat(SenderAllowlist.EMPTY.isEmpty()).isTrue();
        assertThat(SenderAllowlist.EMPTY.match(new Sender(PAGHE, PAGHE, "pass"))).isEmpty();
    }

    // --- bad entries ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"studio-rossi.example", "*@studio-rossi.example", "@*.studio-rossi.example", "*",
        "a@b@studio-rossi.example", "@[192.0.2.1]", "@", "paghe@", "@studio rossi.example", "pa ghe@studio-rossi.example",
        "\"pa ghe\"@studio-rossi.example", ".paghe@studio-rossi.example", "pa..ghe@studio-rossi.example",
        "@-studio.example", "@studio..example", "@studio-rossi.example.", "@studio_rossi.example"})
    void badEntryIsRejectedNamingIt(String entry) {
        assertThatThrownBy(() -> listing(PAGHE, entry))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("'" + entry + "': ");
    }

    @Test
    void bareDomainIsRejectedWithTheFix() {
        assertThatThrownBy(() -> listing("studio-rossi.example"))
            .hasMessageContaining("write @studio-rossi.example for a whole domain");
    }

    @Test
    void wildcardIsRejectedPointingToTheReportPolicy() {
        assertThatThrownBy(() -> listing("@*"))
            .hasMessageContaining("wildcards are not supported").hasMessageContaining("report");
    }

    // --- proofs ---------------------------------------------------------------------------------

    @Test
    void byDefaultAListedSenderNeedsSmtpAuthAsThatSender() {
        SenderAllowlist allowlist = SenderAllowlist.of(List.of(PAGHE), SenderAllowlist.DEFAULT_PROOFS);

        assertThat(allowlist.match(Sender.unverified(PAGHE))).isEmpty();
        assertThat(allowlist.match(new Sender(PAGHE, null, "pass"))).isEmpty();
        assertThat(allowlist.match(new Sender(PAGHE, "Paghe@Studio-Rossi.example", null))).contains(PAGHE);
    }

    @Test
    void authenticatedAsSomeoneElseIsNoProof() {
        SenderAllowlist allowlist = SenderAllowlist.of(List.of(PAGHE), Set.of(Proof.AUTH));

        assertThat(allowlist.match(new Sender(PAGHE, "mario.rossi@acme.example", null))).isEmpty();
    }

    @Test
    void authenticatedUserWithoutDomainProvesItsLocalPart() {
        SenderAllowlist allowlist = SenderAllowlist.of(List.of("@acme.example"), Set.of(Proof.AUTH));

        assertThat(allowlist.match(new Sender("mario.rossi@acme.example", "mario.rossi", null))).isPresent();
        assertThat(allowlist.match(new Sender("mario.rossi@acme.example", "anna.bianchi", null))).isEmpty();
    }

    @Test
    void spfPassIsProofOnlyWhenSpfIsAccepted() {
        Sender partner = new Sender(PAGHE, null, "pass");

        assertThat(SenderAllowlist.of(List.of(PAGHE), Set.of(Proof.AUTH)).match(partner)).isEmpty();
        assertThat(SenderAllowlist.of(List.of(PAGHE), Set.of(Proof.SPF)).match(partner)).contains(PAGHE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fail", "softfail", "neutral", "none", "temperror", "permerror", ""})
    void spfResultOtherThanPassIsNoProof(String result) {
        SenderAllowlist allowlist = SenderAllowlist.of(List.of(PAGHE), Set.of(Proof.SPF));

        assertThat(allowlist.match(new Sender(PAGHE, null, result))).isEmpty();
    }

    @Test
    void eitherProofSufficesWhenBothAreAccepted() {
        SenderAllowlist allowlist = SenderAllowlist.of(List.of("@studio-rossi.example", "@acme.example"),
            Set.of(Proof.AUTH, Proof.SPF));

        assertThat(allowlist.match(new Sender(PAGHE, null, "pass"))).isPresent();
        assertThat(allowlist.match(new Sender("mario.rossi@acme.example", "mario.rossi@acme.example", null))).isPresent();
        assertThat(allowlist.match(Sender.unverified(PAGHE))).isEmpty();
    }

    @Test
    void requiringNothingTrustsTheBareEnvelopeSender() {
        assertThat(listing(PAGHE).match(Sender.unverified(PAGHE))).contains(PAGHE);
    }

    @Test
    void senderShowsTheProofsItHas() {
        assertThat(Sender.unverified(PAGHE).proofsShown()).isEmpty();
        assertThat(new Sender(PAGHE, PAGHE, "pass").proofsShown()).containsExactlyInAnyOrder(Proof.AUTH, Proof.SPF);
    }

    @Test
    void proofsParseFromTheParameterWords() {
        assertThat(SenderAllowlist.parseProofs("auth")).containsExactly(Proof.AUTH);
        assertThat(SenderAllowlist.parseProofs(" SPF ")).containsExactly(Proof.SPF);
        assertThat(SenderAllowlist.parseProofs("auth, spf")).containsExactlyInAnyOrder(Proof.AUTH, Proof.SPF);
        assertThat(SenderAllowlist.parseProofs("none")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dkim", "none, auth", "", "yes"})
    void unknownProofIsRejectedNamingIt(String text) {
        assertThatThrownBy(() -> SenderAllowlist.parseProofs(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("'" + text.strip() + "' is not auth, spf");
    }

    // --- the effect on the verdict --------------------------------------------------------------

    private static final SenderAllowlist PARTNERS = SenderAllowlist.of(List.of(PAGHE), Set.of(Proof.SPF));
    private static final Sender PARTNER = new Sender(PAGHE, null, "pass");
    private static final Sender STRANGER = new Sender("avvisi@spedizioni.example", null, "pass");

    private static InspectionReport inspectFrom(Sender sender, byte[] message) {
        return new AttachmentInspector(PARTNERS.policyFor(InspectionPolicy.DEFAULT, sender)).inspect(message);
    }

    private static byte[] corpus(String id) {
        return Corpus.dangerous().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().message();
    }

    @Test
    void allowlistedSendersAesZipIsCleanWithTheFindingRecorded() {
        InspectionReport report = inspectFrom(PARTNER, corpus("T22"));

        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.CLEAN);
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(ReasonCode.ENCRYPTED_CONTENT);
            assertThat(finding.action()).isEqualTo(Action.REPORT);
        });
    }

    @Test
    void sameAesZipFromAnUnlistedSenderIsDangerous() {
        InspectionReport report = inspectFrom(STRANGER, corpus("T22"));

        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.DANGEROUS);
        assertThat(report.findings()).extracting(Finding::action).containsOnly(Action.BLOCK);
    }

    @Test
    void allowlistedSendersEncryptedZipWithAnExeIsDangerous() {
        byte[] mail = message()
            .attachment("cedolini.zip", "application/zip", Corpus.aesZip("cedolino-12.pdf"))
            .attachment("setup.exe", "application/octet-stream", Fixtures.peStub())
            .build();

        InspectionReport report = inspectFrom(PARTNER, mail);

        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.DANGEROUS);
        assertThat(report.findings()).filteredOn(f -> f.code() == ReasonCode.ENCRYPTED_CONTENT)
            .extracting(Finding::action).containsOnly(Action.REPORT);
        assertThat(report.findings()).filteredOn(f -> f.code().category() != Category.ENCRYPTED)
            .isNotEmpty().extracting(Finding::action).containsOnly(Action.BLOCK);
    }

    @Test
    void allowlistedSendersEncryptedZipShowingADisguisedProgramNameIsDangerous() {
        InspectionReport report = inspectFrom(PARTNER, corpus("T20"));

        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.DANGEROUS);
        assertThat(report.has(ReasonCode.DOUBLE_EXTENSION)).isTrue();
    }

    @Test
    void acceptingEncryptedLeavesIgnoreAndReportAsTheyAre() {
        InspectionPolicy ignoring = InspectionPolicy.DEFAULT.withAction(Category.ENCRYPTED, Action.IGNORE);
        InspectionPolicy reporting = InspectionPolicy.DEFAULT.withAction(Category.ENCRYPTED, Action.REPORT);

        assertThat(PARTNERS.policyFor(ignoring, PARTNER)).isSameAs(ignoring);
        assertThat(PARTNERS.policyFor(reporting, PARTNER)).isSameAs(reporting);
        assertThat(new AttachmentInspector(PARTNERS.policyFor(ignoring, PARTNER)).inspect(corpus("T22")).findings()).isEmpty();
    }

    @Test
    void acceptingEncryptedChangesNoOtherCategoryNorTheLimitsOrExtensions() {
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withAction(Category.MACROS, Action.REPORT)
            .withBlockedExtensions(Set.of("exe", "xyz"));

        InspectionPolicy accepting = SenderAllowlist.acceptingEncrypted(policy);

        assertThat(accepting.action(Category.ENCRYPTED)).isEqualTo(Action.REPORT);
        for (Category category : Category.values()) {
            if (category != Category.ENCRYPTED) {
                assertThat(accepting.action(category)).as(category.name()).isEqualTo(policy.action(category));
            }
        }
        assertThat(accepting.blockedExtensions()).isEqualTo(policy.blockedExtensions());
        assertThat(accepting.limits()).isEqualTo(policy.limits());
    }

    @Test
    void unlistedSenderKeepsThePolicyItself() {
        assertThat(PARTNERS.policyFor(InspectionPolicy.DEFAULT, STRANGER)).isSameAs(InspectionPolicy.DEFAULT);
    }
}
