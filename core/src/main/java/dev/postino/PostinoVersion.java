package dev.postino;

/**
 * The version of Postino that is running, as the drop-in jar's manifest states it
 * ({@code Implementation-Version}), so each mailet can say at start which release an administrator
 * is looking at. Classes loaded from a build directory or an IDE have no manifest: they report
 * {@value #DEVELOPMENT_BUILD}.
 */
public final class PostinoVersion {

    /** What is reported when the classes do not come from a jar that names its version. */
    public static final String DEVELOPMENT_BUILD = "development build";

    private PostinoVersion() {
    }

    /** The running version, e.g. {@code 0.1.0}, or {@value #DEVELOPMENT_BUILD}. */
    public static String current() {
        String version = PostinoVersion.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? DEVELOPMENT_BUILD : version.strip();
    }
}
