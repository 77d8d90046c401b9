package dev.postino.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTextTest {

    @TempDir
    Path dir;

    @Test
    void blankMeansTheBuiltInText() {
        assertThat(TemplateText.read("noticeTemplate", null)).isEmpty();
        assertThat(TemplateText.read("noticeTemplate", "  \n ")).isEmpty();
    }

    @Test
    void inlineTextIsTheTemplate() {
        assertThat(TemplateText.read("noticeTemplate", "  Held {id}\n")).contains("Held {id}");
    }

    @Test
    void aFilePrefixReadsTheFileAsUtf8() throws Exception {
        Path file = dir.resolve("notice.txt");
        Files.writeString(file, "Trattenuto {id}: perché\n", StandardCharsets.UTF_8);
        assertThat(TemplateText.read("noticeTemplate", "file:" + file)).contains("Trattenuto {id}: perché\n");
    }

    @Test
    void aMissingFileNamesTheParameterAndThePath() {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> TemplateText.read("reprimandTemplate", "file:" + missing))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("reprimandTemplate: cannot read '" + missing + "'");
    }
}
