package dev.postino.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.transport.mailets.StripAttachment;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.postino.quarantine.MimeStripper;

/**
 * Removing one attachment from a message: Postino's raw-byte {@link MimeStripper} (which also keeps
 * every other byte) against James's {@code StripAttachment remove=matched} (Jakarta Mail
 * re-serialisation), on the same message, each producing the bytes that would go on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QuarantineStripBenchmark {

    @Param({"100000", "5000000"})
    public int attachmentBytes;

    private byte[] message;
    private StripAttachment james;
    private final Session session = Session.getInstance(new Properties());

    @Setup
    public void setUp() throws Exception {
        byte[] payload = new byte[attachmentBytes];
        new Random(1).nextBytes(payload);
        message = String.join("\r\n",
            "From: comunicazioni@staff.aruba.it",
            "To: anna.bianchi@acme.example",
            "Subject: Invio copia bollettino",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain; charset=UTF-8",
            "",
            "Gentile cliente, in allegato il bollettino.",
            "--b",
            "Content-Type: application/zip; name=\"bollettino.zip\"",
            "Content-Disposition: attachment; filename=\"bollettino.zip\"",
            "Content-Transfer-Encoding: base64",
            "",
            Base64.getMimeEncoder().encodeToString(payload),
            "--b--",
            "").getBytes(StandardCharsets.US_ASCII);
        james = new StripAttachment();
        james.init(FakeMailetConfig.builder().mailetName("strip")
            .setProperty("pattern", ".*\\.zip").setProperty("remove", "matched").build());
    }

    @Benchmark
    public byte[] postinoMimeStripper() {
        return MimeStripper.strip(message, Map.of("2", "Attachment removed by the mail server: bollettino[.]zip"));
    }

    @Benchmark
    public byte[] jamesStripAttachment() throws Exception {
        FakeMail mail = FakeMail.builder().name("m")
            .mimeMessage(new MimeMessage(session, new ByteArrayInputStream(message))).build();
        james.service(mail);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }
}
