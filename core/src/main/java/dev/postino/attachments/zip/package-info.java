/**
 * ZIP parser differentials: reads an archive the way two different kinds of extractor do — by its
 * central directory (Windows Explorer, 7-Zip, {@code java.util.zip.ZipFile}) and by walking its
 * local file headers from the first byte (streaming readers, {@code ZipInputStream}, many mail
 * scanners) — and reports every place where the two readings, or the bytes themselves, disagree.
 *
 * <p>Entry point: {@link dev.postino.attachments.zip.ZipStructureAnalyzer}. Nothing here
 * decompresses an entry: the analysis is bounded by {@link dev.postino.attachments.zip.ZipLimits}
 * and finishes in milliseconds even on zip bombs. See {@code docs/zip-differentials.md}.
 */
package dev.postino.attachments.zip;
