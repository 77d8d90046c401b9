package dev.postino.attachments;

import static dev.postino.attachments.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A tar inside a compressed stream is inspected as it is decompressed, not stored first: everything a
 * stored tar showed must still be found, and a broken compressed stream is still reported against it.
 */
class StreamedTarTest {

    private static final AttachmentInspector INSPECTOR = new AttachmentInspector(InspectionPolicy.DEFAULT);

    private static byte[] log(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("2026-11-30 12:00:").append(i % 60).append(" INFO request ").append(i).append(" served\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] largeTar(String lastName, byte[] lastContent) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("app.log", log(5_000));
        entries.put(lastName, lastContent);
        return Fixtures.tar(entries);
    }

    @Test
    void programAfterALargeLogInATarGzIsFoundWithItsPath() {
        byte[] mail = message().attachment("logs.tar.gz", "application/gzip",
            Fixtures.gzip(largeTar("fattura.pdf.exe", Fixtures.peStub()))).build();

        InspectionReport report = INSPECTOR.inspect(mail);

        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.DANGEROUS);
        assertThat(report.findings()).filteredOn(finding -> finding.code() == ReasonCode.EXECUTABLE_CONTENT)
            .extracting(finding -> finding.path().get(finding.path().size() - 1)).containsExactly("fattura.pdf.exe");
    }

    @Test
    void largeTarGzOfLogsIsClean() {
        byte[] mail = message().attachment("logs.tar.gz", "application/gzip",
            Fixtures.gzip(largeTar("gc.log", log(100)))).build();

        assertThat(INSPECTOR.inspect(mail).findings()).isEmpty();
    }

    @Test
    void truncatedGzipAroundALargeTarIsReportedAgainstTheGzipStream() {
        byte[] gzip = Fixtures.gzip(largeTar("gc.log", log(100)));
        byte[] mail = message().attachment("logs.tar.gz", "application/gzip", Arrays.copyOf(gzip, gzip.length * 2 / 3)).build();

        InspectionReport report = INSPECTOR.inspect(mail);

        assertThat(report.findings()).filteredOn(finding -> finding.code() == ReasonCode.MALFORMED_CONTENT)
            .extracting(finding -> finding.path().get(finding.path().size() - 1)).containsExactly("logs.tar.gz");
    }

    @Test
    void diskImageFooterAfterALargeTarIsStillSeen() {
        byte[] tar = largeTar("gc.log", log(100));
        byte[] image = Arrays.copyOf(tar, tar.length + 512);
        System.arraycopy("conectix".getBytes(StandardCharsets.US_ASCII), 0, image, tar.length, 8);
        byte[] mail = message().attachment("backup.gz", "application/gzip", Fixtures.gzip(image)).build();

        InspectionReport report = INSPECTOR.inspect(mail);

        assertThat(report.findings()).extracting(Finding::code).contains(ReasonCode.DISK_IMAGE);
        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.DANGEROUS);
    }

    @Test
    void expansionLimitStillStopsALargeTarGz() {
        InspectionPolicy tight = InspectionPolicy.DEFAULT.withLimits(InspectionPolicy.DEFAULT.limits().withMaxExpandedBytes(100_000));
        byte[] mail = message().attachment("logs.tar.gz", "application/gzip",
            Fixtures.gzip(largeTar("gc.log", log(100)))).build();

        InspectionReport report = new AttachmentInspector(tight).inspect(mail);

        assertThat(report.findings()).extracting(Finding::code).contains(ReasonCode.LIMIT_EXCEEDED);
        assertThat(List.of(report.verdict())).containsExactly(AttachmentVerdict.DANGEROUS);
    }
}
