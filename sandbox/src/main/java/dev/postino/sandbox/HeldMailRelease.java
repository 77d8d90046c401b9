package dev.postino.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.queue.api.MailQueue;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import dev.postino.delay.HoldBucket;

/**
 * The {@code release-held} job on a server whose queue ignores delays, replayed on the sandbox's
 * store: every hold bucket due by the release's clock is reprocessed into the spool the way James's
 * WebAdmin does it ({@code ReprocessingService}): list the keys, then for each one retrieve the mail,
 * count the retry, enqueue it with its own state, and only then remove it from the repository. So a
 * crash between the enqueue and the remove leaves a mail both queued and stored: the next release
 * sends it again (a duplicate, never a loss). Runs may be planned together and executed one after the
 * other, as James's task manager executes WebAdmin tasks.
 */
public final class HeldMailRelease {

    /** James's WebAdmin counts each reprocessing in this attribute. */
    static final AttributeName RETRY = AttributeName.of("mailRepository-reprocessing");

    /** One mail a run put back into the spool. */
    public record Released(String bucket, String mailName, List<MailAddress> recipients, Instant bucketDueBy, Instant at) {
    }

    /** What a run found to release when it started: bucket URLs and their keys. */
    public record Plan(Instant now, List<Entry> entries) {
        public record Entry(MailRepositoryUrl bucket, MailKey key) {
        }
    }

    /** A release run that stops, as a crash would, right after its n-th enqueue and before removing that mail. */
    public static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String mail) {
            super("release run crashed after enqueueing " + mail + " and before removing it");
        }
    }

    private final MailRepositoryStore store;
    private final MailRepositoryUrl base;
    private final MailQueue spool;
    private final List<Released> history = new ArrayList<>();

    public HeldMailRelease(MailRepositoryStore store, MailRepositoryUrl base, MailQueue spool) {
        this.store = store;
        this.base = base;
        this.spool = spool;
    }

    /** The keys of every bucket due by {@code now}, in bucket order. */
    public Plan plan(Instant now) {
        List<Plan.Entry> entries = new ArrayList<>();
        for (MailRepositoryUrl bucket : buckets()) {
            if (bucketOf(bucket).filter(b -> b.isDue(now)).isEmpty()) {
                continue;
            }
            try {
                Iterator<MailKey> keys = store.select(bucket).list();
                keys.forEachRemaining(key -> entries.add(new Plan.Entry(bucket, key)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot list " + bucket.asString(), e);
            }
        }
        return new Plan(now, entries);
    }

    public List<Released> releaseDue(Instant now) {
        return execute(plan(now), now, Optional.empty());
    }

    /**
     * Releases what {@code plan} lists; a mail already gone (released by an earlier run) is skipped.
     *
     * @param crashAfter throw {@link SimulatedCrash} after this many enqueues, before the matching remove
     */
    public List<Released> execute(Plan plan, Instant at, Optional<Integer> crashAfter) {
        List<Released> released = new ArrayList<>();
        for (Plan.Entry entry : plan.entries()) {
            try {
                MailRepository repository = store.select(entry.bucket());
                Mail mail = repository.retrieve(entry.key());
                if (mail == null) {
                    continue;
                }
                try {
                    int retries = mail.getAttribute(RETRY).map(a -> a.getValue().value()).filter(Integer.class::isInstance)
                        .map(Integer.class::cast).orElse(0);
                    mail.setAttribute(new Attribute(RETRY, AttributeValue.of(retries + 1)));
                    spool.enQueue(mail);
                    Released one = new Released(entry.bucket().asString(), mail.getName(), List.copyOf(mail.getRecipients()),
                        bucketOf(entry.bucket()).orElseThrow().dueBy(), at);
                    released.add(one);
                    history.add(one);
                    if (crashAfter.isPresent() && released.size() == crashAfter.get()) {
                        throw new SimulatedCrash(mail.getName());
                    }
                    repository.remove(entry.key());
                } finally {
                    LifecycleUtil.dispose(mail);
                }
            } catch (SimulatedCrash crash) {
                throw crash;
            } catch (Exception e) {
                throw new IllegalStateException("cannot release " + entry.key().asString() + " from " + entry.bucket().asString(), e);
            }
        }
        return released;
    }

    /** When the earliest bucket that still holds mail is due, if any. */
    public Optional<Instant> nextDue() {
        return buckets().stream().filter(this::holdsMail).map(HeldMailRelease::bucketOf).flatMap(Optional::stream)
            .map(HoldBucket::dueBy).min(Comparator.naturalOrder());
    }

    /** Every mail released so far, in release order. */
    public List<Released> history() {
        return List.copyOf(history);
    }

    /** How many mails wait in the hold buckets now. */
    public long held() {
        return buckets().stream().mapToLong(this::size).sum();
    }

    private List<MailRepositoryUrl> buckets() {
        return store.getUrls().filter(url -> url.hasPrefix(base) && bucketOf(url).isPresent())
            .sorted(Comparator.comparing(MailRepositoryUrl::asString)).toList();
    }

    private static Optional<HoldBucket> bucketOf(MailRepositoryUrl url) {
        List<String> parts = url.getPath().parts();
        return parts.isEmpty() ? Optional.empty() : HoldBucket.parse(parts.getLast());
    }

    private boolean holdsMail(MailRepositoryUrl url) {
        return size(url) > 0;
    }

    private long size(MailRepositoryUrl url) {
        try {
            return store.select(url).size();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + url.asString(), e);
        }
    }
}
