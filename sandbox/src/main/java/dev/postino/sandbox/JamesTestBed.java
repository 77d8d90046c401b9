package dev.postino.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationRuntimeException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailetcontainer.api.MailProcessor;
import org.apache.james.mailetcontainer.impl.CompositeProcessorImpl;
import org.apache.james.mailetcontainer.impl.JamesMailetContext;
import org.apache.james.mailetcontainer.impl.LocalResourcesImpl;
import org.apache.james.mailetcontainer.impl.MailetProcessorImpl;
import org.apache.james.mailetcontainer.impl.MatcherMailetPair;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.mailrepository.memory.MemoryMailRepositoryStore;
import org.apache.james.mailrepository.memory.MemoryMailRepositoryUrlStore;
import org.apache.james.mailrepository.memory.SimpleMailRepositoryLoader;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.modules.server.MailetContainerModule;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.james.queue.rabbitmq.RabbitMQMailQueueFactory;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.memory.MemoryRecipientRewriteTable;
import org.apache.james.server.core.configuration.FileConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.james.utils.ExtendedClassLoader;
import org.apache.james.utils.ExtensionConfiguration;
import org.apache.james.utils.GuiceGenericLoader;
import org.apache.james.utils.GuiceMailetLoader;
import org.apache.james.utils.GuiceMatcherLoader;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;

