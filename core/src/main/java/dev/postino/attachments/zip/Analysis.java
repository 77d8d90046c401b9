package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.MALFORMED;
import static dev.postino.attachments.zip.ZipRecords.END_RECORD_SIZE;

import java.io.IOException;

import dev.postino.attachments.zip.ByteSource.Truncated;

/**
 * One run of {@link ZipStructureAnalyzer} over one archive, in four phases: (1) find every
 * end-of-central-directory record in the comment window and pick the one extractors use
 * ({@link EndRecordSearch}); (2) read that central directory ({@link CentralDirectoryRead}); (3) walk the
 * local headers from the first byte, as a streaming reader does ({@link LocalHeaderWalk}, searching with
 * {@link SignatureScan}); (4) correlate the two views and probe each entry's first bytes
 * ({@link ViewCorrelation}). Record layouts and parsing are in {@link ZipRecords}; checks of one entry on
 * its own (name, path, encryption, method against data, duplicates) in {@link EntryChecks}.
 */
final class Analysis {

    private final ByteSource source;
    private final ZipLimits limits;
    private final Findings findings;

    Analysis(ByteSource source, ZipLimits limits) {
        this.source = source;
        this.limits = limits;
        this.findings = new Findings(limits.maxAnomaliesPerKind());
    }

    ZipStructure run() throws IOException {
        EndRecordSearch ends = new EndRecordSearch(source, findings);
        CentralDirectoryRead central = new CentralDirectoryRead(source, limits, findings);
        if (source.size() < END_RECORD_SIZE) {
            findings.add(MALFORMED, null, "only " + source.size() + " bytes: too short for a ZIP end record");
        } else {
            phase("end record", ends::run);
            phase("central directory", () -> central.run(ends.used));
        }
        LocalHeaderWalk walk = new LocalHeaderWalk(source, limits, findings, ends.used, central.entries);
        phase("local headers", walk::run);
        ViewCorrelation views = new ViewCorrelation(source, findings, ends, central, walk);
        phase("entries", views::run);
        return new ZipStructure(views.views, findings.result());
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws IOException;
    }

    /**
     * Runs one phase; a broken record ends that phase only, so the other view is still compared with
     * whatever the phase had read.
     */
    private void phase(String what, Phase phase) throws IOException {
        try {
            phase.run();
        } catch (Truncated e) {
            findings.add(MALFORMED, null, "truncated " + what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Never let hostile input escape as an exception: a bug on odd input is still a verdict.
            findings.add(MALFORMED, null, "unreadable structure in the " + what + " (" + e + ")");
        }
    }
}
