package dev.postino.attachments;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.postino.attachments.names.FileNames;

/** The checks every name of a part or archive entry goes through. */
public final class NameCheck {

    /** One problem with one name. */
    public record Issue(ReasonCode code, String message) {
    }

    /**
     * A "disguise" extension: 1–5 characters with a letter (pdf, doc, jpeg, txt), as Amavis's
     * {@code \.[^./]*[A-Za-z][^./]*\.\s*exe} rule; numbers such as {@code v2.1} or {@code (1)} are not one
     * (rspamd's exceptions).
     */
    private static final Pattern DISGUISE = Pattern.compile("[a-z0-9_]{0,4}[a-z][a-z0-9_]{0,4}");

    private final Set<String> blocked;

    public NameCheck(Set<String> blockedExtensions) {
        this.blocked = Set.copyOf(blockedExtensions);
    }

    public List<Issue> check(String rawName) {
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

    /** True if two names denote different files once normalised. */
    public static boolean disagree(String first, String second) {
        return !FileNames.normalise(first).equals(FileNames.normalise(second));
    }
}
