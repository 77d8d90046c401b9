package dev.postino.admin;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.postino.delay.HoldBucket;

/**
 * {@code release-held}: releases the intra-company mail {@code ProductivityDelay} holds in a mail
 * repository (its {@code hold=repository} mechanism, for servers whose queue ignores delays). Every
 * bucket of the hold repository that is due by now ({@code var/mail/postino-held/20261207T0810} is
 * due from 08:10 UTC) and holds mail is reprocessed into the spool through WebAdmin, one James task
 * per bucket, awaited; mail goes back to the processor it was held for. Meant to run every minute
 * (cron, a systemd timer, a Kubernetes CronJob); runs that overlap are harmless: James executes
 * WebAdmin tasks one after another, and a mail released twice by a crash is delivered twice, never
 * lost (ProductivityDelay lets a released mail through only when it is due).
 */
public final class ReleaseHeld implements Command {

    /** The sample configuration's hold repository path. */
    static final String DEFAULT_REPOSITORY = "var/mail/postino-held";

    private final Clock clock;

    public ReleaseHeld() {
        this(Clock.systemUTC());
    }

    ReleaseHeld(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "release-held";
    }

    @Override
    public List<String> usage() {
        return List.of("release-held --webadmin URL [--token JWT] [--repository URL]",
            "    releases every due bucket of the delay rules' hold repository into the spool; run it every minute",
            "    --repository  the holdRepository of ProductivityDelay, as a URL or a path (default " + DEFAULT_REPOSITORY + ")");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Set<String> options = new java.util.HashSet<>(Arguments.WEBADMIN_OPTIONS);
        options.add("--repository");
        Arguments arguments = Arguments.parse(args, options, Set.of());
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + arguments.positional().getFirst() + "'");
        }
        WebAdmin webAdmin = arguments.webAdmin();
        String base = Arguments.repositoryPath(arguments.value("--repository").orElse(DEFAULT_REPOSITORY));
        try {
            return release(webAdmin, base, out, err);
        } catch (WebAdminException e) {
            err.println("postino release-held: " + e.getMessage());
            return 1;
        }
    }

    private int release(WebAdmin webAdmin, String base, PrintStream out, PrintStream err) throws WebAdminException {
        Instant now = clock.instant();
        List<Bucket> buckets = buckets(webAdmin, base);
        List<Bucket> due = buckets.stream().filter(bucket -> bucket.bucket().isDue(now)).toList();
        int failures = 0;
        int released = 0;
        for (Bucket bucket : due) {
            long size = size(webAdmin, bucket.path());
            if (size == 0) {
                continue;
            }
            String encoded = WebAdmin.encode(bucket.path());
            Map<?, ?> task = object(webAdmin.expectOk(webAdmin.patch("/mailRepositories/" + encoded
                + "/mails?action=reprocess&queue=spool", null), "reprocessing " + bucket.path()).json(), "the reprocess answer");
            String taskId = String.valueOf(task.get("taskId"));
            Map<?, ?> result = object(webAdmin.expectOk(webAdmin.get("/tasks/" + WebAdmin.encode(taskId) + "/await?timeout=1h"),
                "awaiting task " + taskId).json(), "the task");
            // A reprocessing task reports how many mails it found and how many it did not get to.
            Map<?, ?> details = result.get("additionalInformation") instanceof Map<?, ?> map ? map : Map.of();
            long initial = number(details.get("initialCount")).orElse(size);
            long remaining = number(details.get("remainingCount")).orElse(0L);
            if (!"completed".equals(result.get("status")) || remaining > 0) {
                failures++;
                err.println("postino release-held: task " + taskId + " for " + bucket.path() + " ended "
                    + result.get("status") + " with " + remaining + " mail(s) not reprocessed; they stay in the bucket "
                    + "for the next run");
            }
            long count = initial - remaining;
            released += (int) count;
            out.println("released " + count + " mail(s) from " + bucket.path() + " (due by " + bucket.bucket().dueBy()
                + "), task " + taskId + " " + result.get("status"));
        }
        if (released == 0 && failures == 0) {
            Optional<Bucket> next = buckets.stream().filter(bucket -> !bucket.bucket().isDue(now)).findFirst();
            out.println("nothing due in " + base + " at " + now + ": " + (buckets.size() - due.size())
                + " bucket(s) due later" + next.map(bucket -> ", the next by " + bucket.bucket().dueBy()).orElse(""));
        }
        return failures == 0 ? 0 : 1;
    }

    private record Bucket(String path, HoldBucket bucket) {
    }

    /** The hold buckets James knows under {@code base}, oldest first (WebAdmin's {@code GET /mailRepositories}). */
    private static List<Bucket> buckets(WebAdmin webAdmin, String base) throws WebAdminException {
        Object answer = webAdmin.expectOk(webAdmin.get("/mailRepositories"), "listing the mail repositories").json();
        if (!(answer instanceof List<?> repositories)) {
            throw new WebAdminException("listing the mail repositories: WebAdmin's answer is not a list");
        }
        List<Bucket> buckets = new ArrayList<>();
        for (Object repository : repositories) {
            if (repository instanceof Map<?, ?> map && map.get("repository") instanceof String path
                    && path.startsWith(base + "/") && path.indexOf('/', base.length() + 1) < 0) {
                HoldBucket.parse(path.substring(base.length() + 1)).ifPresent(bucket -> buckets.add(new Bucket(path, bucket)));
            }
        }
        buckets.sort(Comparator.comparing(Bucket::bucket));
        return buckets;
    }

    private static long size(WebAdmin webAdmin, String path) throws WebAdminException {
        Map<?, ?> repository = object(webAdmin.expectOk(webAdmin.get("/mailRepositories/" + WebAdmin.encode(path)),
            "reading " + path).json(), "the repository");
        try {
            return Long.parseLong(String.valueOf(repository.get("size")));
        } catch (NumberFormatException e) {
            throw new WebAdminException("reading " + path + ": WebAdmin gave no size");
        }
    }

    private static Optional<Long> number(Object value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.toString()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<?, ?> object(Object json, String what) throws WebAdminException {
        if (json instanceof Map<?, ?> map) {
            return map;
        }
        throw new WebAdminException(what + ": WebAdmin's answer is not a JSON object");
    }
}
