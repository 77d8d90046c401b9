package dev.postino.admin;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments: {@code --name value} options, {@code --flag}s and positional words, checked
 * against what the command accepts, so a misspelt option is an error and never silently ignored.
 */
public final class Arguments {
    /** Options every WebAdmin command takes. */
    public static final Set<String> WEBADMIN_OPTIONS = Set.of("--webadmin", "--token", "--timeout");
    /** Where a token comes from when {@code --token} is not given. */
    public static final String TOKEN_VARIABLE = "POSTINO_WEBADMIN_TOKEN";

    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positional;

    private Arguments(Map<String, String> values, Set<String> flags, List<String> positional) {
        this.values = values;
        this.flags = flags;
        this.positional = positional;
    }

    public static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new java.util.LinkedHashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            // "-o FILE" is an option like "--output FILE"; a lone "-" stays a word.
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (valueOptions.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (values.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else if (flagOptions.contains(name) && inline == null) {
                flags.add(name);
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return new Arguments(values, flags, positional);
    }

    /**
     * A mail repository as {@code --repository} names it: its URL as in the configuration
     * ({@code cassandra://var/mail/postino-held/}) or its path ({@code var/mail/postino-held}); WebAdmin
     * knows repositories by path.
     */
    public static String repositoryPath(String value) throws UsageException {
        String path = value.trim();
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            path = path.substring(scheme + 3);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty()) {
            throw new UsageException("--repository: '" + value + "' names no repository path");
        }
        return path;
    }

    public Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    public boolean flag(String option) {
        return flags.contains(option);
    }

    public List<String> positional() {
        return positional;
    }

    /** The WebAdmin client the options describe: {@code --webadmin URL} (required), {@code --token} or the environment. */
    public WebAdmin webAdmin() throws UsageException {
        String url = value("--webadmin").orElseThrow(() -> new UsageException(
            "--webadmin URL is needed, e.g. --webadmin http://127.0.0.1:8000"));
        URI uri = null;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new UsageException("--webadmin: '" + url + "' is not an http:// or https:// URL");
        }
        Optional<String> token = value("--token").or(() -> Optional.ofNullable(System.getenv(TOKEN_VARIABLE)));
        return new WebAdmin(uri, token, timeout());
    }

    private Duration timeout() throws UsageException {
        String text = value("--timeout").orElse("30s").trim();
        try {
            long seconds = Long.parseLong(text.endsWith("s") ? text.substring(0, text.length() - 1) : text);
            if (seconds < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout: '" + text + "' is not a number of seconds like 30s");
        }
    }
}
