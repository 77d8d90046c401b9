package dev.postino.attachments;

import static dev.postino.attachments.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Large parts judged by their ends keep only head and tail; the checks that read the ends still work. */
class PartKeepingTest {

    private static byte[] largePdf(int size, String trailerExtra) {
        byte[] pdf = new byte[size];
        for (int i = 0; i < size; i++) {
            pdf[i] = (byte) ('a' + i % 26);
        }
        byte[] start = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, pdf, 0, start.length);
        byte[] end = ("trailer\n<< /Root 1 0 R " + trailerExtra + ">>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(end, 0, pdf, size - end.length, end.length);
        return pdf;
    }

    @Test
    void encryptionInTheTrailerOfALargePdfIsStillFound() {
        byte[] mail = message().attachment("estratto.pdf", "application/pdf", largePdf(3_000_000, "/Encrypt 9 0 R ")).build();

        InspectionReport report = new AttachmentInspector(InspectionPolicy.DEFAULT).inspect(mail);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.ENCRYPTED_CONTENT);
    }

    @Test
    void pdfSlightlyLargerThanTheHeadIsKeptWholeAndCorrectly() {
        byte[] mail = message().attachment("estratto.pdf", "application/pdf", largePdf(60_000, "/Encrypt 9 0 R ")).build();

        InspectionReport report = new AttachmentInspector(InspectionPolicy.DEFAULT).inspect(mail);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.ENCRYPTED_CONTENT);
    }

    @Test
    void largeCleanPdfIsClean() {
        byte[] mail = message().attachment("scansione.pdf", "application/pdf", largePdf(5_000_000, "")).build();

        assertThat(new AttachmentInspector(InspectionPolicy.DEFAULT).inspect(mail).findings()).isEmpty();
    }

    /** The tail is assembled from the last blocks read; sizes around the block boundaries must give the exact last bytes. */
    @ParameterizedTest
    @ValueSource(ints = {1, 511, 512, 513, 65_535, 65_536, 65_537, 131_071, 131_072, 131_073, 200_000})
    void footerIsFoundWhateverTheSizeAfterTheHead(int afterHead) {
        byte[] image = new byte[40 * 1024 + afterHead];
        byte[] footer = "conectix".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(footer, 0, image, Math.max(0, image.length - 512), footer.length);
        byte[] mail = message().attachment("backup.dat", "application/octet-stream", image).build();

        InspectionReport report = new AttachmentInspector(InspectionPolicy.DEFAULT).inspect(mail);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.DISK_IMAGE);
    }

    @Test
    void largeFixedVhdIsFoundByItsFooter() {
        byte[] image = new byte[2_000_000];
        System.arraycopy("conectix".getBytes(StandardCharsets.US_ASCII), 0, image, image.length - 512, 8);
        byte[] mail = message().attachment("backup.dat", "application/octet-stream", image).build();

        InspectionReport report = new AttachmentInspector(InspectionPolicy.DEFAULT).inspect(mail);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.DISK_IMAGE);
    }
}
