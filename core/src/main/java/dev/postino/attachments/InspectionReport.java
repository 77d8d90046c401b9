package dev.postino.attachments;

import java.util.List;

/** The verdict on a message and every finding behind it, in the order they were found. */
public record InspectionReport(AttachmentVerdict verdict, List<Finding> findings) {

    public InspectionReport {
        findings = List.copyOf(findings);
    }

    public boolean dangerous() {
        return verdict == AttachmentVerdict.DANGEROUS;
    }

    /** True if some finding with this code was recorded (whatever its action). */
    public boolean has(ReasonCode code) {
        return findings.stream().anyMatch(finding -> finding.code() == code);
    }
}
