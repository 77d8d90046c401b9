package dev.postino.sandbox.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.QueuedMail;
import dev.postino.sandbox.SandboxMails;

/** The delay samples (samples/40-49) do what their descriptions say, with the project's configuration. */
class DelaySamplesTest {

    private record Run(JamesTestBed bed, ZonedDateTime at) {
        List<QueuedMail> delayed() {
            return bed.queue().history().stream().filter(QueuedMail::delayed).toList();
        }
    }

    private static Run run(String sample) throws Exception {
        Path eml = JamesTestBed.projectFile("samples/" + sample + ".eml");
        MimeMessage message = SandboxMails.parse(Files.readAllBytes(eml));
        Envelope envelope = Envelope.forMessage(message, Optional.of(JamesTestBed.projectFile("samples/" + sample + ".envelope")));
        ZonedDateTime at = envelope.at().orElseThrow();
        JamesTestBed bed = JamesTestBed.builder()
            .configFile(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml")).startAt(at).build();
        Mail mail = SandboxMails.fromMessage(message, envelope);
        bed.send(mail);
        return new Run(bed, at);
    }

    @Test
    void tuesdayMorningTheClientIsServedAtOnceAndTheColleaguesWithinRulesOneAndTwo() throws Exception {
        Run run = run("40-delay-intra-company-tuesday");
        try (JamesTestBed bed = run.bed()) {
            assertThat(bed.deliveries()).singleElement().satisfies(d -> assertThat(d.isFor("client@example.com")).isTrue());
            assertThat(run.delayed()).singleElement().satisfies(item ->
                assertThat(item.delay()).isBetween(Duration.ofSeconds(740), Duration.ofSeconds(1480)));
        }
    }

    @Test
    void atEightTheEdgeDelayIsAdded() throws Exception {
        Run run = run("41-delay-intra-company-before-opening");
        JamesTestBed bed = run.bed();
        try (bed) {
            assertThat(run.delayed()).singleElement().satisfies(item -> {
                assertThat(item.delay()).isBetween(Duration.ofSeconds(940), Duration.ofSeconds(1880));
                assertThat(item.mail().getMessage().getHeader("X-Postino-Delay", null)).doesNotContain("edge=0s");
            });
        }
    }

    @Test
    void fridayNightIsHeldToMonday() throws Exception {
        Run run = run("42-delay-intra-company-friday-night");
        JamesTestBed bed = run.bed();
        try (bed) {
            ZonedDateTime monday = ZonedDateTime.parse("2026-11-30T09:00+01:00[Europe/Rome]");
            assertThat(run.delayed()).singleElement().satisfies(item ->
                assertThat(item.dueAt()).isBetween(monday.plusSeconds(740).toInstant(), monday.plusSeconds(1480).toInstant()));
        }
    }

    @Test
    void thePersonalAccountEarnsOneLetter() throws Exception {
        Run run = run("43-delay-personal-account");
        try (JamesTestBed bed = run.bed()) {
            bed.advanceBy(Duration.ofHours(2));
            assertThat(bed.deliveries()).filteredOn(d -> d.kind() == Delivery.Kind.LOCAL && d.isFor("hr@acme.example"))
                .singleElement().satisfies(letter -> assertThat(letter.message().getSubject()).startsWith("Lettera di richiamo"));
            assertThat(bed.deliveries()).filteredOn(d -> d.isFor("anna.bianchi@acme.example")).hasSize(1);
        }
    }
}
