package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.Finding;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;
import dev.postino.attachments.MimeVariants;
import dev.postino.attachments.parts.MimeWalker;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Strip mode and the inspector read a message the same way: every part the inspector judges is a part the
 * stripper can replace, and replacing the parts the inspector condemned leaves nothing dangerous (the
 * re-inspection oracle strip mode applies before delivering).
 */
class StripAgreementProperties {

    private final AttachmentInspector inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);

    @Property(tries = 300)
    void replacingTheCondemnedPartsLeavesNothingDangerous(@ForAll("messages") byte[] message) {
        InspectionReport report = inspector.inspect(message);
        List<String> sections = report.findings().stream().map(Finding::section).distinct().toList();
        if (!report.dangerous() || sections.contains("")) {
            return; // clean, or held whole
        }
        MimeStripper.Plan plan = MimeStripper.plan(message, sections);
        if (!plan.complete()) {
            return; // held whole
        }
        Map<String, String> notices = new LinkedHashMap<>();
        sections.forEach(section -> notices.put(section, "removed"));

        byte[] cleaned = MimeStripper.strip(message, notices);

        assertThat(inspector.inspect(cleaned).findings()).isEmpty();
    }

    @Property(tries = 300)
    void everyPartTheInspectorWalksIsAPartTheStripperFinds(@ForAll("messages") byte[] message) throws IOException {
        List<String> leaves = new ArrayList<>();
        boolean[] ambiguous = {false};
        MimeWalker.walk(new ByteArrayInputStream(message), new MimeWalker.Handler() {
            @Override
            public void leaf(MimeWalker.Leaf leaf, InputStream rawBody) {
                leaves.add(leaf.section());
            }

            @Override
            public void disagreement(String section, String description) {
                ambiguous[0] = true;
            }
        });
        List<String> parts = leaves.stream().filter(section -> section.contains(".") || !leaves.equals(List.of("1"))).toList();

        MimeStripper.Plan plan = MimeStripper.plan(message, parts);

        if (ambiguous[0]) {
            assertThat(plan.resolved()).isEmpty();
        } else {
            assertThat(plan.unresolved()).isEmpty();
            parts.forEach(section -> assertThat(plan.resolved()).containsEntry(section, section));
        }
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return MimeVariants.messages();
    }
}
