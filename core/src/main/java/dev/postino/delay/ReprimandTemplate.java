package dev.postino.delay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "lettera di richiamo" sent to an employee who wrote to colleagues from a personal account.
 *
 * <p>A template is a {@code Subject:} line, a blank line and the body, with placeholders
 * {@code {date}}, {@code {subject}} (the offending message's subject, sanitised),
 * {@code {colleagues}} ("3 colleghi" / "3 colleagues"), {@code {colleagueCount}} (the number),
 * {@code {personalAddress}} and {@code {companyAddress}}. An unknown placeholder is rejected when
 * the template is loaded, not when the first letter is due.
 */
public final class ReprimandTemplate {

    /** Longest subject quoted in a letter, in code points. */
    public static final int SUBJECT_LIMIT = 120;

    private static final Set<String> PLACEHOLDERS =
        Set.of("date", "subject", "colleagues", "colleagueCount", "personalAddress", "companyAddress");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final String subject;
    private final String body;
    private final Locale locale;

    private ReprimandTemplate(String subject, String body, Locale locale) {
        this.subject = subject;
        this.body = body;
        this.locale = locale;
    }

    /** The built-in template for {@code language}: {@code it} (default) or {@code en}. */
    public static ReprimandTemplate builtIn(String parameter, String language) {
        String lang = language == null || language.isBlank() ? "it" : language.trim().toLowerCase(Locale.ROOT);
        if (!lang.equals("it") && !lang.equals("en")) {
            throw new IllegalArgumentException(parameter + ": invalid value '" + language + "': expected it or en");
        }
        try (InputStream in = ReprimandTemplate.class.getResourceAsStream("reprimand-" + lang + ".txt")) {
            Objects.requireNonNull(in, "built-in template reprimand-" + lang + ".txt is missing");
            return parse("reprimand-" + lang + ".txt", new String(in.readAllBytes(), StandardCharsets.UTF_8), Locale.forLanguageTag(lang));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a template; {@code locale} decides the date format and the wording of
     * {@code {colleagues}} (Italian or English). Errors name {@code origin}.
     */
    public static ReprimandTemplate parse(String origin, String text, Locale locale) {
        String normalised = text.replace("\r\n", "\n");
        if (!normalised.regionMatches(true, 0, "Subject:", 0, 8)) {
            throw new IllegalArgumentException(origin + ": a template starts with a 'Subject:' line");
        }
        int end = normalised.indexOf('\n');
        if (end < 0) {
            throw new IllegalArgumentException(origin + ": a template needs a body after the Subject line");
        }
        String subject = normalised.substring(8, end).trim();
        String body = normalised.substring(end + 1).replaceFirst("^\n", "");
        for (String part : new String[] {subject, body}) {
            Matcher m = PLACEHOLDER.matcher(part);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw new IllegalArgumentException(origin + ": unknown placeholder {" + m.group(1)
                        + "} (known: " + String.join(", ", PLACEHOLDERS) + ")");
                }
            }
        }
        return new ReprimandTemplate(subject, body, locale);
    }

    /** A letter, ready to be put in a message. */
    public record Letter(String subject, String body) {
    }

    /**
     * @param receivedAt when the offending message was processed, in the calendar's zone
     * @param offendingSubject its decoded subject, or null
     * @param colleagues how many distinct company recipients it had
     */
    public Letter render(ZonedDateTime receivedAt, String offendingSubject, int colleagues,
                         AddressKey personalAddress, AddressKey companyAddress) {
        boolean italian = locale.getLanguage().equals("it");
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
            italian ? "EEEE d MMMM yyyy 'alle' HH:mm" : "EEEE d MMMM yyyy 'at' HH:mm", locale);
        String cleanSubject = sanitiseSubject(offendingSubject);
        if (cleanSubject.isEmpty()) {
            cleanSubject = italian ? "(senza oggetto)" : "(no subject)";
        }
        String colleaguePhrase = colleagues + (italian
            ? (colleagues == 1 ? " collega" : " colleghi")
            : (colleagues == 1 ? " colleague" : " colleagues"));
        Map<String, String> values = Map.of(
            "date", receivedAt.format(format),
            "subject", cleanSubject,
            "colleagues", colleaguePhrase,
            "colleagueCount", Integer.toString(colleagues),
            "personalAddress", personalAddress.toString(),
            "companyAddress", companyAddress.toString());
        return new Letter(fill(subject, values), fill(body, values));
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The subject as it may be quoted in a letter: control characters (CR and LF included, so
     * nothing can be injected into the letter's layout) become spaces; bidirectional overrides
     * and invisible characters are removed (they can disguise text); whitespace runs collapse;
     * {@code ://} is defanged so no link becomes clickable; at most {@link #SUBJECT_LIMIT} code
     * points are kept, cut at a code point boundary and marked with an ellipsis.
     */
    public static String sanitiseSubject(String subject) {
        if (subject == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        subject.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.LINE_SEPARATOR
                || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                out.append(' ');
            } else if (isInvisibleOrBidi(cp)) {
                // dropped
            } else {
                out.appendCodePoint(cp);
            }
        });
        String collapsed = out.toString().replaceAll("\\s+", " ").trim().replace("://", "[:]//");
        if (collapsed.codePointCount(0, collapsed.length()) > SUBJECT_LIMIT) {
            collapsed = collapsed.substring(0, collapsed.offsetByCodePoints(0, SUBJECT_LIMIT)).trim() + "…";
        }
        return collapsed;
    }

    private static boolean isInvisibleOrBidi(int cp) {
        return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
            || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x061C || cp == 0x00AD;
    }
}
