package dev.postino.attachments.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postino.attachments.Fixtures;

class TypeDetectorTest {

    private final TypeDetector detector = new TypeDetector();

    @Test
    void commonSignatureShortcutsAgreeWithTika() {
        Map<String, byte[]> samples = Map.of(
            "pdf", Fixtures.pdf("x"),
            "zip", Fixtures.zip("a.txt", new byte[] {'a'}),
            "gzip", Fixtures.gzip(new byte[] {'a'}),
            "ole2", Fixtures.oleWithStorage("WordDocument"),
            "jpeg", Fixtures.jpeg(),
            "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'},
            "gif", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1),
            "tar", Fixtures.tar(Map.of("app.log", "started\n".getBytes(StandardCharsets.US_ASCII))));
        samples.forEach((name, bytes) -> assertThat(detector.detect(bytes, bytes).kind()).as(name)
            .isEqualTo(TypeDetector.classify(TypeDetector.tikaType(bytes))));
    }

    @Test
    void programShortcutGivesTikasAnswer() {
        byte[] bareDos = new byte[4096];
        bareDos[0] = 'M';
        bareDos[1] = 'Z';
        byte[] noisy = new byte[4096];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = (byte) (i * 2654435761L >>> 13);
        }
        noisy[0] = 'M';
        noisy[1] = 'Z';
        Map<String, byte[]> samples = Map.of("pe", Fixtures.peStub(), "dos", bareDos, "noise", noisy);
        samples.forEach((name, bytes) -> {
            assertThat(TypeDetector.tikaType(bytes)).as(name).isEqualTo("application/x-msdownload");
            assertThat(detector.detect(bytes, bytes).mediaType()).as(name).isEqualTo(TypeDetector.tikaType(bytes));
            assertThat(detector.detect(bytes, bytes).kind()).as(name).isEqualTo(Kind.EXECUTABLE);
        });
    }

    @Test
    void textShortcutOnlyForDeclaredTextThatLooksLikeText() {
        byte[] text = "Ciao Anna,\r\nci vediamo domani.\r\n".getBytes(StandardCharsets.UTF_8);

        assertThat(detector.detect(text, text, "text/plain").kind()).isEqualTo(Kind.TEXT);
        assertThat(detector.detect(Fixtures.peStub(), Fixtures.peStub(), "text/plain").kind()).isEqualTo(Kind.EXECUTABLE);
        assertThat(detector.detect("#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII), new byte[0], "text/plain").kind())
            .isEqualTo(Kind.SCRIPT);
    }

    @Test
    void footerFormatsAreFoundInTheTail() {
        byte[] vhd = new byte[4096];
        System.arraycopy("conectix".getBytes(StandardCharsets.US_ASCII), 0, vhd, 4096 - 512, 8);

        assertThat(detector.detect(new byte[512], vhd).kind()).isEqualTo(Kind.DISK_IMAGE);
    }
}
