package dev.postino.delay;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.postino.parameters.ParameterValues;

/**
 * Which mail domains belong to the company. Exact domains only: {@code acme.example} does not
 * include {@code mail.acme.example}; list each domain.
 */
public final class Company {

    private final Predicate<String> domains;
    private final String description;

    private Company(Predicate<String> domains, String description) {
        this.domains = domains;
        this.description = description;
    }

    /** The company whose domains are those in the list {@code text} ({@link ParameterValues#list}). */
    public static Company ofDomains(String parameter, String text) {
        Set<String> set = ParameterValues.list(text).stream()
            .map(AddressKey::normaliseDomain)
            .collect(Collectors.toUnmodifiableSet());
        if (set.isEmpty()) {
            throw ParameterValues.invalid(parameter, text, "no domain given");
        }
        for (String d : set) {
            if (d.contains("@") || !d.matches("[a-z0-9.-]+") || d.startsWith(".") || d.contains("..")) {
                throw ParameterValues.invalid(parameter, text, "'" + d + "' is not a domain");
            }
        }
        return new Company(set::contains, String.join(",", set));
    }

    /**
     * The company whose domains are decided by {@code isCompanyDomain} (e.g. James's local
     * domains). A domain the predicate cannot even judge (it throws, as James's {@code Domain.of}
     * does for a malformed name taken from a header) is not the company's: a hostile To header
     * must not be able to switch the rules off.
     */
    public static Company of(Predicate<String> isCompanyDomain, String description) {
        Objects.requireNonNull(isCompanyDomain);
        return new Company(domain -> {
            try {
                return isCompanyDomain.test(domain);
            } catch (RuntimeException e) {
                return false;
            }
        }, description);
    }

    public boolean includesDomain(String domain) {
        return domain != null && domains.test(AddressKey.normaliseDomain(domain));
    }

    public boolean includes(AddressKey address) {
        return domains.test(address.domain());
    }

    @Override
    public String toString() {
        return description;
    }
}
