package dev.postino.attachments;

import java.util.List;

import dev.postino.attachments.names.FileNames;

/**
 * A piece of content being judged: where it sits, the names it goes by (a MIME part's
 * Content-Disposition and Content-Type names, or an archive entry's name), the type it was declared as
 * (or, for an archive entry, hinted at by its name) and how many containers deep it is.
 */
final class Part {

    private final Location location;
    private final List<String> names;
    private final String declaredType;
    private final int depth;
    private final String leafName;

    Part(Location location, List<String> names, String declaredType, int depth) {
        this.location = location;
        this.names = names;
        this.declaredType = declaredType;
        this.depth = depth;
        this.leafName = names.isEmpty() ? "" : leafOf(names.get(0));
    }

    Location location() {
        return location;
    }

    List<String> names() {
        return names;
    }

    String declaredType() {
        return declaredType;
    }

    int depth() {
        return depth;
    }

    /** The file name findings carry: the first name's last path segment, sanitised; {@code ""} without a name. */
    String leafName() {
        return leafName;
    }

    /** The first name's extension, normalised; {@code ""} without a name. */
    String extension() {
        return names.isEmpty() ? "" : FileNames.extension(FileNames.normalise(names.get(0)));
    }

    /** How a finding's sentence starts when it speaks of this part. */
    String described() {
        return describe(leafName);
    }

    /** The file name a finding carries for a name that may be a path ({@code docs/fattura.pdf.exe}). */
    static String leafOf(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return FileNames.sanitise(slash >= 0 && slash < name.length() - 1 ? name.substring(slash + 1) : name);
    }

    /** {@code "fattura.pdf"}, quoted, or "This part" for content without a name. */
    static String describe(String leafName) {
        return leafName.isEmpty() ? "This part" : "\"" + leafName + "\"";
    }
}
