package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntraCompanyRuleTest {

    private static final Function<String, AddressKey> KEY = address -> AddressKey.parse(address).orElseThrow();

    private final Set<String> served = new HashSet<>(Set.of("acme.example"));
    private final Company company = Company.of(served::contains, "local domains");
    private final List<String> problems = new ArrayList<>();

    @TempDir
    Path dir;

    private IntraCompanyRule rule(String mapping) {
        return new IntraCompanyRule(company,
            PersonalAccountsSource.fixed(PersonalAccounts.parse("personalAccounts", mapping)), problems::add);
    }

    private static Optional<IntraCompanyRule.IntraCompanyMail<String>> select(IntraCompanyRule rule, String sender,
                                                                              String... recipients) {
        return rule.select(KEY.apply(sender), List.of(recipients), KEY);
    }

    @Test
    void aCompanySenderWritingToColleaguesAndOutsidersHoldsOnlyTheColleaguesInEnvelopeOrder() {
        IntraCompanyRule.IntraCompanyMail<String> mail = select(rule(""), "mario.rossi@acme.example",
            "luca@acme.example", "client@example.com", "anna@ACME.example").orElseThrow();
        assertThat(mail.colleagues()).containsExactly("luca@acme.example", "anna@ACME.example");
        assertThat(mail.employee()).isEmpty();
        assertThat(mail.earnsReprimand()).isFalse();
    }

    @Test
    void anOutsideSenderIsNotDelayed() {
        assertThat(select(rule(""), "client@example.com", "anna@acme.example")).isEmpty();
    }

    @Test
    void aCompanySenderWritingOnlyOutsideIsNotDelayed() {
        assertThat(select(rule(""), "mario.rossi@acme.example", "client@example.com")).isEmpty();
    }

    @Test
    void aPersonalAccountWritingToColleaguesEarnsItsEmployeeAReprimand() {
        IntraCompanyRule.IntraCompanyMail<String> mail = select(rule("mario@gmail.example = mario.rossi@acme.example"),
            "mario@gmail.example", "anna@acme.example", "luca@acme.example").orElseThrow();
        assertThat(mail.employee()).contains(KEY.apply("mario.rossi@acme.example"));
        assertThat(mail.colleaguesBesidesEmployee()).isEqualTo(2);
        assertThat(mail.earnsReprimand()).isTrue();
    }

    @Test
    void writingFromHomeOnlyToOnesOwnWorkAddressIsDelayedButEarnsNoLetter() {
        IntraCompanyRule.IntraCompanyMail<String> mail = select(rule("mario@gmail.example = mario.rossi@acme.example"),
            "mario@gmail.example", "Mario.Rossi@acme.example").orElseThrow();
        assertThat(mail.colleagues()).containsExactly("Mario.Rossi@acme.example");
        assertThat(mail.colleaguesBesidesEmployee()).isZero();
        assertThat(mail.earnsReprimand()).isFalse();
    }

    @Test
    void aMappingFileIsCheckedAgainstTheCompanyOnEveryReloadNotOnlyAtStart() throws IOException {
        Path file = dir.resolve("personal-accounts.txt");
        write(file, "mario@gmail.example = mario.rossi@acme.example\n", 1);
        IntraCompanyRule rule = new IntraCompanyRule(company,
            PersonalAccountsSource.of("personalAccounts", file.toString(), problems::add), problems::add);
        assertThat(select(rule, "mario@gmail.example", "anna@acme.example")).isPresent();
        assertThat(problems).isEmpty();

        // An edit maps a personal account to a domain the company does not have: reported as soon as it is loaded,
        // and that account's mail is treated as external.
        write(file, "mario@gmail.example = mario.rossi@acme.example\nsara@gmail.example = sara@other.example\n", 2);
        assertThat(select(rule, "mario@gmail.example", "anna@acme.example")).isPresent();
        assertThat(problems).singleElement().asString()
            .startsWith("personalAccounts: sara@other.example (for sara@gmail.example) is not a company address");
        assertThat(select(rule, "sara@gmail.example", "anna@acme.example")).isEmpty();

        served.add("other.example");
        write(file, "sara@gmail.example = sara@other.example\n", 3);
        problems.clear();
        assertThat(select(rule, "sara@gmail.example", "anna@acme.example")).isPresent();
        assertThat(problems).isEmpty();
    }

    /** Writes and sets a distinct modification time, so a reload is seen even within one file-system tick. */
    private static void write(Path file, String text, int version) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-12-01T09:00:00Z").plusSeconds(version)));
    }
}
