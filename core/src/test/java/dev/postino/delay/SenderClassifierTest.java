package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SenderClassifierTest {

    private final Set<String> served = new HashSet<>(Set.of("localhost"));
    private final Company jamesDomains = Company.of(served::contains, "local domains");
    private final List<String> problems = new ArrayList<>();

    private static AddressKey key(String address) {
        return AddressKey.parse(address).orElseThrow();
    }

    private SenderClassifier classifier(String mapping) {
        return new SenderClassifier(jamesDomains,
            PersonalAccountsSource.fixed(PersonalAccounts.parse("personalAccounts", mapping)), problems::add);
    }

    @Test
    void aCompanyAddressIsACompanySender() {
        served.add("acme.example");
        assertThat(classifier("").classify(key("anna@acme.example")).kind()).isEqualTo(SenderClassifier.Kind.COMPANY);
        assertThat(problems).isEmpty();
    }

    @Test
    void aListedPersonalAccountNamesItsEmployee() {
        served.add("acme.example");
        SenderClassifier.Sender sender = classifier("mario@gmail.example = mario.rossi@acme.example")
            .classify(key("Mario@Gmail.example"));
        assertThat(sender.kind()).isEqualTo(SenderClassifier.Kind.PERSONAL_ACCOUNT);
        assertThat(sender.employee()).contains(key("mario.rossi@acme.example"));
    }

    @Test
    void aPersonalAccountOfADomainNotServedYetIsAnOutsiderAndReported() {
        SenderClassifier classifier = classifier("mario@gmail.example = mario.rossi@acme.example");
        assertThat(classifier.classify(key("mario@gmail.example")).kind()).isEqualTo(SenderClassifier.Kind.EXTERNAL);
        assertThat(problems).isNotEmpty().allSatisfy(problem -> assertThat(problem)
            .startsWith("personalAccounts: mario.rossi@acme.example (for mario@gmail.example) is not a company address"));
    }

    @Test
    void onceTheDomainIsServedTheSameMappingWorksWithoutARestart() {
        SenderClassifier classifier = classifier("mario@gmail.example = mario.rossi@acme.example");
        assertThat(classifier.classify(key("mario@gmail.example")).inCompany()).isFalse();

        served.add("acme.example");

        assertThat(classifier.classify(key("mario@gmail.example")).kind()).isEqualTo(SenderClassifier.Kind.PERSONAL_ACCOUNT);
    }

    @Test
    void aPersonalAddressThatIsACompanyAddressStaysACompanySenderAndIsReported() {
        served.add("acme.example");
        SenderClassifier classifier = classifier("anna@acme.example = mario.rossi@acme.example");
        assertThat(classifier.classify(key("anna@acme.example")).kind()).isEqualTo(SenderClassifier.Kind.COMPANY);
        assertThat(problems).contains("personalAccounts: anna@acme.example is a company address, not a personal one; "
            + "its mail follows the rules as any company mail and earns no letter");
    }

    @Test
    void theWholeMappingIsCheckedOnceWhenFirstUsedNotForEveryMail() {
        served.add("acme.example");
        SenderClassifier classifier = classifier("a@gmail.example = a@acme.example, b@gmail.example = b@elsewhere.example");
        classifier.classify(key("someone@example.com"));
        classifier.classify(key("someone@example.com"));
        assertThat(problems).containsExactly("personalAccounts: b@elsewhere.example (for b@gmail.example) is not a company "
            + "address (company: local domains); mail from b@gmail.example is treated as external until its domain is served");
    }

    @Test
    void problemsListsEveryEntryThatDoesNotFitTheCompany() {
        Company acme = Company.ofDomains("domains", "acme.example");
        PersonalAccounts accounts = PersonalAccounts.parse("personalAccounts",
            "ok@gmail.example = ok@acme.example, x@acme.example = y@acme.example, z@gmail.example = z@other.example");
        assertThat(SenderClassifier.problems(accounts, acme)).hasSize(2);
    }
}
