package dev.postino;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Tuple;

/**
 * Header-like text built to break lenient parsers: the specials of RFC 5322 and RFC 2045 in every
 * order (a comment or quoted string left open, a backslash at the very end, a comment closed too
 * often), RFC 2231 and RFC 2047 fragments cut short, folding and stray CR/LF/NUL, raw 8-bit bytes,
 * astral characters and lone surrogates. Shared by the "never throws" properties of every parser.
 */
public final class HostileText {

    /** Characters in a {@link #huge} value. */
    public static final int HUGE = 1_000_000;
    /**
     * Time to read a {@link #huge} value: a linear parser needs well under a second for a megabyte,
     * a quadratic one minutes; the bound leaves room for a loaded build machine.
     */
    public static final Duration HUGE_READ_BUDGET = Duration.ofSeconds(5);

    private static final List<String> SYNTAX = List.of(
        "(", ")", "\\", "\"", ";", "=", "*", "'", "%", "<", ">", "@", ",", ":", "/", "?", "[", "]", ".",
        " ", "\t", "\r\n ", "\r\n", "\r", "\n", "\u0000", "\\\"", "\\(", "\\)", "((", "))", "\"\"", "(\\", "\"\\",
        "=?", "?=", "?", "*0", "*0*", "*1", "*1*", "*9999*", "*10000", "''", "'it'", "%E2%82", "%AC", "%%", "%G1",
        "utf-8''", "x-nonsense''", "=?utf-8?B?", "=?utf-8?Q?", "=?ISO-2022-JP?B?GyRC", "=?utf-8*it?q?", "=??Q?",
        "multipart", "report", "report-type", "disposition-notification", "delivery-status", "boundary",
        "charset", "name", "filename", "text/plain", "multipart/report", "anna@acme.example", "Anna <", ">,",
        "group:", ";,", "@[", "[127.0.0.1]");

    private HostileText() {
    }

    /** Up to {@code maxPieces} fragments of syntax, words and odd characters, joined. */
    public static Arbitrary<String> headerValues(int maxPieces) {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
            Tuple.of(30, Arbitraries.of(SYNTAX)),
            Tuple.of(20, Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(8)),
            Tuple.of(6, Arbitraries.strings().withCharRange('\u0080', '\u00ff').ofMinLength(1).ofMaxLength(3)),
            Tuple.of(4, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(2)),
            Tuple.of(4, Arbitraries.integers().between(0x100, 0x10FFFF).filter(Character::isDefined).map(Character::toString)),
            Tuple.of(3, Arbitraries.of("\uD83D", "\uDE00", "\uDE00\uD83D", "\uFFFD", "\uFEFF", "\u202E", "\u200D")),
            Tuple.of(2, Arbitraries.strings().ofMaxLength(6)));
        // Ending in an escape or an open comment or quote is where scanners run past the end.
        Arbitrary<String> ending = Arbitraries.of("", "", "", "\\", "(", "\"", "(\\", "\"\\", "=?", "%", "%E");
        return piece.list().ofMaxSize(maxPieces).map(pieces -> String.join("", pieces))
            .flatMap(text -> ending.map(text::concat));
    }

    /**
     * One fragment repeated to {@link #HUGE} characters or more: the shapes that make a careless
     * scanner quadratic or recursive (100 000 open comments, quotes, sections, encoded words).
     * Few enough for {@code GenerationMode.EXHAUSTIVE} to try every one.
     */
    public static Arbitrary<String> huge() {
        return Arbitraries.of("(", "((\\", "; a*=zz''%41", "\"\\", "a=\"", ";a*0*=%", "; a*9999=x", "=?utf-8?B?", "=?x?Q?=?",
                "a@b,", "<a@", "\"a\\\"@b\" <", "\r\n ", "\\", "x;", "(a(b)", "👍🏽", "\uD83D")
            .map(fragment -> fragment.repeat(HUGE / fragment.length() + 1));
    }

    /** {@code @ForAll(supplier = HostileText.HeaderValue.class)}: any header value. */
    public static final class HeaderValue implements ArbitrarySupplier<String> {
        @Override
        public Arbitrary<String> get() {
            return headerValues(30);
        }
    }

    /** Content-Type values: hostile text alone, or after a type, a report type, a report-type parameter. */
    public static final class ContentTypeValue implements ArbitrarySupplier<String> {
        @Override
        public Arbitrary<String> get() {
            return Arbitraries.oneOf(headerValues(40),
                headerValues(30).map(tail -> "multipart/report;" + tail),
                headerValues(15).map(tail -> "multipart/report; report-type=" + tail),
                headerValues(20).map(tail -> "multipart/" + tail));
        }
    }

    /** {@code @ForAll(supplier = HostileText.Huge.class)}: see {@link #huge()}. */
    public static final class Huge implements ArbitrarySupplier<String> {
        @Override
        public Arbitrary<String> get() {
            return huge();
        }
    }

    /** The name of any charset this JVM has. */
    public static final class CharsetName implements ArbitrarySupplier<String> {
        @Override
        public Arbitrary<String> get() {
            return Arbitraries.of(Charset.availableCharsets().keySet());
        }
    }
}
