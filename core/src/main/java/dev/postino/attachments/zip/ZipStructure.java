package dev.postino.attachments.zip;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ZipStructureAnalyzer} found: the entries of both views and the anomalies.
 *
 * @param entries   every entry of the central directory and of the local-header walk (see
 *                  {@link ZipEntryView} for how the two views are merged); unmodifiable
 * @param anomalies every finding, in the order found; unmodifiable; empty for a clean archive
 */
public record ZipStructure(List<ZipEntryView> entries, List<ZipAnomaly> anomalies) {

    public ZipStructure {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        anomalies = List.copyOf(Objects.requireNonNull(anomalies, "anomalies"));
    }

    /** True when no anomaly at all was found. */
    public boolean isClean() {
        return anomalies.isEmpty();
    }

    /** True when any entry of either view is encrypted. */
    public boolean hasEncryptedEntries() {
        return entries.stream().anyMatch(ZipEntryView::encrypted);
    }

    /** True when at least one anomaly of the given kind was found. */
    public boolean has(ZipAnomalyKind kind) {
        return anomalies.stream().anyMatch(a -> a.kind() == kind);
    }

    /** The anomalies of one kind, in the order found. */
    public List<ZipAnomaly> anomalies(ZipAnomalyKind kind) {
        return anomalies.stream().filter(a -> a.kind() == kind).toList();
    }

    /** True when the analysis was cut short by a limit or by malformed input. */
    public boolean isIncomplete() {
        return has(ZipAnomalyKind.LIMIT_EXCEEDED) || has(ZipAnomalyKind.MALFORMED);
    }
}
