package dev.postino.delay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.postino.notices.Language;
import dev.postino.notices.Notice;
import dev.postino.notices.Placeholders;

/**
 * The "lettera di richiamo" sent to an employee who wrote to colleagues from a personal account.
 *
 * <p>A template is a {@code Subject:} line, a blank line and the body, with placeholders
 * {@code {date}}, {@code {subject}} (the offending message's subject, sanitised),
 * {@code {colleagues}} ("3 colleghi" / "3 colleagues"), {@code {colleagueCount}} (the number),
 * {@code {personalAddress}} and {@code {companyAddress}}, rendered by the one mechanism of every
 * notice ({@link Placeholders}). An unknown placeholder is rejected when the template is loaded,
 * not when the first letter is due. The built-in letters exist in Italian and English, alone or
 * both in one letter; an admin's template is used once, worded in the first language asked.
 */
public final class ReprimandTemplate {

    /** Longest subject quoted in a letter, in code points. */
    public static final int SUBJECT_LIMIT = 120;

    /** The placeholders a template may use. */
    public static final Set<String> PLACEHOLDERS =
        Set.of("date", "subject", "colleagues", "colleagueCount", "personalAddress", "companyAddress");

    /** One language's version: its subject and body templates. */
    private record Version(Language language, String subject, String body) {
    }

    private final List<Version> versions;

    private ReprimandTemplate(List<Version> versions) {
        this.versions = List.copyOf(versions);
    }

    /**
     * The built-in letter in {@code languages}: {@code it} (default), {@code en}, or both in the order
     * given ({@code it,en}, a bilingual letter).
     */
    public static ReprimandTemplate builtIn(String parameter, String languages) {
        List<Language> parsed = languages(parameter, languages);
        return new ReprimandTemplate(parsed.stream().map(ReprimandTemplate::builtInVersion).toList());
    }

    /**
     * The languages {@code value} names, {@code it} when blank.
     *
     * @throws IllegalArgumentException naming {@code parameter} and the value
     */
    public static List<Language> languages(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return List.of(Language.IT);
        }
        try {
            return Language.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(parameter + ": invalid value '" + value + "': " + e.getMessage(), e);
        }
    }

    private static Version builtInVersion(Language language) {
        String name = "reprimand-" + language.name().toLowerCase(Locale.ROOT) + ".txt";
        try (InputStream in = ReprimandTemplate.class.getResourceAsStream(name)) {
            Objects.requireNonNull(in, "built-in template " + name + " is missing");
            return version(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), language);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a template; {@code language} decides the date format and the wording of
     * {@code {colleagues}}. Errors name {@code origin}.
     */
    public static ReprimandTemplate parse(String origin, String text, Language language) {
        return new ReprimandTemplate(List.of(version(origin, text, language)));
    }

    private static Version version(String origin, String text, Language language) {
        String normalised = text.replace("\r\n", "\n");
        if (!normalised.regionMatches(true, 0, "Subject:", 0, 8)) {
            throw new IllegalArgumentException(origin + ": a template starts with a 'Subject:' line");
        }
        int end = normalised.indexOf('\n');
        if (end < 0) {
            throw new IllegalArgumentException(origin + ": a template needs a body after the Subject line");
        }
        String subject = Placeholders.check(origin, normalised.substring(8, end).trim(), PLACEHOLDERS);
        String body = Placeholders.check(origin, normalised.substring(end + 1).replaceFirst("^\n", ""), PLACEHOLDERS);
        return new Version(language, subject, body);
    }

    /**
     * @param receivedAt when the offending message was processed, in the calendar's zone
     * @param offendingSubject its decoded subject, or null
     * @param colleagues how many distinct company recipients it had
     */
    public Notice render(ZonedDateTime receivedAt, String offendingSubject, int colleagues,
                         AddressKey personalAddress, AddressKey companyAddress) {
        return Notice.joined(versions.stream().map(version -> {
            Map<String, String> values = values(version.language(), receivedAt, offendingSubject, colleagues,
                personalAddress, companyAddress);
            return new Notice(Placeholders.render(version.subject(), values), Placeholders.render(version.body(), values));
        }).toList());
    }

    private static Map<String, String> values(Language language, ZonedDateTime receivedAt, String offendingSubject,
                                              int colleagues, AddressKey personalAddress, AddressKey companyAddress) {
        boolean italian = language == Language.IT;
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
            italian ? "EEEE d MMMM yyyy 'alle' HH:mm" : "EEEE d MMMM yyyy 'at' HH:mm", language.locale());
        String cleanSubject = sanitiseSubject(offendingSubject);
        if (cleanSubject.isEmpty()) {
            cleanSubject = italian ? "(senza oggetto)" : "(no subject)";
        }
        String colleaguePhrase = colleagues + (italian
            ? (colleagues == 1 ? " collega" : " colleghi")
            : (colleagues == 1 ? " colleague" : " colleagues"));
        return Map.of(
            "date", receivedAt.format(format),
            "subject", cleanSubject,
            "colleagues", colleaguePhrase,
            "colleagueCount", Integer.toString(colleagues),
            "personalAddress", personalAddress.toString(),
            "companyAddress", companyAddress.toString());
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
