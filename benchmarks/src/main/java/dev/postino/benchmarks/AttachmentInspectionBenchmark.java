package dev.postino.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.matchers.AttachmentFileNameIs;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.Corpus;
import dev.postino.attachments.Fixtures;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;
import dev.postino.attachments.names.BlockedExtensions;

/**
 * Postino's attachment inspection against James's {@code AttachmentFileNameIs -z} and against the floor
 * of base64-decoding every attachment byte once, on the same messages in the same JVM. One operation
 * processes every message of the set once: messages/s = ops/s × messages, MB/s = ops/s × MB (both
 * printed at setup).
 *
 * <ul>
 *   <li>{@code corpus}: the whole adversarial corpus and false-positive set (bombs included);</li>
 *   <li>{@code everyday}: the bollettino, the clean PDF, docx, xlsx, logs.tar.gz, ics and photo mails;</li>
 *   <li>{@code documents}: the same without the logs.tar.gz, whose 3.5 MB of inflation dominates {@code everyday};</li>
 *   <li>{@code large}: one mail with a 10 MB PDF attachment.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AttachmentInspectionBenchmark {

    private static final Pattern BASE64_BODY = Pattern.compile("Content-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)");

    @Param({"everyday", "documents", "corpus", "large"})
    public String set;

    private List<byte[]> messages;
    private List<String> base64Bodies;
    private AttachmentInspector inspector;
    private AttachmentFileNameIs james;
    private final Session session = Session.getInstance(new Properties());
    private MailAddress recipient;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        messages = switch (set) {
            case "corpus" -> Corpus.all().stream().map(Corpus.Case::message).toList();
            case "everyday" -> Corpus.all().stream().filter(c -> c.id().matches("T02|N1|N2a|N2b|N4a|N5a|N5b"))
                .map(Corpus.Case::message).toList();
            case "documents" -> Corpus.all().stream().filter(c -> c.id().matches("T02|N1|N2a|N2b|N5a|N5b"))
                .map(Corpus.Case::message).toList();
            case "large" -> List.of(largePdfMail());
            default -> throw new IllegalArgumentException(set);
        };
        base64Bodies = new ArrayList<>();
        long attachmentBytes = 0;
        long messageBytes = 0;
        for (byte[] message : messages) {
            messageBytes += message.length;
            Matcher matcher = BASE64_BODY.matcher(new String(message, StandardCharsets.ISO_8859_1));
            while (matcher.find()) {
                base64Bodies.add(matcher.group(1));
                attachmentBytes += Base64.getMimeDecoder().decode(matcher.group(1)).length;
            }
        }
        inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);
        james = new AttachmentFileNameIs();
        james.init(FakeMatcherConfig.builder().matcherName("AttachmentFileNameIs")
            .condition("-z " + BlockedExtensions.DEFAULTS.stream().map(e -> "*." + e).collect(Collectors.joining(","))).build());
        recipient = new MailAddress("anna.bianchi@acme.example");
        System.out.printf("%n[set %s] messages=%d messageMB=%.3f attachmentMB=%.3f%n", set, messages.size(),
            messageBytes / 1e6, attachmentBytes / 1e6);
    }

    private static byte[] largePdfMail() {
        byte[] pdf = Fixtures.pdf("large");
        byte[] large = new byte[10 * 1000 * 1000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 2654435761L >>> 13);
        }
        System.arraycopy(pdf, 0, large, 0, pdf.length - 6);
        byte[] eof = "%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(eof, 0, large, large.length - eof.length, eof.length);
        return Fixtures.message().attachment("scansione.pdf", "application/pdf", large).build();
    }

    @Benchmark
    public void postinoInspection(Blackhole blackhole) {
        for (byte[] message : messages) {
            InspectionReport report = inspector.inspect(message);
            blackhole.consume(report);
        }
    }

    @Benchmark
    public void jamesAttachmentFileNameIsZ(Blackhole blackhole) {
        for (byte[] message : messages) {
            try {
                FakeMail mail = FakeMail.builder().name("m")
                    .mimeMessage(new MimeMessage(session, new ByteArrayInputStream(message))).recipient(recipient).build();
                blackhole.consume(james.match(mail));
            } catch (Exception failure) {
                blackhole.consume(failure);
            }
        }
    }

    @Benchmark
    public void base64DecodeFloor(Blackhole blackhole) {
        for (String body : base64Bodies) {
            blackhole.consume(Base64.getMimeDecoder().decode(body));
        }
    }

    /**
     * The floor of any inspector that looks inside archives: base64-decode every attachment as above, then
     * decompress every gzip stream and every ZIP entry once with the JDK (one level, no checks), stopping where
     * Postino's own limits stop it: 100 MB expanded per attachment and 100:1 after the first megabyte. Without
     * them the floor would spend its time inflating the two zip bombs, which Postino judges without inflating.
     */
    @Benchmark
    public void decodeAndDecompressFloor(Blackhole blackhole) {
        byte[] scratch = new byte[65536];
        for (String body : base64Bodies) {
            byte[] decoded = Base64.getMimeDecoder().decode(body);
            blackhole.consume(decompressOnce(decoded, scratch));
        }
    }

    private static final long EXPANDED_LIMIT = 100L * 1000 * 1000;

    private static long decompressOnce(byte[] data, byte[] scratch) {
        long limit = Math.min(EXPANDED_LIMIT, Math.max(1_000_000, 100L * data.length));
        long total = 0;
        try {
            if (data.length > 2 && data[0] == 0x1F && data[1] == (byte) 0x8B) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 65536)) {
                    total = drain(in, scratch, limit);
                }
            } else if (data.length > 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4) {
                try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(data))) {
                    while (in.getNextEntry() != null && total < limit) {
                        total += drain(in, scratch, limit - total);
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return -total - 1;
        }
        return total;
    }

    private static long drain(InputStream in, byte[] scratch, long limit) throws IOException {
        long total = 0;
        int n;
        while (total < limit && (n = in.read(scratch)) > 0) {
            total += n;
        }
        return total;
    }
}
