package dev.postino.sandbox.delay;

import static dev.postino.sandbox.delay.DistributedHoldTest.HELD;
import static dev.postino.sandbox.delay.DistributedHoldTest.TUESDAY_10;
import static dev.postino.sandbox.delay.DistributedHoldTest.distributed;
import static dev.postino.sandbox.delay.DistributedHoldTest.due;
import static dev.postino.sandbox.delay.DistributedHoldTest.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.junit.jupiter.api.Test;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.HeldMailRelease;
import dev.postino.sandbox.JamesTestBed;

/**
 * Three nodes of a distributed server share the hold repository and the spool (a queue that ignores
 * delays); node B's clock is a minute behind, node C's a minute ahead. A release job with the true
 * time runs every minute, following WebAdmin's reprocessing order, with faults injected: two runs at
 * once, a run that crashes between enqueue and remove, and node A going down while its mail is due.
 * Every held mail must end up delivered, none before its due time minus the tolerance (30 s), none
 * delayed twice; the only duplicate is the one the crash makes.
 */
class DistributedClusterTest {

    private static final Duration TOLERANCE = Duration.ofSeconds(30);

    private record Node(JamesTestBed bed, Duration skew) {
        void setTrueTime(Instant trueTime) {
            bed.clock().set(trueTime.plus(skew));
        }
    }

    @Test
    void everyHeldMailIsDeliveredNoneEarlyNoneDelayedTwiceAndTheCrashMakesTheOnlyDuplicate() throws Exception {
        Instant start = TUESDAY_10.toInstant();
        JamesTestBed a = distributed().build();
        List<Node> nodes = new ArrayList<>(List.of(new Node(a, Duration.ZERO),
            new Node(distributed().sharingStoresWith(a).startAt(TUESDAY_10.minusMinutes(1)).build(), Duration.ofMinutes(-1)),
            new Node(distributed().sharingStoresWith(a).startAt(TUESDAY_10.plusMinutes(1)).build(), Duration.ofMinutes(1))));
        List<Node> all = List.copyOf(nodes);
        HeldMailRelease release = new HeldMailRelease(a.repositories(), MailRepositoryUrl.from(HELD), a.queue());
        Random random = new Random(7);

        // 30 meetings sent through the three nodes in turn during the first hour.
        Map<Instant, Integer> sends = new java.util.TreeMap<>();
        for (int n = 0; n < 30; n++) {
            sends.put(start.plusSeconds(random.nextInt(3600)), n);
        }
        int crashes = 0;
        boolean twoRunsDone = false;
        int sent = 0;
        try {
            for (Instant minute = start; minute.isBefore(start.plus(Duration.ofHours(4))); minute = minute.plusSeconds(60)) {
                for (Map.Entry<Instant, Integer> send : sends.entrySet()) {
                    if (!send.getKey().isBefore(minute) && send.getKey().isBefore(minute.plusSeconds(60))) {
                        Node node = nodes.get(send.getValue() % nodes.size());
                        node.setTrueTime(send.getKey());
                        node.bed().send(meeting(send.getValue()));
                        sent++;
                    }
                }
                for (Node node : nodes) {
                    node.setTrueTime(minute);
                }
                if (minute.equals(start.plus(Duration.ofMinutes(30)))) {
                    nodes.removeIf(node -> node.bed() == a);   // node A goes down; its mail is due later
                }
                // The release job (true time), then one node takes what is in the spool. The faults
                // strike the first runs after 10:40 that have something to release.
                boolean somethingDue = !release.plan(minute).entries().isEmpty();
                if (!twoRunsDone && somethingDue && minute.isAfter(start.plus(Duration.ofMinutes(40)))) {
                    HeldMailRelease.Plan first = release.plan(minute);
                    HeldMailRelease.Plan second = release.plan(minute);
                    release.execute(first, minute, Optional.empty());
                    release.execute(second, minute, Optional.empty());
                    twoRunsDone = true;
                } else if (twoRunsDone && crashes == 0 && somethingDue) {
                    try {
                        release.execute(release.plan(minute), minute, Optional.of(1));
                    } catch (HeldMailRelease.SimulatedCrash crash) {
                        crashes++;
                    }
                } else {
                    release.releaseDue(minute);
                }
                nodes.get((int) (minute.getEpochSecond() / 60 % nodes.size())).bed().runDueQueueItems();
            }
        } finally {
            all.forEach(node -> node.bed().close());
        }

        // Every local delivery of a meeting, at the true time it happened.
        Map<String, List<Instant>> deliveredAt = new LinkedHashMap<>();
        Map<String, Instant> dueOf = new HashMap<>();
        Map<String, List<String>> traceOf = new HashMap<>();
        for (Node node : all) {
            for (Delivery delivery : node.bed().deliveries()) {
                if (delivery.kind() != Delivery.Kind.LOCAL) {
                    continue;
                }
                String id = delivery.message().getMessageID();
                Instant trueTime = delivery.at().minus(node.skew());
                deliveredAt.computeIfAbsent(id, k -> new ArrayList<>()).add(trueTime);
                dueOf.put(id, due(delivery));
                traceOf.computeIfAbsent(id, k -> new ArrayList<>()).addAll(List.of(delivery.message().getHeader("X-Postino-Delay")));
                assertThat(delivery.recipients()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("anna.bianchi@acme.example", "luca.verdi@acme.example");
            }
        }
        int duplicates = deliveredAt.values().stream().mapToInt(times -> times.size() - 1).sum();
        int heldAgain = release.history().size() - sent - duplicates;
        System.out.printf("cluster: %d held, %d releases, %d came back early and were held again, %d delivered, "
            + "%d duplicate(s) from %d crash(es), %d still held%n", sent, release.history().size(), heldAgain,
            deliveredAt.size(), duplicates, crashes, release.held());

        assertThat(sent).isEqualTo(30);
        assertThat(deliveredAt).as("lost").hasSize(30);
        assertThat(release.held()).isZero();
        assertThat(heldAgain).as("node B, a minute behind, got released mail before its time").isPositive();
        assertThat(crashes).isEqualTo(1);
        assertThat(duplicates).as("the crash's duplicate and no other").isEqualTo(crashes);
        deliveredAt.forEach((id, times) -> times.forEach(time ->
            assertThat(time).as("%s delivered early", id).isAfterOrEqualTo(dueOf.get(id).minus(TOLERANCE))));
        traceOf.forEach((id, traces) -> assertThat(traces).as("%s delayed twice", id).hasSize(deliveredAt.get(id).size())
            .containsOnly(traces.getFirst()));
    }
}
