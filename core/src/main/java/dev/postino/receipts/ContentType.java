package dev.postino.receipts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import dev.postino.mime.Rfc2231;

/**
 * A parsed top-level {@code Content-Type} field value (RFC 2045 §5.1): type, subtype and
 * parameters, read the way a tolerant MIME reader does.
 *
 * <p>Handles what real headers contain: any letter case, quoted strings with quoted-pairs,
 * folding, comments (nested) anywhere between tokens, parameters in any order, RFC 2231
 * encoded and continued parameters ({@code name*=utf-8''…}, {@code name*0=…; name*1=…}),
 * and repeated parameters (kept, so callers can refuse an ambiguous value instead of picking
 * one; continuation sections given twice, or not numbered 0, 1, 2… without gaps, make the
 * parameter ambiguous too, since readers then disagree on its value). {@link #parse(String)}
 * never throws: garbage gives a value with an empty type and {@link #wellFormed()} {@code false}.
 */
public final class ContentType {

    /** How often, and how consistently, a parameter occurs. */
    public enum Occurrence {
        MISSING,
        ONCE,
        /** Repeated with the same value (ignoring case): harmless. */
        REPEATED_CONSISTENTLY,
        /** Repeated with different values: no reader can know which one the sender meant. */
        CONFLICTING
    }

    private static final ContentType ABSENT = new ContentType("", "", Map.of(), false);

    private final String type;
    private final String subtype;
    private final Map<String, List<String>> parameters;
    private final boolean wellFormed;

