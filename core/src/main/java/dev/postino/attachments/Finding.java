package dev.postino.attachments;

import java.util.List;
import java.util.Objects;

/**
 * One thing the inspector found.
 *
 * @param code     stable reason code
 * @param section  IMAP-style section number of the top-level leaf part that carries it ({@code "2"},
 *                 {@code "1.2"}); {@code ""} for the whole message
 * @param path     human path segments, e.g. {@code [part 2, bollettino.zip, bollettino.pdf.exe]}
 * @param message  one sentence for people
 * @param filename sanitised leaf file name, or {@code ""}
 * @param action   what the policy made of it
 */
public record Finding(ReasonCode code, String section, List<String> path, String message, String filename,
                      Action action) {

    public static final String PATH_SEPARATOR = " › ";

    public Finding {
        Objects.requireNonNull(code, "code");
        section = Objects.requireNonNullElse(section, "");
        path = List.copyOf(path);
        message = Objects.requireNonNullElse(message, "");
        filename = Objects.requireNonNullElse(filename, "");
        Objects.requireNonNull(action, "action");
    }

    /** The path as one line, {@code part 2 › bollettino.zip › bollettino.pdf.exe}; "message" when empty. */
    public String pathText() {
        return path.isEmpty() ? "message" : String.join(PATH_SEPARATOR, path);
    }

    @Override
    public String toString() {
        return code + " at " + pathText() + ": " + message;
    }
}
