package dev.postino.attachments.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The detector on its own: which indicators it sees, which runs it decodes, and the rule. */
class HtmlSmugglingTest {

    /** 300 bytes that are not text, so their base64 is one run of 400 characters. */
    private static final byte[] DATA = bytes(300);
    private static final String ENCODED = Base64.getEncoder().encodeToString(DATA);

    /** Keeps every decoded payload; calls them risky when they start with "MZ". */
    private static final class Recorder implements HtmlSmuggling.PayloadSink {
        final List<byte[]> payloads = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        private ByteArrayOutputStream current;

        @Override
        public OutputStream begin(int number, String declaredType) {
            current = new ByteArrayOutputStream();
            types.add(declaredType);
            return current;
        }

        @Override
        public boolean end(int number, String declaredType) {
            byte[] data = current.toByteArray();
            payloads.add(data);
            return data.length > 1 && data[0] == 'M' && data[1] == 'Z';
        }
    }

    private static HtmlSmuggling.Evidence scan(String text) throws IOException {
        return scan(text, new Recorder());
    }

    private static HtmlSmuggling.Evidence scan(String text, Recorder recorder) throws IOException {
        return HtmlSmuggling.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), recorder);
    }

    private static byte[] bytes(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 37 + 11);
        }
        return data;
    }

    @Test
    void scriptTagIsAScriptIndicator() throws IOException {
        assertThat(scan("<html><SCRIPT type=text/javascript>x()</SCRIPT>").scripts()).containsExactly("<script>");
    }

    @Test
    void eventHandlerInATagIsAScriptIndicator() throws IOException {
        assertThat(scan("<svg/onload=alert(1)>").scripts()).containsExactly("event handler");
    }

    @Test
    void eventHandlerWordOutsideATagIsNotAScriptIndicator() throws IOException {
        assertThat(scan("<p>Click onward = forward</p>").scripts()).isEmpty();
    }

    @Test
    void javascriptUrlIsAScriptIndicator() throws IOException {
        assertThat(scan("<a href=\"JavaScript:go()\">x</a>").scripts()).containsExactly("javascript: URL");
    }

    @Test
    void svgForeignObjectIsAScriptIndicator() throws IOException {
        assertThat(scan("<svg><foreignObject><div>x</div></foreignObject></svg>").scripts()).containsExactly("<foreignObject>");
    }

    @Test
    void blobObjectUrlAndSaveBlobAreSinks() throws IOException {
        assertThat(scan("<script>new Blob([n]); URL.createObjectURL(b); navigator.msSaveOrOpenBlob(b)</script>").sinks())
            .containsExactlyInAnyOrder("Blob", "createObjectURL", "msSaveBlob");
    }

    @Test
    void downloadAttributeOrPropertyIsASink() throws IOException {
        assertThat(scan("<a download=\"x.zip\">").sinks()).containsExactly("download attribute");
        assertThat(scan("<script>a.download = name;</script>").sinks()).containsExactly("download attribute");
        assertThat(scan("<script>a.setAttribute('download', name);</script>").sinks()).containsExactly("download attribute");
    }

    @Test
    void bareDownloadWordIsNotASink() throws IOException {
        assertThat(scan("<a href=\"m.pdf\" download>Download the downloads</a><script>if (a.download == b) {}</script>").sinks())
            .isEmpty();
        assertThat(scan("<a href=\"get.php?download=1&amp;x=2\">file</a> <a href=\"f?a=1&download=2\">").sinks()).isEmpty();
    }

    @Test
    void apiNamesInThePageTextAreNotIndicators() throws IOException {
        HtmlSmuggling.Evidence evidence = scan("<script src=\"theme.js\"></script>\n<h2>Blobs</h2><pre><code>"
            + "const blob = new Blob([new Uint8Array(buf)]); const url = URL.createObjectURL(blob); atob(s);</code></pre>");

        assertThat(evidence.scripts()).containsExactly("<script>");
        assertThat(evidence.sinks()).isEmpty();
        assertThat(evidence.sources()).isEmpty();
    }

    @Test
    void apiNameInsideAnotherWordIsNotAnIndicator() throws IOException {
        HtmlSmuggling.Evidence evidence = scan("<a href=\"#url_createobjecturlblob\" id=\"buffer_uint8array\">x</a>"
            + "<script>myatob(s); newBlob(x);</script>");

        assertThat(evidence.sinks()).isEmpty();
        assertThat(evidence.sources()).isEmpty();
    }

    @Test
    void handlerAttributeIsCodeEvenWithAGreaterThanSignInIt() throws IOException {
        HtmlSmuggling.Evidence evidence = scan("<body onload=\"if (n > 0) { go(new Blob([atob(d)])); }\">text</body>");

        assertThat(evidence.scripts()).containsExactly("event handler");
        assertThat(evidence.sinks()).containsExactly("Blob");
        assertThat(evidence.sources()).containsExactly("atob");
    }

    @Test
    void quoteInAnAttributeNameDoesNotHideTheScriptThatFollows() throws IOException {
        HtmlSmuggling.Evidence evidence = scan("<p x\"><script>go(new Blob([atob(d)]))</script><!-- \" -->");

        assertThat(evidence.smuggling()).isTrue();
    }

    @Test
    void lessThanSignInAScriptDoesNotOpenATag() throws IOException {
        HtmlSmuggling.Evidence evidence = scan("<script>for (i = 0; i<n; i++) { x(i) }</script><p>Clicking onward = more</p>");

        assertThat(evidence.scripts()).containsExactly("<script>");
    }

    @Test
    void dataApplicationUrlIsASinkButAnImageUrlIsNot() throws IOException {
        assertThat(scan("<a href=\"data:application/zip;base64,UEsD\">").sinks()).containsExactly("data:application URL");
        assertThat(scan("<img src=\"data:image/png;base64,iVBO\">").sinks()).isEmpty();
        assertThat(scan("@font-face{src:url(data:application/font-woff2;base64,d09G)}").sinks()).isEmpty();
    }

    @Test
    void inlineSourceMapIsNeitherASinkNorASource() throws IOException {
        String map = Base64.getEncoder().encodeToString(("{\"version\":3,\"mappings\":\"" + "AAAA,".repeat(1500) + "\"}")
            .getBytes(StandardCharsets.US_ASCII));

        HtmlSmuggling.Evidence evidence = scan("<script>var u = URL.createObjectURL(new Blob([csv]));\n"
            + "//# sourceMappingURL=data:application/json;charset=utf-8;base64," + map + "\n</script>");

        assertThat(evidence.sinks()).containsExactly("createObjectURL", "Blob");
        assertThat(evidence.sources()).isEmpty();
        assertThat(evidence.smuggling()).isFalse();
    }

    @Test
    void scriptFileNeedsNoScriptTag() throws IOException {
        HtmlSmuggling.Evidence evidence = HtmlSmuggling.scan(new ByteArrayInputStream(
            "var b = new Blob([atob(d)]);".getBytes(StandardCharsets.US_ASCII)), new Recorder(), true);

        assertThat(evidence.scripts()).containsExactly("JavaScript file");
        assertThat(evidence.smuggling()).isTrue();
    }

    @Test
    void decodingCallsAreSources() throws IOException {
        assertThat(scan("<script>atob(d); String.fromCharCode(1); s.charCodeAt(i); new Uint8Array(4)</script>").sources())
            .containsExactlyInAnyOrder("atob", "fromCharCode", "charCodeAt", "Uint8Array");
    }

    @Test
    void longBase64StringIsASource() throws IOException {
        String encoded = Base64.getEncoder().encodeToString(bytes(4000));

        assertThat(scan("var d = \"" + encoded + "\";").sources()).containsExactly("long base64 data");
    }

    @Test
    void longImageDataUrlIsNotASource() throws IOException {
        String encoded = Base64.getEncoder().encodeToString(bytes(4000));

        assertThat(scan("<img src=\"data:image/png;base64," + encoded + "\">").sources()).isEmpty();
    }

    @Test
    void base64RunIsDecodedAndHandedToTheSink() throws IOException {
        Recorder recorder = new Recorder();

        HtmlSmuggling.Evidence evidence = scan("var d = \"" + ENCODED + "\";", recorder);

        assertThat(evidence.payloads()).isEqualTo(1);
        assertThat(recorder.payloads).singleElement().isEqualTo(DATA);
        assertThat(recorder.types).containsExactly("application/octet-stream");
    }

    @Test
    void dataUrlMediaTypeIsPassedToTheSink() throws IOException {
        Recorder recorder = new Recorder();

        scan("<a href=\"data:application/pdf;base64," + ENCODED + "\">", recorder);

        assertThat(recorder.types).containsExactly("application/pdf");
        assertThat(recorder.payloads).singleElement().isEqualTo(DATA);
    }

    @Test
    void shortRunsAreNotPayloads() throws IOException {
        Recorder recorder = new Recorder();

        scan("<a href=\"https://example.com/?q=" + "a".repeat(HtmlSmuggling.PAYLOAD_RUN - 1) + "\">", recorder);

        assertThat(recorder.payloads).isEmpty();
    }

    @Test
    void quotedPiecesJoinedByPlusOrCommaAreOnePayload() throws IOException {
        Recorder plus = new Recorder();
        Recorder comma = new Recorder();

        scan("var d = \"" + ENCODED.substring(0, 100) + "\" +\n    \"" + ENCODED.substring(100) + "\";", plus);
        scan("var p = ['" + ENCODED.substring(0, 76) + "',\n'" + ENCODED.substring(76, 152) + "', '" + ENCODED.substring(152)
            + "'].join('');", comma);

        assertThat(plus.payloads).singleElement().isEqualTo(DATA);
        assertThat(comma.payloads).singleElement().isEqualTo(DATA);
    }

    @Test
    void mimeWrappedDataUrlIsOnePayload() throws IOException {
        Recorder recorder = new Recorder();

        scan("<img src=\"data:image/png;base64,\n" + Base64.getMimeEncoder().encodeToString(bytes(3000)) + "\">", recorder);

        assertThat(recorder.payloads).singleElement().isEqualTo(bytes(3000));
    }

    @Test
    void proseIsNeverAPayload() throws IOException {
        Recorder recorder = new Recorder();

        scan(("Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore\n").repeat(500),
            recorder);

        assertThat(recorder.payloads).isEmpty();
    }

    @Test
    void runAfterPaddingStartsANewPayload() throws IOException {
        Recorder recorder = new Recorder();

        scan("x = '" + ENCODED + "==" + ENCODED + "'", recorder);

        assertThat(recorder.payloads).hasSize(2);
    }

    @Test
    void scriptSinkAndSourceTogetherAreSmuggling() throws IOException {
        assertThat(scan("<script>var b = new Blob([atob(d)]);</script>").smuggling()).isTrue();
    }

    @Test
    void scriptWithASinkButNoSourceIsNotSmuggling() throws IOException {
        assertThat(scan("<script>var u = URL.createObjectURL(new Blob([csv]));</script>").smuggling()).isFalse();
    }

    @Test
    void scriptWithASourceButNoSinkIsNotSmuggling() throws IOException {
        assertThat(scan("<script>var token = atob(jwt.split('.')[1]);</script>").smuggling()).isFalse();
    }

    @Test
    void sinkAndSourceWithoutScriptAreNotSmuggling() throws IOException {
        assertThat(scan("<pre>new Blob([atob(d)])</pre>").smuggling()).isFalse();
    }

    @Test
    void riskyEmbeddedPayloadIsSmugglingEvenWithoutScript() throws IOException {
        byte[] program = bytes(300);
        program[0] = 'M';
        program[1] = 'Z';

        HtmlSmuggling.Evidence evidence = scan("<a href=\"data:application/octet-stream;base64,"
            + Base64.getEncoder().encodeToString(program) + "\" download=\"f.exe\">f</a>");

        assertThat(evidence.riskyPayloads()).isEqualTo(1);
        assertThat(evidence.smuggling()).isTrue();
        assertThat(evidence.explanation()).contains("embedded file");
    }

    @Test
    void indicatorsAreFoundAcrossTheWindowBoundary() throws IOException {
        String padding = "x".repeat(64 * 1024 - 3) + " ";

        HtmlSmuggling.Evidence evidence = scan(padding + "<script>new Blob([atob(d)])</script>");

        assertThat(evidence.smuggling()).isTrue();
    }

    @Test
    void runCrossingTheWindowBoundaryIsDecodedWhole() throws IOException {
        Recorder recorder = new Recorder();
        String padding = " ".repeat(64 * 1024 - 100);

        scan(padding + "'" + ENCODED + "'", recorder);

        assertThat(recorder.payloads).singleElement().isEqualTo(DATA);
    }

    @Test
    void namesAndTypesSelectHtmlAndSvgParts() {
        assertThat(HtmlSmuggling.applies("html", "application/octet-stream", "text/plain")).isTrue();
        assertThat(HtmlSmuggling.applies("svg", "application/octet-stream", "application/octet-stream")).isTrue();
        assertThat(HtmlSmuggling.applies("", "text/html; charset=utf-8", "text/plain")).isTrue();
        assertThat(HtmlSmuggling.applies("pdf", "application/pdf", "text/html")).isTrue();
        assertThat(HtmlSmuggling.applies("", "image/SVG+xml", null)).isTrue();
        assertThat(HtmlSmuggling.applies("", "text/javascript", "text/plain")).isTrue();
        assertThat(HtmlSmuggling.applies("txt", "text/plain", "text/plain")).isFalse();
        assertThat(HtmlSmuggling.applies("pdf", "application/pdf", "application/pdf")).isFalse();
    }

    /**
     * Documented limit: API names built at run time and a payload that is not plain base64 leave nothing
     * to see; only a JavaScript sandbox could tell. This test records the miss so a change is noticed.
     */
    @Test
    void runtimeBuiltNamesWithAReversedPayloadAreNotDetected() throws IOException {
        String reversed = new StringBuilder(ENCODED).reverse().toString();

        HtmlSmuggling.Evidence evidence = scan("<script>var w = window, B = w['Bl' + 'ob'], k = 'at' + 'ob';\n"
            + "var s = w[k]('" + reversed + "'.split('').reverse().join(''));\n"
            + "var a = document.createElement('a'); a.href = w['UR' + 'L']['create' + 'ObjectURL'](new B([s]));"
            + " a['down' + 'load'] = 'x.zip'; a.click();</script>");

        assertThat(evidence.scripts()).isNotEmpty();
        assertThat(evidence.sinks()).isEmpty();
        assertThat(evidence.smuggling()).isFalse();
    }

    @Test
    void endlessInputIsReadWithABoundedWindow() throws IOException {
        long size = 64L * 1024 * 1024;
        InputStream endless = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'A' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'A');
                left -= n;
                return n;
            }
        };
        long[] decoded = new long[1];
        HtmlSmuggling.Evidence evidence = HtmlSmuggling.scan(endless, new HtmlSmuggling.PayloadSink() {
            @Override
            public OutputStream begin(int number, String declaredType) {
                return new OutputStream() {
                    @Override
                    public void write(int b) {
                        decoded[0]++;
                    }

                    @Override
                    public void write(byte[] data, int offset, int length) {
                        decoded[0] += length;
                    }
                };
            }

            @Override
            public boolean end(int number, String declaredType) {
                return false;
            }
        });

        assertThat(evidence.payloads()).isEqualTo(1);
        assertThat(decoded[0]).isEqualTo(size / 4 * 3);
    }
}
