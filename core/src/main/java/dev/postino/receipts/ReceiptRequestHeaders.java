package dev.postino.receipts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.postino.parameters.ParameterValues;

/**
 * The header fields by which a message asks its recipients (or their servers) for a receipt.
 */
public final class ReceiptRequestHeaders {

    /**
     * Header fields that request a receipt, in the order they are checked.
     * <ul>
     * <li>{@code Disposition-Notification-To}: RFC 8098 read receipt request (Thunderbird,
     * Outlook, Apple Mail, K-9/Thunderbird for Android, Roundcube, Domino in its preferred mapping).</li>
     * <li>{@code Return-Receipt-To}: the legacy Sendmail header, still added by Thunderbird
     * ({@code mail.receipt.request_header_type}) and by Domino's older mapping; Sendmail with
     * {@code RrtImpliesDsn} turns it into {@code NOTIFY=SUCCESS}.</li>
     * <li>{@code X-Confirm-Reading-To}: Pegasus Mail and clients that copied it.</li>
     * <li>{@code Delivery-Receipt-To}: Sendmail 8.13's synonym of {@code Return-Receipt-To}.</li>
     * </ul>
     */
    public static final List<String> REQUEST_HEADERS = List.of(
        "Disposition-Notification-To",
        "Return-Receipt-To",
        "X-Confirm-Reading-To",
        "Delivery-Receipt-To");

    /**
     * What {@code StripReceiptRequests} removes by default: the request headers plus
     * {@code Disposition-Notification-Options} (RFC 8098 §2.2), which is meaningless without
     * the request it qualifies.
     */
    public static final List<String> DEFAULT_STRIPPED = List.copyOf(concat(REQUEST_HEADERS,
        List.of("Disposition-Notification-Options")));

    private ReceiptRequestHeaders() {
    }

    /**
     * Parses a list of header names separated by commas, semicolons or white space, as written
     * in a mailet parameter ({@link ParameterValues#list}). Names are validated as RFC 5322 field
     * names (printable ASCII except colon).
     *
     * @throws IllegalArgumentException naming the first invalid entry, or when the list is empty
     */
    public static List<String> parseList(String text) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (String part : ParameterValues.list(text)) {
            if (!isFieldName(part)) {
                throw new IllegalArgumentException("'" + part + "' is not a header field name");
            }
            if (seen.add(part.toLowerCase(Locale.ROOT))) {
                names.add(part);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no header field name given");
        }
        return List.copyOf(names);
    }

    private static boolean isFieldName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
