package dev.postino.admin;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import dev.postino.admin.console.ConsoleCommand;
import dev.postino.admin.quarantine.QuarantineCommand;

/**
 * The drop-in jar's command line: {@code java -jar postino-<version>.jar COMMAND ...}, with nothing
 * but a JDK (James's classes are not needed: every command talks to James through WebAdmin).
 */
public final class Main {

    static final List<Command> COMMANDS = List.of(
        new ReleaseHeld(),
        new QuarantineCommand(),
        new ConsoleCommand());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            help(out);
            return args.isEmpty() ? 2 : 0;
        }
        if (args.get(0).equals("--version") || args.get(0).equals("version")) {
            out.println("postino " + version());
            return 0;
        }
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(args.get(0))).findFirst();
        if (command.isEmpty()) {
            err.println("postino: unknown command '" + args.get(0) + "' (try: help)");
            return 2;
        }
        try {
            return command.get().run(args.subList(1, args.size()), out, err);
        } catch (UsageException e) {
            err.println("postino " + command.get().name() + ": " + e.getMessage());
            err.println("usage: " + command.get().usage().get(0));
            return 2;
        }
    }

    static void help(PrintStream out) {
        out.println("Postino " + version() + ": commands for an Apache James server, through its WebAdmin API.");
        out.println("usage: java -jar postino-" + version() + ".jar COMMAND [OPTIONS]");
        for (Command command : COMMANDS) {
            out.println();
            command.usage().forEach(line -> out.println("  " + line));
        }
        out.println();
        out.println("Every command takes --webadmin URL (e.g. http://127.0.0.1:8000), and --token JWT when");
        out.println("WebAdmin requires one (or the environment variable " + Arguments.TOKEN_VARIABLE + ").");
    }

    static String version() {
        return Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("(development build)");
    }
}
