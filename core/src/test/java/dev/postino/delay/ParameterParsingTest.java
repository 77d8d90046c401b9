package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;

import dev.postino.HostileText;
import dev.postino.notices.Language;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The delay rules' parameter parsers promise that a bad value fails the server start with an
 * {@link IllegalArgumentException} naming the parameter (or file): no other exception, and no
 * message that leaves the administrator guessing which setting is wrong.
 */
class ParameterParsingTest {

    private static final String PARAMETER = "someParameter";

    @Property(tries = 500)
    void delayRanges(@ForAll("values") String text) {
        parsesOrNamesTheParameter(t -> DelayRange.parse(PARAMETER, t), text);
    }

    @Property(tries = 500)
    void holidays(@ForAll("values") String text) {
        parsesOrNamesTheParameter(t -> Holidays.parse(PARAMETER, t), text);
    }

    @Property(tries = 500)
    void workingHoursDaysAndZone(@ForAll("values") String text) {
        parsesOrNamesTheParameter(t -> WorkingCalendar.parseHours(PARAMETER, t), text);
        parsesOrNamesTheParameter(t -> WorkingCalendar.parseDays(PARAMETER, t), text);
        parsesOrNamesTheParameter(t -> WorkingCalendar.parseZone(PARAMETER, t), text);
    }

    @Property(tries = 500)
    void companyDomainsAndPersonalAccounts(@ForAll("values") String text) {
        parsesOrNamesTheParameter(t -> Company.ofDomains(PARAMETER, t), text);
        parsesOrNamesTheParameter(t -> PersonalAccounts.parse(PARAMETER, t), text);
    }

    @Property(tries = 500)
    void reprimandTemplates(@ForAll("values") String body) {
        parsesOrNamesTheParameter(t -> ReprimandTemplate.parse(PARAMETER, t, Language.IT), "Subject: " + body);
        parsesOrNamesTheParameter(t -> ReprimandTemplate.parse(PARAMETER, t, Language.EN), body);
    }

    private static void parsesOrNamesTheParameter(Function<String, ?> parser, String text) {
        try {
            assertThat(parser.apply(text)).isNotNull();
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).as("the message names the parameter").startsWith(PARAMETER);
        }
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> plausible = Arbitraries.of("400-800s", "90m", "09:00-18:00", "MON-FRI", "Europe/Rome",
            "italy, 12-07", "2026-02-30", "acme.example", "a@b.example = c@acme.example", "{name}", "{nope}",
            "25:00-26:00", "SUN-MON", "99999999999999999999s", "-", ",", "=", "\n");
        return Arbitraries.oneOf(plausible, HostileText.headerValues(12),
            Arbitraries.strings().withChars("0123456789:-,;=@.smh{} \t\nMONTUEFRISAT/").ofMaxLength(30));
    }
}
