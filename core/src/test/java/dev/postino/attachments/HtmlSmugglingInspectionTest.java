package dev.postino.attachments;

import static dev.postino.attachments.Fixtures.message;
import static dev.postino.attachments.Fixtures.peStub;
import static dev.postino.attachments.Fixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postino.attachments.ReasonCode.Category;

/** How the inspector applies HTML smuggling detection: which parts, what paths, which policy, which limits. */
class HtmlSmugglingInspectionTest {

    private static final byte[] SMUGGLED_ZIP = zip("fattura.pdf.exe", peStub());

    private final AttachmentInspector inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);

    private static List<String> paths(InspectionReport report, ReasonCode code) {
        return report.findings().stream().filter(finding -> finding.code() == code).map(Finding::pathText).toList();
    }

    @Test
    void smugglingPageIsReportedAtTheAttachment() {
        InspectionReport report = inspector.inspect(message()
            .attachment("fattura.html", "text/html", HtmlPages.classic(SMUGGLED_ZIP, "fattura.zip")).build());

        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.DANGEROUS);
        assertThat(paths(report, ReasonCode.HTML_SMUGGLING)).containsExactly("part 2 › fattura.html");
    }

    @Test
    void smugglingFindingNamesTheIndicatorsItSaw() {
        InspectionReport report = inspector.inspect(message()
            .attachment("documento.htm", "text/html", HtmlPages.reversed(SMUGGLED_ZIP, "d.zip")).build());

        Finding finding = report.findings().stream().filter(f -> f.code() == ReasonCode.HTML_SMUGGLING).findFirst().orElseThrow();
        assertThat(finding.message()).contains("<script>", "Blob", "createObjectURL", "atob");
    }

    @Test
    void embeddedPayloadIsInspectedAsANestedFile() {
        InspectionReport report = inspector.inspect(message()
            .attachment("fattura.html", "text/html", HtmlPages.classic(SMUGGLED_ZIP, "fattura.zip")).build());

        assertThat(paths(report, ReasonCode.DOUBLE_EXTENSION))
            .containsExactly("part 2 › fattura.html › embedded data 1 › fattura.pdf.exe");
        assertThat(paths(report, ReasonCode.EXECUTABLE_CONTENT))
            .containsExactly("part 2 › fattura.html › embedded data 1 › fattura.pdf.exe");
    }

    @Test
    void payloadSplitAcrossJoinedStringsIsDecodedWhole() {
        InspectionReport report = inspector.inspect(message()
            .attachment("bonifico.html", "text/html", HtmlPages.split(peStub(), "bonifico.exe")).build());

        assertThat(paths(report, ReasonCode.EXECUTABLE_CONTENT)).containsExactly("part 2 › bonifico.html › embedded data 1");
    }

    @Test
    void dataUrlMediaTypeIsTheDeclaredTypeOfItsPayload() {
        byte[] page = ("<html><body><a download=\"f.pdf\" href=\"data:application/pdf;base64,"
            + java.util.Base64.getEncoder().encodeToString(peStub()) + "\">f.pdf</a></body></html>").getBytes();

        InspectionReport report = inspector.inspect(message().attachment("f.html", "text/html", page).build());

        assertThat(paths(report, ReasonCode.TYPE_MISMATCH)).containsExactly("part 2 › f.html › embedded data 1");
    }

    @Test
    void scriptLoadedFromADataUrlIsScannedAsAScript() {
        InspectionReport report = inspector.inspect(message()
            .attachment("avviso.html", "text/html", HtmlPages.scriptInDataUrl(peStub(), "avviso.exe")).build());

        assertThat(paths(report, ReasonCode.HTML_SMUGGLING)).containsExactly("part 2 › avviso.html › embedded data 1");
        assertThat(paths(report, ReasonCode.EXECUTABLE_CONTENT))
            .containsExactly("part 2 › avviso.html › embedded data 1 › embedded data 1");
    }

    @Test
    void smugglingPageInsideAnArchiveIsReportedAtItsEntry() {
        InspectionReport report = inspector.inspect(message().attachment("pratica.zip", "application/zip",
            zip("pratica.html", HtmlPages.classic(SMUGGLED_ZIP, "pratica.zip"))).build());

        assertThat(paths(report, ReasonCode.HTML_SMUGGLING)).containsExactly("part 2 › pratica.zip › pratica.html");
    }

    @Test
    void largeSmugglingPageInsideAnArchiveIsKeptWholeAndJudged() {
        byte[] padding = ("<p>" + "Lorem ipsum dolor sit amet. ".repeat(8_000) + "</p>\n").getBytes();
        byte[] page = Corpus.concat(padding, HtmlPages.classic(SMUGGLED_ZIP, "pratica.zip"));

        InspectionReport report = inspector.inspect(message().attachment("pratica.zip", "application/zip",
            zip("pratica.html", page)).build());

        assertThat(page.length).isGreaterThan(200 * 1024);
        assertThat(paths(report, ReasonCode.HTML_SMUGGLING)).containsExactly("part 2 › pratica.zip › pratica.html");
    }

    @Test
    void namelessSvgAttachmentIsJudgedByItsDeclaredType() {
        InspectionReport report = inspector.inspect(message()
            .part("image/svg+xml", "attachment", HtmlPages.svg(SMUGGLED_ZIP, "d.zip")).build());

        assertThat(paths(report, ReasonCode.HTML_SMUGGLING)).containsExactly("part 2");
    }

    @Test
    void compressedSvgIsJudgedOnceDecompressed() {
        InspectionReport report = inspector.inspect(message()
            .attachment("documento.svgz", "image/svg+xml", Fixtures.gzip(HtmlPages.svg(SMUGGLED_ZIP, "d.zip"))).build());

        assertThat(report.findings()).extracting(Finding::code).contains(ReasonCode.HTML_SMUGGLING);
    }

    @Test
    void htmlNamedLikeAPdfIsJudgedByItsContent() {
        InspectionReport report = inspector.inspect(message()
            .attachment("fattura.pdf", "application/pdf", HtmlPages.reversed(SMUGGLED_ZIP, "d.zip")).build());

        assertThat(paths(report, ReasonCode.HTML_SMUGGLING)).containsExactly("part 2 › fattura.pdf");
    }

    @Test
    void unnamedHtmlBodyIsNotJudged() {
        InspectionReport report = inspector.inspect(message()
            .part("text/html; charset=utf-8", null, HtmlPages.classic(SMUGGLED_ZIP, "fattura.zip")).build());

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void unnamedHtmlBodyOfAnAttachedMessageIsNotJudged() {
        byte[] inner = message().part("text/html; charset=utf-8", "inline", HtmlPages.reversed(SMUGGLED_ZIP, "d.zip")).build();

        assertThat(inspector.inspect(Corpus.wrapped(inner)).findings()).isEmpty();
    }

    @Test
    void nameMakesAnInlineHtmlPartAnAttachment() {
        InspectionReport report = inspector.inspect(message()
            .part("text/html; name=\"avviso.html\"", "inline", HtmlPages.reversed(SMUGGLED_ZIP, "d.zip")).build());

        assertThat(paths(report, ReasonCode.HTML_SMUGGLING)).containsExactly("part 2 › avviso.html");
    }

    @Test
    void pageInsideASavedWebArchiveIsJudged() {
        InspectionReport report = inspector.inspect(message().attachment("fattura.mht", "application/octet-stream",
            HtmlPages.webArchive(HtmlPages.reversed(SMUGGLED_ZIP, "d.zip"))).build());

        assertThat(paths(report, ReasonCode.HTML_SMUGGLING)).containsExactly("part 2 › fattura.mht › attached message › part 1");
    }

    @Test
    void policyCanReportSmugglingWithoutBlocking() {
        AttachmentInspector reporting = new AttachmentInspector(InspectionPolicy.DEFAULT.withAction(Category.SMUGGLING, Action.REPORT));

        InspectionReport report = reporting.inspect(message()
            .attachment("documento.htm", "text/html", HtmlPages.reversed(SMUGGLED_ZIP, "d.zip")).build());

        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.CLEAN);
        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.HTML_SMUGGLING);
        assertThat(report.findings()).extracting(Finding::action).containsExactly(Action.REPORT);
    }

    @Test
    void ignoringSmugglingStillReportsWhatTheEmbeddedPayloadIs() {
        AttachmentInspector ignoring = new AttachmentInspector(InspectionPolicy.DEFAULT.withAction(Category.SMUGGLING, Action.IGNORE));

        InspectionReport report = ignoring.inspect(message()
            .attachment("fattura.html", "text/html", HtmlPages.classic(SMUGGLED_ZIP, "fattura.zip")).build());

        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.DANGEROUS);
        assertThat(report.findings()).extracting(Finding::code).doesNotContain(ReasonCode.HTML_SMUGGLING)
            .contains(ReasonCode.EXECUTABLE_CONTENT);
    }

    @Test
    void embeddedPayloadCountsAsANestingLevel() {
        AttachmentInspector shallow = new AttachmentInspector(InspectionPolicy.DEFAULT
            .withLimits(InspectionLimits.DEFAULTS.withMaxDepth(1)));

        InspectionReport report = shallow.inspect(message().attachment("pratica.zip", "application/zip",
            zip("pratica.html", HtmlPages.classic(SMUGGLED_ZIP, "pratica.zip"))).build());

        assertThat(paths(report, ReasonCode.LIMIT_EXCEEDED)).containsExactly("part 2 › pratica.zip › pratica.html › embedded data 1");
    }

    @Test
    void embeddedPayloadsCountTowardsTheExpandedBytesLimit() {
        AttachmentInspector small = new AttachmentInspector(InspectionPolicy.DEFAULT
            .withLimits(InspectionLimits.DEFAULTS.withMaxExpandedBytes(4096)));

        InspectionReport report = small.inspect(message()
            .attachment("catalogo.html", "text/html", HtmlPages.pageWithInlineImages()).build());

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.LIMIT_EXCEEDED);
    }

    @Test
    void inlineImagesAreDecodedAndFoundHarmless() {
        InspectionReport report = inspector.inspect(message()
            .attachment("catalogo.html", "text/html", HtmlPages.pageWithInlineImages()).build());

        assertThat(report.findings()).isEmpty();
    }
}
