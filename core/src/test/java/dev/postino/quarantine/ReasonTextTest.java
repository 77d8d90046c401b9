package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasonTextTest {

    @Test
    void executableIsExplainedInPlainWordsWithTheCodeForTheAdmin() {
        assertThat(ReasonText.describe("EXECUTABLE_CONTENT", Language.EN))
            .isEqualTo("a program or script that can be run (EXECUTABLE_CONTENT)");
        assertThat(ReasonText.describe("EXECUTABLE_CONTENT", Language.IT))
            .isEqualTo("un programma o uno script che può essere eseguito (EXECUTABLE_CONTENT)");
    }

    @Test
    void doubleExtensionWinsOverTheGenericExtensionWording() {
        assertThat(ReasonText.describe("DOUBLE_EXTENSION", Language.EN)).startsWith("a program disguised as a document");
    }

    @Test
    void unknownCodesGetAGenericSentence() {
        assertThat(ReasonText.describe("SOMETHING_NEW", Language.IT)).isEqualTo("un allegato ritenuto pericoloso (SOMETHING_NEW)");
    }

    @Test
    void codesAreReducedToSafeCharacters() {
        assertThat(ReasonText.safeCode("X\r\nBcc: y")).isEqualTo("X__Bcc__y");
        assertThat(ReasonText.safeCode("A".repeat(100))).hasSize(64);
    }
}
