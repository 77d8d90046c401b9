package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void plainNamesAreShownAsTheyAre() {
        assertThat(SafeText.displayName("Scan (1).pdf")).isEqualTo("Scan (1).pdf");
        assertThat(SafeText.displayName("fattura è già pagata.pdf")).isEqualTo("fattura è già pagata.pdf");
    }

    @Test
    void lineBreaksBecomeVisibleTokensSoNoHeaderOrLogLineCanBeInjected() {
        String shown = SafeText.displayName("a.pdf\r\nBcc: victim@example.com");

        assertThat(shown).doesNotContain("\r", "\n").isEqualTo("a.pdf[U+000D][U+000A]Bcc: victim@example.com");
    }

    @Test
    void rightToLeftOverrideIsShownInsteadOfReversingTheName() {
        assertThat(SafeText.displayName("bollettino\u202Efdp.exe")).isEqualTo("bollettino[U+202E]fdp.exe");
    }

    @Test
    void zeroWidthAndIsolateControlsAreShown() {
        assertThat(SafeText.displayName("a\u200B\u2066b\uFEFF.exe")).isEqualTo("a[U+200B][U+2066]b[U+FEFF].exe");
    }

    @Test
    void paddingSpacesAreCountedSoTheRealExtensionStaysVisible() {
        assertThat(SafeText.displayName("bollettino.pdf" + " ".repeat(60) + ".exe"))
            .isEqualTo("bollettino.pdf[60 spaces].exe");
        assertThat(SafeText.displayName("Scan  1.pdf")).isEqualTo("Scan  1.pdf");
    }

    @Test
    void veryLongNamesKeepTheirBeginningAndTheirExtension() {
        String shown = SafeText.displayName("a".repeat(5_000) + ".pdf.exe");

        assertThat(shown.length()).isLessThanOrEqualTo(SafeText.DEFAULT_MAX_LENGTH);
        assertThat(shown).startsWith("aaaa").endsWith(".pdf.exe").contains("…");
    }

    @Test
    void shorteningNeverCutsAVisibleToken() {
        String shown = SafeText.displayName("\u202E".repeat(300) + ".exe", 40);

        assertThat(shown).matches("(\\[U\\+202E\\])+…(\\[U\\+202E\\])*\\.exe");
    }

    @Test
    void noticesDefangDotsSoFileNamesCannotBecomeLinks() {
        assertThat(SafeText.forNotice("bollettino.zip")).isEqualTo("bollettino[.]zip");
        assertThat(SafeText.forNotice("https://evil.example/x")).isEqualTo("https[:]//evil[.]example/x");
    }

    @Test
    void missingNamesAreEmpty() {
        assertThat(SafeText.displayName(null)).isEmpty();
        assertThat(SafeText.forNotice("")).isEmpty();
    }
}
