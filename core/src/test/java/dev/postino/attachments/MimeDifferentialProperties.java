package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
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

    @Provide
    Arbitrary<byte[]> damaged() {
        return MimeVariants.damaged();
    }
}
