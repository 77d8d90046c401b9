package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.LIMIT_EXCEEDED;
import static dev.postino.attachments.zip.ZipAnomalyKind.OVERLAPPING_ENTRIES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** David Fifield's overlapping-entry bomb: flagged from offsets alone, without inflating anything. */
class FifieldBombTest {

    /** 1,000 entries sharing a 64 MiB kernel: about 64 GB if extracted. */
    private static final byte[] BOMB = FifieldBomb.generate(1000, 64 << 20);

    @Test
    void generatedBombIsAZipThatJavaListsWithItsFullExpandedSize(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.write(dir.resolve("bomb.zip"), BOMB);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long declared = zip.stream().mapToLong(java.util.zip.ZipEntry::getSize).sum();

            assertThat(zip.size()).isEqualTo(1000);
            assertThat(declared).isGreaterThan(64L * 1000 * 1000 * 1000);
        }
    }

    @Test
    void bombIsReportedAsOverlappingEntries() {
        ZipStructure s = new ZipStructureAnalyzer(ZipLimits.defaults()).analyze(BOMB);

        assertThat(s.has(OVERLAPPING_ENTRIES)).isTrue();
    }

    @Test
    void bombIsAnalysedWithoutDecompressingItsEntries() throws IOException {
        // Inflating the entries would read the shared kernel once per entry (about 64 MB here);
        // the analysis reads each byte of the archive about once.
        CountingChannel channel = new CountingChannel(BOMB);

        new ZipStructureAnalyzer(ZipLimits.defaults()).analyze(channel);

        assertThat(channel.bytesRead()).isLessThan(3L * BOMB.length);
    }

    @Test
    void reportStaysShortWhateverTheNumberOfEntries() {
        ZipStructure s = new ZipStructureAnalyzer(ZipLimits.defaults()).analyze(BOMB);

        assertThat(s.anomalies()).hasSizeLessThan(4 * (ZipLimits.defaults().maxAnomaliesPerKind() + 1));
    }

    @Test
    void fullSizeBombWithMoreEntriesThanTheLimitIsCutShortAndStillFlagged() {
        // Fifield's zbsm.zip has 65,534 entries, the most a non-ZIP64 archive can hold.
        ZipStructure s = new ZipStructureAnalyzer(ZipLimits.defaults()).analyze(FifieldBomb.generate(65_534, 1 << 20));

        assertThat(s.has(LIMIT_EXCEEDED)).isTrue();
        assertThat(s.has(OVERLAPPING_ENTRIES)).isTrue();
        assertThat(s.entries()).hasSize(ZipLimits.defaults().maxEntries());
    }
}
