package dev.postino.admin.quarantine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import dev.postino.admin.Arguments;
import dev.postino.admin.UsageException;
import dev.postino.admin.WebAdmin;
import dev.postino.admin.WebAdminException;

/**
 * The quarantine, one James mail repository, through WebAdmin's mail-repository routes. The key of
 * each mail is its quarantine id. Every failure is a one-line {@link WebAdminException} that names
 * the id or the repository.
 */
public final class Quarantine {

    /** The sample configuration's quarantine, {@code memory://var/mail/quarantine/}. */
    public static final String DEFAULT_REPOSITORY = "memory://var/mail/quarantine/";
    /** Where a released message goes: the sample configuration's processor that skips inspection. */
    public static final String RELEASE_PROCESSOR = "release";
    private static final String DETAIL_FIELDS = "attributes,headers,messageSize";
    private static final int PARALLEL_READS = 4;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:@+-]{1,200}");

    /** The outcome of a WebAdmin task: its id and its final status ({@code completed}, {@code failed}, …). */
    public record Task(String id, String status) {
        public boolean completed() {
            return "completed".equals(status);
        }
    }

    private final WebAdmin webAdmin;
    private final String path;

    /** The quarantine {@code repository} names (its URL or its path, as {@code --repository} takes it). */
    public Quarantine(WebAdmin webAdmin, String repository) throws UsageException {
        this.webAdmin = webAdmin;
        this.path = Arguments.repositoryPath(repository);
    }

    /** The repository's path, e.g. {@code var/mail/quarantine}. */
    public String path() {
        return path;
    }

    private String mails() {
        return "/mailRepositories/" + WebAdmin.encode(path) + "/mails";
    }

    private String mail(String id) {
        return mails() + "/" + WebAdmin.encode(id);
    }

    /** The ids WebAdmin selects with {@code filter} (sender, recipient, age: its own conditions). */
    public List<String> ids(ListFilter filter) throws WebAdminException {
        WebAdmin.Response response = webAdmin.get(mails() + filter.query());
        if (response.status() == 404) {
            throw missingRepository();
        }
        webAdmin.expectOk(response, "listing " + path);
        List<String> ids = new ArrayList<>();
        if (response.json() instanceof List<?> list) {
            list.forEach(id -> ids.add(String.valueOf(id)));
        }
        return ids;
    }

    /** Every held message {@code filter} selects, oldest first, read a few at a time. */
    public List<HeldMail> list(ListFilter filter) throws WebAdminException {
        List<String> ids = ids(filter);
        List<HeldMail> mails = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(PARALLEL_READS);
        try {
            List<Future<Optional<HeldMail>>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(readers.submit(() -> find(id)));
            }
            for (Future<Optional<HeldMail>> read : reads) {
                // A message released or deleted meanwhile is simply no longer listed.
                read.get().filter(filter::matches).ifPresent(mails::add);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebAdminException failure) {
                throw failure;
            }
            throw new WebAdminException("listing " + path + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebAdminException("interrupted while listing " + path);
        } finally {
            readers.shutdownNow();
        }
        mails.sort(ListFilter.OLDEST_FIRST);
        return mails;
    }

    /** The message held as {@code id}, or empty if the repository has no such key. */
    public Optional<HeldMail> find(String id) throws WebAdminException {
        requireKey(id);
        WebAdmin.Response response = webAdmin.get(mail(id) + "?additionalFields=" + DETAIL_FIELDS);
        if (response.status() == 404) {
            if (repositoryMissing(response)) {
                throw missingRepository();
            }
            return Optional.empty();
        }
        webAdmin.expectOk(response, "reading " + id);
        if (!(response.json() instanceof Map<?, ?> json)) {
            throw new WebAdminException("reading " + id + ": WebAdmin's answer is not a mail");
        }
        return Optional.of(HeldMail.fromJson(json));
    }

    /** The message held as {@code id}; an unknown id is a one-line error. */
    public HeldMail get(String id) throws WebAdminException {
        return find(id).orElseThrow(() -> unknown(id));
    }

    /** The stored message, byte for byte (with Postino's {@code X-Postino-Quarantine-Id} header). */
    public byte[] raw(String id) throws WebAdminException {
        requireKey(id);
        WebAdmin.Response response = webAdmin.get(mail(id), "message/rfc822");
        if (response.status() == 404) {
            throw repositoryMissing(response) ? missingRepository() : unknown(id);
        }
        return webAdmin.expectOk(response, "downloading " + id).body();
    }

    /**
     * Deletes a message read with {@link #get}: WebAdmin answers 204 even for a key it does not hold,
     * so an unknown id is refused by reading it first.
     */
    public void delete(HeldMail mail) throws WebAdminException {
        webAdmin.expectOk(webAdmin.delete(mail(mail.id())), "deleting " + mail.id());
    }

    /**
     * Re-enqueues a message read with {@link #get} in the spool into {@code processor} (WebAdmin's
     * reprocess, which also removes it from the quarantine) and waits for the task, a little less than one
     * WebAdmin call may take so that its answer arrives. WebAdmin accepts an unknown key and fails the
     * task later: reading the message first refuses it at once.
     */
    public Task release(HeldMail mail, String processor) throws WebAdminException {
        String id = mail.id();
        WebAdmin.Response response = webAdmin.expectOk(
            webAdmin.patch(mail(id) + "?action=reprocess&processor=" + WebAdmin.encode(processor) + "&queue=spool", null),
            "releasing " + id);
        if (!(response.json() instanceof Map<?, ?> json) || !(json.get("taskId") instanceof String taskId)) {
            throw new WebAdminException("releasing " + id + ": WebAdmin answered without a task id");
        }
        Duration wait = webAdmin.timeout().minusSeconds(5);
        return await(taskId, wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
    }

    /** Waits up to {@code wait} for a WebAdmin task to end. */
    public Task await(String taskId, Duration wait) throws WebAdminException {
        WebAdmin.Response response = webAdmin.get("/tasks/" + WebAdmin.encode(taskId) + "/await?timeout="
            + Math.max(1, wait.toSeconds()) + "s");
        if (response.status() == 408) {
            return new Task(taskId, "still running after " + wait.toSeconds() + " s (GET /tasks/" + taskId + ")");
        }
        webAdmin.expectOk(response, "waiting for task " + taskId);
        if (response.json() instanceof Map<?, ?> json && json.get("status") instanceof String status) {
            return new Task(taskId, status);
        }
        throw new WebAdminException("waiting for task " + taskId + ": WebAdmin's answer has no status");
    }

    /**
     * Whether {@code id} can be a key at all: quarantine ids and James's own mail names are made of
     * these characters, and anything else is refused before it reaches a URL.
     */
    public static boolean isKey(String id) {
        return id != null && KEY.matcher(id).matches();
    }

    private static void requireKey(String id) throws WebAdminException {
        if (!isKey(id)) {
            throw new WebAdminException("'" + Shown.text(id, 40) + "' is not a quarantine id (like Q-20261201-7F3K9M2P)");
        }
    }

    private boolean repositoryMissing(WebAdmin.Response response) {
        // WebAdmin answers 404 for both; only its message tells the repository from the key.
        return response.text().contains(path + " does not exist");
    }

    private WebAdminException missingRepository() {
        return new WebAdminException("the repository " + path + " does not exist on WebAdmin at " + webAdmin.base()
            + " (see --repository; GET /mailRepositories lists them)");
    }

    private WebAdminException unknown(String id) {
        return new WebAdminException("no message " + id + " in " + path);
    }
}
