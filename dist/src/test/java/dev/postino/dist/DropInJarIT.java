package dev.postino.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drop-in jar must hold Postino and its relocated extras, and nothing James already ships:
 * a second copy of jakarta.mail or the mailet API in extensions-jars/ leads to class-loader
 * clashes that only show at run time in production.
 */
class DropInJarIT {

    /** Packages a James 3.9.0 server provides (docs/james-classpath.md); none may be inside the drop-in jar. */
    private static final List<String> PROVIDED_BY_JAMES = List.of(
        "jakarta/", "javax/", "org/apache/james/", "org/apache/mailet/", "org/slf4j/",
        "com/google/", "org/apache/commons/io/", "org/apache/commons/codec/",
        "org/apache/commons/lang3/", "org/apache/commons/compress/", "org/apache/commons/configuration2/",
        "reactor/", "org/eclipse/angus/", "com/sun/mail/", "ch/qos/logback/");

    private static List<String> classes;

    @BeforeAll
    static void readJar() throws IOException {
        Path jar = Path.of(System.getProperty("postino.jar"));
        assertThat(jar).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            classes = file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
        }
    }

    @Test
    void containsNoPackageJamesAlreadyProvides() {
        assertThat(classes).noneMatch(name -> PROVIDED_BY_JAMES.stream().anyMatch(name::startsWith));
    }

    @Test
    void everyThirdPartyClassIsRelocatedUnderDevPostinoShaded() {
        assertThat(classes).allMatch(name -> name.startsWith("dev/postino/"));
    }

    /** Every module the matchers and mailets load classes from: a missing one would only show when James loads them. */
    @Test
    void holdsEveryPostinoModule() {
        for (String pkg : List.of("dev/postino/attachments/", "dev/postino/james/", "dev/postino/matchers/",
                "dev/postino/mailets/", "dev/postino/admin/")) {
            assertThat(classes).as(pkg).anyMatch(name -> name.startsWith(pkg));
        }
        assertThat(classes).contains("dev/postino/james/AttachmentVerdictAttributes.class", "dev/postino/james/MessageHeaders.class");
    }

    @Test
    void holdsTheBundledLibrariesRelocated() {
        assertThat(classes).anyMatch(n -> n.startsWith("dev/postino/shaded/org/apache/tika/"));
        // James's own commons-compress cannot see an xz codec in an extension jar: ours travels with it.
        assertThat(classes).anyMatch(n -> n.startsWith("dev/postino/shaded/org/apache/commons/compress/"));
        assertThat(classes).anyMatch(n -> n.startsWith("dev/postino/shaded/org/tukaani/xz/"));
    }

    private static final List<String> RELOCATED = List.of("org/apache/commons/compress/", "org/apache/tika/", "org/tukaani/");

    private static boolean contains(byte[] bytes, String text) {
        byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The jar holds the Postino classes of this build, not an earlier one's: a stale drop-in jar
     * once reached the real-server check and hid a fix.
     */
    @Test
    void everyPostinoClassIsTheOneJustCompiled() throws IOException {
        Path modules = Path.of(System.getProperty("postino.modules"));
        List<String> stale = new ArrayList<>();
        int compared = 0;
        try (JarFile jar = new JarFile(System.getProperty("postino.jar"))) {
            for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")
                    && !e.getName().startsWith("dev/postino/shaded/")).toList()) {
                Path compiled = null;
                for (String module : List.of("core", "adapters", "matchers", "mailets", "admin")) {
                    Path candidate = modules.resolve(module).resolve("target/classes").resolve(entry.getName());
                    if (Files.exists(candidate)) {
                        compiled = candidate;
                    }
                }
                assertThat(compiled).as("%s comes from no module's target/classes", entry.getName()).isNotNull();
                byte[] built = Files.readAllBytes(compiled);
                if (RELOCATED.stream().anyMatch(name -> contains(built, name))) {
                    continue;   // rewritten by the relocation, so never byte-equal
                }
                try (var in = jar.getInputStream(entry)) {
                    if (!Arrays.equals(in.readAllBytes(), built)) {
                        stale.add(entry.getName());
                    }
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(stale).as("classes in the jar that differ from the build").isEmpty();
    }

    @Test
    void runsAsACommandWithNothingButTheJdk() throws Exception {
        Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(javaCommand.toString(), "-jar", System.getProperty("postino.jar"), "--version")
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output.strip()).isEqualTo("postino " + Path.of(System.getProperty("postino.jar")).getFileName()
            .toString().replace("postino-", "").replace(".jar", ""));
    }

    @Test
    void carriesTheLicencesAndNoticesOfWhatItBundles() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("postino.jar"))) {
            assertThat(text(jar, "META-INF/LICENSE")).contains("Apache License").contains("Version 2.0, January 2004");
            assertThat(text(jar, "META-INF/NOTICE")).startsWith("Postino\nCopyright 2026 The Postino authors")
                .contains("Apache Tika core").contains("Apache Commons Compress").contains("XZ for Java")
                .doesNotContain("Postino\nCopyright 2006");
            assertThat(text(jar, "META-INF/LICENSE-tika-core.txt")).contains("APACHE TIKA SUBCOMPONENTS");
            assertThat(text(jar, "META-INF/LICENSE-xz.txt")).contains("0BSD");
        }
    }

    private static String text(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (var in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void versionIsInTheFileName() {
        assertThat(Path.of(System.getProperty("postino.jar")).getFileName().toString())
            .matches("postino-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\.jar");
        assertThat(Files.isRegularFile(Path.of(System.getProperty("postino.jar")))).isTrue();
    }
}
