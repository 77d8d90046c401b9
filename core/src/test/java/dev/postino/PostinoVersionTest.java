package dev.postino;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostinoVersionTest {

    private static final String CLASS_ENTRY = "dev/postino/PostinoVersion.class";

    @TempDir
    Path directory;

    @Test
    void classesOutsideAJarAreADevelopmentBuild() {
        assertThat(PostinoVersion.current()).isEqualTo(PostinoVersion.DEVELOPMENT_BUILD);
    }

    @Test
    void aJarReportsTheImplementationVersionOfItsManifest() throws Exception {
        Path jar = jarWith("0.9.3");

        assertThat(currentFrom(jar)).isEqualTo("0.9.3");
    }

    @Test
    void aJarWhoseManifestNamesNoVersionIsADevelopmentBuild() throws Exception {
        Path jar = jarWith(null);

        assertThat(currentFrom(jar)).isEqualTo(PostinoVersion.DEVELOPMENT_BUILD);
    }

    /** A real jar holding this very class, with the manifest the drop-in jar is built with. */
    private Path jarWith(String version) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "Postino");
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        Path jar = directory.resolve("postino-" + version + ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = PostinoVersion.class.getClassLoader().getResourceAsStream(CLASS_ENTRY)) {
            out.putNextEntry(new JarEntry(CLASS_ENTRY));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** Loads the class from the jar alone (not from this test's class path) and asks it. */
    private static String currentFrom(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> loaded = loader.loadClass(PostinoVersion.class.getName());
            assertThat(loaded).isNotSameAs(PostinoVersion.class);
            return (String) loaded.getMethod("current").invoke(null);
        }
    }
}
