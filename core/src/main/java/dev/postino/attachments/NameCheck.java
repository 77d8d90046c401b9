package dev.postino.attachments;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.postino.attachments.names.FileNames;

/**
 * Where a name lies: the checks every name of a part or archive entry goes through, and the one place
 * that says which names promise a document or an archive. A program named like a PDF is caught here,
 * by its name alone ({@code bollettino.pdf.exe}: {@link #check}) or by its name against its content
 * ({@code bollettino.pdf} holding a program: {@link #disguisedAsDocument}).
 *
 * <p>"Looks like a document" has two rules on purpose. Before a blocked extension, any segment shaped
 * like an extension is a disguise (the name is blocked anyway; the rule only picks the code). On content
 * that is a program, an archive or a disk image, only the extensions and declared types of documents and
 * media count: a name that promises nothing in particular ({@code .dat}, {@code .bin}) hides nothing.
 */
final class NameCheck {

    /** One problem with one name, or with a name against the content. */
    record Issue(ReasonCode code, String message) {
    }

    /**
     * A "disguise" extension before a blocked one: 1–5 characters with a letter (pdf, doc, jpeg, txt), as
     * Amavis's {@code \.[^./]*[A-Za-z][^./]*\.\s*exe} rule; numbers such as {@code v2.1} or {@code (1)} are
     * not one (rspamd's exceptions).
     */
    private static final Pattern DISGUISE = Pattern.compile("[a-z0-9_]{0,4}[a-z][a-z0-9_]{0,4}");

    /** Extensions of documents and media: finding a program or archive under one of them is a disguise. */
    private static final Set<String> DOCUMENT_EXTENSIONS = Set.of(
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv", "htm", "html",
        "xml", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "heic", "webp", "svg", "mp3", "mp4", "wav", "mov",
        "ics", "vcf", "eml", "msg", "json", "md", "log");

    /** Declared types of documents and media (prefixes), the same promise made by the Content-Type. */
    private static final List<String> DOCUMENT_TYPES = List.of("application/pdf", "image/", "text/", "application/msword",
        "application/vnd.openxmlformats", "application/vnd.ms-", "application/vnd.oasis");

    /** Names archive tools go by: a part named like one, whose content is none, is broken or a disguise. */
    private static final Set<String> ARCHIVE_EXTENSIONS = Set.of("zip", "zipx", "7z", "rar", "tar", "gz", "tgz", "taz", "z",
        "bz2", "tbz", "tbz2", "xz", "txz", "lz", "zst", "cab", "arj", "lzh", "lha", "ace");

    private final Set<String> blocked;

    NameCheck(Set<String> blockedExtensions) {
        this.blocked = Set.copyOf(blockedExtensions);
    }

    /** A name on its own: hidden characters, a blocked extension, a document extension posing before one. */
    List<Issue> check(String rawName) {
        List<Issue> issues = new ArrayList<>(2);
        if (rawName == null || rawName.isEmpty()) {
            return issues;
        }
        String shown = FileNames.sanitise(rawName);
        if (FileNames.containsHidden(rawName)) {
            issues.add(new Issue(ReasonCode.HIDDEN_CHARACTERS, "The name \"" + shown
                + "\" contains invisible or text-direction characters that make it look like another file type."));
        }
        String name = FileNames.normalise(rawName);
        String extension = FileNames.extension(name);
        if (!extension.isEmpty() && blocked.contains(extension)) {
            String stem = name.substring(0, name.lastIndexOf('.')).strip();
            String inner = FileNames.extension(stem);
            if (!inner.isEmpty() && DISGUISE.matcher(inner).matches() && !inner.equals(extension)) {
                issues.add(new Issue(ReasonCode.DOUBLE_EXTENSION, "The name \"" + shown + "\" poses as a ."
                    + inner + " file but is a ." + extension + " file."));
            } else {
                issues.add(new Issue(ReasonCode.BLOCKED_EXTENSION, "The name \"" + shown + "\" has the blocked extension ."
                    + extension + "."));
            }
        }
        return issues;
    }

    /**
     * Every name a part goes by (Content-Disposition, Content-Type, or two readings of them), each once, and
     * whether the first two name different files.
     */
    List<Issue> checkAll(List<String> names) {
        List<Issue> issues = new ArrayList<>(2);
        for (String name : new LinkedHashSet<>(names)) {
            issues.addAll(check(name));
        }
        if (names.size() >= 2 && disagree(names.get(0), names.get(1))) {
            issues.add(new Issue(ReasonCode.NAME_DISAGREEMENT, "The part is called both \"" + FileNames.sanitise(names.get(0))
                + "\" and \"" + FileNames.sanitise(names.get(1))
                + "\" (Content-Disposition, Content-Type, or two readings of them); mail programs disagree on which one they show."));
        }
        return issues;
    }

    /**
     * Content that is a program, an archive, a disk image or a notebook ({@code content} describes it) under
     * a document's name, or else under a document's declared type; {@code described} is how the part is named
     * in the sentence. Empty when neither promises a document.
     */
    static List<Issue> disguisedAsDocument(List<String> names, String declaredType, String described, String content) {
        for (String name : names) {
            String extension = FileNames.extension(FileNames.normalise(name));
            if (DOCUMENT_EXTENSIONS.contains(extension)) {
                return List.of(new Issue(ReasonCode.TYPE_MISMATCH, "\"" + FileNames.sanitise(name) + "\" is named like a ."
                    + extension + " file but is " + content + "."));
            }
        }
        for (String type : DOCUMENT_TYPES) {
            if (declaredType.startsWith(type)) {
                return List.of(new Issue(ReasonCode.TYPE_MISMATCH, described + " is declared as " + declaredType + " but is "
                    + content + "."));
            }
        }
        return List.of();
    }

    /** A name archive tools go by on content that is no archive ({@code content} describes it). */
    static List<Issue> namedLikeArchive(List<String> names, String content) {
        for (String name : names) {
            String extension = FileNames.extension(FileNames.normalise(name));
            if (ARCHIVE_EXTENSIONS.contains(extension)) {
                return List.of(new Issue(ReasonCode.TYPE_MISMATCH, "\"" + FileNames.sanitise(name) + "\" is named like a ."
                    + extension + " archive but is " + content + "; archive tools open files by their content, so it is "
                    + "either damaged or disguised."));
            }
        }
        return List.of();
    }

    /** True if two names denote different files once normalised. */
    static boolean disagree(String first, String second) {
        return !FileNames.normalise(first).equals(FileNames.normalise(second));
    }
}
