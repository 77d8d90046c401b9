package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.attachments.names.BlockedExtensions;

class NameCheckTest {

    private final NameCheck check = new NameCheck(BlockedExtensions.DEFAULTS);

    private List<ReasonCode> codes(String name) {
        return check.check(name).stream().map(NameCheck.Issue::code).toList();
    }

    @Test
    void blockedExtensionIsReported() {
        assertThat(codes("invoice.exe")).containsExactly(ReasonCode.BLOCKED_EXTENSION);
    }

    @Test
    void documentExtensionFollowedByBlockedOneIsADoubleExtension() {
        assertThat(codes("bollettino.pdf.exe")).containsExactly(ReasonCode.DOUBLE_EXTENSION);
    }

    @Test
    void caseDoesNotMatter() {
        assertThat(codes("BOLLETTINO.PDF.EXE")).containsExactly(ReasonCode.DOUBLE_EXTENSION);
    }

    @Test
    void paddingBeforeTheRealExtensionIsSeenThrough() {
        assertThat(codes("Rechnung.doc" + " ".repeat(40) + ".exe")).containsExactly(ReasonCode.DOUBLE_EXTENSION);
        assertThat(codes("Rechnung.doc" + "\u00A0\u2007\u3000".repeat(10) + ".exe")).containsExactly(ReasonCode.DOUBLE_EXTENSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bollettino.exe.", "bollettino.exe ", "bollettino.exe. . .", "dir/sub\\bollettino.exe"})
    void trailingDotsSpacesAndDirectoriesAreIgnoredLikeWindowsDoes(String name) {
        assertThat(codes(name)).containsExactly(ReasonCode.BLOCKED_EXTENSION);
    }

    @Test
    void rightToLeftOverrideIsAHiddenCharacter() {
        assertThat(codes("bollettino\u202Efdp.exe")).contains(ReasonCode.HIDDEN_CHARACTERS, ReasonCode.BLOCKED_EXTENSION);
    }

    @Test
    void zeroWidthCharactersAreHiddenCharactersEvenInHarmlessNames() {
        assertThat(codes("fattura\u200D.pdf")).containsExactly(ReasonCode.HIDDEN_CHARACTERS);
    }

    @Test
    void fullWidthLettersAreNormalisedBeforeMatching() {
        assertThat(codes("setup.\uFF45\uFF58\uFF45")).containsExactly(ReasonCode.BLOCKED_EXTENSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Scan (1).pdf", "v2.1.pdf", "2024.03.15.pdf", "report.final.docx", "logs.tar.gz", "photo.jpg",
        "invite.ics", "data.csv.gz", ""})
    void ordinaryNamesPass(String name) {
        assertThat(codes(name)).isEmpty();
    }

    @Test
    void numbersBeforeABlockedExtensionAreNotADisguise() {
        assertThat(codes("setup-2.1.exe")).containsExactly(ReasonCode.BLOCKED_EXTENSION);
    }

    @Test
    void disagreementIsJudgedOnNormalisedNames() {
        assertThat(NameCheck.disagree("Fattura.PDF", "fattura.pdf ")).isFalse();
        assertThat(NameCheck.disagree("a.pdf", "a.exe")).isTrue();
    }
}
