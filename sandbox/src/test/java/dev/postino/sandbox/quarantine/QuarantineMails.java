package dev.postino.sandbox.quarantine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.mailet.Mail;

import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.AttachmentVerdictAttributes.StoredFinding;

/** The messages of the quarantine scenarios, built here byte by byte. */
final class QuarantineMails {

    private QuarantineMails() {
    }

    /** The phishing wave from the seed: a zip named bollettino.zip holding a Windows program named like a PDF. */
    static String bollettino(String innerName) {
        return String.join("\r\n",
            "From: Aruba S.p.A. <comunicazioni@staff.aruba.it>",
            "To: anna.bianchi@acme.example",
            "Subject: Invio copia bollettino",
            "Message-ID: <bollettino-1@staff.aruba.it>",
            "Date: Tue, 1 Dec 2026 09:58:00 +0100",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"----=_Part_0_1\"",
            "",
            "------=_Part_0_1",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "Gentile cliente,",
            "come da lei richiesto in allegato potrà trovare copia del bollettino postale con cui",
            "effettuare il pagamento.",
            "Saluti",
            "Aruba S.p.A. - Servizio Clienti",
            "------=_Part_0_1",
            "Content-Type: application/zip; name=\"bollettino.zip\"",
            "Content-Disposition: attachment; filename=\"bollettino.zip\"",
            "Content-Transfer-Encoding: base64",
            "",
            Base64.getMimeEncoder().encodeToString(zipWith(innerName)),
            "------=_Part_0_1--",
            "");
    }

    static String bollettino() {
        return bollettino("bollettino.pdf.exe");
    }

    static final String TEXT_BODY = "come da lei richiesto in allegato potrà trovare copia del bollettino postale";

    /** The verdict InspectAttachments gives the bollettino: part 2 carries a program. */
    static void markDangerous(Mail mail, String filename) {
        AttachmentVerdictAttributes.store(mail, true, List.of(new StoredFinding("EXECUTABLE_CONTENT", "2",
            "part 2 › bollettino.zip › " + filename, "The file is a Windows program.", filename, "block")));
    }

    static byte[] zipWith(String name) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
                ZipEntry entry = new ZipEntry(name);
                // A fixed time keeps the message identical from one call to the next.
                entry.setTimeLocal(java.time.LocalDateTime.of(2026, 11, 30, 9, 0));
                zip.putNextEntry(entry);
                byte[] program = new byte[256];
                program[0] = 'M';
                program[1] = 'Z';
                zip.write(program);
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
