package dev.postino.attachments.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Finds HTML smuggling in an HTML or SVG file: a page whose script assembles a file in the browser
 * ({@code atob} + {@code new Blob} + {@code URL.createObjectURL} + a clicked {@code <a download>}), so
 * the file never crosses the mail gateway as an attachment of its own (Microsoft,
 * "HTML smuggling surges", 2021; the Qakbot, Nobelium and AsyncRAT campaigns).
 *
 * <p>One streaming pass over the bytes, with memory bounded by a 64 KiB window whatever the size:
 * <ul>
 *   <li>it collects three kinds of <em>indicators</em>, matched case-insensitively as ASCII (the
 *       JavaScript names only inside a {@code <script>} element or a tag and at the start of a word, so
 *       a code sample in the page's text does not count): a
 *       <b>script</b> ({@code <script}, an {@code on…=} handler inside a tag, a {@code javascript:} URL,
 *       SVG's {@code <foreignObject>}), a <b>sink</b> that hands script-made bytes to the user as a file
 *       ({@code Blob(}, {@code createObjectURL}, {@code msSaveOrOpenBlob}/{@code msSaveBlob}, FileSaver's
 *       {@code saveAs(}, a {@code download} attribute or property, a {@code data:application/…} URL) and
 *       a <b>payload source</b> that turns text into bytes ({@code atob(}, {@code fromCharCode},
 *       {@code charCodeAt}, {@code Uint8Array}, or a base64 run of {@value #LONG_RUN} characters or more
 *       that is not an image, font, media or JSON {@code data:} URL);</li>
 *   <li>it hands every base64 run of {@value #PAYLOAD_RUN} characters or more (a {@code data:} URL's
 *       content, a JavaScript string, or several quoted strings joined by {@code +} or {@code ,}, the
 *       "split payload" trick) to a {@link PayloadSink} as decoded bytes, so the caller inspects them as
 *       a nested file and tells whether they are a program, archive or disk image.</li>
 * </ul>
 * {@link Evidence#smuggling()} states the rule: script + sink + source, or an embedded payload that is
 * a program, archive or disk image.
 *
 * <p>What it cannot see: JavaScript that builds the API names at run time ({@code window["at"+"ob"]},
 * escapes such as {@code \x61tob}, packed or encrypted code) together with a payload that does not
 * decode as plain base64 (reversed, XOR-ed, encrypted, hex); payloads fetched from the network; pages
 * saved as UTF-16. Those need a JavaScript sandbox, which a mail gateway should not be.
 */
public final class HtmlSmuggling {

    /**
     * Base64 characters from which a run is decoded and handed to the sink: 150 bytes, below the
     * smallest program or archive worth carrying (a minimal PE is a few hundred bytes, a zip holding one
     * more), above ordinary tokens (hashes, keys, ids: 22 to 88 characters).
     */
    public static final int PAYLOAD_RUN = 200;
    /**
     * Base64 characters from which a run counts as a payload source by itself: 4 KiB of text (3 KiB of
     * data). Smuggled archives and images are tens of kilobytes and more; ordinary scripts carry no
     * such run outside images, fonts and media, which do not count.
     */
    public static final int LONG_RUN = 4096;

    /** Extensions of files a browser opens and runs scripts in. */
    private static final Set<String> EXTENSIONS = Set.of("html", "htm", "xhtml", "xht", "shtml", "shtm", "svg");
    /** MIME types of the same. */
    private static final Set<String> TYPES = Set.of("text/html", "application/xhtml+xml", "image/svg+xml");
    /**
     * Declared types of script files. A page can load its dropper from {@code <script
     * src="data:text/javascript;base64,…">}: that payload is decoded like any other and then scanned as a
     * script, so hiding the code one base64 layer down does not hide it.
     */
    private static final Set<String> SCRIPT_TYPES = Set.of("text/javascript", "application/javascript",
        "application/x-javascript", "application/ecmascript", "text/ecmascript");

    /** Character classes, one table lookup per byte on the hot path. */
    private static final int BASE64 = 1;
    private static final int QUOTE = 2;
    /** Between quoted pieces of a split payload: blanks, line breaks, {@code +} and {@code ,}. */
    private static final int JOINER = 4;
    private static final int IDENTIFIER = 8;
    /** First letters of the JavaScript names and markup sinks (either case). */
    private static final int TOKEN_START = 16;
    private static final int BLANK = 32;
    private static final int LESS_THAN = 64;
    /** The {@code d} of {@code data:}, the only token read in a page's text. */
    private static final int LETTER_D = 128;
    /** Bytes that can start something in the page's text, in a script, and (everything) in a tag. */
    private static final int TEXT_INTEREST = LESS_THAN | LETTER_D;
    private static final int SCRIPT_INTEREST = LESS_THAN | TOKEN_START;
    private static final int[] CLASSES = new int[256];

    static {
        for (int c = 0; c < 256; c++) {
            int classes = 0;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                classes |= BASE64 | IDENTIFIER;
            }
            if (c == '+' || c == '/') {
                classes |= BASE64;
            }
            if (c == '_' || c == '$') {
                classes |= IDENTIFIER;
            }
            if (c == '"' || c == '\'' || c == '`') {
                classes |= QUOTE;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '+' || c == ',') {
                classes |= JOINER;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                classes |= BLANK;
            }
            if ("bcmsdafujBCMSDAFUJ".indexOf(c) >= 0) {
                classes |= TOKEN_START;
            }
            if (c == '<') {
                classes |= LESS_THAN;
            }
            if (c == 'd' || c == 'D') {
                classes |= LETTER_D;
            }
            CLASSES[c] = classes;
        }
    }

    private static final int WINDOW = 64 * 1024;
    /** The longest look-ahead a token or a {@code data:} URL header needs. */
    private static final int LOOKAHEAD = 160;
    /** MIME-style line wrapping keeps a run going only after a line this long, so prose never forms a run. */
    private static final int WRAPPED_LINE = 60;

    private HtmlSmuggling() {
    }

    /**
     * Whether a part is an HTML or SVG file a browser would run: by extension (without dot, lower case),
     * declared MIME type or detected MIME type. Cheap: called for every text-like part.
     */
    public static boolean applies(String extension, String declaredType, String detectedType) {
        return EXTENSIONS.contains(extension) || TYPES.contains(baseType(declaredType)) || TYPES.contains(baseType(detectedType))
            || isScript(declaredType);
    }

    /** Whether the extension names a saved web page in MIME form (RFC 2557), which a browser opens and runs. */
    public static boolean isWebArchive(String extension) {
        return extension.equals("mht") || extension.equals("mhtml");
    }

    /** Whether the declared type is JavaScript: the whole file is a script, no {@code <script>} needed. */
    public static boolean isScript(String declaredType) {
        return SCRIPT_TYPES.contains(baseType(declaredType));
    }

    private static String baseType(String type) {
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Receives the decoded bytes of each embedded base64 run of {@link #PAYLOAD_RUN} characters or more. */
    public interface PayloadSink {
        /**
         * A payload starts; its decoded bytes will be written to the returned stream.
         *
         * @param number       1 for the first payload of the file, 2 for the next, …
         * @param declaredType the {@code data:} URL's media type, or {@code application/octet-stream}
         */
        OutputStream begin(int number, String declaredType) throws IOException;

        /** The payload ended; returns whether it is a program, archive, disk image or other risky kind. */
        boolean end(int number, String declaredType) throws IOException;
    }

    /**
     * What one scan saw: indicator names in order of first appearance, and how many payloads were
     * decoded and how many of them were risky.
     */
    public record Evidence(Set<String> scripts, Set<String> sinks, Set<String> sources, int payloads, int riskyPayloads) {

        public Evidence {
            scripts = Collections.unmodifiableSet(new LinkedHashSet<>(scripts));
            sinks = Collections.unmodifiableSet(new LinkedHashSet<>(sinks));
            sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
        }

        /**
         * The rule: a script that can build a file (a sink) from encoded data (a source) — all three are
         * needed, since each alone is common in ordinary pages — or an embedded payload that is itself a
         * program, archive or disk image, which no ordinary page carries.
         */
        public boolean smuggling() {
            return riskyPayloads > 0 || recipe();
        }

        /** A script, a sink and a source all seen. */
        private boolean recipe() {
            return !scripts.isEmpty() && !sinks.isEmpty() && !sources.isEmpty();
        }

        /** A sentence for people: why it was judged, naming the indicators seen. */
        public String explanation() {
            String script = "has a script (" + String.join(", ", scripts) + ") that builds a file (" + String.join(", ", sinks)
                + ") from encoded data (" + String.join(", ", sources) + ")";
            if (riskyPayloads > 0) {
                return "carries " + (riskyPayloads == 1 ? "an embedded file" : riskyPayloads + " embedded files")
                    + " encoded as base64 that a browser can save to disk" + (recipe() ? " and " + script : "")
                    + " (HTML smuggling)";
            }
            return script + ", the shape of HTML smuggling";
        }
    }

    /**
     * Scans the stream to its end. Never throws on malformed input; I/O errors of the stream and
     * whatever the sink throws are passed on.
     */
    public static Evidence scan(InputStream in, PayloadSink sink) throws IOException {
        return scan(in, sink, false);
    }

    /** As {@link #scan(InputStream, PayloadSink)}; {@code scriptFile} counts the whole file as a script indicator. */
    public static Evidence scan(InputStream in, PayloadSink sink, boolean scriptFile) throws IOException {
        Scanner scanner = new Scanner(sink);
        if (scriptFile) {
            scanner.scripts.add("JavaScript file");
            scanner.inScript = true;
        }
        return scanner.scan(in);
    }

    /** The single pass: a byte window, the token checks and the base64 run state machine. */
    private static final class Scanner {
        private final PayloadSink sink;
        private final Set<String> scripts = new LinkedHashSet<>();
        private final Set<String> sinks = new LinkedHashSet<>();
        private final Set<String> sources = new LinkedHashSet<>();
        private int payloads;
        private int riskyPayloads;

        /** Inside a tag, and the quote of the attribute value being read (0 outside values). */
        private boolean inTag;
        private int tagQuote;
        private boolean afterEquals;
        /** The tag being read opens a script element; its content starts at the tag's end. */
        private boolean scriptTag;
        private boolean inScript;
        /** Absolute offset where a {@code data:…;base64,} URL's content starts, and its media type. */
        private long dataStart = -1;
        private String dataType;

        private int run;
        private long runLength;
        private int lineLength;
        /** Where the current run started: its media type is known when that is a {@code data:} URL's start. */
        private long runStart;
        private final byte[] prefix = new byte[PAYLOAD_RUN];
        private Base64Out decoder;

        Scanner(PayloadSink sink) {
            this.sink = sink;
        }

        Evidence scan(InputStream in) throws IOException {
            byte[] window = new byte[WINDOW + LOOKAHEAD];
            int have = 0;
            long base = 0;
            boolean eof = false;
            while (true) {
                while (!eof && have < window.length) {
                    int n = in.read(window, have, window.length - have);
                    if (n < 0) {
                        eof = true;
                    } else {
                        have += n;
                    }
                }
                int limit = eof ? have : have - LOOKAHEAD;
                for (int i = 0; i < limit; i++) {
                    // the common bytes take a few instructions here; everything else goes out of line
                    int b = window[i] & 0xFF;
                    int classes = CLASSES[b];
                    if (run == RUN && (classes & BASE64) != 0 && runLength >= PAYLOAD_RUN) {
                        lineLength++;
                        runLength++;
                        decoder.accept(b);
                    } else {
                        runStep(b, classes, base + i);
                    }
                    if (inTag || (classes & (inScript ? SCRIPT_INTEREST : TEXT_INTEREST)) != 0) {
                        step(window, i, have, base + i);
                    }
                }
                System.arraycopy(window, limit, window, 0, have - limit);
                base += limit;
                have -= limit;
                if (eof) {
                    break;
                }
            }
            endRun();
            return new Evidence(scripts, sinks, sources, payloads, riskyPayloads);
        }

        /**
         * One byte. Where it sits decides what counts: JavaScript API names only inside a {@code <script>}
         * element or a tag (handlers, {@code javascript:} URLs), never in the page's text, so documentation
         * that shows {@code new Blob(…)} in a code sample is not a script that calls it.
         */
        private void step(byte[] data, int i, int end, long offset) {
            int b = data[i] & 0xFF;
            int classes = CLASSES[b];
            if (inScript) {
                if (b == '<') {
                    if (matches(data, i, end, "</script")) {
                        inScript = false;
                    }
                } else if ((classes & TOKEN_START) != 0) {
                    codeToken(lower(b), data, i, end, offset);
                }
                return;
            }
            int c = lower(b);
            if (inTag) {
                if (tagQuote != 0) {
                    if (b == tagQuote) {
                        tagQuote = 0;
                    }
                } else if ((b == '"' || b == '\'') && afterEquals) {
                    // as the HTML tokenizer: a quote opens a value only after "=" (<p x"> is a name with a quote)
                    tagQuote = b;
                } else if (b == '>') {
                    inTag = false;
                    inScript = scriptTag;
                    scriptTag = false;
                    return;
                }
                if ((classes & BLANK) == 0) {
                    afterEquals = b == '=';
                }
                if ((classes & TOKEN_START) != 0) {
                    if (c == 'j' && matches(data, i, end, "javascript:")) {
                        scripts.add("javascript: URL");
                    }
                    codeToken(c, data, i, end, offset);
                } else if (tagQuote == 0 && ((classes & BLANK) != 0 || c == '"' || c == '\'' || c == '/')
                    && eventHandler(data, i + 1, end)) {
                    scripts.add("event handler");
                }
                return;
            }
            if (c == '<') {
                if (matches(data, i, end, "<script") || matches(data, i, end, "<svg:script")) {
                    scripts.add("<script>");
                    scriptTag = true;
                } else if (matches(data, i, end, "<foreignobject")) {
                    scripts.add("<foreignObject>");
                }
                inTag = i + 1 < end && isLetter(data[i + 1] & 0xFF);
                tagQuote = 0;
                afterEquals = false;
            } else if (c == 'd' && matches(data, i, end, "data:")) {
                dataUrl(data, i + 5, end, offset + 5); // CSS url(data:…) in a style element
            }
        }

        /**
         * Names of JavaScript APIs and markup sinks, inside a script or a tag, at the start of a word:
         * {@code URL.createObjectURL} counts, an anchor id {@code #url_createobjecturl} does not.
         */
        private void codeToken(int c, byte[] data, int i, int end, long offset) {
            if (i > 0 && (CLASSES[data[i - 1] & 0xFF] & IDENTIFIER) != 0) {
                return;
            }
            switch (c) {
                case 'b' -> {
                    if (matches(data, i, end, "blob(")) {
                        sinks.add("Blob");
                    }
                }
                case 'c' -> {
                    if (matches(data, i, end, "createobjecturl")) {
                        sinks.add("createObjectURL");
                    } else if (matches(data, i, end, "charcodeat")) {
                        sources.add("charCodeAt");
                    }
                }
                case 'm' -> {
                    if (matches(data, i, end, "mssaveoropenblob") || matches(data, i, end, "mssaveblob")) {
                        sinks.add("msSaveBlob");
                    }
                }
                case 's' -> {
                    if (matches(data, i, end, "saveas(")) {
                        sinks.add("saveAs");
                    }
                }
                case 'd' -> {
                    if (matches(data, i, end, "download") && downloadAttribute(data, i, end)) {
                        sinks.add("download attribute");
                    } else if (matches(data, i, end, "data:")) {
                        dataUrl(data, i + 5, end, offset + 5);
                    }
                }
                case 'a' -> {
                    if (matches(data, i, end, "atob(")) {
                        sources.add("atob");
                    }
                }
                case 'f' -> {
                    if (matches(data, i, end, "fromcharcode")) {
                        sources.add("fromCharCode");
                    }
                }
                case 'u' -> {
                    if (matches(data, i, end, "uint8array")) {
                        sources.add("Uint8Array");
                    }
                }
                default -> {
                    // not the start of a token
                }
            }
        }

        /** {@code download=} (markup), {@code .download =} (script) or {@code "download"} (setAttribute). */
        private static boolean downloadAttribute(byte[] data, int i, int end) {
            int after = i + 8;
            if (after < end && isLetter(lower(data[after] & 0xFF))) {
                return false;
            }
            int before = i > 0 ? data[i - 1] & 0xFF : ' ';
            if (before == '"' || before == '\'') {
                return after < end && (data[after] & 0xFF) == before;
            }
            if (isLetter(lower(before)) || before == '?' || before == '&' || before == '_' || before == '-') {
                return false; // part of a longer name, or a URL query parameter (?download=1)
            }
            int j = after;
            while (j < end && (data[j] == ' ' || data[j] == '\t')) {
                j++;
            }
            return j < end && data[j] == '=' && (j + 1 >= end || data[j + 1] != '=');
        }

        /** {@code on} + three or more letters + optional blanks + {@code =}, right after a blank or quote in a tag. */
        private static boolean eventHandler(byte[] data, int i, int end) {
            if (!matches(data, i, end, "on")) {
                return false;
            }
            int j = i + 2;
            while (j < end && j - i < 40 && isLetter(lower(data[j] & 0xFF))) {
                j++;
            }
            if (j - i - 2 < 3) {
                return false;
            }
            while (j < end && (data[j] == ' ' || data[j] == '\t')) {
                j++;
            }
            return j < end && data[j] == '=';
        }

        /** After {@code data:}: the media type up to {@code ;base64,}, remembered for the run that follows. */
        private void dataUrl(byte[] data, int i, int end, long offset) {
            int j = i;
            StringBuilder type = new StringBuilder();
            while (j < end && j - i < LOOKAHEAD - 16) {
                int c = lower(data[j] & 0xFF);
                if (c == ';' && matches(data, j, end, ";base64,")) {
                    break;
                }
                if (!(isLetter(c) || c >= '0' && c <= '9' || c == '/' || c == '+' || c == '-' || c == '.' || c == ';'
                    || c == '=' || c == '_')) {
                    break;
                }
                type.append((char) c);
                j++;
            }
            String mediaType = type.toString();
            int semicolon = mediaType.indexOf(';');
            String base = semicolon < 0 ? mediaType : mediaType.substring(0, semicolon);
            if (base.startsWith("application/") && !benignMedia(base)) {
                sinks.add("data:application URL");
            }
            if (matches(data, j, end, ";base64,")) {
                dataStart = offset + (j - i) + 8;
                dataType = base.isEmpty() ? "text/plain" : base;
            }
        }

        /**
         * Media a browser renders or reads instead of saving: their base64 is not a payload source and
         * their {@code data:application/…} URL is not a sink. JSON covers inline source maps
         * ({@code sourceMappingURL=data:application/json;base64,…}), common in saved pages.
         */
        private static boolean benignMedia(String type) {
            return type.startsWith("image/") || type.startsWith("font/") || type.startsWith("audio/")
                || type.startsWith("video/") || type.equals("text/css") || type.contains("font")
                || type.equals("application/json") || type.endsWith("+json");
        }

        // ---- base64 runs ----

        /** Run states: outside a run, in base64 characters, in its {@code =} padding, between quoted pieces. */
        private static final int NONE = 0;
        private static final int RUN = 1;
        private static final int PADDING = 2;
        private static final int JOIN = 3;

        private void runStep(int b, int classes, long offset) throws IOException {
            if (run == RUN) {
                if ((classes & BASE64) != 0) {
                    append(b);
                } else if (b == '=') {
                    append(b);
                    run = PADDING;
                } else if ((classes & QUOTE) != 0) {
                    run = JOIN;
                } else if ((b == '\n' || b == '\r') && (lineLength >= WRAPPED_LINE || lineLength == 0)) {
                    lineLength = 0;
                } else {
                    endRun();
                }
            } else if (run == NONE) {
                if ((classes & BASE64) != 0) {
                    startRun(b, offset);
                }
            } else if (run == PADDING) {
                if (b == '=') {
                    append(b);
                } else if ((classes & QUOTE) != 0) {
                    run = JOIN;
                } else {
                    endRun();
                    if ((classes & BASE64) != 0) {
                        startRun(b, offset);
                    }
                }
            } else if ((classes & QUOTE) != 0) {
                // between quoted pieces: "AAAA" + "BBBB", ["AAAA", "BBBB"].join(""), line breaks included
                run = RUN;
                lineLength = 0;
            } else if ((classes & JOINER) == 0) {
                endRun();
                if ((classes & BASE64) != 0) {
                    startRun(b, offset);
                }
            }
        }

        /** The {@code data:} URL media type of the current run, or null. */
        private String runType() {
            return runStart == dataStart ? dataType : null;
        }

        private void startRun(int b, long offset) throws IOException {
            run = RUN;
            runLength = 0;
            lineLength = 0;
            runStart = offset; // a primitive: a reference store per word would cost a GC barrier each
            append(b);
        }

        private void append(int b) throws IOException {
            lineLength++;
            if (runLength >= PAYLOAD_RUN) {
                runLength++;
                decoder.accept(b);
                return;
            }
            prefix[(int) runLength] = (byte) b;
            runLength++;
            if (runLength == PAYLOAD_RUN) {
                beginPayload();
            }
        }

        private void beginPayload() throws IOException {
            payloads++;
            String declared = runType() == null ? "application/octet-stream" : runType();
            decoder = new Base64Out(sink.begin(payloads, declared));
            for (byte c : prefix) {
                decoder.accept(c);
            }
        }

        /** Ends a run; small, so it is inlined where every word ends. */
        private void endRun() throws IOException {
            if (run != NONE && runLength >= PAYLOAD_RUN) {
                endPayload();
            }
            run = NONE;
            runLength = 0;
        }

        private void endPayload() throws IOException {
            decoder.finish();
            decoder = null;
            String declared = runType() == null ? "application/octet-stream" : runType();
            if (sink.end(payloads, declared)) {
                riskyPayloads++;
            }
            if (runLength >= LONG_RUN && (runType() == null || !benignMedia(runType()))) {
                sources.add("long base64 data");
            }
        }

        private static boolean isLetter(int c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }

        private static int lower(int b) {
            return b >= 'A' && b <= 'Z' ? b + 32 : b;
        }

        /** Whether the lower-case ASCII {@code token} starts at {@code i}, ignoring ASCII case. */
        private static boolean matches(byte[] data, int i, int end, String token) {
            if (i < 0 || i + token.length() > end) {
                return false;
            }
            for (int k = 0; k < token.length(); k++) {
                if (lower(data[i + k] & 0xFF) != token.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Decodes base64 characters as they come, leniently like a browser's {@code atob} after stripping
     * blanks: {@code =} closes the current quantum. Buffered, so decoding costs a loop, not a call per byte.
     */
    private static final class Base64Out {
        private static final int[] VALUES = new int[128];

        static {
            java.util.Arrays.fill(VALUES, -1);
            byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < alphabet.length; i++) {
                VALUES[alphabet[i]] = i;
            }
        }

        private final OutputStream out;
        private final byte[] buffer = new byte[8192];
        private int buffered;
        private int bits;
        private int count;

        Base64Out(OutputStream out) {
            this.out = out;
        }

        void accept(int c) throws IOException {
            if (c == '=') {
                flushQuantum();
                return;
            }
            int value = c < 128 ? VALUES[c] : -1;
            if (value < 0) {
                return;
            }
            bits = bits << 6 | value;
            if (++count == 4) {
                put(bits >> 16);
                put(bits >> 8);
                put(bits);
                bits = 0;
                count = 0;
            }
        }

        private void flushQuantum() throws IOException {
            if (count == 2) {
                put(bits >> 4);
            } else if (count == 3) {
                put(bits >> 10);
                put(bits >> 2);
            }
            bits = 0;
            count = 0;
        }

        private void put(int b) throws IOException {
            if (buffered == buffer.length) {
                out.write(buffer, 0, buffered);
                buffered = 0;
            }
            buffer[buffered++] = (byte) b;
        }

        void finish() throws IOException {
            flushQuantum();
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
    }
}
