package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever bytes arrive, the inspector returns a verdict: corrupted corpus messages, truncations, noise. */
class InspectorRobustnessProperties {

    private final AttachmentInspector inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);

    @Property(tries = 300)
    void corruptedCorpusMessagesAlwaysGetAVerdict(@ForAll("corrupted") byte[] message) {
        InspectionReport report = inspector.inspect(message);

        assertThat(report.verdict()).isNotNull();
        assertThat(report.findings()).allSatisfy(finding -> assertThat(finding.filename()).doesNotContain("\r", "\n", "\u202E"));
    }

    @Provide
    Arbitrary<byte[]> corrupted() {
        List<byte[]> messages = Corpus.all().stream().map(Corpus.Case::message)
            .filter(message -> message.length < 100_000).toList();
        Arbitrary<byte[]> base = Arbitraries.of(messages);
        return Combinators.combine(base, Arbitraries.integers().between(0, 1_000_000), Arbitraries.integers().between(1, 40),
                Arbitraries.bytes(), Arbitraries.of(Mutation.values()))
            .as((message, position, count, value, mutation) -> mutation.apply(message, position % message.length, count, value));
    }

    enum Mutation {
        FLIP_BYTES {
            @Override
            byte[] apply(byte[] message, int position, int count, byte value) {
                byte[] copy = message.clone();
                for (int i = position; i < Math.min(copy.length, position + count); i++) {
                    copy[i] ^= (byte) (value | 1);
                }
                return copy;
            }
        },
        TRUNCATE {
            @Override
            byte[] apply(byte[] message, int position, int count, byte value) {
                return java.util.Arrays.copyOf(message, position);
            }
        },
        DUPLICATE_SLICE {
            @Override
            byte[] apply(byte[] message, int position, int count, byte value) {
                int end = Math.min(message.length, position + count * 50);
                byte[] copy = new byte[message.length + end - position];
                System.arraycopy(message, 0, copy, 0, end);
                System.arraycopy(message, position, copy, end, message.length - position);
                return copy;
            }
        };

        abstract byte[] apply(byte[] message, int position, int count, byte value);
    }
}
