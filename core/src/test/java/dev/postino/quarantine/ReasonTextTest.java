package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.notices.Language;

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

    @ParameterizedTest
    @CsvSource({
        "BLOCKED_EXTENSION, a program or script that can be run",
        "HIDDEN_CHARACTERS, the file name contains hidden characters",
        "NAME_DISAGREEMENT, the attachment declares two different names",
        "TYPE_MISMATCH, the content of the file does not match",
        "DISK_IMAGE, a disk image",
        "ONENOTE, a OneNote file",
        "MACROS, a document with macros",
        "ENCRYPTED_CONTENT, a password-protected archive",
        "UNINSPECTABLE_ARCHIVE, an archive in a format that cannot be checked",
        "MALFORMED_CONTENT, an unreadable or malformed attachment",
        "ZIP_NAME_MISMATCH, an archive built abnormally",
        "ZIP_CONCATENATED, an archive built abnormally",
        "LIMIT_EXCEEDED, an attachment too complex to be checked",
        "INSPECTION_ERROR, an attachment too complex to be checked",
        "NOT_INSPECTED, the message could not be checked"
    })
    void everyInspectorReasonCodeHasItsOwnWords(String code, String words) {
        assertThat(ReasonText.describe(code, Language.EN)).startsWith(words).endsWith("(" + code + ")");
        assertThat(ReasonText.describe(code, Language.IT)).doesNotStartWith("un allegato ritenuto pericoloso");
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
