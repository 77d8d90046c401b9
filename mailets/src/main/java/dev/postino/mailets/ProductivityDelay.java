package dev.postino.mailets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.random.RandomGenerator;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
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

import dev.postino.schedule.AddressKey;
import dev.postino.schedule.Company;
import dev.postino.schedule.DelayDecision;
import dev.postino.schedule.DelayPolicy;
import dev.postino.schedule.DelayRange;
import dev.postino.schedule.DeliveryHold;
import dev.postino.schedule.HoldFailedException;
import dev.postino.schedule.Holidays;
import dev.postino.schedule.PersonalAccountsSource;
import dev.postino.schedule.RecipientCounter;
import dev.postino.schedule.RecipientCounts;
import dev.postino.schedule.ReprimandTemplate;
import dev.postino.schedule.SenderClassifier;
import dev.postino.schedule.WorkingCalendar;
import dev.postino.subject.SubjectDecoder;

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

    private static final Set<String> PARAMETERS = Set.of("domains", "processor", "baseDelay",
        "visibleRecipientDelay", "bccRecipientDelay", "edgeWindow", "edgeDelay", "workingHours",
        "workingDays", "timeZone", "holidays", "extraHolidays", "deliverAtOpening", "seed",
        "traceHeader", "personalAccounts", "reprimandFrom", "reprimandCc", "reprimandLanguage",
        "reprimandTemplate", "hold", "holdRepository", "clockSkewTolerance");

    private final Clock clock;
    private final MetricFactory metrics;
    private final MailRepositoryStore repositories;
    private final MailQueueFactory<?> queues;
    private final DistinctWarnings warnings = new DistinctWarnings(LOGGER);
    private Company company;
    private RecipientCounter counter;
    private DelayPolicy policy;
    private RandomGenerator random;
    private String processor;
    private boolean traceHeader;
    private PersonalAccountsSource personalAccounts;
    private SenderClassifier senders;
    /** Empty: the postmaster, asked for each letter (James sets it only after the mailets start). */
    private Optional<MailAddress> reprimandFrom;
    private List<MailAddress> reprimandCc;
    private ReprimandTemplate template;
    private DeliveryHold<Mail> hold;
    /** Present when held mail waits in a repository: it also takes back mail released too early. */
    private Optional<RepositoryDelayHold> repositoryHold;
    private Duration clockSkewTolerance;

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
        checkInitParameters(PARAMETERS);
        try {
            String domains = getInitParameter("domains", "");
            company = domains.isBlank()
                ? Company.of(domain -> getMailetContext().isLocalServer(Domain.of(domain)), "local domains")
                : Company.ofDomains("domains", domains);
            counter = new RecipientCounter(company);
            processor = getInitParameter("processor", "transport").trim();
            if (processor.isEmpty()) {
                throw new IllegalArgumentException("processor: must name a processor");
            }
            LocalTime[] hours = WorkingCalendar.parseHours("workingHours", getInitParameter("workingHours", "09:00-18:00"));
            ZoneId zone = WorkingCalendar.parseZone("timeZone", getInitParameter("timeZone", "Europe/Rome"));
            Holidays holidays = Holidays.parse("holidays", getInitParameter("holidays", "italy"))
                .and(Holidays.parse("extraHolidays", getInitParameter("extraHolidays", "")));
            WorkingCalendar calendar = new WorkingCalendar(hours[0], hours[1],
                WorkingCalendar.parseDays("workingDays", getInitParameter("workingDays", "MON-FRI")), zone, holidays);
            Duration edgeWindow = singleDuration("edgeWindow", "90m");
            policy = DelayPolicy.builder()
                .calendar(calendar)
                .baseDelay(DelayRange.parse("baseDelay", getInitParameter("baseDelay", "400-800s")))
                .visibleRecipientDelay(DelayRange.parse("visibleRecipientDelay", getInitParameter("visibleRecipientDelay", "40-80s")))
                .bccRecipientDelay(DelayRange.parse("bccRecipientDelay", getInitParameter("bccRecipientDelay", "300-600s")))
                .edgeWindow(edgeWindow)
                .edgeDelay(DelayRange.parse("edgeDelay", getInitParameter("edgeDelay", "200-400s")))
                .deliverAtOpening(booleanParameter("deliverAtOpening", false))
                .build();
            random = getInitParameterAsOptional("seed").map(ProductivityDelay::seeded).orElseGet(SecureRandom::new);
            traceHeader = booleanParameter("traceHeader", true);
            personalAccounts = PersonalAccountsSource.of("personalAccounts", getInitParameter("personalAccounts", ""), LOGGER::warn);
            if (!domains.isBlank()) {
                // Explicit domains are a constant: a mapping that contradicts them is a configuration error.
                // James's domain list is not (a fresh server serves only localhost until domains are
                // added), so against it the mapping is checked when mail needs it (SenderClassifier).
                SenderClassifier.problems(personalAccounts.current(), company).stream().findFirst().ifPresent(problem -> {
                    throw new IllegalArgumentException(problem);
                });
            }
            senders = new SenderClassifier(company, personalAccounts, warnings::warn);
            reprimandFrom = getInitParameterAsOptional("reprimandFrom").map(value -> address("reprimandFrom", value));
            reprimandCc = new ArrayList<>();
            for (String cc : getInitParameter("reprimandCc", "").split("[,;\\s]+")) {
                if (!cc.isBlank()) {
                    reprimandCc.add(address("reprimandCc", cc));
                }
            }
            template = loadTemplate();
            initHold();
        } catch (IllegalArgumentException e) {
            throw new MessagingException("ProductivityDelay: " + e.getMessage(), e);
        }
        LOGGER.info("ProductivityDelay: company={} processor={} policy={} personalAccounts={} hold={}",
            company, processor, policy, personalAccounts.current().size(), hold);
    }

    private void initHold() {
        Optional<MailRepositoryUrl> holdRepository = getInitParameterAsOptional("holdRepository").map(String::trim)
            .map(value -> {
                try {
                    return MailRepositoryUrl.from(value);
                } catch (RuntimeException bad) {
                    throw new IllegalArgumentException("holdRepository: invalid value '" + value
                        + "': not a mail repository URL such as cassandra://var/mail/postino-held/", bad);
                }
            });
        clockSkewTolerance = singleDuration("clockSkewTolerance", "30s");
        HoldMechanism.Choice choice = HoldMechanism.choose(getInitParameter("hold", "auto"), queues, holdRepository.isPresent());
        choice.warning().ifPresent(LOGGER::warn);
        if (choice.mechanism() == HoldMechanism.REPOSITORY) {
            RepositoryDelayHold repository = new RepositoryDelayHold(repositories, holdRepository.orElseThrow(), processor, clock, LOGGER);
            repositoryHold = Optional.of(repository);
            hold = repository;
            // Impossible to miss: nothing in James releases these buckets by itself.
            LOGGER.warn("ProductivityDelay: held mail waits in {}/<due minute, UTC>, released only by `java -jar "
                + "postino-<version>.jar release-held --webadmin URL` run every minute (cron, systemd timer or a "
                + "Kubernetes CronJob: conf-samples/release-held/)", holdRepository.get().asString());
        } else {
            repositoryHold = Optional.empty();
            hold = new QueueDelayHold(getMailetContext(), processor, clock);
        }
    }

    private Duration singleDuration(String name, String defaultValue) {
        DelayRange range = DelayRange.parse(name, getInitParameter(name, defaultValue));
        if (!range.min().equals(range.max())) {
            throw new IllegalArgumentException(name + ": invalid value '" + range + "': a single duration such as " + defaultValue);
        }
        return range.min();
    }

    private static RandomGenerator seeded(String seed) {
        try {
            return new java.util.Random(Long.parseLong(seed.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed: invalid value '" + seed + "': expected a whole number", e);
        }
    }

    private boolean booleanParameter(String name, boolean defaultValue) {
        String value = getInitParameter(name, Boolean.toString(defaultValue)).trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException(name + ": invalid value '" + value + "': expected true or false");
        };
    }

    private static MailAddress address(String parameter, String value) {
        try {
            return new MailAddress(value.trim());
        } catch (AddressException e) {
            throw new IllegalArgumentException(parameter + ": invalid value '" + value + "': not an address", e);
        }
    }

    private ReprimandTemplate loadTemplate() {
        ReprimandTemplate builtIn = ReprimandTemplate.builtIn("reprimandLanguage", getInitParameter("reprimandLanguage", "it"));
        Optional<String> file = getInitParameterAsOptional("reprimandTemplate");
        if (file.isEmpty()) {
            return builtIn;
        }
        try {
            String text = Files.readString(Path.of(file.get().trim()), StandardCharsets.UTF_8);
            return ReprimandTemplate.parse("reprimandTemplate " + file.get().trim(), text,
                Locale.forLanguageTag(getInitParameter("reprimandLanguage", "it").trim()));
        } catch (IOException e) {
            throw new IllegalArgumentException("reprimandTemplate: cannot read '" + file.get() + "': " + e, e);
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return processor == null ? List.of() : List.of(new ProcessingState(processor));
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
        SenderClassifier.Sender role = senders.classify(senderKey);
        if (!role.inCompany()) {
            return;
        }
        Optional<AddressKey> employee = role.employee();
        List<MailAddress> colleagues = mail.getRecipients().stream().filter(r -> company.includes(key(r))).toList();
        if (colleagues.isEmpty()) {
            return;
        }

        Instant now = clock.instant();
        DelayDecision decision;
        try {
            RecipientCounts counts = counter.count(visibleHeaderValues(mail), colleagues.stream().map(ProductivityDelay::key).toList());
            decision = policy.decide(now, counts, random);
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
        if (traceHeader) {
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

        if (employee.isPresent()) {
            metrics.generate(MetricNames.DELAY_PERSONAL_ACCOUNT).increment();
            // Writing from home to one's own work address dodges nothing: a letter needs colleagues.
            long otherColleagues = colleagues.stream().filter(r -> !key(r).equals(employee.get())).count();
            if (otherColleagues > 0) {
                sendReprimand(mail, senderKey, employee.get(), decision, (int) otherColleagues);
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
                && now.isBefore(due.get().minus(clockSkewTolerance))) {
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
                    return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
                } catch (java.time.format.DateTimeParseException e) {
                    return Optional.empty();
                }
            });
    }

    private static AddressKey key(MailAddress address) {
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

    /** @param colleagues how many company recipients other than the employee the message reached */
    private void sendReprimand(Mail mail, AddressKey personal, AddressKey employee, DelayDecision decision, int colleagues) {
        try {
            ReprimandTemplate.Letter letter = template.render(decision.receivedAt(), subjectOf(mail.getMessage()),
                colleagues, personal, employee);
            MailAddress to = new MailAddress(employee.toString());
            Set<MailAddress> recipients = new LinkedHashSet<>();
            recipients.add(to);
            recipients.addAll(reprimandCc);
            // Whatever the configuration says, the letter never goes to the personal address.
            recipients.removeIf(r -> key(r).equals(personal));

            MailAddress from = reprimandFrom.orElseGet(getMailetContext()::getPostmaster);
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(from.toInternetAddress().orElseThrow());
            message.setRecipients(Message.RecipientType.TO, new Address[] {to.toInternetAddress().orElseThrow()});
            List<Address> cc = new ArrayList<>();
            for (MailAddress r : recipients) {
                if (!r.equals(to)) {
                    cc.add(new InternetAddress(r.asString()));
                }
            }
            if (!cc.isEmpty()) {
                message.setRecipients(Message.RecipientType.CC, cc.toArray(Address[]::new));
            }
            message.setSubject(letter.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            // RFC 3834: no vacation responder should answer a letter a machine sent.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setText(letter.body(), "UTF-8");
            message.saveChanges();
            getMailetContext().sendMail(from, recipients, message);
            mail.setAttribute(new Attribute(REPRIMAND, AttributeValue.of(to.asString())));
            metrics.generate(MetricNames.DELAY_REPRIMANDS).increment();
            LOGGER.info("{}: {} wrote to {} colleague(s) from personal account {}; reprimand letter sent to {}",
                mail.getName(), employee, colleagues, personal, recipients);
        } catch (MessagingException | RuntimeException e) {
            // The delay is done; a letter that cannot be sent must not bounce the mail.
            metrics.generate(MetricNames.DELAY_REPRIMAND_FAILURES).increment();
            LOGGER.error("{}: could not send the reprimand letter to {}", mail.getName(), employee, e);
        }
    }

    /**
     * The decoded subject. Jakarta Mail reads header bytes as ISO-8859-1, so a subject sent as raw
     * UTF-8 (RFC 6532, common in practice) would be quoted as mojibake: such bytes are re-read as
     * UTF-8 when they are valid UTF-8, then RFC 2047 encoded-words are decoded.
     */
    static String subjectOf(MimeMessage message) throws MessagingException {
        return SubjectDecoder.decode(message.getHeader("Subject", null)).text();
    }

    @Override
    public String getMailetInfo() {
        return "Postino ProductivityDelay: intra-company delay rules and reprimand letter";
    }
}
