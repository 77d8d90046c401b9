package dev.postino.attachments;

import java.util.List;
import java.util.Set;

import dev.postino.attachments.html.HtmlSmuggling;
import dev.postino.attachments.names.FileNames;

/**
 * The type a name hints at, given to the type detector: it only saves the detector work (a message
 * recognised by its first header, plain text without Tika). Content decides; a hint never makes a
 * program pass for text.
 */
final class TypeHints {

    private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "log", "csv", "tsv", "xml", "json", "md", "ics", "vcf",
        "htm", "html", "ini", "cfg", "yaml", "yml", "rels", "vml");

    private TypeHints() {
    }

    /** Archive entries have no declared type; a text extension lets plain text skip Tika (see TypeDetector). */
    static String forEntry(String name) {
        String extension = FileNames.extension(FileNames.normalise(name));
        return namedLikeMessage(extension) ? "message/rfc822"
            : TEXT_EXTENSIONS.contains(extension) ? "text/plain" : "application/octet-stream";
    }

    /**
     * The declared type, or message/rfc822 for a part named like a message (an attached .eml sent as
     * octet-stream, a saved .mht web page): the detector then recognises a message by its first header
     * instead of asking Tika. Only typing uses it.
     */
    static String detectionHint(List<String> partNames, String declaredType) {
        boolean message = !partNames.isEmpty() && namedLikeMessage(FileNames.extension(FileNames.normalise(partNames.get(0))));
        return message && !declaredType.startsWith("message/") ? "message/rfc822" : declaredType;
    }

    private static boolean namedLikeMessage(String extension) {
        return extension.equals("eml") || HtmlSmuggling.isWebArchive(extension);
    }
}
