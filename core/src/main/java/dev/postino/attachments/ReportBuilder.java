package dev.postino.attachments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.postino.attachments.names.FileNames;

/**
 * Collects the findings of one inspection under the policy: a finding whose category the policy
 * ignores is dropped, a code is recorded once per place, any finding the policy blocks makes the
 * verdict dangerous, and the list is capped.
 */
final class ReportBuilder {

    /** Bounds the size of the findings attribute; the verdict still counts every finding. */
    private static final int MAX_FINDINGS = 100;

    private final InspectionPolicy policy;
    private final Set<String> seen = new HashSet<>();
    private final List<Finding> findings = new ArrayList<>();
    private boolean blocked;
    private int dropped;

    ReportBuilder(InspectionPolicy policy) {
        this.policy = policy;
    }

    void add(ReasonCode code, Location location, String message, String filename) {
        Action action = policy.action(code.category());
        if (action == Action.IGNORE) {
            return;
        }
        if (!seen.add(code + "\u0000" + location.path())) {
            return;
        }
        blocked |= action == Action.BLOCK;
        if (findings.size() >= MAX_FINDINGS) {
            dropped++;
            return;
        }
        findings.add(new Finding(code, location.section(), location.path(), message, FileNames.sanitise(filename), action));
    }

    void add(List<NameCheck.Issue> issues, Location location, String filename) {
        for (NameCheck.Issue issue : issues) {
            add(issue.code(), location, issue.message(), filename);
        }
    }

    /** The report; the last listed finding says how many more were not listed. */
    InspectionReport build() {
        if (dropped > 0) {
            Finding last = findings.get(MAX_FINDINGS - 1);
            findings.set(MAX_FINDINGS - 1, new Finding(last.code(), "", List.of(),
                dropped + 1 + " more findings are not listed.", "", last.action()));
        }
        return new InspectionReport(blocked ? AttachmentVerdict.DANGEROUS : AttachmentVerdict.CLEAN, findings);
    }

    /** A failure as a finding's sentence shows it: its type and message, sanitised and cut at 160 characters. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return FileNames.sanitise(text.length() > 160 ? text.substring(0, 160) + "…" : text);
    }
}
