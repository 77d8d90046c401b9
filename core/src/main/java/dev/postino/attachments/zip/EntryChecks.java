package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.DUPLICATE_NAME;
import static dev.postino.attachments.zip.ZipAnomalyKind.ENCRYPTED_ENTRY;
import static dev.postino.attachments.zip.ZipAnomalyKind.INVALID_NAME_ENCODING;
import static dev.postino.attachments.zip.ZipAnomalyKind.MALFORMED;
import static dev.postino.attachments.zip.ZipAnomalyKind.METHOD_CONTRADICTS_DATA;
import static dev.postino.attachments.zip.ZipAnomalyKind.SIZE_MISMATCH;
import static dev.postino.attachments.zip.ZipAnomalyKind.UNKNOWN_METHOD;
import static dev.postino.attachments.zip.ZipAnomalyKind.UNREFERENCED_DATA;
import static dev.postino.attachments.zip.ZipAnomalyKind.UNSAFE_PATH;
import static dev.postino.attachments.zip.ZipRecords.FLAG_STRONG;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.postino.attachments.zip.ZipRecords.CentralEntry;
import dev.postino.attachments.zip.ZipRecords.Header;

/**
 * The checks of one entry on its own, whichever view it comes from: its header fields, the first
 * bytes of its data, and name collisions within a view. One instance per analysis.
 */
final class EntryChecks {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");

    private final ByteSource source;
    private final Findings findings;
    private final DataProbe dataProbe = new DataProbe();
    private final byte[] head = new byte[DataProbe.PROBE_INPUT];

    EntryChecks(ByteSource source, Findings findings) {
        this.source = source;
        this.findings = findings;
    }

    /** Findings about the entry's header alone: name encoding, path, encryption, method number. */
    void headers(Header h) {
        if (h.nameProblem != null) {
            findings.add(INVALID_NAME_ENCODING, h.name, "its name " + h.nameProblem);
        }
        if (h.extraProblem != null) {
            findings.add(MALFORMED, h.name, h.extraProblem);
        }
        String unsafe = unsafePath(h);
        if (unsafe != null) {
            findings.add(UNSAFE_PATH, h.name, unsafe);
        }
        if (h.encrypted()) {
            findings.add(ENCRYPTED_ENTRY, h.name, encryptionScheme(h));
        } else if (h instanceof CentralEntry c && c.local != null && c.local.encrypted()) {
            findings.add(ENCRYPTED_ENTRY, h.name, "only its local header declares it encrypted ("
                    + encryptionScheme(c.local) + ")");
        }
        if (h.name.endsWith("/") && h.uncompressedSize > 0 && h.uncompressedSize != ZipRecords.U32_SENTINEL) {
            findings.add(UNREFERENCED_DATA, h.name, "a directory entry carrying " + h.uncompressedSize
                    + " bytes of data: extractors create the folder and skip them");
        }
        if (!DataProbe.isKnownMethod(h.method)) {
            findings.add(UNKNOWN_METHOD, h.name, "compression method " + h.method + " is not defined by APPNOTE.TXT");
        }
    }

