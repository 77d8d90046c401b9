package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalAccountsTest {

    private static AddressKey key(String address) {
        return AddressKey.parse(address).orElseThrow();
    }

    @Test
    void mapsEachPersonalAddressToTheCompanyAddress() {
        PersonalAccounts accounts = PersonalAccounts.parse("personalAccounts", """
            # personal = company
            mario.rossi.1970@gmail.example = mario.rossi@acme.example

            Anna.B@Libero.Example=anna.bianchi@acme.example   # trailing comment
            """);
        assertThat(accounts.companyAddressOf(key("mario.rossi.1970@gmail.example"))).contains(key("mario.rossi@acme.example"));
        assertThat(accounts.companyAddressOf(key("anna.b@libero.example"))).contains(key("anna.bianchi@acme.example"));
        assertThat(accounts.companyAddressOf(key("someone@gmail.example"))).isEmpty();
    }

    @Test
    void anInlineListMaySeparateEntriesWithCommas() {
        PersonalAccounts accounts = PersonalAccounts.parse("personalAccounts",
            "mario@gmail.example=mario.rossi@acme.example, anna@libero.example = anna.bianchi@acme.example");
        assertThat(accounts.size()).isEqualTo(2);
    }

    @Test
    void aBadLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> PersonalAccounts.parse("accounts.properties", "a@b.example = c@acme.example\nnonsense\n"))
            .hasMessage("accounts.properties line 2: 'nonsense' is not 'personal-address = company-address'");
    }

    @Test
    void anAddressMappedToItselfIsRejected() {
        assertThatThrownBy(() -> PersonalAccounts.parse("personalAccounts", "a@acme.example = A@acme.example"))
            .hasMessageContaining("mapped to itself");
    }

    @Test
    void oneAddressMappedToTwoEmployeesIsRejected() {
        assertThatThrownBy(() -> PersonalAccounts.parse("personalAccounts", "a@b.example = c@acme.example\na@b.example = d@acme.example"))
            .hasMessageContaining("mapped to both");
    }

    @Test
    void aValueWithEqualsSignsIsInlineOtherwiseAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("accounts"), "x@gmail.example = x@acme.example\n");
        assertThat(PersonalAccountsSource.of("personalAccounts", "y@gmail.example = y@acme.example", s -> { }).current().size()).isEqualTo(1);
        assertThat(PersonalAccountsSource.of("personalAccounts", file.toString(), s -> { }).current()
            .companyAddressOf(key("x@gmail.example"))).contains(key("x@acme.example"));
    }

    @Test
    void aMissingFileFailsAtStartNamingTheParameter(@TempDir Path dir) {
        assertThatThrownBy(() -> PersonalAccountsSource.of("personalAccounts", dir.resolve("nope").toString(), s -> { }))
            .hasMessageStartingWith("personalAccounts: cannot read");
    }

    @Test
    void theFileIsReloadedWhenItChanges(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("accounts"), "x@gmail.example = x@acme.example\n");
        PersonalAccountsSource source = PersonalAccountsSource.of("personalAccounts", file.toString(), s -> { });
        Files.writeString(file, "x@gmail.example = x@acme.example\ny@gmail.example = y@acme.example\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(source.current().companyAddressOf(key("y@gmail.example"))).contains(key("y@acme.example"));
    }

    @Test
    void aBrokenEditKeepsThePreviousMappingAndIsReportedOnce(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("accounts"), "x@gmail.example = x@acme.example\n");
        List<String> problems = new ArrayList<>();
        PersonalAccountsSource source = PersonalAccountsSource.of("personalAccounts", file.toString(), problems::add);
        Files.writeString(file, "x@gmail.example = x@acme.example\nhalf-typed line\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(source.current().companyAddressOf(key("x@gmail.example"))).contains(key("x@acme.example"));
        assertThat(source.current().size()).isEqualTo(1);
        assertThat(problems).hasSize(1).first().asString().contains("line 2");
    }
}
