package dev.postino.attachments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates the attachment demo samples {@code samples/30-*} to {@code samples/35-*} from the corpus
 * fixtures, so no committed .eml is a binary nobody can rebuild. Run
 * {@code main(<project>/samples)} to rewrite them; {@code SampleMailsTest} checks the committed files
 * are exactly what this produces.
 */
public final class SampleMails {

    private SampleMails() {
    }

    /** File name (without extension) → {eml bytes, envelope text}. */
    public static Map<String, byte[][]> samples() {
        Map<String, byte[][]> samples = new LinkedHashMap<>();
        samples.put("30-bollettino-zip-exe", pair(Fixtures.bollettino(), """
            description = The seed's fake Aruba "Invio copia bollettino": a zip holding bollettino.pdf.exe (a harmless PE stub)
            from = comunicazioni@staff.aruba.it
            to = anna.bianchi@acme.example
            at = 2026-12-01T09:12+01:00[Europe/Rome]
            """));
        samples.put("31-clean-pdf", pair(Fixtures.message().boundary("=_studio_fattura").messageId("<fattura-1182@studiobianchi.example>")
            .from("Studio Bianchi <amministrazione@studiobianchi.example>").subject("Fattura n. 1182 - novembre 2026")
            .body("Buongiorno,\r\nin allegato la fattura di novembre.\r\nCordiali saluti\r\nStudio Bianchi\r\n")
            .attachment("Fattura 1182.pdf", "application/pdf", Fixtures.pdf("Fattura 1182 - novembre 2026")).build(), """
            description = A supplier's invoice with a real small PDF: inspected and clean
            from = amministrazione@studiobianchi.example
            to = anna.bianchi@acme.example
            at = 2026-12-01T09:30+01:00[Europe/Rome]
            """));
        samples.put("32-forwarded-bollettino", pair(Fixtures.message().boundary("=_fwd_bollettino").messageId("<fwd-1@acme.example>")
            .from("Luca Verdi <luca.verdi@acme.example>").subject("Fwd: Invio copia bollettino")
            .body("Anna, questo bollettino e' per noi?\r\nLuca\r\n").attachedMessage(Fixtures.bollettino()).build(), """
            description = A colleague forwards the bollettino mail as an attachment: found one message deeper
            from = luca.verdi@acme.example
            to = anna.bianchi@acme.example
            at = 2026-12-01T10:05+01:00[Europe/Rome]
            auth = luca.verdi@acme.example
            """));
        samples.put("33-encrypted-zip", pair(Fixtures.message().boundary("=_protected").messageId("<doc-77@spedizioni.example>")
            .from("Spedizioni <avvisi@spedizioni.example>").subject("Documenti di spedizione")
            .body("Gentile cliente,\r\nin allegato i documenti. Password dell'archivio: 7781\r\n")
            .attachment("documenti.zip", "application/zip", Corpus.aesZip("documenti.pdf")).build(), """
            description = A password-protected zip with the password in the body: its content cannot be inspected
            from = avvisi@spedizioni.example
            to = anna.bianchi@acme.example
            at = 2026-12-01T11:00+01:00[Europe/Rome]
            """));
        samples.put("34-html-smuggling", pair(Fixtures.message().boundary("=_fattura_html").messageId("<fe-4471@fatture-online.example>")
            .from("Fatture Online <notifiche@fatture-online.example>").subject("Fattura elettronica n. 4471 del 30/11/2026")
            .body("Gentile cliente,\r\nla fattura e' consultabile aprendo l'allegato nel browser.\r\nServizio Fatturazione\r\n")
            .attachment("Fattura_4471.html", "text/html",
                HtmlPages.classic(Fixtures.zip("Fattura_4471.pdf.exe", Fixtures.peStub()), "Fattura_4471.zip")).build(), """
            description = HTML smuggling: an "invoice" page whose script builds a zip holding Fattura_4471.pdf.exe (a harmless PE stub) in the browser
            from = notifiche@fatture-online.example
            to = anna.bianchi@acme.example
            at = 2026-12-01T11:30+01:00[Europe/Rome]
            """));
        samples.put("35-encrypted-payslips-from-payroll", pair(Fixtures.message().boundary("=_cedolini").messageId("<cedolini-2026-11@acme.example>")
            .from("Ufficio Paghe <paghe@acme.example>").to("studio@consulenti-lavoro.example").subject("Cedolini novembre 2026")
            .body("Buongiorno,\r\nin allegato i cedolini di novembre; la password vi arriva per telefono.\r\nUfficio Paghe\r\n")
            .attachment("cedolini-novembre.zip", "application/zip", Corpus.aesZip("cedolini-novembre.pdf")).build(), """
            description = The payroll office, logged in, sends password-protected payslips out: encrypted content is reported, not blocked, for senders listed in encryptedAllowedSenders with SMTP AUTH
            from = paghe@acme.example
            to = studio@consulenti-lavoro.example
            at = 2026-12-01T12:00+01:00[Europe/Rome]
            auth = paghe@acme.example
            """));
        return samples;
    }

    private static byte[][] pair(byte[] eml, String envelope) {
        return new byte[][] {eml, envelope.getBytes(StandardCharsets.UTF_8)};
    }

    public static void main(String[] args) throws IOException {
        Path directory = Paths.get(args.length > 0 ? args[0] : "samples");
        for (Map.Entry<String, byte[][]> sample : samples().entrySet()) {
            Files.write(directory.resolve(sample.getKey() + ".eml"), sample.getValue()[0]);
            Files.write(directory.resolve(sample.getKey() + ".envelope"), sample.getValue()[1]);
        }
    }
}