    private static String unsafePath(Header h) {
        String name = h.name;
        if (name.startsWith("/") || name.startsWith("\\")) {
            return "absolute path: extracts outside the target folder";
        }
        if (DRIVE.matcher(name).find()) {
            return "starts with a drive letter: extracts outside the target folder";
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "a '..' segment climbs out of the target folder (Zip Slip)";
            }
        }
        // APPNOTE 4.4.2: host 3 is Unix, whose mode sits in the external attributes' high half.
        if (h instanceof CentralEntry c && c.versionMadeBy >>> 8 == 3
                && ((c.externalAttributes >>> 16) & 0xF000) == 0xA000) {
            return "a symbolic link: later entries written through it land outside the target folder";
        }
        return null;
    }

    private static String encryptionScheme(Header h) {
        if (h.aes) {
            return "encrypted with WinZip AES" + switch (h.aesStrength) {
                case 1 -> "-128";
                case 2 -> "-192";
                case 3 -> "-256";
                default -> "";
            };
        }
        if (h.strongEncryption || (h.flags & FLAG_STRONG) != 0) {
            return "encrypted with PKWARE strong encryption";
        }
        return "encrypted with traditional PKWARE encryption (ZipCrypto)";
    }

    /**
     * Checks the declared method against the sizes and the first bytes of the data at
     * {@code dataStart}. Encrypted data is noise by design and is not probed.
     */
    void content(Header h, long dataStart, long compressedSize, long usize) throws IOException {
        if (h.encrypted() || h.method == 99 || compressedSize < 0) {
            if (h.method == 99 && !h.aes) {
                findings.add(METHOD_CONTRADICTS_DATA, h.name, "method 99 (AES) without the AES extra field 0x9901");
            }
            return;
        }
        if (!source.contains(dataStart, compressedSize)) {
            findings.add(MALFORMED, h.name, "its data (" + compressedSize + " bytes at offset " + dataStart
                    + ") runs past the end of the file");
            return;
        }
        int length = source.readAtMost(dataStart, head, 0, (int) Math.min(head.length, compressedSize));
        switch (h.method) {
            case 0 -> {
                if (compressedSize != usize) {
                    findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared STORED but its compressed size "
                            + compressedSize + " differs from its size " + usize);
                } else if (dataProbe.storedLooksDeflated(head, length, compressedSize)) {
                    findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared STORED but the data is a deflate stream"
                            + " (Zombie ZIP): scanners see noise, a custom loader inflates it");
                }
            }
            case 8 -> probeDeflate(h, head, length, compressedSize, usize);
            default -> {
                String problem = DataProbe.magicProblem(h.method, head, length);
                if (problem != null && compressedSize > 0) {
                    findings.add(METHOD_CONTRADICTS_DATA, h.name, problem);
                }
            }
        }
    }

    private void probeDeflate(Header h, byte[] head, int length, long compressedSize, long usize) {
        if (compressedSize > DataProbe.deflateBound(usize)) {
            findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared DEFLATE but " + compressedSize
                    + " compressed bytes cannot come from " + usize + " bytes");
            return;
        }
        if (usize / DataProbe.MAX_DEFLATE_RATIO > compressedSize + 1) {
            findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared DEFLATE but " + usize + " bytes cannot come from "
                    + compressedSize + " compressed bytes (deflate expands at most 1032:1)");
            return;
        }
        if (compressedSize == 0) {
            return;
        }
        DataProbe.Inflation r = dataProbe.inflate(head, length);
        if (!r.valid()) {
            findings.add(METHOD_CONTRADICTS_DATA, h.name, "declared DEFLATE but the data is not a deflate stream ("
                    + r.error() + ")");
        } else if (r.finished() && r.consumed() < compressedSize && length == compressedSize) {
            findings.add(METHOD_CONTRADICTS_DATA, h.name, "the deflate stream ends after " + r.consumed()
                    + " of its " + compressedSize + " bytes: the rest is hidden from extractors");
        } else if (r.finished() && length == compressedSize && r.produced() != usize) {
            findings.add(SIZE_MISMATCH, h.name, "declares " + usize + " bytes but its data inflates to "
                    + r.produced());
        }
    }

    /** Names that extract to the same file, within one view ({@code where}). */
    void duplicates(List<String> names, String where) {
        Map<String, String> exact = new HashMap<>();
        Map<String, String> folded = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (String name : names) {
            String previous = exact.putIfAbsent(name, name);
            if (previous != null) {
                if (reported.add(name)) {
                    findings.add(DUPLICATE_NAME, name, "appears more than once in " + where);
                }
                continue;
            }
            String key = ZipNames.extractionKey(name);
            String twin = folded.putIfAbsent(key, name);
            if (twin != null && reported.add(name)) {
                findings.add(DUPLICATE_NAME, name, "extracts to the same file as '" + twin + "' on Windows or macOS"
                        + " (case, Unicode normalisation or trailing dots, spaces and slashes), in " + where);
            }
        }
    }
}
