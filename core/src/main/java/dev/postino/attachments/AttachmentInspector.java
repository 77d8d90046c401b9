package dev.postino.attachments;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * Inspects every attachment of a message, streaming and bounded, and returns a verdict with findings.
 * Thread-safe: each call has its own state. Never throws for bad input: every failure becomes a finding.
 *
 * <pre>{@code
 * InspectionReport report = new AttachmentInspector(InspectionPolicy.DEFAULT).inspect(rawMessage);
 * if (report.dangerous()) { ... report.findings() ... }
 * }</pre>
 */
public final class AttachmentInspector {

    private final InspectionPolicy policy;

    public AttachmentInspector(InspectionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public InspectionPolicy policy() {
        return policy;
    }

    /** Inspects a whole RFC 5322 message read from the stream (the stream is read to its end, not closed). */
    public InspectionReport inspect(InputStream message) {
        return new MessageWalk(policy).run(message);
    }

    public InspectionReport inspect(byte[] message) {
        return inspect(new ByteArrayInputStream(message));
    }
}
