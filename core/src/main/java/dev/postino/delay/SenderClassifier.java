package dev.postino.delay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides who a sender is for the delay rules: a company address, an employee's listed personal
 * account, or an outsider. The company may be James's domain list, which an administrator changes
 * while the server runs (a fresh James serves only {@code localhost} until domains are added), so
 * the personal-accounts mapping is checked against the company when it is used, never only at start:
 * each time the mapping is (re)loaded, and for the entry a mail actually needs.
 *
 * <p>An entry that does not fit the company now is reported to {@code problems} and does the safe
 * thing: a personal address whose company address is not the company's is treated as an outsider
 * (no delay, no letter); a "personal" address that is itself a company address is a company sender.
 */
public final class SenderClassifier {

    /** What the sender is. */
    public enum Kind { COMPANY, PERSONAL_ACCOUNT, EXTERNAL }

    /** The sender's kind and, for a personal account, the employee's company address. */
    public record Sender(Kind kind, Optional<AddressKey> employee) {
        static final Sender COMPANY = new Sender(Kind.COMPANY, Optional.empty());
        static final Sender EXTERNAL = new Sender(Kind.EXTERNAL, Optional.empty());

        public boolean inCompany() {
            return kind != Kind.EXTERNAL;
        }
    }

    private final Company company;
    private final PersonalAccountsSource accounts;
    private final Consumer<String> problems;
    private volatile PersonalAccounts lastChecked;

    /** @param problems told, in one sentence each, about mapping entries that do not fit the company */
    public SenderClassifier(Company company, PersonalAccountsSource accounts, Consumer<String> problems) {
        this.company = Objects.requireNonNull(company);
        this.accounts = Objects.requireNonNull(accounts);
        this.problems = Objects.requireNonNull(problems);
    }

    public Sender classify(AddressKey sender) {
        PersonalAccounts current = accounts.current();
        if (current != lastChecked) {
            lastChecked = current;
            problems(current, company).forEach(problems);
        }
        Optional<AddressKey> employee = current.companyAddressOf(sender);
        if (company.includes(sender)) {
            employee.ifPresent(e -> problems.accept(notPersonal(sender)));
            return Sender.COMPANY;
        }
        if (employee.isEmpty()) {
            return Sender.EXTERNAL;
        }
        if (!company.includes(employee.get())) {
            problems.accept(notCompany(sender, employee.get(), company));
            return Sender.EXTERNAL;
        }
        return new Sender(Kind.PERSONAL_ACCOUNT, employee);
    }

    /** The entries of {@code accounts} that do not fit {@code company} as it is now, one sentence each. */
    public static List<String> problems(PersonalAccounts accounts, Company company) {
        List<String> found = new ArrayList<>();
        accounts.entries().forEach((personal, employee) -> {
            if (company.includes(personal)) {
                found.add(notPersonal(personal));
            } else if (!company.includes(employee)) {
                found.add(notCompany(personal, employee, company));
            }
        });
        return found;
    }

    private static String notPersonal(AddressKey personal) {
        return "personalAccounts: " + personal + " is a company address, not a personal one; "
            + "its mail follows the rules as any company mail and earns no letter";
    }

    private static String notCompany(AddressKey personal, AddressKey employee, Company company) {
        return "personalAccounts: " + employee + " (for " + personal + ") is not a company address (company: "
            + company + "); mail from " + personal + " is treated as external until its domain is served";
    }
}
