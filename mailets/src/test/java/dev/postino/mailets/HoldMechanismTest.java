package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.postino.mailets.HoldMechanism.Queue;

class HoldMechanismTest {

    private static final String RABBIT = "org.apache.james.queue.rabbitmq.RabbitMQMailQueueFactory";
    private static final String MEMORY = "org.apache.james.queue.memory.MemoryMailQueueFactory";

    @Test
    void autoUsesTheQueueWhereItHonoursDelays() {
        assertThat(HoldMechanism.choose("auto", Queue.HONOURS_DELAYS, MEMORY, false).mechanism()).isEqualTo(HoldMechanism.QUEUE);
        assertThat(HoldMechanism.choose("auto", Queue.HONOURS_DELAYS, MEMORY, true).mechanism()).isEqualTo(HoldMechanism.QUEUE);
    }

    @Test
    void autoUsesTheRepositoryOnRabbitMqAndNeedsOne() {
        assertThat(HoldMechanism.choose("auto", Queue.IGNORES_DELAYS, RABBIT, true).mechanism()).isEqualTo(HoldMechanism.REPOSITORY);
        assertThatThrownBy(() -> HoldMechanism.choose("auto", Queue.IGNORES_DELAYS, RABBIT, false))
            .hasMessageStartingWith("holdRepository: hold=auto on this server, whose mail queue (" + RABBIT + ") ignores");
    }

    @Test
    void queueOnAQueueThatIgnoresDelaysIsRefusedSayingWhatToSet() {
        assertThatThrownBy(() -> HoldMechanism.choose("queue", Queue.IGNORES_DELAYS, RABBIT, true))
            .hasMessage("hold: invalid value 'queue': this server's mail queue (" + RABBIT + ") ignores enqueue delays, so "
                + "held mail would be delivered at once; set hold to repository (or auto) and holdRepository, e.g. "
                + "cassandra://var/mail/postino-held/");
    }

    @Test
    void repositoryNeedsHoldRepository() {
        assertThat(HoldMechanism.choose("repository", Queue.HONOURS_DELAYS, MEMORY, true).mechanism())
            .isEqualTo(HoldMechanism.REPOSITORY);
        assertThatThrownBy(() -> HoldMechanism.choose("repository", Queue.HONOURS_DELAYS, MEMORY, false))
            .hasMessageStartingWith("holdRepository: hold=repository needs a mail repository");
    }

    @Test
    void anUnknownQueueGetsTheRepositoryIfOneIsSetElseTheQueueAndAWarning() {
        assertThat(HoldMechanism.choose("auto", Queue.UNKNOWN, "com.example.Queue", true).mechanism())
            .isEqualTo(HoldMechanism.REPOSITORY);
        HoldMechanism.Choice choice = HoldMechanism.choose("auto", Queue.UNKNOWN, "com.example.Queue", false);
        assertThat(choice.mechanism()).isEqualTo(HoldMechanism.QUEUE);
        assertThat(choice.warning()).get().asString().contains("com.example.Queue is not one Postino knows");
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThatThrownBy(() -> HoldMechanism.choose("later", Queue.HONOURS_DELAYS, MEMORY, true))
            .hasMessage("hold: invalid value 'later': expected auto, queue or repository");
    }

    @Test
    void aFactoryIsKnownByItsClassOrASuperclass() {
        assertThat(HoldMechanism.classify(new Object())).isEqualTo(Queue.UNKNOWN);
    }
}
