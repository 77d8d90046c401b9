package dev.postino.attachments.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
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
    void archiveAndProgramSignaturesGiveTikasExactAnswer() {
        Map<String, byte[]> samples = new LinkedHashMap<>();
        samples.put("7z", padded(0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4));
        samples.put("xz", padded(0xFD, '7', 'z', 'X', 'Z', 0, 0, 4));
        samples.put("bzip2", padded('B', 'Z', 'h', '9', '1', 'A', 'Y', '&', 'S', 'Y'));
        samples.put("rar4", padded('R', 'a', 'r', '!', 0x1A, 0x07, 0x00));
        samples.put("rar5", padded('R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00));
        samples.put("tnef", Fixtures.tnef("a.exe", Fixtures.peStub()));
        samples.put("onenote", padded(0xE4, 0x52, 0x5C, 0x7B, 0x8C, 0xD8, 0xA7, 0x4D, 0xAE, 0xB1, 0x53, 0x78, 0xD0, 0x29, 0x96, 0xD3));
        for (int elfType = 0; elfType <= 5; elfType++) {
            samples.put("elf little-endian e_type " + elfType, elf(elfType, 0));
            samples.put("elf big-endian e_type " + elfType, elf(0, elfType));
        }
        samples.put("java class", padded(0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 0x41));
        for (int fileType = 0; fileType <= 12; fileType++) {
            samples.put("mach-o 32 big-endian type " + fileType, padded(0xFE, 0xED, 0xFA, 0xCE, 0, 0, 0, 7, 0, 0, 0, 3, 0, 0, 0, fileType));
            samples.put("mach-o 64 little-endian type " + fileType, padded(0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1, 3, 0, 0, 0, fileType, 0, 0, 0));
        }
        samples.forEach((name, bytes) -> {
            assertThat(detector.detect(bytes, bytes).mediaType()).as(name).isEqualTo(TypeDetector.tikaType(bytes));
            assertThat(detector.detect(bytes, bytes).kind()).as(name).isEqualTo(TypeDetector.classify(TypeDetector.tikaType(bytes)));
        });
    }

    /**
     * Tika names a few text formats more precisely (a batch file, a PEM key, BibTeX); none is a kind Postino
     * acts on, so Postino calls them text, which only adds a uuencode scan.
     */
    @Test
    void plainTextIsTypedWithoutTikaAndAgreesWithIt() {
        List<String> texts = List.of(
            "2026-11-28 06:00:01 INFO  started\n2026-11-28 06:00:02 WARN  disk 91%\n",
            "06:00:01 INFO started\n06:00:02 WARN disk 91%\n",
            "2026-11-28T06:00:01Z level=info msg=started\n",
            "WScript.Echo('x');",
            "MsgBox 1",
            "Write-Host 'ciao'\r\nStart-Process calc.exe\r\n",
            "@echo off\r\ndel /q *.tmp\r\n",
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n",
            "id;nome;importo\n1;Mario Rossi;12,50\n2;Anna Bianchi;7,00\n",
            "Città, perché, così: testo in UTF-8 con accenti.\n",
            "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACAAAAA\n",
            "  indented: a colon after spaces is not a header\n");
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(PlainText.isPlainText(bytes, 4096)).as(text).isTrue();
            assertThat(TypeDetector.classify(TypeDetector.tikaType(bytes))).as(text).isIn(ContentKind.TEXT, ContentKind.OTHER);
            assertThat(detector.detect(bytes, bytes).kind()).as(text).isEqualTo(ContentKind.TEXT);
        }
    }

    @Test
    void textThatAMagicPatternCouldClaimStillGoesToTika() {
        List<String> texts = List.of(
            "From: mario.rossi@acme.example\r\nSubject: ciao\r\n\r\nbody",
            "log line one\nreceived: by mx.example\n",
            "X-Mailer: something\n",
            "#!/bin/sh\necho\n",
            "#! rnews 123\n",
            "eval \"exec perl -S $0\"\n",
            "%!PS-Adobe-3.0\n",
            "junk %PDF-1.7 after junk",
            "{\\rtf1\\ansi hello}",
            "<html><body>hi</body></html>",
            "BZh91AY&SY",
            "070707 cpio",
            "MZ is also how a program starts",
            "MSCF cabinet",
            "Rar! archive",
            "conectix disk",
            "\uFEFFFrom: bom@example\n",
            "Path: news.example!not-for-mail\n");
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(PlainText.isPlainText(bytes, 4096)).as(text).isFalse();
            if (!text.startsWith("#!")) { // shebang lines are Postino's own rule, stricter than Tika's
                assertThat(detector.detect(bytes, bytes).kind()).as(text).isEqualTo(TypeDetector.classify(TypeDetector.tikaType(bytes)));
            }
        }
        byte[] message = texts.get(0).getBytes(StandardCharsets.UTF_8);
        assertThat(detector.detect(message, message).kind()).isEqualTo(ContentKind.MESSAGE);
    }

    @Test
    void aDeclaredMessageThatStartsWithAHeaderIsAMessageAsTikaSays() {
        byte[] message = "Return-Path: <a@example.com>\r\nFrom: a@example.com\r\nSubject: x\r\n\r\nbody\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        byte[] notAMessage = "just text\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(detector.detect(message, message, "message/rfc822").kind()).isEqualTo(ContentKind.MESSAGE);
        assertThat(TypeDetector.classify(TypeDetector.tikaType(message))).isEqualTo(ContentKind.MESSAGE);
        assertThat(detector.detect(notAMessage, notAMessage, "message/rfc822").kind()).isEqualTo(ContentKind.TEXT);
        assertThat(detector.detect(Fixtures.peStub(), Fixtures.peStub(), "message/rfc822").kind()).isEqualTo(ContentKind.EXECUTABLE);
    }

    @Test
    void binaryAndMalformedUtf8AreNotPlainText() {
        assertThat(PlainText.isPlainText(new byte[] {'a', 0, 'b'}, 4096)).isFalse();
        assertThat(PlainText.isPlainText(new byte[] {'a', (byte) 0xC3, 'b'}, 4096)).isFalse();
        assertThat(PlainText.isPlainText(new byte[] {'a', (byte) 0xE9, 'b'}, 4096)).as("latin-1 goes to Tika").isFalse();
        assertThat(PlainText.isPlainText(new byte[] {'a', 0x7F}, 4096)).isFalse();
        assertThat(PlainText.isPlainText(new byte[0], 4096)).isFalse();
    }

    private static byte[] padded(int... head) {
        byte[] bytes = new byte[64];
        for (int i = 0; i < head.length; i++) {
            bytes[i] = (byte) head[i];
        }
        for (int i = head.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }
        return bytes;
    }

    private static byte[] elf(int first, int second) {
        byte[] bytes = padded(0x7F, 'E', 'L', 'F', 2, 1, 1);
        bytes[16] = (byte) first;
        bytes[17] = (byte) second;
        return bytes;
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
            assertThat(detector.detect(bytes, bytes).kind()).as(name).isEqualTo(ContentKind.EXECUTABLE);
        });
    }

    @Test
    void textShortcutOnlyForDeclaredTextThatLooksLikeText() {
        byte[] text = "Ciao Anna,\r\nci vediamo domani.\r\n".getBytes(StandardCharsets.UTF_8);

        assertThat(detector.detect(text, text, "text/plain").kind()).isEqualTo(ContentKind.TEXT);
        assertThat(detector.detect(Fixtures.peStub(), Fixtures.peStub(), "text/plain").kind()).isEqualTo(ContentKind.EXECUTABLE);
        assertThat(detector.detect("#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII), new byte[0], "text/plain").kind())
            .isEqualTo(ContentKind.SCRIPT);
    }

    @Test
    void footerFormatsAreFoundInTheTail() {
        byte[] vhd = new byte[4096];
        System.arraycopy("conectix".getBytes(StandardCharsets.US_ASCII), 0, vhd, 4096 - 512, 8);

        assertThat(detector.detect(new byte[512], vhd).kind()).isEqualTo(ContentKind.DISK_IMAGE);
    }
}
