package dev.postino.mailets;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which way {@code ProductivityDelay} holds mail on this server, from its {@code hold} parameter
 * and the {@code MailQueueFactory} James injects: the class of that factory says whether the
 * server's mail queue honours enqueue delays.
 *
 * <ul>
 *   <li>{@code queue}: a delayed enqueue. Refused at start on a queue known to ignore delays
 *       (RabbitMQ), where held mail would be delivered at once.</li>
 *   <li>{@code repository}: a mail repository per due minute, released by {@code release-held};
 *       needs {@code holdRepository}.</li>
 *   <li>{@code auto} (default): the queue where it is known to honour delays (memory, ActiveMQ/JMS,
 *       Pulsar); the repository where it is known to ignore them (RabbitMQ: {@code holdRepository}
 *       then required); on a queue implementation not known here, the repository if
 *       {@code holdRepository} is set, else the queue with a WARN at start.</li>
 * </ul>
 */
enum HoldMechanism {
    QUEUE, REPOSITORY;

    /** What a mail queue implementation does with an enqueue delay, as far as Postino knows. */
    enum Queue { HONOURS_DELAYS, IGNORES_DELAYS, UNKNOWN }

    static final Set<String> HONOURING_DELAYS = Set.of(
        "org.apache.james.queue.memory.MemoryMailQueueFactory",
        "org.apache.james.queue.activemq.ActiveMQMailQueueFactory",
        "org.apache.james.queue.jms.JMSMailQueueFactory",
        "org.apache.james.queue.pulsar.PulsarMailQueueFactory");
    /** RabbitMQMailQueue logs "Ignored delay upon enqueue" and delivers at once (JAMES-2896). */
    static final Set<String> IGNORING_DELAYS = Set.of("org.apache.james.queue.rabbitmq.RabbitMQMailQueueFactory");

    /** The choice, and a warning to log at start when the choice rests on a guess. */
    record Choice(HoldMechanism mechanism, Optional<String> warning) {
    }

    /** The queue implementation of {@code factory}: its class or one of its superclasses is known. */
    static Queue classify(Object factory) {
        for (Class<?> type = factory.getClass(); type != null; type = type.getSuperclass()) {
            if (IGNORING_DELAYS.contains(type.getName())) {
                return Queue.IGNORES_DELAYS;
            }
            if (HONOURING_DELAYS.contains(type.getName())) {
                return Queue.HONOURS_DELAYS;
            }
        }
        return Queue.UNKNOWN;
    }

    /**
     * @param mode the {@code hold} parameter
     * @throws IllegalArgumentException naming the parameter, when the configuration cannot hold mail
     *     on this server
     */
    static Choice choose(String mode, Object queueFactory, boolean holdRepositorySet) {
        return choose(mode, classify(queueFactory), queueFactory.getClass().getName(), holdRepositorySet);
    }

    static Choice choose(String mode, Queue queue, String queueClass, boolean holdRepositorySet) {
        String normalised = mode == null ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        return switch (normalised) {
            case "queue" -> {
                if (queue == Queue.IGNORES_DELAYS) {
                    throw new IllegalArgumentException("hold: invalid value 'queue': this server's mail queue ("
                        + queueClass + ") ignores enqueue delays, so held mail would be delivered at once; set hold to "
                        + "repository (or auto) and holdRepository, e.g. cassandra://var/mail/postino-held/");
                }
                yield new Choice(QUEUE, unknownQueueWarning(queue, queueClass));
            }
            case "repository" -> {
                requireRepository(holdRepositorySet, "hold=repository");
                yield new Choice(REPOSITORY, Optional.empty());
            }
            case "auto", "" -> switch (queue) {
                case HONOURS_DELAYS -> new Choice(QUEUE, Optional.empty());
                case IGNORES_DELAYS -> {
                    requireRepository(holdRepositorySet, "hold=auto on this server, whose mail queue (" + queueClass
                        + ") ignores enqueue delays,");
                    yield new Choice(REPOSITORY, Optional.empty());
                }
                case UNKNOWN -> holdRepositorySet ? new Choice(REPOSITORY, Optional.empty())
                    : new Choice(QUEUE, unknownQueueWarning(queue, queueClass));
            };
            default -> throw new IllegalArgumentException("hold: invalid value '" + mode + "': expected auto, queue or repository");
        };
    }

    private static void requireRepository(boolean set, String why) {
        if (!set) {
            throw new IllegalArgumentException("holdRepository: " + why + " needs a mail repository to hold mail in, "
                + "e.g. cassandra://var/mail/postino-held/ (memory://… on a single memory server)");
        }
    }

    private static Optional<String> unknownQueueWarning(Queue queue, String queueClass) {
        return queue == Queue.UNKNOWN
            ? Optional.of("ProductivityDelay: the mail queue " + queueClass + " is not one Postino knows; if it ignores "
                + "enqueue delays, held mail is delivered at once. Set hold=repository and holdRepository to be sure.")
            : Optional.empty();
    }
}
