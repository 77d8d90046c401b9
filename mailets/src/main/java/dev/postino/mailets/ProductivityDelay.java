package dev.postino.mailets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.PostinoVersion;
import dev.postino.delay.AddressKey;
import dev.postino.delay.DelayDecision;
import dev.postino.delay.DeliveryHold;
import dev.postino.delay.HoldFailedException;
import dev.postino.delay.IntraCompanyRule;
import dev.postino.delay.IntraCompanyRule.IntraCompanyMail;
import dev.postino.delay.RecipientCounter;
import dev.postino.delay.RecipientCounts;

/**
 * Delays intra-company mail by the three productivity rules: a random base delay, a random
 * penalty per extra To/Cc and per Bcc colleague, and a working-hours hold with an edge delay
 * near the opening and the closing; a message from a listed personal account is treated as
 * intra-company and earns its sender a letter of reprimand.
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.ProductivityDelay">
 *   <domains></domains>                       <!-- default: the domains James serves -->
 *   <processor>transport</processor>          <!-- where the delayed copy continues -->
 *   <baseDelay>400-800s</baseDelay>
 *   <visibleRecipientDelay>40-80s</visibleRecipientDelay>
 *   <bccRecipientDelay>300-600s</bccRecipientDelay>
 *   <edgeWindow>90m</edgeWindow>
 *   <edgeDelay>200-400s</edgeDelay>
 *   <workingHours>09:00-18:00</workingHours>
 *   <workingDays>MON-FRI</workingDays>
 *   <timeZone>Europe/Rome</timeZone>
 *   <holidays>italy</holidays>                <!-- or none, or MM-DD, YYYY-MM-DD, easter, easter-monday -->
 *   <extraHolidays></extraHolidays>           <!-- e.g. 12-07 for Milan's patron saint -->
 *   <deliverAtOpening>false</deliverAtOpening><!-- true: held mail is due exactly at the opening -->
 *   <seed></seed>                             <!-- a number makes the draws reproducible -->
 *   <traceHeader>true</traceHeader>           <!-- X-Postino-Delay on the delayed copy -->
 *   <personalAccounts></personalAccounts>     <!-- a file of personal = company lines, or inline -->
 *   <reprimandFrom></reprimandFrom>           <!-- default: the postmaster -->
 *   <reprimandCc></reprimandCc>               <!-- e.g. hr@acme.example -->
 *   <reprimandLanguage>it</reprimandLanguage> <!-- it or en -->
 *   <reprimandTemplate></reprimandTemplate>   <!-- a file: Subject line, blank line, body -->
 *   <hold>auto</hold>                         <!-- auto | queue | repository -->
 *   <holdRepository></holdRepository>         <!-- e.g. cassandra://var/mail/postino-held/ -->
 *   <clockSkewTolerance>30s</clockSkewTolerance>
 * </mailet>
 * }</pre>
 *
 * <p>A message is intra-company when its envelope sender is in the company (or is a listed
 * personal account) and at least one envelope recipient is. The company recipients are removed
 * from the mail and a copy for exactly them is re-enqueued with the computed delay into
 * {@code processor}; the mail continues at once with the external recipients, or is ghosted if
 * none is left. The copy carries {@code postino.delay.applied}, and a marked mail is never
 * delayed again, whatever processor it lands in. Time is the moment James processes the message
 * (the injected {@link Clock}), never the sender-controlled {@code Date} header.
 *
 * <p>How the copy waits ({@code hold}): with a delayed enqueue where James's mail queue honours
 * delays (memory, ActiveMQ/JPA, Pulsar); on James's distributed server, whose RabbitMQ queue ignores
 * them, in {@code holdRepository}, one repository per due minute, until {@code release-held} (the
 * drop-in jar's command, run every minute) has WebAdmin reprocess it. {@code auto} chooses by the
 * injected {@code MailQueueFactory} ({@link HoldMechanism}); {@code queue} on RabbitMQ stops the start.
 * A released copy that comes back more than {@code clockSkewTolerance} before its due time waits
 * again; it is never delayed by the rules a second time.
 *
 * <p>The parameters are read by {@link ProductivityDelayConfiguration}, who is intra-company is
 * decided by core's {@link IntraCompanyRule}, the delay by core's {@code DelayPolicy}, and the letter
 * is sent by {@link ReprimandNotifier}; this class only adapts them to James.
 */
