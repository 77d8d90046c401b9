package dev.postino.quarantine;

import java.util.Objects;

/**
 * One reason a message was held, as the inspector reported it: the reason {@code code}, the MIME
 * {@code section} of the top-level part carrying it ({@code ""} = the whole message), the human
 * {@code path} inside archives, the inspector's {@code message} and the leaf {@code filename}.
 * Every text field may be attacker-influenced; render through {@link SafeText}.
 */
public record HeldAttachment(String code, String section, String path, String message, String filename) {

    public HeldAttachment {
        code = Objects.requireNonNullElse(code, "");
        section = Objects.requireNonNullElse(section, "").trim();
        path = Objects.requireNonNullElse(path, "");
        message = Objects.requireNonNullElse(message, "");
        filename = Objects.requireNonNullElse(filename, "");
    }

    /** True when the finding is about the message as a whole rather than one part. */
    public boolean wholeMessage() {
        return section.isEmpty();
    }

    /** The name to show: the archive path when there is one (it tells the .exe inside the .zip), else the file name. */
    public String shownName() {
        if (!path.isBlank()) {
            return path;
        }
        return filename;
    }
}
