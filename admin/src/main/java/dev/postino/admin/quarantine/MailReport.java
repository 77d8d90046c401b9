package dev.postino.admin.quarantine;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** What {@code quarantine show} prints: envelope, findings, headers and attributes, each value made safe by {@link Shown}. */
final class MailReport {

    private static final int VALUE_LENGTH = 200;

    private MailReport() {
    }

    static void print(HeldMail mail, PrintStream out) {
        line(out, "Quarantine id", mail.id());
        line(out, "Held at", mail.heldAt().map(QuarantineCommand.DATE::format).orElse("?"));
        line(out, "Sender", mail.senderText());
        line(out, "Recipients", String.join(", ", mail.recipients()));
        line(out, "Subject", mail.subject());
        line(out, "Verdict", mail.verdict().orElse("none (held without inspection: " + HeldMail.NOT_INSPECTED + ")"));
        line(out, "Action", mail.action().orElse("?"));
        line(out, "State", mail.state().orElse("?") + " (where a release without --processor would send it)");
        line(out, "Received from", mail.remoteHost().orElse("?") + " [" + mail.remoteAddr().orElse("?") + "]");
        line(out, "Size", mail.size().map(bytes -> bytes + " bytes").orElse("?"));
        mail.error().ifPresent(error -> line(out, "Error", error));

        Findings findings = mail.findings();
        out.println();
        if (findings.readable()) {
            out.println("Findings (" + findings.items().size() + ")");
            List<Finding> items = findings.items();
            for (int i = 0; i < items.size(); i++) {
                Finding finding = items.get(i);
                out.println("  " + (i + 1) + ". " + Shown.text(finding.code(), 64) + " in "
                    + (finding.section().isEmpty() ? "the whole message" : "part " + Shown.text(finding.section(), 20))
                    + (finding.filename().isEmpty() ? "" : ", file " + Shown.text(finding.filename(), 100)));
                if (!finding.path().isEmpty()) {
                    out.println("     at " + Shown.text(finding.path(), VALUE_LENGTH));
                }
                out.println("     " + Shown.text(finding.message(), VALUE_LENGTH * 2));
            }
        } else {
            out.println("Findings: unreadable as stored (a name in this mail contains the text that separates the"
                + " values); reason codes found: " + String.join(", ", findings.codes()));
            out.println("  " + Shown.text(findings.raw(), VALUE_LENGTH * 4));
        }

        out.println();
        out.println("Headers");
        for (HeldMail.Header header : mail.headers()) {
            out.println("  " + Shown.text(header.name(), 60) + ": " + Shown.text(header.value(), VALUE_LENGTH));
        }
        out.println();
        out.println("Attributes");
        for (Map.Entry<String, String> attribute : mail.attributes().entrySet()) {
            if (!attribute.getKey().equals(HeldMail.FINDINGS)) {
                out.println("  " + Shown.text(attribute.getKey(), 80) + " = " + Shown.text(attribute.getValue(), VALUE_LENGTH));
            }
        }
    }

    private static void line(PrintStream out, String label, String value) {
        out.println(String.format("%-14s %s", label, Shown.text(value, VALUE_LENGTH)));
    }
}