import com.google.common.collect.ImmutableListMultimap;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * James 3.9.0's own mailet container, wired by hand the way James's Guice modules wire it, for
 * tests, the demo and {@code ./postino run}.
 *
 * <p>James's own: the container ({@link CompositeProcessorImpl}, {@link JamesMailetContext},
 * composite matchers), the Guice loaders that resolve matchers and mailets by name, every
 * standard matcher and mailet, the memory domain list, users repository, recipient rewrite
 * table and mail repositories, the metric factory used in James's tests, and James's Bcc check.
 * The sandbox's: the {@link SandboxClock} bound as {@link Clock}, the {@link SandboxMailQueue}
 * (delays honoured against that clock; processed synchronously by {@link #advanceBy}), and the
 * stand-ins for James's server mailets (see {@code org.apache.james.transport.mailets} in this
 * module) that record deliveries in a {@link DeliveryRecorder}.
 *
 * <pre>{@code
 * try (JamesTestBed bed = JamesTestBed.builder()
 *         .configFile(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"))
 *         .build()) {
 *     bed.send(SandboxMails.fromEml(eml, Envelope.from("a@acme.example").to("b@acme.example")));
 *     assertThat(bed.deliveries()).singleElement().matches(d -> d.isFor("b@acme.example"));
 * }
 * }</pre>
 */
public final class JamesTestBed implements AutoCloseable {
    public static final String DEFAULT_DOMAIN = "acme.example";
    public static final ZonedDateTime DEFAULT_START = ZonedDateTime.parse("2026-12-01T10:00+01:00[Europe/Rome]");
    public static final String ERROR_REPOSITORY = "memory://var/mail/error/";
    /** Bounds the synchronous spool loop, so a mail loop in a configuration fails instead of hanging. */
    private static final int MAX_STEPS_PER_RUN = 10_000;

    private final SandboxClock clock;
    private final List<Domain> localDomains;
    private final MemoryDomainList domainList;
    private final MemoryUsersRepository users;
    private final MemoryMailRepositoryStore repositories;
    private final SandboxMailQueueFactory queues;
    private final Optional<HeldMailRelease> release;
    private final JamesMailetContext mailetContext;
    private final TracingCompositeProcessor processors;
    private final DeliveryRecorder deliveries;
    private final RecordingMetricFactory metrics;
    private final TraceRecorder trace = new TraceRecorder();
    private final List<QueuedMail> processedFromQueue = new ArrayList<>();

    private JamesTestBed(Builder builder) throws SandboxConfigurationException {
        XMLConfiguration config = builder.readConfiguration();
        this.clock = new SandboxClock(builder.start);
        this.localDomains = builder.domains.stream().map(Domain::of).toList();
        DNSService dns = new SandboxServices.NoDns();
        try {
            // As a fresh James server: the domain list holds only the default domain while the
            // container starts; the company's domains are added afterwards (see below).
            this.domainList = new MemoryDomainList(dns);
            domainList.configure(DomainListConfiguration.builder()
                .autoDetect(false).autoDetectIp(false).defaultDomain(Domain.of(builder.defaultDomain)).build());
            this.users = MemoryUsersRepository.withVirtualHosting(domainList);
            MemoryRecipientRewriteTable rrt = new MemoryRecipientRewriteTable();
            rrt.setDomainList(domainList);
            rrt.setUsersRepository(users);
            rrt.configure(new BaseHierarchicalConfiguration());

            if (builder.sharedWith != null) {
                // Another node of the same cluster: its repositories and its spool are this node's too.
                this.repositories = builder.sharedWith.repositories;
                this.queues = builder.sharedWith.queues;
            } else {
                this.repositories = new MemoryMailRepositoryStore(new MemoryMailRepositoryUrlStore(),
                    new SimpleMailRepositoryLoader(),
                    MailRepositoryStoreConfiguration.forItems(new MailRepositoryStoreConfiguration.Item(
                        List.of(new Protocol("memory")), MemoryMailRepository.class.getName(),
                        new BaseHierarchicalConfiguration())));
                repositories.init();
                this.queues = builder.queueIgnoringDelays ? new RabbitMQMailQueueFactory(clock) : new MemoryMailQueueFactory(clock);
            }
            Optional<String> holdRepository = builder.releaseHeldFrom.or(() -> builder.releaseHeldFromConfiguration
                ? holdRepositoryOf(config) : Optional.empty());
            this.release = holdRepository.map(url -> new HeldMailRelease(repositories, MailRepositoryUrl.from(url), queues.spool()));
            this.mailetContext = new JamesMailetContext(dns, domainList,
                new LocalResourcesImpl(users, domainList, rrt), queues);

            this.metrics = new RecordingMetricFactory();
            this.deliveries = new DeliveryRecorder(clock);
            Injector injector = Guice.createInjector(new AbstractModule() {
                @Override
                protected void configure() {
                    bind(Clock.class).toInstance(clock);
                    bind(SandboxClock.class).toInstance(clock);
                    bind(MailRepositoryStore.class).toInstance(repositories);
                    bind(MetricFactory.class).toInstance(metrics);
                    bind(DeliveryRecorder.class).toInstance(deliveries);
                    bind(DNSService.class).toInstance(dns);
                    bind(DomainList.class).toInstance(domainList);
                    // Providers, not toInstance: Guice would member-inject these James objects
                    // again and ask for services the sandbox does not need (UserEntityValidator).
                    bind(UsersRepository.class).toProvider(() -> users);
                    bind(RecipientRewriteTable.class).toProvider(() -> rrt);
                    bind(MailetContext.class).toInstance(mailetContext);
                    bind(new com.google.inject.TypeLiteral<MailQueueFactory<?>>() { }).toInstance(queues);
                }
            });
            GuiceGenericLoader loader = new GuiceGenericLoader(injector,
                new ExtendedClassLoader(new SandboxServices.NoExtensionsFileSystem()), ExtensionConfiguration.DEFAULT);
            this.processors = new TracingCompositeProcessor(metrics, mailetContext,
                new GuiceMatcherLoader(loader), new GuiceMailetLoader(loader, Set.of()), trace);
        } catch (Exception e) {
            throw new SandboxConfigurationException("Cannot start the sandbox's James services: " + e.getMessage(), e);
        }
        try {
            processors.configure(section(config, "processors"));
            processors.init();
            checkProcessorsLikeJames();
            // As on James 3.9.0's server, where Guice runs the mailet context's configuration after the
            // container has initialised the mailets: a mailet asking for the postmaster in init() gets null.
            mailetContext.configure(section(config, "context"));
        } catch (Exception e) {
            processors.dispose();
            throw SandboxConfigurationException.rejected(builder.source, config, processors.failedProcessor(), e);
        }
        // What an administrator does through WebAdmin once the server runs: nothing in a Postino
        // mailet or matcher may have needed these domains at init().
        localDomains.forEach(this::addDomain);
    }

    /** Adds a domain to the running server's domain list, as WebAdmin's {@code PUT /domains/...} does. */
    public void addDomain(Domain domain) {
        try {
            if (!domainList.containsDomain(domain)) {
                domainList.addDomain(domain);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot add domain " + domain.asString(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A file of the project, found from the working directory upwards (tests run in a module
     * folder, the CLI in the project root).
     */
    public static Path projectFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate) && Files.isDirectory(dir.resolve("conf-samples"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalArgumentException("No project file " + relative + " above " + Path.of("").toAbsolutePath());
    }

    /**
     * Hands a mail to the root processor (after moving the clock to the envelope's arrival time
     * when the caller asks for it), then processes every queue item already due: mails sent by
     * mailets without delay, bounces, notices.
     */
    public void send(Mail mail) throws MessagingException {
        registerLocalUsers(mail);
        if (mail.getState() == null) {
            mail.setState(Mail.DEFAULT);
        }
        processors.service(mail);
        runDueQueueItems();
    }

    /** {@link #send(Mail)} at a given time: the clock is first set to {@code at}. */
    public void sendAt(Mail mail, ZonedDateTime at) throws MessagingException {
        clock.set(at.toInstant());
        send(mail);
    }

    /** Moves the clock forward, processing each queue item at its due time, in due order. */
    public void advanceBy(Duration duration) throws MessagingException {
        advanceTo(clock.instant().plus(duration));
    }

    public void advanceTo(Instant target) throws MessagingException {
        int steps = 0;
        while (true) {
            Optional<Instant> queueDue = queues.spool().pending().stream().map(QueuedMail::dueAt)
                .filter(due -> !due.isAfter(target)).findFirst();
            Optional<Instant> bucketDue = release.flatMap(HeldMailRelease::nextDue).filter(due -> !due.isAfter(target));
            Optional<Instant> nextDue = Stream.of(queueDue, bucketDue).flatMap(Optional::stream).min(Instant::compareTo);
            if (nextDue.isEmpty()) {
                break;
            }
            if (nextDue.get().isAfter(clock.instant())) {
                clock.set(nextDue.get());
            }
            release.ifPresent(job -> job.releaseDue(clock.instant()));
            runDueQueueItems();
            if (++steps > MAX_STEPS_PER_RUN) {
                throw new MessagingException("More than " + MAX_STEPS_PER_RUN + " queue rounds: a mail loop?");
            }
        }
        if (target.isAfter(clock.instant())) {
            clock.set(target);
        }
    }

    /** Processes every mail due in the spool now (on a queue that ignores delays: every mail in it). */
    public void runDueQueueItems() throws MessagingException {
        int steps = 0;
        Optional<QueuedMail> next;
        while ((next = queues.spool().pollDue()).isPresent()) {
            QueuedMail item = next.get();
            processedFromQueue.add(item);
            Mail copy = org.apache.james.server.core.MailImpl.duplicate(item.mail());
            try {
                copy.setState(item.state());
                registerLocalUsers(copy);
                processors.service(copy);
            } finally {
                // As James's spooler: the mail taken from the queue is disposed once processed.
                LifecycleUtil.dispose(copy);
            }
            if (++steps > MAX_STEPS_PER_RUN) {
                throw new MessagingException("More than " + MAX_STEPS_PER_RUN + " mails processed in one step: a mail loop?");
            }
        }
    }

    /**
     * Every local-domain address the bed sees becomes an existing user, so that
     * {@code MailetContext.isLocalEmail} answers as a real server with those accounts would.
     */
    private void registerLocalUsers(Mail mail) {
        mail.getRecipients().forEach(this::addUserIfLocal);
        mail.getMaybeSender().asOptional().ifPresent(this::addUserIfLocal);
    }

    public void addUserIfLocal(MailAddress address) {
        try {
            if (!domainList.containsDomain(address.getDomain())) {
                return;
            }
            Username username = Username.fromMailAddress(address);
            if (!users.contains(username)) {
                users.addUser(username, "sandbox");
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create sandbox user " + address, e);
        }
    }

    public SandboxClock clock() {
        return clock;
    }

    public MailetContext mailetContext() {
        return mailetContext;
    }

    public MailProcessor rootProcessor() {
        return processors;
    }

    public RecordingMetricFactory metrics() {
        return metrics;
    }

    public MailRepositoryStore repositories() {
        return repositories;
    }

    public SandboxMailQueue queue() {
        return queues.spool();
    }

    /** The simulated release-held job, when the bed was built with {@code releasingHeldMailFrom}. */
    public Optional<HeldMailRelease> heldMailRelease() {
        return release;
    }

    /** Queue items the bed has already processed, in processing order. */
    public List<QueuedMail> processedFromQueue() {
        return List.copyOf(processedFromQueue);
    }

    public List<Delivery> deliveries() {
        return deliveries.deliveries();
    }

    public List<TraceStep> trace() {
        return trace.steps();
    }

    public List<String> processorNames() {
        return Arrays.asList(processors.getProcessorStates());
    }

    /** Copies of the mails stored in a repository (empty if the repository was never used). */
    public List<Mail> repository(String url) throws MessagingException {
        Optional<MailRepository> repository = repositories.get(MailRepositoryUrl.from(url));
        if (repository.isEmpty()) {
            return List.of();
        }
        List<Mail> mails = new ArrayList<>();
        var keys = repository.get().list();
        while (keys.hasNext()) {
            MailKey key = keys.next();
            Mail mail = repository.get().retrieve(key);
            if (mail != null) {
                mails.add(mail);
            }
        }
        return mails;
    }

    /** URLs of every repository that holds at least one mail. */
    public List<String> nonEmptyRepositories() {
        List<String> urls = new ArrayList<>();
        repositories.getUrls().forEach(url -> {
            try {
                if (repositories.get(url).map(r -> {
                    try {
                        return r.size() > 0;
                    } catch (MessagingException e) {
                        return false;
                    }
                }).orElse(false)) {
                    urls.add(url.asString());
                }
            } catch (RuntimeException ignored) {
                // a repository that cannot be read is reported empty
            }
        });
        return urls;
    }

    public List<Mail> errors() throws MessagingException {
        return repository(ERROR_REPOSITORY);
    }

    @Override
    public void close() {
        processors.dispose();
        mailetContext.dispose();
    }

    /** The check James's {@code MailetContainerModule} runs at start: transport must remove Bcc. */
    private void checkProcessorsLikeJames() throws Exception {
        ImmutableListMultimap.Builder<String, MatcherMailetPair> pairs = ImmutableListMultimap.builder();
        for (String state : processors.getProcessorStates()) {
            if (processors.getProcessor(state) instanceof MailetProcessorImpl processor) {
                pairs.putAll(state, processor.getPairs());
            }
        }
        MailetContainerModule.BCC_Check.check(pairs.build());
    }

    /** The {@code holdRepository} of the configuration's ProductivityDelay, if it names one. */
    private static Optional<String> holdRepositoryOf(XMLConfiguration config) {
        for (HierarchicalConfiguration<ImmutableNode> processor : config.configurationsAt("processors.processor")) {
            for (HierarchicalConfiguration<ImmutableNode> mailet : processor.configurationsAt("mailet")) {
                String holdRepository = mailet.getString("holdRepository", "").strip();
                if (mailet.getString("[@class]", "").endsWith("ProductivityDelay") && !holdRepository.isEmpty()) {
                    return Optional.of(holdRepository);
                }
            }
        }
        return Optional.empty();
    }

    private static HierarchicalConfiguration<ImmutableNode> section(XMLConfiguration config, String name) {
        try {
            return config.configurationAt(name);
        } catch (ConfigurationRuntimeException e) {
            return new BaseHierarchicalConfiguration();
        }
    }

    public static final class Builder {
        private byte[] xml;
        private String source = "mailetcontainer.xml";
        private ZonedDateTime start = DEFAULT_START;
        private final LinkedHashSet<String> domains = new LinkedHashSet<>();
        private String defaultDomain = "localhost";
        private boolean queueIgnoringDelays;
        private JamesTestBed sharedWith;
        private Optional<String> releaseHeldFrom = Optional.empty();
        private boolean releaseHeldFromConfiguration;

        private Builder() {
        }

        public Builder configFile(Path file) {
            try {
                this.xml = Files.readAllBytes(file);
                this.source = file.toString();
                return this;
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read configuration " + file + ": " + e.getMessage(), e);
            }
        }

        public Builder configXml(String text) {
            this.xml = text.getBytes(StandardCharsets.UTF_8);
            this.source = "inline configuration";
            return this;
        }

        /**
         * James's default domain, the one domain a fresh server serves while it starts and the one
         * completing an unqualified postmaster. James's default, and the bed's, is {@code localhost}.
         */
        public Builder defaultDomain(String name) {
            this.defaultDomain = name;
            return this;
        }

        /** The company's domains, added to the domain list after the container has started. */
        public Builder localDomains(String... names) {
            domains.clear();
            domains.addAll(Arrays.asList(names));
            return this;
        }

        /** A spool that ignores enqueue delays, as James's distributed server's RabbitMQ queue does. */
        public Builder queueIgnoringDelays() {
            this.queueIgnoringDelays = true;
            return this;
        }

        /**
         * Another node of the same cluster as {@code node}: the same mail repositories and spool (use it
         * with a queue that ignores delays, whose mail is due at once whichever node's clock looks), its
         * own container and clock.
         */
        public Builder sharingStoresWith(JamesTestBed node) {
            this.sharedWith = node;
            return this;
        }

        /**
         * Runs the release-held job whenever a hold bucket under {@code holdRepositoryUrl} falls due while
         * the clock advances, as a job started every minute would ({@link HeldMailRelease}).
         */
        public Builder releasingHeldMailFrom(String holdRepositoryUrl) {
            this.releaseHeldFrom = Optional.of(holdRepositoryUrl);
            return this;
        }

        /** {@link #releasingHeldMailFrom} the {@code holdRepository} the configuration's ProductivityDelay names. */
        public Builder releasingHeldMail() {
            this.releaseHeldFromConfiguration = true;
            return this;
        }

        public Builder startAt(ZonedDateTime time) {
            this.start = time;
            return this;
        }

        public JamesTestBed build() throws SandboxConfigurationException {
            if (xml == null) {
                configFile(projectFile("conf-samples/mailetcontainer.xml"));
            }
            if (domains.isEmpty()) {
                domains.add(DEFAULT_DOMAIN);
            }
            return new JamesTestBed(this);
        }

        private XMLConfiguration readConfiguration() throws SandboxConfigurationException {
            byte[] bytes = xml;
            if (sharedWith != null) {
                // One JVM holds every node of the cluster: their processors' JMX beans would share names.
                bytes = new String(xml, StandardCharsets.UTF_8).replaceAll("enableJmx=\"true\"", "enableJmx=\"false\"")
                    .replace("<processors>", "<processors enableJmx=\"false\">").getBytes(StandardCharsets.UTF_8);
            }
            try {
                return FileConfigurationProvider.getConfig(new ByteArrayInputStream(bytes));
            } catch (Exception e) {
                throw new SandboxConfigurationException(source + " is not a readable mailetcontainer.xml: "
                    + SandboxConfigurationException.causes(e), e);
            }
        }
    }
}
