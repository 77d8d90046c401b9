package dev.postino.attachments.zip;

/**
 * What a {@link ZipAnomaly} is. Every kind is a reason to distrust a scan of the archive; each names
 * the attack it defeats.
 */
public enum ZipAnomalyKind {
    /**
     * More than one archive in the file: several valid end-of-central-directory records, or a
     * second run of local headers after the first archive's end record. Defeats ZIP
     * concatenation (benign.zip ‖ evil.zip): 7-Zip lists one archive, WinRAR and Explorer
     * another, so a scanner that reads one misses the payload in the other.
     */
    CONCATENATED_ARCHIVES,
    /**
     * Bytes after the end record and its declared comment. Defeats payloads appended past the
     * end record, and scanners that only look for the end record near the end of the file
     * (rspamd searches about 1 KiB).
     */
    DATA_AFTER_END_RECORD,
    /**
     * Bytes before the first local header: a self-extractor stub (an executable that unpacks
     * itself) or a polyglot file (PDF, image or script that is also a zip). Reported apart from
     * the other kinds because the prefix is often code the recipient is meant to run.
     */
    DATA_BEFORE_FIRST_ENTRY,
    /**
     * Bytes between entries that no header accounts for, or data inside a directory entry.
     * Defeats payloads hidden where every extractor skips but a custom loader reads, and
     * polyglots interleaved with the zip.
     */
    UNREFERENCED_DATA,
    /**
     * The local header and the central directory give the same entry different names (or a
     * valid Info-ZIP Unicode Path field 0x7075 names it differently). Defeats the
     * {@code a.pdf}/{@code a.exe} switch: streaming readers use the local name, unzip and
     * 7-Zip the central one.
     */
    NAME_MISMATCH,
    /**
     * An entry listed by the central directory whose local header a streaming reader never
     * reaches (it lies inside another entry's data, after the central directory, or in a gap).
     * Defeats payloads visible only to extractors that read the central directory.
     */
    ONLY_IN_CENTRAL_DIRECTORY,
    /**
     * A local header that no central-directory entry points to. Defeats payloads visible only
     * to streaming extractors (and to ClamAV-style local-header scans), hidden from the listing
     * every desktop tool shows.
     */
    ONLY_IN_LOCAL_HEADERS,
    /**
     * Two entries that extract to the same file: identical names, or names equal after case
     * folding, Unicode NFC normalisation, {@code \} to {@code /} and Windows' stripping of
     * trailing dots, spaces and slashes. Defeats shadowing (the scanner checks the first
     * {@code invoice.pdf}, the extractor writes the second over it) and WinRAR
     * CVE-2023-38831 ({@code x.pdf } file beside an {@code x.pdf /} folder).
     */
    DUPLICATE_NAME,
    /**
     * Two entries whose local extents (header plus data) overlap, or several central entries
     * pointing at the same local header. Defeats David Fifield's non-recursive zip bomb
     * (42 kB → 5.5 GB by reusing one compressed kernel) and data shared between a benign and a
     * malicious entry. Detected from offsets alone, without decompressing anything.
     */
    OVERLAPPING_ENTRIES,
    /**
     * The declared compression method does not fit the bytes or the sizes: STORED data that is
     * a deflate stream, DEFLATE data that is not, a stored entry whose sizes differ, declared
     * sizes beyond deflate's possible ratio, bzip2/xz/zstd data without its magic, or a
     * method that differs between the local header and the central directory. Defeats
     * "Zombie ZIP" (CVE-2026-0866): a scanner reads the bytes as stored noise, the dropper
     * inflates them.
     */
    METHOD_CONTRADICTS_DATA,
    /**
     * A compression method number APPNOTE.TXT does not define. No scanner can decode such an
     * entry; only a custom dropper can.
     */
    UNKNOWN_METHOD,
    /**
     * An entry name that is not valid in its declared encoding (UTF-8 flag set but invalid or
     * overlong UTF-8), or that contains NUL or other control characters. Defeats names that
     * each decoder repairs differently, and {@code a.pdf\0.exe} truncation in C extractors.
     */
    INVALID_NAME_ENCODING,
    /**
     * An entry that extracts outside the target folder or redirects later entries: an absolute
     * path ({@code /…}, {@code \…}, {@code C:…}), a {@code ..} segment, or a Unix symbolic link.
     * Defeats "Zip Slip" (Snyk, 2018): a payload written straight into a Startup folder or over
     * a configuration file by any extractor that trusts entry names.
     */
    UNSAFE_PATH,
    /**
     * An encrypted entry (ZipCrypto flag bit 0, WinZip AES extra field 0x9901, PKWARE strong
     * encryption flag bit 6 or header 0x0017, or an encrypted central directory). Defeats the
     * "password in the mail body" trick: no scanner can read the content, the user can.
     */
    ENCRYPTED_ENTRY,
    /**
     * Sizes or CRC-32 that disagree between the local header, the data descriptor and the
     * central directory. An extractor that trusts one value reads different bytes, or fails
     * where another succeeds.
     */
    SIZE_MISMATCH,
    /**
     * The archive cannot be read as a ZIP: truncated, missing or inconsistent records, or
     * fields pointing outside the file. Fail closed: a file no parser agrees on is not clean.
     */
    MALFORMED,
    /**
     * A {@link ZipLimits} bound was reached and the analysis stopped early: the result is
     * incomplete and must not count as clean.
     */
    LIMIT_EXCEEDED
}
