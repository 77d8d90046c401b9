package dev.postino.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the drop-in jar's command line in this JVM, as {@code java -jar postino.jar ARGS} would. */
public final class Cli {

    /** Exit status and what was printed. */
    public record Result(int status, String out, String err) {
        public List<String> outLines() {
            return out.lines().toList();
        }

        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Cli() {
    }

    public static Result run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static Result run(String... args) {
        return run(List.of(args));
    }

    /** {@code args} followed by {@code --webadmin URL}. */
    public static Result against(java.net.URI webAdmin, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("--webadmin");
        all.add(webAdmin.toString());
        return run(all);
    }
}
