package dev.postino.quarantine;

import java.util.List;
import java.util.Locale;

import dev.postino.notices.Language;

/**
 * Turns an inspector reason code into plain words for a notice, in Italian or English.
 *
 * <p>The words come from this table, never from the message: an end user learns what kind of danger
 * it was ("a program disguised as a document"), the code in brackets is for the administrator.
 * Codes are matched by the words they contain, so a new code from the inspector still gets the
 * closest wording, and an unknown one a generic sentence.
 */
public final class ReasonText {

    private record Wording(List<String> keys, String italian, String english) {
    }

    // Most specific first: the first entry whose key occurs in the code wins. The keys cover the
    // inspector's ReasonCode names (BLOCKED_EXTENSION … INSPECTION_ERROR) and close variants.
    private static final List<Wording> WORDINGS = List.of(
        new Wording(List.of("NOT_INSPECTED"),
            "il messaggio non è stato controllato",
            "the message could not be checked"),
        new Wording(List.of("HIDDEN_CHAR", "BIDI", "RTLO", "UNICODE", "INVISIBLE"),
            "il nome del file contiene caratteri nascosti che ne camuffano il tipo",
            "the file name contains hidden characters that disguise its type"),
        new Wording(List.of("DOUBLE_EXT", "DISGUIS", "PADDING", "PADDED"),
            "un programma camuffato da documento (doppia estensione)",
            "a program disguised as a document (double extension)"),
        new Wording(List.of("NAME_DISAGREEMENT"),
            "l'allegato dichiara due nomi diversi, uno dei quali nasconde l'altro",
            "the attachment declares two different names, one hiding the other"),
        new Wording(List.of("ZIP_"),
            "un archivio costruito in modo anomalo per sfuggire ai controlli",
            "an archive built abnormally to escape checks"),
        new Wording(List.of("ENCRYPT", "PASSWORD"),
            "un archivio o documento protetto da password che non può essere controllato",
            "a password-protected archive or document that cannot be checked"),
        new Wording(List.of("MACRO", "VBA"),
            "un documento con macro che possono eseguire codice",
            "a document with macros that can run code"),
        new Wording(List.of("DISK_IMAGE", "VHD"),
            "un'immagine disco, usata spesso per nascondere programmi",
            "a disk image, often used to hide programs"),
        new Wording(List.of("ONENOTE"),
            "un file OneNote che può contenere programmi nascosti",
            "a OneNote file that can hide programs"),
        new Wording(List.of("SMUGGLING", "HTML", "SVG", "SCRIPT"),
            "un file con script che può costruire un programma nel browser",
            "a file with scripts that can build a program in the browser"),
        new Wording(List.of("TYPE_MISMATCH", "MISMATCH", "TRUE_TYPE", "CONTENT_TYPE"),
            "il contenuto del file non corrisponde al tipo dichiarato",
            "the content of the file does not match its declared type"),
        new Wording(List.of("EXECUTABLE", "EXE", "PROGRAM", "BLOCKED_EXTENSION", "EXTENSION"),
            "un programma o uno script che può essere eseguito",
            "a program or script that can be run"),
        new Wording(List.of("UNINSPECTABLE", "ARCHIVE", "NESTED"),
            "un archivio in un formato che non può essere controllato",
            "an archive in a format that cannot be checked"),
        new Wording(List.of("LIMIT", "BOMB", "DEPTH", "TOO_MANY", "TOO_LARGE", "TIMEOUT", "INSPECTION_ERROR"),
            "un allegato troppo complesso per essere controllato",
            "an attachment too complex to be checked"),
        new Wording(List.of("UNREADABLE", "UNPARSEABLE", "MALFORMED", "CORRUPT", "INVALID"),
            "un allegato illeggibile o malformato",
            "an unreadable or malformed attachment"));

    private ReasonText() {
    }

    /** Plain words for {@code code} in {@code language}, followed by the code itself, e.g. "… (EXECUTABLE_CONTENT)". */
    public static String describe(String code, Language language) {
        String upper = code == null ? "" : code.toUpperCase(Locale.ROOT);
        String words = null;
        for (Wording wording : WORDINGS) {
            if (wording.keys().stream().anyMatch(upper::contains)) {
                words = language == Language.IT ? wording.italian() : wording.english();
                break;
            }
        }
        if (words == null) {
            words = language == Language.IT ? "un allegato ritenuto pericoloso" : "an attachment considered dangerous";
        }
        String shownCode = safeCode(code);
        return shownCode.isEmpty() ? words : words + " (" + shownCode + ")";
    }

    /** The code reduced to {@code [A-Za-z0-9_.-]}, at most 64 characters: safe in notices, logs and metric names. */
    public static String safeCode(String code) {
        if (code == null) {
            return "";
        }
        String cleaned = code.replaceAll("[^A-Za-z0-9_.-]", "_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
