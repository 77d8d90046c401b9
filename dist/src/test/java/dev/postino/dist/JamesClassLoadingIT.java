package dev.postino.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drop-in jar works when loaded the way James 3.9.0 loads extensions.
 *
 * <p>Three loaders, none of which sees this test's class path (which holds the unshaded Postino
 * modules, tika-core, commons-compress and xz):
 * <ul>
 *   <li>{@code james}: James's server class path, only the jars James ships (copied to
 *       {@code target/james-lib/} by the build, see dist/pom.xml; James's commons-compress 1.27.1
 *       without xz), plus mailet-test's fakes; its parent is the platform loader;</li>
 *   <li>{@code extensions}: James's {@code ExtendedClassLoader}, {@code new URLClassLoader(jars,
 *       serverLoader)}, parent-first, holding only {@code postino-0.1.0.jar};</li>
 *   <li>{@code container}: {@link JamesSide}, a child of {@code james} in the place of James's
 *       mailet container, which asks {@code extensions} for Postino's classes by name.</li>
 * </ul>
 * The thread context class loader is the server's, as on James's own threads.
 */
class JamesClassLoadingIT {

    /** Every matcher and mailet in the jar, with a minimal valid configuration each. */
    private static final Map<String, Map<String, String>> CONFIGS = new TreeMap<>(Map.ofEntries(
        Map.entry("dev.postino.matchers.HasDangerousAttachment", Map.of()),
        Map.entry("dev.postino.matchers.HasReceiptRequest", Map.of("condition", "remote")),
        Map.entry("dev.postino.matchers.IsDeliveryReport", Map.of()),
        Map.entry("dev.postino.matchers.IsIntraCompany", Map.of("condition", "acme.example")),
        Map.entry("dev.postino.matchers.IsReadReceipt", Map.of("condition", "remote")),
        Map.entry("dev.postino.matchers.LooksLikeReadReceipt", Map.of()),
        Map.entry("dev.postino.matchers.SubjectLongerThan", Map.of("condition", "200")),
        Map.entry("dev.postino.mailets.DropReceipt", Map.of()),
        Map.entry("dev.postino.mailets.InspectAttachments", Map.of()),
        Map.entry("dev.postino.mailets.ProductivityDelay", Map.of("domains", "acme.example")),
        Map.entry("dev.postino.mailets.QuarantineAttachments", Map.of("repository", "memory://var/mail/quarantine/")),
        Map.entry("dev.postino.mailets.StripReceiptRequests", Map.of()),
        Map.entry("dev.postino.mailets.TruncateSubject", Map.of())));

    private static URL postinoJar;
    private static List<String> postinoClasses;
    private static URLClassLoader james;
    private static URLClassLoader extensions;
    private static URLClassLoader container;
    private static Class<?> jamesSide;