    private ContentType(String type, String subtype, Map<String, List<String>> parameters, boolean wellFormed) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = parameters;
        this.wellFormed = wellFormed;
    }

    /**
     * Parses a field value (without the {@code Content-Type:} name). {@code null} or blank
     * gives an absent value. Never throws.
     */
    public static ContentType parse(String value) {
        if (value == null || value.isBlank()) {
            return ABSENT;
        }
        return new Parser(value).parse();
    }

    /** Lower-case type, e.g. {@code multipart}; empty when the value could not be read. */
    public String type() {
        return type;
    }

    /** Lower-case subtype, e.g. {@code report}; empty when the value could not be read. */
    public String subtype() {
        return subtype;
    }

    /** {@code type/subtype} in lower case, or the empty string. */
    public String mimeType() {
        return type.isEmpty() ? "" : type + "/" + subtype;
    }

    public boolean is(String expectedType, String expectedSubtype) {
        return type.equalsIgnoreCase(expectedType) && subtype.equalsIgnoreCase(expectedSubtype);
    }

    /** {@code false} when anything had to be skipped or guessed while parsing. */
    public boolean wellFormed() {
        return wellFormed;
    }

    public Occurrence occurrence(String name) {
        List<String> values = parameters.get(name.toLowerCase(Locale.ROOT));
        if (values == null) {
            return Occurrence.MISSING;
        }
        if (values.size() == 1) {
            return Occurrence.ONCE;
        }
        String first = values.get(0);
        boolean allEqual = values.stream().allMatch(first::equalsIgnoreCase);
        return allEqual ? Occurrence.REPEATED_CONSISTENTLY : Occurrence.CONFLICTING;
    }

    /**
     * The parameter's value when it is present and unambiguous (once, or repeated with the
     * same value); empty when missing or {@link Occurrence#CONFLICTING}.
     */
    public Optional<String> parameter(String name) {
        Occurrence occurrence = occurrence(name);
        if (occurrence == Occurrence.ONCE || occurrence == Occurrence.REPEATED_CONSISTENTLY) {
            return Optional.of(parameters.get(name.toLowerCase(Locale.ROOT)).get(0));
        }
        return Optional.empty();
    }

    /** The names of the parameters present, in lower case, in the order they first appear. */
    public Set<String> parameterNames() {
        return parameters.keySet();
    }

    /** Every value of the parameter, in header order (RFC 2231 sections already joined). */
    public List<String> parameterValues(String name) {
        return parameters.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public String toString() {
        return mimeType() + parameters + (wellFormed ? "" : " (malformed)");
    }

    /** A hand-written scanner: linear in the header length, no regular expressions, no backtracking. */
    private static final class Parser {
        private final String s;
        private int pos;
        private boolean wellFormed = true;

        Parser(String s) {
            this.s = s;
        }

        ContentType parse() {
            String type = token();
            skipFiller();
            if (type.isEmpty() || !consume('/')) {
                return new ContentType("", "", Map.of(), false);
            }
            String subtype = token();
            if (subtype.isEmpty()) {
                return new ContentType("", "", Map.of(), false);
            }
            List<RawParameter> raw = new ArrayList<>();
            while (true) {
                skipFiller();
                if (pos >= s.length()) {
                    break;
                }
                if (!consume(';')) {
                    // Junk between parameters (e.g. a missing ';'): skip it, keep going.
                    wellFormed = false;
                    skipPast(';');
                    continue;
                }
                skipFiller();
                if (pos >= s.length()) {
                    break; // a trailing ';' is common and harmless
                }
                if (peek() == ';') {
                    wellFormed = false;
                    continue;
                }
                String name = token();
                skipFiller();
                if (name.isEmpty() || !consume('=')) {
                    wellFormed = false;
                    skipUntil(';');
                    continue;
                }
                skipFiller();
                raw.add(new RawParameter(name.toLowerCase(Locale.ROOT), value()));
            }
            return new ContentType(type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT),
                Continuations.join(raw), wellFormed);
        }

        private String value() {
            if (pos < s.length() && peek() == '"') {
                return quoted();
            }
            // Unquoted: strictly a token; tolerantly everything up to the next ';' without
            // blanks or comments (senders do write boundary=----=_Part_1 unquoted).
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = peek();
                if (c == ';') {
                    break;
                }
                if (c == '(') {
                    skipComment();
                } else if (isBlank(c)) {
                    pos++;
                } else if (c == '"') {
                    wellFormed = false;
                    out.append(quoted());
                } else {
                    if (!isTokenChar(c)) {
                        wellFormed = false;
                    }
                    out.append(c);
                    pos++;
                }
            }
            return out.toString();
        }

        private String quoted() {
            pos++; // opening quote
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    out.append(s.charAt(pos++));
                } else if (c == '\r' || c == '\n') {
                    // folding inside a quoted string: the CRLF is not part of the value
                } else {
                    out.append(c);
                }
            }
            wellFormed = false; // unterminated quote: take what there is
            return out.toString();
        }

        private String token() {
            skipFiller();
            int start = pos;
            while (pos < s.length() && isTokenChar(peek())) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** Blanks, line folds and comments. */
        private void skipFiller() {
            while (pos < s.length()) {
                char c = peek();
                if (isBlank(c)) {
                    pos++;
                } else if (c == '(') {
                    skipComment();
                } else {
                    return;
                }
            }
        }

        private void skipComment() {
            int depth = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\\') {
                    // A quoted-pair; a backslash that ends the value quotes nothing and must not
                    // carry the position past the end.
                    pos = Math.min(pos + 1, s.length());
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth == 0) {
                        return;
                    }
                }
            }
            wellFormed = false; // unterminated comment swallows the rest, as in RFC 5322 readers
        }

        private void skipUntil(char stop) {
            while (pos < s.length() && peek() != stop) {
                if (peek() == '"') {
                    quoted();
                } else {
                    pos++;
                }
            }
        }

        private void skipPast(char stop) {
            skipUntil(stop);
            if (pos < s.length()) {
                pos++;
            }
        }

        private boolean consume(char expected) {
            if (pos < s.length() && peek() == expected) {
                pos++;
                return true;
            }
            return false;
        }

        private char peek() {
            return s.charAt(pos);
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        /** RFC 2045 token characters: printable US-ASCII except blanks and tspecials. */
        private static boolean isTokenChar(char c) {
            if (c <= ' ' || c >= 127) {
                return false;
            }
            return "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
        }
    }

    private record RawParameter(String name, String value) {
    }

    /** RFC 2231: {@code name*} (encoded), {@code name*N} (section) and {@code name*N*} (encoded section). */
    private static final class Continuations {

        /** A second value no real parameter has: it makes the parameter CONFLICTING. */
        private static final String UNREADABLE_SECTIONS = "\u0000RFC 2231 sections duplicated or missing";

        static Map<String, List<String>> join(List<RawParameter> raw) {
            Map<String, List<String>> result = new LinkedHashMap<>();
            Map<String, TreeMap<Integer, Rfc2231.Section>> continued = new LinkedHashMap<>();
            for (RawParameter parameter : raw) {
                String name = parameter.name();
                int star = name.indexOf('*');
                if (star < 0) {
                    add(result, name, parameter.value());
                    continue;
                }
                String base = name.substring(0, star);
                String rest = name.substring(star + 1);
                if (base.isEmpty()) {
                    add(result, name, parameter.value()); // "*" or "*0": no name to extend, keep it verbatim
                    continue;
                }
                if (rest.isEmpty()) {
                    add(result, base, Rfc2231.decodeExtended(parameter.value()));
                    continue;
                }
                boolean encoded = rest.endsWith("*");
                String number = encoded ? rest.substring(0, rest.length() - 1) : rest;
                int n = Rfc2231.sectionNumber(number);
                if (n < 0) {
                    add(result, name, parameter.value()); // not RFC 2231 after all: keep it verbatim
                    continue;
                }
                TreeMap<Integer, Rfc2231.Section> sections = continued.computeIfAbsent(base, k -> new TreeMap<>());
                if (sections.putIfAbsent(n, new Rfc2231.Section(encoded, parameter.value())) != null) {
                    // The same section twice: two parameters claim this name, so no reader can
                    // know the value.
                    add(result, base, UNREADABLE_SECTIONS);
                }
            }
            continued.forEach((base, sections) -> {
                add(result, base, Rfc2231.join(sections.values(), UnaryOperator.identity()));
                if (sections.firstKey() != 0 || sections.lastKey() != sections.size() - 1) {
                    // Sections that do not run 0, 1, 2...: Jakarta Mail joins from *0 up to the
                    // first gap and ignores the rest, other readers join what is there, so the
                    // value depends on the reader (RFC 2231 §3 numbers sections from 0, no gaps).
                    add(result, base, UNREADABLE_SECTIONS);
                }
            });
            result.replaceAll((k, v) -> Collections.unmodifiableList(v));
            return Collections.unmodifiableMap(result);
        }

        private static void add(Map<String, List<String>> result, String name, String value) {
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }
}
