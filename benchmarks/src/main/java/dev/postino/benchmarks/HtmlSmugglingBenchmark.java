package dev.postino.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

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

import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.Fixtures;
import dev.postino.attachments.HtmlPages;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;

/**
 * What the HTML smuggling pass costs: one mail with a 1 MB attachment, inspected as an HTML page, as the
 * very same bytes named {@code .txt} (the cost without the pass), and as a smuggling page whose 1 MB is
 * one base64 payload (decoded and inspected as a nested file). The floor is base64-decoding the
 * attachment once, as in {@link AttachmentInspectionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class HtmlSmugglingBenchmark {

    private static final int SIZE = 1_000_000;

    @Param({"htmlPage", "sameBytesAsText", "smugglingPage"})
    public String set;

    private byte[] message;
    private String base64Body;
    private AttachmentInspector inspector;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] page = ordinaryPage();
        byte[] attachment = switch (set) {
            case "htmlPage", "sameBytesAsText" -> page;
            case "smugglingPage" -> HtmlPages.classic(payload(), "fattura.zip");
            default -> throw new IllegalArgumentException(set);
        };
        message = set.equals("sameBytesAsText")
            ? Fixtures.message().attachment("pagina.txt", "text/plain", attachment).build()
            : Fixtures.message().attachment("pagina.html", "text/html", attachment).build();
        base64Body = Base64.getMimeEncoder().encodeToString(attachment);
        inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);
        System.out.printf("%n[set %s] messageMB=%.3f attachmentMB=%.3f%n", set, message.length / 1e6, attachment.length / 1e6);
    }

    /** The saved-page fixture repeated with prose and markup to about 1 MB: scripts, handlers, links. */
    private static byte[] ordinaryPage() {
        String head = new String(HtmlPages.savedWebPage(), StandardCharsets.UTF_8).replace("</body></html>\n", "");
        StringBuilder page = new StringBuilder(head);
        int row = 0;
        while (page.length() < SIZE) {
            page.append("<tr><td class=\"c\">").append(row++).append("</td><td><a href=\"/voce/").append(row)
                .append("\" onclick=\"track(").append(row).append(")\">Voce di esempio numero ").append(row)
                .append("</a></td><td>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</td></tr>\n");
        }
        return page.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] payload() {
        byte[] data = new byte[SIZE * 3 / 4];
        new java.util.Random(42).nextBytes(data); // incompressible, so the zip stays about 750 KB
        return Fixtures.zip("fattura.pdf.exe", data);
    }

    @Benchmark
    public InspectionReport postinoInspection() {
        return inspector.inspect(message);
    }

    @Benchmark
    public byte[] base64DecodeFloor() {
        return Base64.getMimeDecoder().decode(base64Body);
    }
}
