package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import dev.postino.notices.Language;
import dev.postino.notices.Notice;

class ReprimandTemplateTest {

    private static final ZonedDateTime TUESDAY = ZonedDateTime.parse("2026-12-01T10:00+01:00[Europe/Rome]");
    private static final AddressKey PERSONAL = AddressKey.parse("mario.rossi.1970@gmail.example").orElseThrow();
    private static final AddressKey COMPANY = AddressKey.parse("mario.rossi@acme.example").orElseThrow();

    @Test
    void theItalianLetterCitesDateSubjectAndColleagues() {
        Notice letter = ReprimandTemplate.builtIn("reprimandLanguage", "it")
            .render(TUESDAY, "Pranzo di venerdì", 3, PERSONAL, COMPANY);
        assertThat(letter.subject()).startsWith("Lettera di richiamo");
        assertThat(letter.body())
            .contains("martedì 1 dicembre 2026 alle 10:00")
            .contains("\"Pranzo di venerdì\"")
            .contains("3 colleghi")
            .contains("mario.rossi.1970@gmail.example")
            .contains("mario.rossi@acme.example");
    }

    @Test
    void theEnglishLetterCitesDateSubjectAndColleagues() {
        Notice letter = ReprimandTemplate.builtIn("reprimandLanguage", "en")
            .render(TUESDAY, "Lunch on Friday", 1, PERSONAL, COMPANY);
        assertThat(letter.subject()).startsWith("Letter of reprimand");
        assertThat(letter.body()).contains("Tuesday 1 December 2026 at 10:00").contains("\"Lunch on Friday\"").contains("it reached 1 colleague.");
    }

    @Test
    void anUnknownLanguageNamesTheParameter() {
        assertThatThrownBy(() -> ReprimandTemplate.builtIn("reprimandLanguage", "fr")).hasMessageStartingWith("reprimandLanguage: ");
    }

    @Test
    void aCustomTemplateIsFilledIn() {
        ReprimandTemplate template = ReprimandTemplate.parse("custom", "Subject: Richiamo {companyAddress}\n\n{colleagueCount}|{subject}\n", Language.IT);
        Notice letter = template.render(TUESDAY, "Ciao", 2, PERSONAL, COMPANY);
        assertThat(letter.subject()).isEqualTo("Richiamo mario.rossi@acme.example");
        assertThat(letter.body()).isEqualTo("2|Ciao\n");
    }

    @Test
    void anUnknownPlaceholderIsRejectedWhenLoaded() {
        assertThatThrownBy(() -> ReprimandTemplate.parse("custom.txt", "Subject: x\n\n{salary}\n", Language.IT))
            .hasMessageStartingWith("custom.txt: unknown placeholder {salary}");
    }

    @Test
    void aTemplateWithoutSubjectLineIsRejected() {
        assertThatThrownBy(() -> ReprimandTemplate.parse("custom.txt", "Dear {companyAddress}\n", Language.IT))
            .hasMessageStartingWith("custom.txt: ");
    }

    @Test
    void theSubjectCannotInjectLinesOrHideText() {
        String hostile = "Urgent\r\nBcc: everyone@acme.example\u202Eexe.fdp\u200B";
        assertThat(ReprimandTemplate.sanitiseSubject(hostile)).isEqualTo("Urgent Bcc: everyone@acme.exampleexe.fdp");
    }

    @Test
    void linksInTheSubjectAreDefanged() {
        assertThat(ReprimandTemplate.sanitiseSubject("see https://evil.example/x")).isEqualTo("see https[:]//evil.example/x");
    }

    @Test
    void aLongSubjectIsCutAtACodePointBoundary() {
        String emoji = "\uD83D\uDE00".repeat(200);
        String cut = ReprimandTemplate.sanitiseSubject(emoji);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(ReprimandTemplate.SUBJECT_LIMIT + 1);
        assertThat(cut).endsWith("\uD83D\uDE00…");
    }

    @Test
    void anEmptySubjectIsNamedAsSuch() {
        assertThat(ReprimandTemplate.builtIn("reprimandLanguage", "it").render(TUESDAY, "  ", 2, PERSONAL, COMPANY).body())
            .contains("\"(senza oggetto)\"");
    }

    @Test
    void aBilingualLetterHasBothLanguagesInTheOrderAsked() {
        Notice letter = ReprimandTemplate.builtIn("reprimandLanguage", "it,en")
            .render(TUESDAY, "Pranzo di venerdì", 1, PERSONAL, COMPANY);
        assertThat(letter.subject()).startsWith("Lettera di richiamo").contains(" / Letter of reprimand");
        assertThat(letter.body()).contains("martedì 1 dicembre 2026 alle 10:00", "1 collega")
            .contains(Notice.LANGUAGE_SEPARATOR)
            .contains("Tuesday 1 December 2026 at 10:00", "it reached 1 colleague.");
        assertThat(letter.body().indexOf("martedì")).isLessThan(letter.body().indexOf("Tuesday"));
    }
}
