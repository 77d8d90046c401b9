package dev.postino.sandbox.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxConfigurationException;

/**
 * {@code ./postino demo} and {@code ./postino run}: messages through James's real mailet
 * container with a simulated clock, and a report of what Postino did to each.
 */
public final class PostinoCli {
    /** The Postino classes each feature brings, to say which features this build has. */
    static final List<Feature> FEATURES = List.of(
        new Feature("Receipt blocking", List.of("dev.postino.matchers.IsReadReceipt",
            "dev.postino.matchers.IsDeliveryReport", "dev.postino.matchers.HasReceiptRequest",
            "dev.postino.mailets.StripReceiptRequests")),
        new Feature("Subject truncation", List.of("dev.postino.matchers.SubjectLongerThan",
            "dev.postino.mailets.TruncateSubject")),
        new Feature("Attachment inspection", List.of("dev.postino.mailets.InspectAttachments",
            "dev.postino.matchers.HasDangerousAttachment")),
        new Feature("Attachment quarantine", List.of("dev.postino.mailets.QuarantineAttachments")),
        new Feature("Intra-company delay rules", List.of("dev.postino.matchers.IsIntraCompany",
            "dev.postino.mailets.ProductivityDelay")));

    record Feature(String name, List<String> classes) {
        boolean present() {
            return classes.stream().allMatch(PostinoCli::classExists);
        }
    }

    static final String VERBOSE = "--verbose";
    /** Runs on a mail queue that ignores delays, as James's distributed server's RabbitMQ queue does. */
    static final String DISTRIBUTED = "--distributed";

    private final PrintStream out;
    private final PrintStream err;

    PostinoCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        if (List.of(args).contains(VERBOSE)) {
            // Read by the sandbox's logback.xml before the first logger exists: James's own account
            // of a rejected configuration, stack traces included, is shown only on request.
            System.setProperty("POSTINO_JAMES_LOG", "INFO");
        }
        System.exit(new PostinoCli(System.out, System.err).execute(args));
    }

    int execute(String[] args) {
        boolean verbose = List.of(args).contains(VERBOSE);
        try {
            Options options = Options.parse(args);
            return switch (options.command()) {
                case "demo" -> demo(options);
                case "run" -> run(options);
                default -> usage("unknown command '" + options.command() + "'");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (SandboxConfigurationException e) {
            err.println("postino: " + e.getMessage());
            e.causeLines().forEach(line -> err.println("  cause: " + line));
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("  (" + VERBOSE + " shows James's log and the stack trace)");
            }
            return 1;
        } catch (MessageRun.BadInputException e) {
            err.println("postino: " + e.getMessage());
            return 1;
        }
    }

    private int demo(Options options) throws SandboxConfigurationException, MessageRun.BadInputException, UsageException {
        Path config = options.config().orElse(JamesTestBed.projectFile("conf-samples/mailetcontainer.xml"));
        Path samples = JamesTestBed.projectFile("samples");
        List<Path> mails;
        try (Stream<Path> files = Files.list(samples)) {
            mails = files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new MessageRun.BadInputException("cannot list " + samples + ": " + e.getMessage());
        }
        if (!options.json()) {
            out.println("Postino demo: " + mails.size() + " sample mails through Apache James 3.9.0's mailet container");
            out.println("Configuration: " + Path.of("").toAbsolutePath().relativize(config.toAbsolutePath()));
            for (Feature feature : FEATURES) {
                out.printf("  %-28s %s%n", feature.name(), feature.present() ? "present" : "not yet present");
            }
            out.println();
        }
        return runAll(config, mails, Optional.empty(), options.json(), false);
    }

    private int run(Options options) throws SandboxConfigurationException, MessageRun.BadInputException, UsageException {
        Path config = options.config().orElseThrow(() -> new UsageException("run needs --config FILE.xml"));
        if (!Files.isReadable(config)) {
            throw new MessageRun.BadInputException("cannot read configuration " + config);
        }
        if (options.mails().isEmpty()) {
            throw new UsageException("run needs at least one MAIL.eml");
        }
        return runAll(config, options.mails(), options.at(), options.json(), options.distributed());
    }

    private int runAll(Path config, List<Path> mails, Optional<ZonedDateTime> at, boolean json, boolean distributed)
            throws SandboxConfigurationException, MessageRun.BadInputException {
        MessageRun runner = new MessageRun(config, List.of(JamesTestBed.DEFAULT_DOMAIN), distributed);
        List<MessageReport> reports = new ArrayList<>();
        for (Path mail : mails) {
            MessageReport report = runner.run(mail, at);
            reports.add(report);
            if (!json) {
                out.println(report.toText());
            }
        }
        if (json) {
            out.println("[" + String.join(",\n", reports.stream().map(MessageReport::toJson).toList()) + "]");
        } else {
            out.println(reports.size() + " messages run, " + reports.stream().mapToInt(MessageReport::errors).sum()
                + " in the error repository.");
        }
        return 0;
    }

    private int usage(String problem) {
        err.println("postino: " + problem);
        err.println("usage: ./postino demo [--json] [--verbose]");
        err.println("       ./postino run --config FILE.xml [--at 2026-11-30T08:00+01:00] [--json] [--distributed] [--verbose] MAIL.eml...");
        return 2;
    }

    static boolean classExists(String name) {
        try {
            Class.forName(name, false, PostinoCli.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    record Options(String command, Optional<Path> config, Optional<ZonedDateTime> at, boolean json, boolean distributed,
                   List<Path> mails) {
        static Options parse(String[] args) throws UsageException {
            if (args.length == 0) {
                throw new UsageException("no command");
            }
            Optional<Path> config = Optional.empty();
            Optional<ZonedDateTime> at = Optional.empty();
            boolean json = false;
            boolean distributed = false;
            List<Path> mails = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--json" -> json = true;
                    case DISTRIBUTED -> distributed = true;
                    case VERBOSE -> { }
                    case "--config" -> config = Optional.of(Path.of(value(args, ++i, "--config")));
                    case "--at" -> {
                        try {
                            at = Optional.of(Envelope.parseTime(value(args, ++i, "--at"), "--at"));
                        } catch (IllegalArgumentException e) {
                            throw new UsageException(e.getMessage());
                        }
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new UsageException("unknown option " + args[i]);
                        }
                        mails.add(Path.of(args[i]));
                    }
                }
            }
            return new Options(args[0], config, at, json, distributed, mails);
        }

        private static String value(String[] args, int index, String option) throws UsageException {
            if (index >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[index];
        }
    }
}