public class ProductivityDelay extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProductivityDelay.class);

    public static final String TRACE_HEADER = "X-Postino-Delay";
    public static final AttributeName APPLIED = AttributeName.of("postino.delay.applied");
    public static final AttributeName SECONDS = AttributeName.of("postino.delay.seconds");
    public static final AttributeName UNTIL = AttributeName.of("postino.delay.until");
    public static final AttributeName RECEIVED = AttributeName.of("postino.delay.receivedAt");
    public static final AttributeName SLOT = AttributeName.of("postino.delay.slot");
    public static final AttributeName BASE = AttributeName.of("postino.delay.base");
    public static final AttributeName TO_CC = AttributeName.of("postino.delay.toCc");
    public static final AttributeName BCC = AttributeName.of("postino.delay.bcc");
    public static final AttributeName EDGE = AttributeName.of("postino.delay.edge");
    public static final AttributeName HOLD = AttributeName.of("postino.delay.hold");
    public static final AttributeName RECIPIENTS = AttributeName.of("postino.delay.recipients");
    public static final AttributeName TRACE = AttributeName.of("postino.delay.trace");
    public static final AttributeName REPRIMAND = AttributeName.of("postino.delay.reprimandTo");

    private final Clock clock;
    private final MetricFactory metrics;
    private final MailRepositoryStore repositories;
    private final MailQueueFactory<?> queues;
    private final DistinctWarnings warnings = new DistinctWarnings(LOGGER);
    private ProductivityDelayConfiguration configuration;
    private IntraCompanyRule rule;
    private RecipientCounter counter;
    private ReprimandNotifier reprimands;
    private DeliveryHold<Mail> hold;
    /** Present when held mail waits in a repository: it also takes back mail released too early. */
    private Optional<RepositoryDelayHold> repositoryHold;

    /**
     * James's Guice binds a {@link Clock} (system UTC), its {@link MetricFactory}, its mail
     * repositories and its {@link MailQueueFactory} (whose class says whether the queue honours
     * delays); the test bed binds its own.
     */
    @Inject
    public ProductivityDelay(Clock clock, MetricFactory metrics, MailRepositoryStore repositories, MailQueueFactory<?> queues) {
        this.clock = clock;
        this.metrics = metrics;
        this.repositories = repositories;
        this.queues = queues;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(ProductivityDelayConfiguration.PARAMETERS);
        try {
            configuration = new ProductivityDelayConfiguration(getMailetConfig(), LOGGER::warn);
            rule = new IntraCompanyRule(configuration.company(), configuration.personalAccounts(), warnings::warn);
            counter = new RecipientCounter(configuration.company());
            reprimands = new ReprimandNotifier(getMailetContext(), clock, metrics, LOGGER, configuration.reprimandFrom(),
                configuration.reprimandCc(), configuration.reprimandTemplate());
            initHold();
        } catch (IllegalArgumentException e) {
            throw new MessagingException("ProductivityDelay: " + e.getMessage(), e);
        }
        LOGGER.info("ProductivityDelay {} started: company={} processor={} policy={} personalAccounts={} hold={}",
            PostinoVersion.current(), configuration.company(), configuration.processor(), configuration.policy(),
            configuration.personalAccounts().current().size(), hold);
    }

    private void initHold() {
        HoldMechanism.Choice choice = HoldMechanism.choose(configuration.hold(), queues, configuration.holdRepository().isPresent());
        choice.warning().ifPresent(LOGGER::warn);
        if (choice.mechanism() == HoldMechanism.REPOSITORY) {
            String where = configuration.holdRepository().orElseThrow().asString();
            RepositoryDelayHold repository = new RepositoryDelayHold(repositories, configuration.holdRepository().orElseThrow(),
                configuration.processor(), clock, LOGGER);
            repositoryHold = Optional.of(repository);
            hold = repository;
            // Impossible to miss: nothing in James releases these buckets by itself.
            LOGGER.warn("ProductivityDelay: held mail waits in {}/<due minute, UTC>, released only by `java -jar "
                + "postino-<version>.jar release-held --webadmin URL` run every minute (cron, systemd timer or a "
                + "Kubernetes CronJob: conf-samples/release-held/)", where);
        } else {
            repositoryHold = Optional.empty();
            hold = new QueueDelayHold(getMailetContext(), configuration.processor(), clock);
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return configuration == null ? List.of() : List.of(new ProcessingState(configuration.processor()));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(APPLIED).isPresent()) {
            returned(mail);
            return;
        }
        if (!mail.hasSender()) {
            return;
        }
        MailAddress sender = mail.getMaybeSender().get();
        AddressKey senderKey = key(sender);
        Optional<IntraCompanyMail<MailAddress>> selected =
            rule.select(senderKey, List.copyOf(mail.getRecipients()), ProductivityDelay::key);
        if (selected.isEmpty()) {
            return;
        }
        List<MailAddress> colleagues = selected.get().colleagues();

        Instant now = clock.instant();
        DelayDecision decision;
        try {
            RecipientCounts counts = counter.count(visibleHeaderValues(mail), colleagues.stream().map(ProductivityDelay::key).toList());
            decision = configuration.policy().decide(now, counts, configuration.random());
        } catch (RuntimeException e) {
            // A decision we cannot make must not cost the message: it continues undelayed.
            metrics.generate(MetricNames.DELAY_FAILURES).increment();
            LOGGER.error("{}: cannot compute the delay, delivering without it", mail.getName(), e);
            return;
        }

        Mail copy = mail.duplicate();
        copy.setRecipients(colleagues);
        describe(copy, decision, colleagues.size());
        copy.setAttribute(new Attribute(APPLIED, AttributeValue.of(true)));
        if (configuration.traceHeader()) {
            addTraceHeader(copy, decision);
        }
        try {
            hold.hold(copy, decision.dueAt().toInstant());
        } catch (HoldFailedException e) {
            // Nothing was removed yet: the mail goes to the error processor whole.
            metrics.generate(MetricNames.DELAY_FAILURES).increment();
            LOGGER.error("{}: could not hold the mail for {} company recipient(s); it goes to onMailetException whole: {}",
                mail.getName(), colleagues.size(), e.getMessage());
            throw new MessagingException(e.getMessage(), e);
        } finally {
            // The queue keeps its own copy: ours holds a message resource (the trace header's
            // MimeMessage) that James's leak detector reports if it is never disposed.
            LifecycleUtil.dispose(copy);
        }
        metrics.generate(MetricNames.DELAY_HELD).increment();
        metrics.generate(MetricNames.DELAY_HELD_RECIPIENTS).add(colleagues.size());
        LOGGER.info("{}: {} company recipient(s) from {} held {} until {} ({}){}", mail.getName(), colleagues.size(), sender,
            decision.delay(), decision.dueAt(), decision.traceValue(),
            repositoryHold.map(repository -> " in " + repository.where(copy)).orElse(""));

        List<MailAddress> others = new ArrayList<>(mail.getRecipients());
        others.removeAll(colleagues);
        mail.setRecipients(others);
        describe(mail, decision, colleagues.size());
        if (others.isEmpty()) {
            mail.setState(Mail.GHOST);
        }

        if (selected.get().employee().isPresent()) {
            metrics.generate(MetricNames.DELAY_PERSONAL_ACCOUNT).increment();
            if (selected.get().earnsReprimand()) {
                reprimands.send(mail, senderKey, selected.get().employee().get(), decision,
                    selected.get().colleaguesBesidesEmployee());
            }
        }
    }

    /**
     * A held copy is back: it goes on, never delayed by the rules again. Released from a hold
     * bucket before its due time (an early or duplicated release run, a clock ahead on the releasing
     * node) by more than {@code clockSkewTolerance}, it waits again, in a later bucket. A copy held
     * in the queue is trusted to come back when due: an administrator flushing the queue means it.
     */
    private void returned(Mail mail) throws MessagingException {
        Optional<Instant> due = dueInstant(mail);
        Instant now = clock.instant();
        if (repositoryHold.isPresent() && RepositoryDelayHold.bucketOf(mail).isPresent() && due.isPresent()
                && now.isBefore(due.get().minus(configuration.clockSkewTolerance()))) {
            Mail copy = mail.duplicate();
            try {
                repositoryHold.get().holdAgain(copy, due.get());
                LOGGER.info("{}: released {} before its due time {}; held again in {}", mail.getName(),
                    Duration.between(now, due.get()), due.get(), repositoryHold.get().where(copy));
            } catch (HoldFailedException e) {
                metrics.generate(MetricNames.DELAY_FAILURES).increment();
                LOGGER.error("{}: released before its due time and could not be held again; it goes to onMailetException "
                    + "whole: {}", mail.getName(), e.getMessage());
                throw new MessagingException(e.getMessage(), e);
            } finally {
                LifecycleUtil.dispose(copy);
            }
            metrics.generate(MetricNames.DELAY_HELD_AGAIN).increment();
            mail.setState(Mail.GHOST);
            return;
        }
        metrics.generate(MetricNames.DELAY_RELEASED).increment();
        LOGGER.debug("{}: already delayed once, continuing", mail.getName());
    }

    private static Optional<Instant> dueInstant(Mail mail) {
        return mail.getAttribute(UNTIL).map(attribute -> attribute.getValue().value()).filter(String.class::isInstance)
            .map(String.class::cast).flatMap(text -> {
                try {
                    return Optional.of(OffsetDateTime.parse(text).toInstant());
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            });
    }

    static AddressKey key(MailAddress address) {
        return new AddressKey(address.getLocalPart(), address.getDomain().asString());
    }

    /** Header-only: never reads the body. */
    private static List<String> visibleHeaderValues(Mail mail) throws MessagingException {
        List<String> values = new ArrayList<>();
        MimeMessage message = mail.getMessage();
        for (String name : new String[] {"To", "Cc"}) {
            String[] headers = message.getHeader(name);
            if (headers != null) {
                values.addAll(List.of(headers));
            }
        }
        return values;
    }

    private static void describe(Mail mail, DelayDecision decision, int recipients) {
        mail.setAttribute(new Attribute(SECONDS, AttributeValue.of(decision.delay().toSeconds())));
        mail.setAttribute(new Attribute(UNTIL, AttributeValue.of(decision.dueAt().toOffsetDateTime().toString())));
        mail.setAttribute(new Attribute(RECEIVED, AttributeValue.of(decision.receivedAt().toOffsetDateTime().toString())));
        mail.setAttribute(new Attribute(SLOT, AttributeValue.of(decision.slot().name())));
        mail.setAttribute(new Attribute(BASE, AttributeValue.of(decision.base().toSeconds())));
        mail.setAttribute(new Attribute(TO_CC, AttributeValue.of(decision.visibleTotal().toSeconds())));
        mail.setAttribute(new Attribute(BCC, AttributeValue.of(decision.bccTotal().toSeconds())));
        mail.setAttribute(new Attribute(EDGE, AttributeValue.of(decision.edge().toSeconds())));
        mail.setAttribute(new Attribute(HOLD, AttributeValue.of(decision.hold().toSeconds())));
        mail.setAttribute(new Attribute(RECIPIENTS, AttributeValue.of(recipients)));
        mail.setAttribute(new Attribute(TRACE, AttributeValue.of(decision.traceValue())));
    }

    /**
     * Adds the header on a private copy of the message: a duplicate may share its message with
     * the original, whose external recipients must not see the header. No saveChanges(), which
     * would give the copy a new Message-ID.
     */
    private static void addTraceHeader(Mail copy, DelayDecision decision) throws MessagingException {
        MimeMessage own = new MimeMessage(copy.getMessage());
        own.setHeader(TRACE_HEADER, decision.traceValue());
        copy.setMessage(own);
    }

    @Override
    public String getMailetInfo() {
        return "Postino ProductivityDelay: intra-company delay rules and reprimand letter";
    }
}
