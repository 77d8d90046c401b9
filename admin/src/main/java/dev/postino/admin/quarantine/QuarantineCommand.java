package dev.postino.admin.quarantine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.postino.admin.Arguments;
import dev.postino.admin.Command;
import dev.postino.admin.Json;
import dev.postino.admin.UsageException;
import dev.postino.admin.WebAdminException;

/**
 * {@code quarantine list|show|release|delete|expire|export}: the attachment quarantine from the
 * command line, over James's WebAdmin. Mail-borne text is printed through {@link Shown}, so a Subject
 * or a file name can never move the cursor, reverse the line or hide an extension on the terminal.
 */
public final class QuarantineCommand implements Command {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private static final Set<String> LIST_OPTIONS = Set.of("--sender", "--recipient", "--newer-than", "--older-than", "--reason");

    @Override
    public String name() {
        return "quarantine";
    }

    @Override
    public List<String> usage() {
        return List.of(
            "quarantine list|show|release|delete|expire|export [ID] [OPTIONS]   the attachment quarantine",
            "  quarantine list [--sender ADDR|*@DOMAIN] [--recipient ADDR|*@DOMAIN] [--newer-than AGE]",
            "                  [--older-than AGE] [--reason CODE] [--json]   held mail, oldest first",
            "  quarantine show ID [--json]                 envelope, headers, findings, attributes (never the content)",
            "  quarantine release ID [--recipient ADDR] [--processor release]",
            "                                              re-enqueue it into the release processor and wait for the task",
            "  quarantine delete ID",
            "  quarantine expire --older-than AGE [--dry-run]   delete what has been held longer than AGE (for cron)",
            "  quarantine export ID -o FILE.eml [--force]  the raw message, for analysis in a sandbox",
            "  --repository URL|PATH   the quarantine repository (default " + Quarantine.DEFAULT_REPOSITORY + ")",
            "  AGE is 30d, 12h, 45m, 90s or 2w");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("which one: list, show, release, delete, expire or export?");
        }
        String action = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (action) {
                case "list" -> list(parse(rest, LIST_OPTIONS, Set.of("--json"), 0), out);
                case "show" -> show(parse(rest, Set.of(), Set.of("--json"), 1), out);
                case "release" -> release(parse(rest, Set.of("--recipient", "--processor"), Set.of(), 1), out, err);
                case "delete" -> delete(parse(rest, Set.of(), Set.of(), 1), out);
                case "expire" -> expire(parse(rest, Set.of("--older-than"), Set.of("--dry-run"), 0), out);
                case "export" -> export(parse(rest, Set.of("-o", "--output"), Set.of("--force"), 1), out, err);
                default -> throw new UsageException("unknown action '" + Shown.text(action, 30)
                    + "' (list, show, release, delete, expire, export)");
            };
        } catch (WebAdminException e) {
            err.println("postino quarantine " + action + ": " + e.getMessage());
            return 1;
        }
    }

    private static Arguments parse(List<String> args, Set<String> values, Set<String> flags, int words) throws UsageException {
        Set<String> accepted = new HashSet<>(values);
        accepted.addAll(Arguments.WEBADMIN_OPTIONS);
        accepted.add("--repository");
        Arguments arguments = Arguments.parse(args, accepted, flags);
        if (arguments.positional().size() != words) {
            throw new UsageException(words == 0 ? "unexpected word '" + Shown.text(arguments.positional().get(0), 40) + "'"
                : arguments.positional().isEmpty() ? "which message? give its quarantine id, e.g. Q-20261201-7F3K9M2P"
                : "one quarantine id at a time");
        }
        return arguments;
    }

    private static Quarantine quarantine(Arguments arguments) throws UsageException {
        return new Quarantine(arguments.webAdmin(), arguments.value("--repository").orElse(Quarantine.DEFAULT_REPOSITORY));
    }

    private static Optional<Duration> age(Arguments arguments, String option) throws UsageException {
        Optional<String> text = arguments.value(option);
        return text.isEmpty() ? Optional.empty() : Optional.of(Age.parse(option, text.get()));
    }

    private int list(Arguments arguments, PrintStream out) throws UsageException, WebAdminException {
        ListFilter filter = new ListFilter(arguments.value("--sender"), arguments.value("--recipient"),
            age(arguments, "--newer-than"), age(arguments, "--older-than"), arguments.value("--reason"));
        Quarantine quarantine = quarantine(arguments);
        List<HeldMail> mails = quarantine.list(filter);
        if (arguments.flag("--json")) {
            out.println(Json.write(mails.stream().map(MailJson::summary).toList()));
            return 0;
        }
        TextTable table = new TextTable("ID", "HELD (UTC)", "SENDER", "RECIPIENTS", "SUBJECT", "REASONS", "SIZE");
        for (HeldMail mail : mails) {
            table.add(Shown.text(mail.id(), 40),
                mail.heldAt().map(at -> DATE.format(at).substring(0, 16)).orElse("?"),
                Shown.text(mail.senderText(), 32),
                recipients(mail, 32),
                Shown.text(mail.subject(), 44),
                Shown.text(String.join(",", mail.reasons()), 120),
                mail.size().map(Shown::bytes).orElse("?"));
        }
        table.lines().forEach(out::println);
        out.println(mails.size() + " held message(s) in " + quarantine.path());
        return 0;
    }

    private int show(Arguments arguments, PrintStream out) throws UsageException, WebAdminException {
        HeldMail mail = quarantine(arguments).get(arguments.positional().get(0));
        if (arguments.flag("--json")) {
            out.println(Json.write(MailJson.detail(mail)));
        } else {
            MailReport.print(mail, out);
        }
        return 0;
    }

    private int release(Arguments arguments, PrintStream out, PrintStream err) throws UsageException, WebAdminException {
        String id = arguments.positional().get(0);
        Quarantine quarantine = quarantine(arguments);
        String processor = arguments.value("--processor").orElse(Quarantine.RELEASE_PROCESSOR);
        HeldMail mail = quarantine.get(id);
        Optional<String> recipient = arguments.value("--recipient");
        if (recipient.isPresent()) {
            checkRecipient(mail, recipient.get());
        }
        Quarantine.Task task = quarantine.release(mail, processor);
        if (!task.completed()) {
            err.println("postino quarantine release: WebAdmin task " + task.id() + " for " + id + " ended "
                + task.status() + ": not released (see James's log)");
            return 1;
        }
        out.println("released " + id + " into the '" + Shown.text(processor, 40) + "' processor for "
            + recipients(mail, 200) + " (WebAdmin task " + task.id() + " completed)");
        return 0;
    }

    /**
     * WebAdmin's reprocess re-enqueues a stored mail with all its recipients ({@code forRecipient}
     * only selects which mails): a release "for one recipient" of a mail held for several would deliver
     * it to all. So {@code --recipient} is a guard: it releases only a message held for that recipient alone.
     */
    private static void checkRecipient(HeldMail mail, String recipient) throws WebAdminException {
        if (mail.recipients().stream().noneMatch(r -> r.equalsIgnoreCase(recipient))) {
            throw new WebAdminException(mail.id() + " is not held for " + Shown.text(recipient, 60)
                + " (held for " + recipients(mail, 200) + ")");
        }
        if (mail.recipients().size() > 1) {
            throw new WebAdminException(mail.id() + " is held for " + mail.recipients().size() + " recipients ("
                + recipients(mail, 200) + "): WebAdmin releases a stored mail to all its recipients, never to one;"
                + " release it without --recipient to deliver it to all of them");
        }
    }

    private int delete(Arguments arguments, PrintStream out) throws UsageException, WebAdminException {
        Quarantine quarantine = quarantine(arguments);
        HeldMail mail = quarantine.get(arguments.positional().get(0));
        quarantine.delete(mail);
        out.println("deleted " + describe(mail));
        return 0;
    }

    private int expire(Arguments arguments, PrintStream out) throws UsageException, WebAdminException {
        String ageText = arguments.value("--older-than").orElseThrow(() -> new UsageException(
            "--older-than AGE is needed, e.g. --older-than 30d"));
        Duration age = Age.parse("--older-than", ageText);
        boolean dryRun = arguments.flag("--dry-run");
        Quarantine quarantine = quarantine(arguments);
        List<HeldMail> expired = quarantine.list(ListFilter.olderThan(age));
        for (HeldMail mail : expired) {
            if (!dryRun) {
                quarantine.delete(mail);
            }
            out.println((dryRun ? "would delete " : "deleted ") + describe(mail));
        }
        out.println((dryRun ? "dry run: " : "") + expired.size() + " message(s) held longer than " + ageText
            + " (before " + DATE.format(Instant.now().minus(age)) + ") " + (dryRun ? "would be " : "")
            + "deleted from " + quarantine.path());
        return 0;
    }

    private int export(Arguments arguments, PrintStream out, PrintStream err) throws UsageException, WebAdminException {
        Optional<String> file = arguments.value("-o").or(() -> arguments.value("--output"));
        if (file.isEmpty()) {
            throw new UsageException("-o FILE.eml is needed");
        }
        Path target = Path.of(file.get());
        boolean force = arguments.flag("--force");
        if (!force && Files.exists(target)) {
            throw new WebAdminException(target + " exists (--force replaces it)");
        }
        String id = arguments.positional().get(0);
        Quarantine quarantine = quarantine(arguments);
        HeldMail mail = quarantine.get(id);
        byte[] raw = quarantine.raw(id);
        try {
            if (force) {
                Files.write(target, raw);
            } else {
                Files.write(target, raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new WebAdminException(target + " exists (--force replaces it)");
        } catch (IOException e) {
            throw new WebAdminException("cannot write " + target + ": " + e.getMessage());
        }
        err.println("warning: " + id + " was held as dangerous (" + Shown.text(String.join(", ", mail.reasons()), 120)
            + "): examine it only in an isolated analysis environment, never open it in a mail program");
        out.println("wrote " + target + " (" + raw.length + " bytes)");
        return 0;
    }

    static String describe(HeldMail mail) {
        return mail.id() + " (held " + mail.heldAt().map(DATE::format).orElse("at an unknown time") + ", from "
            + Shown.text(mail.senderText(), 60) + " to " + recipients(mail, 80) + ", "
            + Shown.text(String.join(",", mail.reasons()), 80) + ")";
    }

    static String recipients(HeldMail mail, int maxLength) {
        return Shown.text(String.join(", ", mail.recipients()), maxLength);
    }
}
