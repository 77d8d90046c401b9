package dev.postino.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import jakarta.mail.internet.ParseException;

/**
 * Test helper: what any parse of a Content-Type value must satisfy, checked from outside the
 * parser. Shared by the property tests and the header parsers' fuzz target.
 */
public final class ContentTypeOracle {

    private ContentTypeOracle() {
    }

    /** The parts of a parsed value agree with each other. */
    public static void assertConsistent(ContentType ct) {
        assertThat(ct.type().isEmpty()).as("type and subtype are read together").isEqualTo(ct.subtype().isEmpty());
        assertThat(ct.mimeType()).isEqualTo(ct.type().isEmpty() ? "" : ct.type() + "/" + ct.subtype())
            .isLowerCase().doesNotContain(" ", ";", "(", "\"", "\\");
        for (String name : ct.parameterNames()) {
            assertThat(name).isLowerCase().isNotEmpty();
            assertThat(ct.parameterValues(name)).isNotEmpty();
            assertThat(ct.parameter(name).isPresent()).isEqualTo(ct.occurrence(name) != ContentType.Occurrence.CONFLICTING);
        }
    }

    /**
     * What the parser read, written back in canonical form (every value quoted, every quote,
     * backslash, CR and LF escaped), reads back the same and well formed.
     */
    public static void assertCanonicalFormReadsTheSame(ContentType ct) {
        if (ct.type().isEmpty()) {
            return;
        }
        StringBuilder canonical = new StringBuilder(ct.mimeType());
        for (String name : ct.parameterNames()) {
            for (String v : ct.parameterValues(name)) {
                canonical.append("; ").append(name).append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\\r").replace("\n", "\\\n"))
                    .append('"');
            }
        }
        ContentType again = ContentType.parse(canonical.toString());

        assertThat(again.mimeType()).isEqualTo(ct.mimeType());
        assertThat(again.parameterNames()).containsExactlyElementsOf(ct.parameterNames());
        for (String name : ct.parameterNames()) {
            assertThat(again.parameterValues(name)).as(name).isEqualTo(ct.parameterValues(name));
        }
        assertThat(again.wellFormed()).as("canonical form of %s", canonical).isTrue();
    }

    /**
     * A differential oracle against Jakarta Mail, James's own MIME parser: when both read a value
     * without complaint, they see the same type and, when it is given once, a {@code report-type}
     * naming the same report. A disagreement there would let one reader see a receipt where the
     * other sees a bounce. (Text that names no report may differ: an unknown RFC 2231 charset
     * falls back to UTF-8 here, to ISO-8859-1 in Jakarta Mail.)
     */
    public static void assertAgreesWithJakarta(String value, ContentType ours) {
        if (!ours.wellFormed()) {
            return;
        }
        jakarta.mail.internet.ContentType theirs;
        try {
            theirs = new jakarta.mail.internet.ContentType(value);
        } catch (ParseException | RuntimeException rejected) {
            return;
        }
        assertThat(ours.mimeType()).as("type of %s", value)
            .isEqualTo((theirs.getPrimaryType() + "/" + theirs.getSubType()).toLowerCase(Locale.ROOT));
        if (ours.occurrence("report-type") == ContentType.Occurrence.ONCE) {
            String their = theirs.getParameter("report-type");
            assertThat(their).as("report-type of %s", value).isNotNull();
            assertThat(ReportType.ofReportTypeParameter(their)).as("report-type of %s", value)
                .isEqualTo(ReportType.ofReportTypeParameter(ours.parameter("report-type").orElseThrow()));
        }
    }
}
