package dev.postino.attachments;

import java.util.ArrayList;
import java.util.List;

import dev.postino.attachments.names.FileNames;

/** Where a piece of content sits: the top-level section carrying it and the human path to it. */
record Location(String section, List<String> path) {

    Location {
        path = List.copyOf(path);
    }

    static Location message() {
        return new Location("", List.of());
    }

    Location child(String segment) {
        List<String> longer = new ArrayList<>(path);
        longer.add(FileNames.sanitise(segment));
        return new Location(section, longer);
    }

    String text() {
        return path.isEmpty() ? "the message" : String.join(Finding.PATH_SEPARATOR, path);
    }
}
