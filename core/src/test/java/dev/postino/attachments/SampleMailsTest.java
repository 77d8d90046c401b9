package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SampleMailsTest {

    private static final Path SAMPLES = Paths.get("..", "samples");

    @Test
    void committedAttachmentSamplesAreExactlyWhatTheGeneratorProduces() throws Exception {
        for (Map.Entry<String, byte[][]> sample : SampleMails.samples().entrySet()) {
            assertThat(Files.readAllBytes(SAMPLES.resolve(sample.getKey() + ".eml"))).as(sample.getKey()).isEqualTo(sample.getValue()[0]);
            assertThat(Files.readAllBytes(SAMPLES.resolve(sample.getKey() + ".envelope"))).as(sample.getKey())
                .isEqualTo(sample.getValue()[1]);
        }
    }

    @Test
    void samplesGetTheVerdictsTheDemoShows() {
        AttachmentInspector inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);
        Map<String, byte[][]> samples = SampleMails.samples();

        assertThat(inspector.inspect(samples.get("30-bollettino-zip-exe")[0]).dangerous()).isTrue();
        assertThat(inspector.inspect(samples.get("31-clean-pdf")[0]).findings()).isEmpty();
        assertThat(inspector.inspect(samples.get("32-forwarded-bollettino")[0]).dangerous()).isTrue();
        assertThat(inspector.inspect(samples.get("33-encrypted-zip")[0]).findings()).extracting(Finding::code)
            .contains(ReasonCode.ENCRYPTED_CONTENT);
        InspectionReport payslips = inspector.inspect(samples.get("35-encrypted-payslips-from-payroll")[0]);
        assertThat(payslips.findings()).extracting(Finding::code).containsExactly(ReasonCode.ENCRYPTED_CONTENT);
        assertThat(payslips.dangerous()).as("dangerous by default; the demo configuration lists the sender").isTrue();
        assertThat(inspector.inspect(samples.get("34-html-smuggling")[0]).findings()).extracting(Finding::code)
            .contains(ReasonCode.HTML_SMUGGLING, ReasonCode.DOUBLE_EXTENSION, ReasonCode.EXECUTABLE_CONTENT);
    }
}
