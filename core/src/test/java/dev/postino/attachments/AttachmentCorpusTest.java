package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every corpus case gets its expected verdict and reason code, top-level and wrapped in an attached message. */
class AttachmentCorpusTest {

    private final AttachmentInspector inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);

    /** The corpus names its expected codes as text (test-support does not depend on core): each is a real one. */
    @Test
    void everyCodeTheCorpusExpectsIsAReasonCode() {
        List<String> reasonCodes = Arrays.stream(ReasonCode.values()).map(ReasonCode::name).toList();
        assertThat(Corpus.all()).allSatisfy(corpusCase -> assertThat(reasonCodes).containsAll(corpusCase.codes()));
        assertThat(Corpus.dangerous()).allSatisfy(corpusCase -> assertThat(corpusCase.codes()).isNotEmpty());
    }

    static Stream<Arguments> dangerousCases() {
        return Corpus.dangerous().stream().map(Arguments::of);
    }

    static Stream<Arguments> cleanCases() {
        return Corpus.clean().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dangerousCases")
    void dangerousCaseIsDangerousWithItsReasonCode(Corpus.Case corpusCase) {
        assertDangerous(corpusCase, inspector.inspect(corpusCase.message()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dangerousCases")
    void dangerousCaseIsStillDangerousInsideAnAttachedMessage(Corpus.Case corpusCase) {
        assertDangerous(corpusCase, inspector.inspect(Corpus.wrapped(corpusCase.message())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanCases")
    void cleanCaseIsCleanWithoutFindings(Corpus.Case corpusCase) {
        InspectionReport report = inspector.inspect(corpusCase.message());
        assertThat(report.findings()).as(corpusCase.toString()).isEmpty();
        assertThat(report.verdict()).isEqualTo(AttachmentVerdict.CLEAN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanCases")
    void cleanCaseIsStillCleanInsideAnAttachedMessage(Corpus.Case corpusCase) {
        InspectionReport report = inspector.inspect(Corpus.wrapped(corpusCase.message()));
        assertThat(report.findings()).as(corpusCase.toString()).isEmpty();
    }

    private static void assertDangerous(Corpus.Case corpusCase, InspectionReport report) {
        List<String> codes = report.findings().stream().map(finding -> finding.code().name()).toList();
        assertThat(report.verdict()).as(corpusCase + " " + report.findings()).isEqualTo(AttachmentVerdict.DANGEROUS);
        assertThat(codes).as(corpusCase + " " + report.findings()).containsAnyElementsOf(corpusCase.codes());
    }
}
