package dev.postino.delay;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decides whether a mail falls under the delay rules and for which of its recipients: the envelope
 * sender is in the company (or is a listed personal account of an employee) and at least one
 * envelope recipient is.
 *
 * <p>The company may be James's domain list, which an administrator changes while the server runs,
 * and the personal-accounts file may be edited at any time; so the mapping is checked against the
 * company each time it is (re)loaded, never only at start ({@link SenderClassifier}), and an entry
 * that does not fit does the safe thing (no delay, no letter) and is reported to {@code problems}.
 */
public final class IntraCompanyRule {

    /**
     * A mail the rules apply to.
     *
     * @param colleagues the company recipients, in envelope order: they are held
     * @param employee for a mail from a personal account, the employee's company address
     * @param colleaguesBesidesEmployee company recipients other than the employee: a reprimand letter needs some
     */
    public record IntraCompanyMail<T>(List<T> colleagues, Optional<AddressKey> employee, int colleaguesBesidesEmployee) {
        public IntraCompanyMail {
            colleagues = List.copyOf(colleagues);
            Objects.requireNonNull(employee);
        }

        /** True when the sender wrote to colleagues from a personal account: writing to oneself dodges nothing. */
        public boolean earnsReprimand() {
            return employee.isPresent() && colleaguesBesidesEmployee > 0;
        }
    }

    private final Company company;
    private final SenderClassifier senders;

    /** @param problems told, in one sentence each, about mapping entries that do not fit the company as it is now */
    public IntraCompanyRule(Company company, PersonalAccountsSource personalAccounts, Consumer<String> problems) {
        this.company = Objects.requireNonNull(company);
        this.senders = new SenderClassifier(company, personalAccounts, problems);
    }

    public Company company() {
        return company;
    }

    /**
     * The part of a mail the rules apply to, or empty when they do not apply (an outside sender, no
     * company recipient).
     *
     * @param key how a recipient is compared: its {@link AddressKey}
     */
    public <T> Optional<IntraCompanyMail<T>> select(AddressKey sender, List<T> recipients, Function<T, AddressKey> key) {
        SenderClassifier.Sender role = senders.classify(sender);
        if (!role.inCompany()) {
            return Optional.empty();
        }
        List<T> colleagues = recipients.stream().filter(recipient -> company.includes(key.apply(recipient))).toList();
        if (colleagues.isEmpty()) {
            return Optional.empty();
        }
        Optional<AddressKey> employee = role.employee();
        int besidesEmployee = (int) colleagues.stream()
            .filter(colleague -> employee.filter(key.apply(colleague)::equals).isEmpty()).count();
        return Optional.of(new IntraCompanyMail<>(colleagues, employee, besidesEmployee));
    }
}
