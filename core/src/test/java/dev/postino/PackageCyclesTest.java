package dev.postino;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.postino.attachments.AttachmentInspector;

/**
 * The packages of {@code core} form a layering: no package depends, directly or through others, on a
 * package that depends back on it. A cycle means two concepts can only be understood (and tested,
 * and moved) together. Dependencies are read twice: from the compiled classes with the JDK's
 * {@code jdeps}, which sees every class a class really uses, and from the sources' imports, which also
 * see the constants {@code javac} copies into the class that uses them (a dependency {@code jdeps}
 * cannot see).
 */
class PackageCyclesTest {

    private static final String PREFIX = "dev.postino";

    @Test
    void corePackagesDependOnEachOtherWithoutCycles() throws Exception {
        Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
        compiledDependencies(edges);
        sourceDependencies(edges);

        assertThat(edges).as("dependencies found at all (jdeps and the sources were read)")
            .containsKey("dev.postino.attachments");
        assertThat(cycles(edges)).as("package cycles among core's packages (package -> package: the classes behind it)")
            .isEmpty();
    }

    @Test
    void aCycleIsFoundAndNamedWithTheClassesBehindIt() {
        Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
        edge(edges, "dev.postino.a", "dev.postino.b", "dev.postino.a.One -> dev.postino.b.Two");
        edge(edges, "dev.postino.b", "dev.postino.c", "dev.postino.b.Two -> dev.postino.c.Three");
        edge(edges, "dev.postino.c", "dev.postino.a", "dev.postino.c.Three -> dev.postino.a.Four");
        edge(edges, "dev.postino.c", "dev.postino.d", "dev.postino.c.Three -> dev.postino.d.Five");

        assertThat(cycles(edges)).containsExactly("dev.postino.a -> dev.postino.b -> dev.postino.c -> dev.postino.a"
            + " [dev.postino.a.One -> dev.postino.b.Two; dev.postino.b.Two -> dev.postino.c.Three;"
            + " dev.postino.c.Three -> dev.postino.a.Four]");
    }

    @Test
    void aLayeringHasNoCycle() {
        Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
        edge(edges, "dev.postino.a", "dev.postino.b", "x");
        edge(edges, "dev.postino.a", "dev.postino.c", "x");
        edge(edges, "dev.postino.b", "dev.postino.c", "x");

        assertThat(cycles(edges)).isEmpty();
    }

    /** Class-to-class dependencies of the compiled main classes, by {@code jdeps -verbose:class}. */
    private static void compiledDependencies(Map<String, Map<String, Set<String>>> edges)
        throws URISyntaxException {
        Path classes = Path.of(AttachmentInspector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("the JDK has no jdeps"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-e", "dev\\.postino\\..*",
            classes.toString());
        assertThat(status).as("jdeps exit status; stderr: %s", err).isZero();
        Pattern line = Pattern.compile("^\\s+(dev\\.postino\\.[\\w.$]+)\\s+->\\s+(dev\\.postino\\.[\\w.$]+)\\s");
        for (String text : out.toString().split("\\R")) {
            Matcher m = line.matcher(text);
            if (m.find()) {
                edge(edges, packageOf(m.group(1)), packageOf(m.group(2)), m.group(1) + " -> " + m.group(2));
            }
        }
    }

    /** Imports of core's main sources: they also name the classes whose constants were inlined. */
    private static void sourceDependencies(Map<String, Map<String, Set<String>>> edges) throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertThat(sources).as("core's sources (tests run in the module folder)").isDirectory();
        Pattern packageLine = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
        Pattern importLine = Pattern.compile("^import\\s+(?:static\\s+)?(dev\\.postino\\.[\\w.]+?)(?:\\.\\*)?\\s*;",
            Pattern.MULTILINE);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher declared = packageLine.matcher(text);
            if (!declared.find()) {
                continue;
            }
            String from = declared.group(1);
            Matcher imports = importLine.matcher(text);
            while (imports.find()) {
                String target = imports.group(1);
                edge(edges, from, packageOfImport(target), file.getFileName() + " imports " + target);
            }
        }
    }

    private static void edge(Map<String, Map<String, Set<String>>> edges, String from, String to, String because) {
        if (from.equals(to) || !from.startsWith(PREFIX) || !to.startsWith(PREFIX)) {
            return;
        }
        edges.computeIfAbsent(from, key -> new TreeMap<>()).computeIfAbsent(to, key -> new TreeSet<>()).add(because);
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** The package part of an imported name: the segments before the first upper-case one (Java naming). */
    private static String packageOfImport(String name) {
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("\\.")) {
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                break;
            }
            segments.add(segment);
        }
        return String.join(".", segments);
    }

    /**
     * For every package on a cycle, one cycle through it, found by a depth-first search from each package
     * over the packages after it (so each cycle is written once, from its first package), with one
     * class-level reason per edge.
     */
    static List<String> cycles(Map<String, Map<String, Set<String>>> edges) {
        Set<String> found = new LinkedHashSet<>();
        for (String start : edges.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            path.add(start);
            search(edges, start, path, found, new HashMap<>());
        }
        return List.copyOf(found);
    }

    private static void search(Map<String, Map<String, Set<String>>> edges, String start, Deque<String> path,
                               Set<String> found, Map<String, Boolean> visited) {
        String here = path.peekLast();
        for (String next : edges.getOrDefault(here, Map.of()).keySet()) {
            if (next.equals(start)) {
                found.add(describe(edges, new ArrayList<>(path)));
            } else if (next.compareTo(start) > 0 && !path.contains(next) && visited.putIfAbsent(next, true) == null) {
                path.addLast(next);
                search(edges, start, path, found, visited);
                path.removeLast();
            }
        }
    }

    private static String describe(Map<String, Map<String, Set<String>>> edges, List<String> cycle) {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            String from = cycle.get(i);
            String to = cycle.get((i + 1) % cycle.size());
            reasons.add(edges.get(from).get(to).iterator().next());
        }
        return String.join(" -> ", cycle) + " -> " + cycle.get(0) + " [" + String.join("; ", reasons) + "]";
    }
}
