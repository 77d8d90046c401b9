package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DelayPolicyTest {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final RecipientCounts ONE_TO = new RecipientCounts(1, 0);
    private final DelayPolicy seedRules = DelayPolicy.builder().build();

    private static ZonedDateTime rome(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), ROME);
    }

    private DelayDecision lowest(String local, RecipientCounts counts) {
        return seedRules.decide(rome(local).toInstant(), counts, Draws.LOWEST);
    }

    @Test
    void duringWorkingHoursOneRecipientGetsTheBaseDelayOnly() {
        DelayDecision d = lowest("2026-12-01T10:00", ONE_TO);
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(400));
        assertThat(seedRules.decide(rome("2026-12-01T10:00").toInstant(), ONE_TO, Draws.HIGHEST).delay())
            .isEqualTo(Duration.ofSeconds(800));
    }

    @Test
    void everyToOrCcRecipientAfterTheFirstAddsItsOwnDraw() {
        DelayDecision d = lowest("2026-12-01T10:00", new RecipientCounts(4, 0));
        assertThat(d.visibleDraws()).hasSize(3).containsOnly(Duration.ofSeconds(40));
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(400 + 3 * 40));
    }

    @Test
    void everyBccRecipientAddsItsOwnDraw() {
        DelayDecision d = seedRules.decide(rome("2026-12-01T10:00").toInstant(), new RecipientCounts(1, 2), Draws.HIGHEST);
        assertThat(d.bccDraws()).hasSize(2).containsOnly(Duration.ofSeconds(600));
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(800 + 2 * 600));
    }

    @Test
    void aMessageWithOnlyBccRecipientsPaysNoToCcPenalty() {
        DelayDecision d = lowest("2026-12-01T10:00", new RecipientCounts(0, 3));
        assertThat(d.visibleDraws()).isEmpty();
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(400 + 3 * 300));
    }

    /** The seed's rules at every boundary minute, lowest draws: the edge adds 200 s, the night holds. */
    @ParameterizedTest(name = "{0}: {1}s, due {2}")
    @CsvSource({
        "2026-12-01T07:29, 5860, 2026-12-01T09:06:40+01:00",   // held to 09:00, then base 400
        "2026-12-01T07:30, 600, 2026-12-01T07:40+01:00",       // edge: 400 + 200
        "2026-12-01T07:31, 600, 2026-12-01T07:41+01:00",
        "2026-12-01T08:59, 600, 2026-12-01T09:09+01:00",
        "2026-12-01T09:00, 400, 2026-12-01T09:06:40+01:00",
        "2026-12-01T09:01, 400, 2026-12-01T09:07:40+01:00",
        "2026-12-01T17:59, 400, 2026-12-01T18:05:40+01:00",
        "2026-12-01T18:00, 600, 2026-12-01T18:10+01:00",
        "2026-12-01T18:01, 600, 2026-12-01T18:11+01:00",
        "2026-12-01T19:29, 600, 2026-12-01T19:39+01:00",
        "2026-12-01T19:30, 600, 2026-12-01T19:40+01:00",
        "2026-12-01T19:31, 48940, 2026-12-02T09:06:40+01:00"})
    void boundaryMinutes(String local, long seconds, OffsetDateTime due) {
        DelayDecision d = lowest(local, ONE_TO);
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(d.dueAt().toOffsetDateTime()).isEqualTo(due);
    }

    @Test
    void outOfHoursTheRulesRunFromTheOpening() {
        DelayDecision d = lowest("2026-11-27T22:00", new RecipientCounts(3, 1));
        assertThat(d.heldUntil()).contains(rome("2026-11-30T09:00"));
        assertThat(d.edge()).isZero();
        assertThat(d.dueAt()).isEqualTo(rome("2026-11-30T09:00").plusSeconds(400 + 2 * 40 + 300));
    }

    @Test
    void withDeliverAtOpeningAHeldMessageIsDueExactlyAtTheOpening() {
        DelayPolicy exact = DelayPolicy.builder().deliverAtOpening(true).build();
        DelayDecision d = exact.decide(rome("2026-11-27T22:00").toInstant(), new RecipientCounts(3, 1), Draws.HIGHEST);
        assertThat(d.dueAt()).isEqualTo(rome("2026-11-30T09:00"));
        assertThat(d.base()).isZero();
        assertThat(d.visibleDraws()).isEmpty();
    }

    @Test
    void deliverAtOpeningLeavesWorkingHoursMailToRulesOneAndTwo() {
        DelayPolicy exact = DelayPolicy.builder().deliverAtOpening(true).build();
        assertThat(exact.decide(rome("2026-12-01T10:00").toInstant(), ONE_TO, Draws.LOWEST).delay()).isEqualTo(Duration.ofSeconds(400));
    }

    @Test
    void aHolidayMondayHoldsUntilTuesday() {
        DelayDecision d = lowest("2026-04-06T10:00", ONE_TO);
        assertThat(d.dueAt()).isEqualTo(rome("2026-04-07T09:06:40"));
    }

    @Test
    void aDelayAcrossTheSpringForwardNightIsRealSeconds() {
        // Saturday 28 March 2026 22:00 CET: 34 real hours to Monday 09:00 CEST, plus 400 s.
        DelayDecision d = lowest("2026-03-28T22:00", ONE_TO);
        assertThat(d.hold()).isEqualTo(Duration.ofHours(34));
        assertThat(d.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2026-03-30T09:06:40+02:00"));
    }

    @Test
    void aDelayAcrossTheFallBackNightIsRealSeconds() {
        DelayDecision d = lowest("2026-10-24T22:00", ONE_TO);
        assertThat(d.hold()).isEqualTo(Duration.ofHours(36));
        assertThat(d.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2026-10-26T09:06:40+01:00"));
    }

    @Test
    void theSameSeedGivesTheSameDecision() {
        RecipientCounts counts = new RecipientCounts(3, 2);
        DelayDecision first = seedRules.decide(rome("2026-12-01T10:00").toInstant(), counts, new Random(7));
        DelayDecision second = seedRules.decide(rome("2026-12-01T10:00").toInstant(), counts, new Random(7));
        assertThat(first).isEqualTo(second);
    }

    @Test
    void theDelayIsTheSumOfEveryContribution() {
        DelayDecision d = seedRules.decide(rome("2026-12-01T18:30").toInstant(), new RecipientCounts(3, 2), new Random(11));
        Duration sum = d.base().plus(d.visibleTotal()).plus(d.bccTotal()).plus(d.edge()).plus(d.hold());
        assertThat(d.delay()).isEqualTo(sum);
    }

    @Test
    void everyNumberIsConfigurable() {
        DelayPolicy custom = DelayPolicy.builder()
            .baseDelay(DelayRange.ofSeconds(10, 10))
            .visibleRecipientDelay(DelayRange.ofSeconds(1, 1))
            .bccRecipientDelay(DelayRange.ofSeconds(100, 100))
            .edgeWindow(Duration.ofMinutes(30))
            .edgeDelay(DelayRange.ofSeconds(1000, 1000))
            .build();
        assertThat(custom.decide(rome("2026-12-01T08:30").toInstant(), new RecipientCounts(2, 1), Draws.LOWEST).delay())
            .isEqualTo(Duration.ofSeconds(10 + 1 + 100 + 1000));
        assertThat(custom.decide(rome("2026-12-01T08:29").toInstant(), ONE_TO, Draws.LOWEST).heldUntil()).isPresent();
    }

    @Test
    void theTraceValueShowsEachContribution() {
        DelayDecision d = lowest("2026-12-01T10:00", new RecipientCounts(3, 1));
        assertThat(d.traceValue())
            .isEqualTo("780s; base=400s; to-cc=2x=80s; bcc=1x=300s; edge=0s; hold=0s; until=2026-12-01T10:13:00+01:00");
    }
}
