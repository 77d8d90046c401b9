package dev.postino.attachments;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.EnumMap;
import java.util.Map;

import dev.postino.attachments.names.FileNames;
import dev.postino.attachments.spool.SpooledContent;
import dev.postino.attachments.zip.ZipAnomaly;
import dev.postino.attachments.zip.ZipEntryView;
import dev.postino.attachments.zip.ZipLimits;
import dev.postino.attachments.zip.ZipStructure;
import dev.postino.attachments.zip.ZipStructureAnalyzer;

/**
 * The ZIP structure pass of an inspection: reads the archive's local headers and central directory both
 * ({@link ZipStructureAnalyzer}, under the administrator's entry limit like the content walk), checks
 * every name either view shows, and turns every anomaly into a {@code ZIP_*} finding with a sentence for
 * people.
 */
final class ZipFindings {

    /** A 65,534-entry bomb must give a short report, not 65,534 findings. */
    private static final int MAX_PER_CODE = 3;

    private final ZipStructureAnalyzer analyzer;
    private final NameCheck names;
    private final ReportBuilder report;

    ZipFindings(InspectionLimits limits, NameCheck names, ReportBuilder report) {
        this.analyzer = new ZipStructureAnalyzer(
            ZipLimits.defaults().withMaxEntries((int) Math.min(limits.maxEntries(), Integer.MAX_VALUE)));
        this.names = names;
        this.report = report;
    }

    /**
     * Analyses the archive and reports what it found. When entries overlap the caller does not extract
     * them: that would only inflate a bomb, the verdict is already dangerous.
     */
    ZipStructure analyze(Part part, SpooledContent content) throws IOException {
        ZipStructure structure;
        if (content.inMemory()) {
            structure = analyzer.analyze(content.bytes());
        } else {
            try (SeekableByteChannel channel = content.openChannel()) {
                structure = analyzer.analyze(channel);
            }
        }
        Location location = part.location();
        String leafName = part.leafName();
        for (ZipEntryView entry : structure.entries()) {
            report.add(names.check(entry.name()), location.child(entry.name()), Part.leafOf(entry.name()));
        }
        Map<ReasonCode, Integer> perCode = new EnumMap<>(ReasonCode.class);
        for (ZipAnomaly anomaly : structure.anomalies()) {
            ReasonCode code = code(anomaly);
            int count = perCode.merge(code, 1, Integer::sum);
            if (count > MAX_PER_CODE) {
                continue;
            }
            Location where = anomaly.entryName() == null ? location : location.child(anomaly.entryName());
            String entryLeaf = anomaly.entryName() == null ? leafName : Part.leafOf(anomaly.entryName());
            report.add(code, where, sentence(code, leafName, entryLeaf) + " (" + FileNames.sanitise(anomaly.detail()) + ")",
                entryLeaf);
        }
        perCode.forEach((code, count) -> {
            if (count > MAX_PER_CODE) {
                report.add(code, location.child("…"), (count - MAX_PER_CODE) + " more " + code
                    + " findings in " + part.described() + " are not listed.", leafName);
            }
        });
        return structure;
    }

    private static ReasonCode code(ZipAnomaly anomaly) {
        return switch (anomaly.kind()) {
            case CONCATENATED_ARCHIVES, DATA_AFTER_END_RECORD -> ReasonCode.ZIP_CONCATENATED;
            case DATA_BEFORE_FIRST_ENTRY, UNREFERENCED_DATA -> ReasonCode.ZIP_HIDDEN_DATA;
            case NAME_MISMATCH -> ReasonCode.ZIP_NAME_MISMATCH;
            case ONLY_IN_CENTRAL_DIRECTORY, ONLY_IN_LOCAL_HEADERS -> ReasonCode.ZIP_HIDDEN_ENTRY;
            case DUPLICATE_NAME -> ReasonCode.ZIP_DUPLICATE_NAME;
            case OVERLAPPING_ENTRIES -> ReasonCode.ZIP_OVERLAPPING_ENTRIES;
            case METHOD_CONTRADICTS_DATA, UNKNOWN_METHOD -> ReasonCode.ZIP_METHOD_MISMATCH;
            case INVALID_NAME_ENCODING -> ReasonCode.ZIP_INVALID_NAME_ENCODING;
            case UNSAFE_PATH -> ReasonCode.ZIP_UNSAFE_PATH;
            case ENCRYPTED_ENTRY -> ReasonCode.ENCRYPTED_CONTENT;
            case SIZE_MISMATCH, MALFORMED -> ReasonCode.ZIP_MALFORMED;
            case LIMIT_EXCEEDED -> ReasonCode.LIMIT_EXCEEDED;
        };
    }

    private static String sentence(ReasonCode code, String archive, String entry) {
        String where = Part.describe(archive);
        return switch (code) {
            case ZIP_CONCATENATED -> where + " hides a second archive or extra data after its end; tools disagree on what it holds.";
            case ZIP_HIDDEN_DATA -> where + " contains data no entry accounts for.";
            case ZIP_NAME_MISMATCH -> "The entry \"" + entry + "\" has different names in the two directories of the archive.";
            case ZIP_HIDDEN_ENTRY -> "The entry \"" + entry + "\" is visible to some unzip tools and hidden from others.";
            case ZIP_DUPLICATE_NAME -> "Two entries named \"" + entry + "\" extract to the same file.";
            case ZIP_OVERLAPPING_ENTRIES -> where + " has overlapping entries, the shape of a zip bomb.";
            case ZIP_METHOD_MISMATCH -> "The entry \"" + entry + "\" declares a compression method its data contradicts.";
            case ZIP_INVALID_NAME_ENCODING -> "The entry name \"" + entry + "\" is not valid in its declared encoding.";
            case ZIP_UNSAFE_PATH -> "The entry \"" + entry + "\" would be extracted outside its folder or is a link.";
            case ENCRYPTED_CONTENT -> "\"" + entry + "\" is encrypted, so its content cannot be inspected.";
            case LIMIT_EXCEEDED -> where + " is too large to analyse completely.";
            default -> where + " has a damaged ZIP structure.";
        };
    }
}
