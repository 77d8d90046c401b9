package dev.postino.delay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;

/**
 * Where the personal-accounts mapping comes from: fixed text, or a file re-read whenever its
 * modification time or size changes (checked on each use; a stat is cheap next to processing a
 * message). A file that becomes unreadable or invalid keeps the last good mapping in force and
 * reports the problem, so a typo while editing never turns the rules off.
 */
public interface PersonalAccountsSource {

    PersonalAccounts current();

    /** A source that never changes. */
    static PersonalAccountsSource fixed(PersonalAccounts accounts) {
        return () -> accounts;
    }

    /**
     * Parses {@code value}: an inline list if it contains {@code =}, else the path of a file.
     * The file must exist and parse now; later changes are picked up by {@link #current()}.
     *
     * @param problems told about a later reload that failed (the previous mapping stays)
     */
    static PersonalAccountsSource of(String parameter, String value, Consumer<String> problems) {
        if (value == null || value.isBlank()) {
            return fixed(PersonalAccounts.NONE);
        }
        if (value.contains("=")) {
            return fixed(PersonalAccounts.parse(parameter, value));
        }
        return new ReloadingFile(parameter, Path.of(value.trim()), problems);
    }

    /** A mapping file re-read when it changes. */
    final class ReloadingFile implements PersonalAccountsSource {
        private static final long UNREADABLE = -1;

        private final Path file;
        private final Consumer<String> problems;
        private volatile Snapshot snapshot;

        private record Snapshot(FileTime modified, long size, PersonalAccounts accounts) {
        }

        ReloadingFile(String parameter, Path file, Consumer<String> problems) {
            this.file = file;
            this.problems = problems;
            try {
                this.snapshot = load();
            } catch (IOException e) {
                throw new IllegalArgumentException(parameter + ": cannot read '" + file + "': " + e, e);
            }
        }

        private Snapshot load() throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new Snapshot(attributes.lastModifiedTime(), attributes.size(), PersonalAccounts.parse(file.toString(), text));
        }

        @Override
        public PersonalAccounts current() {
            Snapshot known = snapshot;
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                return keep(known, null, e);
            }
            if (attributes.lastModifiedTime().equals(known.modified()) && attributes.size() == known.size()) {
                return known.accounts();
            }
            synchronized (this) {
                if (snapshot != known) {
                    return snapshot.accounts();
                }
                try {
                    snapshot = load();
                    return snapshot.accounts();
                } catch (IOException | RuntimeException e) {
                    return keep(known, attributes, e);
                }
            }
        }

        /** Keeps the last good mapping; remembers the bad version so it is reported once, not per message. */
        private PersonalAccounts keep(Snapshot known, BasicFileAttributes bad, Exception e) {
            if (bad != null) {
                snapshot = new Snapshot(bad.lastModifiedTime(), bad.size(), known.accounts());
            } else if (known.size() == UNREADABLE) {
                return known.accounts();
            } else {
                snapshot = new Snapshot(FileTime.fromMillis(0), UNREADABLE, known.accounts());
            }
            problems.accept("personal accounts file " + file + " could not be reloaded, keeping the previous "
                + known.accounts().size() + " entries: " + e.getMessage());
            return known.accounts();
        }
    }
}
