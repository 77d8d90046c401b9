package dev.postino.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.postino.attachments.Action;
import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.Finding;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;
import dev.postino.quarantine.MimeStripper;

/**
 * Strip mode with its re-inspection oracle: when the inspector condemns parts and the stripper can replace
 * them all, the message strip mode would deliver must be clean to the same inspector. A failure is a part
 * the stripper replaced other than the one judged: {@code QuarantineAttachments} would catch it by
 * re-inspecting and hold the whole message, so here it shows up as the defect, not as a held mail.
 *
 * <p>The steps are the mailet's: only blocking findings name sections to replace; a finding on the whole
 * message, or a section the stripper cannot place, means the message is held whole and there is nothing
 * to check.
 *
 * <p>Input: the raw message. Seeds: the MIME differential family ({@code MimeVariants.oneOfEach()}) and
 * the attachment corpus's small dangerous messages.
 */
class StripModeFuzzTest {

    private static final AttachmentInspector INSPECTOR = new AttachmentInspector(InspectionPolicy.DEFAULT);

    @FuzzTest
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void replacingTheCondemnedPartsLeavesNothingDangerous(byte[] message) {
        InspectionReport report = INSPECTOR.inspect(message);
        List<String> sections = report.findings().stream()
            .filter(finding -> finding.action() == Action.BLOCK)
            .map(Finding::section).distinct().toList();
        if (sections.isEmpty() || sections.contains("") || !MimeStripper.plan(message, sections).complete()) {
            return; // delivered as it is, or held whole
        }
        Map<String, String> notices = new LinkedHashMap<>();
        sections.forEach(section -> notices.put(section, "removed"));

        byte[] delivered = MimeStripper.strip(message, notices);

        assertThat(INSPECTOR.inspect(delivered).findings())
            .as("blocking findings left in what strip mode would deliver")
            .noneMatch(finding -> finding.action() == Action.BLOCK);
    }
}
