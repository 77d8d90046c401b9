package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The differential oracle, used generatively: whatever form a message takes, the inspector must not call it
 * clean while Jakarta Mail extracts something dangerous from it.
 */
class MimeDifferentialProperties {

    private final DifferentialOracle oracle = new DifferentialOracle();

    @Property(tries = 400)
    void noWayOfWritingTheMessageHidesThePayloadFromTheInspector(@ForAll("variants") MimeVariants.Variant variant) {
        byte[] message = MimeVariants.message(variant);

        assertThat(oracle.evasion(message)).as("%s", variant).isEmpty();
    }

    @Property(tries = 300)
    void noByteLevelDamageToADangerousMessageHidesThePayload(@ForAll("damaged") byte[] message) {
        assertThat(oracle.evasion(message)).isEmpty();
    }

    @Provide
    Arbitrary<MimeVariants.Variant> variants() {
        return MimeVariants.variants();
    }

    /** Dangerous variants and corpus messages with a few bytes inserted, removed or changed where MIME syntax lives. */
    @Provide
    Arbitrary<byte[]> damaged() {
        Arbitrary<byte[]> base = Arbitraries.oneOf(MimeVariants.messages(),
            Arbitraries.of(Corpus.all().stream().filter(c -> c.expected() == Verdict.DANGEROUS).map(Corpus.Case::message)
                .filter(m -> m.length < 50_000).toList()));
        Arbitrary<String> inserted = Arbitraries.of(List.of("\r", "\n", "\r\n", " ", "\t", ";", "\"", "(", ")", "=", "--", "\\", "\f",
            "\u0000", "boundary=", "base64", "begin 644 ", "Content-Type: "));
        return Combinators.combine(base, Arbitraries.integers().between(0, Integer.MAX_VALUE), inserted, Arbitraries.integers().between(0, 2))
            .as((message, position, text, action) -> damage(message, position % Math.max(1, message.length), text, action));
    }

    private static byte[] damage(byte[] message, int at, String text, int action) {
        byte[] insert = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return switch (action) {
            case 0 -> splice(message, at, 0, insert);
            case 1 -> splice(message, at, Math.min(insert.length, message.length - at), new byte[0]);
            default -> splice(message, at, Math.min(insert.length, message.length - at), insert);
        };
    }

    private static byte[] splice(byte[] message, int at, int remove, byte[] insert) {
        byte[] out = new byte[message.length - remove + insert.length];
        System.arraycopy(message, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(message, at + remove, out, at + insert.length, message.length - at - remove);
        return out;
    }
}
