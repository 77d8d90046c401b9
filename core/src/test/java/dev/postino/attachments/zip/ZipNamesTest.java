package dev.postino.attachments.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;

import org.junit.jupiter.api.Test;

class ZipNamesTest {

    @Test
    void cp437UpperHalfMatchesTheJdkCharset() {
        assumeTrue(Charset.isSupported("IBM437"), "jdk.charsets module present");
        byte[] all = new byte[128];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (0x80 + i);
        }

        assertThat(ZipNames.cp437(all)).isEqualTo(new String(all, Charset.forName("IBM437")));
    }

    @Test
    void extractionKeyFoldsWhatWindowsAndMacOsTreatAsTheSameFile() {
        assertThat(ZipNames.extractionKey("Docs\\Fattura.PDF. ")).isEqualTo(ZipNames.extractionKey("docs/fattura.pdf"));
        assertThat(ZipNames.extractionKey("caffe\u0300.txt")).isEqualTo(ZipNames.extractionKey("caff\u00e8.txt"));
        assertThat(ZipNames.extractionKey("x.pdf /")).isEqualTo(ZipNames.extractionKey("x.pdf"));
    }

    @Test
    void extractionKeyKeepsDifferentFilesApart() {
        assertThat(ZipNames.extractionKey("a/b.pdf")).isNotEqualTo(ZipNames.extractionKey("ab.pdf"));
        assertThat(ZipNames.extractionKey("fattura.pdf")).isNotEqualTo(ZipNames.extractionKey("fattura.pdf.exe"));
    }

    @Test
    void validUtf8NameHasNoProblem() {
        assertThat(ZipNames.decode(Zips.utf8("fattura_è.pdf"), true))
                .isEqualTo(new ZipNames.Decoded("fattura_è.pdf", null));
    }
}
