package dev.postino.attachments;

import java.net.IDN;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.postino.attachments.ReasonCode.Category;
import dev.postino.parameters.ParameterValues;

/**
 * Envelope senders whose encrypted attachments are accepted: for their mail, findings of the
 * {@link Category#ENCRYPTED} category are recorded ({@link Action#REPORT}) instead of making the verdict
 * dangerous. Every other finding keeps its policy, so a listed partner whose encrypted zip travels with
 * an {@code .exe} still gets a dangerous verdict; and where the policy already reports or ignores
 * encrypted content, the allowlist changes nothing. Immutable and thread-safe.
 *
 * <p>The use case is a known partner who sends password-protected documents on purpose (payslips from
 * the payroll office, contracts from a notary): the inspector cannot look inside them, so by default
 * they are quarantined, which is right for everybody else (research: password-protected archives with
 * the password in the body are a common malware carrier).
 *
 * <h2>Entries</h2>
 * <ul>
 *   <li>{@code paghe@studio-rossi.example}: that address only;</li>
 *   <li>{@code @studio-rossi.example}: every address at exactly that domain. <b>Subdomains do not
 *       match</b> ({@code @studio-rossi.example} does not allow {@code x@mail.studio-rossi.example}):
 *       subdomains are often run by someone else (a newsletter provider, a hosted help desk), and an
 *       allowlist is a hole in the filter, so each one must be listed on purpose.</li>
 * </ul>
 * Domains compare case-insensitively, and internationalised domains in their ASCII form
 * ({@code @università.example} and {@code @xn--universit-y1a.example} are the same entry). Local parts
 * compare case-insensitively too: RFC 5321 §2.4 lets a server tell {@code Paghe} from {@code paghe},
 * but no real one does, and an admin who copies an address from a signature expects it to match. Nothing
 * else is folded: no {@code +tag} sub-addresses, no dots removed, because their meaning belongs to the
 * partner's server. Entries are dot-atoms (RFC 5322 §3.2.3, UTF-8 allowed as in RFC 6531); quoted local
 * parts, address literals ({@code @[192.0.2.1]}), wildcards and bare domains without {@code @} are
 * rejected with the reason, so a typo fails at start-up instead of silently allowing nobody (or
 * everybody: to accept encrypted content from every sender, set the policy to report instead).
 *
 * <h2>Spoofing</h2>
 * The envelope sender is whatever the sending client wrote in {@code MAIL FROM}: anybody can claim to be
 * {@code paghe@studio-rossi.example}. An allowlist on the bare address would let any attacker who guesses
 * (or reads on a website) a partner's address deliver encrypted malware past the filter. So a listed
 * sender matches only with a {@link Proof} that the address is really theirs; by default
 * {@link Proof#AUTH}: the mail was submitted with SMTP AUTH as that sender, which covers the company's own
 * users. A partner's mail arrives unauthenticated: for it, require {@link Proof#SPF} and run James's
 * {@code SPF} mailet before the inspection. Even an SPF pass only proves that the sending host is allowed
 * by the domain's SPF record, and shared providers often allow all of their customers, so keep the list
 * short and prefer full addresses. Requiring nothing ({@link #NOTHING}) is only sound when the SMTP layer
 * already rejects forged senders.
 *
 * <p>The null sender ({@code MAIL FROM:<>}, bounces and notifications) never matches.
 */
public final class SenderAllowlist {

    /** What shows that a mail really comes from its envelope sender. */
    public enum Proof {
        /**
         * Submitted with SMTP AUTH as that sender: the authenticated user equals the sender address, or,
         * on a server without virtual hosting, its local part. James binds the authenticated session to
         * its {@code MAIL FROM} itself ({@code verifyIdentity}, on by default).
         */
        AUTH,
        /** The SPF check of the sender's domain passed (James's {@code SPF} mailet result {@code pass}). */
        SPF
    }

    /** Require no proof: the bare envelope sender decides (forgeable; see the class comment). */
    public static final Set<Proof> NOTHING = Set.of();

    /** The default proof: SMTP AUTH as the sender. */
    public static final Set<Proof> DEFAULT_PROOFS = Set.of(Proof.AUTH);

    /** No sender is listed. */
    public static final SenderAllowlist EMPTY = new SenderAllowlist(Map.of(), DEFAULT_PROOFS);

