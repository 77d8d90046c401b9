package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HoldBucketTest {

    @Test
    void aMailWaitsInTheFirstWholeMinuteAtOrAfterItsDueTimeInUtc() {
        assertThat(HoldBucket.dueBy(Instant.parse("2026-12-07T08:09:31Z")).name()).isEqualTo("20261207T0810");
        assertThat(HoldBucket.dueBy(Instant.parse("2026-12-07T08:10:00Z")).name()).isEqualTo("20261207T0810");
        assertThat(HoldBucket.dueBy(Instant.parse("2026-12-07T08:10:00.001Z")).name()).isEqualTo("20261207T0811");
    }

    @Test
    void aBucketIsDueFromItsMinuteOnNeverBefore() {
        HoldBucket bucket = HoldBucket.parse("20261207T0810").orElseThrow();
        assertThat(bucket.isDue(Instant.parse("2026-12-07T08:09:59.999Z"))).isFalse();
        assertThat(bucket.isDue(Instant.parse("2026-12-07T08:10:00Z"))).isTrue();
        assertThat(bucket.dueBy()).isEqualTo(Instant.parse("2026-12-07T08:10:00Z"));
    }

    @Test
    void onlyBucketNamesParse() {
        assertThat(HoldBucket.parse("20261207T0810")).isPresent();
        assertThat(HoldBucket.parse("20261207T2460")).isEmpty();
        assertThat(HoldBucket.parse("error")).isEmpty();
        assertThat(HoldBucket.parse("20261207T08100")).isEmpty();
        assertThat(HoldBucket.parse(null)).isEmpty();
    }

    @Test
    void anEarlyReturnNeverGoesBackIntoTheBucketBeingReleased() {
        Instant due = Instant.parse("2026-12-07T08:09:31Z");
        HoldBucket own = HoldBucket.dueBy(due);
        assertThat(HoldBucket.forEarlyReturn(due, Optional.of(own))).isEqualTo(own.next());
        assertThat(HoldBucket.forEarlyReturn(due, Optional.of(own.next()))).isEqualTo(own);
        assertThat(HoldBucket.forEarlyReturn(due, Optional.empty())).isEqualTo(own);
    }

    @Test
    void bucketsOrderByTime() {
        assertThat(HoldBucket.parse("20261207T0810").orElseThrow()).isLessThan(HoldBucket.parse("20261207T0811").orElseThrow());
        assertThatThrownBy(() -> new HoldBucket(Instant.parse("2026-12-07T08:09:31Z"))).isInstanceOf(IllegalArgumentException.class);
    }
}
