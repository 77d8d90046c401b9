package dev.postino.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void holdsTheBundledLibrariesRelocated() {
        assertThat(classes).anyMatch(n -> n.startsWith("dev/postino/shaded/org/apache/tika/"));
        // James's own commons-compress cannot see an xz codec in an extension jar: ours travels with it.
        assertThat(classes).anyMatch(n -> n.startsWith("dev/postino/shaded/org/apache/commons/compress/"));
        assertThat(classes).anyMatch(n -> n.startsWith("dev/postino/shaded/org/tukaani/xz/"));
    }

    @Test
    void versionIsInTheFileName() {
        assertThat(Path.of(System.getProperty("postino.jar")).getFileName().toString())
            .matches("postino-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\.jar");
        assertThat(Files.isRegularFile(Path.of(System.getProperty("postino.jar")))).isTrue();
    }
}