    /**
     * What the inspector knows about who sent a mail.
     *
     * @param address           envelope sender ({@code local@domain}); {@code null} or empty for the null sender
     * @param authenticatedUser SMTP AUTH user name, or {@code null}/empty when not authenticated
     * @param spfResult         result of an earlier SPF check ({@code pass}, {@code fail}, …), or {@code null}/empty
     */
    public record Sender(String address, String authenticatedUser, String spfResult) {
        public Sender {
            address = Objects.requireNonNullElse(address, "").strip();
            authenticatedUser = Objects.requireNonNullElse(authenticatedUser, "").strip();
            spfResult = Objects.requireNonNullElse(spfResult, "").strip();
        }

        /** A sender with no proof at all. */
        public static Sender unverified(String address) {
            return new Sender(address, null, null);
        }

        /** The proofs this sender shows, whatever the allowlist requires (for audit logs). */
        public Set<Proof> proofsShown() {
            EnumSet<Proof> shown = EnumSet.noneOf(Proof.class);
            for (Proof proof : Proof.values()) {
                if (proves(proof)) {
                    shown.add(proof);
                }
            }
            return Set.copyOf(shown);
        }

        boolean proves(Proof proof) {
            return switch (proof) {
                case AUTH -> !authenticatedUser.isEmpty() && (authenticatedUser.equalsIgnoreCase(address)
                    || address.lastIndexOf('@') > 0
                        && authenticatedUser.equalsIgnoreCase(address.substring(0, address.lastIndexOf('@'))));
                case SPF -> spfResult.equalsIgnoreCase("pass");
            };
        }
    }

    /** Normalised entry ({@code local@domain} or {@code @domain}) → the entry as the admin wrote it. */
    private final Map<String, String> entries;
    private final Set<Proof> proofs;

    private SenderAllowlist(Map<String, String> entries, Set<Proof> proofs) {
        this.entries = entries;
        this.proofs = proofs.isEmpty() ? NOTHING : Set.copyOf(EnumSet.copyOf(proofs));
    }

    /**
     * An allowlist of these entries, matching a sender only with one of {@code proofs} ({@link #NOTHING}:
     * no proof needed).
     *
     * @throws IllegalArgumentException naming the first bad entry and why it is bad
     */
    public static SenderAllowlist of(Collection<String> entries, Set<Proof> proofs) {
        Objects.requireNonNull(proofs, "proofs");
        Map<String, String> normalised = new LinkedHashMap<>();
        for (String entry : entries) {
            normalised.putIfAbsent(normaliseEntry(entry), entry.strip());
        }
        return new SenderAllowlist(Collections.unmodifiableMap(normalised), proofs);
    }

    /** Parses {@code auth}, {@code spf}, {@code auth, spf} (any one suffices) or {@code none}. */
    public static Set<Proof> parseProofs(String text) {
        List<String> words = ParameterValues.list(text.toLowerCase(Locale.ROOT));
        if (words.equals(List.of("none"))) {
            return NOTHING;
        }
        EnumSet<Proof> proofs = EnumSet.noneOf(Proof.class);
        for (String word : words) {
            switch (word) {
                case "auth" -> proofs.add(Proof.AUTH);
                case "spf" -> proofs.add(Proof.SPF);
                default -> throw notProofs(text);
            }
        }
        if (proofs.isEmpty()) {
            throw notProofs(text);
        }
        return Set.copyOf(proofs);
    }

