package dev.postino.sandbox.delay;

import static dev.postino.sandbox.delay.DistributedHoldTest.HELD;
import static dev.postino.sandbox.delay.DistributedHoldTest.distributed;
import static dev.postino.sandbox.delay.DistributedHoldTest.due;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.junit.jupiter.api.Test;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.HeldMailRelease;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/**
 * A week of office mail on the distributed server, release job every minute: 2,000 messages at
 * random times, day and night, Friday evening and the Immacolata (8 December, an Italian holiday)
 * included, each to one to four colleagues in To, Cc and Bcc, some with a client too. Every
 * colleague receives every message exactly once, within a minute after the time the rules gave it.
 */
class OfficeWeekOnTheDistributedServerTest {

    private static final ZonedDateTime MONDAY = ZonedDateTime.parse("2026-12-07T00:00+01:00[Europe/Rome]");
    private static final int MESSAGES = 2000;
    private static final List<String> STAFF = List.of("anna.bianchi", "luca.verdi", "giulia.neri", "mario.rossi",
        "paolo.russo", "sara.gallo", "marco.conti", "elena.costa");

    private record Sent(String messageId, Set<String> colleagues, Instant at) {
    }

    @Test
    void everyColleagueGetsEveryMessageOnceWithinAMinuteOfItsDueTime() throws Exception {
        Random random = new Random(20261207);
        TreeMap<Instant, String> schedule = new TreeMap<>();
        Map<String, Sent> sent = new HashMap<>();
        for (int n = 0; n < MESSAGES; n++) {
            Instant at = MONDAY.toInstant().plusSeconds(random.nextLong(Duration.ofDays(7).toSeconds()));
            while (schedule.containsKey(at)) {
                at = at.plusMillis(1);
            }
            schedule.put(at, "<week-" + n + "@acme.example>");
        }

        try (JamesTestBed bed = distributed().startAt(MONDAY).build()) {
            HeldMailRelease release = new HeldMailRelease(bed.repositories(), MailRepositoryUrl.from(HELD), bed.queue());
            Instant end = MONDAY.plusDays(9).toInstant();
            var next = schedule.entrySet().iterator();
            var pending = next.hasNext() ? next.next() : null;
            for (Instant minute = MONDAY.toInstant(); minute.isBefore(end); minute = minute.plusSeconds(60)) {
                while (pending != null && pending.getKey().isBefore(minute.plusSeconds(60))) {
                    bed.clock().set(pending.getKey());
                    Sent message = send(bed, random, pending.getValue(), pending.getKey());
                    sent.put(message.messageId(), message);
                    pending = next.hasNext() ? next.next() : null;
                }
                bed.clock().set(minute.plusSeconds(60));
                release.releaseDue(bed.clock().instant());
                bed.runDueQueueItems();
            }

            Map<String, List<Delivery>> deliveries = new HashMap<>();
            for (Delivery delivery : bed.deliveries()) {
                if (delivery.kind() == Delivery.Kind.LOCAL) {
                    deliveries.computeIfAbsent(delivery.message().getMessageID(), id -> new ArrayList<>()).add(delivery);
                }
            }
            long lateOrEarly = 0;
            Duration latest = Duration.ZERO;
            for (Sent message : sent.values()) {
                List<Delivery> received = deliveries.getOrDefault(message.messageId(), List.of());
                List<String> recipients = received.stream().flatMap(d -> d.recipients().stream())
                    .map(address -> address.getLocalPart()).toList();
                assertThat(recipients).as("%s sent at %s", message.messageId(), message.at())
                    .containsExactlyInAnyOrderElementsOf(message.colleagues());
                for (Delivery delivery : received) {
                    Duration after = Duration.between(due(delivery), delivery.at());
                    latest = after.compareTo(latest) > 0 ? after : latest;
                    if (after.isNegative() || after.compareTo(Duration.ofSeconds(60)) >= 0) {
                        lateOrEarly++;
                    }
                }
            }
            System.out.printf("office week: %d messages, %d deliveries, latest %ds after its due time, %d buckets used%n",
                sent.size(), deliveries.values().stream().mapToInt(List::size).sum(), latest.toSeconds(),
                release.history().stream().map(HeldMailRelease.Released::bucket).distinct().count());
            assertThat(sent).hasSize(MESSAGES);
            assertThat(lateOrEarly).as("deliveries before their due time or a minute or more after it").isZero();
            assertThat(release.held()).isZero();
            assertThat(bed.errors()).isEmpty();
        }
    }

    /** One message from a random colleague to one to four others, in To, Cc or Bcc, sometimes a client too. */
    private static Sent send(JamesTestBed bed, Random random, String messageId, Instant at) throws Exception {
        List<String> people = new ArrayList<>(STAFF);
        java.util.Collections.shuffle(people, random);
        String sender = people.removeFirst();
        Set<String> colleagues = new LinkedHashSet<>(people.subList(0, 1 + random.nextInt(4)));
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        for (String colleague : colleagues) {
            switch (random.nextInt(3)) {
                case 0 -> to.add(colleague + "@acme.example");
                case 1 -> cc.add(colleague + "@acme.example");
                default -> { } // Bcc: in the envelope only
            }
        }
        boolean client = random.nextInt(4) == 0;
        if (client) {
            to.add("client@example.com");
        }
        String text = "From: " + sender + "@acme.example\r\n"
            + (to.isEmpty() ? "" : "To: " + String.join(", ", to) + "\r\n")
            + (cc.isEmpty() ? "" : "Cc: " + String.join(", ", cc) + "\r\n")
            + "Subject: Aggiornamento\r\nMessage-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nVedi sotto.\r\n";
        List<String> envelope = new ArrayList<>(colleagues.stream().map(c -> c + "@acme.example").toList());
        if (client) {
            envelope.add("client@example.com");
        }
        bed.send(SandboxMails.fromEml(text, Envelope.from(sender + "@acme.example").to(envelope.toArray(String[]::new))
            .authenticatedAs(sender + "@acme.example")));
        return new Sent(messageId, colleagues, at);
    }
}
