package dev.postino.admin;

import java.io.PrintStream;
import java.util.List;

/** One of the drop-in jar's commands: {@code java -jar postino-<version>.jar NAME ARGS...}. */
public interface Command {

    /** What the administrator types, e.g. {@code release-held}. */
    String name();

    /** The usage lines shown by {@code help}: the synopsis first, then one line per option. */
    List<String> usage();

    /**
     * Runs the command. Returns the exit status (0 done, 1 failed, 2 misused); a failure is
     * reported on {@code err} in one line. Throws only for a command line it cannot run.
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws UsageException;
}
