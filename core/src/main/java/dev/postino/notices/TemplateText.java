package dev.postino.notices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an admin's template comes from, the same for every notice parameter: the text itself,
 * written in the parameter, or {@code file:} and the path of a UTF-8 file read once at start.
 */
public final class TemplateText {

    /** Marks a parameter value as the path of a file rather than the text itself. */
    public static final String FILE_PREFIX = "file:";

    private TemplateText() {
    }

    /**
     * The template {@code value} stands for: empty when it is null or blank (the built-in text applies).
     *
     * @throws IllegalArgumentException naming {@code parameter} and the file when a file cannot be read
     */
    public static Optional<String> read(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String stripped = value.strip();
        if (stripped.startsWith(FILE_PREFIX)) {
            return Optional.of(readFile(parameter, stripped.substring(FILE_PREFIX.length()).strip()));
        }
        return Optional.of(stripped);
    }

    /** The text of the UTF-8 file at {@code path}. */
    public static String readFile(String parameter, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(parameter + ": cannot read '" + path + "': " + e, e);
        }
    }
}
