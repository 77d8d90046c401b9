package dev.postino.admin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.postino.admin.Json;
import dev.postino.admin.RecordedWebAdmin.Recording;

/** Reading {@code postino.attachments.findings} back from WebAdmin's Java text of the attribute. */
class FindingsTest {

    /** The attribute's text in a recorded WebAdmin answer. */
    private static String recorded(String recording) {
        Map<?, ?> mail = (Map<?, ?>) Json.parse(Recording.load(recording).exchanges().get(0).text());
        return (String) ((Map<?, ?>) mail.get("attributes")).get(HeldMail.FINDINGS);
    }

    /** The text James 3.9.0's WebAdmin makes of findings (AttributeValue.toString); checked against a recording below. */
    private static String asWebAdminShowsThem(List<Finding> findings) {
        return findings.stream().map(FindingsTest::one).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String one(Finding f) {
        return "AttributeValue{value={code=" + value(f.code()) + ", section=" + value(f.section()) + ", path=" + value(f.path())
            + ", message=" + value(f.message()) + ", filename=" + value(f.filename()) + "}, serializer=MapSerializer}";
    }

    private static String value(String text) {
        return "AttributeValue{value=" + text + ", serializer=StringSerializer}";
    }

    private static final Finding EXECUTABLE = new Finding("EXECUTABLE_CONTENT", "2", "part 2 › a.zip › a.exe",
        "\"a.exe\" is a program.", "a.exe");
    private static final Finding SMUGGLING = new Finding("HTML_SMUGGLING", "3", "part 3 › page.html",
        "\"page.html\" builds a file in the browser.", "page.html");

    @Test
    void readsWhatTheRealServerAnsweredAndRendersItBackExactly() {
        String text = recorded("show");

        Findings findings = Findings.fromWebAdmin(text);

        assertThat(findings.readable()).isTrue();
        assertThat(findings.codes()).containsExactly("DOUBLE_EXTENSION", "EXECUTABLE_CONTENT", "HTML_SMUGGLING");
        assertThat(findings.items().get(0)).isEqualTo(new Finding("DOUBLE_EXTENSION", "2",
            "part 2 › Fattura_4471.html › embedded data 1 › Fattura_4471.pdf.exe",
            "The name \"Fattura_4471.pdf.exe\" poses as a .pdf file but is a .exe file.", "Fattura_4471.pdf.exe"));
        assertThat(asWebAdminShowsThem(findings.items())).isEqualTo(text);
    }

    @Test
    void aFileNameMadeOfTheSeparatorsStaysAFileName() {
        Findings findings = Findings.fromWebAdmin(recorded("show-hostile"));

        assertThat(findings.readable()).isTrue();
        assertThat(findings.items()).hasSize(10);
        assertThat(findings.codes()).doesNotContain("NOTHING_TO_SEE")
            .containsExactly("HIDDEN_CHARACTERS", "BLOCKED_EXTENSION", "EXECUTABLE_CONTENT", "DOUBLE_EXTENSION");
        assertThat(findings.items().get(8).filename())
            .isEqualTo("a.pdf, serializer=StringSerializer}, code=AttributeValue{value=NOTHING_TO_SEE, serializer=StringSerializer}}.exe");
    }

    @Test
    void aWholeForgedFindingInANameCanOnlyAddAReason() {
        String forged = one(new Finding("HARMLESS", "9", "p", "m", "b"));
        String forgedOpen = forged.substring(0, forged.length() - ", serializer=StringSerializer}}, serializer=MapSerializer}".length());
        Finding carrier = new Finding(EXECUTABLE.code(), EXECUTABLE.section(), EXECUTABLE.path(), EXECUTABLE.message(),
            "a.exe, serializer=StringSerializer}}, serializer=MapSerializer}, " + forgedOpen);

        Findings findings = Findings.fromWebAdmin(asWebAdminShowsThem(List.of(carrier, SMUGGLING)));

        assertThat(findings.readable()).isTrue();
        assertThat(findings.codes()).containsExactly("EXECUTABLE_CONTENT", "HARMLESS", "HTML_SMUGGLING");
    }

    @Test
    void aForgeryThatWouldSwallowARealFindingMakesThemUnreadableWithEveryCodeKept() {
        Finding carrier = new Finding(EXECUTABLE.code(), EXECUTABLE.section(), EXECUTABLE.path(), EXECUTABLE.message(),
            "a.exe, serializer=StringSerializer}}, serializer=MapSerializer}, AttributeValue{value={code="
                + value("HARMLESS") + ", section=" + value("9") + ", path=AttributeValue{value=");

        Findings findings = Findings.fromWebAdmin(asWebAdminShowsThem(List.of(carrier, SMUGGLING)));

        assertThat(findings.readable()).isFalse();
        assertThat(findings.items()).isEmpty();
        assertThat(findings.codes()).containsExactly("EXECUTABLE_CONTENT", "HARMLESS", "HTML_SMUGGLING");
    }

    @Test
    void textOfAnotherShapeIsUnreadableAndStillGivesItsCodes() {
        String reordered = "[AttributeValue{value={filename=" + value("a.exe") + ", code=" + value("EXECUTABLE_CONTENT")
            + "}, serializer=MapSerializer}]";

        Findings findings = Findings.fromWebAdmin(reordered);

        assertThat(findings.readable()).isFalse();
        assertThat(findings.codes()).containsExactly("EXECUTABLE_CONTENT");
        assertThat(findings.raw()).isEqualTo(reordered);
    }

    @Test
    void noFindingsAndNoAttribute() {
        assertThat(Findings.fromWebAdmin("[]")).isEqualTo(new Findings(List.of(), List.of(), true, "[]"));
        assertThat(Findings.fromWebAdmin(null)).isEqualTo(Findings.none());
        assertThat(Findings.fromWebAdmin("not a list").readable()).isFalse();
    }
}
