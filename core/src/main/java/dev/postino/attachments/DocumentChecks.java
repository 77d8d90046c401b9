package dev.postino.attachments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.postino.attachments.spool.SpooledContent;
import dev.postino.attachments.types.OleDirectory;

/** What an Office (OLE2) file or a PDF says about itself: an installer, macros, encryption. */
final class DocumentChecks {

    private final ReportBuilder report;

    DocumentChecks(ReportBuilder report) {
        this.report = report;
    }

    void ole(Part part, SpooledContent content) {
        Location location = part.location();
        OleDirectory directory;
        try {
            directory = OleDirectory.read(content);
        } catch (IOException | RuntimeException broken) {
            report.add(ReasonCode.MALFORMED_CONTENT, location, part.described()
                + " is an Office (OLE2) file whose directory cannot be read (" + ReportBuilder.describe(broken) + ").",
                part.leafName());
            return;
        }
        if (directory.isInstaller()) {
            report.add(ReasonCode.EXECUTABLE_CONTENT, location, part.described() + " is a Windows Installer package.",
                part.leafName());
        }
        if (directory.isEncrypted()) {
            report.add(ReasonCode.ENCRYPTED_CONTENT, location, part.described()
                + " is a password-protected Office document, so its content cannot be inspected.", part.leafName());
        }
        if (directory.hasMacros()) {
            report.add(ReasonCode.MACROS, location, part.described() + " is an Office document with VBA macros.",
                part.leafName());
        }
    }

    /** The encryption dictionary is referenced from the trailer, which sits at the end (or, linearised, at the start). */
    void pdf(Part part, SpooledContent content, byte[] head) throws IOException {
        byte[] end = content.read(Math.max(0, content.size() - 64 * 1024), 64 * 1024);
        if (contains(end, "/Encrypt") || contains(head, "/Encrypt")) {
            report.add(ReasonCode.ENCRYPTED_CONTENT, part.location(), part.described()
                + " is an encrypted PDF, so its content cannot be inspected.", part.leafName());
        }
    }

    private static boolean contains(byte[] data, String token) {
        byte[] needle = token.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
