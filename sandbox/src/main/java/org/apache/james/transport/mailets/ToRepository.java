package org.apache.james.transport.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Sandbox stand-in for James's {@code ToRepository}: stores the mail in the repository named by
 * {@code repositoryPath} through James's real {@link MailRepositoryStore}, then ghosts it unless
 * {@code passThrough} is true. Same parameters and defaults as the real mailet.
 */
public class ToRepository extends GenericMailet {
    private final MailRepositoryStore store;
    private MailRepositoryUrl url;
    private boolean passThrough;

    @Inject
    public ToRepository(MailRepositoryStore store) {
        this.store = store;
    }

    @Override
    public void init() throws MessagingException {
        String path = getInitParameter("repositoryPath");
        if (path == null || path.isBlank()) {
            throw new MessagingException("ToRepository: repositoryPath is required");
        }
        try {
            url = MailRepositoryUrl.from(path);
        } catch (IllegalArgumentException e) {
            throw new MessagingException("ToRepository: bad repositoryPath '" + path + "': " + e.getMessage());
        }
        passThrough = getInitParameter("passThrough", false);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        try {
            store.select(url).store(mail);
        } catch (MailRepositoryStore.MailRepositoryStoreException e) {
            throw new MessagingException("Cannot store " + mail.getName() + " in " + url.asString(), e);
        }
        if (!passThrough) {
            mail.setState(Mail.GHOST);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Sandbox stand-in for ToRepository";
    }
}
