package dev.postino.mailets;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;

import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryPath;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.mailet.Mail;

/** A store of map-backed repositories for unit tests; {@code failing} makes every store() throw. */
class InMemoryRepositoryStore implements MailRepositoryStore {

    boolean failing;
    private final Map<MailRepositoryUrl, Repository> repositories = new LinkedHashMap<>();

    Repository repository(String url) {
        return repositories.computeIfAbsent(MailRepositoryUrl.from(url), ignored -> new Repository());
    }

    @Override
    public MailRepository select(MailRepositoryUrl url) {
        return repositories.computeIfAbsent(url, ignored -> new Repository());
    }

    @Override
    public Optional<Protocol> defaultProtocol() {
        return Optional.of(new Protocol("memory"));
    }

    @Override
    public Optional<MailRepository> get(MailRepositoryUrl url) {
        return Optional.ofNullable(repositories.get(url));
    }

    @Override
    public Stream<MailRepository> getByPath(MailRepositoryPath path) {
        return repositories.entrySet().stream().filter(e -> e.getKey().getPath().equals(path)).map(Map.Entry::getValue);
    }

    @Override
    public Stream<MailRepositoryUrl> getUrls() {
        return repositories.keySet().stream();
    }

    class Repository implements MailRepository {
        private final Map<MailKey, Mail> mails = new LinkedHashMap<>();

        List<String> keys() {
            return mails.keySet().stream().map(MailKey::asString).toList();
        }

        Mail only() {
            assert mails.size() == 1 : "expected one stored mail, found " + mails.size();
            return mails.values().iterator().next();
        }

        @Override
        public long size() {
            return mails.size();
        }

        @Override
        public MailKey store(Mail mail) throws MessagingException {
            if (failing) {
                throw new MessagingException("repository unavailable");
            }
            MailKey key = MailKey.forMail(mail);
            mails.put(key, mail.duplicate());
            return key;
        }

        @Override
        public Iterator<MailKey> list() {
            return new ArrayList<>(mails.keySet()).iterator();
        }

        @Override
        public Mail retrieve(MailKey key) {
            return mails.get(key);
        }

        @Override
        public void remove(MailKey key) {
            mails.remove(key);
        }

        @Override
        public void removeAll() {
            mails.clear();
        }
    }
}
