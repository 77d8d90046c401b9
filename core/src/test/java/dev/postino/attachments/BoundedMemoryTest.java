package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inspecting a 100 MB attachment works in a JVM with a 64 MB heap: the test writes the message to disk
 * as a stream and runs the inspector in a forked {@code java -Xmx64m} with the test classpath.
 */
class BoundedMemoryTest {

    private static final long ATTACHMENT_BYTES = 100L * 1024 * 1024;

    @Test
    void hundredMegabyteAttachmentIsInspectedWithSixtyFourMegabytesOfHeap(@TempDir Path directory) throws Exception {
        Path eml = directory.resolve("big.eml");
        writeMessage(eml);
        String output = inspectWithSixtyFourMegabytesOfHeap(eml, directory);

        assertThat(output).contains("verdict=DANGEROUS").contains("EXECUTABLE_CONTENT");
    }

    /**
     * Runs the inspector on {@code eml} in a forked {@code java -Xmx64m} with the test classpath and
     * temporary files in {@code directory}; checks it ended normally under that heap and returns its output.
     */
    static String inspectWithSixtyFourMegabytesOfHeap(Path eml, Path directory) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.io.tmpdir=" + directory, "-cp", System.getProperty("java.class.path"),
            Probe.class.getName(), eml.toString()))
            .redirectErrorStream(true).start();
        // Read while waiting, on another thread: a child that hangs must fail the test after the timeout,
        // not block the build in readAllBytes().
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the forked inspector ended within 5 minutes").isTrue();
        String output;
        try {
            output = read.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the forked inspector's output could not be read", e);
        }
        assertThat(process.exitValue()).as(output).isZero();
        long maxHeap = Long.parseLong(output.replaceAll("(?s).*maxHeap=(\\d+).*", "$1"));
        assertThat(maxHeap).isLessThanOrEqualTo(64L * 1024 * 1024);
        return output;
    }

    /** A PE header followed by 100 MB of filler, named like a PDF, base64 inside a normal message. */
    private static void writeMessage(Path eml) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(eml), 1 << 16)) {
            file.write(("From: a@example.com\r\nTo: b@acme.example\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nbig one\r\n"
                + "--B\r\nContent-Type: application/pdf; name=\"scansione.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            OutputStream base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).wrap(new NonClosing(file));
            byte[] block = new byte[1 << 16];
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (i * 31 + 7);
            }
            byte[] first = block.clone();
            System.arraycopy(Fixtures.peStub(), 0, first, 0, 512);
            long written = 0;
            while (written < ATTACHMENT_BYTES) {
                int n = (int) Math.min(block.length, ATTACHMENT_BYTES - written);
                base64.write(written == 0 ? first : block, 0, n);
                written += n;
            }
            base64.close();
            file.write("\r\n--B--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Runs in the forked JVM. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            long start = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(Paths.get(args[0])), 1 << 16)) {
                InspectionReport report = new AttachmentInspector(InspectionPolicy.DEFAULT).inspect(in);
                System.out.println("verdict=" + report.verdict() + " maxHeap=" + Runtime.getRuntime().maxMemory()
                    + " millis=" + (System.nanoTime() - start) / 1_000_000);
                report.findings().forEach(System.out::println);
            }
        }
    }
}
