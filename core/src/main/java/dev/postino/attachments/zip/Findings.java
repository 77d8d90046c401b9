package dev.postino.attachments.zip;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Collects anomalies, keeping at most {@code maxPerKind} of each kind plus one summary line. */
final class Findings {

    private final int maxPerKind;
    private final List<ZipAnomaly> kept = new ArrayList<>();
    private final Map<ZipAnomalyKind, Integer> counts = new EnumMap<>(ZipAnomalyKind.class);

    Findings(int maxPerKind) {
        this.maxPerKind = maxPerKind;
    }

    void add(ZipAnomalyKind kind, String entryName, String detail) {
        add(kind, entryName, () -> detail);
    }

    /** Builds the detail only when it is kept: a 65,534-entry bomb formats 20 sentences, not 65,534. */
    void add(ZipAnomalyKind kind, String entryName, Supplier<String> detail) {
        int count = counts.merge(kind, 1, Integer::sum);
        if (count <= maxPerKind) {
            kept.add(new ZipAnomaly(kind, entryName, detail.get()));
        }
    }

    /** Adds the anomaly only if none of its kind was found yet: one sentence says it, however often it shows. */
    void addFirst(ZipAnomalyKind kind, String entryName, String detail) {
        if (!has(kind)) {
            add(kind, entryName, detail);
        }
    }

    boolean has(ZipAnomalyKind kind) {
        return counts.containsKey(kind);
    }

    List<ZipAnomaly> result() {
        List<ZipAnomaly> all = new ArrayList<>(kept);
        counts.forEach((kind, count) -> {
            if (count > maxPerKind) {
                all.add(new ZipAnomaly(kind, null, (count - maxPerKind) + " more " + kind
                        + " anomalies not listed (" + count + " in all)"));
            }
        });
        return all;
    }
}
