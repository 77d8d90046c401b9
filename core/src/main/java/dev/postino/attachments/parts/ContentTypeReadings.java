package dev.postino.attachments.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * How three readers understand one entity's {@code Content-Type} fields: whether it is a multipart, and
 * with which boundary. Read from their source (Mime4j 0.8.13, Jakarta Mail 2.1 / Angus Mail 2.0, Thunderbird's
 * libmime with Gecko's {@code nsMIMEHeaderParamImpl}); docs/mime-differentials.md has the table.
 *
 * <ul>
 *   <li>Mime4j (James's IMAP server computes BODYSTRUCTURE with it): the first field whose type has a
 *       {@code /} and, for a multipart, a boundary; comments skipped, whitespace runs joined, the
 *       <em>last</em> {@code boundary}; a quoted value keeps a backslash before other than {@code "} or
 *       {@code \} and is RFC 2047-decoded when it starts with {@code =?}.</li>
 *   <li>Jakarta Mail: the first field, parsed strictly (a syntax error opens nothing); the last
 *       {@code boundary}, RFC 2231 forms included; no boundary at all: the first line starting with
 *       {@code --} is taken as one.</li>
 *   <li>Thunderbird: the first field, its type cut at the first space, {@code ;} or {@code ,}; parameters
 *       split at {@code ;} with no notion of comments, a token value cut at a space; the <em>first</em>
 *       {@code boundary}, an RFC 2231 form preferred.</li>
 * </ul>
 * The inspector takes the first field, as Jakarta Mail and Thunderbird do, and reads its type with Mime4j's
 * lenient syntax and its boundary as Thunderbird does; every case where a reader would split the entity
 * differently (another boundary, or multipart for one reader and not for another) is reported as a
 * disagreement, which makes the message {@code MIME_AMBIGUOUS}. A part no reader takes for a multipart has
 * its parameters left unparsed: they decide nothing about the structure.
 */
final class ContentTypeReadings {

    /** The inspector's reading and what the readers disagree on (empty when they agree). */
    record Reading(String mediaType, String boundary, List<String> disagreements) {
        boolean multipart() {
            return mediaType != null && mediaType.startsWith("multipart/") && boundary != null;
        }
    }

    private ContentTypeReadings() {
    }

    /**
     * @param fieldBodies the Content-Type field bodies in header order (unfolded)
     * @param defaultType the type of a part without one: {@code text/plain}, or {@code message/rfc822} in a digest
     */
    static Reading read(List<String> fieldBodies, String defaultType) {
        List<String> disagreements = new ArrayList<>();
        if (fieldBodies.isEmpty()) {
            return new Reading(defaultType, null, List.of());
        }
        String first = fieldBodies.get(0);
        for (String other : fieldBodies.subList(1, fieldBodies.size())) {
            if (!other.trim().equals(first.trim())) {
                disagreements.add("two different Content-Type fields (readers take the first, or the first valid one)");
                break;
            }
        }
        String type = mime4jType(first);
        String mediaType = type == null ? unreadableType(defaultType) : type;
        if (type != null && !type.startsWith("multipart/") && !type.startsWith("message/") && !recognisable(first)) {
            mediaType = "application/octet-stream";
        }
        boolean multipartType = mediaType.startsWith("multipart/");
        Thunderbird thunderbird = Thunderbird.type(first);
        boolean thunderbirdMultipart = thunderbird.mediaType.startsWith("multipart/");
        if (!multipartType && !thunderbirdMultipart && !Jakarta.typeIsMultipart(first)) {
            // a leaf to every reader: parameters decide nothing about the structure
            return new Reading(mediaType, null, List.copyOf(disagreements));
        }
        Mime4j mime4j = Mime4j.read(first, defaultType);
        thunderbird = Thunderbird.read(first);
        Jakarta jakarta = Jakarta.read(first);
        Parameters parameters = new Parameters(first);
        List<String> boundaries = parameters.all("boundary");
        if (multipartType && boundaries.isEmpty()) {
            disagreements.add("a multipart without a boundary (Jakarta Mail takes the first line starting with --)");
        }
        if (boundaries.size() > 1 || parameters.hasExtended("boundary")) {
            disagreements.add("more than one boundary parameter (readers take the first, the last, or the RFC 2231 one)");
        }
        boolean mime4jMultipart = mime4j.mediaType.startsWith("multipart/");
        boolean jakartaMultipart = jakarta != null && jakarta.mediaType.startsWith("multipart/");
        // parameters Jakarta Mail cannot parse make it fail to open a multipart (it shows nothing there); a type
        // it cannot parse makes the part a leaf, handed out whole
        if (mime4jMultipart != multipartType || thunderbirdMultipart != multipartType
            || Jakarta.typeIsMultipart(first) != multipartType) {
            disagreements.add("readers disagree on whether the part is a multipart (type written \"" + clip(first) + "\")");
        }
        String boundary = multipartType ? thunderbird.boundary : null;
        if (multipartType && boundary != null) {
            if (mime4jMultipart && !boundary.equals(mime4j.boundary)
                || jakartaMultipart && jakarta.boundary != null && !boundary.equals(jakarta.boundary)) {
                disagreements.add("readers read the boundary parameter differently");
            }
            String trouble = unsafeBoundary(boundary);
            if (trouble != null) {
                disagreements.add("a boundary " + trouble);
            }
        } else if (multipartType && mime4jMultipart) {
            boundary = mime4j.boundary;
        }
        return new Reading(mediaType, multipartType ? boundary : null, List.copyOf(disagreements));
    }

    /** Whether Jakarta Mail's tokenizer reads the first field's type as {@code message/*}. */
    static boolean messageToJakarta(List<String> fieldBodies) {
        return !fieldBodies.isEmpty() && Jakarta.typeIs(fieldBodies.get(0), "message");
    }

    /**
     * Whether a leaf's type, as written before the first {@code ;}, is a type a program can look up: two
     * RFC 6838 restricted names ({@code A-Z a-z 0-9 ! # $ & - ^ _ . +}) around a slash. Anything else
     * ({@code text/plain charset=utf-8}, {@code text/plain"x}, a comment) is a type Jakarta Mail cannot parse or
     * a client does not know, even where Mime4j's lenient reading makes one of it: the bytes are handed out as
     * they are, to be opened by their name or content, so they are judged as {@code application/octet-stream}.
     */
    private static boolean recognisable(String fieldBody) {
        int semicolon = fieldBody.indexOf(';');
        String type = (semicolon < 0 ? fieldBody : fieldBody.substring(0, semicolon)).trim();
        int slash = type.indexOf('/');
        return slash > 0 && slash < type.length() - 1 && type.indexOf('/', slash + 1) < 0
            && type.chars().allMatch(c -> c == '/' || c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&-^_.+".indexOf(c) >= 0));
    }

    /**
     * The type judged for a Content-Type no reader can parse. Mime4j and the clients fall back to the default
     * ({@code text/plain}), Jakarta Mail keeps the unreadable value and hands out the bytes as they are, to be
     * opened by whatever they look like; {@code application/octet-stream} judges them by their content (a
     * body that is an RFC 822 message is read as one), and text stays text.
     */
    private static String unreadableType(String defaultType) {
        return defaultType.equals("text/plain") ? "application/octet-stream" : defaultType;
    }

    /**
     * Why a boundary would be matched differently: bytes beyond printable ASCII (Mime4j casts characters to
     * bytes, Jakarta Mail reads headers as Latin-1, Thunderbird compares UTF-8 bytes), a trailing space
     * (Thunderbird and Jakarta Mail strip the delimiter line's trailing whitespace before comparing), or a
     * length no buffer is meant for.
     */
    private static String unsafeBoundary(String boundary) {
        if (boundary.isEmpty()) {
            return "that is empty";
        }
        if (boundary.length() > MimeReader.MAX_BOUNDARY) {
            return "longer than " + MimeReader.MAX_BOUNDARY + " characters";
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return "with characters outside printable US-ASCII";
            }
        }
        if (boundary.endsWith(" ")) {
            return "ending in a space";
        }
        return null;
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}]", "?");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine;
    }

    /** The type the way Mime4j reads it (comments skipped, spaces joined, halves trimmed), lower case; null if invalid. */
    static String mime4jType(String fieldBody) {
        String main = Mime4j.value(fieldBody, 0, true).text.toLowerCase(Locale.ROOT).trim();
        int slash = main.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String type = main.substring(0, slash).trim();
        String subtype = main.substring(slash + 1).trim();
        return type.isEmpty() || subtype.isEmpty() ? null : type + "/" + subtype;
    }

    /** Mime4j's {@code FallbackBodyDescriptorBuilder} and {@code RawFieldParser}. */
    private record Mime4j(String mediaType, String boundary) {

        /** One field: its type if valid, and for a multipart its boundary (without one Mime4j falls back to the default). */
        static Mime4j read(String body, String defaultType) {
            String type = mime4jType(body);
            String boundary = parameters(body).get("boundary");
            boolean multipart = type != null && type.startsWith("multipart/");
            if (type != null && (!multipart || boundary != null)) {
                return new Mime4j(type, multipart ? boundary : null);
            }
            return new Mime4j(defaultType, null);
        }

        /** Parameter name (lower case) to value, the last occurrence winning as in Mime4j's HashMap. */
        static java.util.Map<String, String> parameters(String body) {
            java.util.Map<String, String> map = new java.util.HashMap<>();
            Token main = value(body, 0, true);
            int i = main.end;
            if (i >= body.length()) {
                return map;
            }
            i++; // the ';'
            while (i < body.length()) {
                Token name = value(body, i, false);
                i = name.end;
                if (i >= body.length() || body.charAt(i) == ';') {
                    i++;
                    continue;
                }
                Token value = value(body, i + 1, true);
                i = value.end + 1;
                map.put(name.text.toLowerCase(Locale.ROOT), value.text);
            }
            return map;
        }

        record Token(String text, int end) {
        }

        /**
         * {@code parseValue} (quoted strings allowed) or {@code parseToken} up to {@code ;} (and {@code =}
         * for a parameter name): comments skipped, runs of whitespace between words kept as one space.
         */
        static Token value(String body, int from, boolean valueMode) {
            StringBuilder out = new StringBuilder();
            boolean space = false;
            int i = from;
            int n = body.length();
            while (i < n) {
                char c = body.charAt(i);
                if (c == ';' || !valueMode && c == '=') {
                    break;
                }
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    space = true;
                    i++;
                } else if (c == '(') {
                    i = skipComment(body, i);
                } else if (c == '"' && valueMode) {
                    if (out.length() > 0 && space) {
                        out.append(' ');
                    }
                    StringBuilder quoted = new StringBuilder();
                    i++;
                    boolean escaped = false;
                    for (; i < n; i++) {
                        char d = body.charAt(i);
                        if (escaped) {
                            if (d != '"' && d != '\\') {
                                quoted.append('\\');
                            }
                            quoted.append(d);
                            escaped = false;
                        } else if (d == '"') {
                            i++;
                            break;
                        } else if (d == '\\') {
                            escaped = true;
                        } else if (d != '\r' && d != '\n') {
                            quoted.append(d);
                        }
                    }
                    String text = quoted.toString();
                    out.append(text.startsWith("=?") ? DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT) : text);
                    space = false;
                } else {
                    if (out.length() > 0 && space) {
                        out.append(' ');
                    }
                    int start = i;
                    while (i < n) {
                        char d = body.charAt(i);
                        if (d == ';' || !valueMode && d == '=' || d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '('
                            || valueMode && d == '"') {
                            break;
                        }
                        i++;
                    }
                    out.append(body, start, i);
                    space = false;
                }
            }
            return new Token(out.toString(), i);
        }

        static int skipComment(String body, int at) {
            int level = 0;
            boolean escaped = false;
            int i = at;
            for (; i < body.length(); i++) {
                char c = body.charAt(i);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '(') {
                    level++;
                } else if (c == ')' && --level == 0) {
                    return i + 1;
                }
            }
            return i;
        }
    }

    /** Thunderbird: {@code MimeHeaders_get(..., strip)} for the type, {@link ThunderbirdParameter} for the boundary. */
    private record Thunderbird(String mediaType, String boundary) {

        static Thunderbird type(String body) {
            return new Thunderbird(typeOf(body.trim()), null);
        }

        static Thunderbird read(String body) {
            String text = body.trim();
            return new Thunderbird(typeOf(text), ThunderbirdParameter.value(text, "boundary"));
        }

        private static String typeOf(String text) {
            int end = 0;
            while (end < text.length() && text.charAt(end) != ';' && text.charAt(end) != ',' && !isSpace(text.charAt(end))) {
                end++;
            }
            return text.substring(0, end).toLowerCase(Locale.ROOT);
        }
    }

    /** Jakarta Mail's {@code ContentType} and {@code ParameterList} (strict): null when the field does not parse. */
    private record Jakarta(String mediaType, String boundary) {

        /** Whether the type alone (before any parameter) is a multipart to Jakarta Mail's tokenizer. */
        static boolean typeIsMultipart(String body) {
            return typeIs(body, "multipart");
        }

        /**
         * Whether the type alone is {@code primary/something} to Jakarta Mail. A field whose parameters do not
         * parse is typed by the text before its first {@code ;} ({@code MimeBodyPart.isMimeType}), which must
         * then parse whole: {@code multipart/mi\u00a4xed} is no multipart to it.
         */
        static boolean typeIs(String body, String primary) {
            Lexer lexer = new Lexer(body);
            String type = lexer.atom();
            return type != null && type.equalsIgnoreCase(primary) && lexer.special('/') && lexer.atom() != null
                && (lexer.atEnd() || lexer.special(';'));
        }

        static Jakarta read(String body) {
            Lexer lexer = new Lexer(body);
            String type = lexer.atom();
            if (type == null || !lexer.special('/')) {
                return null;
            }
            String subtype = lexer.atom();
            if (subtype == null) {
                return null;
            }
            String boundary = null;
            while (!lexer.atEnd()) {
                if (!lexer.special(';')) {
                    return null;
                }
                if (lexer.atEnd()) {
                    break;
                }
                String name = lexer.atom();
                if (name == null || !lexer.special('=')) {
                    return null;
                }
                String value = lexer.atomOrQuoted();
                if (value == null) {
                    return null;
                }
                if (name.equalsIgnoreCase("boundary")) {
                    boundary = value;
                }
            }
            return new Jakarta((type + "/" + subtype).toLowerCase(Locale.ROOT), boundary);
        }

        /** {@code HeaderTokenizer} in MIME mode: whitespace and comments skipped between tokens. */
        private static final class Lexer {
            private final String text;
            private int i;

            Lexer(String text) {
                this.text = text;
            }

            private void skip() {
                while (i < text.length()) {
                    char c = text.charAt(i);
                    if (isSpace(c)) {
                        i++;
                    } else if (c == '(') {
                        i = Mime4j.skipComment(text, i);
                    } else {
                        return;
                    }
                }
            }

            boolean atEnd() {
                skip();
                return i >= text.length();
            }

            boolean special(char wanted) {
                skip();
                if (i < text.length() && text.charAt(i) == wanted) {
                    i++;
                    return true;
                }
                return false;
            }

            String atom() {
                skip();
                int start = i;
                while (i < text.length() && MimeSyntax.isTokenChar(text.charAt(i))) {
                    i++;
                }
                return i > start ? text.substring(start, i) : null;
            }

            String atomOrQuoted() {
                skip();
                if (i < text.length() && text.charAt(i) == '"') {
                    StringBuilder out = new StringBuilder();
                    for (i++; i < text.length(); i++) {
                        char c = text.charAt(i);
                        if (c == '"') {
                            i++;
                            return out.toString();
                        }
                        if (c == '\\' && i + 1 < text.length()) {
                            c = text.charAt(++i);
                        }
                        if (c != '\r' && c != '\n') {
                            out.append(c);
                        }
                    }
                    return null;
                }
                return atom();
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** A lenient listing of a field's parameters, to count how often one is given and in which forms. */
    private static final class Parameters {
        private final List<String[]> pairs = new ArrayList<>();

        Parameters(String body) {
            for (String piece : splitOutsideQuotes(body)) {
                int eq = piece.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                pairs.add(new String[] {piece.substring(0, eq).trim().toLowerCase(Locale.ROOT), piece.substring(eq + 1).trim()});
            }
        }

        List<String> all(String name) {
            return pairs.stream().filter(pair -> pair[0].equals(name)).map(pair -> pair[1]).distinct().toList();
        }

        boolean hasExtended(String name) {
            return pairs.stream().anyMatch(pair -> pair[0].startsWith(name + "*"));
        }

        /** Splits at every {@code ;} outside quoted strings, as well as at those inside comments (Thunderbird does). */
        private static List<String> splitOutsideQuotes(String body) {
            List<String> pieces = new ArrayList<>();
            StringBuilder piece = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && quoted && i + 1 < body.length()) {
                    piece.append(c).append(body.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == ';' && !quoted) {
                    pieces.add(piece.toString());
                    piece.setLength(0);
                } else {
                    piece.append(c);
                }
            }
            pieces.add(piece.toString());
            return pieces.subList(1, pieces.size());
        }
    }
}
