package dev.postino.delay;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * A mailbox reduced to what decides whether two spellings are the same person: the local part
 * without quoting, compared without case (James's user names are case-insensitive, and counting
 * {@code Anna@} and {@code anna@} as two colleagues would double a penalty), and the domain in
 * lower-case ASCII (IDNs as punycode). Display names, comments and routes are not part of it.
 */
public record AddressKey(String localPart, String domain) {

    public AddressKey {
        localPart = unquote(localPart).toLowerCase(Locale.ROOT);
        domain = normaliseDomain(domain);
    }

    /** Parses {@code local@domain} (the last {@code @} splits), or empty if there is no domain. */
    public static Optional<AddressKey> parse(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String trimmed = address.trim();
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).trim();
        }
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            return Optional.empty();
        }
        AddressKey key = new AddressKey(trimmed.substring(0, at), trimmed.substring(at + 1));
        return key.domain().isEmpty() ? Optional.empty() : Optional.of(key); // "anna@." has no domain either
    }

    static String normaliseDomain(String domain) {
        String d = domain.trim();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.chars().anyMatch(c -> c > 0x7F)) {
            try {
                d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
            } catch (RuntimeException notAnIdn) {
                // Not a valid IDN: compare it as written, lower-cased. Besides the documented
                // IllegalArgumentException, the JDK's Punycode throws a bare RuntimeException for
                // a label over about a thousand characters, and To and Cc are the sender's to fill.
            }
        }
        return d.toLowerCase(Locale.ROOT);
    }

    private static String unquote(String localPart) {
        String l = localPart.trim();
        if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
            return l.substring(1, l.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return l;
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
