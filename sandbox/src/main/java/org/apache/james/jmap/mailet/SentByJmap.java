package org.apache.james.jmap.mailet;

import java.util.Collection;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** Sandbox stand-in for James's {@code SentByJmap}: no sandbox mail is submitted over JMAP. */
public class SentByJmap extends GenericMatcher {
    @Override
    public Collection<MailAddress> match(Mail mail) {
        return List.of();
    }
}
