package dev.postino.attachments.names;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The default list of blocked file extensions: the union of Gmail's blocked file types
 * (https://support.google.com/mail/answer/6590) and Exchange Online's default common attachment
 * filter (microsoft-365-docs, anti-malware-protection-about.md), as recorded in
 * docs research of November 2026. Admins add or remove entries with the mailet parameters.
 */
public final class BlockedExtensions {

    /** Gmail's blocked types. */
    public static final Set<String> GMAIL = Set.of(
        "ade", "adp", "apk", "appx", "appxbundle", "bat", "cab", "chm", "cmd", "com", "cpl", "diagcab",
        "diagcfg", "diagpkg", "dll", "dmg", "ex", "ex_", "exe", "hta", "img", "ins", "iso", "isp", "jar",
        "jnlp", "js", "jse", "lib", "lnk", "mde", "mjs", "msc", "msi", "msix", "msixbundle", "msp", "mst",
        "nsh", "pif", "ps1", "scr", "sct", "shb", "sys", "vb", "vbe", "vbs", "vhd", "vxd", "wsc", "wsf",
        "wsh", "xll");

    /** Exchange Online's default common attachment filter. */
    public static final Set<String> EXCHANGE_ONLINE = Set.of(
        "ace", "apk", "app", "appx", "ani", "arj", "bat", "cab", "cmd", "com", "deb", "dex", "dll", "docm",
        "elf", "exe", "hta", "img", "iso", "jar", "jnlp", "kext", "lha", "lib", "library", "lnk", "lzh",
        "macho", "msc", "msi", "msix", "msp", "mst", "pif", "ppa", "ppam", "reg", "rev", "scf", "scr", "sct",
        "sys", "uif", "vb", "vbe", "vbs", "vxd", "wsc", "wsf", "wsh", "xll", "xz", "z");

    /** The union of both, sorted. */
    public static final Set<String> DEFAULTS;

    static {
        TreeSet<String> union = new TreeSet<>(GMAIL);
        union.addAll(EXCHANGE_ONLINE);
        DEFAULTS = Set.copyOf(union);
    }

    private BlockedExtensions() {
    }

    /** Lower-cases, strips a leading {@code *.} or {@code .}, drops blanks. */
    public static Set<String> normalise(Collection<String> extensions) {
        TreeSet<String> result = new TreeSet<>();
        for (String extension : extensions) {
            String clean = extension.trim().toLowerCase(Locale.ROOT);
            while (clean.startsWith("*") || clean.startsWith(".")) {
                clean = clean.substring(1);
            }
            if (!clean.isEmpty()) {
                result.add(clean);
            }
        }
        return result;
    }
}
