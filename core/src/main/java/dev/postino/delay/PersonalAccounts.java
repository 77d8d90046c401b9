package dev.postino.delay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Employees' personal addresses, each mapped to the employee's company address: lines of
 * {@code personal-address = company-address}; {@code #} starts a comment. Inline, entries may
 * also be separated by commas or semicolons.
 */
public final class PersonalAccounts {

    public static final PersonalAccounts NONE = new PersonalAccounts(Map.of());

    private final Map<AddressKey, AddressKey> companyAddressByPersonal;

    private PersonalAccounts(Map<AddressKey, AddressKey> map) {
        this.companyAddressByPersonal = Map.copyOf(map);
    }

    /**
     * Parses the mapping; a bad entry throws an {@link IllegalArgumentException} naming
     * {@code origin} (the parameter or file) and the line.
     */
    public static PersonalAccounts parse(String origin, String text) {
        Map<AddressKey, AddressKey> map = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            for (String entry : line.split("[,;]")) {
                if (entry.isBlank()) {
                    continue;
                }
                String where = origin + " line " + (n + 1);
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(where + ": '" + entry.trim() + "' is not 'personal-address = company-address'");
                }
                AddressKey personal = AddressKey.parse(entry.substring(0, eq)).orElseThrow(
                    () -> new IllegalArgumentException(where + ": '" + entry.substring(0, eq).trim() + "' is not an address"));
                AddressKey company = AddressKey.parse(entry.substring(eq + 1)).orElseThrow(
                    () -> new IllegalArgumentException(where + ": '" + entry.substring(eq + 1).trim() + "' is not an address"));
                if (personal.equals(company)) {
                    throw new IllegalArgumentException(where + ": " + personal + " is mapped to itself");
                }
                AddressKey previous = map.put(personal, company);
                if (previous != null && !previous.equals(company)) {
                    throw new IllegalArgumentException(where + ": " + personal + " is mapped to both " + previous + " and " + company);
                }
            }
        }
        return new PersonalAccounts(map);
    }

    /** The company address of the employee who owns {@code personal}, if it is listed. */
    public Optional<AddressKey> companyAddressOf(AddressKey personal) {
        return Optional.ofNullable(companyAddressByPersonal.get(personal));
    }

    public Map<AddressKey, AddressKey> entries() {
        return companyAddressByPersonal;
    }

    public int size() {
        return companyAddressByPersonal.size();
    }
}
