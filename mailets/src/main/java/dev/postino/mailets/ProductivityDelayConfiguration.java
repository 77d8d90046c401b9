package dev.postino.mailets;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import jakarta.mail.internet.AddressException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.MailetConfig;

import dev.postino.delay.Company;
import dev.postino.delay.DelayPolicy;
import dev.postino.delay.DelayRange;
import dev.postino.delay.Holidays;
import dev.postino.delay.PersonalAccountsSource;
import dev.postino.delay.ReprimandTemplate;
import dev.postino.delay.SenderClassifier;
import dev.postino.delay.WorkingCalendar;
import dev.postino.notices.Language;
import dev.postino.notices.TemplateText;
import dev.postino.parameters.ParameterValues;

/**
 * {@link ProductivityDelay}'s init parameters, read and validated once: a bad value throws an
 * {@link IllegalArgumentException} that names the parameter and quotes the value.
 */
final class ProductivityDelayConfiguration {

    static final String DOMAINS = "domains";
    static final String PROCESSOR = "processor";
    static final String BASE_DELAY = "baseDelay";
    static final String VISIBLE_RECIPIENT_DELAY = "visibleRecipientDelay";
    static final String BCC_RECIPIENT_DELAY = "bccRecipientDelay";
    static final String EDGE_WINDOW = "edgeWindow";
    static final String EDGE_DELAY = "edgeDelay";
    static final String WORKING_HOURS = "workingHours";
    static final String WORKING_DAYS = "workingDays";
    static final String TIME_ZONE = "timeZone";
    static final String HOLIDAYS = "holidays";
    static final String EXTRA_HOLIDAYS = "extraHolidays";
    static final String DELIVER_AT_OPENING = "deliverAtOpening";
    static final String SEED = "seed";
    static final String TRACE_HEADER = "traceHeader";
    static final String PERSONAL_ACCOUNTS = "personalAccounts";
    static final String REPRIMAND_FROM = "reprimandFrom";
    static final String REPRIMAND_CC = "reprimandCc";
    static final String REPRIMAND_LANGUAGE = "reprimandLanguage";
    static final String REPRIMAND_TEMPLATE = "reprimandTemplate";
    static final String HOLD = "hold";
    static final String HOLD_REPOSITORY = "holdRepository";
    static final String CLOCK_SKEW_TOLERANCE = "clockSkewTolerance";

    static final Set<String> PARAMETERS = Set.of(DOMAINS, PROCESSOR, BASE_DELAY, VISIBLE_RECIPIENT_DELAY,
        BCC_RECIPIENT_DELAY, EDGE_WINDOW, EDGE_DELAY, WORKING_HOURS, WORKING_DAYS, TIME_ZONE, HOLIDAYS, EXTRA_HOLIDAYS,
        DELIVER_AT_OPENING, SEED, TRACE_HEADER, PERSONAL_ACCOUNTS, REPRIMAND_FROM, REPRIMAND_CC, REPRIMAND_LANGUAGE,
        REPRIMAND_TEMPLATE, HOLD, HOLD_REPOSITORY, CLOCK_SKEW_TOLERANCE);

    private final MailetConfig config;
    private final Company company;
    private final String processor;
    private final DelayPolicy policy;
    private final RandomGenerator random;
    private final boolean traceHeader;
    private final PersonalAccountsSource personalAccounts;
    private final Optional<MailAddress> reprimandFrom;
    private final List<MailAddress> reprimandCc;
    private final ReprimandTemplate template;
    private final String hold;
    private final Optional<MailRepositoryUrl> holdRepository;
    private final Duration clockSkewTolerance;

