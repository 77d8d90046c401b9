package dev.postino.admin.quarantine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One message in the quarantine, as WebAdmin describes it ({@code GET /mailRepositories/{path}/mails/{key}}
 * with {@code additionalFields=attributes,headers,messageSize}): the envelope, the headers (WebAdmin
 * decodes RFC 2047 words), and Postino's attributes. Every string is the sender's raw text: show it only
 * through {@link Shown} or the console's HTML escaping.
 */
public record HeldMail(
    String id,
    Optional<String> sender,
    List<String> recipients,
    Optional<Instant> heldAt,
    Optional<String> state,
    Optional<String> error,
    Optional<String> remoteHost,
    Optional<String> remoteAddr,
    Optional<Long> size,
    List<Header> headers,
    Map<String, String> attributes,
    Findings findings) {

    public static final String VERDICT = "postino.attachments.verdict";
    public static final String FINDINGS = "postino.attachments.findings";
    public static final String QUARANTINE_ID = "postino.quarantine.id";
    public static final String ACTION = "postino.quarantine.action";
    /** What the quarantine holds a message for when no inspection ran (fail closed). */
    public static final String NOT_INSPECTED = "NOT_INSPECTED";
    /** Shown as the reason when the findings are stored but no code can be read from them. */
    public static final String FINDINGS_UNREADABLE = "FINDINGS_UNREADABLE";

    /** WebAdmin's date format for {@code lastUpdated}, e.g. {@code 2026-12-05T07:10:30.640+0000}. */
    private static final DateTimeFormatter WEBADMIN_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);

    public record Header(String name, String value) {
    }

    public HeldMail {
        recipients = List.copyOf(recipients);
        headers = List.copyOf(headers);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** From WebAdmin's JSON for one mail. */
    public static HeldMail fromJson(Map<?, ?> json) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (json.get("attributes") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> attributes.put(String.valueOf(name), value == null ? "" : String.valueOf(value)));
        }
        List<Header> headers = new ArrayList<>();
        if (json.get("headers") instanceof Map<?, ?> map) {
            map.forEach((name, values) -> {
                if (values instanceof List<?> list) {
                    list.forEach(value -> headers.add(new Header(String.valueOf(name), String.valueOf(value))));
                }
            });
        }
        List<String> recipients = new ArrayList<>();
        if (json.get("recipients") instanceof List<?> list) {
            list.forEach(recipient -> recipients.add(String.valueOf(recipient)));
        }
        return new HeldMail(
            text(json, "name").orElse(""),
            text(json, "sender"),
            recipients,
            text(json, "lastUpdated").flatMap(HeldMail::instant),
            text(json, "state"),
            text(json, "error"),
            text(json, "remoteHost"),
            text(json, "remoteAddr"),
            json.get("messageSize") instanceof BigDecimal size ? Optional.of(size.longValue()) : Optional.empty(),
            headers,
            attributes,
            Findings.fromWebAdmin(attributes.get(FINDINGS)));
    }

    private static Optional<String> text(Map<?, ?> json, String key) {
        return json.get(key) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(WEBADMIN_DATE.parse(text, Instant::from));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }

    /** The first value of a header field, e.g. {@code Subject}; names compare without case. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    public String subject() {
        return header("Subject").orElse("");
    }

    /** The envelope sender as James writes it; {@code <>} for the null sender. */
    public String senderText() {
        return sender.orElse("<>");
    }

    public Optional<String> verdict() {
        return Optional.ofNullable(attributes.get(VERDICT));
    }

    public Optional<String> action() {
        return Optional.ofNullable(attributes.get(ACTION));
    }

    /**
     * Why it is held: the findings' reason codes; {@code NOT_INSPECTED} for a mail that reached the
     * quarantine without any verdict, {@code FINDINGS_UNREADABLE} when findings are stored but no code
     * can be read from them. Never empty for a mail the inspection judged.
     */
    public List<String> reasons() {
        if (!findings.codes().isEmpty()) {
            return findings.codes();
        }
        if (!findings.readable()) {
            return List.of(FINDINGS_UNREADABLE);
        }
        return verdict().isEmpty() ? List.of(NOT_INSPECTED) : List.of();
    }
}