    private static IllegalArgumentException notProofs(String text) {
        return new IllegalArgumentException("'" + text.strip() + "' is not auth, spf, a list of both, or none");
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries as written (deduplicated), for logs. */
    public List<String> entries() {
        return List.copyOf(entries.values());
    }

    /** The proofs of which a listed sender needs one; empty when none is required. */
    public Set<Proof> proofs() {
        return proofs;
    }

    /**
     * The entry that allows this sender's encrypted content, if the sender is listed and shows one of the
     * required proofs; empty for the null sender, an unlisted sender or one without proof.
     */
    public Optional<String> match(Sender sender) {
        Optional<String> entry = listed(sender.address());
        if (entry.isEmpty() || !(proofs.isEmpty() || proofs.stream().anyMatch(sender::proves))) {
            return Optional.empty();
        }
        return entry;
    }

    /**
     * The entry listing this address, ignoring proofs (for logs: a listed sender without proof may be a
     * forgery); the address entry wins over its domain's.
     */
    public Optional<String> listed(String address) {
        if (address == null || entries.isEmpty()) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Optional.empty();
        }
        String domain;
        try {
            domain = asciiDomain(address.substring(at + 1));
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        String exact = entries.get(local + "@" + domain);
        return Optional.ofNullable(exact != null ? exact : entries.get("@" + domain));
    }

    /**
     * The policy for mail from a sender: {@code policy} itself, or, if this allowlist {@link #match matches}
     * the sender, {@code policy} with encrypted content reported instead of blocked.
     */
    public InspectionPolicy policyFor(InspectionPolicy policy, Sender sender) {
        return match(sender).isPresent() ? acceptingEncrypted(policy) : policy;
    }

    /**
     * {@code policy} with {@link Category#ENCRYPTED} downgraded from block to report; unchanged when the
     * policy already reports or ignores encrypted content (ignore must stay ignore: the allowlist only
     * ever narrows what blocks).
     */
    public static InspectionPolicy acceptingEncrypted(InspectionPolicy policy) {
        return policy.action(Category.ENCRYPTED) == Action.BLOCK ? policy.withAction(Category.ENCRYPTED, Action.REPORT) : policy;
    }

    @Override
    public String toString() {
        return entries() + " requiring " + (proofs.isEmpty() ? "nothing" : proofs);
    }

    private static String normaliseEntry(String raw) {
        String entry = Objects.requireNonNullElse(raw, "").strip();
        if (entry.isEmpty()) {
            throw bad("", "an empty entry");
        }
        if (entry.contains("*")) {
            throw bad(entry, "wildcards are not supported; list an address or @domain (to accept encrypted content "
                + "from every sender, set the policy to report instead)");
        }
        int at = entry.lastIndexOf('@');
        if (at < 0) {
            throw bad(entry, "no @: write @" + entry + " for a whole domain or local@" + entry + " for one address");
        }
        if (entry.indexOf('@') != at) {
            throw bad(entry, "more than one @");
        }
        String local = entry.substring(0, at);
        String domain = entry.substring(at + 1);
        if (domain.startsWith("[")) {
            throw bad(entry, "address literals are not supported; use the domain name");
        }
        String ascii;
        try {
            ascii = asciiDomain(domain);
        } catch (IllegalArgumentException reason) {
            throw bad(entry, reason.getMessage());
        }
        if (!local.isEmpty()) {
            checkLocalPart(entry, local);
        }
        return local.toLowerCase(Locale.ROOT) + "@" + ascii;
    }

    /** A dot-atom of RFC 5322 atext, with UTF-8 letters and digits allowed (RFC 6531). */
    private static void checkLocalPart(String entry, String local) {
        if (local.length() > 64) {
            throw bad(entry, "the local part is longer than 64 characters");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw bad(entry, "the local part has a leading, trailing or double dot");
        }
        local.codePoints().forEach(codePoint -> {
            boolean atext = codePoint < 128
                ? Character.isLetterOrDigit(codePoint) || "!#$%&'*+-/=?^_`{|}~.".indexOf(codePoint) >= 0
                : Character.isLetterOrDigit(codePoint);
            if (!atext) {
                throw bad(entry, "the local part contains " + describe(codePoint) + "; quoted local parts are not supported");
            }
        });
    }

    /** Lower-case ASCII (punycode) form of a host name; throws with the reason if it is not one. */
    private static String asciiDomain(String domain) {
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("the domain is empty");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notIdn) {
            throw new IllegalArgumentException("'" + domain + "' is not a valid domain name");
        }
        if (ascii.isEmpty() || ascii.length() > 253 || ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")) {
            throw new IllegalArgumentException("'" + domain + "' is not a valid domain name");
        }
        return ascii;
    }

    private static String describe(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.getType(codePoint) == Character.CONTROL
            ? String.format("U+%04X", codePoint) : "'" + Character.toString(codePoint) + "'";
    }

    private static IllegalArgumentException bad(String entry, String reason) {
        return new IllegalArgumentException("'" + entry + "': " + reason);
    }
}
