package dev.postino.attachments;

import static dev.postino.attachments.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postino.attachments.ReasonCode.Category;

class InspectionBehaviourTest {

    private static InspectionReport inspect(InspectionPolicy policy, byte[] message) {
        return new AttachmentInspector(policy).inspect(message);
    }

    @Test
    void bollettinoFindingCarriesSectionPathFilenameAndSentence() {
        InspectionReport report = inspect(InspectionPolicy.DEFAULT, Fixtures.bollettino());

        Finding finding = report.findings().get(0);
        assertThat(finding.code()).isEqualTo(ReasonCode.DOUBLE_EXTENSION);
        assertThat(finding.section()).isEqualTo("2");
        assertThat(finding.pathText()).isEqualTo("part 2 › bollettino.zip › bollettino.pdf.exe");
        assertThat(finding.filename()).isEqualTo("bollettino.pdf.exe");
        assertThat(finding.message()).endsWith(".");
    }

    @Test
    void findingsInsideAnAttachedMessageCarryTheOuterSection() {
        InspectionReport report = inspect(InspectionPolicy.DEFAULT, Corpus.wrapped(Fixtures.bollettino()));

        assertThat(report.findings()).allSatisfy(finding -> assertThat(finding.section()).isEqualTo("2"));
        assertThat(report.findings().get(0).pathText()).isEqualTo("part 2 › attached message › part 2 › bollettino.zip › bollettino.pdf.exe");
    }

    @Test
    void nestedMultipartsGetImapSectionNumbers() {
        byte[] pe = Fixtures.peStub();
        String inner = "--IN\r\nContent-Type: text/plain\r\n\r\nx\r\n--IN\r\nContent-Type: application/octet-stream; name=\"a.exe\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getMimeEncoder().encodeToString(pe) + "\r\n--IN--\r\n";
        String text = "From: a@b.c\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=OUT\r\n\r\n"
            + "--OUT\r\nContent-Type: text/plain\r\n\r\nhello\r\n--OUT\r\nContent-Type: multipart/mixed; boundary=IN\r\n\r\n" + inner
            + "--OUT--\r\n";

        InspectionReport report = inspect(InspectionPolicy.DEFAULT, text.getBytes(StandardCharsets.US_ASCII));

        assertThat(report.findings()).extracting(Finding::section).containsOnly("2.2");
    }

    @Test
    void reportActionRecordsTheFindingButKeepsTheMessageClean() {
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withAction(Category.ENCRYPTED, Action.REPORT);

        InspectionReport report = inspect(policy, message().attachment("estratto.pdf", "application/pdf", Fixtures.encryptedPdf()).build());

        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.CLEAN);
        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.ENCRYPTED_CONTENT);
        assertThat(report.findings().get(0).action()).isEqualTo(Action.REPORT);
    }

    @Test
    void ignoreActionDropsTheFinding() {
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withAction(Category.MACROS, Action.IGNORE);

        InspectionReport report = inspect(policy, message().attachment("r.docx", "application/octet-stream",
            Fixtures.ooxml("word/document.xml", true)).build());

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void removingAnExtensionFromTheListLetsItThrough() {
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withBlockedExtensions(java.util.Set.of("exe"));

        InspectionReport report = inspect(policy, message().attachment("script.js", "text/plain",
            "alert(1)".getBytes(StandardCharsets.US_ASCII)).build());

        assertThat(report.dangerous()).isFalse();
    }

    @Test
    void tooManyEntriesIsALimitFindingNotAPass() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            entries.put("f" + i + ".txt", "x".getBytes(StandardCharsets.US_ASCII));
        }
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withLimits(InspectionLimits.DEFAULTS.withMaxEntries(10));

        InspectionReport report = inspect(policy, message().attachment("many.zip", "application/zip", Fixtures.zip(entries)).build());

        assertThat(report.dangerous()).isTrue();
        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.LIMIT_EXCEEDED);
    }

    @Test
    void theAdministratorsEntryLimitAlsoBoundsTheZipStructurePass() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            entries.put("f" + i + ".txt", "x".getBytes(StandardCharsets.US_ASCII));
        }
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withLimits(InspectionLimits.DEFAULTS.withMaxEntries(5));

        InspectionReport report = inspect(policy, message().attachment("many.zip", "application/zip", Fixtures.zip(entries)).build());

        assertThat(report.findings()).extracting(Finding::message)
            .anySatisfy(message -> assertThat(message).contains("more than 5 central directory entries"));
    }

    @Test
    void expandedBytesBeyondTheBudgetIsALimitFinding() {
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withLimits(InspectionLimits.DEFAULTS.withMaxExpandedBytes(1000).withMaxRatio(1_000_000));

        InspectionReport report = inspect(policy, message().attachment("logs.zip", "application/zip",
            Fixtures.zip("a.log", Corpus.logs(200))).build());

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.LIMIT_EXCEEDED);
        assertThat(report.findings().get(0).message()).contains("1000 bytes");
    }

    @Test
    void exhaustedTimeBudgetIsALimitFinding() {
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withLimits(InspectionLimits.DEFAULTS.withMaxTime(Duration.ofNanos(1)));

        InspectionReport report = inspect(policy, Fixtures.bollettino());

        assertThat(report.dangerous()).isTrue();
        assertThat(report.findings()).extracting(Finding::code).contains(ReasonCode.LIMIT_EXCEEDED);
    }

    @Test
    void aLimitInOnePartStillLetsTheOtherPartsBeJudged() {
        byte[] mail = message().attachment("a.zip", "application/zip", Corpus.nested(7, Fixtures.zip("x.txt", new byte[] {'x'})))
            .attachment("b.exe", "application/octet-stream", Fixtures.peStub()).build();

        InspectionReport report = inspect(InspectionPolicy.DEFAULT, mail);

        assertThat(report.findings()).extracting(Finding::code).contains(ReasonCode.LIMIT_EXCEEDED, ReasonCode.BLOCKED_EXTENSION);
    }

    @Test
    void garbageInsteadOfAMessageGivesAVerdictWithoutThrowing() {
        InspectionReport report = inspect(InspectionPolicy.DEFAULT, new byte[] {0, 1, 2, (byte) 0xFF, '\r', '\n', '-', '-'});

        assertThat(report.verdict()).isNotNull();
    }

    @Test
    void largePartsAreSpilledAndStillInspected() {
        byte[] big = new byte[3 * 1024 * 1024];
        System.arraycopy(Fixtures.peStub(), 0, big, 0, 512);
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withLimits(InspectionLimits.DEFAULTS.withMemoryThreshold(64 * 1024));

        InspectionReport report = inspect(policy, message().attachment("fattura.pdf", "application/pdf", big).build());

        assertThat(report.findings()).extracting(Finding::code).contains(ReasonCode.EXECUTABLE_CONTENT);
    }
}
