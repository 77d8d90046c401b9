package dev.postino.admin.quarantine;

import java.util.Objects;

/**
 * One reason a message is held, as the attachment inspection stored it on the mail: the reason
 * code, the MIME section ({@code ""} for the whole message), the path into archives, the sentence,
 * and the file name. Everything but {@code code} and {@code section} may carry text the sender chose.
 */
public record Finding(String code, String section, String path, String message, String filename) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(filename, "filename");
    }
}
