package dev.postino.attachments.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.Finding;
import dev.postino.attachments.Fixtures;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;
import dev.postino.attachments.ReasonCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever bytes an HTML or SVG attachment holds, the detector and the inspector finish without failing. */
class HtmlSmugglingProperties {

    private static final String ENCODED = Base64.getEncoder().encodeToString(Fixtures.peStub());
    private static final List<String> FRAGMENTS = List.of("<script>", "</script>", "<svg/onload=", "<foreignObject>", "atob(",
        "new Blob([", "URL.createObjectURL(", "a.download = ", "download=\"", "data:application/zip;base64,",
        "data:image/png;base64,", "data:", ";base64,", "\"", "'", "`", "+", ",", "\n", "\r\n", " ", "=", "==", "<", ">",
        ENCODED, ENCODED.substring(0, 77), ENCODED.substring(77), "\u00e8\u00e0", "\u0000", "\uFFFD", "javascript:",
        "String.fromCharCode(", "<a href=\"", "x".repeat(300));

    private final AttachmentInspector inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);

    /** Counts begin/end calls and checks they alternate. */
    private static final class Balanced implements HtmlSmuggling.PayloadSink {
        int open;
        int ended;

        @Override
        public OutputStream begin(int number, String declaredType) {
            assertThat(open).isZero();
            assertThat(number).isEqualTo(ended + 1);
            open++;
            return OutputStream.nullOutputStream();
        }

        @Override
        public boolean end(int number, String declaredType) {
            assertThat(open).isEqualTo(1);
            open--;
            ended++;
            return false;
        }
    }

    @Property(tries = 500)
    void arbitraryBytesAreScannedWithBalancedPayloads(@ForAll byte[] bytes) throws IOException {
        Balanced sink = new Balanced();

        HtmlSmuggling.Evidence evidence = HtmlSmuggling.scan(new ByteArrayInputStream(bytes), sink);

        assertThat(sink.open).isZero();
        assertThat(evidence.payloads()).isEqualTo(sink.ended);
    }

    @Property(tries = 500)
    void tokenSoupIsScannedWithBalancedPayloads(@ForAll("soup") byte[] page) throws IOException {
        Balanced sink = new Balanced();

        HtmlSmuggling.Evidence evidence = HtmlSmuggling.scan(new ByteArrayInputStream(page), sink);

        assertThat(sink.open).isZero();
        assertThat(evidence.payloads()).isEqualTo(sink.ended);
    }

    @Property(tries = 200)
    void anyHtmlAttachmentGetsAVerdictWithoutInspectionErrors(@ForAll("soup") byte[] page) {
        InspectionReport report = inspector.inspect(Fixtures.message().attachment("pagina.html", "text/html", page).build());

        assertThat(report.verdict()).isNotNull();
        assertThat(report.findings()).extracting(Finding::code).doesNotContain(ReasonCode.INSPECTION_ERROR);
    }

    @Provide
    Arbitrary<byte[]> soup() {
        return Arbitraries.oneOf(Arbitraries.of(FRAGMENTS), Arbitraries.strings().ofMaxLength(20))
            .list().ofMaxSize(200)
            .map(parts -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                parts.forEach(part -> out.writeBytes(part.getBytes(StandardCharsets.UTF_8)));
                return out.toByteArray();
            });
    }
}
