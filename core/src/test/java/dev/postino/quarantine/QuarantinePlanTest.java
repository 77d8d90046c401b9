package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postino.attachments.Finding;
import dev.postino.quarantine.QuarantinePlan.Mode;

class QuarantinePlanTest {

    private static final String SETUP_EXE = Base64.getEncoder().encodeToString(
        "MZ\u0090\u0000 this program cannot be run in DOS mode".getBytes(StandardCharsets.ISO_8859_1));

    private static byte[] invoice(String secondPart) {
        return String.join("\r\n",
            "From: billing@supplier.example",
            "To: anna.bianchi@acme.example",
            "Subject: Fattura",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"XX-b\"",
            "",
            "--XX-b",
            "Content-Type: text/plain; charset=UTF-8",
            "",
            "In allegato la fattura.",
            "--XX-b",
            secondPart,
            "--XX-b--",
            "").getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] WITH_PROGRAM = invoice(String.join("\r\n",
        "Content-Type: application/octet-stream; name=\"fattura.pdf.exe\"",
        "Content-Disposition: attachment; filename=\"fattura.pdf.exe\"",
        "Content-Transfer-Encoding: base64",
        "",
        SETUP_EXE));
    private static final byte[] WITH_TEXT = invoice(String.join("\r\n",
        "Content-Type: text/plain; charset=UTF-8; name=\"note.txt\"",
        "Content-Disposition: attachment; filename=\"note.txt\"",
        "",
        "Solo testo."));

    private static final HeldAttachment PROGRAM_IN_PART_2 =
        new HeldAttachment("EXECUTABLE_CONTENT", "2", "", "It is a Windows program.", "fattura.pdf.exe");

    @Test
    void messageModeHoldsTheWholeMessage() {
        QuarantinePlan plan = QuarantinePlan.plan(Mode.MESSAGE, WITH_PROGRAM, List.of(PROGRAM_IN_PART_2));
        assertThat(plan.action()).isEqualTo(Mode.MESSAGE);
        assertThat(plan.sections()).isEmpty();
    }

    @Test
    void stripModeReplacesTheSectionsThatBlockedEachWithItsFindings() {
        HeldAttachment secondReason = new HeldAttachment("DISGUISED_NAME", "2", "", "", "fattura.pdf.exe");
        QuarantinePlan plan = QuarantinePlan.plan(Mode.STRIP, WITH_PROGRAM, List.of(PROGRAM_IN_PART_2, secondReason));
        assertThat(plan.action()).isEqualTo(Mode.STRIP);
        assertThat(plan.sections()).containsOnlyKeys("2");
        assertThat(plan.sections().get("2")).containsExactly(PROGRAM_IN_PART_2, secondReason);
    }

    @Test
    void stripModeHoldsTheWholeMessageForAFindingAboutTheWholeMessage() {
        HeldAttachment whole = new HeldAttachment("MIME_TOO_DEEP", "", "", "", "");
        QuarantinePlan plan = QuarantinePlan.plan(Mode.STRIP, WITH_PROGRAM, List.of(PROGRAM_IN_PART_2, whole));
        assertThat(plan).isEqualTo(QuarantinePlan.wholeMessage());
    }

    @Test
    void stripModeHoldsTheWholeMessageWhenASectionIsNotOneTheMessageHas() {
        HeldAttachment elsewhere = new HeldAttachment("EXECUTABLE_CONTENT", "7", "", "", "ghost.exe");
        QuarantinePlan plan = QuarantinePlan.plan(Mode.STRIP, WITH_PROGRAM, List.of(PROGRAM_IN_PART_2, elsewhere));
        assertThat(plan).isEqualTo(QuarantinePlan.wholeMessage());
    }

    @Test
    void aMailWithoutVerdictIsHeldForNotInspected() {
        assertThat(QuarantinePlan.reasons(false, List.of(PROGRAM_IN_PART_2))).singleElement()
            .satisfies(reason -> {
                assertThat(reason.code()).isEqualTo(QuarantinePlan.NOT_INSPECTED);
                assertThat(reason.wholeMessage()).isTrue();
            });
    }

    @Test
    void aDangerousVerdictWithoutFindingsIsHeldWholeForAGenericReason() {
        assertThat(QuarantinePlan.reasons(true, List.of())).singleElement()
            .satisfies(reason -> {
                assertThat(reason.code()).isEqualTo("DANGEROUS");
                assertThat(reason.wholeMessage()).isTrue();
            });
    }

    @Test
    void theBlockingFindingsAreTheReasons() {
        assertThat(QuarantinePlan.reasons(true, List.of(PROGRAM_IN_PART_2))).containsExactly(PROGRAM_IN_PART_2);
    }

    @Test
    void aCleanedMessageWithAProgramLeftIsStillDangerous() {
        assertThat(QuarantinePlan.stillDangerous(WITH_PROGRAM, List.of())).isNotEmpty()
            .allSatisfy(finding -> assertThat(finding.section()).isEqualTo("2"));
    }

    @Test
    void aCleanedMessageWithNothingDangerousLeftMayGoOn() {
        assertThat(QuarantinePlan.stillDangerous(WITH_TEXT, List.of())).isEmpty();
    }

    @Test
    void whatTheFirstInspectionOnlyReportedDoesNotCountAgain() {
        List<Finding> found = QuarantinePlan.stillDangerous(WITH_PROGRAM, List.of());
        List<HeldAttachment> reportedOnly = found.stream()
            .map(f -> new HeldAttachment(f.code().toString(), f.section(), f.pathText(), f.message(), f.filename()))
            .toList();
        assertThat(QuarantinePlan.stillDangerous(WITH_PROGRAM, reportedOnly)).isEmpty();
        assertThat(QuarantinePlan.stillDangerous(WITH_PROGRAM, reportedOnly.subList(1, reportedOnly.size())))
            .hasSize(1);
    }
}
