package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QuarantineIdTest {

    private static final Instant HELD = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void idCarriesTheUtcDayAndEightCrockfordCharacters() {
        QuarantineId id = QuarantineId.generate(HELD, new Random(7));

        assertThat(id.value()).matches("Q-20261201-[0-9A-HJKMNP-TV-Z]{8}");
    }

    @Test
    void idNeverContainsLettersThatReadAsDigits() {
        Random random = new Random(1);
        for (int i = 0; i < 2_000; i++) {
            assertThat(QuarantineId.generate(HELD, random).value().substring(11)).doesNotContain("I", "L", "O", "U");
        }
    }

    @Test
    void successiveIdsDiffer() {
        Random random = new Random(3);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(QuarantineId.generate(HELD, random).value());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void forgedOrMalformedValuesAreNotIds() {
        assertThat(QuarantineId.isWellFormed("Q-20261201-7F3K9M2P")).isTrue();
        assertThat(QuarantineId.isWellFormed("Q-20261201-7F3K9M2P\r\nBcc: x@evil.example")).isFalse();
        assertThat(QuarantineId.isWellFormed("Q-2026121-7F3K9M2P")).isFalse();
        assertThat(QuarantineId.isWellFormed(null)).isFalse();
        assertThatThrownBy(() -> new QuarantineId("Q-20261201-ILOU0000")).isInstanceOf(IllegalArgumentException.class);
    }
}
