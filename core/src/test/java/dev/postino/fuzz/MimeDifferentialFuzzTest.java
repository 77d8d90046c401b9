package dev.postino.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.postino.attachments.DifferentialOracle;

/**
 * The inspector against Jakarta Mail, James's own parser (the differential oracle, docs/mime-differentials.md):
 * no message may be judged clean while a part Jakarta Mail extracts from it is dangerous on its own.
 *
 * <p>Input: the raw message. Seeds: the evasion family of issue 15 written every way the differential table
 * lists ({@code MimeVariants.oneOfEach()}: each boundary, delimiter, transfer-encoding and part-header form once,
 * on a zip holding {@code fattura.pdf.exe}), so mutations start where readers already disagree.
 */
class MimeDifferentialFuzzTest {

    private static final DifferentialOracle ORACLE = new DifferentialOracle();

    @FuzzTest
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void noMessageHidesAPartJakartaMailExtracts(byte[] message) {
        assertThat(ORACLE.evasion(message)).isEmpty();
    }
}
