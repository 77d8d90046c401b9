package dev.postino.quarantine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.postino.attachments.Action;
import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.Finding;
import dev.postino.attachments.InspectionPolicy;

/**
 * What quarantine does with one mail: hold it whole, or replace its dangerous sections and let the
 * rest go on. The decision fails closed: whenever stripping cannot be shown to remove every blocking
 * finding, the whole message is held.
 *
 * @param action what is done
 * @param sections in {@link Action#STRIP}, the top-level sections replaced, each with the findings
 *     that blocked it; empty when the message is held whole
 */
public record QuarantinePlan(Mode action, Map<String, List<HeldAttachment>> sections) {

    /** How a mail is quarantined: held whole, or its dangerous sections replaced by notices. */
    public enum Mode {
        MESSAGE, STRIP;

        /** The name admins write and attributes carry: {@code message} or {@code strip}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The reason given when no inspection ran: quarantine fails closed rather than let it through. */
    public static final String NOT_INSPECTED = "NOT_INSPECTED";

    private static final AttachmentInspector REINSPECTION = new AttachmentInspector(InspectionPolicy.DEFAULT);

    public QuarantinePlan {
        Objects.requireNonNull(action);
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /** The whole message is held. */
    public static QuarantinePlan wholeMessage() {
        return new QuarantinePlan(Mode.MESSAGE, Map.of());
    }

    /**
     * Why a mail is held: its blocking findings; one {@link #NOT_INSPECTED} reason when it carries no
     * verdict (the inspector did not run); one generic {@code DANGEROUS} reason when it is marked
     * dangerous without a finding to show.
     */
    public static List<HeldAttachment> reasons(boolean inspected, List<HeldAttachment> blocking) {
        if (!inspected) {
            return List.of(new HeldAttachment(NOT_INSPECTED, "", "", "No attachment verdict on the mail", ""));
        }
        if (blocking.isEmpty()) {
            return List.of(new HeldAttachment("DANGEROUS", "", "", "", ""));
        }
        return List.copyOf(blocking);
    }

    /**
     * The plan for {@code message} in {@code mode}. Strip mode holds the whole message instead when a
     * finding is about the message as a whole (section {@code ""}), or when a section it names is not
     * one the message has ({@link MimeStripper#plan}).
     */
    public static QuarantinePlan plan(Mode mode, byte[] message, List<HeldAttachment> held) {
        if (mode == Mode.MESSAGE || held.stream().anyMatch(HeldAttachment::wholeMessage)) {
            return wholeMessage();
        }
        Map<String, List<HeldAttachment>> bySection = held.stream()
            .collect(Collectors.groupingBy(HeldAttachment::section, LinkedHashMap::new, Collectors.toList()));
        if (!MimeStripper.plan(message, List.copyOf(bySection.keySet())).complete()) {
            return wholeMessage();
        }
        return new QuarantinePlan(Mode.STRIP, bySection);
    }

    /**
     * Strip mode's last check: the blocking findings the cleaned message still carries when inspected
     * again with the default policy (a part the replacement missed, content a reader finds where the
     * inspector did not). Any left means the whole message is held instead. What the first inspection
     * only reported ({@code reportedOnly}: encrypted content from an allow-listed sender, a category set
     * to report) is found again where it was, and does not count.
     */
    public static List<Finding> stillDangerous(byte[] cleaned, List<HeldAttachment> reportedOnly) {
        Set<String> reported = reportedOnly.stream()
            .map(finding -> finding.code() + " " + finding.section() + " " + finding.path())
            .collect(Collectors.toSet());
        return REINSPECTION.inspect(cleaned).findings().stream()
            .filter(finding -> finding.action() == Action.BLOCK)
            .filter(finding -> !reported.contains(finding.code() + " " + finding.section() + " " + finding.pathText()))
            .toList();
    }
}
