package dev.postino.sandbox.bed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.QueuedMail;
import dev.postino.sandbox.SandboxConfigurationException;
import dev.postino.sandbox.SandboxMails;

/** The sandbox runs James's own container with James's default configuration, end to end. */
class JamesTestBedTest {
    private static final String MAIL = """
        From: Mario Rossi <mario.rossi@acme.example>
        To: Anna Bianchi <anna.bianchi@acme.example>, Client <client@example.com>
        Bcc: luca.verdi@acme.example
        Subject: Riunione di domani
        Message-ID: <bed-1@acme.example>
        Date: Tue, 1 Dec 2026 10:00:00 +0100
        MIME-Version: 1.0
        Content-Type: text/plain; charset=UTF-8

        Ci vediamo alle 11.
        """.replace("\n", "\r\n");

    static Stream<Path> confSamples() throws IOException {
        return Files.list(JamesTestBed.projectFile("conf-samples")).filter(p -> p.toString().endsWith(".xml"))
            .filter(JamesTestBedTest::isMailetContainer).sorted();
    }

    private static boolean isMailetContainer(Path file) {
        try {
            return Files.readString(file).contains("<mailetcontainer");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("confSamples")
    void everyConfSampleLoadsInJamesContainer(Path sample) throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().configFile(sample).build()) {
            assertThat(bed.processorNames()).contains("root", "error", "transport");
        }
    }

    @Test
    void defaultConfigurationDeliversToColleaguesAndRelaysForAuthenticatedSender() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().build()) {
            Mail mail = SandboxMails.fromEml(MAIL, Envelope.from("mario.rossi@acme.example")
                .to("anna.bianchi@acme.example", "luca.verdi@acme.example", "client@example.com")
                .authenticatedAs("mario.rossi@acme.example"));

            bed.send(mail);
            bed.advanceBy(Duration.ofHours(1)); // colleagues' copy waits for the intra-company delay rules

            assertThat(bed.deliveries()).hasSize(2);
            Delivery local = bed.deliveries().stream().filter(d -> d.kind() == Delivery.Kind.LOCAL).findFirst().orElseThrow();
            Delivery remote = bed.deliveries().stream().filter(d -> d.kind() == Delivery.Kind.REMOTE).findFirst().orElseThrow();
            assertThat(local.recipients()).extracting(Object::toString)
                .containsExactlyInAnyOrder("anna.bianchi@acme.example", "luca.verdi@acme.example");
            assertThat(remote.recipients()).extracting(Object::toString).containsExactly("client@example.com");
            assertThat(local.message().getHeader("Bcc")).as("transport removes Bcc").isNull();
            assertThat(bed.errors()).isEmpty();
        }
    }

    @Test
    void unauthenticatedMailToAnExternalAddressIsDeniedAndKept() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().build()) {
            bed.send(SandboxMails.fromEml(MAIL, Envelope.from("spoofer@example.net").to("client@example.com")));

            assertThat(bed.deliveries()).extracting(Delivery::kind).containsExactly(Delivery.Kind.BOUNCE);
            assertThat(bed.repository("memory://var/mail/relay-denied/")).hasSize(1);
        }
    }

    @Test
    void traceShowsTheMatchersAndMailetsJamesRan() throws Exception {
        try (JamesTestBed bed = JamesTestBed.builder().build()) {
            bed.send(SandboxMails.fromEml(MAIL, Envelope.from("mario.rossi@acme.example").to("anna.bianchi@acme.example")));
            bed.advanceBy(Duration.ofHours(1)); // intra-company mail waits for the delay rules

            assertThat(bed.trace()).anySatisfy(step -> {
                assertThat(step.processor()).isEqualTo("local-delivery");
                assertThat(step.simpleClassName()).isEqualTo("LocalDelivery");
            });
        }
    }

    @Test
    void queueHonoursDelaysAgainstTheSandboxClock() throws Exception {
        String config = Files.readString(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
            .replace("<mailet match=\"All\" class=\"PostmasterAlias\"/>",
                "<mailet match=\"HasHeader=X-Delay-Me\" class=\"dev.postino.sandbox.bed.DelayByMailet\">"
                    + "<processor>transport</processor><seconds>600</seconds></mailet>"
                    + "<mailet match=\"All\" class=\"PostmasterAlias\"/>");
        try (JamesTestBed bed = JamesTestBed.builder().configXml(config).build()) {
            // From outside the company, so the intra-company delay rules leave it alone.
            bed.send(SandboxMails.fromEml("X-Delay-Me: yes\r\n" + MAIL,
                Envelope.from("client@example.com").to("anna.bianchi@acme.example")));

            List<QueuedMail> queued = bed.queue().history();
            assertThat(queued).singleElement().satisfies(item -> {
                assertThat(item.state()).isEqualTo("transport");
                assertThat(item.delay()).isEqualTo(Duration.ofSeconds(600));
                assertThat(item.sentByMailet()).isTrue();
            });
            assertThat(bed.deliveries()).isEmpty();

            bed.advanceBy(Duration.ofSeconds(599));
            assertThat(bed.deliveries()).as("not due before 600 s").isEmpty();

            bed.advanceBy(Duration.ofSeconds(1));
            assertThat(bed.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(Delivery.Kind.LOCAL);
                assertThat(d.at()).isEqualTo(JamesTestBed.DEFAULT_START.toInstant().plusSeconds(600));
            });
        }
    }

    @Test
    void aConfigurationJamesRejectsNamesProcessorMailetAndReason() {
        String config = """
            <mailetcontainer>
              <context><postmaster>postmaster</postmaster></context>
              <processors>
                <processor state="root"><mailet match="All" class="ToProcessor"><processor>transport</processor></mailet></processor>
                <processor state="error"><mailet match="All" class="Null"/></processor>
                <processor state="transport">
                  <mailet match="All" class="RemoveMimeHeader"><name>bcc</name></mailet>
                  <mailet match="All" class="ToRepository"/>
                </processor>
              </processors>
            </mailetcontainer>
            """;
        assertThatThrownBy(() -> JamesTestBed.builder().configXml(config).build())
            .isInstanceOf(SandboxConfigurationException.class)
            .hasMessageContaining("processor 'transport'")
            .hasMessageContaining("mailet 'ToRepository'")
            .hasMessageContaining("repositoryPath is required");
    }

    @Test
    void aTransportWithoutBccRemovalIsRejectedLikeJamesDoes() {
        String config = """
            <mailetcontainer>
              <processors>
                <processor state="root"><mailet match="All" class="ToProcessor"><processor>transport</processor></mailet></processor>
                <processor state="error"><mailet match="All" class="Null"/></processor>
                <processor state="transport"><mailet match="All" class="Null"/></processor>
              </processors>
            </mailetcontainer>
            """;
        assertThatThrownBy(() -> JamesTestBed.builder().configXml(config).build())
            .isInstanceOf(SandboxConfigurationException.class)
            .hasMessageContaining("Bcc");
    }
}