    /**
     * @param warnings told about a deprecated form of a parameter, and about a later reload of the
     *     personal-accounts file that failed
     */
    ProductivityDelayConfiguration(MailetConfig config, Consumer<String> warnings) {
        this.config = config;
        String domains = value(DOMAINS, "");
        company = domains.isBlank()
            ? Company.of(domain -> config.getMailetContext().isLocalServer(Domain.of(domain)), "local domains")
            : Company.ofDomains(DOMAINS, domains);
        processor = value(PROCESSOR, "transport").trim();
        if (processor.isEmpty()) {
            throw new IllegalArgumentException(PROCESSOR + ": must name a processor");
        }
        LocalTime[] hours = WorkingCalendar.parseHours(WORKING_HOURS, value(WORKING_HOURS, "09:00-18:00"));
        ZoneId zone = WorkingCalendar.parseZone(TIME_ZONE, value(TIME_ZONE, "Europe/Rome"));
        Holidays holidays = Holidays.parse(HOLIDAYS, value(HOLIDAYS, "italy"))
            .and(Holidays.parse(EXTRA_HOLIDAYS, value(EXTRA_HOLIDAYS, "")));
        WorkingCalendar calendar = new WorkingCalendar(hours[0], hours[1],
            WorkingCalendar.parseDays(WORKING_DAYS, value(WORKING_DAYS, "MON-FRI")), zone, holidays);
        policy = DelayPolicy.builder()
            .calendar(calendar)
            .baseDelay(DelayRange.parse(BASE_DELAY, value(BASE_DELAY, "400-800s")))
            .visibleRecipientDelay(DelayRange.parse(VISIBLE_RECIPIENT_DELAY, value(VISIBLE_RECIPIENT_DELAY, "40-80s")))
            .bccRecipientDelay(DelayRange.parse(BCC_RECIPIENT_DELAY, value(BCC_RECIPIENT_DELAY, "300-600s")))
            .edgeWindow(singleDuration(EDGE_WINDOW, "90m"))
            .edgeDelay(DelayRange.parse(EDGE_DELAY, value(EDGE_DELAY, "200-400s")))
            .deliverAtOpening(ParameterValues.bool(DELIVER_AT_OPENING, config.getInitParameter(DELIVER_AT_OPENING), false))
            .build();
        random = optional(SEED).map(ProductivityDelayConfiguration::seeded).orElseGet(SecureRandom::new);
        traceHeader = ParameterValues.bool(TRACE_HEADER, config.getInitParameter(TRACE_HEADER), true);
        personalAccounts = PersonalAccountsSource.of(PERSONAL_ACCOUNTS, value(PERSONAL_ACCOUNTS, ""), warnings);
        if (!domains.isBlank()) {
            // Explicit domains are a constant: a mapping that contradicts them at start is a configuration error.
            // James's domain list is not (a fresh server serves only localhost until domains are added), so
            // against it, as after every reload of the file, the mapping is checked when mail needs it.
            SenderClassifier.problems(personalAccounts.current(), company).stream().findFirst().ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
        reprimandFrom = optional(REPRIMAND_FROM).map(value -> address(REPRIMAND_FROM, value));
        List<MailAddress> cc = new ArrayList<>();
        for (String address : ParameterValues.list(value(REPRIMAND_CC, ""))) {
            cc.add(address(REPRIMAND_CC, address));
        }
        reprimandCc = List.copyOf(cc);
        template = loadTemplate(warnings);
        hold = value(HOLD, "auto");
        holdRepository = optional(HOLD_REPOSITORY).map(String::trim).map(value -> {
            try {
                return MailRepositoryUrl.from(value);
            } catch (RuntimeException bad) {
                throw new IllegalArgumentException(HOLD_REPOSITORY + ": invalid value '" + value
                    + "': not a mail repository URL such as cassandra://var/mail/postino-held/", bad);
            }
        });
        clockSkewTolerance = singleDuration(CLOCK_SKEW_TOLERANCE, "30s");
    }

    /** The company: the listed {@code domains}, or the domains James serves now. */
    Company company() {
        return company;
    }

    /** Where the delayed copy continues. */
    String processor() {
        return processor;
    }

    DelayPolicy policy() {
        return policy;
    }

    /** Seeded when {@code seed} is set, so the draws are reproducible. */
    RandomGenerator random() {
        return random;
    }

    /** Whether the delayed copy carries {@link ProductivityDelay#TRACE_HEADER}. */
    boolean traceHeader() {
        return traceHeader;
    }

    PersonalAccountsSource personalAccounts() {
        return personalAccounts;
    }

    /** Empty: the postmaster, asked for each letter (James sets it only after the mailets start). */
    Optional<MailAddress> reprimandFrom() {
        return reprimandFrom;
    }

    List<MailAddress> reprimandCc() {
        return reprimandCc;
    }

    ReprimandTemplate reprimandTemplate() {
        return template;
    }

    /** {@code auto}, {@code queue} or {@code repository}, as written: {@link HoldMechanism#choose} reads it. */
    String hold() {
        return hold;
    }

    Optional<MailRepositoryUrl> holdRepository() {
        return holdRepository;
    }

    Duration clockSkewTolerance() {
        return clockSkewTolerance;
    }

    private String value(String name, String defaultValue) {
        String value = config.getInitParameter(name);
        return value == null ? defaultValue : value;
    }

    /** Empty when absent or empty, as James's {@code GenericMailet.getInitParameterAsOptional}. */
    private Optional<String> optional(String name) {
        return Optional.ofNullable(config.getInitParameter(name)).filter(value -> !value.isEmpty());
    }

    private Duration singleDuration(String name, String defaultValue) {
        DelayRange range = DelayRange.parse(name, value(name, defaultValue));
        if (!range.min().equals(range.max())) {
            throw ParameterValues.invalid(name, range.toString(), "a single duration such as " + defaultValue);
        }
        return range.min();
    }

    private static RandomGenerator seeded(String seed) {
        try {
            return new java.util.Random(Long.parseLong(seed.trim()));
        } catch (NumberFormatException e) {
            throw ParameterValues.invalid(SEED, seed, "expected a whole number");
        }
    }

    private static MailAddress address(String parameter, String value) {
        try {
            return new MailAddress(value.trim());
        } catch (AddressException e) {
            throw ParameterValues.invalid(parameter, value, "not an address");
        }
    }

    /**
     * The letter: the built-in one in {@code reprimandLanguage}, or the admin's, written in the parameter
     * (it starts with its {@code Subject:} line) or read from {@code file:PATH}, as every notice template.
     * A bare path, the form before notice templates were one mechanism, still reads the file, with a
     * deprecation WARN; it goes in the next release.
     */
    private ReprimandTemplate loadTemplate(Consumer<String> warnings) {
        String languages = value(REPRIMAND_LANGUAGE, "it");
        ReprimandTemplate builtIn = ReprimandTemplate.builtIn(REPRIMAND_LANGUAGE, languages);
        Optional<String> value = optional(REPRIMAND_TEMPLATE).filter(text -> !text.isBlank()).map(String::strip);
        if (value.isEmpty()) {
            return builtIn;
        }
        Language language = ReprimandTemplate.languages(REPRIMAND_LANGUAGE, languages).get(0);
        String text;
        String origin;
        if (value.get().startsWith(TemplateText.FILE_PREFIX) || value.get().regionMatches(true, 0, "Subject:", 0, 8)) {
            text = TemplateText.read(REPRIMAND_TEMPLATE, value.get()).orElseThrow();
            origin = value.get().startsWith(TemplateText.FILE_PREFIX) ? REPRIMAND_TEMPLATE + " " + value.get() : REPRIMAND_TEMPLATE;
        } else {
            warnings.accept("ProductivityDelay: " + REPRIMAND_TEMPLATE + ": a bare file path is deprecated and will not be "
                + "read in the next release; write " + REPRIMAND_TEMPLATE + " as " + TemplateText.FILE_PREFIX + value.get());
            text = TemplateText.readFile(REPRIMAND_TEMPLATE, value.get());
            origin = REPRIMAND_TEMPLATE + " " + value.get();
        }
        return ReprimandTemplate.parse(origin, text, language);
    }
}