    @BeforeAll
    static void loadLikeJames() throws Exception {
        Path jar = Path.of(System.getProperty("postino.jar"));
        postinoJar = jar.toUri().toURL();
        try (JarFile file = new JarFile(jar.toFile())) {
            postinoClasses = file.stream().map(JarEntry::getName)
                .filter(n -> n.startsWith("dev/postino/") && !n.startsWith("dev/postino/shaded/") && n.endsWith(".class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .sorted().toList();
        }
        List<URL> jamesJars = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("james.lib")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jamesJars.add(file.toUri().toURL());
            }
        }
        james = new URLClassLoader("james-server", jamesJars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        extensions = new URLClassLoader("extensions-jars", new URL[] {postinoJar}, james);
        URL testClasses = JamesSide.class.getProtectionDomain().getCodeSource().getLocation();
        container = new URLClassLoader("container", new URL[] {testClasses}, james);
        jamesSide = container.loadClass(JamesSide.class.getName());
    }

    @AfterAll
    static void close() throws IOException {
        container.close();
        extensions.close();
        james.close();
    }

    @Test
    void theLoadersAreIsolatedFromTheTestClassPath() throws Exception {
        assertThat(jamesSide.getClassLoader()).isSameAs(container);
        assertThat(extensions.loadClass("dev.postino.mailets.InspectAttachments").getProtectionDomain()
            .getCodeSource().getLocation()).isEqualTo(postinoJar);
        assertThat(extensions.loadClass("org.apache.mailet.Mailet").getClassLoader()).isSameAs(james);
        assertThatThrownBy(() -> james.loadClass("dev.postino.mailets.InspectAttachments"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> container.loadClass("dev.postino.attachments.AttachmentInspector"))
            .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theMailetsNameTheVersionTheJarIsBuiltAs() throws Exception {
        String fileName = Path.of(postinoJar.toURI()).getFileName().toString();
        String version = fileName.substring("postino-".length(), fileName.length() - ".jar".length());

        assertThat(extensions.loadClass("dev.postino.PostinoVersion").getMethod("current").invoke(null)).isEqualTo(version);
    }

    @Test
    void jamesShipsCommonsCompressButNoXzCodec() throws Exception {
        assertThat(extensions.loadClass("org.apache.commons.compress.archivers.tar.TarArchiveInputStream")
            .getClassLoader()).isSameAs(james);
        assertThatThrownBy(() -> extensions.loadClass("org.tukaani.xz.XZInputStream"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> extensions.loadClass("org.apache.tika.Tika"))
            .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void everyPostinoClassInTheJarLoadsAndInitialisesAgainstJamesJarsAlone() throws Exception {
        List<String> failures = new ArrayList<>();
        onJamesThread(() -> {
            for (String name : postinoClasses) {
                try {
                    Class.forName(name, true, extensions);
                } catch (ReflectiveOperationException | LinkageError e) {
                    failures.add(name + ": " + causes(e));
                }
            }
            return null;
        });
        assertThat(postinoClasses).hasSizeGreaterThan(CONFIGS.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void theJarHoldsExactlyTheMatchersAndMailetsConfiguredHere() throws Exception {
        List<String> found = new ArrayList<>();
        for (String name : postinoClasses) {
            if ((Boolean) onJamesSide("isMatcherOrMailet", extensions, name)) {
                found.add(name);
            }
        }
        assertThat(found).containsExactlyElementsOf(CONFIGS.keySet());
    }

    @Test
    void everyMatcherAndMailetInstantiatesAndInitialisesByName() throws Exception {
        Map<String, String> failures = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> entry : CONFIGS.entrySet()) {
            try {
                Object info = onJamesSide("loadAndInit", extensions, entry.getKey(), entry.getValue());
                assertThat((String) info).as(entry.getKey()).isNotBlank();
            } catch (Exception | LinkageError e) {
                failures.put(entry.getKey(), causes(e));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void inspectAttachmentsFindsTheExeInsideATarXzThroughTheRelocatedCompressAndXz() throws Exception {
        // .xz itself is a blocked extension by default: unblock it, so the verdict can only come
        // from the .exe found by opening the archive (an unreadable one gives UNINSPECTABLE_ARCHIVE).
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) onJamesSide("service", extensions,
            "dev.postino.mailets.InspectAttachments", Map.of("removeBlockedExtensions", "xz"), messageWithTarXzHoldingAnExe());

        assertThat(after).containsEntry("postino.attachments.verdict", "dangerous");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) after.get("postino.attachments.findings");
        assertThat(findings).isNotEmpty()
            .allSatisfy(f -> assertThat(f.get("code")).isIn("BLOCKED_EXTENSION", "EXECUTABLE_CONTENT"))
            .anySatisfy(f -> assertThat(f.get("path")).asString().contains("fattura.tar.xz").endsWith("setup.exe"));
    }

    @Test
    void truncateSubjectCutsALongSubject() throws Exception {
        String subject = String.join(" ", Collections.nCopies(40, "Offerta speciale"));
        byte[] eml = ("From: anna.bianchi@acme.example\r\nTo: client@example.com\r\nSubject: " + subject
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nCiao\r\n").getBytes(StandardCharsets.US_ASCII);

        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) onJamesSide("service", extensions,
            "dev.postino.mailets.TruncateSubject", Map.of(), eml);

        assertThat((String) after.get("Subject")).startsWith("Offerta speciale Offerta").endsWith("\u2026")
            .hasSizeLessThanOrEqualTo(200);
        assertThat(after).containsEntry("postino.subject.originalLength", subject.length());
    }

    @Test
    void isReadReceiptMatchesAnMdn() throws Exception {
        byte[] mdn = """
            From: anna.bianchi@acme.example\r
            To: client@example.com\r
            Subject: Read: Offerta\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=disposition-notification; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain\r
            \r
            Your message was displayed.\r
            --b\r
            Content-Type: message/disposition-notification\r
            \r
            Final-Recipient: rfc822; anna.bianchi@acme.example\r
            Disposition: manual-action/MDN-sent-manually; displayed\r
            --b--\r
            """.getBytes(StandardCharsets.US_ASCII);

        assertThat(onJamesSide("match", extensions, "dev.postino.matchers.IsReadReceipt", mdn))
            .isEqualTo(List.of("client@example.com"));
    }

    /** The exception and its causes, innermost last: a class-loading failure shows its missing class. */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    /** Calls a static method of {@link JamesSide} as loaded in the container loader. */
    private static Object onJamesSide(String method, Object... arguments) throws Exception {
        Method target = Stream.of(jamesSide.getMethods()).filter(m -> m.getName().equals(method)).findFirst().orElseThrow();
        return onJamesThread(() -> {
            try {
                return target.invoke(null, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        });
    }

    /**
     * Runs {@code work} with the server loader as the thread's context class loader, as on James's
     * threads. Otherwise Jakarta Mail's ServiceLoader would find the test class path's Angus,
     * whose providers do not implement the server loader's interfaces.
     */
    private static <T> T onJamesThread(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(james);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * A mail with {@code fattura.tar.xz} holding {@code setup.exe}, 512 bytes starting with
     * {@code MZ}, built here with the test class path's (unshaded) commons-compress.
     */
    private static byte[] messageWithTarXzHoldingAnExe() throws IOException {
        byte[] program = new byte[512];
        program[0] = 'M';
        program[1] = 'Z';
        java.io.ByteArrayOutputStream tarXzBytes = new java.io.ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new org.apache.commons.compress.compressors.xz.XZCompressorOutputStream(tarXzBytes))) {
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("setup.exe");
            entry.setSize(program.length);
            tar.putArchiveEntry(entry);
            tar.write(program);
            tar.closeArchiveEntry();
        }
        byte[] tarXz = tarXzBytes.toByteArray();
        String attachment = Base64.getMimeEncoder().encodeToString(tarXz);
        return ("""
            From: anna.bianchi@acme.example\r
            To: client@example.com\r
            Subject: Fattura\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain\r
            \r
            In allegato la fattura.\r
            --b\r
            Content-Type: application/x-xz; name="fattura.tar.xz"\r
            Content-Disposition: attachment; filename="fattura.tar.xz"\r
            Content-Transfer-Encoding: base64\r
            \r
            """ + attachment + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
