package dev.postino.attachments.parts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postino.attachments.Fixtures;

/** The uuencode scanner's line handling. */
class UudecoderTest {

    private static List<String> found(String text, List<byte[]> contents) throws IOException {
        List<String> names = new ArrayList<>();
        Uudecoder.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), new Uudecoder.Sink() {
            private ByteArrayOutputStream current;

            @Override
            public OutputStream begin(String name) {
                names.add(name);
                current = new ByteArrayOutputStream();
                return current;
            }

            @Override
            public void end(String name) {
                contents.add(current.toByteArray());
            }
        });
        return names;
    }

    @Test
    void fileAfterAHugeLineIsStillFound() throws IOException {
        byte[] data = "ciao mondo".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> contents = new ArrayList<>();

        List<String> names = found("x".repeat(Uudecoder.MAX_LINE * 20) + "\r\n"
            + Fixtures.uuencode("nota.txt", data).replace("\n", "\r\n"), contents);

        assertThat(names).containsExactly("nota.txt");
        assertThat(contents).singleElement().isEqualTo(data);
    }

    @Test
    void linesEndedByLoneCarriageReturnsAreLines() throws IOException {
        byte[] data = Fixtures.peStub();
        List<byte[]> contents = new ArrayList<>();

        List<String> names = found("testo\r" + Fixtures.uuencode("a.exe", data).replace("\n", "\r"), contents);

        assertThat(names).containsExactly("a.exe");
        assertThat(contents).singleElement().isEqualTo(data);
    }
}
