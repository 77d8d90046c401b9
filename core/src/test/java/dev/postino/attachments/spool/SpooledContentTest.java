package dev.postino.attachments.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SpooledContentTest {

    @Test
    void contentUpToTheThresholdStaysInMemory() throws Exception {
        try (SpooledContent content = SpooledContent.spool(new ByteArrayInputStream(new byte[100]), 100)) {
            assertThat(content.inMemory()).isTrue();
            assertThat(content.size()).isEqualTo(100);
        }
    }

    @Test
    void contentBeyondTheThresholdGoesToATemporaryFileDeletedOnClose() throws Exception {
        byte[] data = new byte[5000];
        Arrays.fill(data, (byte) 7);
        data[4999] = 9;
        SpooledContent content = SpooledContent.spool(new ByteArrayInputStream(data), 1000);
        long spilled;
        try (content) {
            assertThat(content.inMemory()).isFalse();
            assertThat(content.read(4998, 10)).containsExactly(7, 9);
            assertThat(content.openStream().readAllBytes()).isEqualTo(data);
            spilled = countTemporaryFiles();
            assertThat(spilled).isPositive();
        }
        assertThat(countTemporaryFiles()).isLessThan(spilled);
    }

    private static long countTemporaryFiles() throws Exception {
        try (var files = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
            return files.map(Path::getFileName).map(Path::toString).filter(name -> name.startsWith("postino-part-")).count();
        }
    }
}
