package dev.postino.james;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;

import dev.postino.attachments.Action;
import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.AttachmentVerdict;
import dev.postino.attachments.Finding;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;
import dev.postino.attachments.ReasonCode;
import dev.postino.attachments.spool.SpooledContent;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;

/**
 * One inspection of a James {@link Mail}: runs the core {@code AttachmentInspector} on it and converts
 * its report to the stored attribute form. Shared by {@code InspectAttachments} and
 * {@code HasDangerousAttachment}. Never throws: a message that cannot even be serialised gets a
 * dangerous verdict with an {@code INSPECTION_ERROR}.
 */
public final class MailInspection {

    private MailInspection() {
    }

    public static InspectionReport inspect(AttachmentInspector inspector, Mail mail) {
        try (SpooledContent.Writer writer = new SpooledContent.Writer(inspector.policy().limits().memoryThreshold())) {
            mail.getMessage().writeTo(writer);
            try (SpooledContent raw = writer.finish(); InputStream in = raw.openStream()) {
                return inspector.inspect(in);
            }
        } catch (IOException | MessagingException | RuntimeException failure) {
            return new InspectionReport(AttachmentVerdict.DANGEROUS, List.of(new Finding(ReasonCode.INSPECTION_ERROR, "", List.of(),
                "The message could not be read for inspection (" + failure.getClass().getSimpleName() + ").", "", Action.BLOCK)));
        }
    }

    public static List<StoredFinding> stored(InspectionReport report) {
        return report.findings().stream()
            .map(finding -> new StoredFinding(finding.code().name(), finding.section(), finding.pathText(), finding.message(),
                finding.filename(), finding.action() == Action.REPORT ? AttachmentVerdictAttributes.ACTION_REPORT
                    : AttachmentVerdictAttributes.ACTION_BLOCK))
            .toList();
    }

    /** Inspects the mail with the default policy; used when no InspectAttachments ran before. */
    public static InspectionReport inspectWithDefaults(Mail mail) {
        return inspect(new AttachmentInspector(InspectionPolicy.DEFAULT), mail);
    }
}
