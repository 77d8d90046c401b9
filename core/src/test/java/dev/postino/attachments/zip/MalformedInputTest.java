package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.MALFORMED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.junit.jupiter.api.Test;

import dev.postino.attachments.zip.Zips.File;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Broken input gives a MALFORMED (or other) anomaly, never an exception. */
class MalformedInputTest {

    private static final byte[] SAMPLE = Zips.concat(
            Zips.jdk("commento", File.deflated("a.txt", "alpha ".repeat(100)), File.stored("b.txt", "beta"),
                    File.deflated("c/d.txt", "gamma")),
            new byte[0]);
    private static final byte[] SAMPLE64 = Zips.commons(Zip64Mode.Always, null,
            File.deflated("a.txt", "alpha ".repeat(100)), File.stored("b.txt", "beta"));

    private final ZipStructureAnalyzer analyzer = new ZipStructureAnalyzer(ZipLimits.defaults());

    @Test
    void emptyInputIsMalformed() {
        assertThat(analyzer.analyze(new byte[0]).has(MALFORMED)).isTrue();
    }

    @Test
    void inputShorterThanAnEndRecordIsMalformed() {
        assertThat(analyzer.analyze(new byte[21]).has(MALFORMED)).isTrue();
    }

    @Test
    void endRecordAloneWithNonsenseOffsetsIsMalformed() {
        byte[] zip = Zips.jdk(null);
        zip = Zips.putU16(Zips.putU16(zip, 8, 3), 10, 3);
        zip = Zips.putU32(Zips.putU32(zip, 12, 500), 16, 77);

        assertThat(analyzer.analyze(zip).has(MALFORMED)).isTrue();
    }

    @Test
    void everyTruncationOfAnArchiveIsReportedNeverThrown() {
        for (byte[] sample : new byte[][] {SAMPLE, SAMPLE64}) {
            for (int length = 0; length < sample.length; length++) {
                ZipStructure s = analyzer.analyze(Arrays.copyOf(sample, length));

                assertThat(s.anomalies()).as("prefix of %d bytes", length).isNotEmpty()
                        .noneMatch(MalformedInputTest::isInternalError);
            }
        }
    }

    @Test
    void everyTruncationFromTheFrontIsReportedNeverThrown() {
        for (int start = 1; start < SAMPLE.length; start++) {
            ZipStructure s = analyzer.analyze(Arrays.copyOfRange(SAMPLE, start, SAMPLE.length));

            assertThat(s.anomalies()).as("suffix from %d", start).isNotEmpty()
                    .noneMatch(MalformedInputTest::isInternalError);
        }
    }

    @Property(tries = 2000)
    void corruptedBytesNeverMakeTheAnalyzerThrow(@ForAll @IntRange(min = 0, max = 10_000) int seed,
                                                 @ForAll @IntRange(min = 1, max = 8) int flips) {
        byte[] corrupt = (seed % 2 == 0 ? SAMPLE : SAMPLE64).clone();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < flips; i++) {
            corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
        }

        ZipStructure s = analyzer.analyze(corrupt);

        assertThat(s.anomalies()).noneMatch(MalformedInputTest::isInternalError);
    }

    @Property(tries = 500)
    void arbitraryBytesNeverMakeTheAnalyzerThrow(@ForAll @Size(max = 400) byte[] bytes) {
        byte[] withSignatures = Zips.concat(new byte[] {'P', 'K', 3, 4}, bytes, new byte[] {'P', 'K', 5, 6},
                Arrays.copyOf(bytes, Math.min(bytes.length, 18)));

        assertThat(analyzer.analyze(withSignatures).anomalies()).noneMatch(MalformedInputTest::isInternalError);
        assertThat(analyzer.analyze(bytes).anomalies()).noneMatch(MalformedInputTest::isInternalError);
    }

    /**
     * The analyzer turns any runtime exception into a MALFORMED anomaly so that hostile input can
     * never escape as an exception; a corruption should be caught by an explicit check instead.
     */
    private static boolean isInternalError(ZipAnomaly a) {
        return a.detail().startsWith("unreadable structure");
    }
}
