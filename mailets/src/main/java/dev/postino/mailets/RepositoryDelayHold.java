package dev.postino.mailets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;

import dev.postino.delay.DeliveryHold;
import dev.postino.delay.HoldBucket;
import dev.postino.delay.HoldFailedException;

/**
 * Holds a message in a James mail repository, for servers whose mail queue ignores delays (the
 * distributed server's RabbitMQ queue): the copy is stored in the bucket of its due minute
 * ({@code holdRepository/20261207T0810}, see {@link HoldBucket}) with its state set to the processor
 * it continues in, and {@code release-held} (run every minute) has James's WebAdmin reprocess every
 * due bucket into the spool. Stored first, then the caller ghosts the original: the order of James's
 * {@code ToRepository}, so a failed store leaves the mail whole.
 *
 * <p>Nothing releases a bucket but that job: while mail keeps being held, buckets overdue by more
 * than {@link #OVERDUE} that still hold mail are reported at WARN, at most once a minute.
 */
final class RepositoryDelayHold implements DeliveryHold<Mail> {

    /** The bucket a held mail was stored in; a released mail carries it back to ProductivityDelay. */
    static final AttributeName BUCKET = AttributeName.of("postino.delay.bucket");
    static final Duration OVERDUE = Duration.ofMinutes(5);

    private final MailRepositoryStore store;
    private final MailRepositoryUrl base;
    private final String processor;
    private final Clock clock;
    private final Logger logger;
    private final AtomicReference<Instant> lastOverdueCheck = new AtomicReference<>(Instant.EPOCH);

    RepositoryDelayHold(MailRepositoryStore store, MailRepositoryUrl base, String processor, Clock clock, Logger logger) {
        this.store = store;
        this.base = base;
        this.processor = processor;
        this.clock = clock;
        this.logger = logger;
    }

    @Override
    public void hold(Mail copy, Instant dueAt) throws HoldFailedException {
        holdIn(copy, HoldBucket.dueBy(dueAt));
    }

    /** Holds a released mail that came back before its time, never in the bucket it was released from. */
    void holdAgain(Mail copy, Instant dueAt) throws HoldFailedException {
        holdIn(copy, HoldBucket.forEarlyReturn(dueAt, bucketOf(copy)));
    }

    static Optional<HoldBucket> bucketOf(Mail mail) {
        return mail.getAttribute(BUCKET).map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance).map(String.class::cast).flatMap(HoldBucket::parse);
    }

    private void holdIn(Mail copy, HoldBucket bucket) throws HoldFailedException {
        MailRepositoryUrl url = base.subUrl(bucket.name());
        try {
            copy.setState(processor);
            copy.setAttribute(new Attribute(BUCKET, AttributeValue.of(bucket.name())));
            store.select(url).store(copy);
        } catch (Exception e) {
            throw new HoldFailedException("could not store " + copy.getName() + " in " + url.asString(), e);
        }
        reportOverdueBuckets();
    }

    /** The bucket repository a held mail waits in, for the audit line. */
    String where(Mail heldCopy) {
        return bucketOf(heldCopy).map(bucket -> base.subUrl(bucket.name()).asString()).orElse(base.asString());
    }

    private void reportOverdueBuckets() {
        Instant now = clock.instant();
        Instant last = lastOverdueCheck.get();
        if (now.isBefore(last.plus(Duration.ofMinutes(1))) || !lastOverdueCheck.compareAndSet(last, now)) {
            return;
        }
        try {
            List<MailRepositoryUrl> overdue = store.getUrls()
                .filter(url -> url.hasPrefix(base) && !url.equals(base))
                .filter(url -> HoldBucket.parse(url.getPath().parts().getLast())
                    .filter(bucket -> bucket.dueBy().plus(OVERDUE).isBefore(now)).isPresent())
                .filter(this::holdsMail)
                .sorted((a, b) -> a.asString().compareTo(b.asString()))
                .toList();
            if (!overdue.isEmpty()) {
                logger.warn("ProductivityDelay: {} hold bucket(s) in {} hold mail overdue by more than {} minutes (oldest {}): "
                    + "nothing is releasing them. Run `java -jar postino-<version>.jar release-held --webadmin URL` every "
                    + "minute (README, \"Intra-company delay rules\").", overdue.size(), base.asString(), OVERDUE.toMinutes(),
                    overdue.getFirst().asString());
            }
        } catch (RuntimeException e) {
            logger.warn("ProductivityDelay: cannot list the hold buckets in {}: {}", base.asString(), e.toString());
        }
    }

    private boolean holdsMail(MailRepositoryUrl url) {
        try {
            Optional<MailRepository> repository = store.get(url);
            return repository.isPresent() && repository.get().size() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "the mail repository " + base.asString() + " (a bucket per due minute, released by release-held)";
    }
}
