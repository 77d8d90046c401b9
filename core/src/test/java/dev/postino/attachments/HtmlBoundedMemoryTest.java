package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 60 MB smuggling page (a 40 MB program as one base64 string) is judged in a JVM with a 64 MB heap:
 * the page is scanned through a window and its payload decoded to a spooled file, never held whole.
 */
class HtmlBoundedMemoryTest {

    private static final long PAYLOAD_BYTES = 40L * 1024 * 1024;

    @Test
    void largeSmugglingPageIsJudgedWithSixtyFourMegabytesOfHeap(@TempDir Path directory) throws Exception {
        Path eml = directory.resolve("page.eml");
        writeMessage(eml);
        String output = BoundedMemoryTest.inspectWithSixtyFourMegabytesOfHeap(eml, directory);

        assertThat(output).contains("verdict=DANGEROUS").contains("HTML_SMUGGLING")
            .contains("EXECUTABLE_CONTENT at part 2 › fattura.html › embedded data 1");
        try (var left = Files.list(directory)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("page.eml");
        }
    }

    /** The page is base64 inside the message, and the program is base64 inside the page. */
    private static void writeMessage(Path eml) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(eml), 1 << 16)) {
            file.write(("From: a@example.com\r\nTo: b@acme.example\r\nSubject: fattura\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nin allegato\r\n"
                + "--B\r\nContent-Type: text/html; name=\"fattura.html\"\r\nContent-Disposition: attachment; filename=\"fattura.html\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            OutputStream page = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).wrap(new NonClosing(file));
            page.write("<html><body><script>\nvar d = \"".getBytes(StandardCharsets.US_ASCII));
            OutputStream payload = Base64.getEncoder().wrap(new NonClosing(page));
            byte[] block = new byte[1 << 16];
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (i * 31 + 7);
            }
            byte[] first = block.clone();
            System.arraycopy(Fixtures.peStub(), 0, first, 0, 512);
            for (long written = 0; written < PAYLOAD_BYTES; written += block.length) {
                payload.write(written == 0 ? first : block);
            }
            payload.close();
            page.write(("\";\nvar b = atob(d); var n = new Uint8Array(b.length);\n"
                + "for (var i = 0; i < b.length; i++) { n[i] = b.charCodeAt(i); }\n"
                + "var a = document.createElement('a'); a.href = URL.createObjectURL(new Blob([n])); a.download = 'fattura.exe';\n"
                + "a.click();\n</script></body></html>\n").getBytes(StandardCharsets.US_ASCII));
            page.close();
            file.write("\r\n--B--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
