package dev.postino.attachments.zip;

import java.util.Objects;

/**
 * One structural finding about a ZIP archive.
 *
 * @param kind      what is wrong; each kind names the attack it defeats
 * @param entryName the entry concerned, or {@code null} for archive-wide findings
 * @param detail    one human sentence with offsets and values, for logs and quarantine reports
 *                  (entry names inside it are raw: sanitise before putting it in a header)
 */
public record ZipAnomaly(ZipAnomalyKind kind, String entryName, String detail) {

    public ZipAnomaly {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
